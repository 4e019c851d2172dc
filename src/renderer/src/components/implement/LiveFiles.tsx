// The files a run has changed so far: main's list, and the files tool calls touched since main last read the copy.

import { useTranslation } from 'react-i18next';
import { displayPath } from '../../../../shared/display-path';
import type { ImplementRunDetail } from '../../../../shared/types-implement';
import { liveChangedPaths } from '../../lib/transcript';

export function LiveFiles({ detail }: { detail: ImplementRunDetail }) {
  const { t } = useTranslation();
  const paths = liveChangedPaths(detail.files, detail.transcript);
  return (
    <section className="live-files" aria-labelledby="live-files-heading" data-testid="live-files">
      <h3 id="live-files-heading">{t('implement.run.filesSoFar', { count: paths.length })}</h3>
      {paths.length === 0 ? (
        <p className="subtle">{t('implement.run.noFilesYet')}</p>
      ) : (
        <ul className="files">
          {paths.map((p) => (
            <li key={p}>
              <code>{displayPath(p)}</code>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
