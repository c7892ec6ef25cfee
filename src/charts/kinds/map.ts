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
  const ranked = [...values.values()].sort((a, b) => b.value - a.value);
  const alt =
    `Map of ${measure === 'allocation' ? 'the allocations' : 'the change'} by area, ${heading.replace(/^[^:]*: /, '')}, shaded ${measure === 'allocation' ? 'from light (least) to dark (most)' : 'blue for gains and orange for losses'}: ` +
    `highest ${ranked[0]!.label} ${ranked[0]!.text}, lowest ${ranked.at(-1)!.label} ${ranked.at(-1)!.text}.` +
    (missing.length ? ` No boundary for ${listed(missing.map((key) => values.get(key)!.label))}.` : '');
  const height = Math.round(WIDTH * 0.75);
  const shape = {
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
  };
  const labels = mapLabels(features, missing.map((key) => values.get(key)!));
  const onMap = (values: { text: string; lon: number; lat: number }[], fontSize: number) =>
    // A white halo under the labels, then the labels: readable on light and dark shades.
    [
      { data: { values }, mark: { type: 'text', fontSize, lineBreak: '\n', fill: 'white', stroke: 'white', strokeWidth: 3, strokeJoin: 'round' }, encoding: { longitude: { field: 'lon', type: 'quantitative' }, latitude: { field: 'lat', type: 'quantitative' }, text: { field: 'text' } } },
      { data: { values }, mark: { type: 'text', fontSize, fontWeight: labels.key ? 'bold' : 'normal', lineBreak: '\n', fill: '#111111' }, encoding: { longitude: { field: 'lon', type: 'quantitative' }, latitude: { field: 'lat', type: 'quantitative' }, text: { field: 'text' } } },
    ];
  const map = { width: WIDTH, height, projection: { type: 'mercator' }, layer: [shape, ...onMap(labels.marks, labels.key ? 10 : 11)] };
  const body = labels.key
    ? {
        hconcat: [
          map,
          {
            // The key: each number on the map with its area and figure, highest first.
            width: labels.columns * KEY_COLUMN,
            height: labels.rows * KEY_ROW,
            data: { values: labels.key },
            mark: { type: 'text', align: 'left', baseline: 'middle', fontSize: 10, fill: '#111111' },
            encoding: {
              x: { field: 'column', type: 'ordinal', axis: null, scale: { paddingOuter: 0 } },
              y: { field: 'row', type: 'ordinal', axis: null, scale: { paddingOuter: 0.5 } },
              text: { field: 'text' },
            },
          },
        ],
        spacing: 12,
      }
    : map;
  return framed(measure === 'allocation' ? 'map' : 'map-change', heading, `${source}; boundaries: ${boundaries.source}`, alt, body);
}

/** Up to this many areas, each is labelled with its name and figure on the map. */
const NAMED_ON_MAP = 6;
const KEY_ROW = 14;
const KEY_COLUMN = 190;
const KEY_ROWS_PER_COLUMN = 45;

type MapFeature = { geometry: { coordinates: unknown }; properties: { name: string; text: string; value: number } };

/**
 * Labels legible for any number of areas: a few areas carry their name and figure on the
 * map; more carry a number (highest figure first) and a key beside the map lists them,
 * in as many columns as it takes.
 */
export function mapLabels(features: readonly MapFeature[], unmapped: readonly { label: string; text: string }[] = []): {
  marks: { text: string; lon: number; lat: number }[];
  key?: { column: number; row: number; text: string }[];
  rows: number;
  columns: number;
} {
  if (features.length <= NAMED_ON_MAP && unmapped.length === 0) {
    return { marks: features.map((f) => ({ text: `${f.properties.name}\n${f.properties.text}`, lon: centre(f.geometry)[0], lat: centre(f.geometry)[1] })), rows: 0, columns: 0 };
  }
  const ranked = [...features].sort((a, b) => b.properties.value - a.properties.value || (a.properties.name < b.properties.name ? -1 : 1));
  // Areas with no boundary close the key, so every area's figure is on the chart.
  const lines = [...ranked.map((f, i) => `${i + 1}  ${f.properties.name}  ${f.properties.text}`), ...unmapped.map((u) => `-  ${u.label}  ${u.text} (no boundary)`)];
  const rows = Math.min(lines.length, KEY_ROWS_PER_COLUMN);
  return {
    marks: ranked.map((f, i) => ({ text: String(i + 1), lon: centre(f.geometry)[0], lat: centre(f.geometry)[1] })),
    key: lines.map((text, i) => ({ column: Math.floor(i / rows), row: i % rows, text })),
    rows,
    columns: Math.ceil(lines.length / rows),
  };
}