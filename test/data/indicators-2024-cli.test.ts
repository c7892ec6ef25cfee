/**
 * `fairshare data indicators` and `fairshare init` on 2024 boundaries as a user runs them:
 * forces named as typed, months and their warnings, the force's own crime table, and every
 * bad input refused with exit 2, a message that says where, and nothing written.
 */
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { findForce, forceKey, policeUkSlug } from '../../src/geography/forces.js';
import { forces2024 } from '../../src/io/indicators-2024.js';
import { fairshare, refusedIn } from '../helpers/cli.js';
import { tempDir } from '../helpers/temp.js';

const csvOf = (text: string) => text.trim().split('\n').map((line) => line.split(','));
/** The ten districts of Greater Manchester (2024 codes). */
const GMP = ['E08000001', 'E08000002', 'E08000003', 'E08000004', 'E08000005', 'E08000006', 'E08000007', 'E08000008', 'E08000009', 'E08000010'];

describe('forces as people type them', () => {
  it.each([
    ['Thames Valley Police', 'E23000029'],
    ['thames valley', 'E23000029'],
    ['THAMES VALLEY', 'E23000029'],
    ['Devon & Cornwall', 'E23000035'],
    ['Devon and Cornwall Police', 'E23000035'],
    ['City of London', 'E23000034'],
    ['London, City of', 'E23000034'],
    ['Metropolitan Police Service', 'E23000001'],
    ['Dyfed Powys', 'W15000004'],
    ['Dyfed-Powys Police', 'W15000004'],
    ['Avon and Somerset Constabulary', 'E23000036'],
    ['E23000029', 'E23000029'],
  ])('%s is %s', (typed, code) => {
    expect(findForce(typed, forces2024()).code).toBe(code);
  });

  it('names every force by the name police.uk gives its files', () => {
    const slugs = forces2024().map((force) => policeUkSlug(force.name));
    expect(slugs).toEqual(expect.arrayContaining(['devon-and-cornwall', 'city-of-london', 'metropolitan', 'dyfed-powys', 'avon-and-somerset', 'thames-valley']));
    expect(new Set(slugs).size).toBe(43);
    expect(new Set(forces2024().map((force) => forceKey(force.name))).size).toBe(43);
  });
});

describe('fairshare data forces', () => {
  it('lists the 43 forces with their districts, CSPs and the months of crime shipped (none for four)', () => {
    const run = fairshare(['data', 'forces', '--format', 'csv']);
    expect(run.status, run.stderr).toBe(0);
    const table = csvOf(run.stdout);
    expect(table[0]).toEqual(['pfa_code', 'pfa_name', 'police_uk_name', 'nation', 'districts', 'csps', 'police_uk_months_shipped']);
    expect(table).toHaveLength(44);
    expect(table.filter((row) => row.at(-1) === 'none').map((row) => row[2]).sort()).toEqual(['greater-manchester', 'metropolitan', 'west-midlands', 'west-yorkshire']);
    expect(table.find((row) => row[2] === 'thames-valley')!.slice(3)).toEqual(['England', '13', '16', '"2025-01..2025-04', ' 2025-09..2025-12"']);
  });
});

