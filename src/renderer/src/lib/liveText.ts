// Where the newest text of a document lives while an editor shows it: the editor's model. Reading a
// multi-megabyte model on every keystroke would be wasteful, so the store asks here when it needs the text.

/** Returns undefined when the editor no longer shows the session's current text. */
type Source = () => string | undefined;

const sources = new Map<string, Source>();

/** Registers the editor model behind document `key`; returns the unregister function. */
export function registerLiveText(key: string, source: Source): () => void {
  sources.set(key, source);
  return () => {
    if (sources.get(key) === source) sources.delete(key);
  };
}

/** The text an editor currently shows for `key`, or undefined when no editor shows it. */
export function readLiveText(key: string): string | undefined {
  return sources.get(key)?.();
}
