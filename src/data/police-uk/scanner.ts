/**
 * A streaming CSV record scanner over bytes, for large files of a known layout (police.uk
 * street-level crime: about six million rows a year). It finds line ends with the native
 * `Buffer.indexOf`, splits fields with a byte loop, handles RFC 4180 quoting (including
 * line breaks inside quotes), validates UTF-8 natively per chunk, and turns only the wanted
 * fields into strings. Every malformed record is rejected with its file and line.
 *
 * Measured against csv-parse on this workload: see bench/README.md.
 */
import { isUtf8 } from 'node:buffer';
import { UserError } from '../../errors.js';

const LF = 10;
const CR = 13;
/** The longest record read: police.uk rows are about 250 bytes; a line of megabytes is not one. */
export const MAX_RECORD_BYTES = 1 << 20;
const QUOTE = 34;
const COMMA = 44;

export interface ScannerOptions {
  file: string;
  /** Columns that must be in the header; their values are passed to `onRecord` in this order. */
  wanted: readonly string[];
  /** What the header should look like, for the message when it does not. */
  expectedHeader: readonly string[];
  onRecord: (values: string[], line: number) => void;
  /**
   * Instead of strings: the wanted fields as byte ranges of `buf` (in `wanted` order, in
   * `starts` and `ends`), for a caller that decodes them itself. Return false to have the
   * record decoded to strings and passed to `onRecord` after all (an unusual value).
   */
  onFields?: (buf: Buffer, starts: Int32Array, ends: Int32Array, line: number) => boolean;
}

export class RecordScanner {
  private carry: Buffer | undefined;
  /** Line number of the first line in `carry` (or of the next chunk). */
  private line = 1;
  private header: string[] | undefined;
  private positions: number[] = [];
  private fieldCount = 0;
  private readonly values: string[];
  private bytesSeen = 0;
  private readonly starts = new Int32Array(256);
  private readonly ends = new Int32Array(256);
  private readonly wantedStarts = new Int32Array(16);
  private readonly wantedEnds = new Int32Array(16);
  /** The byte that ends a line: LF (and CRLF), or CR in files with old Mac line endings; found on the first line. */
  private eol: number | undefined;

  constructor(private readonly options: ScannerOptions) {
    this.values = new Array<string>(options.wanted.length);
  }

  push(chunk: Buffer): void {
    if (chunk.length === 0) return;
    this.bytesSeen += chunk.length;
    let buf = chunk;
    if (this.carry) {
      // Finish the carried line with the head of this chunk, rather than copy the whole
      // chunk behind it: a megabyte less to allocate (and collect) per chunk. Only when
      // neither part holds a quote (a quoted field may run over several lines).
      const eol = this.eol === undefined ? -1 : chunk.indexOf(this.eol);
      if (eol !== -1 && this.carry.indexOf(QUOTE) === -1 && chunk.lastIndexOf(QUOTE, eol) === -1) {
        const head = Buffer.concat([this.carry, chunk.subarray(0, eol + 1)]);
        const used = this.scan(head, false);
        buf = used === head.length ? chunk.subarray(eol + 1) : Buffer.concat([head.subarray(used), chunk.subarray(eol + 1)]);
      } else buf = Buffer.concat([this.carry, chunk]);
      this.carry = undefined;
    }
    const consumed = this.scan(buf, false);
    this.carry = consumed < buf.length ? buf.subarray(consumed) : undefined;
    // A record never grows past the limit, so the work per chunk stays bounded: time is
    // linear in the input however long its lines (a file with no line breaks is refused).
    if (this.carry && this.carry.length > MAX_RECORD_BYTES) {
      throw new UserError(`${this.options.file}:${this.line}: the line is longer than ${MAX_RECORD_BYTES / (1 << 20)} MB; police.uk street-level rows are a few hundred bytes`);
    }
  }

  /** LF or CR: whichever ends the first line (CRLF counts as LF). Undefined until a line ends. */
  private lineEnd(buf: Buffer, from: number, final: boolean): number | undefined {
    if (this.eol !== undefined) return this.eol;
    const lf = buf.indexOf(LF, from);
    const cr = buf.indexOf(CR, from);
    if (cr !== -1 && (lf === -1 || cr < lf - 1)) {
      // A CR not followed by LF: CR-only line endings, unless the chunk ends on it.
      if (cr === buf.length - 1 && !final) return undefined;
      this.eol = CR;
    } else if (lf !== -1 || final) this.eol = LF;
    return this.eol;
  }

