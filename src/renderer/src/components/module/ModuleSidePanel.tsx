// The module page's side panel: the tabs of MODULE_TABS (files, implementation, checks, pull request, agent) with
// arrow-key navigation; the chosen tab is remembered. Every panel stays mounted while hidden, so the shortcuts
// and live updates they own keep working. Collapsed, it leaves a narrow rail to open it again.

import { useEffect, useRef, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useModuleLayoutStore } from '../../stores/moduleLayout';
import { MODULE_TABS, type ModuleTabProps } from './moduleTabs';

export const SIDE_PANEL_ID = 'module-side-panel';
const CONTENT_ID = 'module-side-content';

export function ModuleSidePanel(props: ModuleTabProps) {
  const { t } = useTranslation();
  const chosen = useModuleLayoutStore((s) => s.tab);
  const setTab = useModuleLayoutStore((s) => s.setTab);
  const collapsed = useModuleLayoutStore((s) => s.collapsed);
  const setCollapsed = useModuleLayoutStore((s) => s.setCollapsed);
  const tabs = useRef(new Map<string, HTMLButtonElement>());
  const active = MODULE_TABS.find((tab) => tab.id === chosen) ?? MODULE_TABS[0]!;
  const rail = useRef<HTMLButtonElement>(null);
  const toggled = useRef(false);

  // Focus follows the toggle (the rail, or the chosen tab), never on the page's first render.
  useEffect(() => {
    if (!toggled.current) return;
    toggled.current = false;
    if (collapsed) rail.current?.focus();
    else tabs.current.get(active.id)?.focus();
  }, [collapsed]);
  const toggle = (next: boolean) => {
    toggled.current = true;
    setCollapsed(next);
  };

  const select = (id: string, focus = false) => {
    setTab(id);
    if (focus) tabs.current.get(id)?.focus();
  };
  // Arrows move along the tabs (wrapping), Home and End to the ends; the tab follows the focus.
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const index = MODULE_TABS.indexOf(active);
    const last = MODULE_TABS.length - 1;
    const target = { ArrowRight: index === last ? 0 : index + 1, ArrowLeft: index === 0 ? last : index - 1, Home: 0, End: last }[event.key];
    if (target === undefined) return;
    event.preventDefault();
    select(MODULE_TABS[target]!.id, true);
  };

  return (
    <aside className="module-side" id={SIDE_PANEL_ID} aria-label={t('moduleTabs.panelLabel')} data-testid="module-side-panel" data-collapsed={collapsed}>
      {collapsed && (
        <button ref={rail} type="button" className="side-rail" onClick={() => toggle(false)} aria-expanded={false} aria-controls={CONTENT_ID} data-testid="expand-side-panel">
          <span aria-hidden="true">‹ </span>
          {t('moduleTabs.expand')}
        </button>
      )}
      <div className="module-side-inner" id={CONTENT_ID} hidden={collapsed}>
        <div className="module-tabs-row">
          {/* First in the Tab order, drawn at the row's end: Tab goes from the chosen tab straight into its panel. */}
          <button type="button" className="button small side-collapse" onClick={() => toggle(true)} aria-expanded={true} aria-controls={CONTENT_ID} title={t('moduleTabs.collapse')} data-testid="collapse-side-panel">
            <span aria-hidden="true">›</span>
            <span className="visually-hidden">{t('moduleTabs.collapse')}</span>
          </button>
          <div className="module-tabs" role="tablist" aria-label={t('moduleTabs.tablistLabel')} onKeyDown={onKeyDown}>
            {MODULE_TABS.map((tab) => {
              const selected = tab === active;
              return (
                <button
                  key={tab.id}
                  ref={(node) => void (node ? tabs.current.set(tab.id, node) : tabs.current.delete(tab.id))}
                  type="button"
                  role="tab"
                  id={`module-tab-${tab.id}`}
                  className="module-tab"
                  aria-selected={selected}
                  aria-controls={`module-tabpanel-${tab.id}`}
                  tabIndex={selected ? 0 : -1}
                  onClick={() => select(tab.id)}
                  data-testid={`module-tab-${tab.id}`}
                >
                  {t(tab.label)}
                  {tab.Badge && <tab.Badge {...props} />}
                </button>
              );
            })}
          </div>
        </div>
        {MODULE_TABS.map((tab) => (
          <div
            key={tab.id}
            role="tabpanel"
            id={`module-tabpanel-${tab.id}`}
            className="module-tabpanel"
            aria-labelledby={`module-tab-${tab.id}`}
            hidden={tab !== active}
            tabIndex={0}
            data-testid={`module-tabpanel-${tab.id}`}
          >
            <tab.Panel {...props} />
          </div>
        ))}
      </div>
    </aside>
  );
}
