/**
 * Nothing lost, nothing silent, bounded under hostile input: each case here once lost a file,
 * gave a wrong figure with exit 0, or hung. Every bad input gets exit 2, a message with its
 * place, and leaves every existing file as it was.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fairshare, type Run } from '../helpers/cli.js';
import { DATA, MODEL, workspace as smallWorkspace } from '../helpers/small-model.js';

/** The small model's folder, with other files or replacements (data.csv, model.yaml) by name. */
function workspace(files: Record<string, string> = {}): string {
  const { 'model.yaml': model = MODEL, 'data.csv': data = DATA, ...others } = files;
  return smallWorkspace(model, data, others);
}

/** Every file of a folder with its bytes: to show a failed run touched none of them. */
const snapshot = (dir: string) => Object.fromEntries(readdirSync(dir).map((f) => [f, existsSync(join(dir, f)) ? readFileSync(join(dir, f), 'latin1') : '']));

function refused(run: Run, message: RegExp): void {
  expect(run.stderr).toMatch(message);
  expect(run.status).toBe(2);
  expect(run.stderr).not.toMatch(/^\s+at /m);
}

describe('nothing lost: outputs never replace an input, a link or a device, and land as a set', () => {
  it('refuses --out onto the model file itself (a model may be named .json)', () => {
    const dir = workspace();
    writeFileSync(join(dir, 'model.json'), JSON.stringify({ fairshare: 1, title: 'JSON model', data: { file: 'data.csv', key: 'code' }, pot: { total: 1500 }, indicators: { population: { column: 'population', weight: 1 } } }));
    const before = snapshot(dir);
    refused(fairshare(['allocate', 'model.json', '--out', 'model.json'], { cwd: dir }), /model\.json: cannot write the output there: it is one of this run's inputs \(model\.json\)/);
    expect(snapshot(dir)).toEqual(before);
  });

  it("refuses an output onto the data file, a chart onto an input, and a cash flow onto the budget's data", () => {
    const dir = workspace();
    const before = snapshot(dir);
    refused(fairshare(['allocate', 'model.yaml', '--out', 'data.csv'], { cwd: dir }), /data\.csv: cannot write the output there: it is one of this run's inputs/);
    refused(fairshare(['allocate', 'model.yaml', '--out', 'x.json', '--chart', 'data.csv'], { cwd: dir }), /data\.csv: a chart file ends in \.svg, \.png or \.vl\.json/);
    expect(snapshot(dir)).toEqual(before);
  });

  it('refuses a symbolic link and a FIFO as --out, leaving what they point to as it was', () => {
    const dir = workspace({ 'target.csv': 'precious\n' });
    symlinkSync(join(dir, 'target.csv'), join(dir, 'link.csv'));
    execFileSync('mkfifo', [join(dir, 'pipe.csv')]);
    refused(fairshare(['allocate', 'model.yaml', '--out', 'link.csv'], { cwd: dir }), /link\.csv: cannot write the output: it is a symbolic link/);
    refused(fairshare(['allocate', 'model.yaml', '--out', 'pipe.csv'], { cwd: dir, timeout: 20_000 }), /pipe\.csv: cannot write the output: it is a FIFO \(named pipe\), not a regular file/);
    expect(readFileSync(join(dir, 'target.csv'), 'utf8')).toBe('precious\n');
  });

  it('writes the files of one run all or none: a chart that cannot be written leaves no output behind, and an existing output as it was', () => {
    const dir = workspace({ 'out.csv': 'the earlier output\n' });
    refused(fairshare(['allocate', 'model.yaml', '--out', 'new.csv', '--chart', 'no/such/folder/c.svg'], { cwd: dir }), /no\/such\/folder\/c\.svg: cannot write the output: its folder does not exist/);
    expect(existsSync(join(dir, 'new.csv'))).toBe(false);
    refused(fairshare(['allocate', 'model.yaml', '--out', 'out.csv', '--chart', 'no/such/folder/c.svg'], { cwd: dir }), /its folder does not exist/);
    expect(readFileSync(join(dir, 'out.csv'), 'utf8')).toBe('the earlier output\n');
    expect(readdirSync(dir).filter((f) => f.includes('.tmp-') || f.includes('.old-'))).toEqual([]);
  });

  it('says in one line what a successful run wrote', () => {
    const dir = workspace();
    const run = fairshare(['allocate', 'model.yaml', '--out', 'a.csv', '--chart', 'a.svg'], { cwd: dir });
    expect(run.status).toBe(0);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe('fairshare: wrote a.csv (CSV in pounds), a.svg, a.alt.txt\n');
  });

  it('refuses an --out whose ending the command cannot write, or that contradicts --format', () => {
    const dir = workspace();
    refused(fairshare(['allocate', 'model.yaml', '--out', 'a.pdf'], { cwd: dir }), /--out a\.pdf: fairshare cannot write a \.pdf file here; name it \.txt, \.csv, \.json, \.xlsx, \.html/);
    refused(fairshare(['allocate', 'model.yaml', '--format', 'csv', '--out', 'a.xlsx'], { cwd: dir }), /--out a\.xlsx with --format csv: the file's name says xlsx/);
    refused(fairshare(['optimise', '../models/x.yaml', '--out', 'a.xlsx', '--export-lp', 'm.txt'], { cwd: dir }), /--export-lp m\.txt: an LP file is named \.lp/);
    expect(readdirSync(dir).sort()).toEqual(['data.csv', 'model.yaml']);
  });
});

describe('nothing silent', () => {
  it('a repeated column header the model reads is an error naming both columns', () => {
    const dir = workspace({ 'data.csv': DATA.replace('code,name,population,crime,prior', 'code,name,population,crime,population') });
    refused(fairshare(['allocate', 'model.yaml'], { cwd: dir }), /data\.csv:1: the column 'population' appears twice in the header \(columns 3 and 5\); name each column once/);
  });

  it('reads data with CR-only line endings as the rows they are', () => {
    const dir = workspace({ 'data.csv': DATA.replaceAll('\n', '\r') });
    const json = JSON.parse(fairshare(['allocate', 'model.yaml', '--format', 'json'], { cwd: dir }).stdout);
    expect(json.areas).toHaveLength(3);
    expect(json.totals.allocation_pence).toBe(150000);
  });

  it('refuses money beyond what is kept exact to the penny, naming the limit', () => {
    const dir = workspace();
    refused(fairshare(['allocate', 'model.yaml', '--set', 'pot.total=10000000000000'], { cwd: dir }), /pot\.total: Pot total must be at most £1,000,000,000,000 \(a trillion pounds\)/);
    const big = workspace({ 'data.csv': DATA.replace('A,Alpha,1000,10,400', 'A,Alpha,1000,10,4000000000000') });
    refused(fairshare(['allocate', 'model.yaml', '--set', 'damping={method: equal_change, prior: prior}'], { cwd: big }), /data\.csv:2: column 'prior' \(damping\.prior\): 4000000000000 is more than £1,000,000,000,000/);
    const sub = workspace({ 'data.csv': DATA.replace('A,Alpha,1000,10,400', 'A,Alpha,1000,10,400.123') });
    refused(fairshare(['allocate', 'model.yaml', '--set', 'damping={method: equal_change, prior: prior}'], { cwd: sub }), /data\.csv:2: column 'prior' \(damping\.prior\): 400\.123 has more than 2 decimal places/);
  });

  it('refuses indicator values whose sum is not a finite number', () => {
    const dir = workspace({ 'data.csv': DATA.replace('A,Alpha,1000,10', 'A,Alpha,1e308,10').replace('B,Beta,3000,30', 'B,Beta,1e308,30') });
    refused(fairshare(['allocate', 'model.yaml'], { cwd: dir }), /indicators\.population: the values sum to more than the largest number there is/);
  });

  it('accepts amounts above £100m that have pence (they were refused as "more than 2 decimal places")', () => {
    const dir = workspace();
    const run = fairshare(['allocate', 'model.yaml', '--set', 'pot.total=291541469.71', '--set', 'rounding=penny', '--format', 'json'], { cwd: dir });
    expect(run.status, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout).totals.allocation_pence).toBe(29154146971);
  });

  it.each([
    ['in the model', MODEL.replace('indicators:\n', 'indicators:\n  __proto__: { column: crime, weight: 0 }\n'), [] as string[], /model\.yaml:6:3: indicators\.__proto__: the key '__proto__' is not allowed/],
    ['in a --set path', MODEL, ['--set', 'indicators.constructor.weight=1'], /--set indicators\.constructor\.weight=1: the key 'constructor' is not allowed/],
    ['in a --set value', MODEL, ['--set', 'data={file: data.csv, key: code, prototype: 1}'], /--set data=\{file: data\.csv, key: code, prototype: 1\}: data\.prototype: the key 'prototype' is not allowed/],
  ])('refuses a __proto__, constructor or prototype key %s, naming the place', (_, model, args, message) => {
    const dir = workspace({ 'model.yaml': model });
    refused(fairshare(['allocate', 'model.yaml', ...args], { cwd: dir }), message);
  });

  it("refuses a reserved key in a scenario's set", () => {
    const dir = workspace({ 'what-if.yaml': 'fairshare: 1\nkind: scenario\ntitle: What if\nbase: model.yaml\nset:\n  indicators.__proto__.weight: 1\n' });
    refused(fairshare(['allocate', 'what-if.yaml'], { cwd: dir }), /what-if\.yaml:6:3: set\.indicators\.__proto__\.weight: the key '__proto__' is not allowed/);
  });
});

describe('bounded under hostile input', () => {
  it.each([
    ['a FIFO', (dir: string) => execFileSync('mkfifo', [join(dir, 'fifo.csv')]), 'fifo.csv', /fifo\.csv: cannot read the data file named by data\.file in model\.yaml: it is a FIFO \(named pipe\), not a regular file/],
    ['a device', () => undefined, '/dev/zero', /\/dev\/zero: cannot read the data file named by data\.file in model\.yaml: it is a device, not a regular file/],
    ['a dangling link', (dir: string) => symlinkSync(join(dir, 'gone.csv'), join(dir, 'dangling.csv')), 'dangling.csv', /dangling\.csv: cannot read the data file named by data\.file in model\.yaml: it is a symbolic link to a file that does not exist/],
    ['a loop of links', (dir: string) => (symlinkSync(join(dir, 'loop-b.csv'), join(dir, 'loop-a.csv')), symlinkSync(join(dir, 'loop-a.csv'), join(dir, 'loop-b.csv'))), 'loop-a.csv', /loop-a\.csv: cannot read the data file named by data\.file in model\.yaml: the symbolic links loop/],
  ])('refuses %s as a data file at once', (_, make, file, message) => {
    const dir = workspace();
    make(dir);
    refused(fairshare(['allocate', 'model.yaml', '--set', `data.file=${file}`], { cwd: dir, timeout: 20_000 }), message);
  });

  it('stops reading a file past the size limit, which FAIRSHARE_MAX_INPUT_MB sets', () => {
    const dir = workspace();
    refused(fairshare(['allocate', 'model.yaml'], { cwd: dir, env: { FAIRSHARE_MAX_INPUT_MB: '0.0001' } }), /^fairshare: model\.yaml: the model file is \d+ bytes, over the limit of 104 bytes \(set FAIRSHARE_MAX_INPUT_MB to raise it\)$/m);
    const larger = workspace({ 'data.csv': DATA + Array.from({ length: 20 }, (_, i) => `X${i},Extra,100,1,1`).join('\n') });
    refused(fairshare(['allocate', 'model.yaml'], { cwd: larger, env: { FAIRSHARE_MAX_INPUT_MB: '0.0002' } }), /data\.csv: the data file named by data\.file in model\.yaml is \d+ bytes, over the limit of 209 bytes/);
    refused(fairshare(['allocate', 'model.yaml'], { cwd: dir, env: { FAIRSHARE_MAX_INPUT_MB: 'lots' } }), /FAIRSHARE_MAX_INPUT_MB=lots: expected a number of megabytes above zero/);
  });

  it('bounds list indices in overrides by the list, at once', () => {
    const dir = workspace({ 'model.yaml': MODEL.replace('pot: { total: 1500 }', 'pot: { total: 1500, top_slices: [{ name: Slice, amount: 100 }] }') });
    const started = Date.now();
    refused(fairshare(['allocate', 'model.yaml', '--set', 'pot.top_slices.99999999.amount=1'], { cwd: dir }), /--set pot\.top_slices\.99999999\.amount=1: pot\.top_slices\.99999999: the list pot\.top_slices has 1 item\(s\); index 0 to 0, or 1 to add one/);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(fairshare(['allocate', 'model.yaml', '--set', 'pot.top_slices.1={name: Another, amount: 50}'], { cwd: dir }).status).toBe(0);
  });

  it('bounds the length and depth of expressions (a 4,000-term sum overflowed the stack)', () => {
    const dir = workspace();
    const long = Array.from({ length: 4000 }, () => 'crime').join('+');
    refused(fairshare(['allocate', 'model.yaml', '--set', `indicators.crime={expression: "${long}", weight: 0.5}`], { cwd: dir }), /indicators\.crime\.expression: the expression is 23,999 characters long; the limit is 1,000/);
    const deep = `${'('.repeat(200)}crime${')'.repeat(200)}`;
    refused(fairshare(['allocate', 'model.yaml', '--set', `indicators.crime={expression: "${deep}", weight: 0.5}`], { cwd: dir }), /the expression nests brackets more than 64 deep/);
    const chain = Array.from({ length: 100 }, () => 'crime').join('+');
    refused(fairshare(['allocate', 'model.yaml', '--set', `indicators.crime={expression: "${chain}", weight: 0.5}`], { cwd: dir }), /the expression nests more than 64 levels deep/);
  });

  it('refuses a notebook that runs fairshare notebook (it would run itself until killed)', () => {
    const dir = workspace({ 'nb.md': '# Loop\n\n```fairshare\nnotebook run nb.md\n```\n' });
    refused(fairshare(['notebook', 'run', 'nb.md'], { cwd: dir, timeout: 30_000 }), /nb\.md:4: a notebook cannot run 'fairshare notebook'/);
    expect(existsSync(join(dir, 'nb.html'))).toBe(false);
  });
});

describe('messages', () => {
  it('an error caused by a --set override names it, not the model file', () => {
    const dir = workspace();
    refused(fairshare(['allocate', 'model.yaml', '--set', 'indicators.crime.weight=0.6'], { cwd: dir }), /^fairshare: --set indicators\.crime\.weight=0\.6: indicators: indicator weights must sum to 1, but they sum to 1\.1$/m);
    refused(fairshare(['allocate', 'model.yaml', '--set', 'damping={method: floor_scale}'], { cwd: dir }), /^fairshare: --set damping=\{method: floor_scale\}: damping\.prior: required key is missing/m);
    const floor = fairshare(['allocate', 'model.yaml', '--set', 'damping={method: floor_scale, prior: prior, floor: 0.05}'], { cwd: dir });
    refused(floor, /\(with --set damping=\{method: floor_scale, prior: prior, floor: 0\.05\}\)/);
    expect(floor.stderr).not.toMatch(/model\.yaml:1:1/);
  });

  it('an unaffordable floor says so in words and names the highest floor the pot can afford', () => {
    const dir = workspace();
    const run = fairshare(['allocate', 'model.yaml', '--set', 'damping={method: floor_scale, prior: prior, floor: 0.05}'], { cwd: dir });
    refused(run, /the floor of 5% \(every area gains at least 5%\) is unaffordable: .* £75 more than the distributable pot of £1,500; the highest floor it can afford is 0% \(no area loses anything\): set damping\.floor to 0/);
  });

  it('compare names the scenario at fault', () => {
    const dir = workspace({ 'bad.yaml': 'fairshare: 1\nkind: scenario\ntitle: Bad\nbase: model.yaml\nset:\n  indicators.crime.weight: 0.9\n' });
    refused(fairshare(['compare', 'model.yaml', 'bad.yaml'], { cwd: dir }), /bad\.yaml:6:3: set: indicators: indicator weights must sum to 1[\s\S]*\(in the scenario bad\.yaml\)/);
  });

  it("keeps Node's own warnings off the terminal (a library's deprecation, under --pending-deprecation)", () => {
    const dir = workspace();
    const run = fairshare(['allocate', 'model.yaml', '--out', 'a.xlsx'], { cwd: dir, env: { NODE_OPTIONS: '--pending-deprecation' } });
    expect(run.status).toBe(0);
    expect(run.stderr).toBe('fairshare: wrote a.xlsx (a workbook)\n');
    const debug = fairshare(['allocate', 'model.yaml', '--out', 'b.xlsx'], { cwd: dir, env: { NODE_OPTIONS: '--pending-deprecation', FAIRSHARE_DEBUG: '1' } });
    expect(debug.stderr).toMatch(/^fairshare: \(debug\) DeprecationWarning: /m);
  });

  it('shows control characters from data escaped, on the terminal and in messages', () => {
    const dir = workspace({ 'data.csv': DATA.replace('Alpha', 'Al\u001b[31mpha\u0007') });
    const run = fairshare(['allocate', 'model.yaml'], { cwd: dir });
    expect(run.stdout).toContain('Al\\x1b[31mpha\\x07');
    expect(run.stdout).not.toContain('\u001b');
    const bad = workspace({ 'data.csv': DATA.replace('A,Alpha', 'A\u001b[2J,Alpha').replace('B,Beta', 'A\u001b[2J,Beta') });
    const failed = fairshare(['allocate', 'model.yaml'], { cwd: bad });
    refused(failed, /area key 'A\\x1b\[2J' is already used on line 2/);
    expect(failed.stderr).not.toContain('\u001b');
  });

  it('says in the title when a run has overrides, and compares a model with itself under --set without a scenario file', () => {
    const dir = workspace();
    expect(fairshare(['allocate', 'model.yaml', '--set', 'pot.total=1200'], { cwd: dir }).stdout.split('\n')[0]).toBe('Test fund [what-if: pot.total=1200]');
    const compared = fairshare(['compare', 'model.yaml', '--set', 'pot.total=-20%', '--format', 'json'], { cwd: dir });
    expect(compared.status, compared.stderr).toBe(0);
    const json = JSON.parse(compared.stdout);
    expect(json.base.total_pence).toBe(150000);
    expect(json.scenarios[0].total_pence).toBe(120000);
    expect(json.scenarios[0].title).toBe('Test fund [what-if: pot.total=-20%]');
  });

  it('takes relative overrides: -5% is the same as the amount it makes', () => {
    const dir = workspace();
    const relative = fairshare(['allocate', 'model.yaml', '--set', 'pot.total=-5%', '--format', 'csv'], { cwd: dir }).stdout;
    expect(relative).toBe(fairshare(['allocate', 'model.yaml', '--set', 'pot.total=1425', '--format', 'csv'], { cwd: dir }).stdout);
    expect(fairshare(['allocate', 'model.yaml', '--set', 'pot.total=*0.95', '--format', 'csv'], { cwd: dir }).stdout).toBe(relative);
    refused(fairshare(['allocate', 'model.yaml', '--set', 'title=-5%'], { cwd: dir }), /--set title=-5%: title: a relative change \(-5%\) needs a number there/);
  });

  it('names data files in the manifest relative to the model, so a run from another folder gives the same bytes', () => {
    const dir = workspace();
    mkdirSync(join(dir, 'elsewhere'));
    const here = fairshare(['allocate', 'model.yaml', '--format', 'json'], { cwd: dir }).stdout;
    const there = fairshare(['allocate', '../model.yaml', '--format', 'json'], { cwd: join(dir, 'elsewhere') }).stdout;
    const absolute = fairshare(['allocate', join(dir, 'model.yaml'), '--format', 'json'], { cwd: '/' }).stdout;
    expect(there).toBe(here);
    expect(absolute).toBe(here);
    expect(JSON.parse(here).manifest).toMatchObject({ model_file: 'model.yaml', data_file: 'data.csv' });
  });
});
