// One measured step of `npm run bench`, in its own process so each gets a clean peak RSS and a cold start.
// Usage: node bench/measure.mjs <read|oxc|oxc-wrapper|typescript-estree|scan|scan-no-dataflow|scan-typescript-estree|scan-cached|scan-threads-N> <root>
// scan-cached reuses and keeps per-file results in $VIBEAUDIT_CACHE_DIR, as the CLI does (loading and saving timed).
// Prints one JSON line: { step, seconds, cpuSeconds, files, bytes, rssMb, findings? }. Time excludes loading our modules.
import { readFileSync } from 'node:fs';
import { parseSync } from 'oxc-parser';
import { parseSync as parseNative } from 'oxc-parser/src-js/bindings';
import { jsonParseAst } from 'oxc-parser/src-js/wrap.js';
import { languageOf } from '../dist/classify/language.js';
import { isScript } from '../dist/classify/types.js';
import { defaultConfig } from '../dist/config/types.js';
import { DEFAULT_MAX_FILE_SIZE } from '../dist/discover/excludes.js';
import { decodeSource, looksBundled, looksMinified } from '../dist/discover/read.js';
import { vendoredLibrary } from '../dist/classify/vendored.js';
import { discover } from '../dist/discover/walk.js';
import { catalogue, scanDirectory } from '../dist/engine/scan.js';
import { loadResults, saveResults, scanCacheFile } from '../dist/cache/disk.js';
import { defaultCacheDir } from '../dist/registry/cache.js';
import { tuneV8ForScans } from '../dist/cli/v8-flags.js';
import { buildId } from '../dist/cache/build-id.js';

const [step, root] = process.argv.slice(2);
// As the CLI does before it scans (floors and scans alike).
tuneV8ForScans();
// Which build kept the results: the bundle an installed vibeaudit runs reads it from one small file (build.json);
// the unbundled dist/ this script imports stamps its ~400 files instead (about 8 ms), which no user pays. Worked out
// before the clock starts, so the in-process rescans measure what the CLI's do.
if (step === 'scan-cached') buildId();
const started = performance.now();
const cpuStart = process.cpuUsage();
const files = step.startsWith('scan') ? [] : discover(root, { include: [], exclude: [], maxFileSize: DEFAULT_MAX_FILE_SIZE }).files;
const report = (extra) => {
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuStart);
  // CPU time as well as wall: on a shared machine wall time swings with other jobs, CPU time much less.
  console.log(JSON.stringify({ step, seconds, cpuSeconds: (cpu.user + cpu.system) / 1e6, rssMb: process.resourceUsage().maxRSS / 1024, ...extra }));
};

if (step === 'read') {
  // The I/O floor: walk the tree (with .gitignore) and read every file the scan would read.
  let bytes = 0;
  for (const f of files) bytes += readFileSync(f.absPath).length;
  report({ files: files.length, bytes });
} else if (step === 'oxc' || step === 'oxc-wrapper' || step === 'typescript-estree') {
  // Loaded only for its own step (before the clock would be fairer still, but the step has always timed it): the
  // TypeScript compiler it brings is megabytes of heap that every other step would carry, and collect around.
  const parseTsEstree = step === 'typescript-estree' ? (await import('@typescript-eslint/typescript-estree')).parse : undefined;
  // The parse floor: read, then parse every JS/TS file the scan parses (not build output, minified or a library's copy),
  // with the bare parser and no rules. The oxc floor excludes our adapter (loc, TS-ESTree fix-ups).
  let parsed = 0;
  let bytes = 0;
  for (const f of files) {
    const language = languageOf(f.path);
    if (!isScript(language) || f.buildOutput) continue;
    const text = decodeSource(readFileSync(f.absPath));
    if (looksMinified(text) || looksBundled(text) || vendoredLibrary(f.path, text)) continue;
    bytes += text.length;
    parsed++;
    const options = { astType: 'ts', range: true, preserveParens: false, lang: language === 'tsx' ? 'tsx' : language === 'ts' ? 'ts' : 'jsx' };
    if (step === 'oxc') {
      // The fastest way to an AST with oxc-parser: its native binding, every field taken, the JSON parsed (as
      // src/parse/oxc.ts does, without our adapter's locations and fix-ups).
      const result = parseNative(f.path, text, options);
      const { program, module, comments, errors } = result;
      void module, void comments, void errors;
      void jsonParseAst(program);
    } else if (step === 'oxc-wrapper') {
      // The same through the package's documented parseSync, whose wrapper makes its ASTs outlive young collections.
      void parseSync(f.path, text, options).program;
    } else {
      try {
        parseTsEstree(text, { loc: true, range: true, comment: true, jsx: language === 'tsx' || language === 'jsx', filePath: f.path, errorOnUnknownASTType: false, suppressDeprecatedPropertyWarnings: true });
      } catch {
        /* unparsable files cost what they cost */
      }
    }
  }
  report({ files: parsed, bytes });
} else {
  const config = defaultConfig();
  if (step === 'scan-typescript-estree') config.parser = 'typescript-estree';
  // Without the data-flow pass: every injection rule that reads it switched off.
  if (step === 'scan-no-dataflow') for (const { meta, rule } of catalogue()) if (meta.family === 'injection' && rule.kind === 'project') config.rules[meta.id] = { enabled: false };
  const kept = step === 'scan-cached' ? scanCacheFile(defaultCacheDir(), root) : undefined;
  const results = kept ? loadResults(kept, root) : undefined;
  // scan-threads-N: the full scan on N threads (worker threads need enough work: minBytesPerThread left at its default).
  const threads = step.startsWith('scan-threads-') ? Number(step.slice('scan-threads-'.length)) : 1;
  const result = await scanDirectory(root, { config, offline: true, results, threads });
  if (kept) saveResults(kept, root, results);
  report({ files: result.stats.files, parsed: result.stats.parsed, findings: result.findings.length, flows: result.findings.filter((f) => f.flow).length, reused: results?.hits });
}
