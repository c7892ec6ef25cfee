import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { keyOrder } from '../../src/data/key-order.js';

/** The definition: row numbers sorted by their keys' code units, ties in row order. */
const byComparison = (keys: string[]) => keys.map((_, i) => i).sort((a, b) => (keys[a]! < keys[b]! ? -1 : keys[a]! > keys[b]! ? 1 : a - b));

describe('keyOrder', () => {
  it('puts a prefix before its extensions and capitals before small letters, as code units do', () => {
    expect(keyOrder(['b', 'a', 'ab', 'B', 'a '])).toEqual([3, 1, 4, 2, 0]);
  });

  it('property: the order of a comparison sort, for tables big enough to be radix sorted (area codes, names, repeats, wide characters)', () => {
    // A few characters make shared prefixes and repeats; Latin-1 and wider ones make both paths.
    const char = fc.constantFrom('E', '0', '1', '9', 'a', ' ', '\u00e9', '\u00ff', '\u0100', 'ŵ', '\u0000');
    const key = fc.array(char, { maxLength: 6 }).map((chars) => chars.join(''));
    fc.assert(
      fc.property(fc.array(key, { minLength: 1, maxLength: 40 }), fc.boolean(), fc.integer({ min: 0, max: 2 ** 31 }), (seeds, latin1Only, seed) => {
        // Spread 40 drawn keys over 60,000 rows (past the radix threshold) by a seeded shuffle.
        const pool = latin1Only ? seeds.map((k) => k.replace(/[^\u0000-\u00ff]/g, 'x')) : seeds;
        let state = seed;
        const keys = Array.from({ length: 60_000 }, (_, i) => {
          state = (state * 1103515245 + 12345) >>> 0;
          return `${pool[state % pool.length]!}${i % 7 === 0 ? '' : String(state % 1000)}`;
        });
        expect(keyOrder(keys)).toEqual(byComparison(keys));
      }),
      { numRuns: 25 },
    );
  });

  it('a radix-sorted table: a key ending in the NUL character after the key without it, as code units have it', () => {
    const keys = Array.from({ length: 60_000 }, (_, i) => (i % 2 === 0 ? `a${'\u0000'.repeat(i % 3)}${(i * 7919) % 60_000}` : `a${(i * 7919) % 60_000}`));
    expect(keyOrder(keys)).toEqual(byComparison(keys));
  });

  it('one very long key among many short ones is ordered without a table padded to its length', () => {
    const keys = Array.from({ length: 60_000 }, (_, i) => `K${(i * 7919) % 60_000}`);
    keys[123] = 'K'.repeat(5_000_000);
    expect(keyOrder(keys)).toEqual(byComparison(keys));
  });

  it('property: small and already sorted tables', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 5 }), { maxLength: 200 }), (keys) => {
        expect(keyOrder(keys)).toEqual(byComparison(keys));
        const sorted = [...keys].sort();
        expect(keyOrder(sorted)).toEqual(sorted.map((_, i) => i));
      }),
    );
  });
});
