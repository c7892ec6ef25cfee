import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors.js';
import { parseModel, parseOverride } from '../../src/model/load.js';

const VALID = `fairshare: 1
title: Test fund
data:
  file: data.csv
  key: code
pot:
  total: 1000
indicators:
  population: { column: population, weight: 0.6 }
  crime: { column: crime, weight: 0.4 }
`;

function problems(text: string, overrides: string[] = []): string[] {
  try {
    parseModel(text, 'model.yaml', overrides.map(parseOverride));
  } catch (error) {
    expect(error).toBeInstanceOf(UserError);
    return [...(error as UserError).problems];
  }
  throw new Error('expected the model to be refused');
}

describe('model files', () => {
  it('reads a valid model and applies defaults', () => {
    const model = parseModel(VALID, 'model.yaml');
    expect(model.rounding).toBe('pound');
    expect(model.indicators.crime!.weight).toBe(0.4);
  });

  it('names an unknown key, its line and the nearest valid key', () => {
    const text = VALID.replace('crime: { column: crime, weight: 0.4 }', 'crime: { column: crime, wieght: 0.4 }');
    expect(problems(text)).toEqual([
      'model.yaml:10:10: indicators.crime.weight: required key is missing (expected a number)',
      "model.yaml:10:27: indicators.crime.wieght: unknown key (did you mean 'weight'?)",
    ]);
  });

  it('suggests keys of the damping method actually chosen', () => {
    const text = `${VALID}damping: { method: transition, prior: p, yeers: 3 }\n`;
    expect(problems(text)).toContain("model.yaml:11:42: damping.yeers: unknown key (did you mean 'years'?)");
  });

  it('lists the allowed keys when a key is nothing like them', () => {
    expect(problems(`${VALID}banana: 1\n`)).toEqual([
      'model.yaml:11:1: banana: unknown key (allowed here: $schema, fairshare, kind, title, period, description, data, pot, indicators, minimum, fixed, streams, damping, rounding)',
    ]);
  });

  it('refuses weights that do not sum to 1', () => {
    expect(problems(VALID.replace('weight: 0.4', 'weight: 0.5'))).toEqual([
      'model.yaml:9:3: indicators: indicator weights must sum to 1, but they sum to 1.1',
    ]);
  });

  it('accepts weights that sum to 1 within 1e-9', () => {
    expect(() => parseModel(VALID.replace('weight: 0.4', 'weight: 0.4000000001'), 'model.yaml')).not.toThrow();
  });

  it('refuses a file that is not YAML, or not a model', () => {
    expect(problems('title: [unclosed\n')[0]).toMatch(/^model\.yaml:\d+:\d+: not valid YAML: /);
    expect(problems('just some text\n')[0]).toMatch(/^model\.yaml: expected a model/);
    expect(problems('')[0]).toMatch(/an empty file/);
    expect(problems('a: 1\na: 2\n')[0]).toMatch(/not valid YAML: Map keys must be unique/);
  });

  it('says what was expected and what was found', () => {
    const found = problems(VALID.replace('total: 1000', 'total: lots').replace('fairshare: 1', 'fairshare: 2') + 'rounding: pence\n');
    expect(found).toEqual([
      'model.yaml:1:12: fairshare: expected 1, got the number 2',
      'model.yaml:7:10: pot.total: expected a number, got the text "lots"',
      'model.yaml:11:11: rounding: expected "pound" or "penny", got the text "pence"',
    ]);
  });

  it('refuses an unknown damping method, listing the known ones', () => {
    expect(problems(`${VALID}damping: { method: smooth, prior: p }\n`)).toEqual([
      'model.yaml:11:20: damping.method: expected one of "floor_scale", "floor_ceiling", "equal_change", "transition", got the text "smooth"',
    ]);
  });

  it('refuses money with fractions of a penny, and pence when rounding to pounds', () => {
    expect(problems(VALID.replace('total: 1000', 'total: 1000.005'))).toContain(
      'model.yaml:7:10: pot.total: Pot total must be in pounds with at most 2 decimal places',
    );
    expect(problems(VALID.replace('total: 1000', 'total: 1000.5'))).toContain(
      "model.yaml:7:10: pot.total: the pot total must be whole pounds when rounding is 'pound' (or set rounding: penny)",
    );
    expect(() => parseModel(`${VALID.replace('total: 1000', 'total: 1000.5')}rounding: penny\n`, 'model.yaml')).not.toThrow();
  });

  it('requires exactly one of column or expression, and of share or amount', () => {
    const text = VALID.replace('{ column: crime, weight: 0.4 }', '{ column: crime, expression: "a + b", weight: 0.4 }');
    expect(problems(text)).toEqual(['model.yaml:10:10: indicators.crime: give exactly one of column or expression']);
    const sliced = VALID.replace('total: 1000', 'total: 1000\n  top_slices:\n    - { name: retained }');
    expect(problems(sliced)).toEqual(['model.yaml:9:7: pot.top_slices.0: give exactly one of share (a fraction of the total), share_of_remaining (a fraction of what the slices before it leave) or amount (pounds)']);
  });

  it('refuses top-slices larger than the pot, and a ceiling below the floor', () => {
    const sliced = VALID.replace('total: 1000', 'total: 1000\n  top_slices:\n    - { name: a, share: 0.6 }\n    - { name: b, amount: 500 }');
    expect(problems(sliced)).toEqual(['model.yaml:9:5: pot.top_slices: top-slices take £1,100, £100 more than the pot total of £1,000']);
    expect(problems(`${VALID}damping: { method: floor_ceiling, prior: p, floor: 0.1, ceiling: 0.05 }\n`)).toEqual([
      'model.yaml:11:66: damping.ceiling: the ceiling must not be below the floor',
    ]);
  });

  it('takes an empty optional key as not given, and says so for a required one', () => {
    expect(parseModel(`${VALID}minimum:\n`, 'model.yaml').minimum).toBeUndefined();
    expect(problems(VALID.replace('title: Test fund', 'title:'))).toEqual(['model.yaml:2:7: title: required key is missing (expected text)']);
  });

  it('refuses a YAML alias bomb as bad input', () => {
    const bomb = `${VALID}a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\n`;
    expect(problems(bomb)[0]).toMatch(/^model\.yaml: cannot read the YAML: Excessive alias count/);
  });

  describe('--set overrides', () => {
    it('with an empty value remove an optional key (a model without damping)', () => {
      const damped = `${VALID}damping: { method: equal_change, prior: p }\n`;
      expect(parseModel(damped, 'model.yaml', [parseOverride('damping=')]).damping).toBeUndefined();
    });

    it('change any key path, with the value read as YAML', () => {
      const model = parseModel(VALID, 'model.yaml', [
        parseOverride('indicators.crime.weight=0.3'),
        parseOverride('indicators.population.weight=0.7'),
        parseOverride('rounding=penny'),
        parseOverride('damping.method=equal_change'),
        parseOverride('damping.prior=last_year'),
      ]);
      expect(model.indicators.crime!.weight).toBe(0.3);
      expect(model.rounding).toBe('penny');
      expect(model.damping).toEqual({ method: 'equal_change', prior: 'last_year' });
    });

    it('index into lists', () => {
      const text = VALID.replace('total: 1000', 'total: 1000\n  top_slices:\n    - { name: a, share: 0.1 }');
      expect(parseModel(text, 'model.yaml', [parseOverride('pot.top_slices.0.share=0.2')]).pot.top_slices![0]!.share).toBe(0.2);
    });

    it('are blamed by name when they are wrong', () => {
      expect(problems(VALID, ['indicators.crime.wieght=0.3'])).toContain("--set indicators.crime.wieght=0.3: indicators.crime.wieght: unknown key (did you mean 'weight'?)");
      expect(problems(VALID, ['indicators.crime.weight=heavy'])).toContain('--set indicators.crime.weight=heavy: indicators.crime.weight: expected a number, got the text "heavy"');
      expect(() => parseOverride('indicators.crime.weight')).toThrow(/expected key\.path=value/);
      expect(() => parseOverride('=3')).toThrow(/expected key\.path=value/);
      expect(() => parseOverride('a..b=3')).toThrow(/expected key\.path=value/);
      expect(problems(VALID, ['pot.total.extra=1'])).toEqual(['--set pot.total.extra=1: pot.total is a single value, not a group of keys']);
    });
  });
});
