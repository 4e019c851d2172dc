// The theme actually on screen: the user's pinned choice, or the system's while the choice is "system".

import { useSyncExternalStore } from 'react';
import { useSettingsStore } from '../stores/settings';

const QUERY = '(prefers-color-scheme: dark)';

function subscribe(onChange: () => void): () => void {
  const media = window.matchMedia(QUERY);
  media.addEventListener('change', onChange);
  return () => media.removeEventListener('change', onChange);
}

const systemIsDark = () => window.matchMedia(QUERY).matches;

export function useResolvedTheme(): 'light' | 'dark' {
  const choice = useSettingsStore((s) => s.theme);
  const dark = useSyncExternalStore(subscribe, systemIsDark);
  return choice === 'system' ? (dark ? 'dark' : 'light') : choice;
}
