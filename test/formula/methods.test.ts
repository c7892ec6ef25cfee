/**
 * The methods real settlements use, each worked by hand on four areas and run as a user runs
 * it (the CLI, JSON in pence), with the bad input each can meet.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { floorInWords } from '../../src/formula/damping/floor-scale.js';
import type { AllocationJson } from '../../src/results/allocation.js';
import { fairshare, refusedIn } from '../helpers/cli.js';
import { workspace } from '../helpers/small-model.js';

const DATA = `code,name,population,crime,prior,adj
A,Alpha,1000,10,400,
B,Beta,3000,30,600,-100
C,Gamma,2000,60,500,50
D,Delta,500,20,100,
`;

const HEAD = `fairshare: 1
title: Hand worked
data: { file: data.csv, key: code, label: name }
`;

/** Allocate `model` on the four areas above; the JSON result. */
function run(model: string, data = DATA): AllocationJson {
  const dir = workspace(HEAD + model, data);
  const result = fairshare(['allocate', 'model.yaml', '--format', 'json', '--out', 'out.json'], { cwd: dir });
  expect(result.stderr).toContain('wrote out.json');
  expect(result.status).toBe(0);
  return JSON.parse(readFileSync(join(dir, 'out.json'), 'utf8')) as AllocationJson;
}

const pounds = (json: AllocationJson) => Object.fromEntries(json.areas.map((a) => [a.key, a.allocation_pence / 100]));

/** Exit 2 with nothing written, and the message. */
function refused(model: string, data = DATA, args: string[] = []): string {
  return refusedIn(workspace(HEAD + model, data), ['allocate', 'model.yaml', '--out', 'out.csv', ...args]);
}

describe('a top-slice as a share of what is left', () => {
  it('takes its share of the pot after the slices before it, in order', () => {
    // 2,000 - 100 = 1,900; half of that is 950; 950 shared by population (1,000 : 3,000 : 2,000 : 500).
    const json = run(`pot:
  total: 2000
  top_slices:
    - { name: Fixed, amount: 100 }
    - { name: Half of the rest, share_of_remaining: 0.5 }
indicators:
  pop: { column: population, weight: 1 }
`);
    expect(json.pot.top_slices.map((s) => s.pence)).toEqual([10000, 95000]);
    expect(json.pot.distributable_pence).toBe(95000);
    expect(json.pot.top_slices[1]!.share_of_remaining).toBe(0.5);
    // 146.15, 438.46, 292.31, 73.08 -> 146, 439 (largest remainder), 292, 73.
    expect(pounds(json)).toEqual({ A: 146, B: 439, C: 292, D: 73 });
    // The other order: half of 2,000 first, then 100.
    const swapped = run(`pot:
  total: 2000
  top_slices:
    - { name: Half, share_of_remaining: 0.5 }
    - { name: Fixed, amount: 100 }
indicators:
  pop: { column: population, weight: 1 }
`);
    expect(swapped.pot.distributable_pence).toBe(90000);
  });
});

describe('aggregates over all areas inside an expression', () => {
  it('crime per head above the lowest per head (the DCLG relative-needs form)', () => {
    // Per head: .01, .01, .03, .04; less the minimum .01: 0, 0, .02, .03; x population: 0, 0, 40, 15.
    const json = run(`pot: { total: 1100 }
indicators:
  above: { expression: "(crime / population - min_all(crime / population)) * population", weight: 1 }
`);
    expect(json.areas.map((a) => a.indicators.above!.value)).toEqual([0, 0, 40, 15].map((v) => expect.closeTo(v, 9)));
    expect(pounds(json)).toEqual({ A: 0, B: 0, C: 800, D: 300 });
  });

  it('max_all, sum_all and mean_all', () => {
    // Crime 10, 30, 60, 20: max 60, sum 120, mean 30. max - crime = 50, 30, 0, 40 (sum 120).
    const json = run(`pot: { total: 1200 }
indicators:
  room: { expression: "max_all(crime) - crime + sum_all(crime) * 0 + mean_all(crime) - 30", weight: 1 }
`);
    expect(pounds(json)).toEqual({ A: 500, B: 300, C: 0, D: 400 });
  });

  it('refuses an aggregate of an unknown column, naming the header line and the nearest column', () => {
    expect(refused(`pot: { total: 100 }
indicators:
  x: { expression: "crime - min_all(crimes)", weight: 1 }
`)).toContain("data.csv:1: no column 'crimes' (used by indicators.x.expression); did you mean 'crime'?");
  });

  it('refuses an aggregate inside an aggregate', () => {
    expect(refused(`pot: { total: 100 }
indicators:
  x: { expression: "min_all(max_all(crime))", weight: 1 }
`)).toContain('model.yaml: indicators.x.expression: max_all inside another aggregate is not allowed');
  });
});

