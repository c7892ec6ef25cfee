import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { BudgetSchema } from '../../src/funds/schema.js';
import { budgetJsonSchema, modelJsonSchema, needsJsonSchema, optimisationJsonSchema, scenarioJsonSchema, settlementJsonSchema } from '../../src/model/json-schema.js';
import { parseYamlWith } from '../../src/model/load.js';
import { ModelSchema } from '../../src/model/schema.js';
import { OptimisationSchema } from '../../src/optimise/schema.js';
import { ScenarioSchema } from '../../src/scenario/schema.js';
import { NeedsSchema } from '../../src/gap/schema.js';
import { SettlementSchema } from '../../src/settlement/schema.js';

/** Every kind of model file: its shipped schema, the schema generated now, and its validator. */
const KINDS: Record<string, { shipped: string; generated: () => unknown; schema: z.ZodType; least: number }> = {
  allocation: { shipped: 'models/fairshare-model.schema.json', generated: modelJsonSchema, schema: ModelSchema, least: 2 },
  budget: { shipped: 'models/fairshare-budget.schema.json', generated: budgetJsonSchema, schema: BudgetSchema, least: 2 },
  optimisation: { shipped: 'models/fairshare-optimisation.schema.json', generated: optimisationJsonSchema, schema: OptimisationSchema, least: 2 },
  needs: { shipped: 'models/fairshare-needs.schema.json', generated: needsJsonSchema, schema: NeedsSchema, least: 1 },
  scenario: { shipped: 'models/fairshare-scenario.schema.json', generated: scenarioJsonSchema, schema: ScenarioSchema, least: 4 },
  settlement: { shipped: 'models/fairshare-settlement.schema.json', generated: settlementJsonSchema, schema: SettlementSchema, least: 2 },
};
const files = readdirSync('models').filter((file) => file.endsWith('.yaml'));

it('every example model is of a kind whose schema is checked here', () => {
  for (const file of files) expect(Object.keys(KINDS)).toContain(kindOf(file));
});
const kindOf = (file: string) => (parse(readFileSync(join('models', file), 'utf8')) as { kind?: string }).kind ?? 'allocation';
const ajv = new Ajv2020({ allErrors: true, strict: false });
const compiled = new Map<string, ReturnType<typeof ajv.compile>>();
const validatorOf = (shipped: string) => {
  if (!compiled.has(shipped)) compiled.set(shipped, ajv.compile(JSON.parse(readFileSync(shipped, 'utf8'))));
  return compiled.get(shipped)!;
};

describe.each(Object.entries(KINDS))('the JSON Schema of %s files', (kind, { shipped, generated, schema, least }) => {
  const validate = validatorOf(shipped);
  const examples = files.filter((file) => kindOf(file) === kind);

  it(`is the one generated from the validator's definitions (regenerate: fairshare schema --kind ${kind} > ${shipped})`, () => {
    expect(JSON.parse(readFileSync(shipped, 'utf8'))).toEqual(generated());
  });

  it('has examples to check', () => {
    expect(examples.length).toBeGreaterThanOrEqual(least);
  });

  it.each(examples)('accepts %s, which the validator accepts too; refuses it with an unknown key', (file) => {
    const text = readFileSync(join('models', file), 'utf8');
    expect(validate(parse(text)), JSON.stringify(validate.errors)).toBe(true);
    expect(() => parseYamlWith(schema, text, file)).not.toThrow();
    expect(validate({ ...(parse(text) as object), extra: 1 })).toBe(false);
  });
});

it('the allocation schema rejects what the validator rejects: a wrong type, a bad method', () => {
  const validate = validatorOf(KINDS.allocation!.shipped);
  const base = parse(readFileSync(join('models', files.find((f) => kindOf(f) === 'allocation')!), 'utf8')) as Record<string, unknown>;
  expect(validate(base)).toBe(true);
  expect(validate({ ...base, pot: { total: 'lots' } })).toBe(false);
  expect(validate({ ...base, damping: { method: 'smooth', prior: 'p' } })).toBe(false);
  expect(validate({ ...base, rounding: 'pence' })).toBe(false);
});

it('the optimisation schema rejects a grant round without an award range, and a segment with words for a rate', () => {
  const validate = validatorOf(KINDS.optimisation!.shipped);
  const withRounds = files.filter((f) => kindOf(f) === 'optimisation').map((f) => parse(readFileSync(join('models', f), 'utf8')) as { grant_rounds?: Record<string, Record<string, unknown>> }).find((m) => m.grant_rounds)!;
  const base = withRounds as { grant_rounds: Record<string, Record<string, unknown>>; priorities: Record<string, unknown> };
  const round = Object.values(base.grant_rounds)[0]!;
  const { award: _award, ...withoutAward } = round;
  expect(validate({ ...base, grant_rounds: { r: withoutAward } })).toBe(false);
  expect(validate({ ...base, priorities: { p: { need_weight: 1, options: { o: { eligible: ['x'], segments: [{ outcome_per_pound: 'high' }] } } } } })).toBe(false);
});
