import { readFileSync } from 'node:fs';
import { vendoredLibrary } from '../classify/vendored.js';
import { classifyRole } from '../classify/role.js';
import { languageOf } from '../classify/language.js';
import { isScript } from '../classify/types.js';
import type { ResolvedConfig } from '../config/types.js';
import { isBuildOutputPath } from '../discover/build-output.js';
import { decodeSource, lineStartsOf, looksBinary, looksBundled, looksMinified } from '../discover/read.js';
import { currentStamp, discover } from '../discover/walk.js';
import { readBundlerExposures } from '../model/bundler-config.js';
import { readLockfiles } from '../model/lockfiles.js';
import { packageFromManifest, packageOf, sortDeepestFirst } from '../model/packages.js';
import type { PackageInfo, ProjectModel, SourceFile } from '../model/types.js';
import { parseFile } from '../parse/index.js';
import { parseDatabaseFiles } from '../database/parse.js';
import { parseJson } from '../parse/structured.js';
import type { ScanCache } from './scan-cache.js';
import { FactParts } from '../cache/fact-parts.js';
import { KnownTexts, type FileStamp, type KnownText } from '../cache/known-texts.js';
import { trackProjectReads } from '../cache/project-reads.js';
import { logAnalysisRead, trackTextReads } from '../cache/reads.js';
import { contextDigest, contentHashes, keepSql, pathsDigest, projectDigest, projectResultsKeys, readsHold, restoreSql } from '../cache/reuse.js';
import { factsOf, keepFacts, pathsAsBefore } from '../model/facts.js';
import { ProjectAnalysis } from './analyse.js';
import { runProjectRules, stepsThatHold } from './project-rules.js';
import { analyseFiles } from './threads.js';
import type { ResultStore } from '../cache/results.js';
import type { RegistrySettings } from '../registry/settings.js';
import { ALL_RULES } from '../rules/index.js';
import { buildCatalogue, loadRuleMetas, type CatalogueEntry } from './catalogue.js';
import { atLeast, type Finding, type Notification } from './finding.js';
import { fingerprintKey, fingerprintOf } from './fingerprint.js';
import type { ScanResult } from './result.js';
import { suppressionsOf } from './comment-syntax.js';
import { findSuppression } from './suppress.js';
import { timed, type Timings } from './timing.js';
import { TOOL } from './version.js';

export interface ScanOptions {
  config: ResolvedConfig;
  offline: boolean;
  /** Shown in reports instead of the absolute root. */
  target?: string;
  onProgress?: (done: number, total: number) => void;
  /** Called with the finished project model (data flows, import graph): tests and the language server read it. */
  onModel?: (model: ProjectModel) => void;
  /** Build the route inventory even when no access-control rule runs (`vibeaudit routes`). */
  routes?: boolean;
  /** Unsaved editor text by path relative to the root, read instead of the disk (the language server). */
  overlay?: ReadonlyMap<string, string>;
  /** Shared between scans of one folder (the language server): the file list and parse results by content. */
  cache?: ScanCache;
  /** Registry checks: registry URL, cache folder, timeouts (tests point them at a local server). */
  registry?: RegistrySettings;
  /** Per-file results of earlier scans of this folder (kept on disk by the CLI, in memory by the language server). */
  results?: ResultStore;
  /** How long the data-flow pass may spend on one file, in milliseconds (30 s by default); then it stops with a notification. */
  dataflowBudgetMs?: number;
  /** Threads to analyse files on (the main one included; default 1), and the least work worth a thread. */
  threads?: number;
  minBytesPerThread?: number;
  /** Told, once the files are analysed, how many threads did it: the main one and each worker that did its share. */
  onThreads?: (threads: number) => void;
  /** Measure where the time goes, per part and rule (`--timing`); the scan then runs on one thread. */
  timings?: Timings;
}

export interface RawFile {
  path: string;
  absPath: string;
  buildOutput: boolean;
  /** What stat said of the file on disk when the scan found it (not for unsaved or in-memory text). */
  stamp?: FileStamp;
  read(): Uint8Array;
}

