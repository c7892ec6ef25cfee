/**
 * The fast way to read an area table from CSV text: straight into its columns, taking from
 * each line only the cells the model reads (no array of fields per row, no string per
 * number), and the duplicate keys found from the key order the engine needs anyway (no map
 * of a million keys). A million rows took 3-4 s the general way, most of it in per-row
 * arrays, strings and the garbage they leave.
 *
 * It reads clean tables only: at the first thing that needs a message or a full CSV parser
 * (a quoted line break or stray quote, a short row, an empty key or cell, a number it does
 * not read, a repeated key or column) it gives up, and the general reader (table.ts) reads the file and says what is
 * wrong, so every message has one source.
 */
import { cachedKeyOrder } from './key-order.js';
import { parseNumberCell, splitCsvLine, type AreaTable, type TableSpec } from './table.js';

/** 10^k for the fraction digits of a plain decimal (exact doubles up to 10^22). */
const POWERS_OF_TEN = Array.from({ length: 23 }, (_, k) => 10 ** k);

/**
 * The cell text[start, end) as a number, when it is digits with at most one point and at
 * most 15 digits: then the digits are an exact integer m below 2^53 and m / 10^k is one
 * correctly rounded division, the same double as Number(text) (Clinger's fast path).
 * NaN for anything else (signs, exponents, separators, spaces, more digits, empty).
 */
export function plainDecimalAt(text: string, start: number, end: number): number {
  let digits = 0;
  let whole = 0;
  let point = -1;
  for (let i = start; i < end; i++) {
    const code = text.charCodeAt(i);
    if (code >= 48 && code <= 57) {
      whole = whole * 10 + (code - 48);
      digits++;
    } else if (code === 46 && point < 0) point = i;
    else return NaN;
  }
  if (digits === 0 || digits > 15) return NaN;
  return point < 0 ? whole : whole / POWERS_OF_TEN[end - point - 1]!;
}

/**
 * The cell source[from, to) as a non-negative number, read as the general reader reads it
 * (plain digits here, anything else by its parseNumberCell); undefined for what that reader
 * would question or read otherwise (empty, negative, not finite).
 */
function cellNumber(source: string, from: number, to: number): number | undefined {
  const plain = plainDecimalAt(source, from, to);
  if (!Number.isNaN(plain)) return plain;
  const value = parseNumberCell(source.slice(from, to));
  return value !== undefined && Number.isFinite(value) && !(value < 0) ? value : undefined;
}

/** The area table, or undefined when the text needs the general reader (see above). */
export function columnarAreaTable(text: string, file: string, spec: TableSpec): AreaTable | undefined {
  let at = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  if (text.includes('\r') && /\r(?!\n)/.test(text)) return undefined;
  // Lines with a quote ("Bristol, City of") are split as the general reader splits them.
  let nextQuote = text.indexOf('"', at);

  let line = 0;
  // The current line: [start, stop) without its line end (fields, not a tuple per line).
  let start = 0;
  let stop = 0;
  /** Move to the next non-empty line; false at the end of the text. */
  const nextLine = (): boolean => {
    while (at <= text.length) {
      let end = text.indexOf('\n', at);
      if (end < 0) end = text.length;
      start = at;
      at = end + 1;
      line++;
      stop = end > start && text.charCodeAt(end - 1) === 13 ? end - 1 : end;
      if (stop > start) return true;
    }
    return false;
  };

  if (!nextLine()) return undefined;
  const headerCells = splitCsvLine(text.slice(start, stop), ',');
  if (!headerCells) return undefined;
  const header = headerCells.map((name) => name.trim());
  const width = header.length;
  const place = (column: string): number => (header.indexOf(column) === header.lastIndexOf(column) ? header.indexOf(column) : -1);
  const keyAt = place(spec.key);
  const labelAt = spec.label === undefined ? keyAt : place(spec.label);
  const numericAt = spec.numeric.map(({ column }) => place(column));
  if (keyAt < 0 || labelAt < 0 || numericAt.includes(-1)) return undefined;

  // For each field of a line: what to take from it (-1 nothing, -2 the key, -3 the label, c the c-th numeric column).
  // A field with two roles (a column read twice, or the key read as a number) is the general reader's.
  const role = new Int32Array(width).fill(-1);
  let shared = false;
  const claim = (field: number, what: number) => {
    if (role[field] !== -1) shared = true;
    role[field] = what;
  };
  numericAt.forEach((field, c) => claim(field, c));
  if (labelAt !== keyAt) claim(labelAt, -3);
  claim(keyAt, -2);
  if (shared) return undefined;

  const keys: string[] = [];
  const labels: string[] = [];
  const lines: number[] = [];
  const values: number[][] = spec.numeric.map(() => []);
  while (nextLine()) {
    let key = '';
    let label = '';
    if (nextQuote >= 0 && nextQuote < start) nextQuote = text.indexOf('"', start);
    if (nextQuote >= 0 && nextQuote < stop) {
      const cells = splitCsvLine(text.slice(start, stop), ',');
      nextQuote = text.indexOf('"', at);
      if (!cells || cells.length !== width) return undefined;
      for (let field = 0; field < width; field++) {
        const taken = role[field]!;
        if (taken >= 0) {
          const value = cellNumber(cells[field]!, 0, cells[field]!.length);
          if (value === undefined) return undefined;
          values[taken]!.push(value);
        } else if (taken === -2) key = cells[field]!.trim();
        else if (taken === -3) label = cells[field]!.trim();
      }
    } else {
      let from = start;
      for (let field = 0; field < width; field++) {
        // A scan in place: fields are short.
        let to = from;
        while (to < stop && text.charCodeAt(to) !== 44) to++;
        // A line with fewer fields than the header (the last field reached early) or more.
        if ((to === stop) !== (field === width - 1)) return undefined;
        const taken = role[field]!;
        if (taken >= 0) {
          const value = cellNumber(text, from, to);
          if (value === undefined) return undefined;
          values[taken]!.push(value);
        } else if (taken === -2) key = text.slice(from, to).trim();
        else if (taken === -3) label = text.slice(from, to).trim();
        from = to + 1;
      }
    }
    if (key === '') return undefined;
    keys.push(key);
    labels.push(labelAt === keyAt ? key : label || key);
    lines.push(line);
  }
  if (keys.length === 0) return undefined;

  // Repeated keys sit side by side in key order (which the engine then reuses).
  const order = cachedKeyOrder(keys);
  for (let j = 1; j < order.length; j++) if (keys[order[j]!] === keys[order[j - 1]!]) return undefined;
  const columns = new Map(spec.numeric.map(({ column }, c) => [column, Float64Array.from(values[c]!)]));
  return { file, header, keys, labels, lines, columns };
}
