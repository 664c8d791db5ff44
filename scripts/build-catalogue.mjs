// Part of `npm run build`: validate rules/*.yaml once and write them to dist/catalogue.json, which the built
// CLI reads at start instead of parsing every yaml file. The examples stay in the yaml: only the docs and
// `vibeaudit explain` show them (src/engine/catalogue.ts readRuleDoc), and they were two thirds of the parse.
import { writeFileSync } from 'node:fs';
import { readRuleYaml } from '../dist/engine/catalogue.js';

writeFileSync(new URL('../dist/catalogue.json', import.meta.url), JSON.stringify(readRuleYaml().map(({ examples, ...meta }) => meta)));
