/**
 * One seeded stream of uniform and normal variates whose place can be saved and resumed:
 * the same numbers as mulberry32(seed) and normalSampler over it, call for call. Work split
 * between threads starts each share from the stream's place at its first draw, so a run
 * gives the same bytes whatever the number of threads.
 *
 * Finding those places cheaply is what skipNormals is for: it moves the stream on exactly
 * as `count` normal variates would (the same uniforms drawn and rejected) without their
 * logarithms and square roots, except for a pair whose second value is left waiting.
 *
 * @example
 * const stream = new RandomStream(7);
 * stream.normal(); // => 0.5671395738744712
 */

/** Where a stream is: the generator's state, and the second normal of a pair not yet used (NaN for none). */
export interface StreamPlace {
  state: number;
  spare: number;
}

export class RandomStream {
  private state: number;
  private spare = NaN;
  // The last point drawn in the unit disc (fields, not an array: nothing allocated per pair).
  private u = 0;
  private v = 0;
  private s = 0;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  static at(place: StreamPlace): RandomStream {
    const stream = new RandomStream(0);
    stream.state = place.state >>> 0;
    stream.spare = place.spare;
    return stream;
  }

  place(): StreamPlace {
    return { state: this.state, spare: this.spare };
  }

  /** Uniform in [0, 1): mulberry32, see random.ts. */
  readonly uniform = (): number => {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };

  /** Standard normal: Marsaglia's polar method, see normal.ts. */
  readonly normal = (): number => {
    if (!Number.isNaN(this.spare)) {
      const value = this.spare;
      this.spare = NaN;
      return value;
    }
    this.pointInDisc();
    const factor = Math.sqrt((-2 * Math.log(this.s)) / this.s);
    this.spare = this.v * factor;
    return this.u * factor;
  };

  /** Move on as `count` calls of normal() would. */
  skipNormals(count: number): void {
    while (count > 0) {
      if (!Number.isNaN(this.spare)) {
        this.spare = NaN;
        count--;
      } else if (count >= 2) {
        this.pointInDisc();
        count -= 2;
      } else {
        this.normal();
        count--;
      }
    }
  }

  private pointInDisc(): void {
    let u: number;
    let v: number;
    let s: number;
    do {
      u = 2 * this.uniform() - 1;
      v = 2 * this.uniform() - 1;
      s = u * u + v * v;
    } while (s >= 1 || s === 0);
    this.u = u;
    this.v = v;
    this.s = s;
  }
}
