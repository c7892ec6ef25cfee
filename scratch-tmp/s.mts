import { loadAllocation } from '/work/main/src/io/load-allocation.ts';
import { compileFormula } from '/work/main/src/formula/allocate.ts';
import { sensitivity } from '/work/main/src/scenario/sensitivity.ts';
const loaded = await loadAllocation('models/avon-and-somerset-2025-26.yaml');
const c = compileFormula(loaded.model, loaded.table);
for (const draws of [1000, 10000]) {
  const t = performance.now();
  const r = sensitivity(c, { draws, seed: 1, concentration: 100, errors: { crime: 0.05 } });
  console.log(draws, (performance.now() - t).toFixed(0), 'ms');
  if (draws === 1000) console.log(JSON.stringify(r, null, 1).slice(0, 2500));
}
