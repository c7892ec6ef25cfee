/** An optimised allocation: each priority's money, stacked by the fund or ring-fence it comes from. */
import { framed, type Chart } from '../chart.js';
import { nameOf, type OptimisationJson } from '../../results/index.js';
import { BAND, PALETTE, POUNDS_LABEL, WIDTH, spoken } from '../theme.js';

export function optimisationChart(result: OptimisationJson, source: string): Chart {
  const totals = new Map<string, number>();
  const add = (year: number, priority: string, pot: string, pence: number) => {
    if (pence === 0) return;
    const key = `${year}|${priority}|${pot}`;
    totals.set(key, (totals.get(key) ?? 0) + pence);
  };
  for (const s of result.spend) add(s.year, s.priority, s.pot, s.pence);
  for (const a of result.awards) add(a.year, a.priority, a.pot, a.award_pence);
  for (const c of result.commitments) if (c.held) add(c.year, c.priority, c.pot, c.pence);
  const years = result.years.length > 1;
  const rows = [...totals].map(([key, pence]) => {
    const [year, priority, pot] = key.split('|') as [string, string, string];
    return { year: `${year}/${String((Number(year) + 1) % 100).padStart(2, '0')}`, priority: nameOf(result.names, 'priority', priority), pot: nameOf(result.names, 'fund', pot), pounds: pence / 100 };
  });
  const byPriority = new Map<string, number>();
  for (const r of rows) byPriority.set(r.priority, (byPriority.get(r.priority) ?? 0) + r.pounds * 100);
  const ranked = [...byPriority].sort((a, b) => b[1] - a[1]);
  const alt =
    `Stacked bar chart of the optimised allocation of ${result.title} by priority and fund${years ? ', year by year' : ''}: ` +
    `${ranked.map(([p, pence]) => `${p} ${spoken(pence)}`).join(', ')}. Need-weighted outcome ${result.objective.toLocaleString('en-GB', { maximumFractionDigits: 2 })} units.`;
  return framed('optimisation', `Optimised allocation by priority and fund: ${result.title}`, source, alt, {
    width: WIDTH,
    height: { step: BAND },
    data: { values: rows },
    mark: { type: 'bar' },
    encoding: {
      y: { field: 'priority', type: 'nominal', sort: ranked.map(([p]) => p), title: null },
      x: { field: 'pounds', type: 'quantitative', stack: 'zero', title: 'Allocation', axis: { labelExpr: POUNDS_LABEL, grid: true } },
      color: { field: 'pot', type: 'nominal', title: 'Fund / ring-fence', scale: { range: PALETTE }, legend: { orient: 'bottom', columns: 2 } },
      ...(years && { row: { field: 'year', type: 'ordinal', title: null } }),
      tooltip: [
        { field: 'priority', title: 'Priority' },
        { field: 'pot', title: 'Fund / ring-fence' },
        { field: 'pounds', title: '£', format: ',.2f' },
      ],
    },
  });
}
