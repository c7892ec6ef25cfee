import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runBudget } from '../../src/io/load-budget.js';
import { CLI } from '../helpers/cli.js';
import { tempDir } from '../helpers/temp.js';

const BUDGET = `fairshare: 1
kind: budget
title: Test budget
year: 2025
priorities: [victims, prevention]
funds:
  victims:
    amount: 1000
    ring_fences:
      core: { share: 0.5 }
      csa: { share: 0.25 }
  fire:
    amount: 300
    body: fire
services:
  hub:
    priority: victims
    eligible: [victims.core, victims]
    commitments:
      - { name: contract, fund: victims.core, start: 2024, end: 2026, annual: 400 }
      - { name: ended, fund: victims.core, start: 2020, end: 2024, annual: 999 }
    request: 200
  youth:
    priority: prevention
    eligible: [victims]
    request: 100
  csa:
    priority: victims
    eligible: [victims.csa]
    request: 300
    payments: { stages: [{ share: 0.8, quarter: 1 }, { share: 0.2, quarter: 4 }] }
  safe_and_well:
    priority: prevention
    eligible: [fire]
    request: 50
`;

function workspace(text: string): string {
  const dir = tempDir('fairshare-split-');
  writeFileSync(join(dir, 'budget.yaml'), text);
  return dir;
}

describe('fairshare split, worked by hand', () => {
  it('splits, charges commitments first, then funds requests by priority from the pots listed in order', async () => {
    const { result, cashFlow } = await runBudget(join(workspace(BUDGET), 'budget.yaml'));
    const pot = (path: string) => result.pots.find((p) => p.path === path)!;
    // £1,000: core £500, CSA £250, unfenced £250.
    expect([pot('victims').pence, pot('victims.core').pence, pot('victims.csa').pence]).toEqual([25000, 50000, 25000]);
    // hub: the live contract (£400; the ended one is not charged), then £100 more from core and £100 from the unfenced rest.
    const hub = result.services.find((s) => s.name === 'hub')!;
    expect(hub.committedPence).toBe(40000);
    expect(hub.draws).toEqual([
      { pot: 'victims.core', committedPence: 40000, allocatedPence: 10000 },
      { pot: 'victims', committedPence: 0, allocatedPence: 10000 },
    ]);
    // csa (victims priority) asks £300 of a £250 fence: £50 short. youth (prevention) gets £100 of the £150 unfenced left.
    expect(result.fundingOrder).toEqual(['hub', 'csa', 'youth', 'safe_and_well']);
    expect(result.shortfalls).toEqual([{ service: 'csa', priority: 'victims', shortfallPence: 5000 }]);
    expect(pot('victims').unallocatedPence).toBe(5000);
    expect(pot('fire').allocatedPence).toBe(5000);
    // Cash flow: csa's £250 is paid 80/20 in Q1/Q4; hub's £600 and youth's £100 quarterly in
    // arrears (no schedule given): each quarter paid in the next, Q4's after the year end. The
    // hub's contract ran last year too: last year's Q4 (£100, in arrears) is paid in this Q1.
    const victims = cashFlow.byFund.find((row) => row.fund === 'victims')!;
    expect(victims.periods).toEqual([20000 + 10000, 17500, 17500, 5000 + 17500, 17500]);
    expect(victims.carriedInPence).toBe(10000);
    expect(victims.totalPence).toBe(95000 + 10000);
  });
});