describe('fairshare data indicators --vintage 2024', () => {
  it('by default counts the twelve months to the latest published and warns which are missing', () => {
    const run = fairshare(['data', 'indicators', '--pfa', 'Kent', '--format', 'csv']);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stderr).toContain('fairshare: warning: 8 of the 12 months 2025-01..2025-12 are available; missing 2025-05..2025-08');
    expect(run.stdout.split('\n')[0]).toContain('area_code,area_name,population,recorded_crime,anti_social_behaviour,');
    expect(run.stdout.split('\n')[0]).toContain(',imd2025_score,lsoas,lsoas_most_deprived_decile,income_deprived');
  });

  it('annualises on request: each count times 12 over the months counted', () => {
    const plain = csvOf(fairshare(['data', 'indicators', '--pfa', 'Cumbria', '--format', 'csv']).stdout);
    const annual = csvOf(fairshare(['data', 'indicators', '--pfa', 'Cumbria', '--format', 'csv', '--annualise']).stdout);
    const at = plain[0]!.indexOf('burglary');
    for (let r = 1; r < plain.length; r++) expect(Number(annual[r]![at])).toBeCloseTo((Number(plain[r]![at]) * 12) / 8, 2);
  });

  it('states the Welsh index apart from the English one', () => {
    const run = fairshare(['data', 'indicators', '--pfa', 'South Wales', '--format', 'csv']);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout.split('\n')[0]).toContain(',wimd2019_score,');
    expect(run.stdout).not.toContain('imd2025');
    expect(run.stderr).toContain('Welsh Index of Multiple Deprivation 2019');
  });

  it('places police.uk rows with 2011 LSOA codes (Avon and Somerset, January 2023) and warns when periods are mixed', () => {
    const old = fairshare(['data', 'indicators', '--pfa', 'Avon and Somerset', '--months', '2023-01', '--format', 'csv']);
    expect(old.status, old.stderr).toBe(0);
    expect(old.stderr).toContain('0 with an unknown LSOA');
    // The same rows as the 2023-boundary table (datasets/README.md): 11,775 in the force, 758
    // without an LSOA, and the 32 outside it now joined by the Welsh LSOA the 2011 English lookup lacked.
    expect(old.stderr).toContain('= 11,775 placed in Avon and Somerset + 33 in 19 area(s) outside it + 758 with no LSOA + 0 with an unknown LSOA + 0 that cannot be placed + 94,014 outside the months');
    const mixed = fairshare(['data', 'indicators', '--pfa', 'Avon and Somerset', '--months', '2023-01,2025-01', '--format', 'csv']);
    expect(mixed.status, mixed.stderr).toBe(0);
    expect(mixed.stderr).toContain('warning: periods are mixed: 2023-01 and 2025-01 are the same calendar month in different years');
  });

  it('reads police.uk files from a folder (its street files only, not a manifest beside them) and accounts for them', () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'police'));
    copyFileSync('datasets/police-uk/2025-01-city-of-london-street.csv.gz', join(dir, 'police/2025-01-city-of-london-street.csv.gz'));
    writeFileSync(join(dir, 'police/MANIFEST.csv'), 'file,rows\nx,1\n');
    const run = fairshare(['data', 'indicators', '--pfa', 'City of London', '--crime', 'police', '--format', 'csv'], { cwd: dir });
    expect(run.status, run.stderr).toBe(0);
    expect(run.stderr).toContain('police.uk files (1 file(s) given with --crime), months 2025-01');
    expect(run.stderr).toMatch(/every row accounted for: ([\d,]+) read = /);
  });

  it('reads a force\'s own recorded-crime table by district (Greater Manchester; the counts here are synthetic test data)', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'gmp.csv'), `area_code,area_name,recorded_crime,burglary\n${GMP.map((code, i) => `${code},District ${i},${1000 + i * 10},${100 + i}`).join('\n')}\n`);
    const run = fairshare(['data', 'indicators', '--pfa', 'Greater Manchester Police', '--crime-table', 'gmp.csv', '--format', 'csv'], { cwd: dir });
    expect(run.status, run.stderr).toBe(0);
    const table = csvOf(run.stdout);
    expect(table[0]).toEqual(['area_code', 'area_name', 'population', 'recorded_crime', 'burglary', 'imd2025_score', 'lsoas', 'lsoas_most_deprived_decile', 'income_deprived']);
    expect(table).toHaveLength(11);
    expect(table[1]!.slice(3, 5)).toEqual(['1000', '100']);
    const init = fairshare(['init', '--pfa', 'Greater Manchester', '--crime-table', 'gmp.csv', '--out', 'gmp'], { cwd: dir });
    expect(init.status, init.stderr).toBe(0);
    const allocate = fairshare(['allocate', 'gmp/model.yaml', '--format', 'csv'], { cwd: dir });
    expect(allocate.status, allocate.stderr).toBe(0);
  });
});

