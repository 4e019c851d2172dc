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

/** Each phase of the run's method with its status; a run that ended badly marks the phase it stopped in as failed. */
export function phaseStatuses(run: Pick<DeployRun, 'method' | 'phase' | 'state'>): Array<{ phase: DeployPhase; status: PhaseStatus }> {
  const phases = phasesOf(run.method);
  const ended = run.state !== 'running';
  const at = Math.max(0, phases.indexOf(run.phase));
  return phases.map((phase, i) => {
    if (ended && run.state === 'succeeded') return { phase, status: 'done' };
    if (i < at) return { phase, status: 'done' };
    if (i > at) return { phase, status: 'pending' };
    // The phase the run is in: still going, or where it stopped (a failed run is still recorded, so "finished"
    // itself is done once it is reached).
    if (!ended) return { phase, status: 'current' };
    return { phase, status: phase === 'finished' ? 'done' : 'failed' };
  });
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

/** Whether a run is over. */
export function isFinished(run: Pick<DeployRun, 'state'>): boolean {
  return run.state !== 'running';
}
