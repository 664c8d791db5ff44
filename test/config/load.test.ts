import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/config/errors.js';
import { loadConfig, parseConfig, parseSize } from '../../src/config/load.js';

const known = new Set(['hardcoded-secret', 'dependency-unpinned-version']);

function errorOf(text: string): ConfigError {
  try {
    parseConfig(text, '.vibeaudit.yml', known);
  } catch (err) {
    if (err instanceof ConfigError) return err;
    throw err;
  }
  throw new Error('expected a ConfigError');
}

describe('configuration', () => {
  it('reads every supported key', () => {
    const config = parseConfig(
      [
        'include: ["src/**"]',
        'exclude:',
        '  - "legacy/**"',
        'failOn: medium',
        'maxFileSize: 500kb',
        'experimental: true',
        'rules:',
        '  hardcoded-secret: critical',
        '  dependency-unpinned-version: off',
      ].join('\n'),
      '.vibeaudit.yml',
      known,
    );
    expect(config.include).toEqual(['src/**']);
    expect(config.exclude).toEqual(['legacy/**']);
    expect(config.failOn).toBe('medium');
    expect(config.maxFileSize).toBe(500 * 1024);
    expect(config.experimental).toBe(true);
    expect(config.rules['hardcoded-secret']).toEqual({ enabled: true, severity: 'critical' });
    expect(config.rules['dependency-unpinned-version']).toEqual({ enabled: false });
  });

  it('accepts the object form of a rule setting and the kebab-case fail-on', () => {
    const config = parseConfig('fail-on: none\nrules:\n  hardcoded-secret: { enabled: true, severity: low }\n', 'c.yml', known);
    expect(config.failOn).toBe('none');
    expect(config.rules['hardcoded-secret']).toEqual({ enabled: true, severity: 'low' });
  });

  it('treats an empty file as defaults', () => {
    expect(parseConfig('', '.vibeaudit.yml', known).failOn).toBe('high');
  });

  it('names file, line and key for an unknown key', () => {
    const err = errorOf('failOn: high\nignore:\n  - x\n');
    expect(err.describe()).toBe('.vibeaudit.yml:2: ignore: unknown key; expected one of include, exclude, rules, failOn, maxFileSize, experimental, minPackageAgeDays, parser');
  });

  it('reads minPackageAgeDays (default 30) and names a bad value', () => {
    expect(parseConfig('', '.vibeaudit.yml', known).minPackageAgeDays).toBe(30);
    expect(parseConfig('minPackageAgeDays: 7\n', '.vibeaudit.yml', known).minPackageAgeDays).toBe(7);
    for (const bad of ['-1', '2.5', 'soon', '99999']) {
      const err = errorOf(`failOn: high\nminPackageAgeDays: ${bad}\n`);
      expect(err.describe()).toBe('.vibeaudit.yml:2: minPackageAgeDays: must be a whole number of days from 0 to 3650 (0 turns the check off)');
    }
  });

  it('names the line of a wrong type', () => {
    const err = errorOf('include: ["a"]\nfailOn: severe\n');
    expect([err.line, err.key]).toEqual([2, 'failOn']);
    expect(err.message).toMatch(/critical, high, medium, low, info, none/);
  });

  it('rejects an unknown rule id with its line', () => {
    const err = errorOf('rules:\n  hardcoded-secret: off\n  hardcoded-secrets: off\n');
    expect([err.line, err.key]).toEqual([3, 'rules.hardcoded-secrets']);
  });

  it('rejects a bad rule setting and a non-string glob', () => {
    expect(errorOf('rules:\n  hardcoded-secret: loud\n').key).toBe('rules.hardcoded-secret');
    const glob = errorOf('exclude:\n  - "a/**"\n  - 3\n');
    expect([glob.line, glob.key]).toEqual([3, 'exclude']);
  });

  it('reports invalid YAML with its line', () => {
    const err = errorOf('rules:\n  a: [1, 2\nfailOn: high\n');
    expect(err.message).toMatch(/invalid YAML/);
    expect(err.line).toBeGreaterThanOrEqual(2);
  });

  it('refuses YAML nested deeper than any configuration, with the line where it went too deep', () => {
    const err = errorOf(`failOn: high\nexclude:\n${'  - '.repeat(1)}${'- '.repeat(300)}x\n`);
    expect(err.message).toBe('nested more than 256 levels deep');
    expect(err.file).toBe('.vibeaudit.yml');
    expect(err.line).toBe(3);
    // A configuration as deep as real ones get reads as before.
    expect(parseConfig(`failOn: high\nexclude:\n  - "dist/**"\nrules:\n  hardcoded-secret:\n    severity: critical\n`, '.vibeaudit.yml', known).failOn).toBe('high');
  });

  it('finds .vibeaudit.yml in the scanned folder, and uses defaults without one', () => {
    const dir = mkdtempSync(join(tmpdir(), 'va-config-'));
    expect(loadConfig(dir, undefined, known).source).toBeUndefined();
    writeFileSync(join(dir, '.vibeaudit.yml'), 'failOn: low\n');
    const config = loadConfig(dir, undefined, known);
    expect(config.failOn).toBe('low');
    expect(config.source).toBe('.vibeaudit.yml');
  });

  it('parses sizes', () => {
    expect(parseSize('2mb')).toBe(2 * 1024 * 1024);
    expect(parseSize(1000)).toBe(1000);
    expect(parseSize('big')).toBeUndefined();
    expect(parseSize(-1)).toBeUndefined();
  });
});
