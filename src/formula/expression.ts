/**
 * Indicator expressions such as `asb_incidents + welfare_incidents`.
 *
 * Locked down by construction: mathjs is used only to *parse*; the tree is then checked
 * against a whitelist (numbers, column names, + - * / ^ and unary minus, parentheses,
 * and the functions min, max, abs, log, sqrt, pow, round) and compiled to a plain
 * closure over the row. Nothing else in mathjs (import, createUnit, evaluate, parse,
 * simplify, units, matrices, strings, assignment, property access) is ever reachable.
 */
import { createRequire } from 'node:module';
import { UserError } from '../errors.js';

/** The subset of mathjs parse-tree nodes we inspect. */
interface MathNode {
  type: string;
  value?: unknown;
  name?: string;
  op?: string;
  fn?: string | MathNode;
  args?: MathNode[];
  content?: MathNode;
  implicit?: boolean;
}

type Parse = (text: string) => MathNode;
let parser: Parse | undefined;

/**
 * mathjs's single-file bundle loads in about a tenth of the time of its ES module tree,
 * and only models that use expressions pay for it.
 */
function mathParser(): Parse {
  if (!parser) {
    const require = createRequire(import.meta.url);
    const mathjs = require('mathjs/lib/browser/math.js') as { create: (deps: unknown, config: unknown) => { parse: Parse }; parseDependencies: unknown };
    parser = mathjs.create({ parseDependencies: mathjs.parseDependencies }, { number: 'number' }).parse;
  }
  return parser;
}

const FUNCTIONS: Record<string, { arity: [number, number]; fn: (...args: number[]) => number }> = {
  min: { arity: [1, Infinity], fn: Math.min },
  max: { arity: [1, Infinity], fn: Math.max },
  abs: { arity: [1, 1], fn: Math.abs },
  log: { arity: [1, 2], fn: (x, base) => (base === undefined ? Math.log(x) : Math.log(x) / Math.log(base)) },
  sqrt: { arity: [1, 1], fn: Math.sqrt },
  pow: { arity: [2, 2], fn: Math.pow },
  round: { arity: [1, 2], fn: (x, digits = 0) => Math.round(x * 10 ** digits) / 10 ** digits },
};

/**
 * Aggregates of an expression over every area, DCLG style ("the per-head amount minus the
 * minimum per head over all authorities"): min_all(x / population), and the like.
 */
const AGGREGATES: Record<string, (values: Float64Array) => number> = {
  min_all: (v) => v.reduce((a, b) => Math.min(a, b), Infinity),
  max_all: (v) => v.reduce((a, b) => Math.max(a, b), -Infinity),
  sum_all: (v) => v.reduce((a, b) => a + b, 0),
  mean_all: (v) => (v.length === 0 ? NaN : v.reduce((a, b) => a + b, 0) / v.length),
};

export const ALLOWED_FUNCTIONS = [...Object.keys(FUNCTIONS), ...Object.keys(AGGREGATES)];

const BINARY: Record<string, (a: number, b: number) => number> = {
  add: (a, b) => a + b,
  subtract: (a, b) => a - b,
  multiply: (a, b) => a * b,
  divide: (a, b) => a / b,
  pow: (a, b) => a ** b,
};

/** Reads a named column's value for the row being evaluated. */
export type RowReader = (column: string) => number;

/** Every row of the table, for aggregates over all areas (min_all, max_all, sum_all, mean_all). */
export interface AllRows {
  count: number;
  row: (index: number) => RowReader;
}

export interface CompiledExpression {
  text: string;
  /** Column names the expression reads, in order of first use. */
  columns: string[];
  /** Whether it takes an aggregate over all areas (and so needs `all`). */
  aggregates: boolean;
  evaluate: (row: RowReader, all?: AllRows) => number;
}



/** The longest expression read, in characters: an indicator's formula is a line, not a program. */
export const MAX_EXPRESSION_LENGTH = 1000;
/** The deepest nesting of an expression (each operator of a chain is a level): parsing and evaluating stay shallow. */
export const MAX_EXPRESSION_DEPTH = 64;

/** How deep the tree goes, found without recursion (a hostile tree cannot overflow the stack). */
function depthOf(tree: MathNode): number {
  let deepest = 0;
  const stack: [MathNode, number][] = [[tree, 1]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    deepest = Math.max(deepest, depth);
    if (deepest > MAX_EXPRESSION_DEPTH) return deepest;
    for (const child of [...(node.args ?? []), ...(node.content ? [node.content] : []), ...(typeof node.fn === 'object' ? [node.fn] : [])]) stack.push([child, depth + 1]);
  }
  return deepest;
}

