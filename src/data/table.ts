/**
 * The indicator table: one row per area, read from CSV text. Pure (the caller reads the
 * file); every problem names the file, line and column.
 */
import { parse } from 'csv-parse/sync';
import { UserError } from '../errors.js';
import { nearestKey } from '../model/schema-keys.js';
import { columnarAreaTable } from './csv-columns.js';

export interface AreaTable {
  file: string;
  header: string[];
  keys: string[];
  labels: string[];
  /** 1-based line of each row in the file, for messages. */
  lines: number[];
  /** Numeric columns that were asked for, parsed. */
  columns: Map<string, Float64Array>;
}

export interface TableSpec {
  key: string;
  label?: string;
  /** Columns that must hold a non-negative number in every row, with the model key that reads each. */
  numeric: readonly { column: string; usedBy: string; signed?: boolean }[];
}

const PLAIN_NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const GROUPED_NUMBER = /^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$/;

/** Parse a cell as a number: plain decimals, or with thousands separators ("1,296"). */
export function parseNumberCell(cell: string): number | undefined {
  const text = cell.trim();
  if (PLAIN_NUMBER.test(text)) return Number(text);
  if (GROUPED_NUMBER.test(text)) return Number(text.replaceAll(',', ''));
  return undefined;
}

/**
 * The common cell, digits with at most one point ("1234", "56.789"), read without the
 * regular expressions; anything else (signs, exponents, separators, spaces, empty) is
 * undefined and goes the careful way.
 */
function plainDecimal(cell: string): number | undefined {
  const n = cell.length;
  if (n === 0 || n > 20) return undefined;
  let points = 0;
  for (let i = 0; i < n; i++) {
    const code = cell.charCodeAt(i);
    if (code === 46) points++;
    else if (code < 48 || code > 57) return undefined;
  }
  if (points > 1 || (points === 1 && n === 1)) return undefined;
  return Number(cell);
}

const MAX_PROBLEMS = 20;

/**
 * A column the model reads must be named once in the header: with two of the same name,
 * which one a figure came from would be a guess (and reading the last one silently gave
 * wrong allocations). `used` are the columns read; the message names both places.
 */
function repeatedColumns(header: readonly string[], used: readonly string[], at: string): string[] {
  const problems: string[] = [];
  for (const column of new Set(used)) {
    const places = header.flatMap((name, i) => (name === column ? [i + 1] : []));
    if (places.length > 1) problems.push(`${at}: the column '${column}' appears ${places.length === 2 ? 'twice' : `${places.length} times`} in the header (columns ${places.join(' and ')}); name each column once`);
  }
  return problems;
}

/** Records of a table with where each one is, for messages ("data.csv:12", "book.xlsx sheet 'IMD' row 12"). */
export interface TableRecords {
  /** The header first, then one record per row. */
  records: string[][];
  /** Location of each record (including the header), for messages. */
  where: string[];
  /** Line or row number of each record. */
  lines: number[];
}

/**
 * Split CSV text into records with their line numbers. Most tables have no line breaks
 * inside quotes and no stray quotes: those are split line by line, about ten times faster
 * than csv-parse with its per-record info; anything else goes to csv-parse, whose errors
 * name the line.
 */
export function csvRecords(text: string, file: string): TableRecords {
  return fastCsvRecords(text, file) ?? parsedCsvRecords(text, file);
}

function parsedCsvRecords(text: string, file: string): TableRecords {
  let parsed: { record: string[]; info: { lines: number } }[];
  try {
    parsed = parse(text, { bom: true, info: true, skip_empty_lines: true, relax_column_count: false }) as unknown as typeof parsed;
  } catch (error) {
    const e = error as { lines?: number; message: string };
    throw new UserError(`${file}${e.lines ? `:${e.lines}` : ''}: not a valid CSV file: ${e.message}`);
  }
  return {
    records: parsed.map(({ record }) => record),
    lines: parsed.map(({ info }) => info.lines),
    where: parsed.map(({ info }) => `${file}:${info.lines}`),
  };
}

/** Line by line, or undefined when the text needs a full CSV parser (quoted line breaks, stray quotes, CR-only line ends). */
function fastCsvRecords(text: string, file: string): TableRecords | undefined {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (/\r(?!\n)/.test(body)) return undefined;
  const records: string[][] = [];
  const lines: number[] = [];
  let width = -1;
  let line = 0;
  for (let at = 0; at <= body.length; ) {
    let end = body.indexOf('\n', at);
    if (end === -1) end = body.length;
    line++;
    const raw = body.charCodeAt(end - 1) === 13 ? body.slice(at, end - 1) : body.slice(at, end);
    at = end + 1;
    if (raw === '') continue;
    const fields = splitCsvLine(raw, ',');
    if (!fields) return undefined;
    if (width === -1) width = fields.length;
    else if (fields.length !== width) throw new UserError(`${file}:${line}: not a valid CSV file: the row has ${fields.length} fields and the header ${width}`);
    records.push(fields);
    lines.push(line);
  }
  return { records, lines, where: lines.map((n) => `${file}:${n}`) };
}

/** An area table from CSV text: straight into columns when the table is clean, else record by record with every problem named. */
export function parseAreaTable(text: string, file: string, spec: TableSpec): AreaTable {
  return columnarAreaTable(text, file, spec) ?? areaTable(csvRecords(text, file), file, spec);
}

