/**
 * Counting police.uk street-level records by area and crime type (and month on request).
 * Rows that cannot be placed are counted by reason, never dropped silently. Tallies from
 * separate workers merge exactly.
 */
import { UserError } from '../../errors.js';

/** The columns of a police.uk street-level file, in order. */
export const POLICE_UK_HEADER = [
  'Crime ID', 'Month', 'Reported by', 'Falls within', 'Longitude', 'Latitude', 'Location',
  'LSOA code', 'LSOA name', 'Crime type', 'Last outcome category', 'Context',
] as const;

/** The columns the tally reads, in the order `add` takes them. */
export const TALLY_COLUMNS = ['Month', 'LSOA code', 'Crime type'] as const;

/** police.uk crime categories, in the order police.uk lists them. */
export const CRIME_TYPES = [
  'Anti-social behaviour', 'Bicycle theft', 'Burglary', 'Criminal damage and arson', 'Drugs',
  'Other crime', 'Other theft', 'Possession of weapons', 'Public order', 'Robbery', 'Shoplifting',
  'Theft from the person', 'Vehicle crime', 'Violence and sexual offences',
] as const;

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/** Parse `2024-01,2024-03..2024-06` into a month filter. */
export function parseMonths(text: string): (month: string) => boolean {
  const ranges = text.split(',').map((part) => {
    const [from, to = from] = part.trim().split('..');
    for (const month of [from, to]) {
      if (!month || !MONTH.test(month)) throw new UserError(`--months ${text}: '${month ?? ''}' is not a month like 2024-01 (ranges: 2024-01..2024-06)`);
    }
    if (to! < from!) throw new UserError(`--months ${text}: the range ${part} runs backwards`);
    return [from!, to!] as const;
  });
  return (month) => ranges.some(([from, to]) => month >= from && month <= to);
}

/** Parse `Burglary,Robbery` against the police.uk categories. */
export function parseTypes(text: string): Set<string> {
  const wanted = text.split(',').map((type) => type.trim()).filter(Boolean);
  const known = new Map(CRIME_TYPES.map((type) => [type.toLowerCase(), type]));
  return new Set(
    wanted.map((type) => {
      const match = known.get(type.toLowerCase());
      if (!match) throw new UserError(`--types: '${type}' is not a police.uk crime type; the types are ${CRIME_TYPES.join(', ')}`);
      return match;
    }),
  );
}

export interface TallyOptions {
  /** LSOA code -> area index, for the level and vintage chosen. */
  lsoaIndex: ReadonlyMap<string, number>;
  /** LSOAs the lookup knows but cannot place at this level. */
  unplaced: ReadonlyMap<string, string>;
  types?: ReadonlySet<string>;
  months?: (month: string) => boolean;
  byMonth: boolean;
}

/** A tally as plain data: what workers send back, and what reports read. */
export interface TallyState {
  months: string[];
  types: string[];
  /** [key, count]; key = (area x 4096 + month) x 64 + type. */
  counts: [number, number][];
  rows: number;
  counted: number;
  noLsoa: number;
  filteredOut: number;
  unknownLsoa: [string, number][];
  unplaced: [string, number][];
  files: number;
}

const MONTH_SLOTS = 4096;
const TYPE_SLOTS = 64;

/** A month or crime type seen in the bytes: its text, whether the filters keep it, its interned index (-1 until counted). */
interface Slot {
  text: string;
  bytes?: Buffer;
  allowed: boolean;
  at: number;
}

const LSOA_ID_LIMIT = 2_000_000;

/** An LSOA code of the form E01dddddd or W01dddddd as a number below 2,000,000; -1 for any other form. */
function lsoaId(buf: Buffer, start: number, end: number): number {
  if (end - start !== 9 || buf[start + 1] !== 48 || buf[start + 2] !== 49) return -1;
  const nation = buf[start];
  if (nation !== 69 && nation !== 87) return -1;
  let id = 0;
  for (let i = start + 3; i < end; i++) {
    const digit = buf[i]! - 48;
    if (digit < 0 || digit > 9) return -1;
    id = id * 10 + digit;
  }
  return nation === 87 ? id + 1_000_000 : id;
}