const cases: [string, (text: string) => string, RegExp][] = [
  ['a ring-fence share above 1', (t) => t.replace('core: { share: 0.5 }', 'core: { share: 1.2 }'), /budget\.yaml:10:\d+: funds\.victims\.ring_fences\.core\.share: must be at most 1, got the number 1\.2/],
  ['ring-fence shares adding up to more than 1', (t) => t.replace('core: { share: 0.5 }', 'core: { share: 0.8 }'), /budget\.yaml:10:7: funds\.victims\.ring_fences: the ring-fences take £1,050\.00, more than the £1,000\.00 they are fenced from/],
  ['a commitment against an unknown fund', (t) => t.replace('fund: victims.core, start: 2024', 'fund: victims.cor, start: 2024'), /budget\.yaml:\d+:\d+: services\.hub\.commitments\.0\.fund: no fund or ring-fence 'victims\.cor'/],
  ['a negative amount', (t) => t.replace('amount: 1000', 'amount: -1000'), /budget\.yaml:8:13: funds\.victims\.amount: must be at least 0, got the number -1000/],
  ['a service eligible for nothing', (t) => t.replace('eligible: [victims]\n', 'eligible: []\n'), /services\.youth\.eligible: a service must be eligible for at least one fund or ring-fence/],
  ['a payment schedule that does not add up to 100%', (t) => t.replace('share: 0.2, quarter: 4', 'share: 0.1, quarter: 4'), /services\.csa\.payments: the payment stages add up to 90%, not 100%/],
  ["a contract's payment schedule that does not add up to 100%", (t) => t.replace('annual: 400 }', 'annual: 400, payments: { stages: [{ share: 0.5, quarter: 1 }, { share: 0.6, quarter: after_year_end }] } }'), /budget\.yaml:\d+:\d+: services\.hub\.commitments\.0\.payments: the payment stages add up to 110%, not 100%/],
  ['a payment stage in a quarter that does not exist', (t) => t.replace('share: 0.2, quarter: 4', 'share: 0.2, quarter: 5'), /services\.csa\.payments\.stages\.1\.quarter/],
  ['commitments the fund cannot honour', (t) => t.replace('annual: 400', 'annual: 650'), /funds\.victims\.ring_fences\.core: cannot honour its commitments: they need £650\.00 in 2025, the ring-fence holds £500\.00: a gap of £150\.00/],
  ['police and fire money mixed', (t) => t.replace('eligible: [fire]', 'eligible: [fire, victims]'), /services\.safe_and_well\.eligible: draws on fire and police money; bodies' money never mixes/],
  ['an unknown priority', (t) => t.replace('priority: prevention\n    eligible: [victims]', 'priority: prevension\n    eligible: [victims]'), /services\.youth\.priority: 'prevension' is not one of the priorities \(victims, prevention\)/],
  ['a commitment against money the service may not use', (t) => t.replace('eligible: [victims.core, victims]', 'eligible: [victims]'), /services\.hub\.commitments\.0\.fund: the service is not eligible for 'victims\.core'/],
];

describe('fairshare split: bad input gets a clear error with the key path, exit 2, nothing written', () => {
  it.each(cases)('%s', (_, edit, message) => {
    const dir = workspace(edit(BUDGET));
    const run = spawnSync(process.execPath, [CLI, 'split', 'budget.yaml', '--out', 'split.csv'], { cwd: dir, encoding: 'utf8' });
    expect(run.stderr).toMatch(message);
    expect(run.status).toBe(2);
    expect(existsSync(join(dir, 'split.csv'))).toBe(false);
  });

  it('validate accepts a budget whose commitments can be honoured, and refuses one that cannot', () => {
    const dir = workspace(BUDGET);
    const ok = spawnSync(process.execPath, [CLI, 'validate', 'budget.yaml'], { cwd: dir, encoding: 'utf8' });
    expect(ok.status).toBe(0);
    expect(ok.stdout).toBe('budget.yaml: valid. 2 funds in 4 pots; 4 services; every commitment for 2025 can be honoured.\n');
    const bad = spawnSync(process.execPath, [CLI, 'validate', 'budget.yaml', '--set', 'services.hub.commitments.0.annual=650'], { cwd: dir, encoding: 'utf8' });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/funds\.victims\.ring_fences\.core: cannot honour its commitments/);
  });

  it('writes the cash flow by fund and quarter as CSV, reconciled to what is paid', () => {
    const dir = workspace(BUDGET);
    expect(spawnSync(process.execPath, [CLI, 'split', 'budget.yaml', '--out', 'split.json', '--cash-flow', 'cash.csv'], { cwd: dir }).status).toBe(0);
    expect(readFileSync(join(dir, 'cash.csv'), 'utf8')).toBe(
      'fund,q1_gbp,q2_gbp,q3_gbp,q4_gbp,after_year_end_gbp,total_gbp\n' +
        'victims,300.00,175.00,175.00,225.00,175.00,1050.00\n' +
        'fire,0.00,12.50,12.50,12.50,12.50,50.00\n' +
        'All funds,300.00,187.50,187.50,237.50,187.50,1100.00\n',
    );
    const json = JSON.parse(readFileSync(join(dir, 'split.json'), 'utf8'));
    // Every payment line of the hub's contract, in pence, by its (default: in arrears) schedule.
    // The first is last year's final quarter, carried in: the contract ran in 2024/25 too.
    expect(json.payments.filter((p: { item: string }) => p.item === 'contract').map((p: { period: string; pence: number; carried_in?: boolean }) => [p.period, p.pence, p.carried_in ?? false])).toEqual([
      ['Q1 Apr-Jun', 10000, true],
      ['Q2 Jul-Sep', 10000, false],
      ['Q3 Oct-Dec', 10000, false],
      ['Q4 Jan-Mar', 10000, false],
      ['After year end', 10000, false],
    ]);
  });

  it('writes CSV by fund x ring-fence x service, and JSON that reconciles', () => {
    const dir = workspace(BUDGET);
    expect(spawnSync(process.execPath, [CLI, 'split', 'budget.yaml', '--out', 'split.csv'], { cwd: dir }).status).toBe(0);
    const csv = readFileSync(join(dir, 'split.csv'), 'utf8').trim().split('\n');
    expect(csv[0]).toBe('fund,ring_fence,body,service,priority,committed_gbp,allocated_gbp,unallocated_gbp');
    expect(csv).toContain('victims,core,police,hub,victims,400.00,100.00,');
    expect(csv).toContain('victims,,police,,,,,50.00');
    const json = JSON.parse(spawnSync(process.execPath, [CLI, 'split', 'budget.yaml', '--format', 'json'], { cwd: dir, encoding: 'utf8' }).stdout);
    const total = (key: string) => json.pots.reduce((sum: number, pot: Record<string, number>) => sum + pot[key]!, 0);
    expect(total('committed_pence') + total('allocated_pence') + total('unallocated_pence')).toBe(130000);
    expect(json.shortfalls).toEqual([{ service: 'csa', priority: 'victims', shortfall_pence: 5000 }]);
  });
});