/** Validate records into an area table: the checks are the same for CSV and spreadsheets. */
export function areaTable({ records, where, lines: recordLines }: TableRecords, file: string, spec: TableSpec): AreaTable {
  const first = records[0];
  if (!first) throw new UserError(`${file}: the file is empty; expected a header row and one row per area`);
  const header = first.map((name) => name.trim());
  if (records.length < 2) throw new UserError(`${where[0]}: the table has a header but no rows of data`);

  const problems: string[] = repeatedColumns(header, [spec.key, ...(spec.label !== undefined ? [spec.label] : []), ...spec.numeric.map((n) => n.column)], where[0]!);
  if (problems.length > 0) throw new UserError(problems);
  const index = new Map(header.map((name, i) => [name, i]));
  const need = (column: string, role: string): number => {
    const at = index.get(column);
    if (at === undefined) {
      const near = nearestKey(column, header);
      problems.push(`${where[0]}: no column '${column}' (${role})${near ? `; did you mean '${near}'?` : `; the columns are ${header.join(', ')}`}`);
      return -1;
    }
    return at;
  };
  const keyAt = need(spec.key, 'data.key');
  const labelAt = spec.label === undefined ? keyAt : need(spec.label, 'data.label');
  const numericAt = spec.numeric.map(({ column, usedBy }) => need(column, `used by ${usedBy}`));
  if (problems.length > 0) throw new UserError(problems);

  const n = records.length - 1;
  const keys: string[] = [];
  const labels: string[] = [];
  const lines: number[] = [];
  const columns = new Map(spec.numeric.map(({ column }) => [column, new Float64Array(n)]));
  const seen = new Map<string, number>();

  // Column arrays and specs looked up once, not per cell: this loop runs once per area.
  const targets = spec.numeric.map(({ column }) => columns.get(column)!);
  const signedAt = spec.numeric.map(({ signed }) => signed === true);
  for (let r = 0; r < n; r++) {
    const record = records[r + 1]!;
    const line = recordLines[r + 1]!;
    const key = (record[keyAt] ?? '').trim();
    if (key === '') problems.push(`${where[r + 1]}: column '${spec.key}': the area key is empty`);
    else if (seen.has(key)) problems.push(`${where[r + 1]}: column '${spec.key}': area key '${key}' is already used on line ${seen.get(key)}`);
    else seen.set(key, line);
    keys.push(key);
    labels.push(labelAt === keyAt ? key : (record[labelAt] ?? '').trim() || key);
    lines.push(line);
    for (let c = 0; c < targets.length; c++) {
      const cell = record[numericAt[c]!] ?? '';
      const quick = plainDecimal(cell);
      if (quick !== undefined) {
        targets[c]![r] = quick;
        continue;
      }
      const column = spec.numeric[c]!.column;
      const value = parseNumberCell(cell);
      const at = where[r + 1]!;
      // A signed column (adjustments, say) may be negative, and an empty cell is none.
      if (cell.trim() === '' && signedAt[c]) targets[c]![r] = 0;
      else if (cell.trim() === '') problems.push(`${at}: column '${column}': the value is empty; expected a number`);
      else if (value === undefined || !Number.isFinite(value)) problems.push(`${at}: column '${column}': expected a number, got ${JSON.stringify(cell)}`);
      else if (value < 0 && !signedAt[c]) problems.push(`${at}: column '${column}': expected a number of zero or more, got ${cell.trim()}`);
      else targets[c]![r] = value;
    }
  }

  if (problems.length > MAX_PROBLEMS) {
    const more = problems.length - MAX_PROBLEMS;
    throw new UserError([...problems.slice(0, MAX_PROBLEMS), `... and ${more} more problem(s) in ${file}`]);
  }
  if (problems.length > 0) throw new UserError(problems);
  return { file, header, keys, labels, lines, columns };
}

/**
 * The rows of a table that is not one row per area (needs by priority and area, grant
 * applications): each row's cells in the order of `columns`, with where the row is.
 * A missing column is named with the nearest there is.
 */
export function namedRows({ records, where }: TableRecords, file: string, columns: readonly { column: string; role: string }[]): { cells: string[]; where: string }[] {
  const first = records[0];
  if (!first) throw new UserError(`${file}: the file is empty; expected a header row`);
  const header = first.map((name) => name.trim());
  const problems: string[] = repeatedColumns(header, columns.map((c) => c.column), where[0]!);
  if (problems.length > 0) throw new UserError(problems);
  const at = columns.map(({ column, role }) => {
    const index = header.indexOf(column);
    if (index < 0) {
      const near = nearestKey(column, header);
      problems.push(`${where[0]}: no column '${column}' (${role})${near ? `; did you mean '${near}'?` : `; the columns are ${header.join(', ')}`}`);
    }
    return index;
  });
  if (problems.length > 0) throw new UserError(problems);
  return records.slice(1).map((record, r) => ({ cells: at.map((index) => (record[index] ?? '').trim()), where: where[r + 1]! }));
}

/** One CSV line (no line break inside quotes) into fields (RFC 4180 quoting); undefined when a quoted field runs past the line. */
export function splitCsvLine(line: string, delimiter: string): string[] | undefined {
  if (!line.includes('"')) return line.split(delimiter);
  const fields: string[] = [];
  let i = 0;
  for (;;) {
    if (line[i] === '"') {
      let value = '';
      let j = i + 1;
      for (;;) {
        const q = line.indexOf('"', j);
        if (q < 0) return undefined;
        value += line.slice(j, q);
        if (line[q + 1] === '"') {
          value += '"';
          j = q + 2;
        } else {
          i = q + 1;
          break;
        }
      }
      fields.push(value);
    } else {
      const end = line.indexOf(delimiter, i);
      const field = line.slice(i, end < 0 ? line.length : end);
      // A quote inside an unquoted field is malformed CSV: the caller's full parser says so.
      if (field.includes('"')) return undefined;
      fields.push(field);
      i = end < 0 ? line.length : end;
    }
    if (i >= line.length) return fields;
    if (line[i] !== delimiter) return undefined;
    i++;
  }
}