  /** Call at end of input: the last line may lack its line break, but must be complete. */
  end(): void {
    if (this.bytesSeen === 0) throw new UserError(`${this.options.file}: the file is empty; expected the header ${this.options.expectedHeader.join(',')}`);
    if (this.carry && this.carry.length > 0) this.scan(this.carry, true);
    this.carry = undefined;
    if (!this.header) throw new UserError(`${this.options.file}: the file has no header line`);
  }

  /** Scan whole records in buf; returns the bytes consumed (the rest is an unfinished record). */
  private scan(buf: Buffer, final: boolean): number {
    let start = 0;
    if (this.header === undefined && this.line === 1 && buf.length >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) start = 3;
    const EOL = this.lineEnd(buf, start, final);
    if (EOL === undefined) return 0; // no line ends yet: wait for more
    // Validate UTF-8 up to the last line break (a multi-byte character may straddle chunks).
    const lastBreak = final ? buf.length : buf.lastIndexOf(EOL) + 1;
    if (lastBreak > start && !isUtf8(buf.subarray(start, lastBreak))) this.reportBadUtf8(buf, start, lastBreak);

    const n = buf.length;
    let pos = start;
    // Next quote at or after pos, found once and reused: searching afresh on every line would
    // scan the rest of the chunk each time when it holds no quotes.
    let nextQuote = buf.indexOf(QUOTE, pos);
    while (pos < n) {
      let eol = buf.indexOf(EOL, pos);
      if (nextQuote !== -1 && nextQuote < pos) nextQuote = buf.indexOf(QUOTE, pos);
      if (nextQuote !== -1 && (eol === -1 || nextQuote < eol)) {
        // A quoted field on this line: parse it carefully (it may span lines).
        const end = this.quotedRecordEnd(buf, pos);
        if (end === -1) {
          if (!final) return pos;
          throw new UserError(`${this.options.file}:${this.line}: the last record is cut short (a quoted field is never closed)`);
        }
        eol = end;
        this.record(buf, pos, EOL === LF && eol > pos && buf[eol - 1] === CR ? eol - 1 : eol, false, true);
        this.line += countLineBreaks(buf, pos, eol, EOL) + 1;
        pos = eol + 1;
        continue;
      }
      if (eol === -1) {
        if (!final) return pos;
        eol = n; // last line without a line break
      }
      this.record(buf, pos, EOL === LF && eol > pos && buf[eol - 1] === CR ? eol - 1 : eol, final && eol === n, false);
      this.line++;
      pos = eol + 1;
    }
    return n;
  }

  /** Index of the line break ending the record starting at pos, honouring quotes; -1 if not in buf. */
  private quotedRecordEnd(buf: Buffer, pos: number): number {
    let inQuotes = false;
    for (let i = pos; i < buf.length; i++) {
      const byte = buf[i]!;
      if (byte === QUOTE) {
        if (inQuotes && buf[i + 1] === QUOTE) i++;
        else inQuotes = !inQuotes;
      } else if (byte === this.eol && !inQuotes) return i;
    }
    return -1;
  }

