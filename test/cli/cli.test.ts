/** The `fairshare` command end to end, as a user runs it (the compiled CLI in dist/). */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLI } from '../helpers/cli.js';
import { DATA, MODEL, workspace } from '../helpers/small-model.js';

const EXAMPLE = 'models/avon-and-somerset-2025-26.yaml';

function fairshare(args: string[], cwd = process.cwd()) {
  const run = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', env: { ...process.env, FAIRSHARE_DEBUG: '' } });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe('fairshare allocate', () => {
  it('prints a readable table of the shipped example, reconciled to the pot', () => {
    const run = fairshare(['allocate', EXAMPLE]);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('Bath and North East Somerset');
    expect(run.stdout).toMatch(/Total\s+1\.000000\s+£2,685,531\s+£2,685,531\s+£2,685,531\s+0\.00%/);
    expect(run.stderr).toBe('');
  });

  it('gives JSON as the contract says: integer pence that add up, and a manifest', () => {
    const run = fairshare(['allocate', EXAMPLE, '--format', 'json']);
    expect(run.status).toBe(0);
    const json = JSON.parse(run.stdout);
    expect(json.pot).toEqual({
      total_pence: 303947900,
      top_slices: [
        { name: 'PCC-retained commissioning', share: 0.1, pence: 30394800 },
        { name: 'Pan-area projects', pence: 5000000 },
      ],
      distributable_pence: 268553100,
    });
    const sum = json.areas.reduce((s: number, a: { allocation_pence: number }) => s + a.allocation_pence, 0);
    expect(sum).toBe(268553100);
    for (const area of json.areas) {
      for (const key of ['target_pence', 'prior_pence', 'allocation_pence']) expect(Number.isInteger(area[key])).toBe(true);
      expect(Object.keys(area)).toEqual(expect.arrayContaining(['key', 'label', 'need_share', 'indicators', 'change']));
    }
    expect(json.areas[0].indicators.population).toEqual({ value: 195618, share: expect.any(Number), weighted: expect.any(Number) });
    expect(json.damping).toMatchObject({ method: 'floor_scale', scaling_factor: expect.any(Number) });
    expect(json.manifest.model_sha256).toBe(createHash('sha256').update(readFileSync(EXAMPLE)).digest('hex'));
    expect(json.manifest.data_sha256).toBe(createHash('sha256').update(readFileSync('datasets/derived/avon-and-somerset-lad23.csv')).digest('hex'));
  });

  it('pins the published allocations of the example (a regression on real data)', () => {
    const json = JSON.parse(fairshare(['allocate', EXAMPLE, '--format', 'json']).stdout);
    expect(Object.fromEntries(json.areas.map((a: { key: string; allocation_pence: number }) => [a.key, a.allocation_pence / 100]))).toEqual({
      E06000022: 286855,
      E06000023: 818718,
      E06000024: 322431,
      E06000025: 423114,
      E06000066: 834413,
    });
  });

  it('gives byte-identical output for the same inputs', () => {
    const first = fairshare(['allocate', EXAMPLE, '--format', 'json']).stdout;
    expect(fairshare(['allocate', EXAMPLE, '--format', 'json']).stdout).toBe(first);
  });

  it('writes CSV in pounds, neutralising text that a spreadsheet would run', () => {
    const dir = workspace(MODEL, DATA.replace('Alpha', '"=HYPERLINK(""http://x"")"').replace('Beta', '+cmd').replace('Gamma', '@SUM(A1)'));
    const run = fairshare(['allocate', 'model.yaml', '--out', 'out.csv'], dir);
    expect(run.status).toBe(0);
    const csv = readFileSync(join(dir, 'out.csv'), 'utf8');
    expect(csv.split('\n')[0]).toBe('area_key,area_name,population_share,crime_share,need_share,target_gbp,allocation_gbp');
    expect(csv).toContain(`A,"'=HYPERLINK(""http://x"")",`);
    expect(csv).toContain("B,'+cmd,");
    expect(csv).toContain("C,'@SUM(A1),");
    const pounds = csv.trim().split('\n').slice(1).map((line) => Number(line.split(',').at(-1)));
    expect(pounds.reduce((a, b) => a + b, 0)).toBe(1500);
  });

  it('--set overrides a key for one run without editing the file', () => {
    const dir = workspace();
    const base = JSON.parse(fairshare(['allocate', 'model.yaml', '--format', 'json'], dir).stdout);
    const run = fairshare(['allocate', 'model.yaml', '--format', 'json', '--set', 'indicators.crime.weight=1', '--set', 'indicators.population.weight=0'], dir);
    expect(run.status).toBe(0);
    const json = JSON.parse(run.stdout);
    expect(json.areas.map((a: { allocation_pence: number }) => a.allocation_pence)).toEqual([15000, 45000, 90000]);
    expect(json.areas).not.toEqual(base.areas);
    expect(json.manifest.overrides).toEqual(['indicators.crime.weight=1', 'indicators.population.weight=0']);
  });

  it('writes output files atomically, and writes nothing when the input is wrong', () => {
    const dir = workspace();
    expect(fairshare(['allocate', 'model.yaml', '--out', 'out.json'], dir).status).toBe(0);
    const before = readFileSync(join(dir, 'out.json'), 'utf8');
    const failed = fairshare(['allocate', 'model.yaml', '--out', 'out.json', '--set', 'indicators.crime.weight=2'], dir);
    expect(failed.status).toBe(2);
    expect(readFileSync(join(dir, 'out.json'), 'utf8')).toBe(before);
    expect(fairshare(['allocate', 'model.yaml', '--out', 'new.json', '--set', 'pot.total=x'], dir).status).toBe(2);
    expect(readdirSync(dir).sort()).toEqual(['data.csv', 'model.yaml', 'out.json']);
  });
});

