/** JSON Schemas of the model files, generated from the same zod definitions that validate them. */
import { z } from 'zod';
import { BudgetSchema } from '../funds/schema.js';
import { NeedsSchema } from '../gap/schema.js';
import { OptimisationSchema } from '../optimise/schema.js';
import { ScenarioSchema } from '../scenario/schema.js';
import { SettlementSchema } from '../settlement/schema.js';
import { ModelSchema } from './schema.js';

function jsonSchema(schema: z.ZodType, file: string): Record<string, unknown> {
  return { ...z.toJSONSchema(schema, { io: 'input', target: 'draft-2020-12' }), $id: `https://fairshare.invalid/schema/${file}` };
}

/** Allocation models (the default kind). */
export const modelJsonSchema = () => jsonSchema(ModelSchema, 'fairshare-model.schema.json');
/** Budget files (kind: budget). */
export const budgetJsonSchema = () => jsonSchema(BudgetSchema, 'fairshare-budget.schema.json');
/** Optimisation models (kind: optimisation). */
export const optimisationJsonSchema = () => jsonSchema(OptimisationSchema, 'fairshare-optimisation.schema.json');
/** Scenario files (kind: scenario). */
export const scenarioJsonSchema = () => jsonSchema(ScenarioSchema, 'fairshare-scenario.schema.json');
/** Settlement files (kind: settlement): a base allocation model over several years. */
export const settlementJsonSchema = () => jsonSchema(SettlementSchema, 'fairshare-settlement.schema.json');
/** Needs files (kind: needs), for gap analyses. */
export const needsJsonSchema = () => jsonSchema(NeedsSchema, 'fairshare-needs.schema.json');
