import type { Role } from './domain';

/**
 * Who may call each method. Checked in the main process before any handler runs; the renderer hiding a button is
 * only a convenience. 'public' needs no sign-in (start-up, choosing who you are); the roles are ordered
 * clerk < manager < admin. Declared per method in the contract, next to its schema.
 */
export type Access = 'public' | Role;

export const ROLE_RANK: Record<Role, number> = { clerk: 1, manager: 2, admin: 3 };

export function allows(role: Role, needed: Access): boolean {
  return needed === 'public' || ROLE_RANK[role] >= ROLE_RANK[needed];
}
