// A check's log as the page keeps it: the newest characters only, so a chatty command cannot swell the page.

/** Characters of a module's log kept in the page. */
export const LOG_CHARS = 200_000;

export interface ModuleLog {
  text: string;
  /** Characters dropped from the start to stay within the limit. */
  trimmed: boolean;
  running: boolean;
}

/** The log with `chunk` appended, cut from the start to at most `limit` characters. */
export function appendToLog(log: ModuleLog | undefined, chunk: string, limit = LOG_CHARS): ModuleLog {
  const text = (log?.text ?? '') + chunk;
  if (text.length <= limit) return { text, trimmed: log?.trimmed ?? false, running: true };
  return { text: text.slice(text.length - limit), trimmed: true, running: true };
}

/** A stored or in-progress log read from main, cut the same way. */
export function logFromText(text: string, running: boolean, limit = LOG_CHARS): ModuleLog {
  return { text: text.slice(-limit), trimmed: text.length > limit, running };
}
