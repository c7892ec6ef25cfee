import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { BudgetSchema } from '../../src/funds/schema.js';
import { budgetJsonSchema, modelJsonSchema } from '../../src/model/json-schema.js';
import { parseModel, parseYamlWith } from '../../src/model/load.js';

const SHIPPED = 'models/fairshare-model.schema.json';
const SHIPPED_BUDGET = 'models/fairshare-budget.schema.json';
const files = readdirSync('models').filter((file) => file.endsWith('.yaml'));
const isBudget = (file: string) => (parse(readFileSync(join('models', file), 'utf8')) as { kind?: string }).kind === 'budget';
const models = files.filter((file) => !isBudget(file));
const budgets = files.filter(isBudget);
const ajv = new Ajv2020({ allErrors: true, strict: false });
const validate = ajv.compile(JSON.parse(readFileSync(SHIPPED, 'utf8')));
const validateBudget = ajv.compile(JSON.parse(readFileSync(SHIPPED_BUDGET, 'utf8')));

describe('the JSON Schema of model files', () => {
  it('is the one generated from the validator\'s definitions (regenerate: fairshare schema > models/fairshare-model.schema.json)', () => {
    expect(JSON.parse(readFileSync(SHIPPED, 'utf8'))).toEqual(modelJsonSchema());
  });

  it('has example models to check', () => {
    expect(models.length).toBeGreaterThanOrEqual(2);
  });

  it.each(models)('accepts %s, which the validator accepts too', (file) => {
    const text = readFileSync(join('models', file), 'utf8');
    expect(validate(parse(text)), JSON.stringify(validate.errors)).toBe(true);
    expect(() => parseModel(text, file)).not.toThrow();
  });

  it('for budgets too: the shipped schema is the generated one (fairshare schema --kind budget)', () => {
    expect(JSON.parse(readFileSync(SHIPPED_BUDGET, 'utf8'))).toEqual(budgetJsonSchema());
    expect(budgets.length).toBeGreaterThanOrEqual(2);
  });

  it.each(budgets)('accepts the budget %s, which the validator accepts too', (file) => {
    const text = readFileSync(join('models', file), 'utf8');
    expect(validateBudget(parse(text)), JSON.stringify(validateBudget.errors)).toBe(true);
    expect(() => parseYamlWith(BudgetSchema, text, file)).not.toThrow();
    expect(validateBudget({ ...(parse(text) as object), extra: 1 })).toBe(false);
  });

  it('rejects what the validator rejects: an unknown key, a wrong type, a bad method', () => {
    const base = parse(readFileSync(join('models', models[0]!), 'utf8')) as Record<string, unknown>;
    expect(validate({ ...base, extra: 1 })).toBe(false);
    expect(validate({ ...base, pot: { total: 'lots' } })).toBe(false);
    expect(validate({ ...base, damping: { method: 'smooth', prior: 'p' } })).toBe(false);
    expect(validate({ ...base, rounding: 'pence' })).toBe(false);
  });
});
