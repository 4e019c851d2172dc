// git's line merge of a conflicting file, read-only, with its conflict markers picked out and counted.

import { Fragment, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { markerLines } from '../../lib/mergeForecast';

export function MergedText({ text, labelledBy }: { text: string; labelledBy: string }) {
  const { t } = useTranslation();
  const lines = useMemo(() => markerLines(text), [text]);
  const regions = lines.filter((l) => l.marker === 'ours').length;
  return (
    <>
      <p className="subtle" data-testid="conflict-regions">
        {t('merges.conflict.regions', { count: regions })}
      </p>
      <pre className="merged-text" tabIndex={0} role="region" aria-labelledby={labelledBy} data-testid="conflict-merged">
        {lines.map((line, i) => (
          <Fragment key={i}>
            {line.marker ? <span className={`marker marker-${line.marker}`}>{line.text}</span> : line.text}
            {'\n'}
          </Fragment>
        ))}
      </pre>
    </>
  );
}
