// Arriving at a module with no document chosen while one of its implementation runs waits for review shows that
// run's Changes view: the review is what the module needs next. Decided once, on arrival, from the runs as main
// has them, so a run that ends later never pulls the page away from a document.

import { useEffect } from 'react';
import { runsOfModule, useImplementRunsStore } from '../../stores/implementRuns';
import { useRouteStore } from '../../stores/route';

/** `choseView` is true when the address names a document or the Changes view: then nothing is redirected. */
export function useChangesForReview(moduleId: string, choseView: boolean): void {
  useEffect(() => {
    if (choseView) return;
    let live = true;
    void useImplementRunsStore
      .getState()
      .loadRuns(moduleId)
      .then(() => {
        const { route, navigate } = useRouteStore.getState();
        // The user may have picked a document (or left) while the runs loaded.
        if (!live || route.page !== 'module' || route.moduleId !== moduleId || route.doc !== null) return;
        const waiting = runsOfModule(useImplementRunsStore.getState().runs, moduleId).find((r) => r.state === 'review');
        if (waiting) navigate({ page: 'module-changes', moduleId, view: { kind: 'runs', runId: waiting.runId } }, { replace: true });
      });
    return () => {
      live = false;
    };
    // Only on arriving at a module: later changes of view are the user's.
  }, [moduleId]);
}
