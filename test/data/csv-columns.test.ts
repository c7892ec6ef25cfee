/**
 * The columnar reader is a fast path: on every table it either gives what the general
 * reader gives (the same keys, labels, lines, header and numbers, bit for bit) or steps
 * aside so the general reader gives its message.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { columnarAreaTable, plainDecimalAt } from '../../src/data/csv-columns.js';
import { areaTable, csvRecords, parseAreaTable, type TableSpec } from '../../src/data/table.js';

const general = (text: string, spec: TableSpec) => areaTable(csvRecords(text, 't.csv'), 't.csv', spec);
const outcome = (read: () => unknown) => {
  try {
    return { table: read() };
  } catch (error) {
    return { error: (error as Error).message };
  }
};

describe('plainDecimalAt', () => {
  it('reads digits with a point as Number does, and nothing else', () => {
    expect(plainDecimalAt('x,12.50,y', 2, 7)).toBe(12.5);
    expect(plainDecimalAt('.5', 0, 2)).toBe(0.5);
    expect(plainDecimalAt('7.', 0, 2)).toBe(7);
    for (const text of ['', '.', '-1', '+1', '1e3', ' 1', '1,0', '1.2.3', '1234567890123456']) expect(plainDecimalAt(text, 0, text.length)).toBeNaN();
  });

  it('property: the same double as Number for every plain decimal of up to 15 digits', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{1,15}$/), fc.nat({ max: 15 }), (digits, pointAt) => {
        const at = Math.min(pointAt, digits.length);
        const text = `${digits.slice(0, at)}.${digits.slice(at)}`;
        expect(Object.is(plainDecimalAt(text, 0, text.length), Number(text))).toBe(true);
        expect(Object.is(plainDecimalAt(digits, 0, digits.length), Number(digits))).toBe(true);
      }),
      { numRuns: 3000 },
    );
  });
});

describe('columnarAreaTable', () => {
  const spec: TableSpec = { key: 'code', label: 'name', numeric: [{ column: 'pop', usedBy: 'indicators.pop' }, { column: 'adj', usedBy: 'damping.adjustments', signed: true }] };

  it('reads a clean table and quoted cells, and steps aside for a quoted line break or a stray quote', () => {
    const table = columnarAreaTable('code,name,pop,adj\nE2,Bath,10.5,0\n\nE1,,3,1\n', 't.csv', spec)!;
    expect(table.keys).toEqual(['E2', 'E1']);
    expect(table.labels).toEqual(['Bath', 'E1']);
    expect(table.lines).toEqual([2, 4]);
    expect(Array.from(table.columns.get('pop')!)).toEqual([10.5, 3]);
    const quoted = columnarAreaTable('"code",name,pop,adj\nE1,"Bristol, City of",1,0\n"E2",Bath,"10.5",0\n', 't.csv', spec)!;
    expect([quoted.keys, quoted.labels, Array.from(quoted.columns.get('pop')!)]).toEqual([['E1', 'E2'], ['Bristol, City of', 'Bath'], [1, 10.5]]);
    expect(columnarAreaTable('code,name,pop,adj\nE2,"Bath\nand Wells",10.5,0\n', 't.csv', spec)).toBeUndefined();
    expect(columnarAreaTable('code,name,pop,adj\nE2,Ba"th,10.5,0\n', 't.csv', spec)).toBeUndefined();
  });

  it('leaves a column read twice, or a key read as a number, to the general reader (the same table)', () => {
    const text = 'code,pop\n7,10\n8,20\n';
    const twice: TableSpec = { key: 'code', numeric: [{ column: 'pop', usedBy: 'a' }, { column: 'pop', usedBy: 'b' }, { column: 'code', usedBy: 'c' }] };
    expect(columnarAreaTable(text, 't.csv', twice)).toBeUndefined();
    const table = parseAreaTable(text, 't.csv', twice);
    expect([Array.from(table.columns.get('pop')!), Array.from(table.columns.get('code')!)]).toEqual([[10, 20], [7, 8]]);
  });

  it('property: the general reader\'s table or message, whatever the cells', () => {
    const cell = fc.oneof(
      fc.stringMatching(/^\d{1,4}(\.\d{0,3})?$/),
      fc.constantFrom('', ' ', '0', '-2', '+3', '1e2', ' 4 ', '1.5E-3', '12345678901234567890', '.5', '5.', '.', 'x', '1.2.3', '"7"', '"a,b"', '"1,296"', '"-1"', 'E1', 'E2', '1e400', '\u00a09'),
    );
    const header = fc.constantFrom('code,name,pop,adj', 'code,pop,adj,name', 'name,code,adj,pop,extra', 'code,name,pop', 'code,pop,pop,adj,name', ' code , name ,pop,adj');
    fc.assert(
      fc.property(header, fc.array(fc.array(cell, { minLength: 3, maxLength: 6 }), { maxLength: 12 }), fc.constantFrom('\n', '\r\n'), fc.boolean(), fc.boolean(), (head, rows, eol, bom, blank) => {
        const width = head.split(',').length;
        // Mostly rows of the header's width with distinct keys; some short, long or repeated.
        const lines = rows.map((cells, r) => (r % 5 === 4 ? cells : [`A${r}`, ...cells].slice(0, width)).join(','));
        if (blank) lines.splice(1, 0, '');
        const text = `${bom ? '\ufeff' : ''}${[head, ...lines].join(eol)}${eol}`;
        expect(outcome(() => parseAreaTable(text, 't.csv', spec))).toEqual(outcome(() => general(text, spec)));
        const fast = columnarAreaTable(text, 't.csv', spec);
        if (fast) expect(fast).toEqual(general(text, spec));
      }),
      { numRuns: 3000 },
    );
  });
});
