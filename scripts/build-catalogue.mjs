// Part of `npm run build`: validate rules/*.yaml once and write them to dist/catalogue.json, which the built
// CLI reads at start instead of parsing every yaml file.
import { writeFileSync } from 'node:fs';
import { readRuleYaml } from '../dist/engine/catalogue.js';

writeFileSync(new URL('../dist/catalogue.json', import.meta.url), JSON.stringify(readRuleYaml()));