describe('bad input: a clear message, exit status 2, no stack trace', () => {
  const cases: [string, string, string, RegExp][] = [
    ['a missing column', MODEL.replace('column: crime', 'column: crimes'), DATA, /data\.csv:1: no column 'crimes' \(used by indicators\.crime\.column\); did you mean 'crime'\?/],
    ['an unknown column in an expression', MODEL.replace('column: crime,', 'expression: "crime + asb",'), DATA, /data\.csv:1: no column 'asb' \(used by indicators\.crime\.expression\)/],
    ['a duplicate area key', MODEL, DATA.replace('B,Beta', 'A,Beta'), /data\.csv:3: column 'code': area key 'A' is already used on line 2/],
    ['an empty area key', MODEL, DATA.replace('B,Beta', ',Beta'), /data\.csv:3: column 'code': the area key is empty/],
    ['a non-numeric value', MODEL, DATA.replace('3000', 'three thousand'), /data\.csv:3: column 'population': expected a number, got "three thousand"/],
    ['a negative value', MODEL, DATA.replace('3000', '-3000'), /data\.csv:3: column 'population': expected a number of zero or more, got -3000/],
    ['a NaN value', MODEL, DATA.replace('3000', 'NaN'), /data\.csv:3: column 'population': expected a number, got "NaN"/],
    ['an empty value', MODEL, DATA.replace('3000', ''), /data\.csv:3: column 'population': the value is empty/],
    ['weights that do not sum to 1', MODEL.replace('weight: 0.5 }\n  crime', 'weight: 0.6 }\n  crime'), DATA, /model\.yaml:6:3: indicators: indicator weights must sum to 1, but they sum to 1\.1/],
    ['an unaffordable floor', `${MODEL}damping: { method: floor_scale, prior: prior, floor: 0.05 }\n`, DATA, /the floor of 5% \(every area gains at least 5%\) is unaffordable: .* needs £1,575, £75 more than the distributable pot of £1,500/],
    ['a file that is not YAML', 'title: [unclosed\n', DATA, /model\.yaml:2:1: not valid YAML/],
    ['an unknown key', MODEL.replace('pot: { total: 1500 }', 'pot: { totl: 1500 }'), DATA, /model\.yaml:4:8: pot\.totl: unknown key \(did you mean 'total'\?\)/],
    ['an expression that calls evaluate', MODEL.replace('column: crime,', 'expression: "evaluate(\'1\')",'), DATA, /indicators\.crime\.expression: the function 'evaluate' is not allowed/],
    ['a missing data file', MODEL.replace('file: data.csv', 'file: nowhere.csv'), DATA, /nowhere\.csv: cannot read the data file named by data\.file in model\.yaml: no such file/],
    ['a data file that is not UTF-8', MODEL, 'code,name,population,crime\nA,\xff\xfe,1,1\n', /data\.csv:2: the line is not valid UTF-8 text/],
    ['an indicator that sums to zero', MODEL, DATA.replace(/,10,/, ',0,').replace(/,30,/, ',0,').replace(/,60,/, ',0,'), /indicators\.crime: the values sum to zero over all 3 areas/],
    ['a minimum that cannot be afforded', `${MODEL}minimum: 600\n`, DATA, /minimum: 3 areas x £600 = £1,800, £300 more than the distributable pot of £1,500/],
  ];

  it.each(cases)('%s', (_, model, data, message) => {
    const dir = workspace(model, data);
    if (data.includes('\xff')) writeFileSync(join(dir, 'data.csv'), Buffer.concat([Buffer.from('code,name,population,crime\nA,'), Buffer.from([0xff, 0xfe]), Buffer.from(',1,1\n')]));
    const run = fairshare(['allocate', 'model.yaml', '--out', 'out.csv'], dir);
    expect(run.stderr).toMatch(message);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).not.toMatch(/^\s+at /m);
    expect(existsSync(join(dir, 'out.csv'))).toBe(false);
  });

  it('an unknown option or format', () => {
    expect(fairshare(['allocate', EXAMPLE, '--colour']).status).toBe(2);
    const run = fairshare(['allocate', EXAMPLE, '--format', 'xml']);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('--format xml: expected one of table, csv, json');
  });

  it('an output folder that does not exist', () => {
    const run = fairshare(['allocate', EXAMPLE, '--out', 'no/such/folder/out.csv']);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('no/such/folder/out.csv: cannot write the output: its folder does not exist');
  });
});

