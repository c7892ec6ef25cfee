/**
 * Maps labelled legibly for any number of areas: a few areas by name on the map; more by
 * number with a key beside it (in columns when long), areas without a boundary at its end.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mapLabels } from '../../src/charts/kinds/map.js';
import { fairshare } from '../helpers/cli.js';
import { tempDir } from '../helpers/temp.js';

const square = (i: number) => ({ coordinates: [[[[i, 50], [i + 1, 50], [i + 1, 51], [i, 51], [i, 50]]]] });
const features = (n: number) => Array.from({ length: n }, (_, i) => ({ geometry: square(i), properties: { name: `Area ${i}`, text: `£${i}`, value: i } }));

describe('map labels', () => {
  it('names up to six areas on the map with their figures', () => {
    const labels = mapLabels(features(6));
    expect(labels.key).toBeUndefined();
    expect(labels.marks.map((m) => m.text)).toContain('Area 5\n£5');
    expect(labels.marks[0]).toMatchObject({ lon: 0.5, lat: 50.5 });
  });

  it('numbers any number of areas, highest first, and lists every one in the key', () => {
    fc.assert(
      fc.property(fc.integer({ min: 7, max: 400 }), (n) => {
        const labels = mapLabels(features(n));
        expect(labels.marks).toHaveLength(n);
        expect(labels.marks.map((m) => m.text)).toEqual(Array.from({ length: n }, (_, i) => String(i + 1)));
        expect(labels.key).toHaveLength(n);
        expect(labels.key![0]!.text).toBe(`1  Area ${n - 1}  £${n - 1}`);
        expect(labels.rows).toBeLessThanOrEqual(45);
        expect(labels.columns).toBe(Math.ceil(n / labels.rows));
        expect(new Set(labels.key!.map((k) => `${k.column},${k.row}`)).size).toBe(n);
      }),
      { numRuns: 30 },
    );
  });

  it('ends the key with the areas that have no boundary', () => {
    const labels = mapLabels(features(3), [{ label: 'Chiltern', text: '£30,626' }]);
    expect(labels.key!.at(-1)!.text).toBe('-  Chiltern  £30,626 (no boundary)');
  });

  it('maps a force by CSP: CSPs of whole districts drawn, those sharing a district listed without a boundary', () => {
    const dir = tempDir();
    expect(fairshare(['init', '--pfa', 'Thames Valley', '--by', 'csp', '--out', 'tv'], { cwd: dir }).status).toBe(0);
    const run = fairshare(['allocate', 'tv/model.yaml', '--chart', 'map.svg', '--chart-kind', 'map', '--out', 'a.csv'], { cwd: dir });
    expect(run.status, run.stderr).toBe(0);
    const spec = fairshare(['allocate', 'tv/model.yaml', '--chart', 'map.vl.json', '--chart-kind', 'map', '--out', 'b.csv'], { cwd: dir });
    expect(spec.status, spec.stderr).toBe(0);
    const json = JSON.parse(readFileSync(join(dir, 'map.vl.json'), 'utf8')) as { hconcat: [{ layer: { data: { values: unknown[] } }[] }, { data: { values: { text: string }[] } }] };
    expect(json.hconcat[0].layer[0]!.data.values).toHaveLength(12);
    const key = json.hconcat[1].data.values.map((v) => v.text);
    expect(key).toHaveLength(16);
    expect(key.filter((text) => text.endsWith('(no boundary)')).map((text) => text.split('  ')[1])).toEqual(['Aylesbury Vale', 'Chiltern', 'South Bucks', 'Wycombe']);
    expect(readFileSync(join(dir, 'map.alt.txt'), 'utf8')).toContain('No boundary for Aylesbury Vale, Chiltern, South Bucks and Wycombe.');
  });
});
