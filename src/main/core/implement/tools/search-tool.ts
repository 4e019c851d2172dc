// search: a JavaScript regular expression over the working copy's text files, run in a worker thread so a pattern
// that backtracks for ever, or a large copy, never stalls the main process's event loop; the worker is ended at the
// time limit or on cancel. Binary files, huge files and symlinks are skipped; the answer is bounded.

import { Worker } from 'node:worker_threads';
import picomatch from 'picomatch';
import { FleetError } from '../../../../shared/errors';
import { compareNames } from '../../git/name-bytes';
import { ToolError, type ToolContext, type ToolResult } from './tool-context';

/** The worker's code, as plain JavaScript evaluated in the thread (no bundler entry needed); one search per message. */
const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
const { readFileSync } = require('node:fs');
parentPort.on('message', ({ pattern, files, maxMatches, lineChars }) => {
  const re = new RegExp(pattern);
  // Most files hold no match: one test of the whole text (multiline, so ^ and $ still meet line ends) skips them
  // without splitting lines. Lookarounds could see across a line end, so with them every line is tested.
  const whole = /\\(\\?<?[=!]/.test(pattern) ? null : new RegExp(pattern, 'm');
  const matches = [];
  let binary = 0, searched = 0, stopped = false;
  for (const file of files) {
    let bytes;
    try { bytes = readFileSync(Buffer.from(file.full)); } catch { continue; }
    if (bytes.subarray(0, 8000).includes(0)) { binary++; continue; }
    searched++;
    const text = bytes.toString('utf8');
    if (whole && !whole.test(text)) continue;
    const lines = text.split('\\n');
    for (let i = 0; i < lines.length; i++) {
      if (!re.test(lines[i])) continue;
      if (matches.length === maxMatches) { stopped = true; break; }
      const line = lines[i].replace(/\\r$/, '');
      matches.push(file.path + ':' + (i + 1) + ': ' + (line.length > lineChars ? line.slice(0, lineChars) + ' …' : line));
    }
    if (stopped) break;
  }
  parentPort.postMessage({ matches, binary, searched, stopped });
});
`;

interface WorkerAnswer {
  matches: string[];
  binary: number;
  searched: number;
  stopped: boolean;
}

/** Idle search workers, kept (unref'd) because starting a thread costs more than most searches; a stopped one is ended. */
const idle: Worker[] = [];
const MAX_IDLE = 4;

function runWorker(data: unknown, timeoutMs: number, signal: AbortSignal | undefined): Promise<WorkerAnswer> {
  return new Promise((resolve, reject) => {
    const worker = idle.pop() ?? new Worker(WORKER_SOURCE, { eval: true });
    worker.ref();
    const end = (keep: boolean, settle: () => void) => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      worker.off('message', onMessage);
      worker.off('error', onError);
      if (keep && idle.length < MAX_IDLE) {
        worker.unref();
        idle.push(worker);
      } else void worker.terminate();
      settle();
    };
    const timer = setTimeout(() => end(false, () => reject(new ToolError(`The search took longer than ${timeoutMs / 1000} s and was stopped; simplify the pattern (nested repeats like (a+)+ backtrack) or narrow it with a glob.`))), timeoutMs);
    const onAbort = () => end(false, () => reject(new FleetError('CANCELLED', 'The search was cancelled.')));
    const onMessage = (answer: WorkerAnswer) => end(true, () => resolve(answer));
    const onError = (error: Error) => end(false, () => reject(error));
    signal?.addEventListener('abort', onAbort);
    worker.on('message', onMessage);
    worker.on('error', onError);
    worker.postMessage(data);
  });
}

/** search(pattern, glob?): matching lines as `path:line: text`, at most searchMaxMatches of them. */
export async function searchTool(ctx: ToolContext, pattern: string, glob: string | undefined, signal?: AbortSignal): Promise<ToolResult> {
  try {
    new RegExp(pattern);
  } catch (error) {
    throw new ToolError(`The pattern ${JSON.stringify(pattern)} is not a valid JavaScript regular expression: ${(error as Error).message}.`);
  }
  const inGlob = glob ? picomatch(glob.replace(/^\.\//u, ''), { dot: true }) : () => true;
  const all = await ctx.files();
  const candidates = [...all.values()].filter((file) => file.mode !== '120000' && file.mode !== '160000' && inGlob(file.path)).sort((a, b) => compareNames(a.path, b.path));
  const large = candidates.filter((file) => file.stats.size > ctx.limits.searchMaxFileBytes);
  const files = candidates.filter((file) => file.stats.size <= ctx.limits.searchMaxFileBytes).map((file) => ({ path: file.path, full: file.full }));
  const answer = await runWorker({ pattern, files, maxMatches: ctx.limits.searchMaxMatches, lineChars: ctx.limits.searchLineChars }, ctx.limits.searchTimeoutMs, signal);
  const notes: string[] = [];
  if (answer.stopped) notes.push(`stopped after ${answer.matches.length} matches; narrow the pattern or add a glob to see the rest`);
  if (answer.binary > 0) notes.push(`${answer.binary} binary files skipped`);
  if (large.length > 0) notes.push(`${large.length} files over ${ctx.limits.searchMaxFileBytes} bytes skipped (${large.slice(0, 3).map((f) => f.path).join(', ')}${large.length > 3 ? ', …' : ''})`);
  const summary = `${answer.matches.length} matches in ${answer.searched} files searched${notes.length ? `; ${notes.join('; ')}` : ''}.`;
  if (answer.matches.length === 0) return { content: `No line matches ${JSON.stringify(pattern)}${glob ? ` in files matching ${JSON.stringify(glob)}` : ''} (${summary})` };
  return { content: `${answer.matches.join('\n')}\n(${summary})`, truncated: answer.stopped };
}
