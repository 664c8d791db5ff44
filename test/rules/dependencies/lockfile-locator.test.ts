import { describe, expect, it } from 'vitest';
import { locateLockEntry } from '../../../src/rules/dependencies/lockfile-locator.js';

const lineOf = (text: string, at: ReturnType<typeof locateLockEntry>) => ('offsets' in at ? text.slice(0, at.offsets.start).split('\n').length : at.range.startLine);

describe('locating a package version in a lockfile', () => {
  it('finds the npm entry holding that version, not another copy', () => {
    const text = ['{', '  "packages": {', '    "node_modules/qs": {', '      "version": "6.11.0"', '    },', '    "node_modules/body-parser/node_modules/qs": {', '      "version": "6.7.0"', '    }', '  }', '}'].join('\n');
    expect(lineOf(text, locateLockEntry(text, 'qs', '6.7.0'))).toBe(6);
    expect(lineOf(text, locateLockEntry(text, 'qs', '6.11.0'))).toBe(3);
  });

  it('finds yarn classic, pnpm and bun entries', () => {
    const yarn = '# yarn lockfile v1\n\n\nlodash@^4.17.0:\n  version "4.17.21"\n\nqs@^6.7.0, qs@~6.7.0:\n  version "6.7.0"\n';
    expect(lineOf(yarn, locateLockEntry(yarn, 'qs', '6.7.0'))).toBe(7);
    const pnpm = "lockfileVersion: '9.0'\n\npackages:\n\n  lodash@4.17.20:\n    resolution: {integrity: sha512-x}\n";
    expect(lineOf(pnpm, locateLockEntry(pnpm, 'lodash', '4.17.20'))).toBe(5);
    const bun = '{\n  "packages": {\n    "lodash": ["lodash@4.17.20", "", {}, "sha512-x"],\n  }\n}';
    expect(lineOf(bun, locateLockEntry(bun, 'lodash', '4.17.20'))).toBe(3);
  });

  it('falls back to the first line when the entry cannot be found', () => {
    expect(locateLockEntry('{}', 'qs', '1.0.0')).toEqual({ range: { startLine: 1, startColumn: 1, endLine: 1, endColumn: 1 } });
  });
});
