import { readFileSync } from 'node:fs';
import { classifyRole } from '../classify/role.js';
import { languageOf } from '../classify/language.js';
import { isScript } from '../classify/types.js';
import type { ResolvedConfig } from '../config/types.js';
import { isBuildOutputPath } from '../discover/build-output.js';
import { decodeText, lineStartsOf, looksBinary, looksMinified } from '../discover/read.js';
import { discover } from '../discover/walk.js';
import { ProjectDataflow } from '../dataflow/index.js';
import { RouteCollector } from '../routes/index.js';
import { readBundlerExposures } from '../model/bundler-config.js';
import { readLockfiles } from '../model/lockfiles.js';
import { packageFromManifest, packageOf, sortDeepestFirst } from '../model/packages.js';
import type { PackageInfo, ProjectModel, SourceFile } from '../model/types.js';
import { parseFile } from '../parse/index.js';
import { parseDatabaseFiles } from '../database/parse.js';
import { parseJson } from '../parse/structured.js';
import type { ScanCache } from './scan-cache.js';
import { contextDigest, contentHashes, keepSql, RecordReuse, restoreSql } from '../cache/reuse.js';
import { newReadLog, withReadLog } from '../cache/reads.js';
import type { ResultStore } from '../cache/results.js';
import type { RegistrySettings } from '../registry/settings.js';
import { ALL_RULES } from '../rules/index.js';
import { buildCatalogue, loadRuleMetas, type CatalogueEntry } from './catalogue.js';
import { atLeast, type Finding, type Notification } from './finding.js';
import { fingerprintKey, fingerprintOf } from './fingerprint.js';
import { makeFinding, type PendingFinding } from './make-finding.js';
import type { ScanResult } from './result.js';
import { ruleApplies, type AstRule, type FileContext, type ProjectRule, type ReportDescriptor, type TextRule } from './rule.js';
import { suppressionsOf } from './comment-syntax.js';
import { findSuppression } from './suppress.js';
import { mergeListeners, traverse, type Visitor } from './traverse.js';
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
}

export interface RawFile {
  path: string;
  absPath: string;
  buildOutput: boolean;
  read(): Uint8Array;
}

