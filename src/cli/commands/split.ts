import type { Command } from 'commander';
import { runBudget } from '../../io/load-budget.js';
import { formatSplitCsv, formatSplitTable, splitJson } from '../../report/budget.js';
import { chooseFormat, emit, overridesFrom, setOption } from '../shared.js';

export function registerSplit(program: Command): void {
  program
    .command('split')
    .description('Split a commissioning budget: ring-fences, commitments first, then requests by priority; every shortfall listed')
    .argument('<budget>', 'budget file (YAML, kind: budget)')
    .addOption(setOption())
    .option('--format <format>', 'table, csv (pounds) or json (pence); default: from --out, else table')
    .option('--out <file>', 'write to this file (atomically) instead of the terminal')
    .addHelpText(
      'after',
      `
Examples:
  $ fairshare split models/dorset-like-budget-2025-26.yaml
  $ fairshare split models/northamptonshire-like-budget-2025-26.yaml --format csv --out split.csv
  $ fairshare split models/dorset-like-budget-2025-26.yaml --set services.idva.request=90000`,
    )
    .action(async (budgetPath: string, options: { set: string[]; format?: string; out?: string }) => {
      const format = chooseFormat(options.format, options.out);
      const run = await runBudget(budgetPath, overridesFrom(options));
      const text =
        format === 'json'
          ? `${JSON.stringify(splitJson(run.result, run.cashFlow, run.manifest), null, 2)}\n`
          : format === 'csv'
            ? formatSplitCsv(run.result)
            : formatSplitTable(run.result, run.cashFlow);
      emit(text, options.out);
    });
}
