// Reads and validates the manifest committed at .fleet/manifest.json on the workspace branch.

import type { GitRepository } from '../git/repository';
import { ManifestSchema, describeIssues, type Manifest } from '../../../shared/manifest';
import { MANIFEST_PATH } from '../../../shared/catalog';
import { FleetError } from '../../../shared/errors';
import { findPrototypeKey, prototypeKeyProblem } from '../../../shared/prototype-keys';

export interface StoredManifest {
  manifest: Manifest;
  /** The workspace branch's tip the manifest was read from. */
  commit: string;
}

/** Parses manifest text; a malformed manifest is a MANIFEST_INVALID error naming each bad field. */
export function parseManifest(text: string, where = MANIFEST_PATH): Manifest {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new FleetError('MANIFEST_INVALID', `${where} is not valid JSON: ${(error as Error).message}`, { where });
  }
  // The schema strips unknown keys, which would hide a "__proto__" instead of refusing it.
  const protoKey = findPrototypeKey(json);
  if (protoKey) {
    const problem = prototypeKeyProblem(protoKey);
    throw new FleetError('MANIFEST_INVALID', `${where} is invalid: ${problem}`, { where, problems: [problem] });
  }
  // Parsed once per reading: zod's compiled fast path costs more to generate (~2 ms in a command) than it saves once.
  const parsed = ManifestSchema.safeParse(json, { jitless: true });
  if (!parsed.success) {
    const problems = describeIssues(parsed.error);
    throw new FleetError('MANIFEST_INVALID', `${where} is invalid: ${problems.join('; ')}`, { where, problems });
  }
  return parsed.data;
}

/** The manifest on `workspaceBranch`, or null when the branch or the file does not exist. */
export async function readManifest(repo: GitRepository, workspaceBranch: string): Promise<StoredManifest | null> {
  const tip = await repo.resolveRef(`refs/heads/${workspaceBranch}`);
  if (!tip) return null;
  const commit = await repo.readCommit(tip);
  const entry = await repo.entryAtPath(commit.tree, MANIFEST_PATH);
  if (!entry || entry.type !== 'blob') return null;
  const text = (await repo.readBlob(entry.oid, MANIFEST_PATH)).toString('utf8');
  return { manifest: parseManifest(text, `${MANIFEST_PATH} on ${workspaceBranch}`), commit: tip };
}

/** The manifest as committed: stable key order, two-space indent, trailing newline. */
export function serializeManifest(manifest: Manifest): string {
  return `${JSON.stringify(manifest, null, 2)}\n`;
}
