import { describe, expect, it } from 'vitest';
import { neutraliseFormula, toCsv } from '../../src/report/write/csv.js';

describe('CSV safe to open in a spreadsheet', () => {
  it.each(['=1+1', '+44 20', '-cmd', '@SUM(A1)', '\tindent', '\rreturn'])('neutralises text starting %j', (text) => {
    expect(neutraliseFormula(text)).toBe(`'${text}`);
  });

  it('leaves plain text and plain negative numbers alone', () => {
    expect(neutraliseFormula('Bristol, City of')).toBe('Bristol, City of');
    expect(neutraliseFormula('-12.50')).toBe('-12.50');
    expect(neutraliseFormula('-5')).toBe('-5');
    expect(neutraliseFormula('-5-1')).toBe("'-5-1");
  });

  it('applies to every text cell and the header, not to numbers', () => {
    expect(toCsv(['=h', 'n'], [['=x', -3], ['ok', 4]])).toBe("'=h,n\n'=x,-3\nok,4\n");
  });
});
