import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../src/config/types.js';
import { scanDirectory } from '../src/engine/scan.js';
import { key, readExpectations } from './helpers/expectations.js';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures');
const apps = readdirSync(FIXTURES, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name);

describe('fixture apps produce exactly their declared findings', () => {
  it('has the five fixture apps, including a clean one', () => {
    expect(apps.length).toBeGreaterThanOrEqual(5);
    expect(apps).toContain('clean-app');
  });

  for (const app of apps) {
    it(app, async () => {
      const root = join(FIXTURES, app);
      const result = await scanDirectory(root, { config: defaultConfig(), offline: true });
      const actual = result.findings.map((f) => key({ file: f.file, line: f.range.startLine, rule: f.ruleId, suppressed: Boolean(f.suppression) })).sort();
      const expected = readExpectations(root).map(key).sort();
      if (app === 'clean-app') expect(expected).toEqual([]);
      expect(actual).toEqual(expected);
      expect(result.notifications.filter((n) => n.kind === 'rule-error')).toEqual([]);
    });
  }
});
