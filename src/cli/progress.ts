const megabytes = (bytes: number) => `${(bytes / 1e6).toLocaleString('en-GB', { maximumFractionDigits: 0 })} MB`;

/**
 * A progress bar on stderr when it is a terminal; silent when piped or redirected (so
 * output files and pipes stay byte for byte the same). `count` says what is counted.
 */
export function progressBar(label: string, count: (n: number) => string = megabytes): { update: (done: number, total: number) => void; done: () => void } {
  if (!process.stderr.isTTY) return { update: () => {}, done: () => {} };
  let last = 0;
  let drawn = false;
  return {
    update(done, total) {
      const now = Date.now();
      if (now - last < 100 && done < total) return;
      last = now;
      const fraction = total > 0 ? Math.min(1, done / total) : 1;
      const width = 30;
      const filled = Math.round(fraction * width);
      process.stderr.write(`\r${label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${(fraction * 100).toFixed(0).padStart(3)}% ${count(done)} of ${count(total)}`);
      drawn = true;
    },
    done() {
      if (drawn) process.stderr.write('\r\x1b[2K');
    },
  };
}
