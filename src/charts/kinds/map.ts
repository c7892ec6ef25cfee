/**
 * A choropleth of allocations (or change) by area, on official boundaries. The boundaries
 * are passed in (the edge reads them from datasets/geo); only the result's areas are kept,
 * so the spec stays small and self-contained.
 */
import { UserError } from '../../errors.js';
import { framed, type Chart } from '../chart.js';
import type { AllocationJson, ComparisonJson } from '../../results/index.js';
import { WIDTH, listed, spoken } from '../theme.js';

export interface Boundaries {
  /** GeoJSON features, clockwise rings (as d3 and Vega-Lite need). */
  features: { type: 'Feature'; properties: Record<string, unknown>; geometry: { type: string; coordinates: unknown } }[];
  /** The property holding each area's code, e.g. LAD23CD. */
  key: string;
  /** What the boundaries are and where from, for the source line. */
  source: string;
}

export type MapMeasure = 'allocation' | 'change';

/** The middle of a feature's bounding box: where to put its label. */
function centre(geometry: { coordinates: unknown }): [number, number] {
  let [minX, minY, maxX, maxY] = [Infinity, Infinity, -Infinity, -Infinity];
  const walk = (value: unknown): void => {
    if (Array.isArray(value) && typeof value[0] === 'number') {
      const [x, y] = value as [number, number];
      minX = Math.min(minX, x);
      maxX = Math.max(maxX, x);
      minY = Math.min(minY, y);
      maxY = Math.max(maxY, y);
    } else if (Array.isArray(value)) value.forEach(walk);
  };
  walk(geometry.coordinates);
  return [(minX + maxX) / 2, (minY + maxY) / 2];
}

interface Value {
  label: string;
  value: number;
  text: string;
}

export function mapChart(result: AllocationJson | ComparisonJson, boundaries: Boundaries, source: string, measure: MapMeasure = 'allocation'): Chart {
  const values = new Map<string, Value>();
  let heading: string;
  if (result.result === 'allocation') {
    for (const a of result.areas) {
      if (measure === 'allocation') values.set(a.key, { label: a.label, value: a.allocation_pence / 100, text: spoken(a.allocation_pence) });
      else if (a.change !== null) values.set(a.key, { label: a.label, value: a.change, text: `${a.change > 0 ? '+' : ''}${(a.change * 100).toFixed(1)}%` });
    }
    heading = measure === 'allocation' ? `Allocations by area: ${result.title}` : `Change against the prior year: ${result.title}`;
  } else {
    if (result.unit !== 'area') throw new UserError(`a map needs areas; this comparison is by ${result.unit}`);
    measure = 'change';
    for (const line of result.lines) {
      const own = line.scenarios[0];
      if (own?.change !== null && own !== undefined) values.set(line.key, { label: line.label, value: own.change, text: `${own.change > 0 ? '+' : ''}${(own.change * 100).toFixed(1)}%` });
    }
    heading = `${result.scenarios[0]?.title ?? 'Scenario'} against ${result.base.title}`;
  }
  if (values.size === 0) throw new UserError(measure === 'change' ? 'there is no change to map (no prior year, or no scenario)' : 'there are no areas to map');
  const features = boundaries.features
    .filter((f) => values.has(String(f.properties[boundaries.key])))
    .map((f) => {
      const own = values.get(String(f.properties[boundaries.key]))!;
      return { type: 'Feature', geometry: f.geometry, properties: { key: f.properties[boundaries.key], name: own.label, value: own.value, text: own.text } };
    });
  const missing = [...values.keys()].filter((key) => !features.some((f) => f.properties.key === key));
  if (features.length === 0) throw new UserError(`no boundaries for these areas (${listed([...values.keys()])}); maps cover English districts (2023 codes) and police force areas`);
  const labels = features.length <= 12 ? features.map((f) => ({ text: `${f.properties.name}\n${f.properties.text}`, lon: centre(f.geometry)[0], lat: centre(f.geometry)[1] })) : [];
  const ranked = [...values.values()].sort((a, b) => b.value - a.value);
  const alt =
    `Map of ${measure === 'allocation' ? 'the allocations' : 'the change'} by area, ${heading.replace(/^[^:]*: /, '')}, shaded ${measure === 'allocation' ? 'from light (least) to dark (most)' : 'blue for gains and orange for losses'}: ` +
    `highest ${ranked[0]!.label} ${ranked[0]!.text}, lowest ${ranked.at(-1)!.label} ${ranked.at(-1)!.text}.` +
    (missing.length ? ` No boundary for ${listed(missing)}.` : '');
  const height = Math.round(WIDTH * 0.75);
  return framed(measure === 'allocation' ? 'map' : 'map-change', heading, `${source}; boundaries: ${boundaries.source}`, alt, {
    width: WIDTH,
    height,
    projection: { type: 'mercator' },
    layer: [
      {
        data: { values: features },
        mark: { type: 'geoshape', stroke: 'white', strokeWidth: 1 },
        encoding: {
          color:
            measure === 'allocation'
              ? { field: 'properties.value', type: 'quantitative', title: 'Allocation', scale: { scheme: 'blues' }, legend: { labelExpr: "'£' + format(datum.value, ',.0f')" } }
              : { field: 'properties.value', type: 'quantitative', title: 'Change', scale: { scheme: 'blueorange', reverse: true, domainMid: 0 }, legend: { labelExpr: "datum.value === 0 ? '0%' : format(datum.value, '+.0%')" } },
          tooltip: [
            { field: 'properties.name', title: 'Area' },
            { field: 'properties.text', title: measure === 'allocation' ? 'Allocation' : 'Change' },
          ],
        },
      },
      ...(labels.length
        ? [
            // A white halo under the labels, then the labels: readable on light and dark shades.
            { data: { values: labels }, mark: { type: 'text', fontSize: 11, lineBreak: '\n', fill: 'white', stroke: 'white', strokeWidth: 3, strokeJoin: 'round' }, encoding: { longitude: { field: 'lon', type: 'quantitative' }, latitude: { field: 'lat', type: 'quantitative' }, text: { field: 'text' } } },
            { data: { values: labels }, mark: { type: 'text', fontSize: 11, lineBreak: '\n', fill: '#111111' }, encoding: { longitude: { field: 'lon', type: 'quantitative' }, latitude: { field: 'lat', type: 'quantitative' }, text: { field: 'text' } } },
          ]
        : []),
    ],
  });
}
