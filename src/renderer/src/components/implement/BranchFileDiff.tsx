// One file of the module branch: at the fork point and at the tip (readBranchFile), as a read-only Monaco diff.

import { useTranslation } from 'react-i18next';
import type { ChangedFile } from '../../../../shared/types-implement';
import { api } from '../../api';
import { shortOid } from './format';
import { ReadOnlyFileDiff } from './ReadOnlyFileDiff';

export function BranchFileDiff({ moduleId, tip, file }: { moduleId: string; tip: string; file: ChangedFile }) {
  const { t } = useTranslation();
  return (
    <ReadOnlyFileDiff
      path={file.path}
      load={() => api.readBranchFile({ moduleId, path: file.path, tip })}
      sidesKey={`${moduleId}\n${file.path}\n${tip}`}
      diffId={`branch-${moduleId}-${tip}-${file.path}`}
      testId="branch-file-diff"
      heading="h3"
      labels={(path) => ({ before: t('implement.diff.forkPoint', { path }), after: t('implement.diff.branchTip', { path, commit: shortOid(tip) }) })}
    />
  );
}
