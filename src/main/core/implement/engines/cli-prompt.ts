// What an agent CLI is told: the same context the built-in loop's first message carries (the module's documents, its
// files, conventions), with the rules in words a CLI with its own tools can follow (edit here, never commit or push,
// run the check, ask nothing); the message of a repair round; and a follow-up's prompt for a CLI that cannot resume.

import type { ChangedFile, TranscriptEntry } from '../../../../shared/types-implement';
import { headAndTail, REPAIR_OUTPUT_CHARS } from '../loop/bounded-text';
import { FIRST_MESSAGE_CLOSING } from '../prompt/build-prompt';

export interface CliPromptInput {
  moduleId: string;
  title: string;
  patterns: string[];
  checkCommand: string | null;
  /** The built-in loop's first message for the same run (documents, files, conventions). */
  firstMessage: string;
}

/** The rules of a working copy for an agent CLI. */
function rules(input: Pick<CliPromptInput, 'patterns' | 'checkCommand'>): string {
  const patterns = input.patterns.length ? input.patterns.map((p) => `"${p}"`).join(', ') : '(none)';
  return [
    'Rules of this working copy:',
    '- Edit the files in the current folder (the working copy) with your own tools; change nothing outside it.',
    '- Do not commit, push, create branches or tags, or change git configuration or anything under .git: the user reviews your change and Fleet Control commits it (commits made anyway are folded into that one change).',
    `- The module's path patterns are ${patterns}; stay within them unless the design needs a change elsewhere (keep it small and say why).`,
    '- Leave the documents folder alone: the module\'s documents are the design, not your output.',
    input.checkCommand
      ? `- Run the module's check (\`${input.checkCommand}\`) before you end and fix what it reports; after you end it runs again, and a failure comes back to you.`
      : '- No check command is configured for this module: verify your change by reading the code and its tests carefully.',
    '- Ask no questions: no one can answer them during the run. Decide, and say what you assumed.',
    '- When the change is complete, end with a summary of what you changed and why, file by file, and anything left undone.',
  ].join('\n');
}

/** The whole prompt of a first launch. */
export function cliPrompt(input: CliPromptInput): string {
  const context = input.firstMessage.replace(FIRST_MESSAGE_CLOSING, '').trimEnd();
  return [`You are a software engineer implementing the "${input.title}" module (${input.moduleId}) of a codebase.`, '', rules(input), '', context, ''].join('\n');
}

/** A repair round's message: what failed and the check's output (head and tail). */
export function cliRepairMessage(failed: { output: string; state: string; exitCode: number | null }, round: number, rounds: number): string {
  const how = failed.exitCode === null ? failed.state : `${failed.state}, exit code ${failed.exitCode}`;
  return [
    `The module's check failed after you ended (${how}). Repair round ${round} of ${rounds}.`,
    'Its output:',
    '```',
    headAndTail(failed.output, REPAIR_OUTPUT_CHARS).text.replaceAll('```', '`\u200b``'),
    '```',
    'Fix the cause in the working copy, run the check to confirm, then end with a summary of all your changes. Do not commit.',
  ].join('\n');
}

const clip = (text: string, max: number): string => (text.length > max ? `${text.slice(0, max)}…` : text);

/** The conversation so far in a few lines: instructions, what the agent said last, checks, the files changed now. */
export function summariseRun(transcript: TranscriptEntry[], files: ChangedFile[]): string {
  const lines: string[] = [];
  const said = transcript.filter((e) => e.type === 'model').slice(-6);
  for (const entry of transcript) {
    if (entry.type === 'instruction') lines.push(`- ${entry.followUp ? 'Follow-up' : 'Task'} from the user: ${clip(entry.text, 800)}`);
    else if (entry.type === 'check') lines.push(`- Check round ${entry.round}: ${entry.state}${entry.exitCode !== null ? ` (exit ${entry.exitCode})` : ''}`);
    else if (entry.type === 'model' && said.includes(entry)) lines.push(`- The agent said: ${clip(entry.text.replace(/\s+/g, ' ').trim(), 600)}`);
  }
  const changed = files.length ? files.map((f) => `  - ${f.status} ${f.path}`).join('\n') : '  (none)';
  return [...lines, `- Files changed in the working copy so far:\n${changed}`].join('\n');
}

/** A follow-up's prompt: resumed sessions get the instruction alone (they remember the rest); a new launch gets it all. */
export function cliFollowUpPrompt(instruction: string, resumed: boolean, earlier: { prompt: string; summary: string } | null): string {
  const ask = `## Follow-up from the user\n${instruction}\n\nChange the working copy accordingly (do not commit), then end with a summary of all your changes.`;
  if (resumed || !earlier) return ask;
  return [earlier.prompt.trimEnd(), '', '## The work so far (this working copy already holds it)', earlier.summary, '', ask, ''].join('\n');
}
