import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/temp.js';

interface ManifestFile {
  path: string;
  rows: number;
  sha256: string;
  attribution: string;
  derivation: string;
  sources: { file: string; sha256: string }[];
  /** The derivation script and its arguments ({shared}: ../shared/data, {out}: the output file). */
  rederive: string[];
}
interface ManifestCopy {
  path: string;
  rows: number | null;
  sha256: string;
  content_sha256: string;
  attribution: string;
  publisher: string;
  date: string;
  derivation: string;
  source: { file: string; upstream: string };
}
const manifest = JSON.parse(readFileSync('datasets/manifest.json', 'utf8')) as { licence: string; files: ManifestFile[]; copies: ManifestCopy[] };
const digest = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
const SHARED = join('..', 'shared', 'data');

/** A file's sha256; a folder's is the sha256 of its files' paths and digests, one a line, in order. */
function sourceDigest(file: string): string {
  if (!statSync(join(SHARED, file)).isDirectory()) return digest(readFileSync(join(SHARED, file)));
  const list: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(join(SHARED, dir)).sort()) {
      const child = join(dir, name);
      if (statSync(join(SHARED, child)).isDirectory()) walk(child);
      else list.push(`${child} ${digest(readFileSync(join(SHARED, child)))}`);
    }
  };
  walk(file);
  return createHash('sha256').update(list.join('\n')).digest('hex');
}

describe('datasets/manifest.json', () => {
  it('names the Open Government Licence and an attribution for every file', () => {
    expect(manifest.licence).toMatch(/Open Government Licence v3\.0/);
    for (const file of manifest.files) expect(file.attribution).toMatch(/Open Government Licence v3\.0/);
  });

  it.each(manifest.files.map((f) => [f.path, f] as const))('%s: digest and row count match the file', (path, file) => {
    const bytes = readFileSync(join('datasets', path));
    expect(digest(bytes)).toBe(file.sha256);
    const text = (path.endsWith('.gz') ? gunzipSync(bytes) : bytes).toString('utf8');
    const rows = path.includes('.geojson') ? (JSON.parse(text) as { features: unknown[] }).features.length : text.trim().split('\n').length - 1;
    expect(rows).toBe(file.rows);
    expect(readFileSync('datasets/README.md', 'utf8')).toContain(file.sha256);
  });

  it.each(manifest.copies.map((c) => [c.path, c] as const))('%s: a verbatim copy whose digests and rows match', (path, copy) => {
    const shipped = readFileSync(join('datasets', path));
    expect(digest(shipped)).toBe(copy.sha256);
    const content = path.endsWith('.gz') ? gunzipSync(shipped) : shipped;
    expect(digest(content)).toBe(copy.content_sha256);
    if (copy.rows !== null) {
      const lines = content.toString('utf8').split('\n').filter((line) => line.trim() !== '' && !line.startsWith('#'));
      expect(lines.length - 1).toBe(copy.rows);
    }
    expect(copy.attribution).toMatch(/Open Government Licence v3\.0/);
    for (const field of [copy.publisher, copy.date, copy.derivation, copy.source.upstream]) expect(field.length).toBeGreaterThan(0);
  });

  // The raw open data sit beside the project (as in CI); without them there is nothing to re-derive from.
  describe.skipIf(!existsSync(SHARED))('against ../shared/data', () => {
    it.each(manifest.files.map((f) => [f.path, f] as const))('%s: sources are the files the manifest names', (_, file) => {
      for (const source of file.sources) expect(sourceDigest(source.file), source.file).toBe(source.sha256);
    });

    it.each(manifest.copies.map((c) => [c.path, c] as const))('%s: decompresses to the source file\'s bytes', (_, copy) => {
      expect(digest(readFileSync(join(SHARED, copy.source.file)))).toBe(copy.content_sha256);
    });

    it.each(manifest.files.map((f) => [f.path, f] as const))('%s: its derivation reproduces the shipped file byte for byte', (path, file) => {
      const out = join(tempDir('fairshare-derive-'), 'derived.csv');
      const args = file.rederive.map((arg) => (arg === '{shared}' ? SHARED : arg === '{out}' ? out : arg));
      const log = execFileSync(process.execPath, ['--import', 'tsx', ...args], { encoding: 'utf8' });
      expect(digest(readFileSync(out)), path).toBe(file.sha256);
      if (path.includes('avon-and-somerset')) {
        expect(log).toContain('crime: no LSOA (location not mappable by police.uk): 758');
        expect(log).toContain('crime: 32 counted rows lie in 18 district(s) outside Avon and Somerset and are not in this table');
      }
      if (path.includes('pfa-population')) expect(log).toContain('43 force areas, 60238038 people');
    }, 60_000);
  });
});
