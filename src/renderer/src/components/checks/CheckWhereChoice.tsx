// Where checks run: the Implement dialog's Run-where choice (here, GitHub Actions, Azure Pipelines, each CI target
// offered only once its runner set-up is on the base branch, otherwise disabled with why and a link to the set-up),
// worded for checks. Mounted only while open, so the board reads the CI set-up only when the user wants to choose.

import { useChecksStore } from '../../stores/checks';
import { RunWhereChoice } from '../remote/RunWhereChoice';

/** `id`: the element the toggle button controls; the choice's own ids and test ids start with it. */
export function CheckWhereChoice({ id }: { id: string }) {
  const where = useChecksStore((s) => s.where);
  return (
    <div id={id} className="check-where">
      <RunWhereChoice kind="check" idPrefix={id} value={where} onChange={(w) => useChecksStore.getState().setWhere(w)} />
    </div>
  );
}
