#!/usr/bin/env node
// Builds data/popular-packages.json for the `dependency-typosquat` rule:
// - `names`: the most-used npm packages, most popular first (5000): what squatters imitate. A dependency one
//   or two edits away from one of them, or the same name with other separators, scope or look-alike
//   characters, is reported.
// - `allow`: less popular but established packages (at least --allow-floor downloads a month, default 20000,
//   and at least a thousandth of the downloads of the name they resemble: a squat lives on typos, which are
//   rarer than that) that the rule would otherwise report because they sit close to a top name (`is-array`
//   and `isarray`). They are computed with the rule's own matcher, so run `npm run build` first.
//
// Sources, in order of preference:
//   1. The registry's search API (`GET /-/v1/search?text=…&popularity=1.0&quality=0&maintenance=0`), paged
//      250 at a time over a set of broad keywords, through npm-registry-fetch with the user's .npmrc
//      registry (the ranking stands in for downloads). Usage: node scripts/build-popular-packages.mjs
//   2. A snapshot of registry download counts as TSV (`name<TAB>version<TAB>downloads_a_month…`, first line a
//      header), for registries or mirrors that do not serve the search API. Usage:
//      node scripts/build-popular-packages.mjs --from-tsv npm.tsv [--count 5000] [--allow-floor 20000]
//
// The shipped file was built with source 2: the registry mirror used to build it answers the search API with
// 404, so the names are the top 5000 by monthly downloads from a download-count snapshot of the npm registry
// (the `source` field in the file says which, and when). Only names are kept.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '..');
const args = process.argv.slice(2);
const option = (name) => {
  const i = args.indexOf(name);
  return i === -1 ? undefined : args[i + 1];
};
const count = Number(option('--count') ?? 5000);
const floor = Number(option('--allow-floor') ?? 20000);
const tsv = option('--from-tsv');

// npm names: lowercase, URL-safe, at most 214 characters; the snapshot also lists a few junk rows.
const VALID = /^(@[a-z0-9][a-z0-9._~-]*\/)?[a-z0-9][a-z0-9._~-]*$/;

function fromTsv(path) {
  const rows = readFileSync(path, 'utf8').split('\n').slice(1);
  const seen = new Map();
  for (const row of rows) {
    const [name, , downloads] = row.split('\t');
    const n = Number(downloads);
    if (!name || !VALID.test(name) || !Number.isFinite(n)) continue;
    seen.set(name, Math.max(n, seen.get(name) ?? 0));
  }
  return [...seen].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
}

async function fromSearch() {
  const { default: fetch } = await import('npm-registry-fetch');
  const keywords = ['javascript', 'react', 'node', 'cli', 'typescript', 'express', 'util', 'http', 'test', 'webpack', 'babel', 'eslint', 'css', 'vue', 'stream', 'string', 'file', 'parser', 'plugin', 'types'];
  const score = new Map();
  for (const text of keywords) {
    for (let from = 0; from < 5000; from += 250) {
      const res = await fetch.json(`/-/v1/search?text=${encodeURIComponent(text)}&popularity=1.0&quality=0.0&maintenance=0.0&size=250&from=${from}`);
      for (const o of res.objects ?? []) score.set(o.package.name, Math.max(score.get(o.package.name) ?? 0, o.score?.detail?.popularity ?? 0));
      if (!res.objects?.length) break;
    }
  }
  // Search scores are not downloads: every name the search returned counts as established.
  return [...score].sort((a, b) => b[1] - a[1]).filter(([n]) => VALID.test(n)).map(([n]) => [n, Infinity]);
}

const ranked = tsv ? fromTsv(tsv) : await fromSearch();
const names = ranked.slice(0, count).map(([name]) => name);
const source = tsv ? 'npm registry monthly download counts (snapshot), top by downloads' : 'npm registry search API, sorted by popularity';
const file = join(ROOT, 'data/popular-packages.json');
const write = (allow) =>
  writeFileSync(file, `${JSON.stringify({ source, built: new Date().toISOString().slice(0, 10), count: names.length, names, allow }).replace(/","/g, '",\n"')}\n`);

// First the targets alone, then ask the rule's matcher (which reads that file) which established names it
// would report.
write([]);
const { lookAlikeOf } = await import(join(ROOT, 'dist/rules/dependencies/typosquat.js'));
// A look-alike with a thousandth of its target's downloads may live on typos alone: it stays reported.
const downloadsOf = new Map(ranked);
const allow = ranked
  .slice(count)
  .filter(([name, downloads]) => {
    if (downloads < floor) return false;
    const hit = lookAlikeOf(name);
    return hit && downloads * 1000 >= (downloadsOf.get(hit.popular) ?? 0);
  })
  .map(([name]) => name);
write(allow);
console.log(`wrote ${names.length} names and ${allow.length} allowed look-alikes to data/popular-packages.json`);
