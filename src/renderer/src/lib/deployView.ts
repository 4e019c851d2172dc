// What the Deploy screen derives from a run and the records: the phases a method goes through and where the run
// is among them, whether a typed confirmation matches, the tail of a log, a module's latest deployment.

import type { DeployMethodType } from '../../../shared/deploy-config';
import type { DeployPhase, DeployRun, ModuleDeployment } from '../../../shared/types-deploy';

export type PhaseStatus = 'done' | 'current' | 'pending' | 'failed';

const ALL_PHASES: DeployPhase[] = ['preparing', 'dispatching', 'waiting', 'running', 'recording', 'finished'];

/** The phases a method goes through: a command is neither dispatched nor waited for. */
export function phasesOf(method: DeployMethodType): DeployPhase[] {
  return method === 'command' ? ALL_PHASES.filter((p) => p !== 'dispatching' && p !== 'waiting') : ALL_PHASES;
}

/**
 * The phase a deploy that ended badly stopped in. The run reports 'recording' then 'finished' whatever the outcome,
 * so this is read from what it reached: a step that started means it stopped while running; else a pipeline with a
 * run link stopped waiting for that run, one without stopped dispatching, and a command stopped preparing.
 */
export function stoppedPhase(run: Pick<DeployRun, 'method' | 'steps' | 'links'>): DeployPhase {
  if (run.steps.some((step) => step.state !== 'pending')) return 'running';
  if (run.method === 'command') return 'preparing';
  return run.links.length > 0 ? 'waiting' : 'dispatching';
}

/** Each phase of the run's method with its status; a run that ended badly shows the phase it stopped in as failed.
 *  The outcome is known while the record is still being written ('recording'), which stays current until finished. */
export function phaseStatuses(run: Pick<DeployRun, 'method' | 'phase' | 'state' | 'steps' | 'links'>): Array<{ phase: DeployPhase; status: PhaseStatus }> {
  const phases = phasesOf(run.method);
  const at = Math.max(0, phases.indexOf(run.phase));
  const reached = (i: number): PhaseStatus => (i < at ? 'done' : i === at ? (run.phase === 'finished' ? 'done' : 'current') : 'pending');
  if (run.state === 'running' || run.state === 'succeeded') return phases.map((phase, i) => ({ phase, status: reached(i) }));
  // Ended badly: done up to the phase it stopped in, never reached after it until the recording.
  const stopped = phases.indexOf(stoppedPhase(run));
  const recording = phases.indexOf('recording');
  return phases.map((phase, i) => ({ phase, status: i < stopped ? 'done' : i === stopped ? 'failed' : i < recording ? 'pending' : reached(i) }));
}

/** Whether what the user typed confirms the deploy: the environment's name exactly (spaces around it forgiven). */
export function confirmationMatches(confirmation: 'name' | 'yes', environment: string, typed: string): boolean {
  return confirmation === 'yes' || typed.trim() === environment;
}

/** Keeps a growing log bounded: the last `maxChars` characters, starting at a whole line. */
export function appendBounded(log: string, chunk: string, maxChars = 64 * 1024): string {
  const text = log + chunk;
  if (text.length <= maxChars) return text;
  const cut = text.slice(text.length - maxChars);
  const newline = cut.indexOf('\n');
  return newline >= 0 && newline < cut.length - 1 ? cut.slice(newline + 1) : cut;
}

/** The last `lines` lines of a log (a trailing newline does not count as an empty line). */
export function logTail(log: string, lines: number): { text: string; hidden: number } {
  const all = log.replace(/\n$/, '').split('\n');
  if (log === '') return { text: '', hidden: 0 };
  const hidden = Math.max(0, all.length - lines);
  return { text: all.slice(hidden).join('\n'), hidden };
}

/** A module's deployments newest first, so the card shows where its changes went last. */
export function latestDeployments(deployments: ModuleDeployment[]): ModuleDeployment[] {
  return [...deployments].sort((a, b) => b.deployedAt.localeCompare(a.deployedAt) || a.environment.localeCompare(b.environment));
}

/** Whether a run is over: its outcome known and its record written (or failed to be). */
export function isFinished(run: Pick<DeployRun, 'phase'>): boolean {
  return run.phase === 'finished';
}
