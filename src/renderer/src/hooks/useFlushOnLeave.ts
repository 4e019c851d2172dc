// Leaving the page, hiding the window or closing the editor: take the editors' text now and store the
// drafts, best effort (a closing page may not wait for the answer).

import { useEffect } from 'react';
import { useDocumentsStore } from '../stores/documents';

export function useFlushOnLeave(): void {
  useEffect(() => {
    const flushAll = () => void useDocumentsStore.getState().flushAll();
    const onVisibility = () => document.visibilityState === 'hidden' && flushAll();
    window.addEventListener('pagehide', flushAll);
    window.addEventListener('beforeunload', flushAll);
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      window.removeEventListener('pagehide', flushAll);
      window.removeEventListener('beforeunload', flushAll);
      document.removeEventListener('visibilitychange', onVisibility);
      flushAll();
    };
  }, []);
}
