/**
 * police.uk files as they should not be: CR-only line endings, repeated headers, more crime
 * types than a tally holds, lines of megabytes, FIFOs and links. Each is read correctly or
 * refused the same way whatever the number of worker threads, in bounded time.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { RecordScanner } from '../../../src/data/police-uk/scanner.js';
import { POLICE_UK_HEADER } from '../../../src/data/police-uk/tally.js';
import { fairshare } from '../../helpers/cli.js';
import { tempDir } from '../../helpers/temp.js';

const AVON = 'datasets/police-uk/2023-01-avon-and-somerset-street.csv.gz';
const HEADER = POLICE_UK_HEADER.join(',');
/** A street-level row in an LSOA of Bristol, of a crime type and month. */
const row = (type: string, month = '2023-01', lsoa = 'E01014485') => `,${month},Avon and Somerset Constabulary,Avon and Somerset Constabulary,-2.59,51.45,On or near X,${lsoa},Bristol 032A,${type},,`;

describe('police.uk files that are not as expected', () => {
  it('reads CR-only line endings as the rows they are (they read as no rows before)', () => {
    const dir = tempDir('fairshare-hostile-');
    const lines = gunzipSync(readFileSync(AVON)).toString('utf8').split(/\r?\n/).filter(Boolean).slice(0, 2001);
    writeFileSync(join(dir, 'lf.csv'), `${lines.join('\n')}\n`);
    writeFileSync(join(dir, 'cr.csv'), `${lines.join('\r')}\r`);
    writeFileSync(join(dir, 'crlf.csv'), `${lines.join('\r\n')}\r\n`);
    const [lf, cr, crlf] = ['lf', 'cr', 'crlf'].map((name) => fairshare(['data', 'crime', join(dir, `${name}.csv`), '--format', 'csv']));
    expect(lf!.status).toBe(0);
    expect(lf!.stderr).toMatch(/read 2,000 rows/);
    expect(cr!.stdout).toBe(lf!.stdout);
    expect(cr!.stderr).toBe(lf!.stderr.replace('lf.csv', 'cr.csv'));
    expect(crlf!.stdout).toBe(lf!.stdout);
  });

  it('scans CR-only records split across chunks at any point', () => {
    const text = `${HEADER}\r${row('Burglary')}\r${row('Robbery')}\r${row('"Drugs"')}\r`;
    for (let cut = 1; cut < text.length; cut += 7) {
      const seen: string[] = [];
      const scanner = new RecordScanner({ file: 'x.csv', wanted: ['Crime type'], expectedHeader: POLICE_UK_HEADER, onRecord: (values) => seen.push(values[0]!) });
      scanner.push(Buffer.from(text.slice(0, cut)));
      scanner.push(Buffer.from(text.slice(cut)));
      scanner.end();
      expect(seen).toEqual(['Burglary', 'Robbery', 'Drugs']);
    }
  });

  it('refuses a header that names a column it counts twice, naming both', () => {
    const dir = tempDir('fairshare-hostile-');
    writeFileSync(join(dir, 'twice.csv'), `${HEADER},Crime type\n${row('Burglary')},Robbery\n`);
    const run = fairshare(['data', 'crime', join(dir, 'twice.csv')]);
    expect(run.stderr).toMatch(/twice\.csv:1: the column 'Crime type' appears twice in the header \(columns 10 and 13\)/);
    expect(run.status).toBe(2);
  });

  it('refuses more crime types than a tally holds the same way with one thread and with workers', () => {
    const dir = tempDir('fairshare-hostile-');
    // Forty types in each file: neither alone has too many, together they have eighty.
    for (const [file, from] of [['a.csv', 0], ['b.csv', 40]] as const) {
      writeFileSync(join(dir, file), `${HEADER}\n${Array.from({ length: 40 }, (_, i) => row(`Type ${from + i}`)).join('\n')}\n`);
    }
    const one = fairshare(['data', 'crime', join(dir, 'a.csv'), join(dir, 'b.csv'), '--jobs', '1', '--out', join(dir, 'one.csv')]);
    const two = fairshare(['data', 'crime', join(dir, 'a.csv'), join(dir, 'b.csv'), '--jobs', '2', '--out', join(dir, 'two.csv')]);
    expect(one.stderr).toMatch(/more than 64 distinct crime types in the input; is this police\.uk street-level data\?/);
    expect(one.status).toBe(2);
    expect(two.stderr).toBe(one.stderr);
    expect(two.status).toBe(2);
  });

  it('refuses a line of megabytes quickly, in bounded memory (a file with no line breaks grew without end)', () => {
    const dir = tempDir('fairshare-hostile-');
    writeFileSync(join(dir, 'long.csv'), `${HEADER}\n${'x'.repeat(8 * 1024 * 1024)}\n`);
    const started = Date.now();
    const run = fairshare(['data', 'crime', join(dir, 'long.csv')]);
    expect(run.stderr).toMatch(/long\.csv:2: the line is longer than 1 MB; police\.uk street-level rows are a few hundred bytes/);
    expect(run.status).toBe(2);
    expect(Date.now() - started).toBeLessThan(15_000);
  });

  it.each([
    ['a FIFO', (dir: string) => execFileSync('mkfifo', [join(dir, 'in', 'fifo.csv')]), 'in/fifo.csv', /fifo\.csv: cannot read it: it is a FIFO \(named pipe\), not a file of police\.uk data/],
    ['a device', () => undefined, '/dev/zero', /\/dev\/zero: cannot read it: it is a device, not a file of police\.uk data/],
    ['a dangling link in a folder', (dir: string) => symlinkSync(join(dir, 'gone.csv'), join(dir, 'in', 'gone.csv')), 'in', /gone\.csv: cannot read it: it is a symbolic link to a file that does not exist/],
    ['a loop of links', (dir: string) => (symlinkSync(join(dir, 'in', 'b.csv'), join(dir, 'in', 'a.csv')), symlinkSync(join(dir, 'in', 'a.csv'), join(dir, 'in', 'b.csv'))), 'in/a.csv', /a\.csv: cannot read it: the symbolic links loop/],
  ])('refuses %s among the inputs at once', (_, make, input, message) => {
    const dir = tempDir('fairshare-hostile-');
    mkdirSync(join(dir, 'in'));
    make(dir);
    const run = fairshare(['data', 'crime', input.startsWith('/') ? input : join(dir, input), '--out', join(dir, 'out.csv')], { timeout: 20_000 });
    expect(run.stderr).toMatch(message);
    expect(run.status).toBe(2);
  });

  it('reads a folder that links to itself once, not for ever', () => {
    const dir = tempDir('fairshare-hostile-');
    mkdirSync(join(dir, 'in'));
    writeFileSync(join(dir, 'in', 'x.csv'), `${HEADER}\n${row('Burglary')}\n`);
    symlinkSync(join(dir, 'in'), join(dir, 'in', 'again'));
    const run = fairshare(['data', 'crime', join(dir, 'in'), '--format', 'json'], { timeout: 20_000 });
    expect(run.status, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout).report[0]).toMatch(/read 1 rows from 1 file\(s\)/);
  });
});
