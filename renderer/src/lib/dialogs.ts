/**
 * Whether a modal dialog is open: its own Esc closes it, so the screens' Esc (back to the counter, leave the editor)
 * must wait. Native <dialog> elements carry no role attribute (the role is implicit), hence `dialog[open]`.
 */
export const dialogOpen = (): boolean => document.querySelector('dialog[open], [role="dialog"]') !== null;
