/**
 * The rows of a table in area-key order: code-unit order (what `a < b` gives for strings),
 * the same on every machine and locale, ties (which a table's unique keys never have) in
 * row order.
 *
 * A comparison sort of a million shuffled keys took over 2 s; most tables come sorted (one
 * pass finds that) and big shuffled ones are put in order by a radix sort on their code
 * units, a pass per character position, in about a seventh of the time.
 *
 * @example
 * keyOrder(['E02', 'E01', 'E010']) // => [1, 2, 0]
 */

/** Below this many keys a comparison sort is as fast as the radix passes (measured). */
const RADIX_FROM = 50_000;
/** Code units sorted by radix: Latin-1 (area codes and names); wider keys take the comparison sort. */
const LATIN1 = 256;

const cache = new WeakMap<readonly string[], readonly number[]>();

/**
 * keyOrder, kept per key list: the table reader finds repeated keys with it, and a
 * settlement's years, a scenario's runs and a comparison all run on one table. Shared:
 * read it, never change it.
 */
export function cachedKeyOrder(keys: readonly string[]): readonly number[] {
  let order = cache.get(keys);
  if (!order) cache.set(keys, (order = keyOrder(keys)));
  return order;
}

function byCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function keyOrder(keys: readonly string[]): number[] {
  const n = keys.length;
  let sorted = true;
  for (let i = 1; i < n && sorted; i++) if (keys[i - 1]! > keys[i]!) sorted = false;
  if (sorted) {
    // A loop: Array.from with a mapping function took 50 ms for a million rows.
    const identity = new Array<number>(n);
    for (let i = 0; i < n; i++) identity[i] = i;
    return identity;
  }
  if (n >= RADIX_FROM) {
    const order = radixOrder(keys);
    if (order) return order;
  }
  return Array.from({ length: n }, (_, i) => i).sort((a, b) => byCodeUnits(keys[a]!, keys[b]!));
}

/**
 * Least-significant-position-first radix sort on code units (stable, so equal keys keep row
 * order). A key shorter than the position counts as code 0, below every character, so a
 * prefix sorts first, as `<` has it. Undefined when a key has a code unit beyond Latin-1.
 */
function radixOrder(keys: readonly string[]): number[] | undefined {
  const n = keys.length;
  const lengths = new Int32Array(n);
  let longest = 0;
  let characterCount = 0;
  for (let i = 0; i < n; i++) {
    lengths[i] = keys[i]!.length;
    characterCount += lengths[i]!;
    if (lengths[i]! > longest) longest = lengths[i]!;
  }
  // A table of n keys padded to the longest: refused when one long key would make that far
  // more than the keys themselves (a hostile file), and the comparison sort takes over.
  if (n * longest > Math.max(8 * characterCount, 1 << 20) || n * longest > 1 << 28) return undefined;
  // Every character read once, key by key (a pass per position over the strings themselves,
  // scattered over the heap, was most of the time).
  const characters = new Uint8Array(n * longest);
  for (let i = 0, at = 0; i < n; i++, at += longest) {
    const key = keys[i]!;
    for (let position = 0; position < key.length; position++) {
      const code = key.charCodeAt(position);
      if (code >= LATIN1) return undefined;
      characters[at + position] = code;
    }
  }
  let order = new Int32Array(n);
  let spare = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  const codes = new Uint16Array(n);
  const starts = new Int32Array(LATIN1 + 2);
  for (let position = longest - 1; position >= 0; position--) {
    let varies = false;
    for (let i = 0, at = position; i < n; i++, at += longest) {
      codes[i] = position < lengths[i]! ? characters[at]! + 1 : 0;
      if (codes[i] !== codes[0]) varies = true;
    }
    // A position where every key has the same character orders nothing.
    if (!varies) continue;
    starts.fill(0);
    for (let i = 0; i < n; i++) starts[codes[i]! + 1]!++;
    for (let code = 1; code < starts.length; code++) starts[code]! += starts[code - 1]!;
    for (let i = 0; i < n; i++) {
      const row = order[i]!;
      spare[starts[codes[row]!]!++] = row;
    }
    [order, spare] = [spare, order];
  }
  return Array.from(order);
}
