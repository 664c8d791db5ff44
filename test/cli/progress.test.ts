import { describe, expect, it } from 'vitest';
import { progressBar } from '../../src/cli/progress.js';

describe('progress bar', () => {
  it('draws on scans longer than a second and clears its line at the end', () => {
    const out: string[] = [];
    let clock = 0;
    const bar = progressBar((s) => out.push(s), true, 10, () => clock);
    bar.update(0, 200);
    clock = 1200;
    bar.update(20, 200);
    clock = 1500;
    bar.update(200, 200);
    bar.clear();
    expect(out).toEqual(['\r  scanning [█░░░░░░░░░] 20/200 files', '\r  scanning [██████████] 200/200 files', '\r\x1b[2K']);
  });

  it('stays silent on scans that end within a second', () => {
    const out: string[] = [];
    let clock = 0;
    const bar = progressBar((s) => out.push(s), true, 10, () => clock);
    bar.update(0, 200);
    clock = 900;
    bar.update(200, 200);
    bar.clear();
    expect(out).toEqual([]);
  });

  it('stays silent when disabled (not a terminal) and on small scans', () => {
    const out: string[] = [];
    let clock = 0;
    progressBar((s) => out.push(s), false, 10, () => clock).update(10, 500);
    const small = progressBar((s) => out.push(s), true, 10, () => clock);
    clock = 5000;
    small.update(1, 10);
    small.clear();
    expect(out).toEqual([]);
  });
});
