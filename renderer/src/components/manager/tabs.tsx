import type { ComponentType } from 'react';
import type { Role } from '@common/domain';
import type { CATALOGUES } from '@common/i18n';
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
  /** Also its name's key: t(`manager.tab.${id}`). */
  id: keyof typeof CATALOGUES.en.manager.tab;
  minRole: Role;
  Component: ComponentType;
}

export const MANAGER_TABS: ManagerTab[] = [
  { id: 'review', minRole: 'manager', Component: ReviewTab },
  { id: 'followups', minRole: 'manager', Component: FollowUpsTab },
  { id: 'playbook', minRole: 'manager', Component: PlaybookTab },
  { id: 'team', minRole: 'manager', Component: TeamTab },
  { id: 'audit', minRole: 'manager', Component: AuditTab },
  { id: 'merges', minRole: 'manager', Component: MergesTab },
  { id: 'import', minRole: 'admin', Component: ImportTab },
  { id: 'backups', minRole: 'admin', Component: BackupsTab },
  { id: 'settings', minRole: 'manager', Component: SettingsTab },
];
