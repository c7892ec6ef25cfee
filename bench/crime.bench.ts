/**
 * police.uk crime counting speed (issue 3). Run: npm run bench:crime [-- ROWS]
 *
 * Builds a national-year-sized input (about 6 million rows, 1.4 GB) in the system temp
 * folder by repeating the real police.uk files shipped in datasets/police-uk with the Month
 * column altered (SYNTHETIC repetition of real rows, for timing only), then times
 * `fairshare data crime --by lad` as a fresh process: wall time, rows/s, MB/s and peak RSS
 * (the process's own getrusage, worker threads included). For memory, it also runs on an
 * eighth of the input. For comparison, csv-parse (async iterator) on 20 of the files.
 */
import { spawnSync } from 'node:child_process';
import { createReadStream, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { parse } from 'csv-parse';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const target = Number(process.argv[2] ?? 6_000_000);
const folder = join(tmpdir(), `fairshare-crime-bench-${target}`);

function buildInput(): { files: string[]; rows: number; bytes: number } {
  const sources = readdirSync(join(root, 'datasets/police-uk')).filter((f) => f.endsWith('.csv.gz')).sort();
  let header = '';
  const body: string[] = [];
  for (const source of sources) {
    const lines = gunzipSync(readFileSync(join(root, 'datasets/police-uk', source))).toString('utf8').replace(/^\uFEFF/, '').split('\n');
    header = lines[0]!;
    body.push(...lines.slice(1).filter((line) => line !== ''));
  }
  if (!existsSync(folder)) {
    mkdirSync(folder, { recursive: true });
    for (let rows = 0, month = 0; rows < target; rows += body.length, month++) {
      const tag = `${2000 + Math.floor(month / 12)}-${String((month % 12) + 1).padStart(2, '0')}`;
      // Replace the Month field (the second) of each real row.
      const text = body.map((line) => line.replace(/^([^,]*),[^,]*,/, `$1,${tag},`)).join('\n');
      writeFileSync(join(folder, `${tag}-bench-street.csv`), `${header}\n${text}\n`);
    }
  }
  const files = readdirSync(folder).sort().map((f) => join(folder, f));
  return { files, rows: Math.ceil(target / body.length) * body.length, bytes: files.reduce((s, f) => s + statSync(f).size, 0) };
}

/** Run the CLI in a fresh process; return wall seconds and peak RSS from its own getrusage. */
function runCli(args: string[]): { seconds: number; peakMb: number } {
  const wrapper = `process.on('exit', () => process.stderr.write('RUSAGE ' + process.resourceUsage().maxRSS + '\\n'));
process.argv = [process.argv[0], 'fairshare', ...${JSON.stringify(args)}];
await import(${JSON.stringify(join(root, 'dist/fairshare.js'))});`;
  // A file, not -e: worker threads inherit the parent's flags, and --input-type would break them.
  const script = join(tmpdir(), 'fairshare-crime-bench-run.mjs');
  writeFileSync(script, wrapper);
  const start = performance.now();
  const run = spawnSync(process.execPath, [script], { encoding: 'utf8', maxBuffer: 1 << 26 });
  const seconds = (performance.now() - start) / 1000;
  if (run.status !== 0) throw new Error(run.stderr);
  const kb = Number(/RUSAGE (\d+)/.exec(run.stderr)?.[1]);
  return { seconds, peakMb: kb / 1024 };
}

async function csvParseRate(files: string[]): Promise<number> {
  const start = performance.now();
  let bytes = 0;
  for (const file of files) {
    bytes += statSync(file).size;
    const counts = new Map<string, number>();
    for await (const record of createReadStream(file).pipe(parse({ bom: true, from_line: 2 })) as AsyncIterable<string[]>) {
      const key = `${record[7]}|${record[9]}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
  }
  return bytes / 1e6 / ((performance.now() - start) / 1000);
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1]!;
const input = buildInput();
const mb = input.bytes / 1e6;
console.log(`input: ${input.files.length} files, ${input.rows.toLocaleString('en-GB')} rows, ${mb.toFixed(0)} MB in ${folder}`);
const runs = [1, 2, 3].map(() => runCli(['data', 'crime', folder, '--by', 'lad', '--format', 'csv', '--out', join(tmpdir(), 'fairshare-crime-bench.csv')]));
const seconds = median(runs.map((r) => r.seconds));
console.log(`fairshare data crime --by lad (worker per core), median of 3: ${seconds.toFixed(2)} s, ${(input.rows / seconds / 1e6).toFixed(2)} M rows/s, ${(mb / seconds).toFixed(0)} MB/s, peak RSS ${median(runs.map((r) => r.peakMb)).toFixed(0)} MB   (target < 10 s, < 300 MB)`);
const single = runCli(['data', 'crime', folder, '--by', 'lad', '--jobs', '1', '--format', 'csv', '--out', join(tmpdir(), 'fairshare-crime-bench-1.csv')]);
console.log(`same, one thread (--jobs 1):                     ${single.seconds.toFixed(2)} s, ${(mb / single.seconds).toFixed(0)} MB/s, peak RSS ${single.peakMb.toFixed(0)} MB`);
const eighth = input.files.slice(0, Math.ceil(input.files.length / 8));
const small = runCli(['data', 'crime', ...eighth, '--by', 'lad', '--format', 'csv', '--out', join(tmpdir(), 'fairshare-crime-bench-8.csv')]);
console.log(`an eighth of the input (${eighth.length} files):          ${small.seconds.toFixed(2)} s, peak RSS ${small.peakMb.toFixed(0)} MB (memory flat: compare with the full run)`);
const rate = await csvParseRate(input.files.slice(0, 20));
console.log(`csv-parse async iterator, 20 files, one thread:  ${rate.toFixed(1)} MB/s (the whole input would take about ${(mb / rate).toFixed(0)} s)`);
