import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { modelJsonSchema } from '../../src/model/json-schema.js';
import { parseModel } from '../../src/model/load.js';

const SHIPPED = 'models/fairshare-model.schema.json';
const models = readdirSync('models').filter((file) => file.endsWith('.yaml'));
const validate = new Ajv2020({ allErrors: true, strict: false }).compile(JSON.parse(readFileSync(SHIPPED, 'utf8')));

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

  it('rejects what the validator rejects: an unknown key, a wrong type, a bad method', () => {
    const base = parse(readFileSync(join('models', models[0]!), 'utf8')) as Record<string, unknown>;
    expect(validate({ ...base, extra: 1 })).toBe(false);
    expect(validate({ ...base, pot: { total: 'lots' } })).toBe(false);
    expect(validate({ ...base, damping: { method: 'smooth', prior: 'p' } })).toBe(false);
    expect(validate({ ...base, rounding: 'pence' })).toBe(false);
  });
});
