/**
 * The output formats, one registry: each writes a result from its published form (JSON) or
 * its table form (every other format). A new format is one entry here and its writer; the
 * compiler refuses a format without one. `publish` writes a run's files as one set.
 */
import { extname } from 'node:path';
import { UserError } from '../errors.js';
import type { ResultDocument } from '../report/form.js';
import { resultDocument } from '../report/documents/index.js';
import { documentCsv } from '../report/write/csv.js';
import { documentText } from '../report/write/text.js';
import type { AnyResultJson } from '../results/index.js';
import { writeFileSet } from './files.js';

export type Format = 'table' | 'csv' | 'json' | 'xlsx' | 'html';

export interface FormatWriter {
  /** File name endings that ask for this format. */
  extensions: readonly string[];
  /** In --help: what the format is. */
  describe: string;
  /** In messages: "a workbook". */
  noun: string;
  /** Whether it may go to the terminal (a workbook is binary: it needs --out). */
  terminal: boolean;
  write: (json: AnyResultJson, doc: ResultDocument) => string | Buffer | Promise<string | Buffer>;
}

export const FORMATS: Record<Format, FormatWriter> = {
  table: { extensions: ['.txt'], describe: 'a table to read', noun: 'a table', terminal: true, write: (_, doc) => documentText(doc) },
  csv: { extensions: ['.csv'], describe: 'CSV in pounds', noun: 'CSV in pounds', terminal: true, write: (_, doc) => documentCsv(doc) },
  json: { extensions: ['.json'], describe: 'JSON in pence, with the run manifest', noun: 'JSON in pence', terminal: true, write: (json) => `${JSON.stringify(json, null, 2)}\n` },
  xlsx: {
    extensions: ['.xlsx'],
    describe: 'an Excel workbook: every table, with provenance',
    noun: 'a workbook',
    terminal: false,
    write: async (json, doc) => {
      const [{ workbookBytes }, { provenanceRows }] = await Promise.all([import('./workbook.js'), import('./chart-inputs.js')]);
      return workbookBytes(doc, provenanceRows(json));
    },
  },
  html: {
    extensions: ['.html', '.htm'],
    describe: 'a self-contained HTML page: tables, charts and provenance',
    noun: 'an HTML page',
    terminal: true,
    write: async (json, doc) => (await import('./report.js')).resultPage(json, doc),
  },
};

export const FORMAT_NAMES = Object.keys(FORMATS) as Format[];

/** --format help: "table, csv (CSV in pounds), ...". */
export const formatHelp = (): string => `${FORMAT_NAMES.map((f) => `${f} (${FORMATS[f].describe})`).join(', ')}; default: from --out, else table`;

/** The format an --out name asks for, or undefined when its ending is none of ours. */
function formatOfFile(file: string): Format | undefined {
  const ending = file.toLowerCase();
  return FORMAT_NAMES.find((f) => FORMATS[f].extensions.some((e) => ending.endsWith(e)));
}

/**
 * The format asked for: --format, or what --out's name ends in, or a table. An --out whose
 * ending is not a format, or disagrees with --format (CSV in a file named .xlsx), is refused:
 * a file must be what its name says.
 */
export function chooseFormat(format: string | undefined, out: string | undefined): Format {
  if (format !== undefined && !FORMAT_NAMES.includes(format as Format)) throw new UserError(`--format ${format}: expected one of ${FORMAT_NAMES.join(', ')}`);
  const fromFile = out === undefined ? undefined : formatOfFile(out);
  if (out !== undefined && fromFile === undefined) {
    const ending = extname(out) || '(no ending)';
    throw new UserError(`--out ${out}: fairshare cannot write a ${ending} file here; name it ${FORMAT_NAMES.map((f) => FORMATS[f].extensions[0]).join(', ')}`);
  }
  if (format !== undefined && fromFile !== undefined && format !== fromFile) {
    throw new UserError(`--out ${out} with --format ${format}: the file's name says ${fromFile}; name it ${FORMATS[format as Format].extensions[0]} or leave out --format`);
  }
  const chosen = (format as Format | undefined) ?? fromFile ?? 'table';
  if (!FORMATS[chosen].terminal && out === undefined) throw new UserError(`--format ${chosen}: ${FORMATS[chosen].noun} is a file; give --out FILE${FORMATS[chosen].extensions[0]}`);
  return chosen;
}

export interface PublishOptions {
  format?: string;
  out?: string;
  chart?: string;
  chartKind?: string;
}

/** What was written, in one line: "wrote allocation.csv (CSV in pounds), chart.png, chart.alt.txt". */
function wroteLine(files: readonly string[], format: Format, out: string | undefined): string {
  return `wrote ${files.map((f) => (f === out ? `${f} (${FORMATS[format].noun})` : f)).join(', ')}`;
}

/**
 * Write a result as asked: the output in its format (the terminal, or --out), the chart and
 * any other files of the run (a cash flow, an LP export). Everything is made first, then the
 * files are written as one set: all of them or, on any failure, none.
 * Returns the line saying what was written (empty when only the terminal was written to).
 */
export async function publish(json: AnyResultJson, options: PublishOptions, others: ReadonlyMap<string, string | Buffer> = new Map(), format = chooseFormat(options.format, options.out)): Promise<string> {
  const doc = resultDocument(json);
  const output = await FORMATS[format].write(json, doc);
  const charts = options.chart === undefined ? new Map<string, string | Buffer>() : await (await import('./chart-output.js')).chartOutputs(json, options.chart, options.chartKind);
  const files: [string, string | Buffer][] = [...(options.out === undefined ? [] : [[options.out, output] as [string, string | Buffer]]), ...others, ...charts];
  if (files.length > 0) writeFileSet(files);
  if (options.out === undefined) process.stdout.write(output);
  return files.length > 0 ? wroteLine(files.map(([path]) => path), format, options.out) : '';
}
