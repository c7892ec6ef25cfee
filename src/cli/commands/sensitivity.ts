import type { Command } from 'commander';
import { CHARTS } from '../../charts/index.js';
import { UserError } from '../../errors.js';
import { compileFormula } from '../../formula/allocate.js';
import { withScenarios } from '../../io/kinds.js';
import { inModel, loadAllocation } from '../../io/load-allocation.js';
import { chooseFormat } from '../../io/outputs.js';
import { sensitivityOnCores } from '../../io/sensitivity-cores.js';
import { nearestKey } from '../../model/schema-keys.js';
import { sensitivityJson } from '../../results/sensitivity.js';
import { progressBar } from '../progress.js';
import { addOutputOptions, inScenario, publishResult, resolvedModel, setOption } from '../shared.js';

interface SensitivityCliOptions {
  set: string[];
  format?: string;
  out?: string;
  draws: string;
  seed: string;
  concentration: string;
  fixedWeights?: boolean;
  error: string[];
  swing: string;
  jobs?: string;
  chart?: string;
  chartKind?: string;
}

function wholeNumber(option: string, text: string, least: number, most: number): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < least || value > most) throw new UserError(`${option} ${text}: expected a whole number from ${least} to ${most.toLocaleString('en-GB')}`);
  return value;
}

/** A number from 0 to `most`; `shown` is the option as typed, for the message. */
function fraction(shown: string, text: string, most: number): number {
  const value = Number(text);
  if (text.trim() === '' || !(value >= 0 && value <= most)) throw new UserError(`${shown}: expected a number from 0 to ${most}`);
  return value;
}

export function registerSensitivity(program: Command): void {
  const command = program
    .command('sensitivity')
    .description("How much each area's allocation depends on the weights and the data: Monte Carlo and one weight at a time")
    .argument('<model>', 'allocation model or scenario (YAML)')
    .addOption(setOption())
    .option('--draws <n>', 'Monte Carlo draws', '1000')
    .option('--seed <s>', 'seed of the random draws: the same seed gives the same output, byte for byte', '1')
    .option('--concentration <c>', "Dirichlet concentration around the model's weights: higher keeps them closer", '100')
    .option('--fixed-weights', "keep the model's weights in every draw (vary the data only)")
    .option('--error <indicator=fraction>', "relative error of an indicator's values, e.g. crime=0.05 (repeatable)", (value: string, previous: string[]) => [...previous, value], [])
    .option('--swing <fraction>', 'how far each weight moves, down and up, one at a time', '0.2')
    .option('--jobs <n>', 'worker threads for the draws (default: one per core for large runs); the output is the same whatever the number')
    .addHelpText(
      'after',
      `
Examples:
  $ fairshare sensitivity models/avon-and-somerset-2025-26.yaml
  $ fairshare sensitivity models/avon-and-somerset-2025-26.yaml --draws 10000 --seed 7 --concentration 50
  $ fairshare sensitivity models/avon-and-somerset-2025-26.yaml --error crime=0.05 --error asb=0.1 --out sensitivity.csv

Every draw goes through the whole formula (top-slices, minimum, damping, rounding).
Percentiles are interpolated between draws (type 7, as numpy and Excel's PERCENTILE.INC).`,
    )
    .action(async (modelPath: string, options: SensitivityCliOptions) => {
      chooseFormat(options.format, options.out);
      const draws = wholeNumber('--draws', options.draws, 1, 10_000_000);
      const seed = wholeNumber('--seed', options.seed, 0, 2 ** 32 - 1);
      const concentration = Number(options.concentration);
      if (!(concentration > 0)) throw new UserError(`--concentration ${options.concentration}: expected a number above zero`);
      const swing = fraction(`--swing ${options.swing}`, options.swing, 1);
      const jobs = options.jobs === undefined ? undefined : wholeNumber('--jobs', options.jobs, 1, 256);
      const model = resolvedModel(modelPath, options);
      const loaded = await inScenario(model, () => loadAllocation(model.modelPath, model.overrides));
      const names = Object.keys(loaded.model.indicators);
      const errors: Record<string, number> = {};
      for (const text of options.error) {
        const [name, value] = text.split('=');
        if (value === undefined || !name) throw new UserError(`--error ${text}: expected indicator=fraction, for example crime=0.05`);
        if (!names.includes(name)) {
          const near = nearestKey(name, names);
          throw new UserError(`--error ${text}: no indicator '${name}' in ${modelPath}${near ? `; did you mean '${near}'?` : `; the indicators are ${names.join(', ')}`}`);
        }
        errors[name] = fraction(`--error ${text}`, value, 1);
      }
      const bar = progressBar('drawing', (n) => `${n.toLocaleString('en-GB')} draws`);
      const result = await inScenario(model, async () =>
        sensitivityOnCores(
          inModel(loaded.modelPath, () => compileFormula(loaded.model, loaded.table)),
          { draws, seed, ...(!options.fixedWeights && { concentration }), errors, swing, onProgress: bar.update },
          jobs,
        ),
      );
      bar.done();
      await publishResult(sensitivityJson(result, withScenarios(loaded.manifest, model)), options);
    });
  addOutputOptions(command, CHARTS.sensitivity);
}

