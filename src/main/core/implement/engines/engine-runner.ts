// Runs one agent CLI for one run: through the launcher (sandbox, secret-free env, process-group kill), in the
// working copy, with only the engine's own variables and config folders granted, stdin at /dev/null or the prompt
// file (a question cannot wait for an answer), a time cap, cancel, and a budget watched on every cost it reports.

import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ImplementStop, TranscriptEntry } from '../../../../shared/types-implement';
import type { ResolvedVariable } from '../../launcher/command-env';
import type { Launcher } from '../../launcher/launcher';
import type { LaunchPath } from '../../launcher/bubblewrap';
import { ensurePrivateFolder } from '../../launcher/work-folders';
import { EngineTranscript } from './normaliser';
import type { EngineAdapter } from './types';

/** A line that reads as a question to the user (y/n, press enter, a trailing question mark). */
const QUESTION = /(\(y\/n\)|\[y\/n\]|\(yes\/no\)|press enter|\?\s*$)/i;

export interface EngineRunRequest {
  engine: EngineAdapter;
  launcher: Launcher;
  workdir: string;
  prompt: string;
  model: string | null;
  maxTurns: number;
  /** What the run may still spend; null: no cap. */
  budgetUsd: number | null;
  timeoutMs: number;
  signal?: AbortSignal;
  /** The app's environment: only the engine's own variables are taken from it. */
  hostEnv: NodeJS.ProcessEnv;
  home: string;
  /** Keys the user mapped to this engine explicitly (name -> value); nothing else secret is given. */
  credentials?: Record<string, string>;
  /** Other paths the CLI must read (the user's object store the copy's git links to). */
  readPaths?: string[];
  resumeSession?: string | null;
  allowedCommands?: string[];
  template?: string;
  /** The price of tokens for engines that report tokens but no cost; without it their cost is unknown. */
  price?: (tokensIn: number, tokensOut: number) => number;
  /** No output for this long ends the run (default 5 minutes); after a question-like line, `questionMs` (default 5 s). */
  idleMs?: number;
  questionMs?: number;
  firstSeq?: number;
  killGraceMs?: number;
  onEntries(entries: TranscriptEntry[], counters: EngineCounters): void;
}

export interface EngineCounters {
  turns: number;
  toolCalls: number;
  tokensIn: number;
  tokensOut: number;
  /** null: the engine reports no cost and no price was given ("cost unknown"). */
  costUsd: number | null;
}

export interface EngineRunResult extends EngineCounters {
  stop: ImplementStop;
  /** One sentence naming the engine and how it ended. */
  message: string;
  exitCode: number | null;
  sessionId: string | null;
  transcript: TranscriptEntry[];
}

type Why = 'cancelled' | 'budget' | 'idle' | 'question';

