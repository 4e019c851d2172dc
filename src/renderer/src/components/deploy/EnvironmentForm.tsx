// One environment's form: name, the branch it deploys from, how a deploy is confirmed, a time limit and its method
// (GitHub Actions workflow, Azure Pipelines run or a command), checked against the manifest's own schema as it is typed.

import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { EnvironmentDefSchema, type EnvironmentDef } from '../../../../shared/deploy-config';
import { defFromDraft, type EnvironmentDraft } from '../../lib/environmentDraft';
import { MethodFields } from './MethodFields';

interface Props {
  initial: EnvironmentDraft;
  /** Names taken by the other environments. */
  otherNames: string[];
  onSubmit: (def: EnvironmentDef) => void;
  onCancel: () => void;
}

export type FieldErrors = Partial<Record<keyof EnvironmentDraft, string>>;

/** The first problem per field, by the schema's paths (method.workflow -> workflow, method.inputs.* -> pairs). */
function check(draft: EnvironmentDraft, otherNames: string[], t: (key: string, options?: Record<string, unknown>) => string): { def: EnvironmentDef | null; errors: FieldErrors } {
  const { value, pairsLine } = defFromDraft(draft);
  const errors: FieldErrors = {};
  const parsed = EnvironmentDefSchema.safeParse(value);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const [first, second] = issue.path;
      const field = (first === 'method' ? (second === 'inputs' || second === 'parameters' ? 'pairs' : second) : first) as keyof EnvironmentDraft | undefined;
      if (field && !errors[field]) errors[field] = issue.message;
    }
  }
  if (pairsLine !== null) errors.pairs = t('deploy.form.pairsLine', { line: pairsLine });
  if (otherNames.includes(draft.name.trim())) errors.name = t('deploy.form.duplicate', { name: draft.name.trim() });
  const ok = parsed.success && Object.keys(errors).length === 0;
  return { def: ok ? parsed.data : null, errors };
}

export function EnvironmentForm({ initial, otherNames, onSubmit, onCancel }: Props) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState(initial);
  const [touched, setTouched] = useState<Set<keyof EnvironmentDraft>>(new Set());
  const [tried, setTried] = useState(false);
  const { def, errors } = useMemo(() => check(draft, otherNames, t), [draft, otherNames, t]);
  const shown = (field: keyof EnvironmentDraft) => (tried || touched.has(field) ? errors[field] : undefined);
  const change = <K extends keyof EnvironmentDraft>(field: K, value: EnvironmentDraft[K]) => {
    setDraft((d) => ({ ...d, [field]: value }));
    setTouched((s) => new Set(s).add(field));
  };

  function submit(event: React.FormEvent) {
    event.preventDefault();
    setTried(true);
    if (def) onSubmit(def);
  }

  // The error (and the field's hint, when it has one) describe the field.
  const invalid = (field: keyof EnvironmentDraft, hintId?: string) => ({
    'aria-invalid': shown(field) ? true : undefined,
    'aria-describedby': [hintId, `env-${field}-error`].filter(Boolean).join(' '),
  });
  const fieldError = (field: keyof EnvironmentDraft) => (
    <p id={`env-${field}-error`} className="field-error" data-testid={`env-${field}-error`}>
      {shown(field) ?? ''}
    </p>
  );

  return (
    <form className="environment-form" onSubmit={submit} aria-label={t('deploy.form.label')} data-testid="environment-form" noValidate>
      <div className="environment-fields">
        <div className="field">
          <label htmlFor="env-name">{t('deploy.form.name')}</label>
          <input id="env-name" value={draft.name} placeholder="staging" spellCheck={false} autoComplete="off" onChange={(e) => change('name', e.target.value)} {...invalid('name')} />
          {fieldError('name')}
        </div>
        <div className="field">
          <label htmlFor="env-from">{t('deploy.form.from')}</label>
          <select id="env-from" value={draft.from} onChange={(e) => change('from', e.target.value as EnvironmentDraft['from'])}>
            <option value="integration">{t('deploy.form.fromIntegration')}</option>
            <option value="base">{t('deploy.form.fromBase')}</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor="env-confirm">{t('deploy.form.confirm')}</label>
          <select id="env-confirm" value={draft.confirm} onChange={(e) => change('confirm', e.target.value as EnvironmentDraft['confirm'])}>
            <option value="">{t('deploy.form.confirmDefault')}</option>
            <option value="name">{t('deploy.form.confirmName')}</option>
            <option value="yes">{t('deploy.form.confirmYes')}</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor="env-timeoutMinutes">{t('deploy.form.timeout')}</label>
          <input id="env-timeoutMinutes" type="number" min={1} max={1440} step={1} value={draft.timeoutMinutes} placeholder="60" onChange={(e) => change('timeoutMinutes', e.target.value)} {...invalid('timeoutMinutes')} />
          {fieldError('timeoutMinutes')}
        </div>
      </div>
      <MethodFields draft={draft} change={change} invalid={invalid} fieldError={fieldError} />
      <div className="dialog-actions">
        <button type="button" className="button" onClick={onCancel}>
          {t('action.cancel')}
        </button>
        <button type="submit" className="button primary" disabled={tried && !def} data-testid="environment-form-done">
          {t('deploy.form.done')}
        </button>
      </div>
    </form>
  );
}
