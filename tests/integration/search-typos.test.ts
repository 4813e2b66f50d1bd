// One typo forgiven in names typed without their spaces, and the skip of the customers' trigram index for words no
// name holds (0022-name-word-grams) never hiding a name that holds them.
import { describe, expect, it } from 'vitest';
import { searchCustomers } from '../../main/services/customer-search';
import { createCustomer } from '../../main/services/customers';
import { tempStore } from '../helpers/temp-store';

describe('a name typed without its spaces and with one typo', () => {
  it('is read as a particle and a name word one edit away', () => {
    const s = tempStore();
    const add = (firstName: string, lastName: string) => createCustomer(s.ctx, { firstName, lastName }).id;
    const fiachra = add('Fiachra', 'Ó Briain');
    const fergal = add('Fergal', 'Ó Conchúir');
    const enda = add('Enda', 'de Búrca');
    add('Mary', "O'Brien");
    const found = (q: string) => searchCustomers(s.ctx, q).map((h) => [h.id, h.match]);
    expect(found('obreain')).toEqual([[fiachra, 'fuzzy']]); // a wrong letter
    expect(found('oconchiur')).toEqual([[fergal, 'fuzzy']]); // a swap
    expect(found('ocnchuir')).toEqual([[fergal, 'fuzzy']]); // a letter left out
    expect(found('daburca')).toEqual([[enda, 'fuzzy']]);
  });
});

describe('names holding a word', () => {
  it('are found for any part of a name word, including words added after the store was made', () => {
    const s = tempStore();
    const gallagher = createCustomer(s.ctx, { firstName: 'Seán', lastName: 'Gallagher' }).id;
    expect(searchCustomers(s.ctx, 'allagh')).toEqual([expect.objectContaining({ id: gallagher, match: 'name' })]);
    const quixote = createCustomer(s.ctx, { firstName: 'Aoife', lastName: 'Quixotic-Byrne' }).id;
    expect(searchCustomers(s.ctx, 'xoticby')).toEqual([expect.objectContaining({ id: quixote, match: 'name' })]);
    expect(searchCustomers(s.ctx, 'gallager')).toEqual([expect.objectContaining({ id: gallagher, match: 'fuzzy' })]);
  });
});
