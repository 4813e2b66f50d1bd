/** What "Export diagnostics" hands to IT: enough to judge a terminal's health, and nothing about customers. */

export type SettingValue = string | number | boolean | null;

export interface DiagnosticsAuditEntry {
  at: string;
  event: string;
  clerkId: number | null;
  terminalId: string;
  /** Ids and file names only ("customer:42", "reports.csv"); free text is left out. */
  subject: string | null;
  /** Counts, flags, dates and short codes; free-text fields (a reason, a note) read "[omitted]". */
  details: Record<string, SettingValue>;
}

export interface DiagnosticsBundle {
  format: 'counterpart.diagnostics.v1';
  generatedAt: string;
  app: { version: string; platform: string; runtime: Record<string, string> };
  database: {
    /** PRAGMA user_version of the file, and the newest schema this build knows. */
    schemaVersion: number;
    appSchemaVersion: number;
    /** "ok", or SQLite's first complaints. */
    quickCheck: string;
    sizeBytes: number;
    rowCounts: Record<string, number>;
  };
  config: {
    /** The managed configuration file looked for (null where none applies, e.g. the browser preview). */
    file: string | null;
    deployed: boolean;
    /** Every managed setting with the value in force; URLs without credentials or query. */
    inForce: Record<string, SettingValue>;
    /** Settings fixed by the file, read-only in the app. */
    locked: string[];
  };
  log: { file: string | null; lines: string[] };
  audit: { since: string; entries: DiagnosticsAuditEntry[] };
}
