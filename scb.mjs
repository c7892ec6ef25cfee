import { createReadStream, readdirSync, statSync } from 'node:fs';
import { RecordScanner } from './dist/src/data/police-uk/scanner.js';
const files = readdirSync('/tmp/bigcrime').slice(0, 20).map((f) => '/tmp/bigcrime/' + f);
const bytes = files.reduce((s, f) => s + statSync(f).size, 0);
const t = performance.now(); let rows = 0; const counts = new Map();
for (const f of files) {
  const sc = new RecordScanner({ file: f, wanted: ['Month', 'LSOA code', 'Crime type'], expectedHeader: [], onRecord: (v) => { rows++; const k = v[1] + '|' + v[2]; counts.set(k, (counts.get(k) ?? 0) + 1); } });
  for await (const c of createReadStream(f, { highWaterMark: 1 << 20 })) sc.push(c);
  sc.end();
}
const s = (performance.now() - t) / 1000;
console.log(`scanner: ${rows} rows, ${(bytes / 1e6).toFixed(0)} MB in ${s.toFixed(2)} s = ${(bytes / 1e6 / s).toFixed(1)} MB/s, ${(rows / s / 1e3).toFixed(0)}k rows/s, rss ${(process.memoryUsage().rss / 1e6).toFixed(0)} MB`);
