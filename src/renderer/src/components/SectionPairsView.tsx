// The as-is and to-be side by side, section by section: the same headings on one row, a section found on
// one side only against an empty cell. The markdown is shown as text; editing happens in the line diff.

import { useMemo, useRef, type MutableRefObject } from 'react';
import { useTranslation } from 'react-i18next';
import type { EditorKeyHandlers } from '../monaco/editorKeys';
import { pairSections, type SectionPair } from '../lib/sectionPairs';

interface Props {
  left: { label: string; text: string };
  right: { label: string; text: string };
  keys: MutableRefObject<EditorKeyHandlers>;
}

function rowState(pair: SectionPair): string {
  if (!pair.left) return 'right-only';
  if (!pair.right) return 'left-only';
  return pair.same ? 'same' : 'changed';
}

export function SectionPairsView({ left, right, keys }: Props) {
  const { t } = useTranslation();
  const pairs = useMemo(() => pairSections(left.text, right.text), [left.text, right.text]);
  const body = useRef<HTMLTableSectionElement | null>(null);

  // F7 / Shift+F7 move focus between rows that differ, as they move between changes in the line diff.
  const go = (step: 1 | -1) => {
    const rows = [...(body.current?.querySelectorAll<HTMLTableRowElement>('tr:not([data-state="same"])') ?? [])];
    if (rows.length === 0) return;
    const at = rows.findIndex((r) => r.contains(document.activeElement));
    const next = at < 0 ? (step > 0 ? 0 : rows.length - 1) : (at + step + rows.length) % rows.length;
    rows[next]!.focus();
  };
  keys.current.nextChange = () => go(1);
  keys.current.previousChange = () => go(-1);

  const cell = (side: SectionPair['left'], missing: string) =>
    side ? <pre className="section-text">{side.text}</pre> : <p className="section-missing">{missing}</p>;

  return (
    <div className="section-pairs" data-testid="section-pairs" role="region" aria-label={t('pair.sectionsRegion')} tabIndex={0}>
      <table>
        <caption className="visually-hidden">{t('pair.sectionsCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{left.label}</th>
            <th scope="col">{right.label}</th>
          </tr>
        </thead>
        <tbody ref={body}>
          {pairs.length === 0 && (
            <tr>
              <td colSpan={2} className="section-missing">
                {t('pair.bothEmpty')}
              </td>
            </tr>
          )}
          {pairs.map((pair, i) => (
            <tr key={i} data-state={rowState(pair)} tabIndex={-1}>
              <td data-side="left">
                <span className={pair.same ? 'section-same' : 'visually-hidden'}>{t(`pair.row.${rowState(pair)}`)}</span>
                {cell(pair.left, t('pair.missing', { label: left.label }))}
              </td>
              <td data-side="right">{cell(pair.right, t('pair.missing', { label: right.label }))}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