/** Runs the engine to its end; never throws for what the CLI did (a missing CLI, an exit code): the result says it. */
export async function runEngine(request: EngineRunRequest): Promise<EngineRunResult> {
  const { engine, launcher } = request;
  const transcript: TranscriptEntry[] = [];
  await ensurePrivateFolder(launcher.workRoot);
  const promptDir = await mkdtemp(join(launcher.workRoot, 'prompt-'));
  const promptFile = join(promptDir, 'prompt.md');
  await writeFile(promptFile, request.prompt, { mode: 0o600 });
  const stopper = new AbortController();
  let why: Why | null = null;
  const stop = (reason: Why) => {
    if (why) return;
    why = reason;
    stopper.abort();
  };
  const onAbort = () => stop('cancelled');
  if (request.signal?.aborted) onAbort();
  request.signal?.addEventListener('abort', onAbort, { once: true });
  const counters = (): EngineCounters => ({ turns: log.turns, toolCalls: log.toolCalls, tokensIn: log.tokensIn, tokensOut: log.tokensOut, costUsd: costOf() });
  const log: EngineTranscript = new EngineTranscript(request.firstSeq ?? 0, (entries) => {
    transcript.push(...entries);
    request.onEntries(entries, counters());
  });
  const costOf = () => log.costUsd ?? (request.price ? request.price(log.tokensIn, log.tokensOut) : null);
  const parse = engine.parser();
  let partial = '';
  let lastLine = '';
  let lastOutput = Date.now();
  const onLine = (line: string) => {
    if (!line.trim()) return;
    lastLine = line;
    log.push(parse(line));
    if (log.question !== null) stop('question');
    const cost = costOf();
    if (request.budgetUsd !== null && cost !== null && cost >= request.budgetUsd) stop('budget');
  };
  const idleMs = request.idleMs ?? 5 * 60_000;
  const questionMs = request.questionMs ?? 5000;
  const watch = setInterval(() => {
    const quiet = Date.now() - lastOutput;
    if (quiet >= idleMs) stop('idle');
    // A CLI that asked and now waits on stdin (which is /dev/null or the prompt file) prints nothing more.
    else if (quiet >= questionMs && QUESTION.test(lastLine.trim())) {
      log.question ??= lastLine.trim().slice(0, 300);
      stop('question');
    }
    log.flush();
  }, Math.min(1000, questionMs / 2));
  try {
    const command = engine.command({
      promptFile,
      workdir: request.workdir,
      model: request.model,
      maxTurns: request.maxTurns,
      budgetUsd: request.budgetUsd,
      resumeSession: request.resumeSession ?? null,
      allowedCommands: request.allowedCommands ?? [],
      ...(request.template !== undefined ? { template: request.template } : {}),
    });
    const paths: LaunchPath[] = [
      { path: promptDir, write: false },
      ...(request.readPaths ?? []).map((path) => ({ path, write: false })),
      ...engine.configPaths.map((rel) => ({ path: join(request.home, rel), write: true })),
    ];
    const variables: ResolvedVariable[] = engine.variables.filter((name) => request.hostEnv[name] !== undefined).map((name) => ({ name, value: request.hostEnv[name]!, secret: false }));
    const outcome = await launcher.run({
      command,
      cwd: request.workdir,
      timeoutMs: request.timeoutMs,
      signal: stopper.signal,
      ...(request.killGraceMs !== undefined ? { killGraceMs: request.killGraceMs } : {}),
      variables,
      credentials: request.credentials ?? {},
      paths,
      onOutput: (chunk) => {
        lastOutput = Date.now();
        const lines = (partial + chunk.toString('utf8')).split(/\r?\n/);
        partial = lines.pop() ?? '';
        lines.forEach(onLine);
      },
    });
    if (partial) onLine(partial);
    if (parse.end) log.push(parse.end());
    log.finish();
    const ending = describeEnd(engine, outcome.ended, outcome.exitCode, outcome.spawnError, why, log, request);
    log.notice(ending.stop === 'finished' ? 'info' : 'error', ending.message);
    return { ...counters(), ...ending, exitCode: outcome.exitCode, sessionId: log.sessionId, transcript };
  } finally {
    clearInterval(watch);
    request.signal?.removeEventListener('abort', onAbort);
    await rm(promptDir, { recursive: true, force: true });
  }
}

function describeEnd(
  engine: EngineAdapter,
  ended: string,
  exitCode: number | null,
  spawnError: string | undefined,
  why: Why | null,
  log: EngineTranscript,
  request: EngineRunRequest,
): { stop: ImplementStop; message: string } {
  const name = engine.title;
  const minutes = Math.round(request.timeoutMs / 60_000);
  if (why === 'budget') return { stop: 'budget', message: `${name} was stopped: the cost it reported reached the budget of $${request.budgetUsd!.toFixed(2)} (a CLI reports cost after a call, so the run may overshoot by at most one model call).` };
  if (why === 'cancelled') return { stop: 'cancelled', message: `${name} was cancelled; it and everything it started were ended.` };
  if (why === 'question') return { stop: 'error', message: `${name} asked an interactive question and was ended (no one can answer it in a run): ${log.question ?? 'its last line read as a question'}` };
  if (why === 'idle') return { stop: 'error', message: `${name} printed nothing for ${Math.round((request.idleMs ?? 300_000) / 1000)} seconds and was ended (it may have been waiting for input).` };
  if (ended === 'timed-out') return { stop: 'max-time', message: `${name} reached the time cap of ${minutes} minutes and was ended.` };
  if (ended === 'spawn-failed') return { stop: 'error', message: `${name} could not be started: ${spawnError ?? 'unknown reason'}.` };
  if (exitCode === 127) return { stop: 'error', message: `${name} was not found on PATH (${engine.installHint}).` };
  if (log.result?.stop) return { stop: log.result.stop, message: `${name} stopped itself at its ${log.result.stop === 'budget' ? 'budget' : 'turn'} limit.` };
  if (exitCode !== 0) return { stop: 'error', message: `${name} exited with code ${exitCode ?? 'none'}${log.result?.text ? `: ${log.result.text}` : ''}.` };
  if (log.result && !log.result.ok) return { stop: 'error', message: `${name} reported an error: ${log.result.text ?? 'no reason given'}.` };
  return { stop: 'finished', message: `${name} finished${log.costUsd === null && !request.price ? ' (cost unknown)' : ''}.` };
}