export class CrimeTally {
  private readonly counts = new Map<number, number>();
  private readonly monthSlots = new Map<number, Slot>();
  private readonly typeSlots = new Map<number, Slot>();
  /** Area index + 1 by LSOA id (see lsoaId), built on the first byte-level record; 0: not placed this way. */
  private lsoaDense: Int32Array | undefined;
  private readonly monthIndex = new Map<string, number>();
  private readonly typeIndex = new Map<string, number>();
  private readonly unknownLsoa = new Map<string, number>();
  private readonly unplacedLsoa = new Map<string, number>();
  rows = 0;
  counted = 0;
  noLsoa = 0;
  filteredOut = 0;
  files = 0;

  constructor(private readonly options: TallyOptions) {}

  /** One record (or `n` alike, from a table of counts): its Month, LSOA code and Crime type (TALLY_COLUMNS). */
  add(values: readonly string[], n = 1): void {
    this.rows += n;
    const month = values[0]!;
    const lsoa = values[1]!;
    const type = values[2]!;
    const { months, types } = this.options;
    if ((months && !months(month)) || (types && !types.has(type))) {
      this.filteredOut += n;
      return;
    }
    if (lsoa === '') {
      this.noLsoa += n;
      return;
    }
    const area = this.options.lsoaIndex.get(lsoa);
    if (area === undefined) {
      const bucket = this.options.unplaced.has(lsoa) ? this.unplacedLsoa : this.unknownLsoa;
      bucket.set(lsoa, (bucket.get(lsoa) ?? 0) + n);
      return;
    }
    // Months are interned either way, so the report can say which months the input covers.
    const monthAt = this.intern(this.monthIndex, month, MONTH_SLOTS, 'months');
    const typeAt = this.intern(this.typeIndex, type, TYPE_SLOTS, 'crime types');
    const key = (area * MONTH_SLOTS + (this.options.byMonth ? monthAt : 0)) * TYPE_SLOTS + typeAt;
    this.counts.set(key, (this.counts.get(key) ?? 0) + n);
    this.counted += n;
  }

  /**
   * One record from its bytes (RecordScanner's onFields: Month, LSOA code, Crime type):
   * months, types and LSOA codes decoded to integers through caches, with no strings made
   * per row. The same counts as `add`; false for a form it does not decode (then `add`).
   */
  addBytes(buf: Buffer, starts: Int32Array, ends: Int32Array): boolean {
    const ms = starts[0]!;
    if (ends[0]! - ms !== 7 || buf[ms + 4] !== 45) return false;
    // YYYY-MM as the number YYYYMM (a digit check on each; anything else takes the string path).
    const y1 = buf[ms]! - 48;
    const y2 = buf[ms + 1]! - 48;
    const y3 = buf[ms + 2]! - 48;
    const y4 = buf[ms + 3]! - 48;
    const m1 = buf[ms + 5]! - 48;
    const m2 = buf[ms + 6]! - 48;
    if ((y1 | y2 | y3 | y4 | m1 | m2) < 0 || y1 > 9 || y2 > 9 || y3 > 9 || y4 > 9 || m1 > 9 || m2 > 9) return false;
    const monthKey = ((((y1 * 10 + y2) * 10 + y3) * 10 + y4) * 10 + m1) * 10 + m2;
    let month = this.monthSlots.get(monthKey);
    if (!month) {
      const text = buf.toString('latin1', ms, ms + 7);
      this.monthSlots.set(monthKey, (month = { text, allowed: !this.options.months || this.options.months(text), at: -1 }));
    }
    const ts = starts[2]!;
    const te = ends[2]!;
    const length = te - ts;
    if (length === 0 || length > 60) return false;
    const hash = (length * 256 + buf[ts]!) * 256 + buf[te - 1]!;
    let type = this.typeSlots.get(hash);
    if (!type) {
      const text = buf.toString('utf8', ts, te);
      this.typeSlots.set(hash, (type = { text, bytes: Buffer.from(buf.subarray(ts, te)), allowed: !this.options.types || this.options.types.has(text), at: -1 }));
    } else {
      const bytes = type.bytes!;
      for (let i = 1; i < length - 1; i++) if (buf[ts + i] !== bytes[i]) return false;
    }
    this.rows++;
    if (!month.allowed || !type.allowed) {
      this.filteredOut++;
      return true;
    }
    const ls = starts[1]!;
    const le = ends[1]!;
    if (ls === le) {
      this.noLsoa++;
      return true;
    }
    const dense = (this.lsoaDense ??= this.denseIndex());
    const id = lsoaId(buf, ls, le);
    let area = id >= 0 ? dense[id]! - 1 : -1;
    if (area < 0) {
      const code = buf.toString('utf8', ls, le);
      const known = this.options.lsoaIndex.get(code);
      if (known === undefined) {
        const bucket = this.options.unplaced.has(code) ? this.unplacedLsoa : this.unknownLsoa;
        bucket.set(code, (bucket.get(code) ?? 0) + 1);
        return true;
      }
      area = known;
    }
    if (month.at < 0) month.at = this.intern(this.monthIndex, month.text, MONTH_SLOTS, 'months');
    if (type.at < 0) type.at = this.intern(this.typeIndex, type.text, TYPE_SLOTS, 'crime types');
    const key = (area * MONTH_SLOTS + (this.options.byMonth ? month.at : 0)) * TYPE_SLOTS + type.at;
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
    this.counted++;
    return true;
  }

