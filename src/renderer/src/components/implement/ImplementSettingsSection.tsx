// Implementation settings on the agent settings page: limits of a run, the run_command allow-list (commands that
// run on this machine), how much disk the working copies use, and the engines (built-in loop, agent CLIs, custom
// command). Loaded lazily with the page section.

import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImplementSettings } from '../../../../shared/types-implement';
import type { ApiError } from '../../api';
import { useImplementSettingsStore } from '../../stores/implementSettings';
import { ErrorNotice } from '../ErrorNotice';
import { AllowListEditor } from './AllowListEditor';
import { EnginesSection } from './EnginesSection';
import { WorkingCopyUsageLine } from './WorkingCopyUsageLine';
import './implement.css';
import { SaveActions } from '../SaveActions';

type NumberKey = Exclude<keyof ImplementSettings, 'commandAllowList' | 'customEngineTemplate' | 'engineKeys'>;
const NUMBERS: Array<{ key: NumberKey; min: number; max: number }> = [
  { key: 'maxWorkingCopies', min: 1, max: 64 },
  { key: 'maxTurns', min: 1, max: 500 },
  { key: 'maxMinutes', min: 1, max: 1440 },
  { key: 'maxChangedFiles', min: 1, max: 10_000 },
  { key: 'repairRounds', min: 0, max: 10 },
  { key: 'repeatedFailureLimit', min: 2, max: 20 },
  { key: 'defaultConcurrency', min: 1, max: 16 },
  { key: 'commandTimeoutSeconds', min: 5, max: 3600 },
];

export default function ImplementSettingsSection() {
  const { t } = useTranslation();
  const settings = useImplementSettingsStore((s) => s.settings);
  const loadError = useImplementSettingsStore((s) => s.loadError);
  const { load, save } = useImplementSettingsStore.getState();
  const [form, setForm] = useState<Record<NumberKey, string> | null>(null);
  const [allow, setAllow] = useState<string[]>([]);
  const [error, setError] = useState<ApiError | null>(null);
  const [saved, setSaved] = useState(false);

  useEffect(() => void load(), [load]);
  // Filled once: a save by the Engines section below must not throw away numbers being edited here.
  useEffect(() => {
    if (!settings || form) return;
    setForm(Object.fromEntries(NUMBERS.map(({ key }) => [key, String(settings[key])])) as Record<NumberKey, string>);
    setAllow(settings.commandAllowList);
  }, [settings, form]);

  if (!form) return <ErrorNotice error={loadError} title={t('implement.settings.loadFailed')} onRetry={() => void load()} />;
  const bad = (key: NumberKey, min: number, max: number) => {
    const n = Number(form[key]);
    return form[key].trim() === '' || !Number.isInteger(n) || n < min || n > max;
  };
  const anyBad = NUMBERS.some(({ key, min, max }) => bad(key, min, max)) || allow.some((a) => a.trim() === '');

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    const current = useImplementSettingsStore.getState().settings;
    if (anyBad || !current) return;
    // The engines' template and key mappings are saved by their own forms: kept as they are now.
    const numbers = Object.fromEntries(NUMBERS.map(({ key }) => [key, Number(form[key])])) as Record<NumberKey, number>;
    const next: ImplementSettings = { ...current, ...numbers, commandAllowList: allow.map((a) => a.trim()) };
    const failed = await save(next);
    setError(failed);
    setSaved(!failed);
  };

  return (
    <>
      <form className="implement-settings" onSubmit={(e) => void submit(e)} noValidate data-testid="implement-settings">
        <p className="subtle">{t('implement.settings.intro')}</p>
        <div className="settings-grid">
          {NUMBERS.map(({ key, min, max }) => (
            <div className="field" key={key}>
              <label htmlFor={`impl-${key}`}>{t(`implement.settings.${key}`)}</label>
              <input
                id={`impl-${key}`}
                inputMode="numeric"
                value={form[key]}
                onChange={(e) => (setForm({ ...form, [key]: e.target.value }), setSaved(false))}
                aria-invalid={bad(key, min, max) || undefined}
                aria-describedby={`impl-${key}-hint`}
              />
              <p className="hint" id={`impl-${key}-hint`}>
                {bad(key, min, max) ? t('implement.settings.range', { min, max }) : t(`implement.settings.${key}Hint`)}
              </p>
            </div>
          ))}
        </div>
        <AllowListEditor value={allow} onChange={(v) => (setAllow(v), setSaved(false))} />
        <ErrorNotice error={error} title={t('implement.settings.saveFailed')} />
        <SaveActions label={t('implement.settings.save')} savedLabel={t('implement.settings.saved')} saved={saved} disabled={anyBad} primary />
        <WorkingCopyUsageLine />
      </form>
      <EnginesSection />
    </>
  );
}
