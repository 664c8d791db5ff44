import { hash } from 'node:crypto';
import { serialize } from 'node:v8';
import { currentReadLog, markVolatile } from '../cache/reads.js';
import { NO_SUMMARY, NOT_ANALYSED, type FileDataflow } from '../cache/results.js';
import { isScript } from '../classify/types.js';
import type { FunctionSummary, ModuleSummary, TaintFlow } from './types.js';
import type { ProjectModel, SourceFile } from '../model/types.js';
import { AnalysisTimeout, FileAnalysis, type ModuleLookup } from './interpreter.js';
import { importSpecifiers, resolveImport } from './modules.js';

export type { SinkKind, SourceKind, TaintFlow } from './types.js';
export { SINK_KINDS } from './types.js';

/** Files whose code runs in the app: tests, configs and bundles are not analysed for data flow. */
const ANALYSED_ROLES = new Set(['server', 'client', 'shared']);
/** How many files deep one file's analysis may pull in its imports before treating calls as unknown. */
const MAX_IMPORT_DEPTH = 24;
/**
 * How long one file's analysis may take. The largest real files take about a second; past this, generated or hostile
 * code is stopped with a notification instead of stalling the scan (bench/adversarial.mjs).
 */
export const DATAFLOW_BUDGET_MS = 30_000;

/**
 * The project's data flow, built file by file during the scan. A file is analysed when the scan reaches it
 * or, earlier, when a file that imports it needs the summaries of its exported functions: then the scan
 * processes that file first (`ensureProcessed`), so every file is still parsed once.
 *
 * A file whose own code brings no untrusted input in (src/dataflow/source-probe.ts) is skipped when the scan
 * reaches it: no flow can start there. It is analysed after all (`reanalyse`: parsed a second time, as its AST
 * was dropped) when a file needs the summaries of what it exports, or when one of its imports exports functions
 * that return untrusted input (`settle`). Of ghost's 1,175 scripts, 82 are analysed for what they may start, 22
 * late, and the rest not at all.
 */
export class ProjectDataflow implements ModuleLookup {
  private readonly imports = new Map<string, string[]>();
  private readonly summaries = new Map<string, ModuleSummary>();
  /** Files whose analysis is under way (an import cycle leads back to them). */
  private readonly running = new Map<string, FileAnalysis>();
  /**
   * Digest of each processed module's summary (NO_SUMMARY when it has none): what importers depend on. Null until
   * asked (only kept results need it): serialising and hashing every module's summary cost more than it was read.
   */
  private readonly digests = new Map<string, string | null>();
  private readonly flowsByFile = new Map<string, TaintFlow[]>();
  /** Analyses kept from an earlier scan, read when an importer or the flows need them. */
  private readonly kept = new Map<string, () => FileDataflow | undefined>();
  /** Files skipped (their imports are known), and of those the ones skipped in this scan rather than an earlier one. */
  private readonly skipped = new Set<string>();
  private readonly skippedNow = new Set<string>();
  /** Files whose exported functions return untrusted input, and of those the ones analysed in this scan. */
  private readonly givesInput = new Set<string>();
  private readonly givesInputNow = new Set<string>();
  /** Files whose summaries an importer asked for before the scan reached them: analysed, never skipped. */
  private readonly demanded = new Set<string>();
  private readonly analysedHere = new Set<string>();
  private depth = 0;

  constructor(
    private readonly model: ProjectModel,
    private readonly ensureProcessed: (file: SourceFile) => void,
    /** Analyse a file the pass skipped: parse it again and call `analyze`, and keep what it gives. */
    private readonly reanalyse: (file: SourceFile) => void,
    readonly budgetMs = DATAFLOW_BUDGET_MS,
  ) {}

