/** What every chart builder returns: a Vega-Lite spec and the alt text that goes with it. */
import type { TopLevelSpec } from 'vega-lite';
import { config, title } from './theme.js';

export type ChartKind = 'allocations' | 'change' | 'contributions' | 'map' | 'map-change' | 'comparison' | 'sensitivity' | 'tornado' | 'ring-fences' | 'optimisation' | 'gap' | 'settlement' | 'waterfall';

export interface Chart {
  kind: ChartKind;
  spec: TopLevelSpec;
  /** A sentence or two saying what the chart shows and its key figures, for alt text. */
  alt: string;
}

/** A spec with the theme, title, source line and alt text (as its description: Vega's aria label). */
export function framed(kind: ChartKind, heading: string, source: string, alt: string, body: Record<string, unknown>): Chart {
  const spec = {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    description: alt,
    title: title(heading, source),
    config: config(),
    ...body,
  } as TopLevelSpec;
  return { kind, spec, alt };
}
