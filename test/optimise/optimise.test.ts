import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ModelProblems } from '../../src/errors.js';
import { loadOptimisation, runOptimisation } from '../../src/io/load-optimisation.js';
import { buildProgramme } from '../../src/optimise/build.js';
import { solveLpText } from '../../src/optimise/engines/highs.js';
import { ENGINES } from '../../src/optimise/engines/index.js';
import { optimisePrepared, optimiseProgramme } from '../../src/optimise/optimise.js';
import { prepared } from '../helpers/optimisation.js';
import { CLI } from '../helpers/cli.js';
import { tempDir } from '../helpers/temp.js';


/**
 * Worked by hand. £100 of grant money; outcome per pound: A's first £60 at 2 (weight 1), then
 * 1 without end; B's first £50 at 3 (weight 0.5: 1.5 a pound). The best use: A's £60 (120),
 * then B up to the money left, £40 (60): 180 in all. The last pound goes to B, so one more
 * pound of grant money adds 1.5.
 */
const HAND = {
  funds: { grant: { amount: 100 } },
  priorities: {
    A: { need_weight: 1, options: { a: { eligible: ['grant'], segments: [{ up_to: 60, outcome_per_pound: 2 }, { outcome_per_pound: 1 }] } } },
    B: { need_weight: 0.5, options: { b: { eligible: ['grant'], segments: [{ up_to: 50, outcome_per_pound: 3 }] } } },
  },
};
const withCapOnB = { ...HAND, priorities: { ...HAND.priorities, B: { ...HAND.priorities.B, max: 30 } } };

describe.each(ENGINES)('optimise, worked by hand (%s)', (engine) => {
  it('finds the optimum, its allocation in pence, and the price of the money', async () => {
    const result = await optimisePrepared(prepared(HAND), { engine });
    expect(result.objective).toBeCloseTo(180, 9);
    expect(result.spend.map((s) => [s.option, s.pence])).toEqual([
      ['a', 6000],
      ['b', 4000],
    ]);
    expect(result.pots).toEqual([expect.objectContaining({ path: 'grant', availablePence: 10000, allocatedPence: 10000, unallocatedPence: 0 })]);
    expect(result.binding.map((b) => [b.role.kind, +b.price.toFixed(9)])).toEqual([['pot', 1.5]]);
    expect(result.binding[0]!.words).toBe('One more pound of grant money in 2025/26 would add 1.5 outcome units.');
    expect(result.outcomes).toEqual([
      { priority: 'A', year: 2025, outcome: expect.closeTo(120, 9) },
      { priority: 'B', year: 2025, outcome: expect.closeTo(60, 9) },
    ]);
  });

  it('prices a cap: capping B at £30 moves £10 to A at 1 a pound, so the cap costs 0.5', async () => {
    const result = await optimisePrepared(prepared(withCapOnB), { engine });
    expect(result.objective).toBeCloseTo(175, 9);
    expect(result.spend.map((s) => [s.option, s.pence])).toEqual([
      ['a', 7000],
      ['b', 3000],
    ]);
    const prices = Object.fromEntries(result.binding.map((b) => [b.role.kind, +b.price.toFixed(9)]));
    expect(prices).toEqual({ pot: 1, priority_max: 0.5 });
    expect(result.binding.find((b) => b.role.kind === 'priority_max')!.words).toBe('The cap on B in 2025/26 costs 0.5 outcome units a pound: raising it by £1 would add that much.');
  });

  it('holds a contract: £90 committed to B (beyond its curve) leaves £10, which goes to A', async () => {
    const model = { ...HAND, priorities: { ...HAND.priorities, B: { ...HAND.priorities.B, options: { b: { ...HAND.priorities.B.options.b, segments: [{ up_to: 50, outcome_per_pound: 3 }, { outcome_per_pound: 0 }], commitments: [{ name: 'B contract', fund: 'grant', start: 2024, end: 2026, annual: 90 }] } } } } };
    const result = await optimisePrepared(prepared(model), { engine });
    expect(result.spend.map((s) => [s.option, s.pence])).toEqual([
      ['a', 1000],
      ['b', 9000],
    ]);
    expect(result.objective).toBeCloseTo(20 + 75, 9);
    expect(result.pots[0]).toMatchObject({ committedPence: 9000, allocatedPence: 1000, unallocatedPence: 0 });
    // The contract takes £40 from B's worthless tail that A would turn into 2 a pound.
    const contract = result.binding.find((b) => b.role.kind === 'commitment')!;
    expect(contract.price).toBeCloseTo(2, 9);
    expect(contract.words).toBe("The contract 'B contract' in 2025/26 costs 2 outcome units a pound: each pound released from it would add that much.");
  });

  /**
   * A round of £10,000: A asks £6,000 (score 1), B £5,000 (0.8), C £4,000 (0.9); outcome is
   * score x pounds. Whole or nothing: A and C (9,600); A and B would be £11,000.
   */
  const round = (partial: boolean) => ({
    funds: { grants: { amount: 10000 } },
    priorities: { G: { need_weight: 1 } },
    grant_rounds: {
      small: {
        priority: 'G',
        fund: 'grants',
        award: { min: 1000, max: partial ? 5000 : 6000 },
        partial,
        score_weights: { quality: 1 },
        score_scale: 1,
        applications: [
          { id: 'A', request: 6000, scores: { quality: 1 } },
          { id: 'B', request: 5000, scores: { quality: 0.8 } },
          { id: 'C', request: 4000, scores: { quality: 0.9 } },
        ],
      },
    },
  });

  it('funds a grant round whole or not at all', async () => {
    const result = await optimisePrepared(prepared(round(false)), { engine });
    expect(result.objective).toBeCloseTo(9600, 6);
    expect(result.awards.map((a) => [a.id, a.awardPence])).toEqual([
      ['A', 600000],
      ['B', 0],
      ['C', 400000],
    ]);
  });

  it('funds in part where the scheme allows, within the award bounds (A capped at £5,000; B gets the last £1,000)', async () => {
    const result = await optimisePrepared(prepared(round(true)), { engine });
    expect(result.objective).toBeCloseTo(5000 + 3600 + 800, 6);
    expect(result.awards.map((a) => [a.id, a.awardPence])).toEqual([
      ['A', 500000],
      ['B', 100000],
      ['C', 400000],
    ]);
  });
});

