import { describe, expect, it } from 'vitest';
import { compileExpression } from '../../src/formula/expression.js';
import { isUserError } from '../../src/errors.js';

const row = (values: Record<string, number>) => (name: string) => values[name]!;

function refusal(text: string): string {
  try {
    compileExpression(text, 'indicators.demand.expression');
  } catch (error) {
    expect(isUserError(error)).toBe(true);
    return (error as Error).message;
  }
  throw new Error(`expected ${text} to be refused`);
}

describe('indicator expressions', () => {
  it('evaluate arithmetic and the allowed functions over the row', () => {
    const e = compileExpression('asb_incidents + welfare_incidents * 2 - -1', 'x');
    expect(e.columns).toEqual(['asb_incidents', 'welfare_incidents']);
    expect(e.evaluate(row({ asb_incidents: 10, welfare_incidents: 3 }))).toBe(17);
    const f = compileExpression('max(a, b) + min(a, b) / 2 + abs(c) + sqrt(d) + pow(2, 3) + round(e, 1) + log(f)', 'x');
    expect(f.evaluate(row({ a: 4, b: 6, c: -1, d: 9, e: 1.26, f: Math.E }))).toBeCloseTo(6 + 2 + 1 + 3 + 8 + 1.3 + 1, 12);
    expect(compileExpression('(a + b) ^ 2', 'x').evaluate(row({ a: 1, b: 2 }))).toBe(9);
  });

  it.each(['import({}, {override: true})', 'createUnit("foo")', 'evaluate("1 + 1")', 'parse("1")', 'simplify("x + x")', 'compile("1")', 'derivative("x^2", "x")', 'resolve(x)', 'chain(1)', 'help(sin)', 'sin(x)'])(
    'refuses the mathjs function in %s',
    (text) => {
      const name = text.slice(0, text.indexOf('('));
      expect(refusal(text)).toContain(`the function '${name}' is not allowed`);
    },
  );

  it.each([
    ['x = 1', 'assignment'],
    ['f(x) = x', 'assignment'],
    ['a.b', 'property or index access'],
    ['a[1]', 'property or index access'],
    ['[1, 2]', 'a list, range or object'],
    ['{a: 1}', 'a list, range or object'],
    ['1:3', 'a list, range or object'],
    ['"text"', 'the constant "text"'],
    ['a ? b : c', 'a conditional'],
    ['a; b', 'more than one statement'],
    ['a == b', "the operator '=='"],
    ['a and b', "the operator 'and'"],
    ['max', "the function name 'max' on its own"],
    ['a!', "the operator '!'"],
  ])('refuses %s (%s)', (text, what) => {
    expect(refusal(text)).toContain(what);
  });

  it('names the model key in every refusal, and reports unreadable text', () => {
    expect(refusal('evaluate("1")')).toMatch(/^indicators\.demand\.expression: /);
    expect(refusal('a + (b')).toMatch(/^indicators\.demand\.expression: cannot read the expression/);
  });
});