  private denseIndex(): Int32Array {
    const dense = new Int32Array(LSOA_ID_LIMIT);
    const buf = Buffer.alloc(9);
    for (const [code, area] of this.options.lsoaIndex) {
      if (code.length !== 9) continue;
      buf.write(code, 'latin1');
      const id = lsoaId(buf, 0, 9);
      if (id >= 0) dense[id] = area + 1;
    }
    return dense;
  }

  private intern(index: Map<string, number>, value: string, limit: number, what: string): number {
    let at = index.get(value);
    if (at === undefined) {
      at = index.size;
      if (at >= limit) throw new UserError(`more than ${limit} distinct ${what} in the input; is this police.uk street-level data?`);
      index.set(value, at);
    }
    return at;
  }

  state(): TallyState {
    return {
      months: [...this.monthIndex.keys()],
      types: [...this.typeIndex.keys()],
      counts: [...this.counts],
      rows: this.rows,
      counted: this.counted,
      noLsoa: this.noLsoa,
      filteredOut: this.filteredOut,
      unknownLsoa: [...this.unknownLsoa],
      unplaced: [...this.unplacedLsoa],
      files: this.files,
    };
  }
}

/** Merge tallies made over different files (months and types re-indexed by name). */
export function mergeTallies(states: readonly TallyState[], byMonth: boolean): TallyState {
  const months = [...new Set(states.flatMap((s) => s.months))].sort();
  const types = [...new Set(states.flatMap((s) => s.types))];
  // Each worker stays within the limits alone; together they must too, or a key would spill
  // into its neighbour's slot. The same refusal as one thread reading every file.
  if (months.length > MONTH_SLOTS) throw new UserError(`more than ${MONTH_SLOTS} distinct months in the input; is this police.uk street-level data?`);
  if (types.length > TYPE_SLOTS) throw new UserError(`more than ${TYPE_SLOTS} distinct crime types in the input; is this police.uk street-level data?`);
  const counts = new Map<number, number>();
  const add = <K>(map: Map<K, number>, key: K, n: number) => map.set(key, (map.get(key) ?? 0) + n);
  const unknown = new Map<string, number>();
  const unplaced = new Map<string, number>();
  for (const state of states) {
    for (const [key, n] of state.counts) {
      const type = key % TYPE_SLOTS;
      const month = Math.floor(key / TYPE_SLOTS) % MONTH_SLOTS;
      const area = Math.floor(key / TYPE_SLOTS / MONTH_SLOTS);
      const m = byMonth ? months.indexOf(state.months[month]!) : 0;
      add(counts, (area * MONTH_SLOTS + m) * TYPE_SLOTS + types.indexOf(state.types[type]!), n);
    }
    for (const [code, n] of state.unknownLsoa) add(unknown, code, n);
    for (const [code, n] of state.unplaced) add(unplaced, code, n);
  }
  const sum = (pick: (s: TallyState) => number) => states.reduce((total, s) => total + pick(s), 0);
  return {
    months,
    types,
    counts: [...counts],
    rows: sum((s) => s.rows),
    counted: sum((s) => s.counted),
    noLsoa: sum((s) => s.noLsoa),
    filteredOut: sum((s) => s.filteredOut),
    unknownLsoa: [...unknown].sort(([a], [b]) => (a < b ? -1 : 1)),
    unplaced: [...unplaced].sort(([a], [b]) => (a < b ? -1 : 1)),
    files: sum((s) => s.files),
  };
}

export function decodeKey(key: number): { area: number; month: number; type: number } {
  return { type: key % TYPE_SLOTS, month: Math.floor(key / TYPE_SLOTS) % MONTH_SLOTS, area: Math.floor(key / TYPE_SLOTS / MONTH_SLOTS) };
}
