// Errors that cross the process boundary: a stable code, a sentence for the user, optional data.

export const ERROR_CODES = [
  'INVALID_INPUT',
  'UNKNOWN_METHOD',
  'PATH_NOT_FOUND',
  'NOT_A_REPO',
  'BARE_REPO',
  'EMPTY_REPO',
  'BASE_BRANCH_MISSING',
  'MODULE_BRANCH_MISSING',
  'MANIFEST_INVALID',
  'NOT_INITIALISED',
  'NO_WORKSPACE',
  'MODULE_NOT_FOUND',
  'DOC_NOT_FOUND',
  // Approval asked for a document that is still its template (no real content: sections unfilled, placeholders left).
  'DOC_NOT_WRITTEN',
  'BRANCH_MOVED',
  'BRANCH_CHECKED_OUT',
  // A write that would replace a file, link or submodule with a folder (or the reverse), such as the documents folder.
  'PATH_OCCUPIED',
  'UNRELATED_HISTORIES',
  'LOCKED',
  'UNSUPPORTED',
  'CANCELLED',
  'JOB_NOT_FOUND',
  'GIT_CORRUPT',
  // An object a partial clone has not fetched from its promisor remote (not damage).
  'OBJECT_NOT_FETCHED',
  'INVALID_URL',
  'SSH_UNSUPPORTED',
  'REMOTE_NOT_FOUND',
  'REMOTE_EXISTS',
  'AUTH_FAILED',
  'NETWORK',
  'NOT_A_GIT_SERVER',
  'NON_FAST_FORWARD',
  'REMOTE_REJECTED',
  'TARGET_NOT_EMPTY',
  // A folder on a virtual or read-only file system, or one this user cannot write to.
  'TARGET_NOT_WRITABLE',
  'INTERNAL',
  // Agents: providers, keys, prices, budgets and runs (AUTH_FAILED above is shared with remotes).
  'BUDGET_EXCEEDED',
  'KEY_MISSING',
  'QUOTA_EXHAUSTED',
  'RATE_LIMITED',
  'PROVIDER_ERROR',
  'PROVIDER_TIMEOUT',
  'PROVIDER_UNREACHABLE',
  'PROVIDER_NOT_FOUND',
  'MODEL_NOT_FOUND',
  'CONTEXT_TOO_LARGE',
  'PRICE_MISSING',
  'PRICES_INVALID',
  'NO_FILES_MATCH',
  'RUN_NOT_FOUND',
  'BATCH_NOT_FOUND',
  // Pull requests through a host's API (AUTH_FAILED, RATE_LIMITED and NETWORK above are shared).
  'TOKEN_MISSING',
  'PERMISSION_DENIED',
  'REPO_NOT_FOUND',
  'BRANCH_NOT_PUSHED',
  'NO_COMMITS_AHEAD',
  'HOST_API_ERROR',
  // Scope: a module's path patterns.
  'PATTERN_INVALID',
  'AGENTS_BUSY',
  'SECRET_STORE_UNREADABLE',
  // Checks: a module branch deleted outside the app, no check command set.
  'BRANCH_NOT_FOUND',
  'CHECKS_NOT_CONFIGURED',
  // Commands from the repository (the committed manifest) run only once the user confirmed them on this machine.
  'COMMAND_NOT_TRUSTED',
  'COMMAND_NOT_IN_MANIFEST',
  // A credential would travel over plain http:// to another computer.
  'INSECURE_TRANSPORT',
  // Checkouts: a tree (or a relative path) with an entry that could reach outside its folder or into a .git.
  'UNSAFE_TREE',
  'UNSAFE_PATH',
  // Launcher: a work folder someone else owns or a symlink planted in its place; a variable that may not be passed.
  'FOLDER_UNSAFE',
  'VARIABLE_REFUSED',
  // Implementation runs: a module without a TO-BE design, a run not in review, accept meeting conflicts on a moved
  // branch, the working-copy limit reached.
  'DESIGN_MISSING',
  'RUN_NOT_REVIEWABLE',
  'MERGE_CONFLICT',
  'WORKING_COPY_LIMIT',
  // Agent CLI engines: not installed or too old (the install hint in the message), or no time cap for one that reports no cost.
  'ENGINE_UNAVAILABLE',
  'TIME_CAP_REQUIRED',
  // An agent CLI ended a run badly (non-zero exit, an error result, a question, silence); the message names it.
  'ENGINE_FAILED',
  // Deploys: an environment the manifest lacks, a deploy id unknown here, one already running for the environment,
  // a confirmation missing or mistyped, a workflow file missing or without workflow_dispatch, a ref the host lacks,
  // a run that never started within its limit, an Azure DevOps pipeline that does not exist (a missing organisation or
  // project is REPO_NOT_FOUND with data.missing, as the CI status reports it).
  'ENVIRONMENT_NOT_FOUND',
  'DEPLOY_NOT_FOUND',
  'DEPLOY_RUNNING',
  'CONFIRMATION_REQUIRED',
  'WORKFLOW_NOT_FOUND',
  'WORKFLOW_NOT_DISPATCHABLE',
  'REF_NOT_FOUND',
  'RUN_NOT_STARTED',
  'PIPELINE_NOT_FOUND',
  // "Fix with agent" asked for a branch whose CI at its tip has no failing check (passing, running or none).
  'CI_NOT_FAILING',
  // Remote batches: the review branch a runner pushed is no longer on the remote, or holds another commit than the
  // run's record names (force-pushed); a CI run that ended without a record the app can read.
  'REVIEW_BRANCH_GONE',
  'REVIEW_BRANCH_FORCE_PUSHED',
  'RUNNER_RECORD_MISSING',
  // "Set up CI runners" from an app built without its bundled command line (`npm run build` makes it).
  'RUNNER_BUNDLE_MISSING',
  // A remote batch started on a remote whose base branch lacks the workflow or the bundled CLI (set up CI runners first).
  'RUNNER_NOT_SET_UP',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export interface FleetErrorPayload {
  code: ErrorCode;
  message: string;
  data?: Record<string, unknown>;
}

/** An error with a stable code; the only kind of error main lets cross to the renderer or the CLI. */
export class FleetError extends Error {
  readonly code: ErrorCode;
  readonly data?: Record<string, unknown>;

  constructor(code: ErrorCode, message: string, data?: Record<string, unknown>) {
    super(message);
    this.name = 'FleetError';
    this.code = code;
    this.data = data;
  }

  toPayload(): FleetErrorPayload {
    return this.data === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, data: this.data };
  }
}

export function isFleetErrorPayload(value: unknown): value is FleetErrorPayload {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.code === 'string' && typeof v.message === 'string';
}

/** Turns anything thrown into a payload safe to show: unknown errors keep no stack and no internals. */
export function toErrorPayload(error: unknown): FleetErrorPayload {
  if (error instanceof FleetError) return error.toPayload();
  if (isFleetErrorPayload(error) && (ERROR_CODES as readonly string[]).includes(error.code)) {
    return { code: error.code, message: error.message, ...(error.data ? { data: error.data } : {}) };
  }
  return { code: 'INTERNAL', message: 'Something went wrong inside Fleet Control. Details are in the log.' };
}
