// An address no page answers to: says so and offers the way back to the board, focused so Enter takes it.

import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';

export function NotFoundPage({ hash }: { hash: string }) {
  const { t } = useTranslation();
  const back = useRef<HTMLAnchorElement>(null);
  useEffect(() => {
    document.title = `${t('notFound.title')} · ${t('app.name')}`;
    back.current?.focus();
  }, [t]);
  return (
    <div className="page narrow" data-testid="not-found">
      <h1>{t('notFound.title')}</h1>
      <p>{t('notFound.body', { address: hash })}</p>
      <p>
        <a ref={back} className="button primary" href="#/">
          {t('notFound.back')}
        </a>
      </p>
    </div>
  );
}
