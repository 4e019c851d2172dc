// The generated part of IMPLEMENTATION_LOG.md: the module branch's own commits since it forked, each with
// when, who, the files it changed (code apart from documents) and the agent run behind it, plus the latest check.

import type { CheckResult } from '../../../shared/types-checks';
import type { BranchHistory, LoggedCommit } from './branch-history';
import { checkSentence } from './check-text';
import { count, inlineCode, plainText, usd, utcMinute } from './markdown-text';
import type { FileChange } from './tree-diff';
import { displayPath } from '../../../shared/display-path';

/** Files listed per group and commit; the rest are counted. */
const FILES_SHOWN = 40;

export interface LogFacts {
  branch: string;
  tip: string;
  baseBranch: string;
  history: BranchHistory;
  check: CheckResult | undefined;
}

function fileList(label: string, files: FileChange[]): string[] {
  if (files.length === 0) return [];
  const shown = files.slice(0, FILES_SHOWN).map((f) => `${inlineCode(displayPath(f.path))}${f.change === 'modified' ? '' : ` (${f.change})`}`);
  const more = files.length > FILES_SHOWN ? `, and ${files.length - FILES_SHOWN} more` : '';
  return [`- ${label} (${files.length}): ${shown.join(', ')}${more}`];
}

function runLine(commit: LoggedCommit): string[] {
  const run = commit.provenance;
  if (!run) return [];
  const details = [run.tokens ? `tokens ${plainText(run.tokens)}` : null, run.costUsd !== null ? usd(run.costUsd) : null, run.edited === true ? 'edited before commit' : run.edited === false ? 'committed as drafted' : null];
  return [`- Agent run ${inlineCode(run.runId.slice(0, 8))} with ${inlineCode(`${run.provider}/${run.model}`)}: ${details.filter(Boolean).join(', ')}`];
}

function commitSection(commit: LoggedCommit): string[] {
  const lines = [`### ${inlineCode(commit.oid.slice(0, 7))} ${plainText(commit.subject) || '(no subject)'}`, ''];
  lines.push(`- ${utcMinute(commit.authoredAt)} by ${plainText(commit.author.name)} ${inlineCode(`<${commit.author.email}>`)}`);
  if (commit.committedAt !== commit.authoredAt) lines.push(`- Committed ${utcMinute(commit.committedAt)}`);
  lines.push(...runLine(commit));
  if (commit.merge) lines.push('- Merge commit: its changes are those of the commits it brings in.');
  lines.push(...fileList('Code', commit.code), ...fileList('Documents', commit.documents));
  if (!commit.merge && commit.code.length + commit.documents.length === 0) lines.push('- No file changes.');
  lines.push('');
  return lines;
}

function overview(facts: LogFacts): string[] {
  const { history } = facts;
  const codeFiles = new Set(history.commits.flatMap((c) => c.code.map((f) => f.path)));
  const docFiles = new Set(history.commits.flatMap((c) => c.documents.map((f) => f.path)));
  const authors = new Map<string, number>();
  for (const commit of history.commits) authors.set(commit.author.name, (authors.get(commit.author.name) ?? 0) + 1);
  const runs = history.commits.filter((c) => c.provenance);
  const runCost = runs.reduce((sum, c) => sum + (c.provenance?.costUsd ?? 0), 0);
  const fork = history.forkPoint ? ` at ${inlineCode(history.forkPoint.slice(0, 7))}` : '';
  const lines = [
    `Generated from the history of ${inlineCode(facts.branch)} at ${inlineCode(facts.tip.slice(0, 7))}: ${count(history.total, 'commit')} of its own since it forked from ${inlineCode(facts.baseBranch)}${fork}.`,
    '',
  ];
  if (history.total === 0) return [...lines, 'The branch has no commits of its own yet.', ''];
  lines.push(
    `- Code: ${count(codeFiles.size, 'file')} changed; documents: ${count(docFiles.size, 'file')} changed.`,
    `- Authors: ${[...authors].sort((a, b) => b[1] - a[1]).map(([name, n]) => `${plainText(name)} (${n})`).join(', ')}.`,
    `- Agent-made commits: ${runs.length}${runs.length ? `, ${usd(runCost)} in total` : ''}.`,
  );
  if (history.truncated) lines.push(`- Only the newest ${history.commits.length} commits are listed; the ${history.total - history.commits.length} oldest are left out.`);
  return [...lines, ''];
}

/** The markdown between the log's markers. */
export function renderLogSection(facts: LogFacts): string {
  return [
    ...overview(facts),
    '### Latest check',
    '',
    checkSentence(facts.check, facts.tip),
    '',
    ...facts.history.commits.flatMap(commitSection),
  ].join('\n');
}
