// Checks of what a user types about engines: the custom engine's command template and a run's time cap.

const PLACEHOLDERS = new Set(['prompt_file', 'workdir', 'model']);

/** Why a custom-engine template cannot be saved, as a translation key and its values, or null (empty: not set up). */
export function templateProblem(template: string): { key: string; values?: Record<string, string> } | null {
  if (template.trim() === '') return null;
  if (/[\r\n\0]/.test(template)) return { key: 'implement.engines.templateOneLine' };
  if (template.length > 2000) return { key: 'implement.engines.templateTooLong' };
  // `{name}` not preceded by `$` is meant as a placeholder (`${HOME}` is the shell's own).
  for (const match of template.matchAll(/(^|[^$])\{([A-Za-z_][\w-]*)\}/g)) {
    if (!PLACEHOLDERS.has(match[2]!)) return { key: 'implement.engines.templateUnknown', values: { name: `{${match[2]}}` } };
  }
  if (!template.includes('{prompt_file}')) return { key: 'implement.engines.templateNoPrompt' };
  return null;
}

/** A time cap in minutes: null when empty, NaN when not a whole number from 1 to 1440 (the request's range). */
export function parseTimeCap(value: string): number | null {
  if (value.trim() === '') return null;
  const n = Number(value);
  return Number.isInteger(n) && n >= 1 && n <= 1440 ? n : Number.NaN;
}
