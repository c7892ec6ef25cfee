import type { Command } from 'commander';
import { CHARTS } from '../../charts/index.js';
import type { SplitJson } from '../../charts/results.js';
import { splitSheets } from '../../report/workbook.js';
import { runBudget } from '../../io/load-budget.js';
import { formatCashFlowCsv, formatSplitCsv, formatSplitTable, splitJson } from '../../report/budget.js';
import { addChartOptions, chooseFormat, emitResult, formatted, inScenario, resolvedModel, setOption, withScenarios } from '../shared.js';

export function registerSplit(program: Command): void {
  const command = program
    .command('split')
    .description('Split a commissioning budget: ring-fences, commitments first, then requests by priority; every shortfall listed')
    .argument('<budget>', 'budget file (YAML, kind: budget), or a scenario of one')
    .addOption(setOption())
    .option('--format <format>', 'table, csv (pounds), json (pence) or xlsx (a workbook: funds, services, cash flow, provenance); default: from --out, else table')
    .option('--out <file>', 'write to this file (atomically) instead of the terminal')
    .option('--cash-flow <file>', 'also write the cash flow by fund and quarter as CSV (pounds)')
    .addHelpText(
      'after',
      `
Examples:
  $ fairshare split models/dorset-like-budget-2025-26.yaml
  $ fairshare split models/northamptonshire-like-budget-2025-26.yaml --format csv --out split.csv
  $ fairshare split models/dorset-like-budget-2025-26.yaml --cash-flow cash-flow.csv
  $ fairshare split models/dorset-like-budget-2025-26.yaml --set services.idva_service.request=90000

Order: every fund is split into its ring-fences (largest remainder, exact pence); contracts
running in the budget year are charged first; then requests are funded by plan priority
(the order of priorities), ties in file order, each from the money it is eligible for in
the order it lists it. A budget that cannot honour its contracts is refused (exit 2).`,
    )
    .action(async (budgetPath: string, options: { set: string[]; format?: string; out?: string; cashFlow?: string; chart?: string; chartKind?: string }) => {
      const format = chooseFormat(options.format, options.out, true);
      const model = resolvedModel(budgetPath, options);
      const run = await inScenario(model, () => runBudget(model.modelPath, model.overrides));
      const json = splitJson(run.result, run.cashFlow, withScenarios(run.manifest, model));
      const output = await formatted(format, json, {
        csv: () => formatSplitCsv(run.result),
        table: () => formatSplitTable(run.result, run.cashFlow),
        workbook: { sheets: () => splitSheets(json as SplitJson), title: run.result.title },
      });
      const cashFlow = options.cashFlow === undefined ? undefined : formatCashFlowCsv(run.cashFlow);
      await emitResult(output, json, options, new Map(cashFlow === undefined ? [] : [[options.cashFlow!, cashFlow]]));
    });
  addChartOptions(command, CHARTS.split);
}
