// DEPLOYMENT_RUNBOOK.md's generated section: each environment as the manifest configures it (branch, method, how it
// is confirmed, its time limit) and what the deployment log on the workspace branch says happened, newest first.

import { confirmationOf, DEFAULT_DEPLOY_TIMEOUT_MINUTES } from '../../../shared/deploy-config';
import type { Manifest } from '../../../shared/manifest';
import type { DeploymentRecord } from '../../../shared/types-deploy';
import { describeMethod, sourceBranchOf } from '../deploy/environments';

/** Recent deploys listed per environment. */
const RECENT = 10;

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\s+/g, ' ');

/** The generated section of the runbook from the manifest's environments and the log's records (newest first). */
export function renderRunbookSection(manifest: Manifest, records: DeploymentRecord[]): string {
  const environments = manifest.environments ?? [];
  if (environments.length === 0) {
    return 'No deploy environments are configured in the manifest (.fleet/manifest.json on the workspace branch). Add them in the Deploy screen.';
  }
  const lines: string[] = [`${environments.length} environment${environments.length === 1 ? '' : 's'}, from the manifest on ${manifest.workspaceBranch}.`, ''];
  for (const env of environments) {
    const own = records.filter((r) => r.environment === env.name);
    const last = own.find((r) => r.outcome === 'succeeded');
    lines.push(`### ${env.name}`, '');
    lines.push(`- Deploys: the tip of \`${sourceBranchOf(manifest, env)}\` (${env.from === 'base' ? 'the base branch' : 'the integration branch'})`);
    lines.push(`- Method: ${describeMethod(env)}`);
    if (env.method.type === 'github-actions' && env.method.inputs) lines.push(`- Inputs: ${Object.entries(env.method.inputs).map(([k, v]) => `\`${k}\`=\`${v}\``).join(', ') || 'none'}`);
    if (env.method.type === 'azure-pipelines' && env.method.parameters) lines.push(`- Parameters: ${Object.entries(env.method.parameters).map(([k, v]) => `\`${k}\`=\`${v}\``).join(', ') || 'none'}`);
    if (env.method.type === 'command') lines.push('- The command runs on the deploying machine after its user confirmed it there, with only the credentials named for it.');
    lines.push(`- Confirmation: ${confirmationOf(env) === 'name' ? `type the name "${env.name}" (CLI: \`--confirm ${env.name}\`)` : 'yes/no (CLI: `--yes`)'}`);
    lines.push(`- Time limit: ${env.timeoutMinutes ?? DEFAULT_DEPLOY_TIMEOUT_MINUTES} min`);
    lines.push(`- How: the Deploy screen, or \`fleet-control deploy <repo> --env ${env.name}\``);
    lines.push(last ? `- Last successful deploy: \`${last.commit.slice(0, 8)}\` on ${last.finishedAt} by ${last.by}` : '- Never deployed successfully yet.');
    lines.push('');
    if (own.length > 0) {
      lines.push('| started (UTC) | outcome | commit | modules | by | duration | link |', '| --- | --- | --- | --- | --- | --- | --- |');
      for (const r of own.slice(0, RECENT)) {
        const duration = `${Math.round(r.durationMs / 1000)} s`;
        lines.push(`| ${r.startedAt} | ${r.outcome}${r.message ? `: ${cell(r.message)}` : ''} | \`${r.commit.slice(0, 8)}\` | ${cell(r.modules.join(', ') || '-')} | ${cell(r.by)} | ${duration} | ${r.link ? `[run](${r.link})` : '-'} |`);
      }
      if (own.length > RECENT) lines.push('', `${own.length - RECENT} older deploys are in .fleet/deployments/${env.name}/.`);
      lines.push('');
    }
  }
  return lines.join('\n').trimEnd();
}
