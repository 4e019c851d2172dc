// Mounts the Implement dialog when something asks for it; the dialog itself (and its estimate) loads lazily.

import { lazy, Suspense } from 'react';
import { useImplementDialogStore } from '../../stores/implementDialog';

const ImplementDialog = lazy(() => import('./ImplementDialog'));

export function ImplementDialogHost() {
  const request = useImplementDialogStore((s) => s.request);
  if (!request) return null;
  return (
    <Suspense fallback={null}>
      <ImplementDialog key={request.modules.join(',')} request={request} />
    </Suspense>
  );
}
