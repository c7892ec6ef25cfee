/**
 * Any force (issue 13). Run: npm run bench:national
 *
 * 1. All 2.5 million police.uk rows of 2025 in ../shared/data (39 forces, 310 gzipped files),
 *    counted by CSP on 2024 boundaries: `fairshare data crime --by csp --vintage 2024` as a
 *    fresh process, beside DuckDB (@duckdb/node-api) reading the same files and joining the
 *    same LSOA -> CSP lookup, also as a fresh process. Wall time, rows/s and peak RSS (each
 *    process's own getrusage, threads included); medians of three; the two results are
 *    checked to be the same counts.
 * 2. `fairshare init --pfa "Thames Valley"` from a cold start, median of five.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parse } from 'csv-parse/sync';
import { assignmentFor } from '../src/io/datasets.js';
import { CRIME_TYPES } from '../src/data/police-uk/tally.js';
import { typeColumn } from '../src/data/police-uk/table.js';
import { median } from './timing.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const shared = join(root, '../shared/data/police_uk_street/ew_39_forces_2025');
const work = mkdtempSync(join(tmpdir(), 'fairshare-national-bench-'));

/** A script in a fresh Node process; wall seconds and peak RSS from its own getrusage. */
function runScript(body: string): { seconds: number; cpuSeconds: number; peakMb: number; stdout: string } {
  const script = join(work, `run-${Math.random().toString(36).slice(2)}.mjs`);
  writeFileSync(script, `process.on('exit', () => { const u = process.resourceUsage(); process.stderr.write('RUSAGE ' + u.maxRSS + ' ' + (u.userCPUTime + u.systemCPUTime) + '\\n'); });\n${body}`);
  const start = performance.now();
  const run = spawnSync(process.execPath, [script], { encoding: 'utf8', maxBuffer: 1 << 26, cwd: root });
  const seconds = (performance.now() - start) / 1000;
  if (run.status !== 0) throw new Error(run.stderr);
  const usage = /RUSAGE (\d+) (\d+)/.exec(run.stderr);
  return { seconds, cpuSeconds: Number(usage?.[2]) / 1e6, peakMb: Number(usage?.[1]) / 1024, stdout: run.stdout };
}

const fairshare = (args: string[]) => runScript(`process.argv = [process.argv[0], 'fairshare', ...${JSON.stringify(args)}];\nawait import(${JSON.stringify(join(root, 'dist/fairshare.js'))});`);

// The LSOA -> CSP lookup both engines use: fairshare's own, written out for DuckDB.
const csp = assignmentFor('csp', 2024);
const lookupFile = join(work, 'lsoa-csp.csv');
writeFileSync(lookupFile, `lsoa,csp\n${[...csp.index].map(([lsoa, at]) => `${lsoa},${csp.areas[at]!.code}`).join('\n')}\n`);

const duckdb = () =>
  runScript(`
const { DuckDBInstance } = await import(${JSON.stringify(pathToFileURL(createRequire(import.meta.url).resolve('@duckdb/node-api')).href)});
const db = await DuckDBInstance.create(':memory:');
const con = await db.connect();
const reader = await con.runAndReadAll(\`
  SELECT l.csp AS csp, c."Crime type" AS type, count(*)::INTEGER AS n
  FROM read_csv('${shared}/*/*.csv.gz', header = true, all_varchar = true) c
  LEFT JOIN read_csv('${lookupFile}', header = true) l ON c."LSOA code" = l.lsoa
  GROUP BY ALL\`);
process.stdout.write(JSON.stringify(reader.getRowObjectsJson()));
`);

const out = join(work, 'crime.csv');
const rows = (() => {
  const total = parse(readFileSync(join(shared, 'MANIFEST.csv')), { columns: true }) as { rows_excl_header: string }[];
  return total.reduce((sum, row) => sum + Number(row.rows_excl_header), 0);
})();

const ours = [1, 2, 3].map(() => fairshare(['data', 'crime', shared, '--by', 'csp', '--vintage', '2024', '--format', 'csv', '--out', out]));
const theirs = [1, 2, 3].map(() => duckdb());

// The same counts: every CSP and crime type.
const table = parse(readFileSync(out), { columns: true }) as Record<string, string>[];
const duck = JSON.parse(theirs[0]!.stdout) as { csp: string | null; type: string; n: number }[];
let compared = 0;
for (const row of duck) {
  if (row.csp === null) continue;
  const mine = Number(table.find((r) => r.area_code === row.csp)?.[typeColumn(row.type)] ?? 0);
  if (mine !== row.n) throw new Error(`counts differ: ${row.csp} ${row.type}: fairshare ${mine}, DuckDB ${row.n}`);
  compared++;
}
if (!CRIME_TYPES.every((type) => duck.some((row) => row.type === type))) throw new Error('DuckDB saw a different set of crime types');

const report = (name: string, runs: { seconds: number; cpuSeconds: number; peakMb: number }[]) => {
  const seconds = median(runs.map((r) => r.seconds));
  const cpu = median(runs.map((r) => r.cpuSeconds));
  console.log(
    `${name}: median ${seconds.toFixed(2)} s wall (runs ${runs.map((r) => r.seconds.toFixed(2)).join(', ')}), ${cpu.toFixed(2)} CPU-s, ` +
      `${(rows / seconds / 1e6).toFixed(2)} M rows/s, ${(rows / cpu / 1e6).toFixed(2)} M rows per CPU-s, peak RSS ${median(runs.map((r) => r.peakMb)).toFixed(0)} MB`,
  );
  return { seconds, cpu };
};
console.log(`input: ${rows.toLocaleString('en-GB')} police.uk rows in 310 gzipped files (${shared})`);
const a = report('fairshare data crime --by csp --vintage 2024', ours);
const b = report('DuckDB read_csv + join + group by', theirs);
console.log(`ratio fairshare / DuckDB: wall ${(a.seconds / b.seconds).toFixed(2)}, CPU ${(a.cpu / b.cpu).toFixed(2)}; ${compared} CSP x type counts compared, all equal`);
const zcat = spawnSync('sh', ['-c', `time -p sh -c 'for f in ${shared}/*/*.gz; do gzip -dc "$f" > /dev/null; done'`], { encoding: 'utf8' });
console.log(`for scale: gzip -dc of the same files alone, one core: ${/user ([\d.]+)/.exec(zcat.stderr)?.[1]} CPU-s`);

const init = [1, 2, 3, 4, 5].map((i) => fairshare(['init', '--pfa', 'Thames Valley', '--out', join(work, `init-${i}`)]));
console.log(`fairshare init --pfa "Thames Valley" (cold): median ${median(init.map((r) => r.seconds)).toFixed(2)} s (runs ${init.map((r) => r.seconds.toFixed(2)).join(', ')}), peak RSS ${median(init.map((r) => r.peakMb)).toFixed(0)} MB`);
rmSync(work, { recursive: true, force: true });
