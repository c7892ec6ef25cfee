/**
 * Invariants of the pieces behind any-force needs assessments: the fast line splitter reads
 * what a CSV writer wrote; months expand, describe and choose consistently; population split
 * between CSPs adds up to the district exactly.
 */
import fc from 'fast-check';
import { stringify } from 'csv-stringify/sync';
import { describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { csvRecords, splitCsvLine } from '../../src/data/table.js';
import { chooseMonths, describeMonths, expandMonths, monthsBetween } from '../../src/data/police-uk/months.js';
import { populationByArea } from '../../src/data/needs-2024.js';

const month = fc.record({ year: fc.integer({ min: 2010, max: 2030 }), month: fc.integer({ min: 1, max: 12 }) }).map(({ year, month }) => `${year}-${String(month).padStart(2, '0')}`);

describe('splitCsvLine', () => {
  it('reads back any fields a CSV writer wrote on one line', () => {
    const field = fc.string({ unit: fc.constantFrom('a', 'b', ',', '"', ' ', 'é', '1') });
    fc.assert(
      fc.property(fc.array(field, { minLength: 1, maxLength: 8 }), (fields) => {
        const line = stringify([fields], { quoted_match: /^$/ }).replace(/\n$/, '');
        expect(splitCsvLine(line, ',')).toEqual(fields);
      }),
    );
  });

  it('says so (undefined) when a quoted field runs past the line, so the caller can parse the whole text', () => {
    expect(splitCsvLine('a,"b', ',')).toBeUndefined();
    expect(splitCsvLine('a,"b"c', ',')).toBeUndefined();
  });
});

describe('months', () => {
  it('describeMonths and expandMonths are inverse', () => {
    fc.assert(
      fc.property(fc.uniqueArray(month, { minLength: 1, maxLength: 30 }), (months) => {
        const sorted = [...months].sort();
        expect(expandMonths(describeMonths(sorted).replace(/ /g, ''))).toEqual(sorted);
      }),
    );
  });

  it('chooses only months that exist, within the span; asked-for months are counted or named absent', () => {
    fc.assert(
      fc.property(fc.uniqueArray(month, { maxLength: 30 }), fc.option(fc.uniqueArray(month, { minLength: 1, maxLength: 12 }), { nil: undefined }), (available, asked) => {
        const requested = asked?.sort();
        const choice = chooseMonths(available, requested);
        for (const m of choice.months) {
          expect(available).toContain(m);
          expect(choice.span).toContain(m);
        }
        if (requested) expect([...choice.months, ...choice.absent].sort()).toEqual(requested);
        else if (available.length > 0) {
          expect(choice.span).toHaveLength(12);
          expect(choice.span.at(-1)).toBe([...available].sort().at(-1));
          expect(choice.absent).toEqual([]);
        }
      }),
    );
  });

  it('warns of missing months by default, and of the same calendar month in two years', () => {
    expect(chooseMonths(monthsBetween('2025-01', '2025-12')).warnings).toEqual([]);
    expect(chooseMonths(['2025-01', '2025-03']).warnings[0]).toContain('2 of the 12 months 2024-04..2025-03 are available; missing 2024-04..2024-12, 2025-02');
    expect(chooseMonths(['2024-03', '2025-03'], ['2024-03', '2025-03']).warnings[0]).toContain('2024-03 and 2025-03 are the same calendar month');
  });
});

describe('populationByArea', () => {
  it('splits a shared district into whole people that add up to it exactly', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2_000_000 }), fc.array(fc.integer({ min: 1, max: 100_000 }), { minLength: 2, maxLength: 6 }), (people, weights) => {
        const areas = weights.map((_, i) => ({ code: `C${i}`, name: `CSP ${i}` }));
        const result = populationByArea(areas, areas.map(() => ({ kind: 'part' as const, district: 'D' })), new Map([['D', people]]), new Map(areas.map((a, i) => [a.code, weights[i]!])));
        expect(result.byArea.reduce((a, b) => a + b, 0)).toBe(people);
        for (const n of result.byArea) expect(Number.isInteger(n)).toBe(true);
      }),
    );
  });
});

describe('csvRecords', () => {
  it('reads any table as csv-parse does: the same records and line numbers, quoted commas, CRLF and blank lines included', () => {
    const cell = fc.string({ unit: fc.constantFrom('a', 'B', ',', '"', ' ', '1', '.', 'é') });
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5 }), fc.array(fc.array(cell, { minLength: 5, maxLength: 5 }), { minLength: 1, maxLength: 20 }), fc.boolean(), fc.boolean(), (width, rows, crlf, blank) => {
        const table = rows.map((row) => row.slice(0, width));
        let text = stringify(table, { record_delimiter: crlf ? '\r\n' : '\n' });
        if (blank) text = text.replace(crlf ? '\r\n' : '\n', crlf ? '\r\n\r\n' : '\n\n');
        const expected = parse(text, { bom: true, info: true, skip_empty_lines: true }) as unknown as { record: string[]; info: { lines: number } }[];
        const got = csvRecords(text, 't.csv');
        expect(got.records).toEqual(expected.map((e) => e.record));
        expect(got.lines).toEqual(expected.map((e) => e.info.lines));
      }),
    );
  });

  it('sends a table with a stray quote or a line break inside quotes to the full parser, with its message', () => {
    expect(() => csvRecords('a,b\n1,x"y\n', 't.csv')).toThrow(/t\.csv:2: not a valid CSV file/);
    expect(csvRecords('a,b\n1,"x\ny"\n', 't.csv').records).toEqual([['a', 'b'], ['1', 'x\ny']]);
    expect(() => csvRecords('a,b\n1,2,3\n', 't.csv')).toThrow(/t\.csv:2: not a valid CSV file/);
  });
});
