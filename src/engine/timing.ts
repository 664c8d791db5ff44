/**
 * Where a scan's time went (`vibeaudit scan --timing`, like ESLint's `TIMING=1`): wall time per part of the
 * scan and per rule, each counted without the parts measured inside it, so a data-flow pass that analyses an
 * imported file first does not count that file's rules as its own, and the parts add up to the time measured.
 */
export class Timings {
  private readonly totals = new Map<string, number>();
  /** Time taken so far by parts measured inside the current one. */
  private inner = 0;

  /** `now`: the clock, in milliseconds (tests pass their own). */
  constructor(private readonly now: () => number = () => performance.now()) {}

  /** Run `fn`, adding its time, less that of the parts measured inside it, to `part`. */
  measure<T>(part: string, fn: () => T): T {
    const outer = this.inner;
    this.inner = 0;
    const start = this.now();
    try {
      return fn();
    } finally {
      this.close(part, start, outer);
    }
  }

  /** The same for a part that waits; nothing else may be measured while it does (the scan runs these in turn). */
  async measureAsync<T>(part: string, fn: () => Promise<T>): Promise<T> {
    const outer = this.inner;
    this.inner = 0;
    const start = this.now();
    try {
      return await fn();
    } finally {
      this.close(part, start, outer);
    }
  }

  private close(part: string, start: number, outer: number): void {
    const elapsed = this.now() - start;
    this.totals.set(part, (this.totals.get(part) ?? 0) + elapsed - this.inner);
    this.inner = outer + elapsed;
  }

  /** Every part with its milliseconds, the longest first. */
  rows(): [string, number][] {
    return [...this.totals].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  }
}

/** `fn` measured as `part` when there are timings, else `fn` itself (no cost when nobody asked). */
export function timed<A extends unknown[], R>(timings: Timings | undefined, part: string, fn: (...args: A) => R): (...args: A) => R {
  return timings ? (...args: A) => timings.measure(part, () => fn(...args)) : fn;
}

/** What `--timing` calls a rule's part. */
export function rulePart(id: string): string {
  return `rule ${id}`;
}
