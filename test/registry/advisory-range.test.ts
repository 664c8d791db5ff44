import { describe, expect, it } from 'vitest';
import { affects, firstPatched, type Advisory } from '../../src/registry/advisories.js';

const advisory = (vulnerable_versions: string): Advisory => ({ id: 1, title: 't', severity: 'high', vulnerable_versions });

describe('advisory ranges', () => {
  it('finds the first fixed version from the range that holds the installed version', () => {
    expect(firstPatched(advisory('<4.17.21'), '4.17.20')).toBe('4.17.21');
    expect(firstPatched(advisory('>=6.7.0 <6.7.3 || >=6.8.0 <6.8.3'), '6.8.1')).toBe('6.8.3');
    expect(firstPatched(advisory('>=6.7.0 <6.7.3 || >=6.8.0 <6.8.3'), '6.7.0')).toBe('6.7.3');
  });

  it('has no fixed version for an open range', () => {
    expect(firstPatched(advisory('>=0.0.0'), '1.2.3')).toBeUndefined();
    expect(firstPatched(advisory('<=2.0.0'), '1.0.0')).toBeUndefined();
  });

  it('prefers the first published version out of the range when the versions are known', () => {
    expect(firstPatched(advisory('<=2.0.0'), '1.0.0', ['1.0.0', '2.0.0', '2.0.1', '3.0.0'])).toBe('2.0.1');
  });

  it('matches versions against the range', () => {
    expect(affects(advisory('<4.17.21'), '4.17.20')).toBe(true);
    expect(affects(advisory('<4.17.21'), '4.17.21')).toBe(false);
    expect(affects(advisory('not a range'), '1.0.0')).toBe(false);
  });
});