/** Scan a folder on disk. Nothing is written into it. */
export async function scanDirectory(root: string, options: ScanOptions): Promise<ScanResult> {
  const started = performance.now();
  // A file list kept from an earlier walk (the language server) has stale stamps, which prove nothing: each file
  // is stamped again, one stat instead of reading and hashing every file of the project on every edit.
  const kept = options.cache?.discovery;
  const walk = () => discover(root, { include: options.config.include, exclude: options.config.exclude, maxFileSize: options.config.maxFileSize });
  const found = kept ?? timed(options.timings, 'find files', walk)();
  if (options.cache) options.cache.discovery = found;
  const { overlay } = options;
  const raw = found.files.map(
    (f): RawFile =>
      overlay?.has(f.path)
        ? { path: f.path, absPath: f.absPath, buildOutput: f.buildOutput, read: () => Buffer.from(overlay.get(f.path)!, 'utf8') }
        : { path: f.path, absPath: f.absPath, buildOutput: f.buildOutput, stamp: kept ? currentStamp(f.absPath) : f.stamp, read: () => readFileSync(f.absPath) },
  );
  return scanFiles(root, raw, options, [...found.notifications], found.skippedBinary, started);
}

/** Scan files held in memory (tests, the language server's unsaved buffers). */
export async function scanVirtual(files: Record<string, string>, options: ScanOptions): Promise<ScanResult> {
  const paths = Object.keys(files);
  const packageDirs = new Set(paths.filter((p) => p === 'package.json' || p.endsWith('/package.json')).map((p) => p.slice(0, Math.max(0, p.lastIndexOf('/')))));
  const raw: RawFile[] = paths.sort().map((path) => ({
    path,
    absPath: path,
    buildOutput: isBuildOutputPath(path, packageDirs),
    read: () => Buffer.from(files[path], 'utf8'),
  }));
  return scanFiles('.', raw, options, [], 0, performance.now());
}

let catalogueCache: CatalogueEntry[] | undefined;
/** The validated catalogue; throws CatalogueError when metadata and implementations disagree. */
export function catalogue(): CatalogueEntry[] {
  catalogueCache ??= buildCatalogue(ALL_RULES, loadRuleMetas());
  return catalogueCache;
}

export function activeEntries(config: ResolvedConfig): CatalogueEntry[] {
  return catalogue().filter(({ meta }) => {
    const setting = config.rules[meta.id];
    if (setting) return setting.enabled;
    if (meta.status === 'deprecated') return false;
    return meta.status === 'stable' || config.experimental;
  });
}

