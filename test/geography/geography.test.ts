import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { ladForward, parseVintage } from '../../src/geography/changes.js';
import { assignLsoas, lsoaDistrictName } from '../../src/geography/lookup.js';
import { datasetText, loadGeography } from '../../src/io/datasets.js';

type Row = Record<string, string>;
const rows = (relative: string, delimiter = ','): Row[] => parse(datasetText(relative), { columns: true, bom: true, delimiter }) as Row[];
const english = (code: string) => /^E0[6789]/.test(code);

const file10 = new Map(rows('imd2019/IoD2019_File10_LAD_IMD.csv').map((r) => [r['Local Authority District code (2019)']!, r['Local Authority District name (2019)']!]));
const mye22 = new Map(rows('population/mye22_MYE2_persons_single_year_age_LAD.csv.gz').filter((r) => english(r.Code!)).map((r) => [r.Code!, r.Name!]));
const mye19 = new Set(rows('population/mye19_MYE2_persons_single_year_age_LAD_2020codes.csv.gz').map((r) => r.Code!).filter(english));
const lad21 = new Set(rows('geography/lad21_csp_pfa_lookup.csv', ';').map((r) => r['lad-code']!).filter(english));
const geography = loadGeography();

describe('district boundary changes, checked against the published district lists', () => {
  it('names each old district as MHCLG does and each new council as ONS does', () => {
    for (const change of geography.changes) {
      expect(file10.get(change.fromCode), change.fromCode).toBe(change.fromName);
      expect(mye22.get(change.toCode), change.toCode).toBe(change.toName);
    }
  });

  it.each([
    [2020, mye19, 314],
    [2021, lad21, 309],
    [2023, new Set(mye22.keys()), 296],
  ] as const)('maps the 317 districts of 2019 onto exactly the %i districts', (vintage, published, count) => {
    const forward = ladForward(geography.changes, 2019, vintage);
    const mapped = new Set([...file10.keys()].map(forward));
    expect(mapped).toEqual(published);
    expect(mapped.size).toBe(count);
  });

  it('maps forward from any vintage, never back', () => {
    expect(ladForward(geography.changes, 2020, 2023)('E06000060')).toBe('E06000060');
    expect(ladForward(geography.changes, 2021, 2023)('E07000187')).toBe('E06000066');
    expect(ladForward(geography.changes, 2019, 2019)('E07000187')).toBe('E07000187');
    expect(() => ladForward(geography.changes, 2023, 2019)).toThrow(/merges cannot be split/);
    expect(() => parseVintage('2022', '--vintage')).toThrow(/expected one of 2019, 2020, 2021, 2023/);
  });
});

describe('placing LSOAs in areas', () => {
  it('places every English LSOA in a district on every vintage', () => {
    for (const vintage of [2019, 2020, 2021, 2023] as const) {
      const assignment = assignLsoas(geography, 'lad', vintage);
      expect(assignment.index.size).toBe(32844);
      expect(assignment.unplaced.size).toBe(0);
    }
    const somerset = assignLsoas(geography, 'lad', 2023);
    expect(somerset.areas[somerset.index.get('E01029205')!]).toEqual({ code: 'E06000066', name: 'Somerset' });
  });

  it('rolls up to the 39 English police force areas', () => {
    const pfa = assignLsoas(geography, 'pfa', 2023);
    expect(pfa.areas).toHaveLength(39);
    expect(pfa.unplaced.size).toBe(0);
  });

  it('places LSOAs of multi-CSP districts by their 2011 district, and reports the ones it cannot', () => {
    const csp = assignLsoas(geography, 'csp', 2023);
    const cspOf = (lsoa: string) => csp.areas[csp.index.get(lsoa)!]!.name;
    const byName = (prefix: string) => [...geography.lsoas.values()].filter((l) => lsoaDistrictName(l.name) === prefix).map((l) => l.code);
    expect(new Set(byName('Poole').map(cspOf))).toEqual(new Set(['Poole']));
    expect(new Set(byName('Aylesbury Vale').map(cspOf))).toEqual(new Set(['Aylesbury Vale']));
    expect(new Set(byName('Daventry').map(cspOf))).toEqual(new Set(['Daventry and South Northamptonshire']));
    expect(new Set(byName('Northampton').map(cspOf))).toEqual(new Set(['Northampton']));
    // Christchurch's LSOAs are in a Dorset partnership the lookup does not name by district.
    expect(new Set(csp.unplaced.keys())).toEqual(new Set(byName('Christchurch')));
    expect(csp.unplaced.size).toBe(30);
  });
});
