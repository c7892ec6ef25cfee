/** The ring-fence split: each fund's money, ring-fence by ring-fence, committed, allocated and left. */
import { framed, type Chart } from '../chart.js';
import { nameOf, type SplitJson } from '../../results/index.js';
import { BAND, MUTED, PALETTE, POUNDS_LABEL, WIDTH, spoken } from '../theme.js';

const PARTS = [
  ['Committed (contracts)', 'committed_pence'],
  ['Allocated (new requests)', 'allocated_pence'],
  ['Unallocated', 'unallocated_pence'],
] as const;

export function ringFencesChart(result: SplitJson, source: string): Chart {
  const pots = result.pots.filter((pot) => pot.pence > 0);
  const rows = pots.flatMap((pot) => PARTS.map(([part, field], order) => ({ pot: `${nameOf(result.names, 'fund', pot.path)} (${pot.body})`, fund: pot.fund, part, order, pounds: pot[field] / 100 })));
  const alt =
    `Stacked bar chart of each fund and ring-fence of ${result.title}: what is committed to contracts, allocated to new requests and left unallocated. ` +
    pots.map((pot) => `${nameOf(result.names, 'fund', pot.path)} ${spoken(pot.pence)}: ${spoken(pot.committed_pence)} committed, ${spoken(pot.allocated_pence)} allocated, ${spoken(pot.unallocated_pence)} left`).join('; ') +
    '.';
  return framed('ring-fences', `Funds and ring-fences: ${result.title}`, source, alt, {
    width: WIDTH,
    height: { step: BAND },
    data: { values: rows },
    mark: { type: 'bar' },
    encoding: {
      y: { field: 'pot', type: 'nominal', sort: null, title: null },
      x: { field: 'pounds', type: 'quantitative', stack: 'zero', title: 'Money in the fund or ring-fence', axis: { labelExpr: POUNDS_LABEL, grid: true } },
      color: { field: 'part', type: 'nominal', title: null, sort: { field: 'order' }, scale: { domain: PARTS.map(([part]) => part), range: [PALETTE[0], PALETTE[1], MUTED] }, legend: { orient: 'bottom' } },
      order: { field: 'order' },
      tooltip: [
        { field: 'pot', title: 'Fund / ring-fence' },
        { field: 'part', title: 'Part' },
        { field: 'pounds', title: '£', format: ',.2f' },
      ],
    },
  });
}
