// An OpenAI-compatible loopback provider for the end-to-end specs: the unit tests' wire-true server (SSE
// chunks, a final usage chunk, [DONE]), answering slowly enough that a stream can be watched arriving.

import { openAiStream, startProviderServer, type Answer, type ProviderServer, type RecordedRequest } from '../../tests/helpers/provider-servers';

export type { ProviderServer };

/** Streams `text(request)` in small pieces with `pauseMs` between them. */
export function startSlowOpenAiServer(text: (request: RecordedRequest) => string, pauseMs = 60): Promise<ProviderServer> {
  return startProviderServer((request): Answer => {
    const answer = openAiStream(text(request), { chunkSize: 6, promptTokens: 1200 });
    if (answer.type !== 'stream') return answer;
    const frames: Array<string | { pauseMs: number }> = [];
    for (const frame of answer.frames) frames.push(frame as string, { pauseMs });
    return { type: 'stream', frames };
  });
}

/** The module a prompt is about, from the "# Module: <title>" line the prompt templates start with. */
export function moduleOf(request: RecordedRequest): string {
  return /# Module: ([^\n\\"]+)/.exec(JSON.stringify(request.body.messages ?? ''))?.[1] ?? 'the module';
}
