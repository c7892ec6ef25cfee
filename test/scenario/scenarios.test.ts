import { spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isUserError } from '../../src/errors.js';
import { allocate } from '../../src/formula/allocate.js';
import { loadAllocation, runAllocation } from '../../src/io/load-allocation.js';
import { runBudget } from '../../src/io/load-budget.js';
import { loadOptimisation, runOptimisation } from '../../src/io/load-optimisation.js';
import { resolveScenario } from '../../src/io/scenario.js';
import { toCsv } from '../../src/report/write/csv.js';
import { compareRuns } from '../../src/scenario/compare.js';
import { caseArb } from '../helpers/arbitraries.js';
import { CLI } from '../helpers/cli.js';
import { tempDir } from '../helpers/temp.js';


function workspace(files: Record<string, string>): string {
  const dir = tempDir('fairshare-scenario-');
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

const scenario = (base: string, set = '', title = 'A scenario') => `fairshare: 1\nkind: scenario\ntitle: ${title}\nbase: ${base}\n${set ? `set:\n${set}` : ''}`;

async function runScenario(path: string) {
  const model = resolveScenario(path);
  return runAllocation(await loadAllocation(model.modelPath, model.overrides));
}

describe('a scenario with no overrides equals its base exactly', () => {
  it('for random allocation models (every figure of every area)', async () => {
    await fc.assert(
      fc.asyncProperty(caseArb({ maxAreas: 8 }), async ({ model, table }) => {
        try {
          allocate(model, table);
        } catch (error) {
          if (isUserError(error)) return;
          throw error;
        }
        // The model as a file, with its table, as a user would have them.
        const columns = [...table.columns.keys()];
        const csv = toCsv([model.data.key, ...columns], table.keys.map((key, i) => [key, ...columns.map((c) => table.columns.get(c)![i]!)]));
        const dir = workspace({ 'data.csv': csv, 'model.yaml': JSON.stringify({ ...model, data: { ...model.data, file: 'data.csv' } }), 'same.yaml': scenario('model.yaml') });
        const base = runAllocation(await loadAllocation(join(dir, 'model.yaml')));
        const same = await runScenario(join(dir, 'same.yaml'));
        expect(same.title).toBe(`${base.title}: A scenario`);
        expect(JSON.stringify(same.areas)).toBe(JSON.stringify(base.areas));
        expect({ ...same, title: '', areas: [] }).toEqual({ ...base, title: '', areas: [] });
      }),
      { numRuns: 60 },
    );
  });

  it('for a budget and an optimisation model', async () => {
    const dir = workspace({
      'budget.yaml': scenario(resolve('models/dorset-like-budget-2025-26.yaml')),
      'optimisation.yaml': scenario(resolve('models/dorset-like-optimisation-2025-26.yaml')),
    });
    const budget = resolveScenario(join(dir, 'budget.yaml'));
    expect(budget.kind).toBe('budget');
    const [a, b] = await Promise.all([runBudget('models/dorset-like-budget-2025-26.yaml'), runBudget(budget.modelPath, budget.overrides)]);
    expect({ ...b.result, title: '' }).toEqual({ ...a.result, title: '' });
    expect(b.cashFlow).toEqual(a.cashFlow);
    const optimisation = resolveScenario(join(dir, 'optimisation.yaml'));
    const [c, d] = await Promise.all([
      runOptimisation(await loadOptimisation('models/dorset-like-optimisation-2025-26.yaml'), { shadowPrices: false }),
      runOptimisation(await loadOptimisation(optimisation.modelPath, optimisation.overrides), { shadowPrices: false }),
    ]);
    expect({ ...d, title: '', seconds: 0 }).toEqual({ ...c, title: '', seconds: 0 });
  });
});

describe('scenarios extend scenarios', () => {
  it('apply the chain from its root, so the scenario named wins; and name themselves in the manifest', async () => {
    const model = resolve('models/avon-and-somerset-2025-26.yaml');
    const dir = workspace({
      'up.yaml': scenario(model, '  indicators.crime.weight: 0.35\n  indicators.population.weight: 0.40\n', 'Crime up'),
      'more.yaml': 'fairshare: 1\nkind: scenario\ntitle: More\nextends: up.yaml\nset:\n  indicators.crime.weight: 0.45\n  indicators.population.weight: 0.30\n',
    });
    const resolved = resolveScenario(join(dir, 'more.yaml'));
    expect(resolved.scenarios.map((s) => s.title)).toEqual(['Crime up', 'More']);
    const result = runAllocation(await loadAllocation(resolved.modelPath, resolved.overrides));
    expect(result.indicators.map((i) => [i.name, i.weight])).toEqual([
      ['population', 0.3],
      ['crime', 0.45],
      ['asb', 0.15],
      ['deprivation', 0.1],
    ]);
    expect(result.title).toBe('Community Safety Fund 2025/26 (example): More');
  });
});

const fairshare = (dir: string, ...args: string[]) => spawnSync(process.execPath, [CLI, ...args], { cwd: dir, encoding: 'utf8' });

describe('bad scenario files get the file and key path, exit 2', () => {
  const model = resolve('models/avon-and-somerset-2025-26.yaml');
  const cases: [string, Record<string, string>, RegExp][] = [
    ['an unknown key path inside a named entry', { 's.yaml': scenario(model, '  indicators.crim.weight: 0.3\n') }, /^fairshare: s\.yaml:6:3: set: indicators\.crim: there is no 'crim' under indicators; did you mean 'crime'\?/],
    ['an unknown key', { 's.yaml': scenario(model, '  damping.flor: -0.02\n') }, /^fairshare: s\.yaml:6:3: set: damping\.flor: unknown key \(did you mean 'floor'\?\)/],
    ['an override of the wrong type', { 's.yaml': scenario(model, '  pot.total: lots\n') }, /^fairshare: s\.yaml:6:3: set: pot\.total: expected a number, got the text "lots"/],
    ['a cycle of scenarios extending each other', { 'a.yaml': 'fairshare: 1\nkind: scenario\ntitle: A\nextends: b.yaml\n', 'b.yaml': 'fairshare: 1\nkind: scenario\ntitle: B\nextends: a.yaml\n' }, /b\.yaml: extends: the scenarios extend each other in a cycle: a\.yaml -> b\.yaml -> a\.yaml/],
    ['a scenario naming a scenario as its base', { 'a.yaml': scenario('b.yaml'), 'b.yaml': scenario(model) }, /a\.yaml: base: b\.yaml is a scenario, not a model; to build on it, use extends/],
    ['a scenario extending a model', { 'a.yaml': `fairshare: 1\nkind: scenario\ntitle: A\nextends: ${model}\n` }, /a\.yaml: extends: .*avon-and-somerset-2025-26\.yaml is a model, not a scenario; a scenario names its model with base/],
    ['both base and extends', { 'a.yaml': `fairshare: 1\nkind: scenario\ntitle: A\nbase: ${model}\nextends: b.yaml\n` }, /a\.yaml:1:1: \(top level\): give exactly one of base \(a model\) or extends \(another scenario\)/],
    ['a base that does not exist', { 'a.yaml': scenario('nowhere.yaml') }, /nowhere\.yaml: cannot read the scenario or model named by a\.yaml: no such file/],
    ['a key path with an empty part', { 'a.yaml': scenario(model, '  pot..total: 3\n') }, /a\.yaml:\d+:\d+: set\.pot\.\.total: .*key path/],
  ];
  it.each(cases)('%s', (_, files, message) => {
    const dir = workspace(files);
    const first = Object.keys(files)[0]!;
    const run = fairshare(dir, 'allocate', first, '--out', 'out.csv');
    expect(run.stderr).toMatch(message);
    expect(run.status).toBe(2);
    expect(existsSync(join(dir, 'out.csv'))).toBe(false);
  });

  it('a mistake the scenario causes says which scenario was running', () => {
    const dir = workspace({ 's.yaml': scenario(model, '  pot.total: 2887505\n', 'Cut') });
    const run = fairshare(dir, 'allocate', 's.yaml');
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/damping\.floor: the floor of -5% \(no area loses more than 5%\) is unaffordable[\s\S]*\(running the scenario s\.yaml, on .*avon-and-somerset-2025-26\.yaml; it sets pot\.total\)/);
  });
});

