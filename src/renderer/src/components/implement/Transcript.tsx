// A run's transcript in order: instructions, model turns (reasoning folded), tool calls with their arguments and
// (truncated) results, check rounds and notices. While the run works, a "follow" toggle keeps the newest in view.

import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TranscriptEntry } from '../../../../shared/types-implement';
import { TranscriptItem } from './TranscriptItem';

export function Transcript({ entries, live }: { entries: TranscriptEntry[]; live: boolean }) {
  const { t } = useTranslation();
  const [follow, setFollow] = useState(true);
  const end = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (live && follow) end.current?.scrollIntoView({ block: 'nearest' });
  }, [entries.length, live, follow]);

  return (
    <section className="transcript" aria-labelledby="transcript-heading" data-testid="transcript">
      <div className="panel-head">
        <h3 id="transcript-heading">{t('implement.transcript.heading', { count: entries.length })}</h3>
        <span className="header-spacer" />
        {live && (
          <label className="checkbox">
            <input type="checkbox" checked={follow} onChange={(e) => setFollow(e.target.checked)} />
            <span>{t('implement.transcript.follow')}</span>
          </label>
        )}
      </div>
      {entries.length === 0 ? (
        <p className="subtle">{t('implement.transcript.empty')}</p>
      ) : (
        <ol className="transcript-list">
          {entries.map((e) => (
            <TranscriptItem key={e.seq} entry={e} />
          ))}
        </ol>
      )}
      <div ref={end} />
    </section>
  );
}
