/** `--db FILE` or `--db=FILE` among the command-line arguments; Chromium's own switches are left alone. */
export function dbFlag(argv: readonly string[]): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const next = argv[i + 1];
    if (arg === '--db' && next && !next.startsWith('--')) return next;
    if (arg.startsWith('--db=')) return arg.slice('--db='.length) || undefined;
  }
  return undefined;
}
