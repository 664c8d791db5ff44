// Part of `npm run build`: validate rules/*.yaml once and write them to dist/catalogue.json, which the built
// CLI reads at start instead of parsing every yaml file. The examples stay in the yaml: only the docs and
// `vibeaudit explain` show them (src/engine/catalogue.ts readRuleDoc), and they were two thirds of the parse.
// Written in ASCII (other characters as \u escapes, the same strings once parsed): Node reads ASCII text faster.
import { writeFileSync } from 'node:fs';
import { readRuleYaml } from '../dist/engine/catalogue.js';

const json = JSON.stringify(readRuleYaml().map(({ examples, ...meta }) => meta));
writeFileSync(new URL('../dist/catalogue.json', import.meta.url), json.replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`));
