// The last lines of a deploy's log (a command's output, a followed run's lines), following new output while the
// reader is at the bottom; "Show all" shows the whole kept log.

import { useLayoutEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { logTail } from '../../lib/deployView';

const TAIL_LINES = 40;

export function DeployLogTail({ log, running }: { log: string; running: boolean }) {
  const { t } = useTranslation();
  const [all, setAll] = useState(false);
  const box = useRef<HTMLPreElement>(null);
  const follow = useRef(true);
  const tail = all ? { text: log.replace(/\n$/, ''), hidden: 0 } : logTail(log, TAIL_LINES);

  useLayoutEffect(() => {
    const element = box.current;
    if (element && follow.current) element.scrollTop = element.scrollHeight;
  }, [tail.text]);

  function onScroll() {
    const element = box.current;
    if (element) follow.current = element.scrollHeight - element.scrollTop - element.clientHeight < 24;
  }

  if (!log && !running) return null;
  return (
    <div className="deploy-log-wrap">
      <div className="deploy-log-head">
        <h3>{t('deploy.log.heading')}</h3>
        {tail.hidden > 0 && (
          <button type="button" className="button link" onClick={() => setAll(true)}>
            {t('deploy.log.showAll', { count: tail.hidden })}
          </button>
        )}
      </div>
      <pre ref={box} className="deploy-log" tabIndex={0} aria-label={t('deploy.log.label')} data-testid="deploy-log" onScroll={onScroll}>
        {tail.text || t('deploy.log.waiting')}
      </pre>
    </div>
  );
}
