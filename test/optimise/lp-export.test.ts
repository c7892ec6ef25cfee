/**
 * The LP export re-solves elsewhere: GLPK's glpsol and CBC (installed by .ci/run, as Debian's
 * glpk-utils and coinor-cbc) read every exported example and find HiGHS's optimum. CBC did
 * not know the short section names `bin` and `gen`: it dropped integrality and solved the
 * relaxation without a word, so the grant rounds came out fractional and the optimum higher.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fairshare } from '../helpers/cli.js';
import { tempDir } from '../helpers/temp.js';

const EXAMPLES = ['models/dorset-like-optimisation-2025-26.yaml', 'models/avon-and-somerset-victims-optimisation.yaml'];

/** The optimum a solver printed, from its own report. */
function glpsol(lp: string, dir: string): number {
  const out = join(dir, 'glpk.txt');
  const run = spawnSync('glpsol', ['--lp', lp, '-o', out], { encoding: 'utf8' });
  expect(run.status, `glpsol could not run (install glpk-utils): ${run.error ?? run.stderr}`).toBe(0);
  const report = readFileSync(out, 'utf8');
  expect(report).toMatch(/Status:\s+(INTEGER )?OPTIMAL/);
  return Number(/Objective:\s+obj = ([-\d.e+]+)/.exec(report)![1]);
}

function cbc(lp: string, dir: string): number {
  const out = join(dir, 'cbc.txt');
  const run = spawnSync('cbc', [lp, 'solve', 'solu', out], { encoding: 'utf8' });
  expect(run.status, `cbc could not run (install coinor-cbc): ${run.error ?? run.stderr}`).toBe(0);
  const report = readFileSync(out, 'utf8');
  expect(report).toMatch(/^Optimal - objective value/);
  return Number(/objective value\s+([-\d.e+]+)/.exec(report)![1]);
}

describe('--export-lp re-solves in GLPK and CBC to the same optimum as HiGHS', () => {
  it.each(EXAMPLES)('%s', (example) => {
    const dir = tempDir('fairshare-lp-');
    const lp = join(dir, 'model.lp');
    const run = fairshare(['optimise', example, '--export-lp', lp, '--format', 'json', '--no-shadow-prices']);
    expect(run.status, run.stderr).toBe(0);
    const highs = JSON.parse(run.stdout).objective as number;
    const text = readFileSync(lp, 'utf8');
    // The long section names every reader knows; none of HiGHS's short ones.
    expect(text).toMatch(/^Maximize$/m);
    expect(text).toMatch(/^Subject To$/m);
    expect(text).toMatch(/^End$/m);
    expect(text).not.toMatch(/^(bin|gen|semi|st|max)$/m);
    if (example.includes('dorset')) expect(text).toMatch(/^Binary\n fund\.community_grants\.CG01$/m);
    for (const lines of text.split('\n')) expect(lines.length).toBeLessThan(255);
    expect(glpsol(lp, dir)).toBeCloseTo(highs, 3);
    expect(Math.abs(glpsol(lp, dir) - highs) / Math.abs(highs)).toBeLessThan(1e-8);
    expect(Math.abs(cbc(lp, dir) - highs) / Math.abs(highs)).toBeLessThan(1e-8);
  });
});
