/**
 * Published figures reproduced (sources and derivations in README.md here): the DCLG 2008/09
 * relative needs amount, with the minimum per head over all authorities and a block that is a
 * share of what the Isles of Scilly leave; the 2008-09 police grant's 2.5% floor on an
 * adjusted base.
 */
import { copyFileSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AllocationJson } from '../../src/results/allocation.js';
import type { CheckJson } from '../../src/results/check.js';
import { fairshare } from '../helpers/cli.js';
import { tempDir } from '../helpers/temp.js';

const HERE = resolve('test/published');

/** Copy the fixture's model and data into a fresh folder; run fairshare there. */
function runIn(files: string[], args: string[]): { dir: string; status: number | null; stderr: string } {
  const dir = tempDir('fairshare-published-');
  for (const file of files) copyFileSync(join(HERE, file), join(dir, file));
  const run = fairshare(args, { cwd: dir });
  return { dir, status: run.status, stderr: run.stderr };
}

describe('DCLG Formula Grant 2008/09: the relative needs amount of Avon & Somerset Police (R471)', () => {
  const { dir, status, stderr } = runIn(['dclg-2008-09-police-rnf.yaml', 'dclg-2008-09-police-rnf.csv'], ['allocate', 'dclg-2008-09-police-rnf.yaml', '--out', 'out.json']);
  const json = (): AllocationJson => JSON.parse(readFileSync(join(dir, 'out.json'), 'utf8')) as AllocationJson;

  it('runs', () => {
    expect(stderr).toContain('wrote out.json');
    expect(status).toBe(0);
  });

  it('Part A: 73.0% of what the Isles of Scilly leave is £17,046,679,413', () => {
    expect(json().pot.top_slices.map((slice) => slice.pence)).toEqual([215_100_000, 630_493_622_100]);
    expect(json().pot.distributable_pence).toBe(1_704_667_941_300);
  });

  it('step (t): RNF per head less the minimum per head over all authorities, back to a total', () => {
    const r471 = json().areas.find((a) => a.key === 'R471')!;
    // Published to 14 decimal places (0.00043969884004): agreement to the last published digit.
    expect(Math.abs(r471.indicators.relative_needs!.value! - 0.00043969884004)).toBeLessThan(1e-14);
  });

  it('step (v): the Relative Needs Amount is £27,811,992, as published', () => {
    expect(json().areas.find((a) => a.key === 'R471')!.allocation_pence).toBe(2_781_199_200);
  });
});

describe('Police grant 2008-09: the 2.5% floor on the adjusted 2007-08 base (6 December 2007, Table 2)', () => {
  const files = ['police-grant-2008-09.yaml', 'police-grant-2008-09.csv'];
  const { dir, status } = runIn(files, ['allocate', 'police-grant-2008-09.yaml', '--out', 'out.json']);
  const json = (): AllocationJson => JSON.parse(readFileSync(join(dir, 'out.json'), 'utf8')) as AllocationJson;

  it('every force gets exactly its adjusted base x 1.025 (each floor, rounded up to the pound)', () => {
    expect(status).toBe(0);
    const adjusted: Record<string, number> = { Cheshire: 114.7, Cleveland: 93, Cumbria: 64, 'Devon & Cornwall': 177.4, Dorset: 62.2, Durham: 87, Gloucestershire: 56.4 };
    for (const area of json().areas) {
      const base = Math.round(adjusted[area.key]! * 1e8); // £m in pence
      expect(area.prior_pence).toBe(base);
      expect(area.allocation_pence).toBe(Math.ceil((base * 1.025) / 100 - 1e-9) * 100);
    }
    // No room above the floors: every gain over a floor is scaled to nothing.
    expect(json().damping!.scaling_factor).toBe(0);
    // The like-for-like adjustments are the published adjusted figure less the original one.
    expect(json().areas.filter((a) => a.prior_adjustment_pence !== undefined).map((a) => [a.key, a.prior_adjustment_pence])).toEqual([
      ['Cheshire', -10_000_000],
      ['Devon & Cornwall', -10_000_000],
      ['Gloucestershire', -10_000_000],
    ]);
  });

  it('agrees with every published 2008-09 figure within the rounding of a table in £m to one decimal', () => {
    const check = runIn(files, ['check', 'police-grant-2008-09.yaml', '--against', 'police-grant-2008-09.csv', '--key', 'force', '--amount', 'allocation_2008_09', '--tolerance', '101250', '--out', 'check.json']);
    expect(check.status).toBe(0);
    const result = JSON.parse(readFileSync(join(check.dir, 'check.json'), 'utf8')) as CheckJson;
    expect(result.areas.map((a) => a.published_pence - a.computed_pence)).toEqual([3_250_000, -2_500_000, 0, 6_500_000, -5_500_000, 2_500_000, -1_000_000]);
    // Without the like-for-like adjustments the floors would be measured from the wrong base.
    const unadjusted = runIn(files, ['allocate', 'police-grant-2008-09.yaml', '--set', 'damping.adjustments=', '--out', 'out.json']);
    expect(unadjusted.status).toBe(2);
  });
});
