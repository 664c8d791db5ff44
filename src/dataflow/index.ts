import { createHash } from 'node:crypto';
import { serialize } from 'node:v8';
import { currentReadLog, markVolatile } from '../cache/reads.js';
import { NO_SUMMARY, type FileDataflow } from '../cache/results.js';
import { isScript } from '../classify/types.js';
import type { FunctionSummary, ModuleSummary, TaintFlow } from './types.js';
import type { ProjectModel, SourceFile } from '../model/types.js';
import { AnalysisTimeout, FileAnalysis, type ModuleLookup } from './interpreter.js';
import { resolveImport } from './modules.js';

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
  private depth = 0;

  constructor(
    private readonly model: ProjectModel,
    private readonly ensureProcessed: (file: SourceFile) => void,
    readonly budgetMs = DATAFLOW_BUDGET_MS,
  ) {}

  analyze(file: SourceFile): void {
    if (!file.ast || !ANALYSED_ROLES.has(file.role)) {
      this.digests.set(file.path, NO_SUMMARY);
      return;
    }
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
    const resolved = analysis.importSources().map((spec) => resolveImport(this.model, file.path, spec));
    this.imports.set(file.path, [...new Set(resolved.filter((p): p is string => !!p))].sort());
    this.flowsByFile.set(file.path, analysis.flows);
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
    const summary = this.summaries.get(path);
    if (!summary) return undefined;
    return { exports: summary.exports, digest: this.digestOf(path)!, imports: this.imports.get(path) ?? [], flows: this.flowsByFile.get(path) ?? [] };
  }

  /** Take a file's analysis from an earlier scan instead of running it: its summary digest now, the rest when read. */
  restore(path: string, digest: string, kept: () => FileDataflow | undefined): void {
    this.digests.set(path, digest);
    if (digest !== NO_SUMMARY) this.kept.set(path, kept);
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
    const target = resolveImport(this.model, from.path, specifier);
    if (!target) return undefined;
    const inCycle = this.running.get(target);
    if (inCycle) {
      // Both ends of an import cycle see each other half-analysed, in an order a later scan may not repeat.
      markVolatile(from.path);
      markVolatile(target);
      return inCycle.exportSummary(name);
    }
    const file = this.model.fileByPath.get(target);
    if (!this.digests.has(target) && this.depth < MAX_IMPORT_DEPTH && file) {
      this.depth++;
      const started = performance.now();
      try {
        this.ensureProcessed(file);
      } finally {
        this.depth--;
        this.running.get(from.path)?.extendDeadline(performance.now() - started);
      }
    }
    this.readKept(target);
    if (this.digests.has(target)) currentReadLog()?.summaries.set(target, this.digestOf(target)!);
    // Not code (JSON, an asset): it has no summary whatever it holds. Otherwise the import depth ran out.
    else if (file && isScript(file.language)) markVolatile(from.path);
    return this.summaries.get(target)?.exports.get(name);
  }

  private digestOf(path: string): string | undefined {
    const known = this.digests.get(path);
    if (known !== null) return known;
    const digest = createHash('sha1').update(serialize(this.summaries.get(path)!.exports)).digest('base64');
    this.digests.set(path, digest);
    return digest;
  }
}
