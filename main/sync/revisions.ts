// Which customers the changes pulled from the hub touched, so the profile open at the counter refreshes when one of
// them is the customer on screen (sync.state's openCustomerRevision, asked by the renderer's one sync poll).
//
// In memory: only the running app shows a profile. Each applied page that touched customers is one revision; a
// customer's revision is the last one that touched them. The most recent KEPT_ROWS customers are remembered (a
// bootstrap touches every customer of the chain); one forgotten answers with the newest revision forgotten, which is
// never older than its own, so the worst case is one refresh the clerk did not need, never one missed.
export const KEPT_ROWS = 10_000;

export class Revisions {
  private revision = 0;
  private floor = 0;
  private readonly rows = new Map<number, number>();

  /** A page touched these local customer rows. */
  touched(rows: Iterable<number>): void {
    const next = this.revision + 1;
    let any = false;
    for (const row of rows) {
      any = true;
      this.rows.delete(row); // re-inserted last: the Map's order is oldest touch first
      this.rows.set(row, next);
    }
    if (!any) return;
    this.revision = next;
    for (const [row, revision] of this.rows) {
      if (this.rows.size <= KEPT_ROWS) break;
      this.rows.delete(row);
      this.floor = revision;
    }
  }

  /** The last revision that touched any of these rows (one person's records: a survivor and its aliases). */
  of(rows: readonly number[]): number {
    return rows.reduce((max, row) => Math.max(max, this.rows.get(row) ?? this.floor), this.floor);
  }
}