describe('sources as published: a workbook crime table and a population table', () => {
  it('reads the crime table from a sheet of a workbook, by CSP, with the header on a later row', async () => {
    const dir = tempDir();
    const book = new ExcelJS.Workbook();
    const notes = book.addWorksheet('Notes');
    notes.addRow(['Recorded crime by CSP (synthetic test data)']);
    const sheet = book.addWorksheet('CSPs');
    sheet.addRow(['Recorded crime, year to March (synthetic test data)']);
    sheet.addRow(['CSP24CD', 'CSP24NM', 'Total recorded crime']);
    const csps = ['E22000099', 'E22000100', 'E22000101', 'E22000102', 'E22000103', 'E22000104', 'E22000105', 'E22000106', 'E22000107', 'E22000108'];
    csps.forEach((code, i) => sheet.addRow([code, `CSP ${i}`, 2000 + i]));
    await book.xlsx.writeFile(join(dir, 'gmp.xlsx'));
    const run = fairshare(['data', 'indicators', '--pfa', 'Greater Manchester', '--by', 'csp', '--crime-table', 'gmp.xlsx', '--sheet', 'CSPs', '--header-row', '2', '--format', 'csv'], { cwd: dir });
    expect(run.status, run.stderr).toBe(0);
    const table = csvOf(run.stdout);
    expect(table[0]!.slice(0, 4)).toEqual(['area_code', 'area_name', 'population', 'total_recorded_crime']);
    expect(table.slice(1).map((row) => row[3])).toEqual(csps.map((_, i) => String(2000 + i)));
    expect(run.stderr).toContain("crime: the force's recorded-crime table gmp.xlsx (sheet 'CSPs'): 10 rows");
    sheet.getCell('A5').value = 'E22000999';
    await book.xlsx.writeFile(join(dir, 'bad.xlsx'));
    expect(refusedIn(dir, ['data', 'indicators', '--pfa', 'Greater Manchester', '--by', 'csp', '--crime-table', 'bad.xlsx', '--sheet', 'CSPs', '--header-row', '2'])).toContain("bad.xlsx sheet 'CSPs' row 5: area code 'E22000999'");
  });

  it('takes population from a table the user gives, on 2024 codes', () => {
    const dir = tempDir();
    const kent = csvOf(fairshare(['data', 'indicators', '--pfa', 'Kent', '--format', 'csv']).stdout);
    const codes = kent.slice(1).map((row) => row[0]!);
    writeFileSync(join(dir, 'pop.csv'), `Code,Name,All ages\n${codes.map((code, i) => `${code},x,${1000 + i}`).join('\n')}\n`);
    const run = fairshare(['data', 'indicators', '--pfa', 'Kent', '--population', 'pop.csv', '--format', 'csv'], { cwd: dir });
    expect(run.status, run.stderr).toBe(0);
    expect(csvOf(run.stdout).slice(1).map((row) => row[2])).toEqual(codes.map((_, i) => String(1000 + i)));
    expect(run.stderr).toContain('population: from pop.csv by district');
  });
});

describe('fairshare init', () => {
  it('writes the same bytes from any folder, and its model validates and allocates as written', () => {
    const one = tempDir();
    const two = tempDir();
    mkdirSync(join(two, 'deep'));
    expect(fairshare(['init', '--pfa', 'North Wales', '--by', 'csp', '--out', 'nw'], { cwd: one }).status).toBe(0);
    expect(fairshare(['init', '--pfa', 'north wales police', '--by', 'csp', '--out', join(two, 'nw')], { cwd: join(two, 'deep') }).status).toBe(0);
    for (const file of ['indicators.csv', 'model.yaml', 'fairshare-model.schema.json']) expect(readFileSync(join(two, 'nw', file), 'utf8'), file).toBe(readFileSync(join(one, 'nw', file), 'utf8'));
    const readme = readFileSync(join(one, 'nw', 'README.md'), 'utf8');
    expect(readme).toContain('1. **The pot**: £1,000,000 is ILLUSTRATIVE');
    expect(readme).toContain('Welsh Government (Welsh Index of Multiple Deprivation 2019)');
    expect(fairshare(['validate', 'nw/model.yaml'], { cwd: one }).status).toBe(0);
    const allocate = fairshare(['allocate', 'nw/model.yaml', '--format', 'csv'], { cwd: one });
    expect(allocate.status, allocate.stderr).toBe(0);
    expect(readFileSync(join(one, 'nw', 'model.yaml'), 'utf8')).toContain('column: wimd2019_score');
  });

  it('takes a pot in pounds, and refuses one that is not money', () => {
    const dir = tempDir();
    expect(fairshare(['init', '--pfa', 'Cleveland', '--pot', '£1,250,000.50', '--out', 'c'], { cwd: dir }).status).toBe(0);
    expect(readFileSync(join(dir, 'c', 'model.yaml'), 'utf8')).toContain('total: 1250000.5');
    expect(refusedIn(dir, ['init', '--pfa', 'Cleveland', '--pot', '12.345', '--out', 'd'])).toContain('--pot 12.345: expected an amount in pounds above 0, at most 2 decimal places');
    expect(existsSync(join(dir, 'd'))).toBe(false);
  });
});