/** Compile an expression, or throw a UserError saying what is not allowed. `where` prefixes messages. */
export function compileExpression(text: string, where: string): CompiledExpression {
  if (text.length > MAX_EXPRESSION_LENGTH) throw new UserError(`${where}: the expression is ${text.length.toLocaleString('en-GB')} characters long; the limit is ${MAX_EXPRESSION_LENGTH.toLocaleString('en-GB')}`);
  // Brackets are parsed by recursion: bound their depth before the parser sees them.
  let open = 0;
  for (const character of text) {
    if (character === '(' || character === '[' || character === '{') open++;
    else if (character === ')' || character === ']' || character === '}') open--;
    if (open > MAX_EXPRESSION_DEPTH) throw new UserError(`${where}: the expression nests brackets more than ${MAX_EXPRESSION_DEPTH} deep`);
  }
  let tree: MathNode;
  try {
    tree = mathParser()(text);
  } catch (error) {
    throw new UserError(`${where}: cannot read the expression ${JSON.stringify(text)}: ${(error as Error).message}`);
  }
  if (depthOf(tree) > MAX_EXPRESSION_DEPTH) {
    throw new UserError(`${where}: the expression nests more than ${MAX_EXPRESSION_DEPTH} levels deep (each operator of a long chain is a level); split it into columns`);
  }
  const columns: string[] = [];
  const refuse = (what: string): never => {
    throw new UserError(
      `${where}: ${what} is not allowed in an expression; use numbers, column names, + - * / ^ and ${ALLOWED_FUNCTIONS.join(', ')}`,
    );
  };

  let aggregates = false;
  type Evaluator = (row: RowReader, all?: AllRows) => number;
  const build = (node: MathNode, inAggregate = false): Evaluator => {
    switch (node.type) {
      case 'ConstantNode':
        if (typeof node.value !== 'number') return refuse(`the constant ${JSON.stringify(node.value)}`);
        {
          const value = node.value;
          return () => value;
        }
      case 'SymbolNode': {
        const name = node.name!;
        if (FUNCTIONS[name] || AGGREGATES[name]) return refuse(`the function name '${name}' on its own`);
        if (!columns.includes(name)) columns.push(name);
        return (row) => row(name);
      }
      case 'ParenthesisNode':
        return build(node.content!, inAggregate);
      case 'OperatorNode': {
        const args = (node.args ?? []).map((arg) => build(arg, inAggregate));
        if (args.length === 1 && node.fn === 'unaryMinus') {
          const [a] = args as [Evaluator];
          return (row, all) => -a(row, all);
        }
        if (args.length === 1 && node.fn === 'unaryPlus') return args[0]!;
        const op = typeof node.fn === 'string' ? BINARY[node.fn] : undefined;
        if (args.length === 2 && op) {
          const [a, b] = args as [Evaluator, Evaluator];
          return (row, all) => op(a(row, all), b(row, all));
        }
        return refuse(`the operator '${node.op ?? String(node.fn)}'`);
      }
      case 'FunctionNode': {
        const fnNode = node.fn as MathNode;
        const name = fnNode.type === 'SymbolNode' ? fnNode.name! : '';
        const aggregate = AGGREGATES[name];
        if (aggregate) {
          if (inAggregate) return refuse(`${name} inside another aggregate`);
          if ((node.args ?? []).length !== 1) return refuse(`calling ${name} with ${(node.args ?? []).length} argument(s)`);
          aggregates = true;
          const inner = build(node.args![0]!, true);
          // Computed once per table: the same for every row.
          const cache = new WeakMap<AllRows, number>();
          return (_row, all) => {
            if (!all) throw new UserError(`${where}: ${name} aggregates over all areas, and is not available here`);
            let value = cache.get(all);
            if (value === undefined) {
              const values = new Float64Array(all.count);
              for (let i = 0; i < all.count; i++) values[i] = inner(all.row(i));
              cache.set(all, (value = aggregate(values)));
            }
            return value;
          };
        }
        const spec = FUNCTIONS[name];
        if (!spec) return refuse(name ? `the function '${name}'` : 'calling the result of an expression');
        const args = (node.args ?? []).map((arg) => build(arg, inAggregate));
        if (args.length < spec.arity[0] || args.length > spec.arity[1]) {
          return refuse(`calling ${name} with ${args.length} argument(s)`);
        }
        return (row, all) => spec.fn(...args.map((arg) => arg(row, all)));
      }
      case 'AssignmentNode':
      case 'FunctionAssignmentNode':
        return refuse('assignment');
      case 'AccessorNode':
      case 'IndexNode':
        return refuse('property or index access');
      case 'ObjectNode':
      case 'ArrayNode':
      case 'RangeNode':
        return refuse('a list, range or object');
      case 'ConditionalNode':
        return refuse('a conditional (a ? b : c)');
      case 'BlockNode':
        return refuse('more than one statement');
      default:
        return refuse(`a ${node.type.replace(/Node$/, '').toLowerCase()}`);
    }
  };

  const evaluate = build(tree);
  return { text, columns, aggregates, evaluate };
}
