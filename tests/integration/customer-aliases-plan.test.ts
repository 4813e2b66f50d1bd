// A store that holds a merge resolves every search hit through customer-aliases.ts: the statements must probe
// sync_ids by global id per hop, never read every customer's sync_ids row (that made each hit cost milliseconds).
import { describe, expect, it } from 'vitest';
import { aliasStatements } from '../../main/services/customer-aliases';
import { tempStore } from '../helpers/temp-store';

function plan(s: ReturnType<typeof tempStore>, sql: string): string {
  return s.db
    .prepare(`EXPLAIN QUERY PLAN ${sql}`)
    .all({ row: 1, max: 100 })
    .map((r) => (r as { detail: string }).detail)
    .join(' | ');
}

describe('resolving merged customers', () => {
  it.each(['survivorRow', 'mergedRows'] as const)('%s looks sync_ids up by global id, hop by hop', (name) => {
    const s = tempStore();
    const p = plan(s, aliasStatements(s.db)[name].source);
    expect(p).toMatch(/SEARCH s USING (COVERING )?INDEX sqlite_autoindex_sync_ids_\d \(global_id=\?/);
    expect(p).not.toMatch(/SEARCH s USING PRIMARY KEY \(entity=\?\)/);
    expect(p).not.toMatch(/AUTOMATIC/);
  });
});
