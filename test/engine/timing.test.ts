import { describe, expect, it } from 'vitest';
import { timed, Timings } from '../../src/engine/timing.js';
import { timingTable } from '../../src/report/timing-table.js';

/** A clock that moves only when told to. */
function fakeClock() {
  let t = 0;
  return { now: () => t, pass: (ms: number) => void (t += ms) };
}

describe('timings', () => {
  it('counts each part without the parts measured inside it, so the parts add up to the time measured', () => {
    const clock = fakeClock();
    const timings = new Timings(clock.now);
    timings.measure('data flow', () => {
      clock.pass(20);
      // The data-flow pass of one file analyses a file it imports first: that file's parse and rules.
      timings.measure('parse', () => clock.pass(30));
      timings.measure('rule sql-injection', () => {
        clock.pass(5);
        timings.measure('parse', () => clock.pass(7));
      });
      clock.pass(1);
    });
    timings.measure('parse', () => clock.pass(2));
    expect(timings.rows()).toEqual([
      ['parse', 39],
      ['data flow', 21],
      ['rule sql-injection', 5],
    ]);
    expect(timings.rows().reduce((sum, [, ms]) => sum + ms, 0)).toBe(65);
  });

  it('measures parts that wait, and a part that throws still counts', async () => {
    const clock = fakeClock();
    const timings = new Timings(clock.now);
    const value = await timings.measureAsync('rule dependency-vulnerable', async () => {
      clock.pass(3);
      await Promise.resolve();
      timings.measure('registry answer', () => clock.pass(4));
      clock.pass(10);
      return 42;
    });
    expect(value).toBe(42);
    expect(() => timings.measure('rule broken', () => (clock.pass(6), (() => { throw new Error('bug'); })()))).toThrow('bug');
    expect(timings.rows()).toEqual([
      ['rule dependency-vulnerable', 13],
      ['rule broken', 6],
      ['registry answer', 4],
    ]);
  });

  it('leaves functions as they are when nothing is timed', () => {
    const fn = (a: number, b: number) => a + b;
    expect(timed(undefined, 'parse', fn)).toBe(fn);
    const clock = fakeClock();
    const timings = new Timings(clock.now);
    const wrapped = timed(timings, 'parse', (a: number) => (clock.pass(a), a * 2));
    expect(wrapped(5)).toBe(10);
    expect(timings.rows()).toEqual([['parse', 5]]);
  });
});

describe('the --timing table', () => {
  it('lists parts longest first with their share, and sums what it does not name', () => {
    const rows: [string, number][] = Array.from({ length: 28 }, (_, i) => [`rule r${i}`, 100 - i]);
    const table = timingTable([['parse', 600], ...rows], 4000);
    const lines = table.trimEnd().split('\n');
    expect(lines[0]).toBe('Where the time went: 3.02 s measured of 4.00 s since start, on one thread');
    expect(lines[2]).toMatch(/^ {2}parse +600\.0 +19\.9%$/);
    // 25 named parts, then the other four summed: 76 + 75 + 74 + 73 ms.
    expect(lines).toHaveLength(2 + 25 + 1);
    expect(lines.at(-1)).toMatch(/^ {2}4 more parts +298\.0 +9\.9%$/);
  });
});
