/**
 * The scenario file (`kind: scenario`): a base model plus named overrides of any key path,
 * in the spirit of OpenFisca's reforms. A scenario names its base model (an allocation,
 * budget or optimisation model), or extends another scenario: the chain's overrides apply
 * from its root to this file, and command-line `--set` after them.
 */
import { z } from 'zod';

export const ScenarioSchema = z
  .strictObject({
    $schema: z.string().optional(),
    fairshare: z.literal(1),
    kind: z.literal('scenario'),
    title: z.string().min(1).meta({ description: 'What the scenario changes, shown in comparisons: "Crime weighted up"' }),
    description: z.string().optional(),
    base: z.string().min(1).optional().meta({ description: 'The model it changes (allocation, budget or optimisation), relative to this file' }),
    extends: z.string().min(1).optional().meta({ description: 'Another scenario it builds on, relative to this file' }),
    set: z
      .record(z.string().regex(/^[^.]+(\.[^.]+)*$/, 'a key path such as indicators.crime.weight'), z.unknown())
      .default({})
      .meta({ description: 'Overrides: key path (as --set takes it) to its new value' }),
  })
  .superRefine((scenario, ctx) => {
    if ((scenario.base === undefined) === (scenario.extends === undefined)) ctx.addIssue({ code: 'custom', message: 'give exactly one of base (a model) or extends (another scenario)' });
  })
  .meta({ title: 'fairshare scenario', description: 'A base model (or another scenario) with overrides of its key paths' });

export type Scenario = z.output<typeof ScenarioSchema>;
