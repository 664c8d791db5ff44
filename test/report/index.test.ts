import { describe, expect, it } from 'vitest';
import { REPORTERS } from '../../src/report/index.js';
import { sampleResult } from './sample-result.js';

describe('REPORTERS', () => {
  it('offers the five formats', () => {
    expect(Object.keys(REPORTERS).sort()).toEqual(['compact', 'json', 'markdown', 'sarif', 'terminal']);
  });

  it('are pure: the input is left unchanged and the same input gives the same output', () => {
    for (const [format, render] of Object.entries(REPORTERS)) {
      const input = sampleResult();
      // Scramble the order so a reporter that sorts in place would be caught.
      input.findings.reverse();
      const before = structuredClone(input);
      const first = render(input, { color: true, verbose: true });
      expect(input, format).toEqual(before);
      expect(render(input, { color: true, verbose: true }), format).toBe(first);
    }
  });

  it('terminal colour is off unless asked for', () => {
    expect(REPORTERS.terminal(sampleResult())).not.toMatch(/\u001b\[/);
    expect(REPORTERS.terminal(sampleResult(), { color: true })).toMatch(/\u001b\[/);
  });
});