async function scanFiles(
  root: string,
  raw: RawFile[],
  options: ScanOptions,
  notifications: Notification[],
  skippedBinary: number,
  started: number,
): Promise<ScanResult> {
  const entries = activeEntries(options.config);
  const parser = options.config.parser;
  const { timings } = options;
  const parse = timed(timings, 'parse', options.cache ? (f: SourceFile) => options.cache!.parse(f, parser) : (f: SourceFile) => parseFile(f, parser));
  const store = options.results;
  const known = store && new KnownTexts(store.texts);
  const files = timed(timings, 'read files', loadFiles)(raw, notifications, () => skippedBinary++, parse, known);
  if (store) store.textsKnown = known!.loadedUnread;
  const hashes = store ? contentHashes(files, known) : undefined;
  if (known?.update(files, new Map(raw.flatMap((r) => (r.stamp ? [[r.path, r.stamp]] : []))), hashes!)) store!.dirty = true;
  if (store) restoreSql(files, store, hashes!);
  // SQL migrations and supabase/config.toml: the WASM Postgres parser is asynchronous.
  await (timings ? timings.measureAsync('parse SQL', () => parseDatabaseFiles(files)) : parseDatabaseFiles(files));
  if (store) keepSql(files, store, hashes!);
  const model = timed(timings, 'project model', buildModel)(root, files);
  const project = store && projectDigest(files, hashes!);
  if (store) keepFacts(model, store.factsFor(project!), new FactParts(store, hashes!));

  const analysis = new ProjectAnalysis({ model, entries, parse, routes: options.routes, store, hashes, timings, dataflowBudgetMs: options.dataflowBudgetMs });
  const context = store && contextDigest(entries, options.config, analysis.passes);
  if (store) store.begin(context!);
  const paths = store && pathsDigest(files, hashes!);
  if (store?.paths === paths) pathsAsBefore(model);
  // Workers' time cannot be told apart here: with timings, one thread.
  await analyseFiles(root, files, analysis, timings ? { ...options, threads: 1 } : options, hashes);
  analysis.settle();
  store?.end();
  store?.checked(paths!);
  options.onProgress?.(files.length, files.length);
  const findings = analysis.findings;
  notifications.push(...analysis.notifications);
  // What completing the model leaves unread is told by the project rule that first read it (kept with its results).
  const notices: Notification[] = [];
  completeModel(model, analysis, notices);
  // The `routes` command and the language server read the model after the scan: complete it now.
  if (options.routes || options.onModel) void model.routes;
  notifications.push(...notices.splice(0));

  const keys = store ? projectResultsKeys(context!, project!, options.config, files, analysis.derived, hashes!) : undefined;
  const held = keys ? stepsThatHold(store!.project, keys, (step) => readsHold(step, model, hashes!)) : [];
  // What the project rules read of files other than plain scripts is logged, and kept results depend on it alone.
  if (store) trackProjectReads(model);
  const run = { model, analysis, notices, config: options.config, offline: options.offline, registry: options.registry, timings };
  const ran = await runProjectRules(entries, run, store?.project, held, keys);
  findings.push(...ran.findings);
  notifications.push(...ran.notifications);
  if (store && ran.keep) store.keepProjectResults(ran.keep);
  if (store) store.keepFacts(project!, factsOf(model));

  options.onModel?.(model);
  timed(timings, 'suppressions and fingerprints', () => {
    applySuppressions(findings, model, notifications);
    sortNotifications(notifications);
    applySeverityOverrides(findings, options.config);
    assignFingerprints(findings);
  })();

  const byRole: ScanResult['stats']['byRole'] = {};
  for (const f of files) byRole[f.role] = (byRole[f.role] ?? 0) + 1;
  return {
    tool: { ...TOOL },
    target: options.target ?? root,
    rules: entries.map((e) => e.meta),
    findings,
    notifications,
    files: files.map((f) => ({ path: f.path, language: f.language, role: f.role, roleReason: f.roleReason })),
    stats: { files: files.length, parsed: analysis.parsed, skippedBinary, byRole, durationMs: Math.round(performance.now() - started) },
    failOn: options.config.failOn,
  };
}

