// The failing checks of a branch tip on GitHub with what a model needs to fix them: each failing check run's output
// (title, summary, text) and annotations, and for a GitHub Actions job its log (the REST logs endpoint answers with a
// redirect to a download, read as head and tail); failing commit statuses with their description. All redacted.

import { FleetError } from '../../../../shared/errors';
import type { CiFailedCheck } from '../../../../shared/types-ci-repair';
import { redact } from '../../secrets/redactor';
import { gitHubCiError } from '../ci-errors';
import type { GitHubCiHost } from '../ci-host';
import { DEFAULT_EXCERPT, excerptLines, firstLines, keepEnd, readHeadAndTail } from './log-excerpt';

const FAILING_CONCLUSIONS = new Set(['failure', 'timed_out', 'action_required', 'startup_failure']);
/** Logs are read for at most this many failing jobs (each is a download). */
const MAX_LOGS = 4;

export interface GitHubFailures {
  tip: string;
  checks: CiFailedCheck[];
}

const webUrl = (url: string | null | undefined): string | null => (url && /^https?:\/\//i.test(url) ? url : null);

/** The commit the host holds for `branch` (the combined status names it), or `tip` when given. */
async function hostTip(host: GitHubCiHost, branch: string): Promise<string> {
  try {
    const { data } = await host.octokit.rest.repos.getCombinedStatusForRef({ owner: host.owner, repo: host.repo, ref: branch, per_page: 1 });
    return data.sha;
  } catch (error) {
    const status = (error as { status?: number }).status;
    if (status === 404 || status === 422) throw new FleetError('BRANCH_NOT_PUSHED', `${branch} is not on ${host.repository} ("${host.remote}"), so it has no CI to repair: push it first.`, { branch, remote: host.remote });
    throw gitHubCiError(error, host.context(`read the CI of ${branch}`));
  }
}

/** A job's log: GET …/actions/jobs/{id}/logs answers 302 to a short-lived download, which is fetched without the token. */
async function jobLog(host: GitHubCiHost, jobId: number, fetchImpl: typeof fetch, signal?: AbortSignal): Promise<{ excerpt: string | null; note: string | null }> {
  let location: string | undefined;
  try {
    const response = await host.octokit.request('GET /repos/{owner}/{repo}/actions/jobs/{job_id}/logs', {
      owner: host.owner,
      repo: host.repo,
      job_id: jobId,
      request: { redirect: 'manual', parseSuccessResponseBody: false },
    });
    location = response.headers.location;
  } catch (error) {
    const status = (error as { status?: number }).status;
    if (status === 403) return { excerpt: null, note: 'log not read: the token lacks "Actions: read"' };
    if (status === 404 || status === 410) return { excerpt: null, note: 'log not available (expired or not kept)' };
    throw gitHubCiError(error, host.context('read a job log'));
  }
  if (!location) return { excerpt: null, note: 'log not available (no download address)' };
  const download = await fetchImpl(location, { redirect: 'follow', signal: signal ? AbortSignal.any([signal, AbortSignal.timeout(60_000)]) : AbortSignal.timeout(60_000) });
  if (!download.ok || !download.body) return { excerpt: null, note: `log download answered ${download.status}` };
  const log = await readHeadAndTail(download.body);
  const headLines = log.head.split('\n');
  if (log.tail && headLines.length > 1) headLines.pop(); // the head's last line may be cut mid-way
  const tailLines = log.tail ? log.tail.split('\n') : [];
  const middle = log.tail ? `${log.totalBytes - Buffer.byteLength(log.head) - Buffer.byteLength(log.tail)} bytes` : '';
  return { excerpt: excerptLines(headLines, DEFAULT_EXCERPT, tailLines, middle), note: null };
}

interface CheckRunLike {
  id: number;
  name: string;
  conclusion: string | null;
  html_url: string | null;
  details_url?: string | null;
  app?: { slug?: string } | null;
  output: { title: string | null; summary: string | null; text?: string | null; annotations_count?: number };
}

async function annotations(host: GitHubCiHost, run: CheckRunLike): Promise<string | null> {
  if (!run.output.annotations_count) return null;
  const { data } = await host.octokit.rest.checks.listAnnotations({ owner: host.owner, repo: host.repo, check_run_id: run.id, per_page: 50 });
  const lines = data.filter((a) => a.annotation_level !== 'notice').map((a) => `${a.path}:${a.start_line}: ${a.annotation_level}: ${a.title ? `${a.title}: ` : ''}${a.message ?? ''}`);
  return lines.length ? keepEnd(lines.join('\n'), 3000) : null;
}

/** The failing check runs and statuses of `branch` on GitHub at its tip (or at `tip`), each with a bounded, redacted excerpt. */
export async function gitHubFailures(host: GitHubCiHost, branch: string, options: { tip?: string; fetch?: typeof fetch; signal?: AbortSignal } = {}): Promise<GitHubFailures> {
  const tip = options.tip ?? (await hostTip(host, branch));
  const context = host.context(`read the CI of ${branch}`);
  let runs: CheckRunLike[];
  let statuses: Array<{ context: string; state: string; description: string | null; target_url: string | null }>;
  try {
    runs = (await host.octokit.paginate(host.octokit.rest.checks.listForRef, { owner: host.owner, repo: host.repo, ref: tip, per_page: 100 })) as CheckRunLike[];
    statuses = (await host.octokit.rest.repos.getCombinedStatusForRef({ owner: host.owner, repo: host.repo, ref: tip, per_page: 100 })).data.statuses;
  } catch (error) {
    throw gitHubCiError(error, context);
  }
  const checks: CiFailedCheck[] = [];
  let logsRead = 0;
  for (const run of runs.filter((r) => r.conclusion && FAILING_CONCLUSIONS.has(r.conclusion))) {
    const summary = firstLines([run.output.title, run.output.summary].filter(Boolean).join('\n'));
    let excerpt: string | null = null;
    let source: CiFailedCheck['source'] = null;
    let note: string | null = null;
    try {
      if (run.app?.slug === 'github-actions' && logsRead < MAX_LOGS) {
        logsRead++;
        ({ excerpt, note } = await jobLog(host, run.id, options.fetch ?? fetch, options.signal));
        if (excerpt) source = 'job-log';
      }
      if (!excerpt) {
        const found = (await annotations(host, run)) ?? (run.output.text ? keepEnd(run.output.text, DEFAULT_EXCERPT.maxChars) : null);
        if (found) [excerpt, source] = [found, run.output.annotations_count ? 'annotations' : 'check-output'];
      }
    } catch (error) {
      if ((error as { name?: string }).name === 'AbortError' || options.signal?.aborted) throw new FleetError('CANCELLED', 'The operation was cancelled.');
      note = `log not read: ${gitHubCiError(error, context).message}`;
    }
    checks.push({ name: run.name, kind: 'check-run', url: webUrl(run.html_url ?? run.details_url), summary, excerpt, source, note });
  }
  for (const status of statuses.filter((s) => s.state === 'failure' || s.state === 'error')) {
    checks.push({ name: status.context, kind: 'status', url: webUrl(status.target_url), summary: firstLines(status.description), excerpt: null, source: 'status', note: 'a commit status carries no log; see its page' });
  }
  return { tip, checks: redact(checks) };
}
