// Under the board filter: which modules own the files a path-like word names ("src/x.ts belongs to: A, B").

import { useTranslation } from 'react-i18next';
import type { FileOwners } from '../../../shared/types-scope';
import { displayPath } from '../../../shared/display-path';
import { pathWords } from '../lib/filter';
import { useFileOwnersStore } from '../stores/fileOwners';

function ownerLine(t: ReturnType<typeof useTranslation>['t'], answer: FileOwners): string {
  const titles = new Map(answer.modules.map((m) => [m.moduleId, m.title]));
  if (answer.exact) {
    const path = displayPath(answer.exact.path);
    if (answer.exact.moduleIds.length === 0) return t('board.owners.belongsToNone', { path });
    return t('board.owners.belongsTo', { path, modules: answer.exact.moduleIds.map((id) => titles.get(id) ?? id).join(', ') });
  }
  if (answer.modules.length === 0) return t('board.owners.none', { query: answer.query });
  return t('board.owners.matches', { query: answer.query, count: answer.modules.length, modules: answer.modules.map((m) => m.title).join(', ') });
}

export function FileOwnersNote({ text }: { text: string }) {
  const { t } = useTranslation();
  const answers = useFileOwnersStore((s) => s.answers);
  const pending = useFileOwnersStore((s) => s.pending);
  const words = pathWords(text);
  if (words.length === 0) return null;
  return (
    <div className="file-owners" role="status" aria-live="polite" data-testid="file-owners">
      {words.map((word) => {
        const answer = answers.get(word);
        if (answer) return <p key={word}>{ownerLine(t, answer)}</p>;
        return pending.has(word) ? (
          <p key={word} className="subtle">
            {t('board.owners.looking', { query: word })}
          </p>
        ) : null;
      })}
    </div>
  );
}