export function loadFiles(raw: RawFile[], notifications: Notification[], onBinary: () => void, parse: (file: SourceFile) => void, known?: KnownTexts): SourceFile[] {
  type Loaded = { raw: RawFile; text: string; known?: undefined } | { raw: RawFile; text?: undefined; known: KnownText };
  const loaded: Loaded[] = [];
  const readError = (r: RawFile, err: unknown): Notification => ({ level: 'warning', kind: 'read-error', message: `Could not read file: ${(err as NodeJS.ErrnoException).code ?? String(err)}`, file: r.path });
  for (const r of raw) {
    const unchanged = known?.unchanged(r.path, r.stamp);
    if (unchanged) {
      loaded.push({ raw: r, known: unchanged });
      continue;
    }
    let bytes: Uint8Array;
    try {
      bytes = r.read();
    } catch (err) {
      notifications.push(readError(r, err));
      continue;
    }
    if (looksBinary(bytes)) {
      // A binary lockfile still tells the dependency rules that the package is locked.
      if (r.path.endsWith('bun.lockb')) loaded.push({ raw: r, text: '' });
      else {
        onBinary();
        // A file named like source but holding NUL bytes is worth a word: it was not checked at all.
        if (languageOf(r.path) !== 'other') notifications.push({ level: 'note', kind: 'skipped-file', message: 'Skipped: the file contains NUL bytes, so it was read as binary and not scanned.', file: r.path });
      }
      continue;
    }
    loaded.push({ raw: r, text: decodeSource(bytes) });
  }

  const packages: PackageInfo[] = [];
  for (const { raw: r, text } of loaded) {
    if (text === undefined || r.buildOutput || !(r.path === 'package.json' || r.path.endsWith('/package.json'))) continue;
    const pkg = packageFromManifest(r.path, parseJson(text).value);
    if (pkg) packages.push(pkg);
  }
  const deepestFirst = sortDeepestFirst(packages);

  // A text read only when asked for; the file was there when the scan began, so failing now is a race with an edit.
  const readLater = (r: RawFile) => () => {
    try {
      return decodeSource(r.read());
    } catch (err) {
      notifications.push(readError(r, err));
      return '';
    }
  };
  return loaded.map(({ raw: r, text, known: kept }) => {
    const pkg = packageOf(r.path, deepestFirst);
    if (kept && known!.reuse(r.path, kept, pkg, r.buildOutput)) return knownFile(r, kept, pkg, readLater(r));
    text ??= readLater(r)();
    const language = languageOf(r.path);
    const minified = looksMinified(text) || (isScript(language) && looksBundled(text));
    // A library's own copy (jQuery in `public/js/lib/`) is read like a bundle: its code is not the project's.
    const vendored = !r.buildOutput && !minified && isScript(language) ? vendoredLibrary(r.path, text) : undefined;
    const { role, reason } = classifyRole({ path: r.path, language, buildOutput: r.buildOutput || (minified && isScript(language)) || vendored !== undefined, text, pkg });
    const file: SourceFile = {
      path: r.path,
      absPath: r.absPath,
      language,
      role,
      roleReason: vendored ? `a copy of a library (${vendored}), not the project's own code` : minified && !r.buildOutput && role === 'build-output' ? 'minified or bundled code' : reason,
      buildOutput: r.buildOutput,
      text,
      lineStarts: lineStartsOf(text),
      minified,
      package: pkg,
      // JSON has no comments, and prose only its own (`<!-- -->`, `#` in TOML): a directive otherwise is quoted, not meant.
      suppressions: suppressionsOf(r.path, language, text),
    };
    // Another file's rules reading this text make their kept results depend on it (src/cache/reads.ts).
    trackTextReads(file);
    // Structured files and config scripts are parsed now: the project model reads them.
    if (!isScript(language) || isConfigScript(file)) parse(file);
    return file;
  });
}

/** A file unchanged since an earlier scan, loaded from what that scan learnt of it; its text is read on demand. */
function knownFile(r: RawFile, kept: KnownText, pkg: PackageInfo | undefined, load: () => string): SourceFile {
  const file = {
    path: r.path,
    absPath: r.absPath,
    language: kept.language,
    role: kept.role,
    roleReason: kept.roleReason,
    buildOutput: r.buildOutput,
    minified: kept.minified,
    package: pkg,
    suppressions: kept.suppressions.map((d) => ({ ...d, used: new Set<string>() })),
  } as SourceFile;
  trackTextReads(file, load);
  return file;
}

function isConfigScript(file: SourceFile): boolean {
  return isScript(file.language) && file.role === 'config';
}

/**
 * Give the model its data flows, import graph and routes when first read: linking routes reads every file's
 * route facts, and a rescan whose project findings are all kept reads none. Each read is logged, by part.
 */
function completeModel(model: ProjectModel, analysis: ProjectAnalysis, notices: Notification[]): void {
  const linked = lazily(() => {
    try {
      return analysis.routes?.link(model, (n) => notices.push(n)) ?? [];
    } catch (err) {
      notices.push({ level: 'error', kind: 'rule-error', message: `Linking the route inventory failed, so access-control rules did not run on routes (a vibeaudit bug, please report it): ${err instanceof Error ? err.message : String(err)}` });
      return [];
    }
  });
  const flows = lazily(() => analysis.dataflow?.flows ?? []);
  const imports = lazily(() => analysis.dataflow?.importGraph() ?? new Map<string, string[]>());
  const parts = { flows: ['dataflow', flows], imports: ['dataflow', imports], routes: ['routes', linked] } as const;
  for (const [key, [part, value]] of Object.entries(parts)) {
    Object.defineProperty(model, key, {
      enumerable: true,
      configurable: true,
      get: () => {
        logAnalysisRead(part);
        return value();
      },
    });
  }
}

