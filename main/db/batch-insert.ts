import type Database from 'better-sqlite3';

/**
 * Buffers rows for one table and inserts them many per statement. Crossing from JavaScript into SQLite once per
 * row costs more than the insert itself, so bulk writers (the demo seed, an import's staging table) send a few hundred
 * values per call. A failed statement drops what was buffered with it, so the rows never reach a later batch.
 *
 * Usage: push one row's values onto `values`, then call `rowAdded()`. (A method taking the row as arguments would
 * allocate an array per row, ten million of them in a large seed.)
 */
export class BatchInsert {
  readonly values: unknown[] = [];
  private readonly multi: Database.Statement | null;
  private readonly single: Database.Statement;
  private readonly width: number;
  private rows = 0;
  private readonly table: string;

  constructor(
    db: Database.Database,
    table: string,
    columns: readonly string[],
    private readonly rowsPerStatement: number,
  ) {
    this.table = table;
    this.width = columns.length;
    const tuple = `(${columns.map(() => '?').join(', ')})`;
    const head = `INSERT INTO ${table} (${columns.join(', ')}) VALUES `;
    this.single = db.prepare(head + tuple);
    this.multi = rowsPerStatement > 1 ? db.prepare(head + Array(rowsPerStatement).fill(tuple).join(', ')) : null;
  }

  rowAdded(): void {
    if (this.values.length !== ++this.rows * this.width) {
      throw new Error(`${this.table}: expected ${this.width} values per row`);
    }
    if (this.rows === this.rowsPerStatement) {
      // As separate arguments: better-sqlite3 reads an array argument element by element through the V8 API, which
      // cost ~1.4 µs more per 14-value row than the same values spread into the call.
      try {
        (this.multi ?? this.single).run(...this.values);
      } finally {
        this.discard();
      }
    }
  }

  /** Writes what is buffered; call before commit. */
  flush(): void {
    try {
      for (let at = 0; at < this.values.length; at += this.width) {
        this.single.run(...this.values.slice(at, at + this.width));
      }
    } finally {
      this.discard();
    }
  }

  private discard(): void {
    this.values.length = 0;
    this.rows = 0;
  }
}
