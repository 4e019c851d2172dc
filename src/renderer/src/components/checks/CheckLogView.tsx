// A check's output in monospace, following new output while the reader is at the bottom and staying put once
// they scroll up; only the newest part is kept in the page (the store trims it).

import { useLayoutEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { ModuleLog } from '../../lib/checkLog';

export function CheckLogView({ log }: { log: ModuleLog }) {
  const { t } = useTranslation();
  const box = useRef<HTMLPreElement>(null);
  const follow = useRef(true);

  useLayoutEffect(() => {
    const element = box.current;
    if (element && follow.current) element.scrollTop = element.scrollHeight;
  }, [log.text]);

  function onScroll() {
    const element = box.current;
    if (!element) return;
    // Within a line of the bottom counts as "at the bottom".
    follow.current = element.scrollHeight - element.scrollTop - element.clientHeight < 24;
  }

  return (
    <div className="check-log-wrap">
      {log.trimmed && <p className="subtle">{t('checks.log.trimmed')}</p>}
      <pre ref={box} className="check-log" tabIndex={0} aria-label={t('checks.log.label')} data-testid="check-log" onScroll={onScroll}>
        {log.text || (log.running ? t('checks.log.waiting') : t('checks.log.empty'))}
      </pre>
    </div>
  );
}
