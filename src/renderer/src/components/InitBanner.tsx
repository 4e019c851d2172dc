// Explains what Initialise does, starts it with a chosen base branch, shows its progress and its outcome.

import { useEffect, useState } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { DOC_FILE_NAMES } from '../../../shared/documents';
import { useBoardStore } from '../stores/board';
import { useJobsStore } from '../stores/jobs';
import { useWorkspaceStore } from '../stores/workspace';
import { ErrorNotice } from './ErrorNotice';
import { InitOutcome } from './InitOutcome';
import { JobProgressBar } from './JobProgressBar';

export function InitBanner() {
  const { t } = useTranslation();
  const workspace = useWorkspaceStore((s) => s.workspace);
  const moduleCount = workspace?.moduleCount ?? 0;
  const exampleId = useBoardStore((s) => s.board?.modules[0]?.id ?? 'fleet-hub');
  const job = useJobsStore((s) => (s.initJobId ? s.jobs[s.initJobId] : undefined));
  const starting = useJobsStore((s) => s.initStarting);
  const startError = useJobsStore((s) => s.initError);
  const startInit = useJobsStore((s) => s.startInit);
  const cancel = useJobsStore((s) => s.cancel);
  const dismiss = useJobsStore((s) => s.dismissInit);
  const [baseBranch, setBaseBranch] = useState(workspace?.baseBranch ?? '');
  const [docsFolder, setDocsFolder] = useState(workspace?.docsFolder ?? '');

  useEffect(() => setBaseBranch(workspace?.baseBranch ?? ''), [workspace?.path, workspace?.baseBranch]);
  useEffect(() => setDocsFolder(workspace?.docsFolder ?? ''), [workspace?.path, workspace?.docsFolder]);

  if (!workspace) return null;
  const running = !!job && !job.finished;
  if (workspace.initialised && !job) return null;

  if (job?.finished) return <InitOutcome finished={job.finished} onDismiss={dismiss} />;

  return (
    <section className="init-banner" aria-labelledby="init-heading" data-testid="init-banner">
      <h2 id="init-heading">{t('init.title')}</h2>
      <p>{t('init.intro')}</p>
      <ul className="init-steps">
        <li>
          <Trans i18nKey="init.stepManifest" values={{ branch: workspace.workspaceBranch }} components={{ code: <code /> }} />
        </li>
        <li>
          <Trans
            i18nKey="init.stepBranches"
            count={moduleCount}
            values={{
              branch: `${workspace.branchPrefix}${exampleId}`,
              folder: `${docsFolder.trim() || workspace.docsFolder}/${exampleId}/`,
              files: Object.values(DOC_FILE_NAMES).join(', '),
            }}
            components={{ code: <code /> }}
          />
        </li>
        <li>{t('init.stepNoCheckout')}</li>
        <li>
          <Trans i18nKey="init.stepBaseUntouched" values={{ branch: baseBranch || workspace.baseBranch }} components={{ code: <code /> }} />
        </li>
      </ul>
      <form
        className="init-form"
        onSubmit={(e) => {
          e.preventDefault();
          // The documents folder is chosen here only before the manifest exists; afterwards the manifest holds it.
          const folder = docsFolder.trim();
          void startInit(baseBranch.trim() || undefined, !workspace.initialised && folder && folder !== workspace.docsFolder ? folder : undefined);
        }}
      >
        <div className="field">
          <label htmlFor="init-base-branch">{t('init.baseBranchLabel')}</label>
          <input
            id="init-base-branch"
            value={baseBranch}
            onChange={(e) => setBaseBranch(e.target.value)}
            disabled={running || starting}
            autoComplete="off"
            spellCheck={false}
            aria-invalid={startError?.code === 'BASE_BRANCH_MISSING' || startError?.code === 'INVALID_INPUT' ? true : undefined}
            aria-describedby={startError ? 'init-error' : undefined}
          />
        </div>
        {!workspace.initialised && (
          <div className="field">
            <label htmlFor="init-docs-folder">{t('init.docsFolderLabel')}</label>
            <input
              id="init-docs-folder"
              value={docsFolder}
              onChange={(e) => setDocsFolder(e.target.value)}
              disabled={running || starting}
              autoComplete="off"
              spellCheck={false}
              aria-invalid={startError?.code === 'PATH_OCCUPIED' && startError.data?.docsFolder !== undefined ? true : undefined}
              aria-describedby={startError ? 'init-error' : undefined}
              data-testid="init-docs-folder"
            />
          </div>
        )}
        <button type="submit" className="button primary" disabled={running || starting} data-testid="init-button">
          {running || starting ? t('init.running') : t('init.button')}
        </button>
      </form>
      <ErrorNotice error={startError} id="init-error" title={t('init.startFailed')} />
      {running && job && <JobProgressBar job={job} label={t('init.progressLabel')} onCancel={() => void cancel(job.jobId)} />}
    </section>
  );
}
