/**
 * Several streams per area, added up (DCLG's four blocks; a police total of a formula grant
 * plus legacy grants held flat). Each stream has its own rule: a formula of its own (with its
 * own minimum and damping), fixed amounts from a column, or last year's amounts held flat.
 * Fixed and held-flat streams take their amounts first; formula streams share the rest (one
 * of them may take whatever is left). The total per area is then damped against the model's
 * prior, if the model has damping, and rounded so the totals add up to the pot exactly.
 * Pure: the model and table in, the allocation out.
 */
import type { AreaTable } from '../data/table.js';
import { UserError } from '../errors.js';
import { formatPounds, isWholePence, MAX_POUNDS, MAX_POUNDS_TEXT, unitPence } from '../money/units.js';
import type { Model, Stream } from '../model/schema.js';
import { allocateFormula, type AllocationResult, type AreaAllocation, type RunOptions } from './allocate.js';
import { splitPot } from './pot.js';

/** The column the damping stage reads: each area's streams added up, in pounds. */
export const STREAMS_TOTAL = '(streams added up)';

export interface StreamResult {
  key: string;
  name: string;
  rule: Stream['rule'];
  /** The column of a fixed or held-flat stream. */
  column?: string;
  /** What the stream shares out (its column's sum, for fixed and held-flat streams). */
  totalPence: number;
  /** The formula stream took what the other streams left. */
  takesTheRest?: boolean;
  /** Each area's amount, in pence, in the order of the data file. */
  pence: Float64Array;
  /** A formula stream's own run: its need shares, damping and rounding. */
  result?: AllocationResult;
}

/** A settlement's previous year, stream by stream: the prior of each damped formula stream. */
export type StreamPriors = ReadonlyMap<string, { pence: ReadonlyMap<string, number>; source: string }>;

