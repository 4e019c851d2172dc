// A distinct shape per document state, so states never rely on colour alone:
// missing = dashed ring, template = ring, written = disc, approved = disc with a tick.

import type { DocState } from '../../../shared/documents';

export function StateIcon({ state }: { state: DocState }) {
  return (
    <svg className={`state-icon state-${state}`} viewBox="0 0 12 12" aria-hidden="true" focusable="false">
      {state === 'missing' && <circle cx="6" cy="6" r="4.5" fill="none" strokeWidth="1.5" strokeDasharray="2 1.6" />}
      {state === 'template' && <circle cx="6" cy="6" r="4.5" fill="none" strokeWidth="1.5" />}
      {state === 'written' && <circle cx="6" cy="6" r="5" stroke="none" />}
      {state === 'approved' && (
        <>
          <circle cx="6" cy="6" r="5.5" stroke="none" />
          <path d="M3.4 6.2 5.2 8 8.7 4.3" fill="none" strokeWidth="1.6" className="tick" />
        </>
      )}
    </svg>
  );
}
