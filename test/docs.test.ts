import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readRuleYaml } from '../src/engine/catalogue.js';
import { rulesSection } from '../src/docs/readme-section.js';
import { rulesDocument, rulesTable } from '../src/docs/rules-markdown.js';

const REPO = join(import.meta.dirname, '..');
const metas = readRuleYaml();

describe('generated documentation is in sync with rules/*.yaml (run `npm run docs`)', () => {
  it('README rule table', () => {
    expect(rulesSection(readFileSync(join(REPO, 'README.md'), 'utf8'))).toBe(rulesTable(metas).trim());
  });

  it('docs/rules.md', () => {
    expect(readFileSync(join(REPO, 'docs/rules.md'), 'utf8')).toBe(rulesDocument(metas));
  });

  it('lists every rule in the README', () => {
    const readme = readFileSync(join(REPO, 'README.md'), 'utf8');
    for (const m of metas) expect(readme).toContain(`\`${m.id}\``);
  });
});
