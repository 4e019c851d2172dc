// Numbers and dates in the user's language, through Intl.

import i18n from 'i18next';

const cache = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat | Intl.RelativeTimeFormat>();

function cached<T extends Intl.NumberFormat | Intl.DateTimeFormat | Intl.RelativeTimeFormat>(key: string, make: () => T): T {
  let f = cache.get(key) as T | undefined;
  if (!f) cache.set(key, (f = make()));
  return f;
}

export function formatNumber(n: number): string {
  const lang = i18n.language;
  return cached(`n:${lang}`, () => new Intl.NumberFormat(lang)).format(n);
}

export function formatDateTime(iso: string): string {
  const lang = i18n.language;
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return cached(`d:${lang}`, () => new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short' })).format(date);
}

export function formatTime(iso: string): string {
  const lang = i18n.language;
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return cached(`t:${lang}`, () => new Intl.DateTimeFormat(lang, { timeStyle: 'medium' })).format(date);
}

/** "3 minutes ago", "yesterday", in the user's language. */
export function formatRelative(iso: string, now: number = Date.now()): string {
  const lang = i18n.language;
  const then = new Date(iso).getTime();
  if (Number.isNaN(then)) return iso;
  const seconds = Math.round((then - now) / 1000);
  const rtf = cached(`r:${lang}`, () => new Intl.RelativeTimeFormat(lang, { numeric: 'auto' }));
  const abs = Math.abs(seconds);
  if (abs < 60) return rtf.format(seconds, 'second');
  if (abs < 3600) return rtf.format(Math.round(seconds / 60), 'minute');
  if (abs < 86_400) return rtf.format(Math.round(seconds / 3600), 'hour');
  if (abs < 30 * 86_400) return rtf.format(Math.round(seconds / 86_400), 'day');
  return formatDateTime(iso);
}
