/**
 * Reusable buffers for running the formula many times (sensitivity draws): each step asks
 * the workspace for its arrays by name instead of allocating, so a draw allocates nothing.
 * A buffer is overwritten by the next run: copy what must be kept.
 */
export class Workspace {
  private readonly buffers = new Map<string, Float64Array | Int32Array | Int8Array | Uint8Array | Uint16Array>();

  private get<T extends Float64Array | Int32Array | Int8Array | Uint8Array | Uint16Array>(name: string, n: number, make: (n: number) => T): T {
    let buffer = this.buffers.get(name) as T | undefined;
    if (!buffer || buffer.length !== n) this.buffers.set(name, (buffer = make(n)));
    return buffer;
  }

  float64(name: string, n: number): Float64Array {
    return this.get(name, n, (size) => new Float64Array(size));
  }

  int32(name: string, n: number): Int32Array {
    return this.get(name, n, (size) => new Int32Array(size));
  }

  int8(name: string, n: number): Int8Array {
    return this.get(name, n, (size) => new Int8Array(size));
  }

  uint16(name: string, n: number): Uint16Array {
    return this.get(name, n, (size) => new Uint16Array(size));
  }

  uint8(name: string, n: number): Uint8Array {
    return this.get(name, n, (size) => new Uint8Array(size));
  }
}

/** A zeroed Float64Array: from the workspace when there is one, otherwise new. */
export function float64(ws: Workspace | undefined, name: string, n: number): Float64Array {
  return ws ? ws.float64(name, n).fill(0) : new Float64Array(n);
}
