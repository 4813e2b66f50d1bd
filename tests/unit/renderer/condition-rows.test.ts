// The playbook editor's condition rows: every shipped one-level condition reads into rows and back unchanged.
import { describe, expect, it } from 'vitest';
import type { PlaybookCondition } from '@common/playbook';
import { fieldWords, fromRows, toRows } from '../../../renderer/src/components/manager/playbook/condition-rows';
import { playbookCatalog } from '../../../main/services/suggestions/overview';
import { parseCondition, shippedPlaybook } from '../../../main/services/suggestions';

const { fields } = playbookCatalog();

describe('condition rows', () => {
  it('show every field the engine knows in words', () => {
    expect(fieldWords('openIssue.dueInDays')).toBe('open issue › due in days');
    expect(fieldWords('visitCount')).toBe('visit count');
    for (const f of fields) expect(fieldWords(f.name)).toMatch(/^[a-z0-9 ›]+$/);
  });

  it('read every shipped one-level condition and write it back unchanged', () => {
    let asRows = 0;
    for (const t of shippedPlaybook().templates) {
      const rows = toRows(t.conditions as PlaybookCondition);
      if (!rows) continue;
      asRows++;
      const back = fromRows(rows, fields);
      const same = 'field' in t.conditions ? { all: [t.conditions] } : t.conditions;
      expect(back, t.id).toEqual(same);
      expect(() => parseCondition(back)).not.toThrow();
    }
    expect(asRows).toBeGreaterThan(20);
  });

  it('type values by field: numbers, lists, and no value for exists', () => {
    const c = fromRows(
      {
        join: 'any',
        rows: [
          { field: 'visitCount', op: '>=', value: '3' },
          { field: 'openIssue.outcome', op: 'in', value: 'unresolved, escalated' },
          { field: 'birthday.date', op: 'exists', value: 'ignored' },
        ],
      },
      fields,
    );
    expect(c).toEqual({
      any: [
        { field: 'visitCount', op: '>=', value: 3 },
        { field: 'openIssue.outcome', op: 'in', value: ['unresolved', 'escalated'] },
        { field: 'birthday.date', op: 'exists' },
      ],
    });
  });

  it('leave nested conditions to JSON', () => {
    expect(toRows({ not: { field: 'visitCount', op: '>', value: 1 } })).toBeNull();
    expect(toRows({ all: [{ any: [] }] })).toBeNull();
  });
});
