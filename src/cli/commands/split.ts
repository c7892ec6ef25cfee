import type { Command } from 'commander';
import { CHARTS } from '../../charts/index.js';
import { KINDS } from '../../io/kinds.js';
import { chooseFormat } from '../../io/outputs.js';
import { cashFlowTable } from '../../report/documents/index.js';
import { tableCsv } from '../../report/write/csv.js';
import type { SplitJson } from '../../results/index.js';
import { UserError } from '../../errors.js';
import { addOutputOptions, inScenario, publishResult, resolvedModel, setOption } from '../shared.js';

export function registerSplit(program: Command): void {
  const command = program
    .command('split')
    .description('Split a commissioning budget: ring-fences, commitments first, then requests by priority; every shortfall listed')
    .argument('<budget>', 'budget file (YAML, kind: budget), or a scenario of one')
    .addOption(setOption())
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
      chooseFormat(options.format, options.out);
      if (options.cashFlow !== undefined && !options.cashFlow.toLowerCase().endsWith('.csv')) throw new UserError(`--cash-flow ${options.cashFlow}: the cash flow is written as CSV; name it .csv`);
      const model = resolvedModel(budgetPath, options);
      const json = (await inScenario(model, () => KINDS.budget.run!(model, {}))) as SplitJson;
      const others = new Map(options.cashFlow === undefined ? [] : [[options.cashFlow, tableCsv(cashFlowTable(json))]]);
      await publishResult(json, options, others);
    });
  addOutputOptions(command, CHARTS.split);
}
