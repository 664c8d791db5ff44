import { describe, expect, it } from 'vitest';
import { clipValue, MAX_MESSAGE_VALUE } from '../../src/engine/make-finding.js';

describe('clipValue', () => {
  it('keeps values up to the limit and cuts longer ones in the middle, keeping both ends', () => {
    expect(clipValue('x'.repeat(MAX_MESSAGE_VALUE))).toBe('x'.repeat(MAX_MESSAGE_VALUE));
    const long = `start${'-'.repeat(10_000)}end`;
    const clipped = clipValue(long);
    expect(clipped.length).toBeLessThanOrEqual(MAX_MESSAGE_VALUE);
    expect(clipped).toMatch(/^start-+ … -+end$/);
  });

  it('never splits a character outside the basic plane', () => {
    const emoji = '\u{1F510}';
    for (const [pad, suffix] of [[0, 0], [0, 1], [1, 0], [1, 1]]) {
      const clipped = clipValue(`${'a'.repeat(pad)}${emoji.repeat(500)}${'b'.repeat(suffix)}`);
      // A lone surrogate would not survive a round trip through UTF-8.
      expect(Buffer.from(clipped, 'utf8').toString('utf8'), `pad ${pad}, suffix ${suffix}`).toBe(clipped);
      expect(clipped.includes('\uFFFD')).toBe(false);
      expect(clipped).toContain(' … ');
    }
  });
});
