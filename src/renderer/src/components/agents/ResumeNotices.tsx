// The notices of batches resumed by themselves when the workspace opened (or left interrupted, and why),
// shown above every page until dismissed.

import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useResumeNoticesStore } from '../../stores/agentsResume';
import { useWorkspaceStore } from '../../stores/workspace';
import { ResumeNoticeItem } from './ResumeNoticeItem';
import './agents.css';

export function ResumeNotices() {
  const { t } = useTranslation();
  const notices = useResumeNoticesStore((s) => s.notices);
  const workspacePath = useWorkspaceStore((s) => s.workspace?.path ?? null);

  useEffect(() => {
    if (workspacePath) void useResumeNoticesStore.getState().load();
    else useResumeNoticesStore.setState({ notices: [] });
  }, [workspacePath]);

  if (notices.length === 0) return null;
  return (
    <section className="resume-notices" aria-label={t('agents.resume.label')} data-testid="resume-notices">
      {notices.map((notice) => (
        <ResumeNoticeItem key={notice.batchId} notice={notice} />
      ))}
    </section>
  );
}