  /** Analyse a file, or skip it if its own code brings no untrusted input in and no importer asked for it yet. */
  analyze(file: SourceFile, mayHaveSource = true): void {
    if (!file.ast || !ANALYSED_ROLES.has(file.role)) {
      this.digests.set(file.path, NO_SUMMARY);
      this.skipped.delete(file.path);
      this.skippedNow.delete(file.path);
      return;
    }
    if (!mayHaveSource && !this.demanded.has(file.path)) {
      this.imports.set(file.path, this.resolved(file, importSpecifiers(file.ast)));
      this.flowsByFile.set(file.path, []);
      this.digests.set(file.path, NOT_ANALYSED);
      this.skipped.add(file.path);
      this.skippedNow.add(file.path);
      return;
    }
    this.skipped.delete(file.path);
    this.skippedNow.delete(file.path);
    this.kept.delete(file.path);
    this.analysedHere.add(file.path);
    const analysis = new FileAnalysis(file, file.ast, this);
    this.running.set(file.path, analysis);
    try {
      analysis.run();
    } catch (err) {
      // Cut short by the clock: what it found depends on the machine, so it is not kept for the next scan.
      if (err instanceof AnalysisTimeout) markVolatile(file.path);
      throw err;
    } finally {
      this.running.delete(file.path);
      this.summaries.set(file.path, { exports: analysis.exports });
      this.digests.set(file.path, null);
    }
    this.imports.set(file.path, this.resolved(file, analysis.importSources()));
    this.flowsByFile.set(file.path, analysis.flows);
    if (returnsInput(analysis.exports)) {
      this.givesInput.add(file.path);
      this.givesInputNow.add(file.path);
    }
  }

  private resolved(file: SourceFile, specifiers: readonly string[]): string[] {
    const resolved = specifiers.map((spec) => resolveImport(this.model, file.path, spec));
    return [...new Set(resolved.filter((p): p is string => !!p))].sort();
  }

  /**
   * Once the scan reached every file: analyse the skipped files that import a module whose exported functions return
   * untrusted input (it may reach a sink in them), then those that import one of these if it does too, and so on. A
   * file skipped by an earlier scan and kept needs it only for a module analysed in this one: a module analysed then
   * was checked then.
   */
  settle(): void {
    if (this.givesInput.size === 0) return;
    const queue: string[] = [];
    const late = (path: string) => {
      const file = this.model.fileByPath.get(path);
      if (!file || !this.skipped.has(path)) return;
      this.reanalyse(file);
      if (this.givesInput.has(path)) queue.push(path);
    };
    for (const path of [...this.skippedNow]) {
      // Skipped by another thread: its imports are in the record it made.
      this.readKept(path);
      if ((this.imports.get(path) ?? []).some((p) => this.givesInput.has(p))) late(path);
    }
    queue.push(...this.givesInputNow);
    if (queue.length === 0) return;
    // Who imports what, among the files still skipped (those kept from an earlier scan read now).
    const importers = new Map<string, string[]>();
    for (const path of this.skipped) {
      this.readKept(path);
      for (const target of this.imports.get(path) ?? []) {
        const list = importers.get(target);
        if (list) list.push(path);
        else importers.set(target, [path]);
      }
    }
    while (queue.length > 0) for (const path of importers.get(queue.pop()!) ?? []) late(path);
  }

  /** Whether this thread analysed the file (rather than skipping it or taking another's results). */
  analysed(path: string): boolean {
    return this.analysedHere.has(path);
  }

  /** Every flow found, by the path of the file whose analysis found it: the same order however files were reached. */
  get flows(): TaintFlow[] {
    this.readAllKept();
    return [...this.flowsByFile.keys()].sort().flatMap((path) => this.flowsByFile.get(path)!);
  }

  /** The import graph: project files each analysed file imports (resolved paths), by importer in path order. */
  importGraph(): Map<string, string[]> {
    this.readAllKept();
    return new Map([...this.imports.keys()].sort().map((from) => [from, this.imports.get(from)!]));
  }

