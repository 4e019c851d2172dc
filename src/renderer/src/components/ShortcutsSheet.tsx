// Every keyboard shortcut on one sheet: opened with "?" (outside text fields) or the header button.

import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useKeyboardShortcut } from '../hooks/useKeyboardShortcut';
import { displayCombo, isMac } from '../lib/hotkeys';
import { SHORTCUT_SECTIONS } from '../lib/shortcuts';
import { useShortcutsStore } from '../stores/shortcuts';

export function ShortcutsSheet() {
  const { t } = useTranslation();
  const open = useShortcutsStore((s) => s.open);
  const setOpen = useShortcutsStore((s) => s.setOpen);
  const dialog = useRef<HTMLDialogElement>(null);
  const mac = isMac();

  useKeyboardShortcut('?', () => setOpen(true));

  useEffect(() => {
    const el = dialog.current;
    if (!el) return;
    if (open && !el.open) el.showModal();
    if (!open && el.open) el.close();
  }, [open]);

  return (
    <dialog
      ref={dialog}
      className="dialog shortcuts-sheet"
      aria-labelledby="shortcuts-title"
      data-testid="shortcuts-sheet"
      onClose={() => setOpen(false)}
      onKeyDown={(e) => {
        if (e.key !== 'Escape') return;
        e.preventDefault();
        setOpen(false);
      }}
    >
      <div className="dialog-head">
        <h2 id="shortcuts-title">{t('shortcuts.title')}</h2>
        <button type="button" className="button" onClick={() => setOpen(false)}>
          {t('action.close')}
        </button>
      </div>
      <div className="shortcut-sections">
        {SHORTCUT_SECTIONS.map((section) => (
          <section key={section.title} aria-labelledby={`shortcuts-${section.title}`}>
            <h3 id={`shortcuts-${section.title}`}>{t(section.title)}</h3>
            <dl className="shortcut-list">
              {section.entries.map((entry) => (
                <div key={entry.label}>
                  <dt>
                    {entry.combos.map((combo, i) => (
                      <span key={combo}>
                        {i > 0 && <span className="subtle"> {t('shortcuts.or')} </span>}
                        <kbd>{displayCombo(combo, mac)}</kbd>
                      </span>
                    ))}
                  </dt>
                  <dd>{t(entry.label)}</dd>
                </div>
              ))}
            </dl>
          </section>
        ))}
      </div>
    </dialog>
  );
}
