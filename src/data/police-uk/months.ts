/**
 * Which months of crime an indicator covers: the span asked for, or by default the twelve
 * months to the latest month published; with warnings when months are missing or periods
 * are mixed (the same calendar month of two years, or more than a year).
 */
import { UserError } from '../../errors.js';

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;
/** A span longer than a century is not a span of police.uk months. */
const MAX_MONTHS = 1200;

const toIndex = (month: string): number => Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1;
const fromIndex = (index: number): string => `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;

/** Every month from `from` to `to`, inclusive. */
export function monthsBetween(from: string, to: string): string[] {
  const months: string[] = [];
  for (let i = toIndex(from); i <= toIndex(to); i++) months.push(fromIndex(i));
  return months;
}

/** `2025-01..2025-04,2025-09` as the months it names, in order, each once. */
export function expandMonths(text: string, where = '--months'): string[] {
  const months = new Set<string>();
  for (const part of text.split(',')) {
    const [from, to = from, extra] = part.trim().split('..');
    for (const month of [from, to]) {
      if (!month || !MONTH.test(month)) throw new UserError(`${where} ${text}: '${month ?? ''}' is not a month like 2025-01 (ranges: 2025-01..2025-06)`);
    }
    if (extra !== undefined) throw new UserError(`${where} ${text}: '${part}' has two '..'; a range is FROM..TO`);
    if (to! < from!) throw new UserError(`${where} ${text}: the range ${part} runs backwards`);
    if (toIndex(to!) - toIndex(from!) >= MAX_MONTHS) throw new UserError(`${where} ${text}: the range ${part} is longer than ${MAX_MONTHS} months`);
    for (const month of monthsBetween(from!, to!)) months.add(month);
  }
  return [...months].sort();
}

/** Months as short ranges: "2025-01..2025-04, 2025-09". */
export function describeMonths(months: readonly string[]): string {
  const sorted = [...new Set(months)].sort();
  const parts: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && toIndex(sorted[j + 1]!) === toIndex(sorted[j]!) + 1) j++;
    parts.push(i === j ? sorted[i]! : `${sorted[i]}..${sorted[j]}`);
    i = j + 1;
  }
  return parts.join(', ');
}

export interface MonthChoice {
  months: string[];
  /** The span the months were chosen from (the twelve months to the latest, or as asked). */
  span: string[];
  warnings: string[];
}

/**
 * The months to count. Asked-for months must all be present (else `absent` lists them for
 * the caller's message); by default the twelve months to the latest month available.
 */
export function chooseMonths(available: readonly string[], requested?: readonly string[]): MonthChoice & { absent: string[] } {
  const have = new Set(available);
  if (available.length === 0) return { months: [], span: [...(requested ?? [])], warnings: [], absent: [...(requested ?? [])] };
  const latest = [...have].sort().at(-1)!;
  const span = requested ? [...requested] : monthsBetween(fromIndex(toIndex(latest) - 11), latest);
  const months = span.filter((month) => have.has(month));
  const absent = requested ? span.filter((month) => !have.has(month)) : [];
  const warnings: string[] = [];
  const missing = span.filter((month) => !have.has(month));
  if (!requested && missing.length > 0) {
    warnings.push(`${months.length} of the 12 months ${span[0]}..${latest} are available; missing ${describeMonths(missing)}: the counts cover ${months.length} months (--annualise scales them to a year)`);
  }
  const calendar = new Map<string, string[]>();
  for (const month of months) calendar.set(month.slice(5), [...(calendar.get(month.slice(5)) ?? []), month]);
  const repeated = [...calendar.values()].filter((list) => list.length > 1);
  if (repeated.length > 0) {
    warnings.push(`periods are mixed: ${repeated.map((list) => list.join(' and ')).join('; ')} are the same calendar month in different years, so those months weigh more than the others`);
  } else if (months.length > 0 && toIndex(months.at(-1)!) - toIndex(months[0]!) >= 12) {
    warnings.push(`periods are mixed: the months run from ${months[0]} to ${months.at(-1)}, more than a year`);
  }
  return { months, span, warnings, absent };
}
