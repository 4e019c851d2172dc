// True only once `active` has stayed true for `delayMs`: quick loads show no spinner at all.

import { useEffect, useState } from 'react';

export function useDelayedFlag(active: boolean, delayMs = 500): boolean {
  const [shown, setShown] = useState(false);
  useEffect(() => {
    if (!active) {
      setShown(false);
      return;
    }
    const timer = setTimeout(() => setShown(true), delayMs);
    return () => clearTimeout(timer);
  }, [active, delayMs]);
  return active && shown;
}
