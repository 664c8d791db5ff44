// Regenerates docs/rules.md and the rule list in README.md from rules/*.yaml (run `npm run docs`).
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { readRuleYaml } from '../dist/engine/catalogue.js';
import { rulesDocument, rulesTable } from '../dist/docs/rules-markdown.js';
import { replaceRulesSection } from '../dist/docs/readme-section.js';

const metas = readRuleYaml();
mkdirSync('docs', { recursive: true });
writeFileSync('docs/rules.md', rulesDocument(metas));
writeFileSync('README.md', replaceRulesSection(readFileSync('README.md', 'utf8'), rulesTable(metas)));
console.log(`docs/rules.md and README.md: ${metas.length} rules`);
