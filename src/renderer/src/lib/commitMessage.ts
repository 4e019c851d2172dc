// The message a document commit gets unless the user writes another: who it is about, which files it
// creates or updates, and the commit it was merged with after the branch moved.

export type Translate = (key: string, options?: Record<string, unknown>) => string;

export interface CommitMessageInput {
  /** The module's title, or the workspace's name for workspace documents. */
  subject: string;
  files: Array<{ name: string; created: boolean }>;
  /** The branch commit a merged result was reconciled with. */
  mergedWith?: string | null;
  language?: string;
}

function list(items: string[], language: string): string {
  return new Intl.ListFormat(language, { type: 'conjunction' }).format(items);
}

export function defaultCommitMessage(input: CommitMessageInput, t: Translate): string {
  const language = input.language ?? 'en';
  const created = input.files.filter((f) => f.created).map((f) => f.name);
  const updated = input.files.filter((f) => !f.created).map((f) => f.name);
  let message: string;
  if (created.length && updated.length) {
    message = t('commitMessage.createAndUpdate', { subject: input.subject, created: list(created, language), updated: list(updated, language) });
  } else if (created.length) {
    message = t('commitMessage.create', { subject: input.subject, files: list(created, language) });
  } else {
    message = t('commitMessage.update', { subject: input.subject, files: list(updated, language) });
  }
  return input.mergedWith ? t('commitMessage.merged', { message, commit: input.mergedWith.slice(0, 7) }) : message;
}
