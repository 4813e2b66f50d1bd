export type ElectronBinary = { path: string; version: string } | { path: null; version: string; reason: string };
export function electronBinary(root: string, options?: { download?: boolean }): ElectronBinary;