describe('fairshare explain, validate, schema, --help', () => {
  it('explains one area by key or by name', () => {
    const byName = fairshare(['explain', EXAMPLE, 'bristol, city of']);
    expect(byName.status).toBe(0);
    expect(byName.stdout).toContain('Worked example: Bristol, City of (E06000023)');
    expect(byName.stdout).toContain('Allocation: £818,718');
    expect(fairshare(['explain', EXAMPLE, 'E06000023']).stdout).toBe(byName.stdout);
    const unknown = fairshare(['explain', EXAMPLE, 'Bristel']);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain("no area 'Bristel' in the data; did you mean 'Bristol, City of'?");
    expect(fairshare(['explain', EXAMPLE, 'Somerset']).stdout).toContain('(E06000066)');
    expect(fairshare(['explain', EXAMPLE, 'somerset']).status).toBe(0);
  });

  it('validates without allocating (an unaffordable floor is not its business)', () => {
    const run = fairshare(['validate', EXAMPLE]);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('valid. 5 areas');
    expect(fairshare(['validate', EXAMPLE, '--set', 'damping.floor=0.5']).status).toBe(0);
    expect(fairshare(['validate', EXAMPLE, '--set', 'indicators.crime.column=nope']).status).toBe(2);
  });

  it('prints the JSON Schema', () => {
    const run = fairshare(['schema']);
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout).title).toBe('fairshare allocation model');
  });

  it.each(['allocate', 'explain', 'validate', 'schema'])('%s --help shows an example', (command) => {
    const run = fairshare([command, '--help']);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/Examples?:\n\s+\$ fairshare /);
  });
});