  /** What the analysis of `path` produced, to keep for the next scan; undefined when it was not analysed. */
  outputOf(path: string): FileDataflow | undefined {
    if (this.skipped.has(path)) return { exports: new Map(), digest: NOT_ANALYSED, imports: this.imports.get(path) ?? [], flows: [] };
    const summary = this.summaries.get(path);
    if (!summary) return undefined;
    const output: FileDataflow = { exports: summary.exports, digest: this.digestOf(path)!, imports: this.imports.get(path) ?? [], flows: this.flowsByFile.get(path) ?? [] };
    return this.givesInput.has(path) ? { ...output, returnsInput: true } : output;
  }

  /**
   * Take a file's analysis from an earlier scan (or another thread: `fresh`) instead of running it: its summary digest
   * now, the rest when read.
   */
  restore(path: string, digest: string, kept: () => FileDataflow | undefined, returnsInput: boolean, fresh: boolean): void {
    this.digests.set(path, digest);
    if (digest !== NO_SUMMARY) this.kept.set(path, kept);
    if (digest === NOT_ANALYSED) {
      this.skipped.add(path);
      if (fresh) this.skippedNow.add(path);
    }
    if (returnsInput) {
      this.givesInput.add(path);
      if (fresh) this.givesInputNow.add(path);
    }
  }

  private readKept(path: string): void {
    const read = this.kept.get(path);
    if (!read) return;
    this.kept.delete(path);
    const kept = read();
    if (!kept) return;
    // The record itself: its exported summaries may be read from disk only if an importer asks for one.
    this.summaries.set(path, kept);
    this.imports.set(path, kept.imports);
    this.flowsByFile.set(path, kept.flows);
  }

  private readAllKept(): void {
    for (const path of [...this.kept.keys()]) this.readKept(path);
  }

  exported(from: SourceFile, specifier: string, name: string): FunctionSummary | undefined {
    return this.moduleExports(from, specifier, name)?.get(name);
  }

  /** Every summary a module exports (what `export * from` passes on); `name`, when one is asked for, in an import cycle. */
  moduleExports(from: SourceFile, specifier: string, name?: string): ReadonlyMap<string, FunctionSummary> | undefined {
    const target = resolveImport(this.model, from.path, specifier);
    if (!target) return undefined;
    const inCycle = this.running.get(target);
    if (inCycle) {
      // Both ends of an import cycle see each other half-analysed, in an order a later scan may not repeat.
      markVolatile(from.path);
      markVolatile(target);
      const summary = name === undefined ? undefined : inCycle.exportSummary(name);
      return summary ? new Map([[name!, summary]]) : inCycle.exports;
    }
    const file = this.model.fileByPath.get(target);
    if (file && this.depth < MAX_IMPORT_DEPTH && (!this.digests.has(target) || this.skipped.has(target))) {
      this.depth++;
      const started = performance.now();
      try {
        // Not reached yet: processed now, and analysed. Skipped before anyone asked: analysed now.
        if (this.skipped.has(target)) this.reanalyse(file);
        else {
          this.demanded.add(target);
          this.ensureProcessed(file);
        }
      } finally {
        this.depth--;
        this.running.get(from.path)?.extendDeadline(performance.now() - started);
      }
    }
    this.readKept(target);
    // Past the import depth, a file skipped stays unanalysed: what the call gives depends on the order files came in.
    if (this.skipped.has(target)) markVolatile(from.path);
    if (this.digests.has(target)) currentReadLog()?.summaries.set(target, this.digestOf(target)!);
    // Not code (JSON, an asset): it has no summary whatever it holds. Otherwise the import depth ran out.
    else if (file && isScript(file.language)) markVolatile(from.path);
    return this.summaries.get(target)?.exports;
  }

  private digestOf(path: string): string | undefined {
    const known = this.digests.get(path);
    if (known !== null) return known;
    const digest = hash('sha1', serialize(this.summaries.get(path)!.exports), 'base64');
    this.digests.set(path, digest);
    return digest;
  }
}

/** Whether some exported function returns untrusted input (a request, or what a source gave): its importers are analysed. */
function returnsInput(exports: ReadonlyMap<string, FunctionSummary>): boolean {
  for (const summary of exports.values()) if (summary.returnsShape || summary.returns.some((o) => o.kind !== 'param')) return true;
  return false;
}
