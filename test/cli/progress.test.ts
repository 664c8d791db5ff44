import { describe, expect, it } from 'vitest';
import { progressBar } from '../../src/cli/progress.js';

describe('progress bar', () => {
  it('draws on long scans and clears its line at the end', () => {
    const out: string[] = [];
    const bar = progressBar((s) => out.push(s), true, 10);
    bar.update(0, 200);
    bar.update(200, 200);
    bar.clear();
    expect(out[0]).toBe('\r  scanning [░░░░░░░░░░] 0/200 files');
    expect(out[1]).toBe('\r  scanning [██████████] 200/200 files');
    expect(out[2]).toBe('\r\x1b[2K');
  });

  it('stays silent when disabled (not a terminal) and on small scans', () => {
    const out: string[] = [];
    progressBar((s) => out.push(s), false).update(10, 500);
    const small = progressBar((s) => out.push(s), true);
    small.update(1, 10);
    small.clear();
    expect(out).toEqual([]);
  });
});