describe('equal_change without a placeholder indicator', () => {
  it('moves every area by one percentage; the table has no need share or target', () => {
    // Priors 400, 600, 500, 100 = 1,600; pot 1,760 = +10% exactly.
    const json = run(`pot: { total: 1760 }
damping: { method: equal_change, prior: prior }
`);
    expect(json.indicators).toEqual([]);
    expect(pounds(json)).toEqual({ A: 440, B: 660, C: 550, D: 110 });
    const dir = workspace(HEAD + `pot: { total: 1760 }\ndamping: { method: equal_change, prior: prior }\n`, DATA);
    const table = fairshare(['allocate', 'model.yaml'], { cwd: dir }).stdout;
    expect(table).toContain('none: every area changes by the same percentage');
    expect(table).not.toContain('Need share');
  });

  it('any other model still needs an indicator', () => {
    expect(refused(`pot: { total: 100 }
damping: { method: floor_scale, prior: prior, floor: -0.1 }
`)).toContain('indicators: at least one indicator is needed (only an equal_change model, which follows the priors, can do without)');
  });
});

describe('an adjusted prior', () => {
  it('a column of adjustments (empty is none) moves the base damping measures from', () => {
    // Adjusted priors 400, 500, 550, 100 = 1,550; pot 1,705 = +10%.
    const json = run(`pot: { total: 1705 }
damping: { method: equal_change, prior: prior, adjustments: adj }
`);
    expect(json.areas.map((a) => [a.prior_pence, a.prior_adjustment_pence])).toEqual([
      [40000, undefined],
      [50000, -10000],
      [55000, 5000],
      [10000, undefined],
    ]);
    expect(pounds(json)).toEqual({ A: 440, B: 550, C: 605, D: 110 });
    expect(json.areas[1]!.worked_example).toContain('   prior £600.00 - £100.00 like-for-like adjustment from column adj = adjusted base £500.00');
  });

  it('a list of adjustments with reasons, shown in the worked example', () => {
    const json = run(`pot: { total: 1760 }
damping:
  method: equal_change
  prior: prior
  adjustments:
    - { area: B, amount: -100, reason: Youth offending moved to Gamma }
    - { area: C, amount: 100, reason: Youth offending moved from Beta }
`);
    expect(pounds(json)).toEqual({ A: 440, B: 550, C: 660, D: 110 });
    expect(json.areas[2]!.prior_adjustment_reason).toBe('Youth offending moved from Beta');
    expect(json.areas[2]!.worked_example).toContain('   prior £500.00 + £100.00 like-for-like adjustment (Youth offending moved from Beta) from damping.adjustments = adjusted base £600.00');
  });

  it('refuses an adjustment for an unknown area, a base below zero and a bad cell', () => {
    expect(refused(`pot: { total: 100 }
damping: { method: equal_change, prior: prior, adjustments: [{ area: Q, amount: 5 }] }
`)).toContain("model.yaml: damping.adjustments.0.area: no area 'Q' in data.csv");
    expect(refused(`pot: { total: 100 }
damping: { method: equal_change, prior: prior, adjustments: [{ area: B, amount: -1000 }] }
`)).toContain("data.csv:3: damping.adjustments: area 'B' has a prior of £600 and an adjustment of -£1,000, which leaves an adjusted base of -£400; a base cannot be below zero");
    expect(refused(`pot: { total: 100 }
damping: { method: equal_change, prior: prior, adjustments: adj }
`, DATA.replace('B,Beta,3000,30,600,-100', 'B,Beta,3000,30,600,minus'))).toContain(`data.csv:3: column 'adj': expected a number, got "minus"`);
  });
});

