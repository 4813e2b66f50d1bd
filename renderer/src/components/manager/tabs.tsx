import type { ComponentType } from 'react';
import type { Role } from '../../../../common/domain';
import { AuditTab } from './audit/AuditTab';
import { BackupsTab } from './backups/BackupsTab';
import { FollowUpsTab } from './followups/FollowUpsTab';
import { ImportTab } from './imports/ImportTab';
import { MergesTab } from './merges/MergesTab';
import { PlaybookTab } from './playbook/PlaybookTab';
import { ReviewTab } from './review/ReviewTab';
import { SettingsTab } from './settings/SettingsTab';
import { TeamTab } from './team/TeamTab';

/**
 * The back-office areas, one tab each. A tab lists the lowest role that may open it; the main process checks the
 * same roles on every call, so this only decides what is offered.
 */
export interface ManagerTab {
  id: string;
  label: string;
  minRole: Role;
  Component: ComponentType;
}

export const MANAGER_TABS: ManagerTab[] = [
  { id: 'review', label: 'Daily review', minRole: 'manager', Component: ReviewTab },
  { id: 'followups', label: 'Follow-ups', minRole: 'manager', Component: FollowUpsTab },
  { id: 'playbook', label: 'Playbook', minRole: 'manager', Component: PlaybookTab },
  { id: 'team', label: 'Team', minRole: 'manager', Component: TeamTab },
  { id: 'audit', label: 'Audit log', minRole: 'manager', Component: AuditTab },
  { id: 'merges', label: 'Merges', minRole: 'manager', Component: MergesTab },
  { id: 'import', label: 'Import', minRole: 'admin', Component: ImportTab },
  { id: 'backups', label: 'Backups', minRole: 'admin', Component: BackupsTab },
  { id: 'settings', label: 'Settings', minRole: 'manager', Component: SettingsTab },
];
