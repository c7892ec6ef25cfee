/**
 * A programme in CPLEX LP format, written to be read alike by every solver an auditor might
 * use: HiGHS, GLPK (glpsol) and CBC. The sections have their long names (Maximize, Subject
 * To, Bounds, General, Binary, End): CBC does not know HiGHS's short `bin` and `gen`, and
 * silently solved the relaxation. A ranged row becomes two rows; infinite bounds are left
 * out or written as free; lines are wrapped well under every reader's line limit. Pure.
 */
import type { LinearProgram } from './lp.js';

/** A coefficient or bound, exact: the shortest text that reads back as the same double. */
const number = (x: number) => String(x);

/** Terms `+3 x -0.5 y`, wrapped into lines of at most about 200 characters. */
function terms(pairs: readonly (readonly [string, number])[], lead: string): string[] {
  const lines: string[] = [];
  let line = lead;
  for (const [name, coefficient] of pairs) {
    const term = `${coefficient < 0 ? '-' : '+'} ${number(Math.abs(coefficient))} ${name}`;
    if (line.length + term.length + 1 > 200) {
      lines.push(line);
      line = '   ';
    }
    line += ` ${term}`;
  }
  lines.push(line);
  return lines;
}

export function lpFormat(lp: LinearProgram, title = 'fairshare optimisation'): string {
  const out: string[] = [`\\ ${title.replace(/[\r\n]+/g, ' ')}`, `\\ written by fairshare: re-solve with HiGHS, glpsol --lp or cbc`, 'Maximize'];
  const objective = lp.columns.flatMap((c) => (c.cost !== 0 ? [[c.name, c.cost] as const] : []));
  // An objective with no terms still needs one for some readers: zero times the first column.
  out.push(...terms(objective.length > 0 ? objective : lp.columns.slice(0, 1).map((c) => [c.name, 0] as const), ' obj:'));
  out.push('Subject To');
  for (const row of lp.rows) {
    const pairs = row.indices.map((j, k) => [lp.columns[j]!.name, row.values[k]!] as const);
    const body = pairs.length > 0 ? pairs : lp.columns.slice(0, 1).map((c) => [c.name, 0] as const);
    const hasLower = Number.isFinite(row.lower);
    const hasUpper = Number.isFinite(row.upper);
    if (hasLower && hasUpper && row.lower === row.upper) {
      const lines = terms(body, ` ${row.name}:`);
      lines[lines.length - 1] += ` = ${number(row.upper)}`;
      out.push(...lines);
      continue;
    }
    if (hasLower) {
      const lines = terms(body, ` ${row.name}${hasUpper ? '_lo' : ''}:`);
      lines[lines.length - 1] += ` >= ${number(row.lower)}`;
      out.push(...lines);
    }
    if (hasUpper) {
      const lines = terms(body, ` ${row.name}${hasLower ? '_up' : ''}:`);
      lines[lines.length - 1] += ` <= ${number(row.upper)}`;
      out.push(...lines);
    }
  }
  const binary = lp.columns.filter((c) => c.integer && c.lower === 0 && c.upper === 1);
  const general = lp.columns.filter((c) => c.integer && !(c.lower === 0 && c.upper === 1));
  out.push('Bounds');
  for (const c of lp.columns) {
    if (c.integer && c.lower === 0 && c.upper === 1) continue; // Binary says it
    const lower = Number.isFinite(c.lower);
    const upper = Number.isFinite(c.upper);
    if (!lower && !upper) out.push(` ${c.name} free`);
    else if (!lower) out.push(` -inf <= ${c.name} <= ${number(c.upper)}`);
    else if (!upper) {
      if (c.lower !== 0) out.push(` ${c.name} >= ${number(c.lower)}`);
    } else if (c.lower === c.upper) out.push(` ${c.name} = ${number(c.lower)}`);
    else out.push(` ${number(c.lower)} <= ${c.name} <= ${number(c.upper)}`);
  }
  if (general.length > 0) out.push('General', ...general.map((c) => ` ${c.name}`));
  if (binary.length > 0) out.push('Binary', ...binary.map((c) => ` ${c.name}`));
  out.push('End', '');
  return out.join('\n');
}
