import type { Command } from 'commander';
import { chartOutputs } from '../../io/chart-output.js';
import { decodeUtf8, readBytes, writeFileSet } from '../../io/files.js';
import { readResult } from '../../results/index.js';
import { said } from '../shared.js';

export function registerChart(program: Command): void {
  program
    .command('chart')
    .description('Draw a chart of a saved result (the JSON of allocate, split, optimise, compare, sensitivity or gap)')
    .argument('<result>', 'a result written with --format json')
    .option('--kind <kind>', 'which chart (default: the first for the result): allocation: allocations, change, contributions, map, map-change; split: ring-fences; optimisation: optimisation; comparison: comparison, map-change; sensitivity: sensitivity, tornado; gap: gap')
    .requiredOption('--out <file>', 'FILE.svg, FILE.png or FILE.vl.json (a Vega-Lite spec); the alt text goes beside it in FILE.alt.txt')
    .addHelpText(
      'after',
      `
Examples:
  $ fairshare allocate models/avon-and-somerset-2025-26.yaml --format json --out allocation.json
  $ fairshare chart allocation.json --out allocations.png
  $ fairshare chart allocation.json --kind map --out map.svg
  $ fairshare chart allocation.json --kind change --out change.vl.json

Charts are drawn without a browser, with the bundled DejaVu Sans font: the same file on
every machine, offline.`,
    )
    .action(async (resultPath: string, options: { kind?: string; out: string }) => {
      const result = readResult(decodeUtf8(readBytes(resultPath, 'result'), resultPath), resultPath);
      const files = await chartOutputs(result, options.out, options.kind);
      writeFileSet(files);
      said(`wrote ${[...files.keys()].join(', ')}`);
    });
}