export function allocateStreams(model: Model, table: AreaTable, options: RunOptions = {}): AllocationResult & { streams: StreamResult[] } {
  const streams = Object.entries(model.streams ?? {});
  const unit = unitPence(model.rounding);
  const distributable = splitPot(model).distributablePence;
  const n = table.keys.length;

  // Fixed and held-flat streams: their amounts, exactly, from their columns.
  const problems: string[] = [];
  const fromColumns = new Map<string, { column: string; pence: Float64Array; total: number }>();
  for (const [key, stream] of streams) {
    if (stream.rule === 'formula') continue;
    const column = stream.rule === 'fixed' ? stream.column : stream.prior;
    const values = table.columns.get(column)!;
    const pence = new Float64Array(n);
    let total = 0;
    for (let row = 0; row < n; row++) {
      const value = values[row]!;
      const whole = Math.round(value * 100);
      if (!isWholePence(value) || Math.abs(value) > MAX_POUNDS || whole % unit !== 0) {
        if (problems.length < 20) problems.push(`${table.file}:${table.lines[row]}: column '${column}' (streams.${key}): ${value} is not an amount in ${unit === 100 ? 'whole pounds (the model rounds to the pound)' : 'pounds and pence'} within ${MAX_POUNDS_TEXT}`);
        continue;
      }
      pence[row] = whole;
      total += whole;
    }
    if (stream.amount !== undefined && Math.round(stream.amount * 100) !== total) {
      const amount = Math.round(stream.amount * 100);
      problems.push(`streams.${key}: its amounts in column '${column}' add up to ${formatPounds(total)}, ${formatPounds(Math.abs(total - amount))} ${total > amount ? 'more' : 'less'} than its amount of ${formatPounds(amount)}`);
    }
    fromColumns.set(key, { column, pence, total });
  }
  if (problems.length > 0) throw new UserError(problems);

  // Formula streams share what the fixed and held-flat streams leave.
  const fixedTotal = [...fromColumns.values()].reduce((s, c) => s + c.total, 0);
  const givenTotal = streams.reduce((s, [, stream]) => s + (stream.rule === 'formula' && stream.amount !== undefined ? Math.round(stream.amount * 100) : 0), 0);
  const rest = distributable - fixedTotal - givenTotal;
  const open = streams.find(([, stream]) => stream.rule === 'formula' && stream.amount === undefined)?.[0];
  const named = (parts: [string, number][]) => parts.filter(([, v]) => v !== 0).map(([what, v]) => `${what} ${formatPounds(v)}`).join(', ');
  if (rest < 0) {
    throw new UserError(
      `streams: the streams take ${formatPounds(fixedTotal + givenTotal)} (${named([
        ['fixed and held flat', fixedTotal],
        ['formula amounts', givenTotal],
      ])}), ${formatPounds(-rest)} more than the distributable pot of ${formatPounds(distributable)}`,
    );
  }
  if (open === undefined && rest !== 0) {
    throw new UserError(
      `streams: the streams add up to ${formatPounds(fixedTotal + givenTotal)}, ${formatPounds(rest)} less than the distributable pot of ${formatPounds(distributable)}; ` +
        'leave out the amount of one formula stream to let it take the rest, or change an amount',
    );
  }

  const results: StreamResult[] = streams.map(([key, stream]): StreamResult => {
    const name = stream.name ?? key;
    const columnStream = fromColumns.get(key);
    if (columnStream) return { key, name, rule: stream.rule, column: columnStream.column, totalPence: columnStream.total, pence: columnStream.pence };
    if (stream.rule !== 'formula') throw new Error('unreachable: a column stream without its column');
    const totalPence = stream.amount === undefined ? rest : Math.round(stream.amount * 100);
    const own: Model = {
      fairshare: 1,
      title: `${model.title}: ${name}`,
      data: model.data,
      pot: { total: totalPence / 100 },
      indicators: stream.indicators,
      ...(stream.minimum !== undefined && { minimum: stream.minimum }),
      ...(stream.damping && { damping: stream.damping }),
      rounding: model.rounding,
    };
    const prior = options.streamPriors?.get(key);
    let result: AllocationResult;
    try {
      result = allocateFormula(own, table, { ...(prior && stream.damping && { prior }), ...(options.transitionYears !== undefined && { transitionYears: options.transitionYears }) });
    } catch (error) {
      // The stream's own keys, as the model file has them.
      if (error instanceof UserError) throw new UserError(error.problems.map((p) => `streams.${key}: ${p}`));
      throw error;
    }
    if (result.residualPence !== 0) throw new UserError(`streams.${key}: an imposed scale-back factor in a stream would leave part of its amount unallocated; impose it on the total (damping) instead`);
    return { key, name, rule: 'formula', totalPence, ...(stream.amount === undefined && { takesTheRest: true }), pence: Float64Array.from(result.allocationsPence), result };
  });

  // The total per area, damped (if the model has damping) and rounded to the pot.
  const totals = new Float64Array(n);
  for (const stream of results) for (let row = 0; row < n; row++) totals[row] = totals[row]! + stream.pence[row]!;
  const columns = new Map(table.columns);
  columns.set(STREAMS_TOTAL, Float64Array.from(totals, (pence) => pence / 100));
  const totalModel: Model = {
    fairshare: 1,
    title: model.title,
    ...(model.period !== undefined && { period: model.period }),
    data: model.data,
    pot: model.pot,
    indicators: { streams: { column: STREAMS_TOTAL, weight: 1 } },
    ...(model.damping && { damping: model.damping }),
    rounding: model.rounding,
  };
  const total = allocateFormula(totalModel, { ...table, columns }, options);
  // The same result with the streams beside it, and each area's amount from each stream; the
  // per-area records stay lazy (built on first use), as in every allocation.
  const descriptors: PropertyDescriptorMap = Object.getOwnPropertyDescriptors(total);
  let areas: AreaAllocation[] | undefined;
  descriptors['areas'] = { get: () => (areas ??= total.areas.map((area, row) => ({ ...area, streams: results.map((stream) => stream.pence[row]!) }))), enumerable: true, configurable: true };
  return Object.defineProperties({}, { ...descriptors, streams: { value: results, enumerable: true } }) as AllocationResult & { streams: StreamResult[] };
}
