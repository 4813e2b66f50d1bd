// Issue #17: the duplicate check catches the same person typed again with one phone digit wrong and the name spelled
// a little differently, and nothing more.
import { describe, expect, it } from 'vitest';
import { createCustomer, findDuplicates } from '../../main/services/customers';
import {
  editDistance,
  NEAR_DUPLICATE_REASON,
  phoneNeighbours,
  similarNames,
} from '../../main/services/near-duplicates';
import { translator } from '@common/i18n';
import { tempStore } from '../helpers/temp-store';

describe('near duplicates', () => {
  it('flags "Marie OBrien" on 087 123 4568 beside Mary O\'Brien on 087 123 4567', () => {
    const s = tempStore();
    const mary = createCustomer(s.ctx, { firstName: 'Mary', lastName: "O'Brien", phone: '087 123 4567' });
    const found = findDuplicates(s.ctx, { firstName: 'Marie', lastName: 'OBrien', phone: '087 123 4568' });
    expect(found.map((d) => [d.customer.id, d.reasons])).toEqual([
      [mary.id, [translator(s.ctx.config.locale)(`duplicates.reason.${NEAR_DUPLICATE_REASON}`)]],
    ]);
    // Two neighbouring digits swapped is the same slip.
    expect(
      findDuplicates(s.ctx, { firstName: 'Marie', lastName: 'OBrien', phone: '087 123 4576' }).map(
        (d) => d.customer.id,
      ),
    ).toEqual([mary.id]);
  });

  it('does not flag a stranger one digit away, nor a similar name on an unrelated number', () => {
    const s = tempStore();
    createCustomer(s.ctx, { firstName: 'Mary', lastName: "O'Brien", phone: '087 123 4567' });
    expect(findDuplicates(s.ctx, { firstName: 'Tomás', lastName: 'Walsh', phone: '087 123 4568' })).toEqual([]);
    expect(findDuplicates(s.ctx, { firstName: 'Marie', lastName: 'OBrien', phone: '086 555 0101' })).toEqual([]);
    expect(findDuplicates(s.ctx, { firstName: 'Marie', lastName: 'OBrien', phone: '087 123 9999' })).toEqual([]);
  });

  it('knows one slip of a number and a near spelling', () => {
    const n = phoneNeighbours('3538712');
    expect(n).toContain('3538713');
    expect(n).toContain('3538172');
    expect(n).not.toContain('3538712');
    expect(n).toHaveLength(7 * 9 + 6);
    expect(editDistance('marie obrien', 'mary obrien')).toBe(2);
    expect(editDistance('aoife', 'aiofe')).toBe(1);
    expect(similarNames('marie obrien', 'mary obrien')).toBe(true);
    expect(similarNames('aoife byrne', 'aiofe byrne')).toBe(true);
    expect(similarNames('tomas walsh', 'mary obrien')).toBe(false);
    expect(similarNames('ann', 'bob')).toBe(false);
  });
});
