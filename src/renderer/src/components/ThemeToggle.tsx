// System / Light / Dark, remembered in localStorage.

import { useTranslation } from 'react-i18next';
import { useSettingsStore, type ThemeChoice } from '../stores/settings';

const CHOICES: ThemeChoice[] = ['system', 'light', 'dark'];

export function ThemeToggle() {
  const { t } = useTranslation();
  const theme = useSettingsStore((s) => s.theme);
  const setTheme = useSettingsStore((s) => s.setTheme);
  return (
    <fieldset className="segmented">
      <legend className="visually-hidden">{t('theme.label')}</legend>
      {CHOICES.map((choice) => (
        <label key={choice} className="segment">
          <input type="radio" name="theme" value={choice} checked={theme === choice} onChange={() => setTheme(choice)} />
          <span>{t(`theme.${choice}`)}</span>
        </label>
      ))}
    </fieldset>
  );
}
