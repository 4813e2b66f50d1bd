import type { ComponentType } from 'react';
import type { Role } from '../../../../common/domain';

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

const Placeholder = ({ what }: { what: string }) => <p className="muted">{what}</p>;

export const MANAGER_TABS: ManagerTab[] = [
  { id: 'review', label: 'Daily review', minRole: 'manager', Component: () => <Placeholder what="Daily review" /> },
];
