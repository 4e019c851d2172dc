// Child process of the agents bench: an OpenAI-compatible chat-completions server on loopback that streams
// quickly (one SSE chunk per token, a pause every 10 tokens: 1 ms unless given; lines of 20 tokens in paragraphs of
// 100) and ends with a usage chunk and [DONE].
// Prints its port on stdout. Usage: node agent-server.mjs <tokens per answer> [<pause ms per 10 tokens>]

import { createServer } from 'node:http';

const TOKENS = Number(process.argv[2] ?? 1500);
const TOKEN = 'tok ';
const PAUSE_MS = Number(process.argv[3] ?? 1);
const pause = () => new Promise((resolve) => setTimeout(resolve, PAUSE_MS));
const frame = (data) => `data: ${JSON.stringify(data)}\n\n`;

const server = createServer((req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', async () => {
    const body = Buffer.concat(chunks).toString('utf8');
    const base = { id: 'chatcmpl-bench', object: 'chat.completion.chunk', created: 0, model: 'bench-model' };
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
    res.write(frame({ ...base, choices: [{ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: null }] }));
    for (let i = 0; i < TOKENS; i++) {
      if (res.destroyed) return;
      // Lines of 20 tokens, paragraphs of 5 lines, as a document has: still four characters a token.
      const content = i % 100 === 99 ? 'to\n\n' : i % 20 === 19 ? 'tok\n' : TOKEN;
      res.write(frame({ ...base, choices: [{ index: 0, delta: { content }, finish_reason: null }] }));
      if (i % 10 === 9) await pause();
    }
    res.write(frame({ ...base, choices: [{ index: 0, delta: {}, finish_reason: 'stop' }] }));
    res.write(frame({ ...base, choices: [], usage: { prompt_tokens: Math.ceil(body.length / 4), completion_tokens: TOKENS, total_tokens: Math.ceil(body.length / 4) + TOKENS } }));
    res.end('data: [DONE]\n\n');
  });
});
server.listen(0, '127.0.0.1', () => process.stdout.write(`${server.address().port}\n`));
process.on('disconnect', () => process.exit(0));