describe('bad input: exit 2, a clear message, nothing written', () => {
  const refused = (args: string[], files: Record<string, string> = {}) => {
    const dir = tempDir();
    for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
    const message = refusedIn(dir, [...args, '--out', 'out.csv']);
    expect(existsSync(join(dir, 'out.csv'))).toBe(false);
    return message;
  };

  it('an unknown force, with the nearest name', () => {
    expect(refused(['data', 'indicators', '--pfa', 'Thames Vally'])).toContain("no police force area 'Thames Vally' in England and Wales; did you mean 'Thames Valley'?");
  });

  it('a force with no data here: names the force and the source, and says how to supply it', () => {
    const message = refused(['data', 'indicators', '--pfa', 'Greater Manchester']);
    expect(message).toContain('Greater Manchester: no police.uk street-level crime in the shipped data');
    expect(message).toContain('--crime-table FILE');
    expect(refused(['data', 'indicators', '--pfa', 'West Midlands Police'])).toContain('West Midlands: no police.uk street-level crime');
  });

  it('months asked for that are absent, with the months there are', () => {
    const message = refused(['data', 'indicators', '--pfa', 'Kent', '--months', '2025-03..2025-06']);
    expect(message).toContain('Kent: police.uk crime for 2025-05..2025-06 is not in the shipped data; it holds 2025-01..2025-04, 2025-09..2025-12 for this force');
    expect(refused(['data', 'indicators', '--pfa', 'Kent', '--months', '2025-13'])).toContain("'2025-13' is not a month like 2025-01");
  });

  it('a crime table with an unknown area code, with its line', () => {
    const table = `area_code,recorded_crime\n${GMP.slice(1).map((code) => `${code},5`).join('\n')}\nE08009999,7\n`;
    expect(refused(['data', 'indicators', '--pfa', 'Greater Manchester', '--crime-table', 't.csv'], { 't.csv': table })).toContain("t.csv:11: area code 'E08009999': not an LSOA, district or CSP code of England and Wales on 2024 boundaries");
  });

  it('a crime table with a wrong header', () => {
    expect(refused(['data', 'indicators', '--pfa', 'Greater Manchester', '--crime-table', 't.csv'], { 't.csv': 'district,crimes\nE08000001,5\n' })).toContain('t.csv:1: expected a column of area codes named area_code');
  });

  it('a crime table mixing boundary vintages (a district code from before the 2023 mergers)', () => {
    const table = 'area_code,recorded_crime\nE06000066,40\nE07000187,12\n';
    expect(refused(['data', 'indicators', '--pfa', 'Avon and Somerset', '--crime-table', 't.csv'], { 't.csv': table })).toContain('t.csv:3: E07000187 (Mendip) is a district code of before 2023-04, when it became E06000066 Somerset: the table mixes boundary vintages');
  });

  it('a crime table with a count that is not a number of crimes (beyond any float, or above a trillion)', () => {
    const table = (value: string) => `area_code,recorded_crime\n${GMP.map((code, i) => `${code},${i === 3 ? value : 5}`).join('\n')}\n`;
    expect(refused(['data', 'indicators', '--pfa', 'Greater Manchester', '--crime-table', 't.csv'], { 't.csv': table('1e400') })).toContain("t.csv:5: column 'recorded_crime': expected a count (a number from 0 to 1,000,000,000,000), got \"1e400\"");
    expect(refused(['data', 'indicators', '--pfa', 'Greater Manchester', '--crime-table', 't.csv'], { 't.csv': table('2e12') })).toContain("t.csv:5: column 'recorded_crime'");
  });

  it('a crime table outside the force, or missing some of its areas', () => {
    expect(refused(['data', 'indicators', '--pfa', 'Greater Manchester', '--crime-table', 't.csv'], { 't.csv': 'area_code,recorded_crime\nE06000023,4\n' })).toContain("t.csv:2: area code 'E06000023' lies outside Greater Manchester");
    expect(refused(['data', 'indicators', '--pfa', 'Greater Manchester', '--crime-table', 't.csv'], { 't.csv': 'area_code,recorded_crime\nE08000001,4\n' })).toContain('no rows for 9 of the 10 areas of Greater Manchester');
  });

  it('init never writes into a folder that has files, and leaves them as they were', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'notes.txt'), 'mine');
    const message = refusedIn(dir, ['init', '--pfa', 'Kent', '--out', dir]);
    expect(message).toContain('the folder exists and is not empty; fairshare init never writes over files');
    expect(readFileSync(join(dir, 'notes.txt'), 'utf8')).toBe('mine');
    const unknown = refusedIn(dir, ['init', '--pfa', 'Nowhere', '--out', 'new']);
    expect(unknown).toContain("no police force area 'Nowhere'");
    expect(existsSync(join(dir, 'new'))).toBe(false);
  });
});
