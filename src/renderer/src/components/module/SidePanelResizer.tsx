// The handle between the module page's main area and its side panel: drag it, or focus it and use the arrow
// keys (Home/End for the narrowest and widest); a double click restores the default width.

import { useRef, type KeyboardEvent, type PointerEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { PANEL_DEFAULT_WIDTH, PANEL_MAX_WIDTH, PANEL_MIN_WIDTH, useModuleLayoutStore } from '../../stores/moduleLayout';

const STEP = 24;

export function SidePanelResizer({ controls }: { controls: string }) {
  const { t } = useTranslation();
  const width = useModuleLayoutStore((s) => s.width);
  const setWidth = useModuleLayoutStore((s) => s.setWidth);
  const drag = useRef<{ x: number; width: number } | null>(null);

  // The panel is on the right: moving the handle left widens it.
  const onPointerDown = (event: PointerEvent<HTMLDivElement>) => {
    if (event.button !== 0) return;
    event.currentTarget.setPointerCapture(event.pointerId);
    drag.current = { x: event.clientX, width };
  };
  const onPointerMove = (event: PointerEvent<HTMLDivElement>) => {
    if (drag.current) setWidth(drag.current.width + drag.current.x - event.clientX);
  };
  const onPointerUp = () => {
    drag.current = null;
  };
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const next: Record<string, number> = { ArrowLeft: width + STEP, ArrowRight: width - STEP, Home: PANEL_MIN_WIDTH, End: PANEL_MAX_WIDTH };
    if (!(event.key in next)) return;
    event.preventDefault();
    setWidth(next[event.key]!);
  };

  return (
    <div
      className="side-resizer"
      role="separator"
      aria-orientation="vertical"
      aria-label={t('moduleTabs.resize')}
      aria-controls={controls}
      aria-valuenow={width}
      aria-valuemin={PANEL_MIN_WIDTH}
      aria-valuemax={PANEL_MAX_WIDTH}
      tabIndex={0}
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={onPointerUp}
      onPointerCancel={onPointerUp}
      onDoubleClick={() => setWidth(PANEL_DEFAULT_WIDTH)}
      onKeyDown={onKeyDown}
      data-testid="side-resizer"
    />
  );
}