function lazily<T>(make: () => T): () => T {
  let made: { value: T } | undefined;
  return () => (made ??= { value: make() }).value;
}

export function buildModel(root: string, files: SourceFile[]): ProjectModel {
  const packages = [...new Map(files.filter((f) => f.package).map((f) => [f.package!.dir, f.package!])).values()];
  const model: ProjectModel = {
    root,
    files,
    packages: packages.sort((a, b) => a.dir.localeCompare(b.dir)),
    lockfiles: [],
    bundlerExposures: readBundlerExposures(files),
    fileByPath: new Map(files.map((f) => [f.path, f])),
    flows: [],
    imports: new Map(),
    routes: [],
  };
  // Read when a rule first asks: a rescan whose project findings all stand asks for none (a yarn.lock of 1 MB took
  // a fifth of such a rescan of ghost).
  let lockfiles: ProjectModel['lockfiles'] | undefined;
  Object.defineProperty(model, 'lockfiles', { enumerable: true, configurable: true, get: () => (lockfiles ??= readLockfiles(files)), set: (value: ProjectModel['lockfiles']) => void (lockfiles = value) });
  return model;
}

function applySuppressions(findings: Finding[], model: ProjectModel, notifications: Notification[]): void {
  for (const finding of findings) {
    const file = model.fileByPath.get(finding.file);
    if (!file || file.suppressions.length === 0) continue;
    const directive = findSuppression(file.suppressions, finding.ruleId, finding.range.startLine);
    if (!directive) continue;
    directive.used.add(finding.ruleId);
    finding.suppression = { kind: 'inSource', justification: directive.reason, line: directive.line };
  }
  const known = new Set(catalogue().map((e) => e.meta.id));
  for (const file of model.files) {
    for (const d of file.suppressions) {
      if (d.ruleIds.length === 0) {
        notifications.push({ level: 'warning', kind: 'suppression', message: `vibeaudit-ignore-${d.scope} names no rule id, so it suppresses nothing.`, file: file.path, line: d.line });
      }
      for (const id of d.ruleIds) {
        if (!known.has(id)) notifications.push({ level: 'warning', kind: 'suppression', message: `vibeaudit-ignore-${d.scope} names an unknown rule "${id}".`, file: file.path, line: d.line });
      }
    }
  }
}

function applySeverityOverrides(findings: Finding[], config: ResolvedConfig): void {
  for (const f of findings) {
    const severity = config.rules[f.ruleId]?.severity;
    if (severity) f.severity = severity;
  }
}

/** Notifications about the whole scan first, then by file: the same order however files were reached. */
function sortNotifications(notifications: Notification[]): void {
  notifications.sort((a, b) => ((a.file ?? '') < (b.file ?? '') ? -1 : (a.file ?? '') > (b.file ?? '') ? 1 : 0));
}

/** Sort findings into report order, then give each a line-free fingerprint with an occurrence index. */
function assignFingerprints(findings: Finding[]): void {
  findings.sort(
    (a, b) =>
      (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) ||
      a.range.startLine - b.range.startLine ||
      a.range.startColumn - b.range.startColumn ||
      (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0),
  );
  const seen = new Map<string, number>();
  for (const f of findings) {
    const key = fingerprintKey({ ruleId: f.ruleId, file: f.file, snippet: f.snippet, symbol: f.symbol });
    const n = seen.get(key) ?? 0;
    seen.set(key, n + 1);
    f.fingerprint = fingerprintOf(key, n);
  }
}

/** Unsuppressed findings at or above the fail-on threshold. */
export function failingFindings(result: ScanResult): Finding[] {
  if (result.failOn === 'none') return [];
  const threshold = result.failOn;
  return result.findings.filter((f) => !f.suppression && atLeast(f.severity, threshold));
}
