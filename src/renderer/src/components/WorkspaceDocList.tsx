// The workspace documents (FLEET_ENHANCEMENT_SUMMARY.md and the rest) as links; the open one is marked.

import { useTranslation } from 'react-i18next';
import { WORKSPACE_DOC_FILE_NAMES, type WorkspaceDocName } from '../../../shared/documents';
import { formatHash } from '../lib/route';

export function WorkspaceDocList({ selected }: { selected: WorkspaceDocName }) {
  const { t } = useTranslation();
  return (
    <ul className="document-list" aria-label={t('workspaceDocs.listLabel')}>
      {WORKSPACE_DOC_FILE_NAMES.map((name) => (
        <li key={name}>
          <a
            href={formatHash({ page: 'workspace-docs', name })}
            className="document-link"
            aria-current={name === selected ? 'true' : undefined}
            data-testid="workspace-doc-link"
            data-doc-name={name}
          >
            <span className="document-name">
              {t(`workspaceDocs.names.${name.replace(/\.md$/, '')}`)}
              <span className="document-file">{name}</span>
            </span>
          </a>
        </li>
      ))}
    </ul>
  );
}