describe('payment schedules', () => {
  it("pays a contract by its own schedule, and in advance differs from in arrears", async () => {
    const text = BUDGET.replace('annual: 400 }', 'annual: 400, payments: quarterly_in_advance }').replace("request: 100\n", 'request: 100\n    payments: on_award\n');
    const { cashFlow } = await runBudget(join(workspace(text), 'budget.yaml'));
    const hub = cashFlow.payments.filter((line) => line.service === 'hub');
    // The contract (£400) a quarter at the start of each quarter; the new award (£200) in arrears.
    expect(hub.filter((line) => line.item === 'contract').map((line) => [line.period, line.pence])).toEqual([[0, 10000], [1, 10000], [2, 10000], [3, 10000]]);
    expect(hub.filter((line) => line.item === 'award').map((line) => line.period)).toEqual([1, 2, 3, 4, 1, 2, 3, 4]);
    // youth's £100 all on award, in Q1.
    expect(cashFlow.payments.filter((line) => line.service === 'youth').map((line) => [line.period, line.pence])).toEqual([[0, 10000]]);
    const victims = cashFlow.byFund.find((row) => row.fund === 'victims')!;
    expect(victims.periods).toEqual([20000 + 10000 + 10000, 10000 + 5000, 10000 + 5000, 10000 + 5000 + 5000, 5000]);
    expect(victims.totalPence).toBe(95000);
  });
});

describe('national to local', () => {
  it('shares the national grant by force-area population and a budget takes its fund from the result', async () => {
    const { result, manifest } = await runBudget('models/dorset-like-budget-2025-26.yaml');
    const dorset = manifest.allocations.find((a) => a.area === 'E23000039')!;
    // £67.7m x Dorset's 785,172 of England and Wales's 60,238,038 people, to the pound.
    expect(Math.abs(dorset.pence / 100 - (67_700_000 * 785_172) / 60_238_038)).toBeLessThan(1);
    const fund = result.pots.filter((pot) => pot.fund === 'victims_fund');
    expect(fund.reduce((sum, pot) => sum + pot.pence, 0)).toBe(dorset.pence);
    expect(fund.find((pot) => pot.path === 'victims_fund.csa')!.pence).toBe(Math.round(dorset.pence * 0.07));
  });

  it('takes ring-fences from national results too: a fund made of its core and CSA shares', async () => {
    const national = resolve('models/victims-grant-by-force-2025-26.yaml');
    const text = `fairshare: 1
kind: budget
title: Ring-fences from the national result
year: 2025
priorities: [victims]
funds:
  victims:
    amount: 1000000
    ring_fences:
      core: { amount_from: { model: ${national}, area: Dorset } }
services:
  hub: { priority: victims, eligible: [victims.core], request: 0 }
`;
    const { result, manifest } = await runBudget(join(workspace(text), 'budget.yaml'));
    const dorset = manifest.allocations[0]!;
    expect(dorset).toMatchObject({ area: 'E23000039' });
    expect(result.pots.find((pot) => pot.path === 'victims.core')!.pence).toBe(dorset.pence);
    expect(result.pots.find((pot) => pot.path === 'victims')!.pence).toBe(100_000_000 - dorset.pence);
  });

  it('names an area the allocation does not have', async () => {
    const text = readFileSync('models/dorset-like-budget-2025-26.yaml', 'utf8').replace('area: Dorset', 'area: Dorsett');
    const dir = workspace(text);
    writeFileSync(join(dir, 'victims-grant-by-force-2025-26.yaml'), readFileSync('models/victims-grant-by-force-2025-26.yaml', 'utf8').replace('../datasets', resolve('datasets')));
    await expect(runBudget(join(dir, 'budget.yaml'))).rejects.toThrow(/funds\.victims_fund\.amount_from\.area: no area 'Dorsett' in the data; did you mean 'Dorset'\?/);
  });
});
