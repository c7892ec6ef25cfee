import { Option, type Command } from 'commander';
import { CHARTS } from '../../charts/index.js';
import { UserError } from '../../errors.js';
import { KINDS } from '../../io/kinds.js';
import { loadOptimisation, optimisationLp } from '../../io/load-optimisation.js';
import { chooseFormat } from '../../io/outputs.js';
import { ENGINES, type EngineName } from '../../optimise/engines/index.js';
import { addOutputOptions, inScenario, publishResult, resolvedModel, setOption } from '../shared.js';

interface OptimiseCliOptions {
  set: string[];
  format?: string;
  out?: string;
  solver: string;
  timeLimit?: string;
  exportLp?: string;
  shadowPrices: boolean;
  timings?: boolean;
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
    .addOption(new Option('--solver <engine>', 'the LP engine: highs (HiGHS, default) or jslp (javascript-lp-solver, pure JavaScript)').choices([...ENGINES]).default('highs'))
    .option('--time-limit <seconds>', 'stop the solver after this many seconds (then nothing is reported)')
    .option('--export-lp <file>', 'also write the model in CPLEX LP format (FILE.lp), to re-solve in any other solver')
    .option('--no-shadow-prices', 'skip pricing the binding constraints (with jslp, pricing solves once more per binding constraint)')
    .option('--timings', "also record the solver's wall time in the output (it differs from run to run, so the output does too)")
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
      if (options.exportLp !== undefined && !options.exportLp.toLowerCase().endsWith('.lp')) throw new UserError(`--export-lp ${options.exportLp}: an LP file is named .lp`);
      const model = resolvedModel(modelPath, options);
      // The solve time is shown only where it cannot end up in a file: a table on a terminal.
      const timings = options.timings === true || (format === 'table' && options.out === undefined && process.stdout.isTTY === true);
      const json = await inScenario(model, () => KINDS.optimisation.run!(model, { engine: options.solver as EngineName, shadowPrices: options.shadowPrices, timings, ...(timeLimitSeconds !== undefined && { timeLimitSeconds }) }));
      // Everything is made before anything is written.
      const lp = options.exportLp === undefined ? undefined : await inScenario(model, async () => optimisationLp(await loadOptimisation(model.modelPath, model.overrides)));
      await publishResult(json, options, new Map(lp === undefined ? [] : [[options.exportLp!, lp]]));
    });
  addOutputOptions(command, CHARTS.optimisation);
}
