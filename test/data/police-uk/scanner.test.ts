/** Malformed input is parsed correctly or rejected with file, line and reason. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RecordScanner } from '../../../src/data/police-uk/scanner.js';
import { CrimeTally, mergeTallies, TALLY_COLUMNS } from '../../../src/data/police-uk/tally.js';
import { UserError } from '../../../src/errors.js';

const HEADER = 'Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,Crime type,Last outcome category,Context';
const row = (month: string, lsoa: string, type: string, location = 'On or near High Street') =>
  `abc,${month},Force,Force,-2.5,51.4,${location},${lsoa},Somewhere 001A,${type},Under investigation,`;

function scan(input: string | Buffer, chunkSize = 7): { values: string[][]; lines: number[] } {
  const values: string[][] = [];
  const lines: number[] = [];
  const scanner = new RecordScanner({
    file: 'street.csv',
    wanted: ['Month', 'LSOA code', 'Crime type'],
    expectedHeader: HEADER.split(','),
    onRecord: (v, line) => {
      values.push([...v]);
      lines.push(line);
    },
  });
  const bytes = typeof input === 'string' ? Buffer.from(input) : input;
  for (let at = 0; at < bytes.length; at += chunkSize) scanner.push(bytes.subarray(at, at + chunkSize));
  scanner.end();
  return { values, lines };
}

function refusal(input: string | Buffer): string {
  try {
    scan(input);
  } catch (error) {
    expect(error).toBeInstanceOf(UserError);
    return (error as Error).message;
  }
  throw new Error('expected the input to be refused');
}

describe('police.uk record scanner', () => {
  it('reads the wanted fields with line numbers, whatever the chunking', () => {
    const text = `${HEADER}\n${row('2024-01', 'E01000001', 'Burglary')}\n${row('2024-02', '', 'Anti-social behaviour')}\n`;
    for (const size of [1, 3, 7, 64, 1 << 20]) {
      expect(scan(text, size)).toEqual({
        values: [['2024-01', 'E01000001', 'Burglary'], ['2024-02', '', 'Anti-social behaviour']],
        lines: [2, 3],
      });
    }
  });

  it('handles a byte-order mark, CRLF line ends, blank lines and a last line without a break', () => {
    const text = `\uFEFF${HEADER}\r\n${row('2024-01', 'E01000001', 'Drugs')}\r\n\r\n${row('2024-01', 'E01000002', 'Robbery')}`;
    expect(scan(text).values).toEqual([['2024-01', 'E01000001', 'Drugs'], ['2024-01', 'E01000002', 'Robbery']]);
  });

  it('reads quoted fields with commas, doubled quotes and line breaks, and counts lines right', () => {
    const text = `${HEADER}\n${row('2024-01', 'E01000001', '"Violence, and ""sexual"" offences"', '"On or near\nMarket Place, North"')}\n${row('2024-03', 'E01000003', 'Drugs')}\n`;
    expect(scan(text)).toEqual({
      values: [['2024-01', 'E01000001', 'Violence, and "sexual" offences'], ['2024-03', 'E01000003', 'Drugs']],
      lines: [2, 4],
    });
  });

  it('keeps "1,296" whole when quoted (thousands separators)', () => {
    const text = `${HEADER}\n${row('2024-01', 'E01000001', 'Drugs', '"1,296 High Street"')}\n`;
    expect(scan(text).values).toEqual([['2024-01', 'E01000001', 'Drugs']]);
  });

  it('rejects a wrong or missing header, naming what is missing', () => {
    expect(refusal(`Crime ID,Month,Falls within\n${row('2024-01', 'E01000001', 'Drugs')}\n`)).toMatch(
      /^street\.csv:1: not the expected header: missing 'LSOA code', 'Crime type'; expected Crime ID,Month,/,
    );
    expect(refusal(`${row('2024-01', 'E01000001', 'Drugs')}\n`)).toMatch(/^street\.csv:1: not the expected header/);
  });

  it('rejects a truncated last line and a short row, with the line', () => {
    expect(refusal(`${HEADER}\n${row('2024-01', 'E01000001', 'Drugs')}\nabc,2024-01,Force,Force`)).toBe(
      'street.csv:3: the last line is cut short: expected 12 fields as in the header, got 4',
    );
    expect(refusal(`${HEADER}\nabc,2024-01\n${row('2024-01', 'E01000001', 'Drugs')}\n`)).toBe('street.csv:2: expected 12 fields as in the header, got 2');
    expect(refusal(`${HEADER}\n${row('2024-01', 'E01000001', 'Drugs', '"never closed')}\n`)).toBe(
      'street.csv:2: the last record is cut short (a quoted field is never closed)',
    );
  });

  it('rejects invalid UTF-8, naming the line', () => {
    const bytes = Buffer.concat([Buffer.from(`${HEADER}\n${row('2024-01', 'E01000001', 'Drugs')}\n`), Buffer.from([0x61, 0xff, 0xfe, 0x0a])]);
    expect(refusal(bytes)).toBe('street.csv:3: the line is not valid UTF-8 text');
  });

  it('rejects an empty file', () => {
    expect(refusal('')).toBe(`street.csv: the file is empty; expected the header ${HEADER}`);
  });

  it('property: any chunking of any valid file gives the same records', () => {
    const field = fc.stringMatching(/^[A-Za-z0-9 ,"\n-]{0,12}$/);
    const quote = (value: string) => (/[,"\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value);
    fc.assert(
      fc.property(fc.array(fc.tuple(field, field, field), { minLength: 1, maxLength: 20 }), fc.integer({ min: 1, max: 50 }), (records, size) => {
        const text = `${HEADER}\n${records.map(([m, l, t]) => `x,${quote(m)},r,f,0,0,loc,${quote(l)},n,${quote(t)},o,c`).join('\n')}\n`;
        expect(scan(text, size).values).toEqual(records);
      }),
      { numRuns: 500 },
    );
  });
});

describe('counting from bytes (CrimeTally.addBytes) against counting from strings', () => {
  const months = fc.constantFrom('2025-01', '2025-02', '2024-12', '2025-1x', '', '2025/01', 'é025-01');
  const lsoas = fc.constantFrom('E01000001', 'E01000002', 'W01000001', 'E01999999', 'E02000001', '', 'X', 'E0100000', 'E01000001 ', 'W01000009');
  const types = fc.constantFrom('Burglary', 'Robbery', 'Drugs', 'Bicycle theft', 'Vehicle crime', 'Burgxary', 'Other crime', 'Other theft', 'Ünusual', 'Burglary,x');
  const index = new Map([['E01000001', 0], ['E01000002', 1], ['W01000001', 2], ['E01999999', 1]]);
  const unplaced = new Map([['W01000009', 'split']]);
  const quote = (value: string) => (/[,"\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value);
  const tally = (text: string, size: number, bytes: boolean, filters: boolean, byMonth: boolean) => {
    const t = new CrimeTally({ lsoaIndex: index, unplaced, byMonth, ...(filters && { months: (m: string) => m !== '2024-12', types: new Set(['Burglary', 'Robbery', 'Drugs', 'Other crime']) }) });
    const scanner = new RecordScanner({
      file: 'street.csv',
      wanted: TALLY_COLUMNS,
      expectedHeader: HEADER.split(','),
      onRecord: (v) => t.add(v),
      ...(bytes && { onFields: (buf: Buffer, s: Int32Array, e: Int32Array) => t.addBytes(buf, s, e) }),
    });
    const data = Buffer.from(text);
    for (let at = 0; at < data.length; at += size) scanner.push(data.subarray(at, at + size));
    scanner.end();
    return mergeTallies([t.state()], byMonth);
  };
  it('gives the same tally, whatever the rows, filters and chunking', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(months, lsoas, types), { minLength: 1, maxLength: 40 }), fc.integer({ min: 1, max: 300 }), fc.boolean(), fc.boolean(), (records, size, filters, byMonth) => {
        const text = `${HEADER}\n${records.map(([m, l, t]) => `x,${quote(m)},r,f,0,0,loc,${quote(l)},n,${quote(t)},o,c`).join('\n')}\n`;
        expect(tally(text, size, true, filters, byMonth)).toEqual(tally(text, size, false, filters, byMonth));
      }),
      { numRuns: 400 },
    );
  });
});
