// The module page's side-panel tabs, in order. Adding a panel to the module page is one entry here (and its
// label in the locale): `Panel` renders the tab's content, `Badge` (optional) a short count or state on the tab.

import type { ComponentType } from 'react';
import type { DocKind } from '../../../../shared/documents';
import type { ModuleDetail } from '../../../../shared/types';
import { AgentDocPanel } from '../agents/AgentDocPanel';
import { ChecksPanel } from '../checks/ChecksPanel';
import { ModuleImplementPanel } from '../implement/ModuleImplementPanel';
import { PullRequestPanel } from '../pulls/PullRequestPanel';
import { ModuleScope } from '../scope/ModuleScope';
import { DeployTabBadge, DeployTabPanel } from '../deploy/DeployTab';
import { CiTabBadge, CiTabPanel } from '../ci/CiTab';
import { AgentBadge, ChecksBadge, FilesBadge, ImplementationBadge, PullsBadge } from './ModuleTabBadges';

/** What every tab's panel and badge receive: the module as loaded, the open document and the base branch. */
export interface ModuleTabProps {
  detail: ModuleDetail;
  doc: DocKind;
  baseBranch: string;
}

export interface ModuleTab {
  /** Stable id: remembered as the chosen tab, and part of the tab's element ids and test ids. */
  id: string;
  /** The i18n key of the tab's label. */
  label: string;
  Panel: ComponentType<ModuleTabProps>;
  Badge?: ComponentType<ModuleTabProps>;
}

export const MODULE_TABS: ModuleTab[] = [
  { id: 'files', label: 'moduleTabs.files', Panel: ({ detail }) => <ModuleScope detail={detail} />, Badge: FilesBadge },
  { id: 'implementation', label: 'moduleTabs.implementation', Panel: ({ detail }) => <ModuleImplementPanel card={detail.card} />, Badge: ImplementationBadge },
  { id: 'checks', label: 'moduleTabs.checks', Panel: ({ detail }) => <ChecksPanel moduleId={detail.card.id} />, Badge: ChecksBadge },
  { id: 'ci', label: 'moduleTabs.ci', Panel: CiTabPanel, Badge: CiTabBadge },
  { id: 'pull-request', label: 'moduleTabs.pullRequest', Panel: ({ detail, baseBranch }) => <PullRequestPanel card={detail.card} baseBranch={baseBranch} />, Badge: PullsBadge },
  { id: 'deploys', label: 'moduleTabs.deploys', Panel: DeployTabPanel, Badge: DeployTabBadge },
  { id: 'agent', label: 'moduleTabs.agent', Panel: ({ detail, doc }) => <AgentDocPanel moduleId={detail.card.id} kind={doc} />, Badge: AgentBadge },
];