/** Scan a folder on disk. Nothing is written into it. */
export async function scanDirectory(root: string, options: ScanOptions): Promise<ScanResult> {
  const started = performance.now();
  const found = options.cache?.discovery ?? discover(root, { include: options.config.include, exclude: options.config.exclude, maxFileSize: options.config.maxFileSize });
  if (options.cache) options.cache.discovery = found;
  const { overlay } = options;
  const raw = found.files.map((f) => ({ ...f, read: () => (overlay?.has(f.path) ? Buffer.from(overlay.get(f.path)!, 'utf8') : readFileSync(f.absPath)) }));
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
  const parse = options.cache ? (f: SourceFile) => options.cache!.parse(f, parser) : (f: SourceFile) => parseFile(f, parser);
  const files = loadFiles(raw, notifications, () => skippedBinary++, parse);
  const store = options.results;
  const hashes = store ? contentHashes(files) : undefined;
  if (store) restoreSql(files, store, hashes!);
  // SQL migrations and supabase/config.toml: the WASM Postgres parser is asynchronous.
  await parseDatabaseFiles(files);
  if (store) keepSql(files, store, hashes!);
  const model = buildModel(root, files);

  const pendingByFile = new Map<SourceFile, PendingFinding[]>();
  const pend = (entry: CatalogueEntry, file: SourceFile, descriptor: ReportDescriptor<string>) => {
    const list = pendingByFile.get(file) ?? [];
    list.push({ entry, file, descriptor });
    pendingByFile.set(file, list);
  };

  const textEntries = entries.filter((e) => e.rule.kind === 'text');
  const astEntries = entries.filter((e) => e.rule.kind === 'ast');
  const projectEntries = entries.filter((e) => e.rule.kind === 'project');
  let parsed = 0;
  let processed = 0;
  const findings: Finding[] = [];
  const state = new Map<SourceFile, 'running' | 'done'>();
  // Data flow only when an injection rule will read it: it is the costliest pass after parsing.
  const dataflow = entries.some((e) => e.meta.family === 'injection' && e.rule.kind === 'project') ? new ProjectDataflow(model, (dep) => processFile(dep)) : undefined;
  // Routes likewise only for access-control rules (and `vibeaudit routes`): facts are read while the AST exists.
  const routes = options.routes || entries.some((e) => e.meta.family === 'access-control' && e.rule.kind === 'project') ? new RouteCollector() : undefined;

  if (store) store.begin(contextDigest(files, hashes!, entries, options.config, `dataflow:${!!dataflow} routes:${!!routes}`));
  const reuse = store ? new RecordReuse(store, model, hashes!) : undefined;

  // A file is processed once: when the scan reaches it, or earlier when a file importing it needs its summaries.
  function processFile(file: SourceFile): void {
    if (state.has(file)) return;
    state.set(file, 'running');
    options.onProgress?.(processed, files.length);
    const record = reuse?.valid(file);
    if (record) {
      // Nothing this file's results depend on changed since they were made: take them as they are.
      findings.push(...structuredClone(record.findings));
      notifications.push(...record.notifications);
      if (record.parsed) parsed++;
      if (routes && record.routes) routes.restore(file.path, record.routes);
      dataflow?.restore(file.path, record.dataflow);
      store!.keep(file.path);
    } else {
      const log = store ? newReadLog() : undefined;
      const notes: Notification[] = [];
      const { made, secrets } = log ? withReadLog(file.path, log, () => analyseFile(file, notes)) : analyseFile(file, notes);
      findings.push(...made);
      notifications.push(...notes);
      if (store && log && !log.volatile) {
        const output = { findings: made, notifications: notes, secrets, parsed: !!file.ast, routes: routes?.factsOf(file.path), dataflow: dataflow?.outputOf(file.path) };
        store.set(file.path, reuse!.record(file, output, log));
      }
      if (file.ast) parsed++;
    }
    // Dropped to keep memory flat on large trees (config files were parsed up front for the project model).
    file.ast = undefined;
    state.set(file, 'done');
    processed++;
  }

  /** Parse the file if needed and run every rule and per-file pass on it; returns its findings, made and redacted. */
  function analyseFile(file: SourceFile, notes: Notification[]): { made: Finding[]; secrets: string[] } {
    if (isScript(file.language) && !file.ast && !file.parseError) parse(file);
    if (file.parseError) {
      notes.push({
        level: 'warning',
        kind: 'parse-error',
        message: `Could not parse this file, so only text rules ran on it: ${file.parseError.message}`,
        file: file.path,
        line: file.parseError.line,
        column: file.parseError.column,
      });
    }
    for (const entry of textEntries) {
      if (!ruleApplies(entry.rule, file)) continue;
      guard(notes, entry, file, () => (entry.rule as TextRule).check(contextFor(entry, file, model, pend)));
    }
    if (dataflow && isScript(file.language)) {
      const analysed = file;
      guardDataflow(notes, file, () => dataflow.analyze(analysed));
    }
    if (file.ast && routes) {
      const analysed = file;
      guardRoutes(notes, file, () => routes.collect(analysed));
    }
    if (file.ast) {
      const listeners: Record<string, Visitor | undefined>[] = [];
      for (const entry of astEntries) {
        if (!ruleApplies(entry.rule, file)) continue;
        guard(notes, entry, file, () => {
          const created = (entry.rule as AstRule).create(contextFor(entry, file, model, pend)) as Record<string, Visitor | undefined>;
          listeners.push(wrapListeners(created, notes, entry, file));
        });
      }
      if (listeners.length) traverse(file.ast, mergeListeners(listeners));
    } else {
      for (const entry of astEntries) {
        const rule = entry.rule as AstRule;
        if (!rule.checkWithoutAst || !ruleApplies(rule, file)) continue;
        guard(notes, entry, file, () => rule.checkWithoutAst!(contextFor(entry, file, model, pend)));
      }
    }
    // Findings are made (and redacted) per file; the caller drops the AST to keep memory flat on large trees.
    const pending = pendingByFile.get(file) ?? [];
    pendingByFile.delete(file);
    return { made: finishFile(file, pending), secrets: pending.flatMap((p) => p.descriptor.secrets ?? []) };
  }
  for (const file of files) processFile(file);
  store?.end();
  options.onProgress?.(files.length, files.length);
  if (dataflow) {
    model.flows.push(...dataflow.flows);
    for (const from of [...dataflow.imports.keys()].sort()) model.imports.set(from, dataflow.imports.get(from)!);
  }
  if (routes) {
    try {
      model.routes = routes.link(model);
    } catch (err) {
      notifications.push({ level: 'error', kind: 'rule-error', message: `Linking the route inventory failed, so access-control rules did not run on routes (a vibeaudit bug, please report it): ${err instanceof Error ? err.message : String(err)}` });
    }
  }

  for (const entry of projectEntries) {
    try {
      await (entry.rule as ProjectRule).check({
        model,
        offline: options.offline,
        config: options.config,
        notify: (n) => notifications.push(n),
        registry: options.registry,
        report: (file, descriptor) => pend(entry, file, descriptor),
      });
    } catch (err) {
      notifications.push(ruleErrorNotification(entry, undefined, err));
    }
  }
  for (const [file, pending] of pendingByFile) findings.push(...finishFile(file, pending));

  options.onModel?.(model);
  applySuppressions(findings, model, notifications);
  sortNotifications(notifications);
  applySeverityOverrides(findings, options.config);
  assignFingerprints(findings);

  const byRole: ScanResult['stats']['byRole'] = {};
  for (const f of files) byRole[f.role] = (byRole[f.role] ?? 0) + 1;
  return {
    tool: { ...TOOL },
    target: options.target ?? root,
    rules: entries.map((e) => e.meta),
    findings,
    notifications,
    files: files.map((f) => ({ path: f.path, language: f.language, role: f.role, roleReason: f.roleReason })),
    stats: { files: files.length, parsed, skippedBinary, byRole, durationMs: Math.round(performance.now() - started) },
    failOn: options.config.failOn,
  };
}

