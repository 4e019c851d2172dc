// A button that copies a short text (an install command) and says whether it could; the text stays selectable.

import { useState } from 'react';
import { useTranslation } from 'react-i18next';

export function CopyButton({ text, label }: { text: string; label: string }) {
  const { t } = useTranslation();
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setState('copied');
    } catch {
      // No clipboard (an insecure origin, a denied permission): the text is there to select by hand.
      setState('failed');
    }
  };
  return (
    <>
      <button type="button" className="button small" onClick={() => void copy()} aria-label={label}>
        {t('implement.engines.copy')}
      </button>
      <span role="status" className="subtle">
        {state === 'copied' ? t('implement.engines.copied') : state === 'failed' ? t('implement.engines.copyFailed') : ''}
      </span>
    </>
  );
}
