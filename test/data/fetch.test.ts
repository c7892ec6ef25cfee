/**
 * `fairshare data fetch` against a local HTTP server on the loopback address (no test touches
 * the network): the wanted files taken out of a police.uk-style monthly archive by byte ranges,
 * checked and recorded with their sha256, a second run resuming with nothing to do, a server
 * without ranges, a damaged archive, months police.uk does not publish, and being offline.
 * The archive's CSV rows are synthetic test data.
 */
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { archivesFor, fetchPoliceUk } from '../../src/io/fetch-police-uk.js';
import { CLI } from '../helpers/cli.js';
import { tempDir } from '../helpers/temp.js';

const HEADER = 'Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,Crime type,Last outcome category,Context';
const file = (month: string, force: string, rows: number) =>
  `${HEADER}\n${Array.from({ length: rows }, (_, i) => `id${i},${month},${force},${force},-1.0,51.0,On or near X,E01016${String(i % 100).padStart(3, '0')},Reading 001A,Burglary,,`).join('\n')}\n`;
const CONTENT: Record<string, string> = {
  '2025-06/2025-06-thames-valley-street.csv': file('2025-06', 'Thames Valley Police', 500),
  '2025-07/2025-07-thames-valley-street.csv': file('2025-07', 'Thames Valley Police', 700),
  '2025-07/2025-07-gwent-street.csv': file('2025-07', 'Gwent Police', 300),
  '2025-07/2025-07-kent-street.csv': file('2025-07', 'Kent Police', 900),
};

let archive: Buffer;
let server: Server;
let base: string;
const log: { path: string; range?: string }[] = [];
let ranges = true;
let damage = false;

beforeAll(async () => {
  const zip = new JSZip();
  for (const [name, text] of Object.entries(CONTENT)) zip.file(name, text);
  archive = await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
  server = createServer((req, res) => {
    log.push({ path: req.url ?? '', ...(req.headers.range && { range: req.headers.range }) });
    if (req.url !== '/2025-07.zip') return void res.writeHead(404).end();
    const body = damage ? Buffer.from(archive.map((byte, i) => (i > 200 && i < 260 ? byte ^ 0xff : byte))) : archive;
    const range = /^bytes=(\d*)-(\d*)$/.exec(req.headers.range ?? '');
    if (!ranges || !range) return void res.writeHead(200, { 'Content-Length': body.length }).end(body);
    const start = range[1] === '' ? Math.max(0, body.length - Number(range[2])) : Number(range[1]);
    const end = range[1] === '' || range[2] === '' ? body.length - 1 : Math.min(Number(range[2]), body.length - 1);
    res.writeHead(206, { 'Content-Range': `bytes ${start}-${end}/${body.length}`, 'Content-Length': end - start + 1 }).end(body.subarray(start, end + 1));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

/** The CLI in a child process, without blocking this process (which serves the archive). */
function run(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ status: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], { env: { ...process.env, FAIRSHARE_DEBUG: '', ...env } });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('close', (status) => resolve({ status, stderr }));
  });
}

const digest = (text: string | Buffer) => createHash('sha256').update(text).digest('hex');

