// The custom engine: any other CLI from a command template with {prompt_file}, {workdir} and {model} (each
// substituted as one quoted shell word). It has no structured output: every line is plain text for the transcript.

import { FleetError } from '../../../../shared/errors';
import type { EngineAdapter } from './types';
import { shellWord } from './shell-words';

const PLACEHOLDER = /\{(prompt_file|workdir|model)\}/g;

/** The template with its placeholders filled in; refuses one without {prompt_file} (the agent would get no task). */
export function fillTemplate(template: string, values: { prompt_file: string; workdir: string; model: string }): string {
  if (!template.includes('{prompt_file}')) throw new FleetError('INVALID_INPUT', 'The custom engine\'s command template must contain {prompt_file}.', { field: 'template' });
  return template.replace(PLACEHOLDER, (_, name: keyof typeof values) => shellWord(values[name]));
}

export const custom: EngineAdapter = {
  id: 'custom',
  title: 'Custom command',
  program: null,
  versionArgs: [],
  installHint: 'a command template in the settings, for example: my-agent --task {prompt_file} --model {model}',
  variables: [],
  configPaths: [],
  enforces: ['nothing of its own that Fleet Control knows of'],
  cannot: ['no structured output: no tool calls, tokens or cost are read (cost unknown; the time cap ends it)', 'cannot continue a session: a follow-up starts it again with the conversation summarised'],
  reportsCost: false,
  reportsTokens: false,
  canResume: false,
  command(input) {
    return fillTemplate(input.template ?? '', { prompt_file: input.promptFile, workdir: input.workdir, model: input.model ?? '' });
  },
  parser() {
    return (text) => [{ kind: 'output', text }];
  },
};
