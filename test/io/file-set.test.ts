/**
 * A run's files are written as a set: all new and complete, or none changed. The file
 * system is made to fail part way (a full disk, a rename refused) to show that files already
 * placed are put back and the message names the file.
 */
import * as fs from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { isUserError } from '../../src/errors.js';
import { readBytes, writeFileSet } from '../../src/io/files.js';
import { tempDir } from '../helpers/temp.js';

vi.mock('node:fs', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:fs')>();
  return { ...actual, writeFileSync: vi.fn(actual.writeFileSync), renameSync: vi.fn(actual.renameSync) };
});

const failure = (code: string) => Object.assign(new Error(`${code}: simulated`), { code });

/** Every test starts from the real file system; a test then makes one call fail. */
async function realFs(): Promise<void> {
  const real = await vi.importActual<typeof import('node:fs')>('node:fs');
  vi.mocked(fs.writeFileSync).mockImplementation(real.writeFileSync);
  vi.mocked(fs.renameSync).mockImplementation(real.renameSync);
}

describe('writeFileSet', () => {
  it('puts back every file already placed when a later rename fails: the earlier files restored, new ones removed', async () => {
    await realFs();
    const dir = tempDir('fairshare-set-');
    fs.writeFileSync(join(dir, 'a.csv'), 'old a\n');
    fs.writeFileSync(join(dir, 'c.csv'), 'old c\n');
    const real = await vi.importActual<typeof import('node:fs')>('node:fs');
    let renames = 0;
    vi.mocked(fs.renameSync).mockImplementation((from, to) => {
      // The third file's rename fails, after a.csv and b.csv are in place.
      if (String(to).endsWith('c.csv') && ++renames === 1) throw failure('EIO');
      real.renameSync(from, to);
    });
    let error: unknown;
    try {
      writeFileSet([
        [join(dir, 'a.csv'), 'new a\n'],
        [join(dir, 'b.csv'), 'new b\n'],
        [join(dir, 'c.csv'), 'new c\n'],
      ]);
    } catch (e) {
      error = e;
    }
    expect(isUserError(error)).toBe(true);
    expect((error as Error).message).toBe(`${join(dir, 'c.csv')}: cannot write the output: an input/output error on the disk; nothing was written`);
    expect(fs.readFileSync(join(dir, 'a.csv'), 'utf8')).toBe('old a\n');
    expect(fs.existsSync(join(dir, 'b.csv'))).toBe(false);
    expect(fs.readFileSync(join(dir, 'c.csv'), 'utf8')).toBe('old c\n');
    expect(fs.readdirSync(dir).sort()).toEqual(['a.csv', 'c.csv']);
  });

  it('names the file a full disk stopped, and leaves nothing behind', async () => {
    await realFs();
    const dir = tempDir('fairshare-set-');
    const real = await vi.importActual<typeof import('node:fs')>('node:fs');
    vi.mocked(fs.writeFileSync).mockImplementation((path, data, options) => {
      if (String(path).includes('big.xlsx')) throw failure('ENOSPC');
      real.writeFileSync(path, data, options);
    });
    expect(() =>
      writeFileSet([
        [join(dir, 'small.csv'), 'x\n'],
        [join(dir, 'big.xlsx'), Buffer.alloc(10)],
      ]),
    ).toThrow(`${join(dir, 'big.xlsx')}: cannot write the output: the disk is full; nothing was written`);
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it('refuses two outputs to one file, and an output that is an input of the run', async () => {
    await realFs();
    const dir = tempDir('fairshare-set-');
    expect(() => writeFileSet([[join(dir, 'x.csv'), 'a'], [join(dir, '.', 'x.csv'), 'b']])).toThrow(/two outputs of this run would go to the same file/);
    fs.writeFileSync(join(dir, 'in.csv'), 'input\n');
    readBytes(join(dir, 'in.csv'), 'data file');
    expect(() => writeFileSet([[join(dir, 'in.csv'), 'replaced']])).toThrow(/it is one of this run's inputs/);
    expect(fs.readFileSync(join(dir, 'in.csv'), 'utf8')).toBe('input\n');
  });
});