function loadFiles(raw: RawFile[], notifications: Notification[], onBinary: () => void, parse: (file: SourceFile) => void): SourceFile[] {
  type Loaded = { raw: RawFile; text: string };
  const loaded: Loaded[] = [];
  for (const r of raw) {
    let bytes: Uint8Array;
    try {
      bytes = r.read();
    } catch (err) {
      notifications.push({ level: 'warning', kind: 'read-error', message: `Could not read file: ${(err as NodeJS.ErrnoException).code ?? String(err)}`, file: r.path });
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
    loaded.push({ raw: r, text: decodeText(bytes) });
  }

  const packages: PackageInfo[] = [];
  for (const { raw: r, text } of loaded) {
    if (r.buildOutput || !(r.path === 'package.json' || r.path.endsWith('/package.json'))) continue;
    const pkg = packageFromManifest(r.path, parseJson(text).value);
    if (pkg) packages.push(pkg);
  }
  const deepestFirst = sortDeepestFirst(packages);

  return loaded.map(({ raw: r, text }) => {
    const language = languageOf(r.path);
    const pkg = packageOf(r.path, deepestFirst);
    const minified = looksMinified(text);
    const { role, reason } = classifyRole({ path: r.path, language, buildOutput: r.buildOutput || (minified && isScript(language)), text, pkg });
    const file: SourceFile = {
      path: r.path,
      absPath: r.absPath,
      language,
      role,
      roleReason: minified && !r.buildOutput && role === 'build-output' ? 'minified or bundled code' : reason,
      buildOutput: r.buildOutput,
      text,
      lineStarts: lineStartsOf(text),
      minified,
      package: pkg,
      // JSON has no comments, and prose only its own (`<!-- -->`, `#` in TOML): a directive otherwise is quoted, not meant.
      suppressions: suppressionsOf(r.path, language, text),
    };
    // Structured files and config scripts are parsed now: the project model reads them.
    if (!isScript(language) || isConfigScript(file)) parse(file);
    return file;
  });
}

function isConfigScript(file: SourceFile): boolean {
  return isScript(file.language) && file.role === 'config';
}

function buildModel(root: string, files: SourceFile[]): ProjectModel {
  const packages = [...new Map(files.filter((f) => f.package).map((f) => [f.package!.dir, f.package!])).values()];
  return {
    root,
    files,
    packages: packages.sort((a, b) => a.dir.localeCompare(b.dir)),
    lockfiles: readLockfiles(files),
    bundlerExposures: readBundlerExposures(files),
    fileByPath: new Map(files.map((f) => [f.path, f])),
    flows: [],
    imports: new Map(),
    routes: [],
  };
}

function contextFor(
  entry: CatalogueEntry,
  file: SourceFile,
  model: ProjectModel,
  pend: (entry: CatalogueEntry, file: SourceFile, d: ReportDescriptor<string>) => void,
): FileContext<string> {
  return { file, model, report: (d) => pend(entry, file, d) };
}

function finishFile(file: SourceFile, pending: PendingFinding[]): Finding[] {
  const secrets = pending.flatMap((p) => p.descriptor.secrets ?? []);
  return pending.map((p) => ({ ...makeFinding(p, secrets), fingerprint: '' }));
}

function guardRoutes(notifications: Notification[], file: SourceFile, fn: () => void): void {
  try {
    fn();
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    notifications.push({ level: 'error', kind: 'rule-error', message: `Route inventory failed on this file, so its routes may be missing (a vibeaudit bug, please report it): ${message}`, file: file.path });
  }
}

function guardDataflow(notifications: Notification[], file: SourceFile, fn: () => void): void {
  try {
    fn();
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    notifications.push({ level: 'error', kind: 'rule-error', message: `Data-flow analysis failed on this file, so injection rules may miss flows through it (a vibeaudit bug, please report it): ${message}`, file: file.path });
  }
}

function guard(notifications: Notification[], entry: CatalogueEntry, file: SourceFile, fn: () => void): void {
  try {
    fn();
  } catch (err) {
    notifications.push(ruleErrorNotification(entry, file, err));
  }
}

function wrapListeners(listeners: Record<string, Visitor | undefined>, notifications: Notification[], entry: CatalogueEntry, file: SourceFile) {
  const wrapped: Record<string, Visitor> = {};
  for (const [key, fn] of Object.entries(listeners)) {
    if (fn) wrapped[key] = (node) => guard(notifications, entry, file, () => fn(node));
  }
  return wrapped;
}

function ruleErrorNotification(entry: CatalogueEntry, file: SourceFile | undefined, err: unknown): Notification {
  const message = err instanceof Error ? err.message : String(err);
  return { level: 'error', kind: 'rule-error', message: `Rule ${entry.meta.id} failed (a vibeaudit bug, please report it): ${message}`, file: file?.path };
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
      (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0) ||
      (a.message < b.message ? -1 : a.message > b.message ? 1 : 0),
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
