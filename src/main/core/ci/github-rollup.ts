// GitHub CI for many branches in one GraphQL query: each fleet branch looked up with an aliased
// `ref(qualifiedName:)`, its tip's statusCheckRollup with check runs and commit statuses (100 per page, later pages
// asked for only where a branch has more), and the rateLimit block so the poller knows what the query cost.

import type { CiBranchStatus, CiCheck } from '../../../shared/types-ci';
import type { GitHubCiHost } from './ci-host';
import { gitHubCiError } from './ci-errors';
import { branchState, checkRunState, countChecks, firstLines, safeLink, statusContextState } from './ci-state';
import type { FleetBranch } from './fleet-branches';

/** Branches per query: 40 refs x 100 contexts stays far inside GitHub's node limit. */
const REFS_PER_QUERY = 40;
const PAGE = 100;

interface ContextNode {
  __typename: 'CheckRun' | 'StatusContext';
  name?: string;
  status?: string;
  conclusion?: string | null;
  detailsUrl?: string | null;
  title?: string | null;
  summary?: string | null;
  startedAt?: string | null;
  completedAt?: string | null;
  checkSuite?: { workflowRun?: { workflow?: { name?: string } | null } | null } | null;
  context?: string;
  state?: string;
  targetUrl?: string | null;
  description?: string | null;
  createdAt?: string | null;
}

interface Contexts {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  nodes: ContextNode[];
}

interface RefNode {
  name: string;
  target: { oid: string; statusCheckRollup?: { state: string; contexts: Contexts } | null } | null;
}

export interface RateBlock {
  limit: number;
  remaining: number;
  resetAt: string;
  cost: number;
}

function tipSelection(after: string | null): string {
  const page = after ? `contexts(first: ${PAGE}, after: $${after})` : `contexts(first: ${PAGE})`;
  return `{ name target { __typename oid ... on Commit { statusCheckRollup { state ${page} { totalCount pageInfo { hasNextPage endCursor } nodes { __typename
    ... on CheckRun { name status conclusion detailsUrl title summary startedAt completedAt checkSuite { workflowRun { workflow { name } } } }
    ... on StatusContext { context state targetUrl description createdAt } } } } } } }`;
}

/** The query for a list of refs: `b0: ref(qualifiedName: $r0)`, ... plus the rate-limit block. */
export function rollupQuery(count: number, withAfter = false): string {
  const vars = Array.from({ length: count }, (_, i) => `$r${i}: String!${withAfter ? `, $a${i}: String` : ''}`).join(', ');
  const refs = Array.from({ length: count }, (_, i) => `b${i}: ref(qualifiedName: $r${i}) ${tipSelection(withAfter ? `a${i}` : null)}`).join('\n    ');
  return `query FleetCiRollup($owner: String!, $name: String!, ${vars}) {\n  rateLimit { limit remaining resetAt cost }\n  repository(owner: $owner, name: $name) {\n    ${refs}\n  }\n}`;
}

function checkOf(node: ContextNode): CiCheck | null {
  if (node.__typename === 'CheckRun' && node.name && node.status) {
    const state = checkRunState(node.status, node.conclusion ?? null);
    return {
      name: node.name,
      kind: 'check-run',
      state,
      hostState: node.status === 'COMPLETED' ? (node.conclusion ?? 'COMPLETED') : node.status,
      url: safeLink(node.detailsUrl),
      summary: state === 'failing' ? firstLines([node.title, node.summary].filter(Boolean).join('\n')) : null,
      workflow: node.checkSuite?.workflowRun?.workflow?.name ?? null,
      startedAt: node.startedAt ?? null,
      completedAt: node.completedAt ?? null,
    };
  }
  if (node.__typename === 'StatusContext' && node.context && node.state) {
    const state = statusContextState(node.state);
    return {
      name: node.context,
      kind: 'status',
      state,
      hostState: node.state,
      url: safeLink(node.targetUrl),
      summary: state === 'failing' ? firstLines(node.description) : null,
      workflow: null,
      startedAt: node.createdAt ?? null,
      completedAt: null,
    };
  }
  return null;
}

export interface RollupResult {
  branches: CiBranchStatus[];
  requests: number;
  /** GraphQL points spent (rateLimit.cost summed) and the last rate block seen. */
  cost: number;
  rate: RateBlock | null;
}

type Answer = { rateLimit?: RateBlock; repository: Record<string, RefNode | null> | null };

/** Reads every branch's CI through GraphQL; throws the mapped FleetError (the caller falls back to REST where GraphQL is refused). */
export async function readRollup(host: GitHubCiHost, branches: readonly FleetBranch[]): Promise<RollupResult> {
  const context = host.context('read the CI status of the fleet branches');
  const ask = async (query: string, variables: Record<string, string | null>): Promise<Answer> => {
    try {
      return await host.octokit.graphql<Answer>(query, { owner: host.owner, name: host.repo, ...variables });
    } catch (error) {
      throw gitHubCiError(error, context);
    }
  };
  const result: RollupResult = { branches: [], requests: 0, cost: 0, rate: null };
  for (let start = 0; start < branches.length; start += REFS_PER_QUERY) {
    const chunk = branches.slice(start, start + REFS_PER_QUERY);
    const variables = Object.fromEntries(chunk.map((b, i) => [`r${i}`, `refs/heads/${b.branch}`]));
    const answer = await ask(rollupQuery(chunk.length), variables);
    result.requests++;
    result.cost += answer.rateLimit?.cost ?? 1;
    result.rate = answer.rateLimit ?? result.rate;
    for (const [i, branch] of chunk.entries()) {
      const ref = answer.repository?.[`b${i}`] ?? null;
      const nodes = [...(ref?.target?.statusCheckRollup?.contexts.nodes ?? [])];
      let page = ref?.target?.statusCheckRollup?.contexts.pageInfo;
      // A tip with more than 100 checks: its later pages, one query each (rare).
      while (page?.hasNextPage && page.endCursor) {
        const more = await ask(rollupQuery(1, true), { r0: `refs/heads/${branch.branch}`, a0: page.endCursor });
        result.requests++;
        result.cost += more.rateLimit?.cost ?? 1;
        const next = more.repository?.b0?.target?.statusCheckRollup?.contexts;
        nodes.push(...(next?.nodes ?? []));
        page = next?.pageInfo;
      }
      const checks = nodes.map(checkOf).filter((c): c is CiCheck => c !== null);
      const counts = countChecks(checks);
      result.branches.push({ ...branch, hostTip: ref?.target?.oid ?? null, state: branchState(counts), counts, checks });
    }
  }
  return result;
}