  /** Split one record [from, to) into fields; keep the wanted ones. */
  private record(buf: Buffer, from: number, to: number, lastWithoutBreak: boolean, quoted: boolean): void {
    if (from === to && this.header !== undefined) return; // blank line
    // Field bounds go in reused typed arrays: no allocation per record.
    const starts = this.starts;
    const ends = this.ends;
    let count = 0;
    let fieldStart = from;
    let inQuotes = false;
    if (!quoted) {
      // No quotes on this line (the common case): let the native search find the commas.
      for (let comma = buf.indexOf(COMMA, from); comma !== -1 && comma < to; comma = buf.indexOf(COMMA, comma + 1)) {
        if (count < starts.length) {
          starts[count] = fieldStart;
          ends[count] = comma;
        }
        count++;
        fieldStart = comma + 1;
      }
    } else for (let i = from; i < to; i++) {
      const byte = buf[i]!;
      if (byte === QUOTE) {
        if (inQuotes && i + 1 < to && buf[i + 1] === QUOTE) i++;
        else if (inQuotes || i === fieldStart) inQuotes = !inQuotes;
      } else if (byte === COMMA && !inQuotes) {
        if (count < starts.length) {
          starts[count] = fieldStart;
          ends[count] = i;
        }
        count++;
        fieldStart = i + 1;
      }
    }
    if (count < starts.length) {
      starts[count] = fieldStart;
      ends[count] = to;
    }
    count++;
    if (this.header === undefined) {
      const names: string[] = [];
      for (let f = 0; f < Math.min(count, starts.length); f++) names.push(text(buf, starts[f]!, ends[f]!).trim());
      this.setHeader(names);
      return;
    }
    if (count !== this.fieldCount) {
      const cut = lastWithoutBreak && count < this.fieldCount ? 'the last line is cut short: ' : '';
      throw new UserError(`${this.options.file}:${this.line}: ${cut}expected ${this.fieldCount} fields as in the header, got ${count}`);
    }
    const onFields = this.options.onFields;
    if (onFields && !quoted) {
      for (let w = 0; w < this.positions.length; w++) {
        const f = this.positions[w]!;
        this.wantedStarts[w] = starts[f]!;
        this.wantedEnds[w] = ends[f]!;
      }
      if (onFields(buf, this.wantedStarts, this.wantedEnds, this.line)) return;
    }
    for (let w = 0; w < this.positions.length; w++) {
      const f = this.positions[w]!;
      this.values[w] = text(buf, starts[f]!, ends[f]!);
    }
    this.options.onRecord(this.values, this.line);
  }

  private setHeader(header: string[]): void {
    for (const column of this.options.wanted) {
      const first = header.indexOf(column);
      const again = header.indexOf(column, first + 1);
      if (first >= 0 && again >= 0) {
        throw new UserError(`${this.options.file}:1: the column '${column}' appears twice in the header (columns ${first + 1} and ${again + 1}); which one to count is not clear`);
      }
    }
    const missing = this.options.wanted.filter((column) => !header.includes(column));
    if (missing.length > 0) {
      throw new UserError(
        `${this.options.file}:1: not the expected header: missing ${missing.map((m) => `'${m}'`).join(', ')}; ` +
          `expected ${this.options.expectedHeader.join(',')}, got ${header.join(',').slice(0, 200)}`,
      );
    }
    this.header = header;
    this.fieldCount = header.length;
    this.positions = this.options.wanted.map((column) => header.indexOf(column));
  }

  private reportBadUtf8(buf: Buffer, from: number, to: number): never {
    const decoder = new TextDecoder('utf-8', { fatal: true });
    let line = this.line;
    let pos = from;
    while (pos < to) {
      const eol = buf.indexOf(this.eol ?? LF, pos);
      const end = eol === -1 || eol > to ? to : eol;
      try {
        decoder.decode(buf.subarray(pos, end));
      } catch {
        throw new UserError(`${this.options.file}:${line}: the line is not valid UTF-8 text`);
      }
      line++;
      pos = end + 1;
    }
    throw new UserError(`${this.options.file}: the file is not valid UTF-8 text`);
  }
}

function countLineBreaks(buf: Buffer, from: number, to: number, eol: number): number {
  let count = 0;
  for (let at = buf.indexOf(eol, from); at !== -1 && at < to; at = buf.indexOf(eol, at + 1)) count++;
  return count;
}

/** Buffer's own slice decoders, called directly: `toString` adds a dispatch per call. */
type Slicing = Buffer & { latin1Slice(start: number, end: number): string; utf8Slice(start: number, end: number): string };

function text(buf: Buffer, start: number, end: number): string {
  if (end - start >= 2 && buf[start] === QUOTE) return (buf as Slicing).utf8Slice(start + 1, end - 1).replaceAll('""', '"');
  // Codes, months and categories are ASCII: decode those bytes as they are, UTF-8 otherwise.
  for (let i = start; i < end; i++) if (buf[i]! >= 0x80) return (buf as Slicing).utf8Slice(start, end);
  return (buf as Slicing).latin1Slice(start, end);
}
