/**
 * The same inputs give the same bytes, in every format: every example model and scenario is
 * run twice through every output format, the second time with the clock moved on years and
 * from another folder, and the outputs compared byte for byte. (Workbooks, reports and
 * optimisation JSON all carried the time they were made.)
 */
import { readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { FORMAT_NAMES, FORMATS } from '../../src/io/outputs.js';
import { kindOf } from '../../src/io/kinds.js';
import { resolveScenario } from '../../src/io/scenario.js';
import { resultDocument } from '../../src/report/documents/index.js';
import type { AnyResultJson } from '../../src/results/index.js';
import { tempDir } from '../helpers/temp.js';

const EXAMPLES = readdirSync('models').filter((f) => f.endsWith('.yaml')).sort();
const HOME = process.cwd();

async function everyFormat(path: string): Promise<Map<string, Buffer>> {
  const model = resolveScenario(path);
  const json: AnyResultJson = await kindOf(model, path).run!(model, {});
  const doc = resultDocument(json);
  const out = new Map<string, Buffer>();
  for (const format of FORMAT_NAMES) {
    const bytes = await FORMATS[format].write(json, doc);
    out.set(format, Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes));
  }
  return out;
}

afterEach(() => {
  vi.useRealTimers();
  process.chdir(HOME);
});

describe('byte-identical reruns', () => {
  it('covers every example in models/', () => {
    expect(EXAMPLES.length).toBeGreaterThanOrEqual(14);
  });

  it.each(EXAMPLES)('%s: every format, twice, the same bytes', async (example) => {
    const path = resolve('models', example);
    const first = await everyFormat(path);
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2037-07-07T07:07:07Z'));
    process.chdir(tempDir('fairshare-rerun-'));
    const second = await everyFormat(path);
    for (const format of FORMAT_NAMES) {
      expect(second.get(format)!.equals(first.get(format)!), `${example} as ${format} differs between runs`).toBe(true);
      expect(first.get(format)!.length).toBeGreaterThan(100);
    }
    // Nothing of this machine or this moment in any format.
    for (const [format, bytes] of first) {
      const text = format === 'xlsx' ? '' : bytes.toString('utf8');
      expect(text, format).not.toContain(HOME);
      expect(text, format).not.toMatch(/\b20[2-3]\d-\d\d-\d\dT\d\d:\d\d/);
    }
  }, 120_000);
});
