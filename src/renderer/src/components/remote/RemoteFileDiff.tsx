// One file of a remote run's change: at the tip the run started from and at the review commit (readRemoteRunFile),
// in the same read-only Monaco diff as the branch view (the commit is the runner's).

import { useTranslation } from 'react-i18next';
import type { ChangedFile } from '../../../../shared/types-implement';
import { api } from '../../api';
import { shortOid } from '../implement/format';
import { ReadOnlyFileDiff } from '../implement/ReadOnlyFileDiff';

export function RemoteFileDiff({ runId, tip, commit, file }: { runId: string; tip: string; commit: string; file: ChangedFile }) {
  const { t } = useTranslation();
  return (
    <ReadOnlyFileDiff
      path={file.path}
      load={() => api.readRemoteRunFile({ runId, path: file.path })}
      sidesKey={`${runId}\n${file.path}`}
      diffId={`remote-${runId}-${commit}-${file.path}`}
      testId="remote-file-diff"
      heading="h4"
      labels={(path) => ({ before: t('remote.diff.startTip', { path, commit: shortOid(tip) }), after: t('remote.diff.reviewCommit', { path, commit: shortOid(commit) }) })}
    />
  );
}
