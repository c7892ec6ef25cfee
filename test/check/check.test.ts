/**
 * fairshare check: a published table against the model, area by area, with whether the
 * publication adds up to the pot, and exit 2 when any area is outside the tolerance.
 */
import { basename, dirname } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fairshare } from '../helpers/cli.js';
import { DATA, MODEL, workspace } from '../helpers/small-model.js';

// The model's own allocations: Alpha £150, Beta £450, Gamma £900 (of £1,500).
const allocations = (dir: string) => JSON.parse(fairshare(['allocate', 'model.yaml', '--format', 'json'], { cwd: dir }).stdout).areas.map((a: { key: string; allocation_pence: number }) => [a.key, a.allocation_pence / 100]);
const table = (rows: [string, string][]) => `Code,Council,Allocation\n${rows.map(([key, amount]) => `${key},Somewhere,"${amount}"`).join('\n')}\n`;

describe('fairshare check', () => {
  it('agrees with a publication of its own figures, £ signs and separators and all, exit 0', () => {
    const dir = workspace(MODEL, DATA);
    const figures = allocations(dir) as [string, number][];
    const dir2 = workspace(MODEL, DATA, { 'pub.csv': table(figures.map(([key, pounds]) => [key, `£${pounds.toLocaleString('en-GB')}`])) });
    const run = fairshare(['check', 'model.yaml', '--against', 'pub.csv', '--key', 'Code', '--amount', 'Allocation'], { cwd: dir2 });
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain('The published figures add up to the pot of £1,500.');
    expect(run.stdout).toContain('Every area is within £0 of the published figure.');
  });

  it('gives the same bytes from any folder: the published table named relative to the model, with its digest', () => {
    const dir = workspace(MODEL, DATA);
    const figures = allocations(dir) as [string, number][];
    const here = workspace(MODEL, DATA, { 'pub.csv': table(figures.map(([key, pounds]) => [key, String(pounds)])) });
    const args = (prefix: string) => ['check', `${prefix}model.yaml`, '--against', `${prefix}pub.csv`, '--key', 'Code', '--amount', 'Allocation', '--format', 'json'];
    const inside = fairshare(args(''), { cwd: here });
    const above = fairshare(args(`${basename(here)}/`), { cwd: dirname(here) });
    expect(inside.status, inside.stderr).toBe(0);
    expect(above.stdout).toBe(inside.stdout);
    const json = JSON.parse(inside.stdout);
    expect(json.published_file).toBe('pub.csv');
    expect(json.published_sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('names the areas outside the tolerance and where a publication fails to add up, exit 2; a tolerance lets a pound through', () => {
    const dir = workspace(MODEL, DATA);
    const figures = allocations(dir) as [string, number][];
    // One pound over for the second area: the publication adds up to £1 more than the pot.
    const pub = table(figures.map(([key, pounds], i) => [key, String(i === 1 ? pounds + 1 : pounds)]));
    const here = workspace(MODEL, DATA, { 'pub.csv': pub });
    const strict = fairshare(['check', 'model.yaml', '--against', 'pub.csv', '--key', 'Code', '--amount', 'Allocation', '--format', 'json'], { cwd: here });
    expect(strict.status).toBe(2);
    expect(strict.stderr).toBe('fairshare: 1 of 3 areas differ from pub.csv by more than the tolerance\n');
    const json = JSON.parse(strict.stdout);
    expect(json.published_total_pence - json.pot_pence).toBe(100);
    expect(json.findings[0]).toMatch(/^The published figures add up to £1,501, £1 more than the pot of £1,500; the difference is in .* \(\+£1\)\.$/);
    expect(json.areas.filter((a: { within: boolean }) => !a.within)).toHaveLength(1);
    const lenient = fairshare(['check', 'model.yaml', '--against', 'pub.csv', '--key', 'Code', '--amount', 'Allocation', '--tolerance', '1'], { cwd: here });
    expect(lenient.status).toBe(0);
  });

  it.each([
    ['an area the model does not have', table([['A', '150'], ['B', '450'], ['C', '900'], ['Z', '1']]), /pub\.csv:5: area 'Z' is not one of the model's areas \(A, B, C\)/],
    ['an area missing from the publication', table([['A', '150'], ['B', '450']]), /pub\.csv: no published figure for 1 of the model's areas: Gamma \(C\)/],
    ['an area twice', table([['A', '150'], ['B', '450'], ['C', '900'], ['A', '150']]), /pub\.csv:5: area 'A' is already on pub\.csv:2/],
    ['an amount that is not money', table([['A', '150'], ['B', 'about 450'], ['C', '900']]), /pub\.csv:3: column 'Allocation': expected an amount in pounds \(at most 2 decimals\), got "about 450"/],
    ['a column that is not there', 'Code,Council,Alloc\nA,x,1\n', /pub\.csv:1: no column 'Allocation' \(--amount\); the columns are Code, Council, Alloc/],
  ])('refuses %s, exit 2, with its place', (_, pub, message) => {
    const dir = workspace(MODEL, DATA, { 'pub.csv': pub });
    const run = fairshare(['check', 'model.yaml', '--against', 'pub.csv', '--key', 'Code', '--amount', 'Allocation'], { cwd: dir });
    expect(run.stderr).toMatch(message);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
  });
});
