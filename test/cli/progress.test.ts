import { describe, expect, it } from 'vitest';
import { progressBar } from '../../src/cli/progress.js';

/** A 10-cell bar writing into `out`, on a clock the test moves. */
function testBar(enabled = true) {
  const out: string[] = [];
  const clock = { ms: 0 };
  const bar = progressBar((s) => out.push(s), enabled, 10, () => clock.ms);
  return { out, clock, bar };
}

/** Updates at the given times (ms) with the given counts out of `total`, then clears. */
function run(bar: ReturnType<typeof progressBar>, clock: { ms: number }, steps: [number, number][], total: number) {
  for (const [ms, done] of steps) {
    clock.ms = ms;
    bar.update(done, total);
  }
  bar.clear();
}

describe('progress bar', () => {
  it('draws on scans longer than a second and clears its line at the end', () => {
    const { out, clock, bar } = testBar();
    run(bar, clock, [[0, 0], [1200, 20], [1500, 200]], 200);
    expect(out).toEqual(['\r  scanning [█░░░░░░░░░] 20/200 files', '\r  scanning [██████████] 200/200 files', '\r\x1b[2K']);
  });

  it('stays silent on scans that end within a second', () => {
    const { out, clock, bar } = testBar();
    run(bar, clock, [[0, 0], [900, 200]], 200);
    expect(out).toEqual([]);
  });

  it('stays silent when disabled (not a terminal) and on small scans', () => {
    const disabled = testBar(false);
    run(disabled.bar, disabled.clock, [[0, 10], [5000, 400]], 500);
    const small = testBar();
    run(small.bar, small.clock, [[5000, 1]], 10);
    expect([...disabled.out, ...small.out]).toEqual([]);
  });
});
