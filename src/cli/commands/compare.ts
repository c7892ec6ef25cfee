import type { Command } from 'commander';
import { CHARTS } from '../../charts/index.js';
import { UserError } from '../../errors.js';
import { comparableRun } from '../../io/runs.js';
import { comparisonJson, formatComparisonCsv, formatComparisonTable } from '../../report/compare.js';
import { compareRuns } from '../../scenario/compare.js';
import type { ComparisonJson } from '../../charts/results.js';
import { comparisonSheets } from '../../report/workbook.js';
import { addChartOptions, chooseFormat, emitResult, formatted, overridesFrom, setOption } from '../shared.js';

export function registerCompare(program: Command): void {
  const command = program
    .command('compare')
    .description('Compare scenarios with a base: each line\'s amount, its change in pounds and percent, ranks, totals and a summary')
    .argument('<base>', 'the base: a model or a scenario (YAML)')
    .argument('<scenarios...>', 'one or more scenarios (or models) to compare with it')
    .addOption(setOption())
    .option('--format <format>', 'table, csv (pounds), json (pence) or xlsx (a workbook); default: from --out, else table')
    .option('--out <file>', 'write to this file (atomically) instead of the terminal')
    .addHelpText(
      'after',
      `
Examples:
  $ fairshare compare models/avon-and-somerset-2025-26.yaml models/avon-and-somerset-crime-weighted-up.yaml
  $ fairshare compare models/avon-and-somerset-2025-26.yaml models/avon-and-somerset-*.yaml --out comparison.csv
  $ fairshare compare models/dorset-like-budget-2025-26.yaml models/dorset-like-budget-cut.yaml

Allocations compare by area, budgets by service, optimisations by priority (and area).
--set applies to every run, the base included.`,
    )
    .action(async (basePath: string, scenarioPaths: string[], options: { set: string[]; format?: string; out?: string; chart?: string; chartKind?: string }) => {
      const format = chooseFormat(options.format, options.out, true);
      const overrides = overridesFrom(options);
      const base = await comparableRun(basePath, overrides);
      const others = [];
      for (const path of scenarioPaths.filter((p) => p !== basePath)) {
        const run = await comparableRun(path, overrides);
        if (run.model.kind !== base.model.kind) throw new UserError(`${path}: this is ${run.model.kind === 'allocation' ? 'an' : 'a'} ${run.model.kind} model (or a scenario of one), but the base ${basePath} is ${base.model.kind === 'allocation' ? 'an' : 'a'} ${base.model.kind} model: compare like with like`);
        others.push(run);
      }
      if (others.length === 0) throw new UserError('compare: give at least one scenario besides the base');
      const comparison = compareRuns(base.comparable, others.map((r) => r.comparable));
      const json = comparisonJson(comparison, { base: base.manifest, scenarios: others.map((r) => r.manifest) });
      const output = await formatted(format, json, {
        csv: () => formatComparisonCsv(comparison),
        table: () => formatComparisonTable(comparison),
        workbook: { sheets: () => comparisonSheets(json as ComparisonJson), title: `Comparison with ${comparison.base.title}` },
      });
      await emitResult(output, json, options);
    });
  addChartOptions(command, CHARTS.comparison);
}