describe('fairshare data fetch', () => {
  it('groups months under the archives that hold them (36 months each)', () => {
    expect([...archivesFor(['2025-06', '2025-07', '2022-08', '2022-07'])]).toEqual([
      ['2025-07', ['2025-07', '2025-06', '2022-08']],
      ['2022-07', ['2022-07']],
    ]);
  });

  it('takes only the wanted files out of the archive by byte ranges, checked and recorded with their sha256; a second run has nothing to do', async () => {
    const cache = tempDir();
    log.length = 0;
    const first = await run(['data', 'fetch', '--pfa', 'Thames Valley Police', 'gwent', '--months', '2025-06..2025-07', '--cache', cache, '--base-url', base]);
    expect(first.status, first.stderr).toBe(0);
    expect(first.stderr).toContain('fetched 3 file(s)');
    for (const name of ['2025-06/2025-06-thames-valley-street.csv', '2025-07/2025-07-thames-valley-street.csv', '2025-07/2025-07-gwent-street.csv']) {
      expect(readFileSync(join(cache, 'police-uk', name), 'utf8')).toBe(CONTENT[name]);
    }
    expect(existsSync(join(cache, 'police-uk/2025-07/2025-07-kent-street.csv'))).toBe(false);
    const ledger = JSON.parse(readFileSync(join(cache, 'police-uk/checksums.json'), 'utf8')) as Record<string, { sha256: string; archive: string }>;
    expect(ledger['2025-07/2025-07-gwent-street.csv']).toMatchObject({ sha256: digest(CONTENT['2025-07/2025-07-gwent-street.csv']!), archive: '2025-07.zip' });
    expect(log.every((entry) => entry.range !== undefined)).toBe(true);
    log.length = 0;
    const again = await run(['data', 'fetch', '--pfa', 'Thames Valley', 'Gwent', '--months', '2025-06..2025-07', '--cache', cache, '--base-url', base]);
    expect(again.status, again.stderr).toBe(0);
    expect(again.stderr).toContain('fetched 0 file(s), 0.0 MB; 3 already in the cache and unchanged');
    // Only the archive's directory is read again, for the file police.uk lacks (Gwent, June).
    expect(again.stderr).toContain('not published by police.uk: 2025-06/2025-06-gwent-street.csv');
    expect(log.length).toBeLessThanOrEqual(2);
  });

  it('resumes: a file removed or changed since is fetched again, the others not', async () => {
    const cache = tempDir();
    await fetchPoliceUk({ forces: ['thames-valley', 'kent'], months: ['2025-07'], cache, baseUrl: base });
    const { writeFileSync } = await import('node:fs');
    writeFileSync(join(cache, 'police-uk/2025-07/2025-07-kent-street.csv'), 'tampered');
    const again = await fetchPoliceUk({ forces: ['thames-valley', 'kent'], months: ['2025-07'], cache, baseUrl: base });
    expect(again.fetched).toEqual(['2025-07/2025-07-kent-street.csv']);
    expect(again.present).toEqual(['2025-07/2025-07-thames-valley-street.csv']);
    expect(readFileSync(join(cache, 'police-uk/2025-07/2025-07-kent-street.csv'), 'utf8')).toBe(CONTENT['2025-07/2025-07-kent-street.csv']);
  });

  it('downloads the whole archive once when the server ignores ranges', async () => {
    const cache = tempDir();
    ranges = false;
    try {
      const result = await fetchPoliceUk({ forces: ['kent'], months: ['2025-07'], cache, baseUrl: base });
      expect(result.fetched).toEqual(['2025-07/2025-07-kent-street.csv']);
      expect(digest(readFileSync(join(cache, 'archives/2025-07.zip')))).toBe(digest(archive));
    } finally {
      ranges = true;
    }
  });

  it('names files police.uk does not publish; none at all is a mistake (exit 2)', async () => {
    const cache = tempDir();
    const some = await fetchPoliceUk({ forces: ['kent', 'greater-manchester'], months: ['2025-07'], cache, baseUrl: base });
    expect(some.missing).toEqual(['2025-07/2025-07-greater-manchester-street.csv']);
    const none = await run(['data', 'fetch', '--pfa', 'Greater Manchester', '--months', '2025-07', '--cache', cache, '--base-url', base]);
    expect(none.status).toBe(2);
    expect(none.stderr).toContain('police.uk publishes none of the files asked for (greater-manchester; 2025-07)');
    const unknownMonth = await run(['data', 'fetch', '--pfa', 'Kent', '--months', '2031-01', '--cache', cache, '--base-url', base]);
    expect(unknownMonth.status).toBe(2);
    expect(unknownMonth.stderr).toContain('2031-01.zip: not found (404)');
  });

  it('refuses a damaged archive: nothing written for the damaged file', async () => {
    const cache = tempDir();
    damage = true;
    try {
      const result = await run(['data', 'fetch', '--pfa', 'Thames Valley', '--months', '2025-06..2025-07', '--cache', cache, '--base-url', base]);
      expect(result.status, result.stderr).toBe(1);
      expect(result.stderr).toMatch(/fails its CRC-32 check|invalid|incorrect|damaged/i);
      expect(result.stderr).not.toMatch(/\n\s+at /);
      expect(existsSync(join(cache, 'police-uk/2025-06/2025-06-thames-valley-street.csv'))).toBe(false);
    } finally {
      damage = false;
    }
  });

  it('refuses a cache that cannot be a folder (a file in the way), exit 2, the file untouched', async () => {
    const dir = tempDir();
    const { writeFileSync } = await import('node:fs');
    writeFileSync(join(dir, 'cache'), 'mine');
    const result = await run(['data', 'fetch', '--pfa', 'Kent', '--months', '2025-07', '--cache', join(dir, 'cache'), '--base-url', base]);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('cannot use it as the cache folder: a file is in the way of the folder');
    expect(readFileSync(join(dir, 'cache'), 'utf8')).toBe('mine');
  });

  it('says so clearly when offline (nothing listening), exit 1', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const result = await run(['data', 'fetch', '--pfa', 'Kent', '--months', '2025-07', '--cache', tempDir(), '--base-url', `http://127.0.0.1:${port}/`]);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(`cannot reach 127.0.0.1:${port} (ECONNREFUSED): are you offline?`);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it.skipIf(spawnSync('script', ['--version']).status !== 0)('draws a progress bar on a terminal', async () => {
    const cache = tempDir();
    const result = await new Promise<string>((resolve) => {
      const child = spawn('script', ['-qec', `${process.execPath} ${CLI} data fetch --pfa Kent "Thames Valley" --months 2025-06..2025-07 --cache ${cache} --base-url ${base}`, '/dev/null']);
      let out = '';
      child.stdout.on('data', (chunk) => (out += chunk));
      child.on('close', () => resolve(out));
    });
    expect(result).toMatch(/\rfetching \[#+\.*\] +\d+%/);
    expect(result).toContain('fetched 3 file(s)');
  });
});

describe.skipIf(!existsSync(join('..', 'shared', 'data')))('fairshare data fetch --source: the catalogued open data', () => {
  const SHARED = join('..', 'shared', 'data');
  const sources = (JSON.parse(readFileSync('datasets/catalogue.json', 'utf8')) as { sources: { name: string; url: string; bytes: number; sha256: string; shared_copy: string }[] }).sources;

  it('pins every source to the exact bytes of its copy in ../shared/data', () => {
    expect(sources.length).toBeGreaterThanOrEqual(9);
    for (const source of sources) {
      const bytes = readFileSync(join(SHARED, source.shared_copy));
      expect(bytes.length, source.name).toBe(source.bytes);
      expect(digest(bytes), source.name).toBe(source.sha256);
      expect(source.url).toMatch(/^https:\/\/raw\.githubusercontent\.com\/[^/]+\/[^/]+\/[0-9a-f]{40}\//);
    }
  });

  it('downloads from a mirror, checks each file, keeps it with its checksum; refuses a file that is not the one named', async () => {
    let tamper = false;
    const byPath = new Map(sources.map((s) => [decodeURI(new URL(s.url).pathname), s]));
    const mirror = createServer((req, res) => {
      const source = byPath.get(decodeURI(req.url ?? ''));
      if (!source) return void res.writeHead(404).end();
      const bytes = readFileSync(join(SHARED, source.shared_copy));
      res.writeHead(200).end(tamper ? Buffer.concat([bytes, Buffer.from('x')]) : bytes);
    });
    await new Promise<void>((resolve) => mirror.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(mirror.address() as AddressInfo).port}/`;
    try {
      const cache = tempDir();
      const ok = await run(['data', 'fetch', '--source', 'mye24-population', 'wimd2019-ranks', '--cache', cache, '--mirror', url]);
      expect(ok.status, ok.stderr).toBe(0);
      expect(ok.stderr).toContain('sources: fetched 2, 0 already in the cache and unchanged');
      expect(digest(readFileSync(join(cache, 'sources/mye24tablesew.csv')))).toBe(sources.find((s) => s.name === 'mye24-population')!.sha256);
      const ledger = JSON.parse(readFileSync(join(cache, 'sources/checksums.json'), 'utf8')) as Record<string, { sha256: string }>;
      expect(Object.keys(ledger).sort()).toEqual(['mye24tablesew.csv', 'welsh-index-multiple-deprivation-2019-index-and-domain-ranks-by-small-area.xlsx']);
      tamper = true;
      const again = await run(['data', 'fetch', '--source', 'mye24-population', '--cache', cache, '--mirror', url]);
      expect(again.stderr).toContain('sources: fetched 0, 1 already in the cache and unchanged');
      const bad = await run(['data', 'fetch', '--source', 'ons-lsoa21-lad24', '--cache', cache, '--mirror', url]);
      expect(bad.status).toBe(1);
      expect(bad.stderr).toContain('the file is not the one the catalogue names');
      expect(existsSync(join(cache, 'sources/LSOA_(2021)_to_Electoral_Ward_(2024)_to_LAD_(2024).csv'))).toBe(false);
      const unknown = await run(['data', 'fetch', '--source', 'mye24-populaton', '--cache', cache, '--mirror', url]);
      expect(unknown.status).toBe(2);
      expect(unknown.stderr).toContain("not in the dataset catalogue; did you mean 'mye24-population'?");
    } finally {
      await new Promise<void>((resolve) => mirror.close(() => resolve()));
    }
  });
});
