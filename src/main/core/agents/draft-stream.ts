// Streams a run's output into the document's draft: saved through ModuleDocuments (atomic, announced to every
// client) at once when text starts, at most once per interval while it arrives, and once more at the end.

import type { DocKind } from '../../../shared/documents';
import type { ModuleDocuments } from '../docs/module-docs';

export interface DraftTarget {
  moduleId: string;
  kind: DocKind;
  /** Front matter (and anything else) that precedes the streamed text. */
  header: string;
  baseBlobId: string | null;
  baseTip: string | null;
}

export class DraftStream {
  private text = '';
  private lastSaved = 0;
  private timer: NodeJS.Timeout | null = null;
  private saving: Promise<void> = Promise.resolve();
  private closed = false;

  constructor(
    private readonly docs: ModuleDocuments,
    private readonly target: DraftTarget,
    private readonly intervalMs: () => number,
    private readonly onError: (error: unknown) => void,
  ) {}

  append(delta: string): void {
    this.text += delta;
    if (this.closed || this.timer) return;
    const wait = Math.max(0, this.lastSaved + this.intervalMs() - Date.now());
    this.timer = setTimeout(() => {
      this.timer = null;
      this.save();
    }, wait);
  }

  /** The final save: `suffix` (e.g. a note that the run stopped early) is appended. Resolves when written. */
  async close(suffix = ''): Promise<void> {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.text += suffix;
    this.save();
    await this.saving;
  }

  get content(): string {
    return this.target.header + this.text;
  }

  private save(): void {
    this.lastSaved = Date.now();
    const content = this.content;
    this.saving = this.saving
      .then(() => this.docs.saveDraft({ moduleId: this.target.moduleId, kind: this.target.kind, content, baseBlobId: this.target.baseBlobId, baseTip: this.target.baseTip }))
      .then(() => undefined, this.onError);
  }
}