it('names what has no limit when nothing caps the spending (a programme without its money row)', async () => {
  const programme = buildProgramme(prepared(HAND));
  programme.lp.rows.forEach((row, i) => programme.rows[i]!.kind === 'pot' && (row.upper = Infinity));
  const error = await optimiseProgramme(programme).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(ModelProblems);
  expect((error as ModelProblems).problems).toEqual([{ path: ['priorities', 'A', 'options', 'a'], message: 'spending on a can grow without limit: give it a max, or end its last segment (up_to)' }]);
});

function workspace(files: Record<string, string>): string {
  const dir = tempDir('fairshare-optimise-');
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

const HAND_YAML = `fairshare: 1
kind: optimisation
title: Hand-worked
year: 2025
funds:
  grant: { amount: 100 }
priorities:
  A:
    need_weight: 1
    options:
      a:
        eligible: [grant]
        segments: [{ up_to: 60, outcome_per_pound: 2 }, { outcome_per_pound: 1 }]
  B:
    need_weight: 0.5
    options:
      b:
        eligible: [grant]
        segments: [{ up_to: 50, outcome_per_pound: 3 }]
`;

const fairshare = (dir: string, ...args: string[]) => spawnSync(process.execPath, [CLI, ...args], { cwd: dir, encoding: 'utf8' });

describe('fairshare optimise on the command line', () => {
  it('writes the model in CPLEX LP format, and HiGHS reading that text reaches the same optimum', async () => {
    const dir = workspace({ 'model.yaml': HAND_YAML });
    const run = fairshare(dir, 'optimise', 'model.yaml', '--export-lp', 'model.lp', '--format', 'json', '--set', 'priorities.B.max=30');
    expect(run.status, run.stderr).toBe(0);
    const lp = readFileSync(join(dir, 'model.lp'), 'utf8');
    expect(lp).toMatch(/money\.grant\.2025: .*<= \+?100/);
    expect(lp).toMatch(/max\.B\.2025: .*<= \+?30/);
    const again = await solveLpText(lp);
    expect(again.status).toBe('Optimal');
    expect(again.objective).toBeCloseTo(JSON.parse(run.stdout).objective, 9);
    expect(again.objective).toBeCloseTo(175, 9);
  });

  it('an infeasible model names the constraints that conflict, at their lines, exits 2 and writes nothing', () => {
    const dir = workspace({ 'model.yaml': HAND_YAML.replace('    need_weight: 1\n', '    need_weight: 1\n    min: 150\n') });
    const run = fairshare(dir, 'optimise', 'model.yaml', '--out', 'result.csv', '--export-lp', 'model.lp');
    expect(run.status).toBe(2);
    expect(run.stderr).toBe(
      'fairshare: model.yaml: no allocation meets every constraint; these 2 cannot all hold together:\n' +
        'fairshare: model.yaml:6:10: funds.grant: the grant money in 2025/26: £100\n' +
        'fairshare: model.yaml:10:10: priorities.A.min: at least £150 on A in 2025/26\n',
    );
    expect(existsSync(join(dir, 'result.csv')) || existsSync(join(dir, 'model.lp'))).toBe(false);
  });

  it('with the same answer from either engine', () => {
    const dir = workspace({ 'model.yaml': HAND_YAML.replace('    need_weight: 1\n', '    need_weight: 1\n    min: 150\n') });
    expect(fairshare(dir, 'optimise', 'model.yaml', '--solver', 'jslp').stderr).toMatch(/priorities\.A\.min: at least £150 on A/);
  });

  it('stops at the time limit, reports nothing and exits 1', () => {
    const dir = workspace({ 'model.yaml': HAND_YAML });
    const run = fairshare(dir, 'optimise', 'model.yaml', '--solver', 'jslp', '--time-limit', '0.001', '--out', 'result.json');
    expect(run.status).toBe(1);
    expect(run.stderr).toBe('fairshare: jslp stopped at the time limit of 0.001 s before proving an optimum; nothing is reported (allow more time with --time-limit)\n');
    expect(existsSync(join(dir, 'result.json'))).toBe(false);
  });

  it('CSV in pounds and JSON in pence that reconcile', () => {
    const dir = workspace({ 'model.yaml': HAND_YAML });
    expect(fairshare(dir, 'optimise', 'model.yaml', '--out', 'result.csv').status).toBe(0);
    expect(readFileSync(join(dir, 'result.csv'), 'utf8')).toBe(
      'year,priority,option,application,area_key,area_name,fund,ring_fence,amount_gbp\n2025/26,A,a,,,,grant,,60.00\n2025/26,B,b,,,,grant,,40.00\n',
    );
    const json = JSON.parse(fairshare(dir, 'optimise', 'model.yaml', '--format', 'json').stdout);
    expect(json.pots).toEqual([{ year: 2025, path: 'grant', fund: 'grant', body: 'police', available_pence: 10000, held_pence: 0, committed_pence: 0, allocated_pence: 10000, unallocated_pence: 0 }]);
    expect(json.manifest.engine).toBe('highs');
    expect(json.binding[0]).toMatchObject({ kind: 'pot', key_path: 'funds.grant', shadow_price: 1.5 });
  });

  const bad: [string, (t: string) => string, RegExp][] = [
    ['returns that rise from one segment to the next', (t) => t.replace('{ outcome_per_pound: 1 }', '{ outcome_per_pound: 3 }'), /model\.yaml:\d+:\d+: priorities\.A\.options\.a\.segments\.1\.outcome_per_pound: returns must diminish: 3 per pound is more than the previous segment's 2/],
    ['an unknown fund', (t) => t.replace('eligible: [grant]\n        segments: [{ up_to: 50', 'eligible: [grnt]\n        segments: [{ up_to: 50'), /priorities\.B\.options\.b\.eligible\.0: no fund or ring-fence 'grnt'; they are grant/],
    ['a priority without a need weight', (t) => t.replace('    need_weight: 0.5\n', ''), /priorities\.B\.need_weight: required key is missing/],
    ['a maximum below the minimum', (t) => t.replace('    need_weight: 0.5\n', '    need_weight: 0.5\n    min: 50\n    max: 20\n'), /priorities\.B\.max: the maximum is below the minimum/],
    ['a negative amount', (t) => t.replace('amount: 100', 'amount: -100'), /funds\.grant\.amount: must be at least 0/],
    ['an area need without an areas table', (t) => t.replace('    need_weight: 0.5\n', '    need_weight: 0.5\n    area_need: population\n'), /priorities\.B\.area_need: needs an areas table/],
    ['a rule about a priority that does not exist', (t) => `${t}rules:\n  - { name: r, spend: { priorities: [C] }, min: 1 }\n`, /rules\.0\.spend\.priorities\.0: no priority 'C'/],
    ['police and fire money mixed', (t) => t.replace('grant: { amount: 100 }', 'grant: { amount: 100 }\n  fire: { amount: 50, body: fire }').replace('eligible: [grant]\n        segments: [{ up_to: 60', 'eligible: [grant, fire]\n        segments: [{ up_to: 60'), /priorities\.A\.options\.a\.eligible: draws on police and fire money; bodies' money never mixes/],
    ['a contract paid from money the option may not use', (t) => t.replace('grant: { amount: 100 }', 'grant: { amount: 100 }\n  other: { amount: 50 }').replace('segments: [{ up_to: 50, outcome_per_pound: 3 }]', 'segments: [{ up_to: 50, outcome_per_pound: 3 }]\n        commitments: [{ name: c, fund: other, start: 2025, end: 2025, annual: 10 }]'), /priorities\.B\.options\.b\.commitments\.0: the option is not eligible for 'other'/],
    ['a bad grant round', (t) => `${t}grant_rounds:\n  r:\n    priority: A\n    fund: grant\n    award: { min: 100, max: 50 }\n    score_weights: { q: 0.5, n: 0.4 }\n    applications: [{ id: X, request: 80, scores: { q: 7, n: 1 } }]\n`, /grant_rounds\.r\.award\.max: the largest award is below the smallest[\s\S]*grant_rounds\.r\.score_weights: the score weights must sum to 1, but they sum to 0\.9/],
    ['an application scored off the scale', (t) => `${t}grant_rounds:\n  r:\n    priority: A\n    fund: grant\n    award: { min: 10, max: 50 }\n    score_weights: { q: 1 }\n    applications: [{ id: X, request: 40, scores: { q: 7 } }]\n`, /grant_rounds\.r\.applications\.0\.scores\.q: score 'q' must be from 0 to 5, got 7/],
    ['a stage of a year outside the plan', (t) => t.replace('grant: { amount: 100 }', 'grant: { amount: 100, by_year: { "2030": 5 } }'), /funds\.grant\.by_year\.2030: 2030 is not one of the years planned \(2025\)/],
  ];
  it.each(bad)('refuses %s with the key path, exit 2', (_, edit, message) => {
    const dir = workspace({ 'model.yaml': edit(HAND_YAML) });
    const run = fairshare(dir, 'optimise', 'model.yaml', '--out', 'result.csv');
    expect(run.stderr).toMatch(message);
    expect(run.status).toBe(2);
    expect(existsSync(join(dir, 'result.csv'))).toBe(false);
  });
});

describe('areas and years, on the Avon and Somerset needs table', () => {
  const model = (extra = '') => `fairshare: 1
kind: optimisation
title: Areas and years
year: 2025
years: 2
areas: { file: ${resolve('datasets/derived/avon-and-somerset-lad23.csv')}, key: area_code, label: area_name }
stability: 0.05
funds:
  grant: { amount: 100000, by_year: { "2026": 200000 } }
priorities:
  violence:
    need_weight: 1
    area_need: recorded_crime
    area_min_share: 1
    options:
      prevention:
        eligible: [grant]
        segments: [{ up_to: 150000, outcome_per_pound: 1 }]
${extra}`;

  it.each(ENGINES)('shares each year by recorded crime (a fair share of all of it) and holds growth to 5 per cent (%s)', async (engine) => {
    const dir = workspace({ 'model.yaml': model() });
    const result = await runOptimisation(await loadOptimisation(join(dir, 'model.yaml')), { engine });
    const crimes = new Map(
      readFileSync('datasets/derived/avon-and-somerset-lad23.csv', 'utf8')
        .trim()
        .split('\n')
        .slice(1)
        .map((line) => {
          const cells = line.match(/("[^"]*"|[^,]+)/g)!;
          return [cells[0]!, Number(cells[3])] as const;
        }),
    );
    const total = [...crimes.values()].reduce((a, b) => a + b, 0);
    for (const year of [2025, 2026]) {
      const lines = result.spend.filter((s) => s.year === year);
      const spent = lines.reduce((s, l) => s + l.pence, 0);
      // 2025: the whole £100,000; 2026: at most 5% more, though £200,000 is there.
      expect(spent).toBe(year === 2025 ? 10_000_000 : 10_500_000);
      for (const line of lines) expect(Math.abs(line.pence - (spent * crimes.get(line.area!.key)!) / total)).toBeLessThanOrEqual(1);
      expect(lines.map((l) => l.area!.key).sort()).toEqual([...crimes.keys()].sort());
    }
    expect(result.binding.map((b) => b.role.kind)).toContain('stability_up');
  });

  it('names an area the table does not have', async () => {
    const dir = workspace({ 'model.yaml': model().replace('      prevention:\n        eligible: [grant]\n', '      prevention:\n        eligible: [grant]\n        commitments: [{ name: c, fund: grant, start: 2025, end: 2025, annual: 10, area: E06009999 }]\n') });
    await expect(loadOptimisation(join(dir, 'model.yaml'))).rejects.toThrow(/priorities\.violence\.options\.prevention\.commitments\.0\.area: no area 'E06009999' in /);
  });
});

describe('the Dorset-like example, on its budget', () => {
  it('both engines reach the same optimum; the budget contracts are honoured; every pot reconciles to the penny', async () => {
    const results = await Promise.all(ENGINES.map(async (engine) => runOptimisation(await loadOptimisation('models/dorset-like-optimisation-2025-26.yaml'), { engine })));
    expect(Math.abs(results[0]!.objective - results[1]!.objective)).toBeLessThanOrEqual(1e-6 * Math.abs(results[0]!.objective));
    for (const result of results) {
      for (const pot of result.pots) {
        expect(pot.heldPence + pot.committedPence + pot.allocatedPence + pot.unallocatedPence).toBe(pot.availablePence);
        expect(pot.unallocatedPence).toBeGreaterThanOrEqual(0);
        const paid = result.spend.filter((s) => s.pot === pot.path).reduce((s, l) => s + l.pence, 0) + result.awards.filter((a) => a.pot === pot.path).reduce((s, a) => s + a.awardPence, 0);
        expect(paid).toBe(pot.committedPence + pot.allocatedPence);
      }
      // The victim care contract (£420,000 from the core victims' money) is paid in full.
      const hub = result.spend.filter((s) => s.option === 'victim_care_hub' && s.pot === 'victims_fund.core');
      expect(hub.reduce((s, l) => s + l.pence, 0)).toBeGreaterThanOrEqual(42_000_000);
      // Whole-or-nothing awards are exactly the request.
      for (const award of result.awards) expect([0, award.requestPence]).toContain(award.awardPence);
      expect(result.awards.find((a) => a.id === 'CG10')!.ineligible).toMatch(/above the largest award of £3,000/);
    }
  });
});

describe('tables: need weights (a needs assessment or gap analysis) and applications', () => {
  const model = `fairshare: 1
kind: optimisation
title: From tables
year: 2025
areas: { file: areas.csv, key: code, label: name }
need_weights: { file: gaps.csv, priority: priority, weight: unmet_cost, area: area }
funds:
  grant: { amount: 1000 }
priorities:
  violence:
    options:
      outreach: { eligible: [grant], segments: [{ up_to: 1000, outcome_per_pound: 1 }] }
  exploitation:
    options:
      mentoring: { eligible: [grant], segments: [{ up_to: 1000, outcome_per_pound: 1 }] }
  community: {}
grant_rounds:
  small:
    priority: community
    fund: grant
    award: { min: 10, max: 300 }
    score_weights: { delivery: 0.5, need: 0.5 }
    applications_file: { file: bids.csv, name: title, area: area }
`;
  const files = {
    'model.yaml': model,
    'areas.csv': 'code,name\nN,North\nS,South\n',
    // 300 + 100 for violence, 100 for exploitation: weights 0.8 and 0.2; a row for a priority the model leaves out is ignored.
    'gaps.csv': 'priority,area,unmet_cost\nviolence,N,300\nviolence,S,100\nexploitation,N,0\nexploitation,S,100\ncommunity,N,0\nburglary,N,999\n',
    'bids.csv': 'id,title,request,area,delivery,need\nB1,Play scheme,250,N,5,5\nB2,Walks,90.5,S,3,4\n',
  };

  it('reads need by priority and area, normalised over the priorities, and applications with their areas', async () => {
    const dir = workspace(files);
    const loaded = await loadOptimisation(join(dir, 'model.yaml'));
    const [violence, exploitation] = loaded.prepared.priorities;
    expect(violence!.weight).toBeCloseTo(0.8, 12);
    expect(Array.from(violence!.areaShares!)).toEqual([0.75, 0.25]);
    expect(exploitation!.weight).toBeCloseTo(0.2, 12);
    expect(Array.from(exploitation!.areaShares!)).toEqual([0, 1]);
    expect(loaded.prepared.rounds[0]!.applications).toEqual([
      { id: 'B1', name: 'Play scheme', request: 250, score: 1, area: 0, most: 250 },
      { id: 'B2', name: 'Walks', request: 90.5, score: 0.7, area: 1, most: 90.5 },
    ]);
    expect(loaded.manifest.inputs.map((i) => i.role)).toEqual(['areas table', 'need table', 'applications of grant_rounds.small']);
    // Violence's curve (1 a pound up to £1,000, spread 750/250 by area) takes all £1,000 at
    // 0.8 a pound, before exploitation (0.2) or the round (community has no need: 0).
    const result = await runOptimisation(loaded);
    expect(result.objective).toBeCloseTo(800, 9);
    expect(result.spend.map((s) => [s.option, s.area!.key, s.pence])).toEqual([
      ['outreach', 'N', 75000],
      ['outreach', 'S', 25000],
      ['mentoring', 'N', 0],
      ['mentoring', 'S', 0],
    ]);
  });

  it('names a bad cell and a missing column by file and line', async () => {
    const dir = workspace({ ...files, 'bids.csv': 'id,title,request,area,delivery\nB1,Play,lots,N,5\n' });
    await expect(loadOptimisation(join(dir, 'model.yaml'))).rejects.toThrow(/bids\.csv:1: no column 'need' \(a score in grant_rounds\.small\.score_weights\)/);
    const dir2 = workspace({ ...files, 'bids.csv': 'id,title,request,area,delivery,need\nB1,Play,lots,N,5,5\n' });
    await expect(loadOptimisation(join(dir2, 'model.yaml'))).rejects.toThrow(/bids\.csv:2: column 'request': expected a number of zero or more, got "lots"/);
    const dir3 = workspace({ ...files, 'gaps.csv': 'priority,area,unmet_cost\nviolence,X,300\nexploitation,N,1\ncommunity,N,1\n' });
    await expect(loadOptimisation(join(dir3, 'model.yaml'))).rejects.toThrow(/need_weights\.file: \S*gaps\.csv:2: no area 'X' in the areas table/);
  });
});

describe("a budget's requests and the panel's decisions", () => {
  const MODEL = 'models/dorset-like-optimisation-2025-26.yaml';
  const json = (...args: string[]) => JSON.parse(fairshare(process.cwd(), 'optimise', MODEL, '--format', 'json', ...args).stdout);
  const given = (result: { spend: { option: string; pence: number }[] }, option: string) => result.spend.filter((s) => s.option === option).reduce((sum, s) => sum + s.pence, 0);

  it("gives a budget's service no more than its contracts and its request, unless the model says otherwise", () => {
    // The victim care hub holds a £420,000 contract and asks for £60,000 more.
    const capped = json();
    expect(given(capped, 'victim_care_hub')).toBe(48_000_000);
    expect(capped.binding.map((b: { words: string }) => b.words).join('\n')).toMatch(/victim_care_hub's request in 2025\/26 costs [\d.]+ outcome units a pound/);
    const beyond = json('--set', 'priorities.victims.options.victim_care_hub.beyond_request=true');
    expect(given(beyond, 'victim_care_hub')).toBeGreaterThan(48_000_000);
    const ownMax = json('--set', 'priorities.victims.options.victim_care_hub.max=500000');
    expect(given(ownMax, 'victim_care_hub')).toBe(50_000_000);
  });

  it("explains every grant decision in the panel's terms: score on its scale, rank, and why a higher-scored bid lost", () => {
    const awards = json().awards as { id: string; panel_score: number; score_scale: number; rank: number; award_pence: number; decision: string }[];
    const cg04 = awards.find((a) => a.id === 'CG04')!;
    expect([cg04.panel_score, cg04.score_scale, cg04.rank, cg04.award_pence]).toEqual([4.6, 5, 2, 0]);
    // The swap with the lower-scored CG01 fits the £700 left plus CG01's £1,200; the loss is exact.
    expect(cg04.decision).toBe('not funded (4.60 of 5, 2nd of 10): CG01 (3.10 of 5, 8th of 10, £1,200.00) was funded instead; funding this bid in its place would fit the money but lower the need-weighted outcome by 0.0024 units');
    expect(awards.find((a) => a.id === 'CG02')!.decision).toBe('funded in full');
    expect(awards.find((a) => a.id === 'CG06')!.decision).toBe('not funded: scored 2.4 of 5, below the threshold of 2.5');
    const table = fairshare(process.cwd(), 'optimise', MODEL).stdout;
    expect(table).toMatch(/CG04\s+Women's safety walk\s+4\.60\s+2\s+£800\.00\s+not funded \(4\.60 of 5, 2nd of 10\): CG01 \(3\.10 of 5, 8th of 10, £1,200\.00\) was funded instead/);
  });
});
