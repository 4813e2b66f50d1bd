import { describe, expect, it } from 'vitest';
import { initials } from '../../../renderer/src/lib/initials';

describe('clerk initials', () => {
  it.each([
    ['Aoife Byrne', 'AB'],
    ['siobhán kelly', 'SK'],
    ['Róisín', 'R'],
    ['🦊 Róisín', '🦊R'],
    ['Róisín 🦊', 'R🦊'],
    ['👩‍💻 Dev Team', '👩‍💻D'],
    ['🇮🇪 Éamon', '🇮🇪É'],
    ['E\u0301amon Ó Sé', 'E\u0301Ó'],
    ['  ', ''],
  ])('%j → %j', (name, expected) => {
    expect(initials(name)).toBe(expected);
  });

  it('never cuts a character in half', () => {
    for (const name of ['🦊 Róisín', '𝒜lex 𝒵', '👩‍💻 Dev'])
      expect(initials(name)).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/);
  });
});
