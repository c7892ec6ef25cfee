import { z } from 'zod';
import { BudgetSchema } from '../funds/schema.js';
import { OptimisationSchema } from '../optimise/schema.js';
import { ScenarioSchema } from '../scenario/schema.js';
import { ModelSchema } from './schema.js';

/** The JSON Schema of model files, generated from the same zod definitions that validate them. */
export function modelJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(ModelSchema, { io: 'input', target: 'draft-2020-12' }),
    $id: 'https://fairshare.invalid/schema/fairshare-model.schema.json',
  };
}

/** The JSON Schema of budget files (kind: budget). */
export function budgetJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(BudgetSchema, { io: 'input', target: 'draft-2020-12' }),
    $id: 'https://fairshare.invalid/schema/fairshare-budget.schema.json',
  };
}

/** The JSON Schema of optimisation models (kind: optimisation). */
export function optimisationJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(OptimisationSchema, { io: 'input', target: 'draft-2020-12' }),
    $id: 'https://fairshare.invalid/schema/fairshare-optimisation.schema.json',
  };
}

/** The JSON Schema of scenario files (kind: scenario). */
export function scenarioJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(ScenarioSchema, { io: 'input', target: 'draft-2020-12' }),
    $id: 'https://fairshare.invalid/schema/fairshare-scenario.schema.json',
  };
}
