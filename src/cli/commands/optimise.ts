import { Option, type Command } from 'commander';
import { CHARTS } from '../../charts/index.js';
import { UserError } from '../../errors.js';
import { loadOptimisation, optimisationLp, runOptimisation } from '../../io/load-optimisation.js';
import { ENGINES, type EngineName } from '../../optimise/engines/index.js';
import { formatOptimisationCsv, formatOptimisationTable, optimisationJson } from '../../report/optimise.js';
import { addChartOptions, chooseFormat, emitResult, formatted, inScenario, resolvedModel, setOption, withScenarios } from '../shared.js';

interface OptimiseCliOptions {
  set: string[];
  format?: string;
  out?: string;
  solver: string;
  timeLimit?: string;
  exportLp?: string;
  shadowPrices: boolean;
  chart?: string;
  chartKind?: string;
}

export function registerOptimise(program: Command): void {
  const command = program
    .command('optimise')
    .alias('optimize')
    .description('Allocate funds across plan priorities (and areas) and choose grant applications for the best need-weighted outcome')
    .argument('<model>', 'optimisation model (YAML, kind: optimisation), or a scenario of one')
    .addOption(setOption())
    .option('--format <format>', 'table, csv (pounds) or json (pence); default: from --out, else table')
    .option('--out <file>', 'write to this file (atomically) instead of the terminal')
    .addOption(new Option('--solver <engine>', 'the LP engine: highs (HiGHS, default) or jslp (javascript-lp-solver, pure JavaScript)').choices([...ENGINES]).default('highs'))
    .option('--time-limit <seconds>', 'stop the solver after this many seconds (then nothing is reported)')
    .option('--export-lp <file>', 'also write the model in CPLEX LP format, to re-solve in any other solver')
    .option('--no-shadow-prices', 'skip pricing the binding constraints (with jslp, pricing solves once more per binding constraint)')
    .addHelpText(
      'after',
      `
Examples:
  $ fairshare optimise models/dorset-like-optimisation-2025-26.yaml
  $ fairshare optimise models/dorset-like-optimisation-2025-26.yaml --solver jslp --format json --out optimum.json
  $ fairshare optimise models/dorset-like-optimisation-2025-26.yaml --export-lp model.lp
  $ fairshare optimise models/dorset-like-optimisation-2025-26.yaml --set "priorities.reducing reoffending.max=150000"

An infeasible model names the constraints that conflict (exit 2); a solver that stops at the
time limit or fails reports nothing (exit 1).`,
    )
    .action(async (modelPath: string, options: OptimiseCliOptions) => {
      const format = chooseFormat(options.format, options.out);
      let timeLimitSeconds: number | undefined;
      if (options.timeLimit !== undefined) {
        timeLimitSeconds = Number(options.timeLimit);
        if (!(timeLimitSeconds > 0)) throw new UserError(`--time-limit ${options.timeLimit}: expected a number of seconds above zero`);
      }
      const model = resolvedModel(modelPath, options);
      const { loaded, result } = await inScenario(model, async () => {
        const loaded = await loadOptimisation(model.modelPath, model.overrides);
        return { loaded, result: await runOptimisation(loaded, { engine: options.solver as EngineName, shadowPrices: options.shadowPrices, ...(timeLimitSeconds !== undefined && { timeLimitSeconds }) }) };
      });
      const json = optimisationJson(result, withScenarios({ ...loaded.manifest, engine: result.engine }, model));
      const output = await formatted(format, json, { csv: () => formatOptimisationCsv(result), table: () => formatOptimisationTable(result) });
      // Everything is made before anything is written.
      const lp = options.exportLp === undefined ? undefined : await optimisationLp(loaded);
      await emitResult(output, json, options, new Map(lp === undefined ? [] : [[options.exportLp!, lp]]));
    });
  addChartOptions(command, CHARTS.optimisation);
}