describe('compare', () => {
  const base = { title: 'Base', unit: 'area' as const, lines: [{ key: 'A', label: 'Alpha', pence: 50_000 }, { key: 'B', label: 'Beta', pence: 30_000 }, { key: 'C', label: 'Gamma', pence: 20_000 }] };

  it('gives each line its change in pounds, percent and rank, totals and a summary in words', () => {
    const shifted = { title: 'Shifted', unit: 'area' as const, lines: [{ key: 'A', label: 'Alpha', pence: 40_000 }, { key: 'B', label: 'Beta', pence: 45_000 }, { key: 'C', label: 'Gamma', pence: 20_000 }] };
    const comparison = compareRuns(base, [shifted]);
    expect(comparison.lines.map((l) => [l.key, l.baseRank, l.scenarios[0]!.changePence, l.scenarios[0]!.change, l.scenarios[0]!.rank, l.scenarios[0]!.rankChange])).toEqual([
      ['A', 1, -10_000, -0.2, 2, -1],
      ['B', 2, 15_000, 0.5, 1, 1],
      ['C', 3, 0, 0, 3, 0],
    ]);
    expect(comparison.scenarios[0]).toMatchObject({ totalPence: 105_000, changePence: 5_000, gainers: 1, losers: 1, unchanged: 1 });
    expect(comparison.scenarios[0]!.words).toBe('Shifted: 1 of 3 areas gains, 1 loses, 1 unchanged. The largest gain is Beta (+£150, +50.0%), the largest loss Alpha (-£100, -20.0%). The total rises by £50 (+5.0%) to £1,050.');
  });

  it('counts a line one run lacks as zero there', () => {
    const fewer = { title: 'Fewer', unit: 'area' as const, lines: [{ key: 'A', label: 'Alpha', pence: 100_000 }] };
    const comparison = compareRuns(base, [fewer]);
    expect(comparison.lines.map((l) => [l.key, l.scenarios[0]!.pence, l.scenarios[0]!.change])).toEqual([
      ['A', 100_000, 1],
      ['B', 0, -1],
      ['C', 0, -1],
    ]);
    const more = compareRuns(fewer, [base]);
    expect(more.lines.map((l) => [l.key, l.basePence, l.scenarios[0]!.change])).toEqual([
      ['A', 100_000, -0.5],
      ['B', 0, null],
      ['C', 0, null],
    ]);
  });

  it('on the command line: the shipped scenarios, CSV in pounds; budgets by service; no mixing kinds', () => {
    const root = process.cwd();
    const csv = fairshare(root, 'compare', 'models/avon-and-somerset-2025-26.yaml', 'models/avon-and-somerset-crime-weighted-up.yaml', 'models/avon-and-somerset-tighter-floor.yaml', '--format', 'csv');
    expect(csv.status, csv.stderr).toBe(0);
    const rows = csv.stdout.trim().split('\n');
    expect(rows[0]).toBe('scenario,area_key,area_name,base_gbp,scenario_gbp,change_gbp,change_percent,base_rank,scenario_rank,rank_change');
    expect(rows).toHaveLength(11);
    // Every scenario's allocations add up to the same distributable pot.
    for (const title of ['Crime weighted up', 'Floor at -2%']) {
      const total = rows.filter((r) => r.startsWith(`${title},`)).reduce((s, r) => s + Number(r.split(',').at(-6)), 0);
      expect(total).toBeCloseTo(2_685_531, 6);
    }
    const budget = fairshare(root, 'compare', 'models/dorset-like-budget-2025-26.yaml', 'models/dorset-like-budget-cut.yaml', '--format', 'json');
    const json = JSON.parse(budget.stdout);
    expect(json.unit).toBe('service');
    expect(json.scenarios[0].change_pence).toBeLessThan(0);
    const mixed = fairshare(root, 'compare', 'models/avon-and-somerset-2025-26.yaml', 'models/dorset-like-budget-cut.yaml');
    expect(mixed.status).toBe(2);
    expect(mixed.stderr).toMatch(/this is a budget model \(or a scenario of one\), but the base .* is an allocation model: compare like with like/);
  });
});
