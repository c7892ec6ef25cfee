import { mulberry32 } from '/work/main/src/stats/random.ts';
import { normalSampler } from '/work/main/src/stats/normal.ts';
import { gammaVariate } from '/work/main/src/stats/gamma.ts';
import { dirichletAround } from '/work/main/src/stats/dirichlet.ts';
console.log(normalSampler(mulberry32(7))());
{ const next = mulberry32(7); console.log(gammaVariate(2.5, next, normalSampler(next))); }
{ const next = mulberry32(7); const out = new Float64Array(3); console.log(dirichletAround([0.5,0.3,0.2], 100, next, normalSampler(next), out)); }
// moments check
{ const next = mulberry32(1); const nm = normalSampler(next); let s=0, s2=0; const N=200000; for (let i=0;i<N;i++){const g=gammaVariate(0.4,next,nm); s+=g; s2+=g*g;} console.log('gamma .4 mean', s/N, 'var', s2/N-(s/N)**2); }
{ const next = mulberry32(2); const nm = normalSampler(next); let s=0, s2=0; const N=200000; for (let i=0;i<N;i++){const g=gammaVariate(3,next,nm); s+=g; s2+=g*g;} console.log('gamma 3 mean', s/N, 'var', s2/N-(s/N)**2); }
