import { describe, expect, it } from 'vitest';
import { parseAreaTable, parseNumberCell } from '../../src/data/table.js';
import { UserError } from '../../src/errors.js';

const spec = { key: 'code', label: 'name', numeric: [{ column: 'population', usedBy: 'indicators.population.column' }] };

function problems(text: string): string[] {
  try {
    parseAreaTable(text, 'data.csv', spec);
  } catch (error) {
    expect(error).toBeInstanceOf(UserError);
    return [...(error as UserError).problems];
  }
  throw new Error('expected the table to be refused');
}

describe('indicator tables', () => {
  it('reads keys, labels, line numbers and numbers (with a BOM and thousands separators)', () => {
    const table = parseAreaTable('\uFEFFcode,name,population\nA,Alpha,"1,296"\n\nB,Beta,12.5\n', 'data.csv', spec);
    expect(table.keys).toEqual(['A', 'B']);
    expect(table.labels).toEqual(['Alpha', 'Beta']);
    expect(table.lines).toEqual([2, 4]);
    expect(Array.from(table.columns.get('population')!)).toEqual([1296, 12.5]);
  });

  it('names a missing column and the nearest one', () => {
    expect(problems('code,name,populaton\nA,Alpha,1\n')).toEqual([
      "data.csv:1: no column 'population' (used by indicators.population.column); did you mean 'populaton'?",
    ]);
  });

  it('refuses duplicate and empty area keys, naming both lines', () => {
    expect(problems('code,name,population\nA,Alpha,1\nA,Again,2\n,Blank,3\n')).toEqual([
      "data.csv:3: column 'code': area key 'A' is already used on line 2",
      "data.csv:4: column 'code': the area key is empty",
    ]);
  });

  it.each([
    ['abc', 'expected a number, got "abc"'],
    ['NaN', 'expected a number, got "NaN"'],
    ['Infinity', 'expected a number, got "Infinity"'],
    ['-5', 'expected a number of zero or more, got -5'],
    ['', 'the value is empty; expected a number'],
    ['1,2', 'expected a number, got "1,2"'],
  ])('refuses the value %j', (cell, message) => {
    expect(problems(`code,name,population\nA,Alpha,"${cell}"\n`)).toEqual([`data.csv:2: column 'population': ${message}`]);
  });

  it('refuses an empty file, a header alone, and a ragged row', () => {
    expect(problems('')[0]).toMatch(/data\.csv: the file is empty/);
    expect(problems('code,name,population\n')[0]).toMatch(/header but no rows/);
    expect(problems('code,name,population\nA,Alpha,1,extra\n')[0]).toMatch(/^data\.csv:2: not a valid CSV file/);
  });

  it('reports many problems at once, capped', () => {
    const rows = Array.from({ length: 30 }, (_, i) => `K${i},N,x`).join('\n');
    const found = problems(`code,name,population\n${rows}\n`);
    expect(found).toHaveLength(21);
    expect(found[20]).toBe('... and 10 more problem(s) in data.csv');
  });

  it('parses number cells strictly', () => {
    expect(parseNumberCell(' 42 ')).toBe(42);
    expect(parseNumberCell('1e3')).toBe(1000);
    expect(parseNumberCell('1,234,567.5')).toBe(1234567.5);
    expect(parseNumberCell('12,34')).toBeUndefined();
    expect(parseNumberCell('0x10')).toBeUndefined();
  });
});