describe('areas fixed outside the formula', () => {
  it('a fixed sum for one area (the Isles of Scilly); the rest share what is left by the formula', () => {
    // 1,000 - 100 for Delta = 900 by population among 1,000 : 3,000 : 2,000.
    const json = run(`pot: { total: 1000 }
indicators:
  pop: { column: population, weight: 1 }
fixed:
  - { area: D, amount: 100, reason: Isles of Scilly }
`);
    expect(pounds(json)).toEqual({ A: 150, B: 450, C: 300, D: 100 });
    expect(json.areas[3]!.fixed).toEqual({ reason: 'Isles of Scilly' });
    expect(json.totals!.fixed_pence).toBe(10000);
    expect(json.areas[3]!.worked_example).toContain('2. Fixed outside the formula (Isles of Scilly): £100');
  });

  it('excluded (fixed at 0) with damping: the others are damped among themselves', () => {
    // Adjusted priors 400, 500, 550: floors 380, 475, 523 (522.5 rounded up); targets of 1,700 by
    // population 283.33, 850, 566.67. Room 1,700 - 1,378 = 322 over gains of 375 + 43.67:
    // s = 0.769108; B = 475 + 288.42 = 763.42, C = 523 + 33.58 = 556.58 -> 763, 557.
    const json = run(`pot: { total: 1700 }
indicators:
  pop: { column: population, weight: 1 }
fixed:
  - { area: D, amount: 0, reason: Excluded }
damping: { method: floor_scale, prior: prior, floor: -0.05, adjustments: adj }
`);
    expect(pounds(json)).toEqual({ A: 380, B: 763, C: 557, D: 0 });
    expect(json.damping!.scaling_factor).toBeCloseTo(322 / (375 + 1700 * (2 / 6) - 523), 9);
    expect(json.areas[3]!.damping_outcome).toBe('fixed outside the formula');
    expect(json.areas[3]!.prior_pence).toBe(10000);
  });

  it('refuses an unknown area, an area fixed twice and fixed sums beyond the pot, saying by how much', () => {
    const formula = `pot: { total: 1000 }\nindicators:\n  pop: { column: population, weight: 1 }\n`;
    expect(refused(`${formula}fixed: [{ area: Z, amount: 5 }]\n`)).toContain("model.yaml: fixed.0.area: no area 'Z' in data.csv");
    expect(refused(`${formula}fixed: [{ area: D, amount: 5 }, { area: D, amount: 6 }]\n`)).toContain("model.yaml: fixed.1.area: 'D' is fixed twice");
    expect(refused(`${formula}fixed: [{ area: D, amount: 900 }, { area: C, amount: 300 }]\n`)).toContain(
      'model.yaml: fixed: the fixed allocations take £1,200, £200 more than the distributable pot of £1,000',
    );
  });
});

describe('an imposed scale-back factor for floor_scale', () => {
  it('applies the published factor and reports what is left unallocated', () => {
    // Adjusted priors 400, 500, 550, 100; floors 380, 475, 523 (522.5 up), 95; targets of 1,700 by
    // population: 261.54, 784.62, 523.08, 130.77. Gains over the floor: B 309.62, C 0.08, D 35.77.
    // With s = 0.5: B 629.81, C 523.04, D 112.88; A at its floor 380.
    const json = run(`pot: { total: 1700 }
indicators:
  pop: { column: population, weight: 1 }
damping: { method: floor_scale, prior: prior, floor: -0.05, scale: 0.5, adjustments: adj }
`);
    expect(json.damping!.scaling_factor).toBe(0.5);
    expect(json.damping!.imposed).toBe(true);
    const total = json.areas.reduce((s, a) => s + a.allocation_pence, 0);
    expect(total).toBe(164600); // 380 + 629.81 + 523.04 + 112.88 = 1,645.73 -> 1,646
    expect(json.totals!.residual_pence).toBe(170000 - 164600);
    expect(pounds(json)).toEqual({ A: 380, B: 630, C: 523, D: 113 });
  });

  it('refuses a factor outside [0, 1] and one the pot cannot pay for', () => {
    const model = `pot: { total: 1700 }
indicators:
  pop: { column: population, weight: 1 }
damping: { method: floor_scale, prior: prior, floor: -0.05, scale: 1.5 }
`;
    expect(refused(model)).toMatch(/model\.yaml:7:\d+: damping\.scale: must be at most 1, got the number 1\.5/);
    expect(refused(model.replace('1.5', '-0.1'))).toMatch(/damping\.scale: must be at least 0, got the number -0\.1/);
    // Floors 380, 570, 475, 95 = 1,520; gains over them 256.15 of a room of 130.
    expect(refused(model.replace('total: 1700', 'total: 1650').replace('1.5', '1'))).toContain(
      'model.yaml: damping.scale: the imposed scale-back factor of 1 needs £1,777, £127 more than the distributable pot of £1,650; the largest factor the pot affords is 0.507508',
    );
  });
});

describe('a floor in words', () => {
  it('says what the floor guarantees', () => {
    expect(floorInWords(-0.05)).toBe('no area loses more than 5%');
    expect(floorInWords(0.025)).toBe('every area gains at least 2.5%');
    expect(floorInWords(0)).toBe('no area loses anything');
  });

  it('is shown beside the damping in the table and the worked example', () => {
    const dir = workspace(HEAD + `pot: { total: 1700 }\nindicators:\n  pop: { column: population, weight: 1 }\ndamping: { method: floor_scale, prior: prior, floor: -0.05 }\n`, DATA);
    expect(fairshare(['allocate', 'model.yaml'], { cwd: dir }).stdout).toContain('floor -5.00% (no area loses more than 5%)');
    expect(fairshare(['explain', 'model.yaml', 'A'], { cwd: dir }).stdout).toContain('Damping (floor scale: no area loses more than 5%)');
  });
});
