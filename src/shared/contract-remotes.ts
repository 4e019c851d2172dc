// The remotes part of the contract: remotes and their credentials, fetch, push preview, push, clone.
// Long work (fetch, push, clone) returns a job id and reports through jobProgress / jobFinished and pushProgress.

import { z } from 'zod';
import { BranchNameSchema } from './manifest';
import { Empty, out } from './contract-kit';
import type { JobStarted } from './types';
import type { PushActivity, PushPreview, PushProgress, RemoteInfo, RemoteStatus } from './types-remotes';

/** git accepts more, but these names survive every shell, config file and ref path unchanged. */
export const RemoteNameSchema = z
  .string()
  .min(1, 'must not be empty')
  .max(100)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'may hold letters, digits, ".", "_" and "-", and must start with a letter or digit')
  .refine((name) => !name.endsWith('.lock') && !name.includes('..'), 'is not a valid git remote name');

/** Checked for its scheme and form in main, which explains SSH and malformed URLs in full sentences. */
const UrlText = z.string().trim().min(1, 'must not be empty').max(2048);
const Token = z
  .string()
  .min(1, 'must not be empty')
  .max(4096)
  .regex(/^[\x21-\x7e]+$/, 'must be printable characters without spaces');
const Username = z
  .string()
  .min(1, 'must not be empty')
  .max(256)
  .regex(/^[^:\s]+$/, 'must not contain ":" or spaces');
const RemoteList = z.array(RemoteNameSchema).min(1).max(20);
const BranchList = z.array(BranchNameSchema).min(1).max(1000);

export const remoteMethods = {
  listRemotes: { input: Empty, output: out<RemoteInfo[]>() },
  /** Adds a remote, or edits `previousName` (renaming it when `name` differs). */
  saveRemote: {
    input: z.object({ name: RemoteNameSchema, url: UrlText, previousName: RemoteNameSchema.optional() }).strict(),
    output: out<RemoteInfo>(),
  },
  removeRemote: { input: z.object({ name: RemoteNameSchema }).strict(), output: out<{ removed: boolean }>() },
  /** Stores a token (and optional user name) for a remote in main's secret store; never returned. */
  setRemoteCredential: {
    input: z.object({ name: RemoteNameSchema, token: Token, username: Username.optional() }).strict(),
    output: out<RemoteInfo>(),
  },
  clearRemoteCredential: { input: z.object({ name: RemoteNameSchema }).strict(), output: out<RemoteInfo>() },
  /** Fetches into refs/remotes/<remote>/*; offline gives a quiet NETWORK result per remote. */
  fetchRemotes: { input: z.object({ remotes: RemoteList.optional() }).strict(), output: out<JobStarted>() },
  /** Each module branch (and the workspace branch) against its remote-tracking branch from the last fetch. */
  getRemoteStatus: { input: z.object({ remotes: RemoteList.optional() }).strict(), output: out<RemoteStatus[]>() },
  /** What a push would do per branch and remote, from the remotes' advertised tips (or the last fetch when offline). */
  previewPush: {
    input: z.object({ remotes: RemoteList.optional(), branches: BranchList.optional() }).strict(),
    output: out<PushPreview>(),
  },
  /** Pushes every given branch (default: module branches and the workspace branch) with commits the remote lacks. */
  pushBranches: {
    input: z.object({ remotes: RemoteList, branches: BranchList.optional() }).strict(),
    output: out<JobStarted>(),
  },
  /** Clones an HTTPS URL into an empty or new folder; open it afterwards as any workspace. */
  cloneRepository: {
    input: z
      .object({ url: UrlText, path: z.string().min(1, 'must not be empty').max(4096), token: Token.optional(), username: Username.optional() })
      .strict(),
    output: out<JobStarted>(),
  },
} as const;

export const remoteEvents = {
  pushProgress: out<PushProgress>(),
  pushActivity: out<PushActivity>(),
} as const;
