import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isUserError } from '../../src/errors.js';
import { allocate, compileFormula } from '../../src/formula/allocate.js';
import { loadAllocation } from '../../src/io/load-allocation.js';
import { drawPlaces, runDraws, sensitivity, summarise } from '../../src/scenario/sensitivity.js';
import { parseAreaTable } from '../../src/data/table.js';
import { parseModel } from '../../src/model/load.js';
import { caseArb } from '../helpers/arbitraries.js';
import { CLI } from '../helpers/cli.js';
import { tempDir } from '../helpers/temp.js';


function compiledOrSkip(model: Parameters<typeof allocate>[0], table: Parameters<typeof allocate>[1]) {
  try {
    allocate(model, table);
    return compileFormula(model, table);
  } catch (error) {
    if (isUserError(error)) return undefined; // an unaffordable floor or minimum: tested apart
    throw error;
  }
}

describe('sensitivity: found by the properties', () => {
  it('keeps values so small that an error rounds them to zero as published (they divided zero by zero)', () => {
    const model = parseModel('fairshare: 1\ntitle: t\ndata: { file: d.csv, key: key }\npot: { total: 0 }\nindicators:\n  ind0: { column: ind0, weight: 1 }\n', 'm.yaml');
    const table = parseAreaTable('key,ind0\nA,5e-324\n', 'd.csv', { key: 'key', numeric: [{ column: 'ind0', usedBy: 'indicators.ind0.column' }] });
    const result = sensitivity(compileFormula(model, table), { draws: 2, seed: 0, concentration: 2, errors: { ind0: 0.21792224657082612 } });
    expect(result.areas[0]!.allocation).toEqual({ p05: 0, p50: 0, p95: 0 });
  });
});

describe('sensitivity: shared between threads', () => {
  it('property: draws run in shares from the stream\'s places give the result of one run, whatever the split', () => {
    fc.assert(
      fc.property(
        caseArb({ maxAreas: 10 }),
        fc.integer({ min: 0, max: 2 ** 32 - 1 }),
        fc.option(fc.double({ min: 2, max: 500, noNaN: true }), { nil: undefined }),
        fc.double({ min: 0, max: 0.3, noNaN: true }),
        fc.uniqueArray(fc.integer({ min: 1, max: 29 }), { maxLength: 4 }),
        ({ model, table }, seed, concentration, error, cuts) => {
          const c = compiledOrSkip(model, table);
          if (!c) return;
          const options = { draws: 30, seed, ...(concentration !== undefined && { concentration }), errors: { ind0: error } };
          const starts = [0, ...cuts.sort((a, b) => a - b)];
          const places = drawPlaces(c, options, starts);
          const shares = starts.map((from, i) => runDraws(c, options, from, starts[i + 1] ?? 30, places[i]!));
          expect(summarise(c, options, shares)).toEqual(sensitivity(c, options));
        },
      ),
      { numRuns: 150 },
    );
  });

  it('the command gives the same bytes with one, two or three worker threads', () => {
    const out = (jobs: number) => {
      const run = spawnSync(process.execPath, [CLI, 'sensitivity', 'models/avon-and-somerset-2025-26.yaml', '--draws', '301', '--seed', '11', '--error', 'crime=0.05', '--jobs', String(jobs), '--format', 'json'], { encoding: 'utf8' });
      expect(run.stderr).toBe('');
      return run.stdout;
    };
    const one = out(1);
    expect(JSON.parse(one).draws).toBe(301);
    expect(out(2)).toBe(one);
    expect(out(3)).toBe(one);
  });
});

