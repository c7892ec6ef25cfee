/**
 * Money is integer pence wherever it is stored or output. Model files state pounds with
 * at most two decimals; these helpers convert exactly and format for people.
 */

/**
 * The largest amount of money fairshare takes, in pounds: a trillion. Every sum of pence up
 * to it is a whole number a double holds exactly (2^53 pence is about £90 trillion), with
 * room for the pot to be summed area by area; larger figures could not be kept exact.
 */
export const MAX_POUNDS = 1e12;

/** MAX_POUNDS in words, for messages. */
export const MAX_POUNDS_TEXT = '£1,000,000,000,000 (a trillion pounds)';

/** Rounding unit of published allocations. */
export type RoundingUnit = 'pound' | 'penny';

/** Pence in one rounding unit. */
export function unitPence(unit: RoundingUnit): 1 | 100 {
  return unit === 'pound' ? 100 : 1;
}

/**
 * True when `pounds` is an amount written with at most two decimals: the nearest double to
 * a whole number of pence over 100. (Testing pounds x 100 against a fixed tolerance refused
 * real amounts above about £100m, whose pence carry a larger binary error.)
 */
export function isWholePence(pounds: number): boolean {
  if (!Number.isFinite(pounds)) return false;
  return Math.round(pounds * 100) / 100 === pounds;
}

/** Pounds (at most two decimals) to integer pence. */
export function poundsToPence(pounds: number): number {
  return Math.round(pounds * 100);
}

const formats = new Map<string, Intl.NumberFormat>();
/**
 * An en-GB number format with these decimals, made once: `toLocaleString` with options builds
 * a formatter on every call, which made the worked examples of 32,844 areas take 10 s.
 */
export function decimalFormat(minimumFractionDigits: number, maximumFractionDigits: number): Intl.NumberFormat {
  const key = `${minimumFractionDigits}|${maximumFractionDigits}`;
  let format = formats.get(key);
  if (!format) formats.set(key, (format = new Intl.NumberFormat('en-GB', { minimumFractionDigits, maximumFractionDigits })));
  return format;
}

const GROUPED = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 0 });

/**
 * Integer pence as pounds for people: "£1,234,567" when whole pounds suffice,
 * otherwise "£1,234,567.89". Negative amounts are "-£12.50".
 */
export function formatPounds(pence: number, alwaysPence = false): string {
  const sign = pence < 0 ? '-' : '';
  const abs = Math.abs(Math.round(pence));
  const pounds = Math.floor(abs / 100);
  const rest = abs % 100;
  const whole = GROUPED.format(pounds);
  return rest === 0 && !alwaysPence ? `${sign}£${whole}` : `${sign}£${whole}.${String(rest).padStart(2, '0')}`;
}

/** Integer pence as a plain decimal pounds string for CSV: "1234567.89" (no separators). */
export function penceToDecimalPounds(pence: number): string {
  const sign = pence < 0 ? '-' : '';
  const abs = Math.abs(Math.round(pence));
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** An exact amount that may have fractions of a penny, for worked examples: "£1,234.5678". */
export function formatExactPounds(pence: number, decimals = 4): string {
  const sign = pence < 0 ? '-' : '';
  const pounds = Math.abs(pence) / 100;
  const text = decimalFormat(2, decimals).format(pounds);
  return `${sign}£${text}`;
}
