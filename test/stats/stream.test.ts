import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalSampler } from '../../src/stats/normal.js';
import { mulberry32 } from '../../src/stats/random.js';
import { RandomStream } from '../../src/stats/stream.js';

describe('RandomStream', () => {
  it('property: the numbers of mulberry32 and normalSampler over it, call for call, uniforms and normals mixed', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 32 - 1 }), fc.array(fc.boolean(), { maxLength: 200 }), (seed, calls) => {
        const uniform = mulberry32(seed);
        const normal = normalSampler(uniform);
        const stream = new RandomStream(seed);
        for (const isNormal of calls) expect(isNormal ? stream.normal() : stream.uniform()).toBe(isNormal ? normal() : uniform());
      }),
    );
  });

  it('property: skipping normals, or resuming from a saved place, leaves the stream where drawing them would', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 32 - 1 }), fc.array(fc.tuple(fc.nat({ max: 9 }), fc.boolean()), { maxLength: 30 }), (seed, steps) => {
        const drawn = new RandomStream(seed);
        let skipped = new RandomStream(seed);
        for (const [count, resume] of steps) {
          for (let i = 0; i < count; i++) drawn.normal();
          skipped.skipNormals(count);
          if (resume) skipped = RandomStream.at(skipped.place());
          // An odd count leaves the second of a pair waiting: the next normal must be it.
          expect(skipped.place()).toEqual(drawn.place());
        }
        expect([skipped.normal(), skipped.uniform(), skipped.normal()]).toEqual([drawn.normal(), drawn.uniform(), drawn.normal()]);
      }),
    );
  });
});