describe('sensitivity: properties over random models', () => {
  it('every draw adds up to the distributable pot exactly, in whole units; percentiles are ordered and within the draws', () => {
    fc.assert(
      fc.property(caseArb({ maxAreas: 12 }), fc.integer({ min: 0, max: 2 ** 32 - 1 }), fc.double({ min: 2, max: 500, noNaN: true }), fc.double({ min: 0, max: 0.3, noNaN: true }), ({ model, table }, seed, concentration, error) => {
        const c = compiledOrSkip(model, table);
        if (!c) return;
        const n = c.order.length;
        const lowest = new Float64Array(n).fill(Infinity);
        const highest = new Float64Array(n).fill(-Infinity);
        let draws = 0;
        const result = sensitivity(c, {
          draws: 40,
          seed,
          concentration,
          errors: { ind0: error },
          onDraw: (_, units) => {
            draws++;
            let total = 0;
            for (let j = 0; j < n; j++) {
              expect(Number.isInteger(units[j]!)).toBe(true);
              total += units[j]!;
              lowest[j] = Math.min(lowest[j]!, units[j]!);
              highest[j] = Math.max(highest[j]!, units[j]!);
            }
            expect(total).toBe(c.distributable);
          },
        });
        expect(draws).toBe(40);
        result.areas.forEach((area) => {
          const j = c.order.findIndex((row) => c.table.keys[row] === area.key);
          const { p05, p50, p95 } = area.allocation;
          expect(p05).toBeLessThanOrEqual(p50);
          expect(p50).toBeLessThanOrEqual(p95);
          expect(p05).toBeGreaterThanOrEqual(Math.round(lowest[j]! * c.unit));
          expect(p95).toBeLessThanOrEqual(Math.round(highest[j]! * c.unit));
          expect(area.rankPercentiles.p05).toBeLessThanOrEqual(area.rankPercentiles.p50);
          expect(area.rankPercentiles.p50).toBeLessThanOrEqual(area.rankPercentiles.p95);
          expect(area.rankPercentiles.p05).toBeGreaterThanOrEqual(1);
          expect(area.rankPercentiles.p95).toBeLessThanOrEqual(n);
          if (area.probabilityOfGain !== null) expect(area.probabilityOfGain).toBeGreaterThanOrEqual(0);
        });
        for (const w of result.weights) expect(w.p05 <= w.p50 && w.p50 <= w.p95).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('the same seed gives the same result; with the weights fixed and no error, every draw is the published allocation', () => {
    fc.assert(
      fc.property(caseArb({ maxAreas: 10 }), fc.nat(), ({ model, table }, seed) => {
        const c = compiledOrSkip(model, table);
        if (!c) return;
        const options = { draws: 25, seed, concentration: 50, errors: { ind0: 0.1 } };
        expect(JSON.stringify(sensitivity(c, options))).toBe(JSON.stringify(sensitivity(c, options)));
        const published = allocate(model, table);
        const fixed = sensitivity(c, { draws: 5, seed });
        for (const area of fixed.areas) {
          const own = published.areas.find((a) => a.key === area.key)!.allocationPence;
          expect(area.allocationPence).toBe(own);
          expect(area.allocation).toEqual({ p05: own, p50: own, p95: own });
        }
      }),
      { numRuns: 150 },
    );
  });
});

describe('sensitivity on the Avon and Somerset example', () => {
  it('moves the weights as asked, and one weight at a time keeps the rest in proportion', async () => {
    const loaded = await loadAllocation('models/avon-and-somerset-2025-26.yaml');
    const c = compileFormula(loaded.model, loaded.table);
    const result = sensitivity(c, { draws: 2000, seed: 1, concentration: 100 });
    // Dirichlet(100 w): each weight has mean w and standard deviation sqrt(w (1 - w) / 101).
    const population = result.weights.find((w) => w.indicator === 'population')!;
    expect(population.p50).toBeCloseTo(0.5, 1);
    const sd = Math.sqrt((0.5 * 0.5) / 101);
    expect(population.p95 - population.p05).toBeGreaterThan(2 * 1.5 * sd);
    expect(population.p95 - population.p05).toBeLessThan(2 * 1.8 * sd);
    // Population weighs 50%: moving it by 20% of itself spans 40% to 60%.
    const bar = result.tornado.find((b) => b.indicator === 'population')!;
    expect([bar.low, bar.high]).toEqual([0.4, 0.6]);
    for (const area of bar.areas) expect(Number.isInteger(area.lowPence / 100)).toBe(true);
    expect(bar.areas.reduce((s, a) => s + a.lowPence, 0)).toBe(c.pot.distributablePence);
    // The three areas held at their floor do not move whatever the weights (floor_scale).
    const held = result.areas.filter((a) => a.allocation.p05 === a.allocation.p95);
    expect(held.map((a) => a.label).sort()).toEqual(['Bath and North East Somerset', 'South Gloucestershire']);
  });
});

const fairshare = (...args: string[]) => spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8' });

describe('fairshare sensitivity on the command line', () => {
  it('the same seed gives the same output, byte for byte; another seed another', () => {
    const dir = tempDir('fairshare-sensitivity-');
    const args = ['sensitivity', 'models/avon-and-somerset-2025-26.yaml', '--draws', '500', '--error', 'crime=0.05', '--format', 'json'];
    const a = fairshare(...args, '--seed', '42', '--out', join(dir, 'a.json'));
    const b = fairshare(...args, '--seed', '42', '--out', join(dir, 'b.json'));
    const c = fairshare(...args, '--seed', '43', '--out', join(dir, 'c.json'));
    expect([a.status, b.status, c.status]).toEqual([0, 0, 0]);
    const [ta, tb, tc] = ['a', 'b', 'c'].map((x) => readFileSync(join(dir, `${x}.json`), 'utf8'));
    expect(ta).toBe(tb);
    expect(ta).not.toBe(tc);
    expect(JSON.parse(ta!).manifest.model_sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(fairshare('sensitivity', 'models/avon-and-somerset-2025-26.yaml', '--draws', '300', '--seed', '5').stdout).toBe(fairshare('sensitivity', 'models/avon-and-somerset-2025-26.yaml', '--draws', '300', '--seed', '5').stdout);
  });

  // util-linux `script` gives the command a terminal, as a person at a prompt would have.
  it.skipIf(spawnSync('script', ['--version']).status !== 0)('draws a progress bar on a terminal, and writes the same file as when piped', () => {
    const dir = tempDir('fairshare-sensitivity-');
    const args = `sensitivity models/avon-and-somerset-2025-26.yaml --draws 20000 --seed 3`;
    const terminal = spawnSync('script', ['-qec', `${process.execPath} ${CLI} ${args} --out ${join(dir, 'tty.csv')}`, '/dev/null'], { encoding: 'utf8' });
    expect(terminal.status).toBe(0);
    expect(terminal.stdout).toMatch(/\rdrawing \[#+\.*\] +\d+% [\d,]+ draws of 20,000 draws/);
    const piped = fairshare(...args.split(' '), '--out', join(dir, 'piped.csv'));
    // Piped, no progress bar: only the line saying what was written.
    expect(piped.stderr).toBe(`fairshare: wrote ${join(dir, 'piped.csv')} (CSV in pounds)\n`);
    expect(readFileSync(join(dir, 'tty.csv'), 'utf8')).toBe(readFileSync(join(dir, 'piped.csv'), 'utf8'));
  });

  it('writes CSV with percentiles and the one-at-a-time allocations for every area', () => {
    const run = fairshare('sensitivity', 'models/avon-and-somerset-2025-26.yaml', '--draws', '200', '--format', 'csv');
    const [header, ...rows] = run.stdout.trim().split('\n');
    expect(header).toBe('area_key,area_name,allocation_gbp,p05_gbp,p50_gbp,p95_gbp,rank,rank_p05,rank_p50,rank_p95,probability_of_gain_percent,population_low_gbp,population_high_gbp,crime_low_gbp,crime_high_gbp,asb_low_gbp,asb_high_gbp,deprivation_low_gbp,deprivation_high_gbp');
    expect(rows).toHaveLength(5);
  });

  const bad: [string, string[], RegExp][] = [
    ['no draws', ['--draws', '0'], /--draws 0: expected a whole number from 1 to 10,000,000/],
    ['a seed that is not a whole number', ['--seed', '1.5'], /--seed 1\.5: expected a whole number/],
    ['a concentration of zero', ['--concentration', '0'], /--concentration 0: expected a number above zero/],
    ['an error for an indicator the model does not have', ['--error', 'crme=0.1'], /--error crme=0\.1: no indicator 'crme' in models\/avon-and-somerset-2025-26\.yaml; did you mean 'crime'\?/],
    ['an error that is not a fraction', ['--error', 'crime=high'], /--error crime=high: expected a number from 0 to 1/],
  ];
  it.each(bad)('refuses %s, exit 2', (_, args, message) => {
    const run = fairshare('sensitivity', 'models/avon-and-somerset-2025-26.yaml', ...args);
    expect(run.stderr).toMatch(message);
    expect(run.status).toBe(2);
  });
});
