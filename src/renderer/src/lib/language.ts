// Picks the UI language from the browser's preferences and the locale files that exist.

/** The best available language for a list of preferred BCP 47 tags ("de-AT" falls back to "de"). */
export function pickLanguage(preferred: readonly string[], available: readonly string[], fallback = 'en'): string {
  const lower = new Map(available.map((a) => [a.toLowerCase(), a]));
  for (const tag of preferred) {
    const exact = lower.get(tag.toLowerCase());
    if (exact) return exact;
    const base = lower.get(tag.split('-')[0]!.toLowerCase());
    if (base) return base;
  }
  return fallback;
}
