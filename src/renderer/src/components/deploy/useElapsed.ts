// Milliseconds since `start`, ticking once a second until `end` is known (then the fixed duration).

import { useEffect, useState } from 'react';

export function useElapsed(start: string | null, end: string | null): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!start || end) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [start, end]);
  if (!start) return 0;
  const from = new Date(start).getTime();
  const to = end ? new Date(end).getTime() : now;
  return Math.max(0, to - from);
}
