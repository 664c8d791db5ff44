import type { FunctionSummary, ModuleSummary, TaintFlow } from './types.js';
import type { ProjectModel, SourceFile } from '../model/types.js';
import { FileAnalysis, type ModuleLookup } from './interpreter.js';
import { aliasesFor, resolveSpecifier, type AliasTable } from './modules.js';

export type { SinkKind, SourceKind, TaintFlow } from './types.js';
export { SINK_KINDS } from './types.js';

/** Files whose code runs in the app: tests, configs and bundles are not analysed for data flow. */
const ANALYSED_ROLES = new Set(['server', 'client', 'shared']);
/** How many files deep one file's analysis may pull in its imports before treating calls as unknown. */
const MAX_IMPORT_DEPTH = 24;

/**
 * The project's data flow, built file by file during the scan. A file is analysed when the scan reaches it
 * or, earlier, when a file that imports it needs the summaries of its exported functions: then the scan
 * processes that file first (`ensureProcessed`), so every file is still parsed once.
 */
export class ProjectDataflow implements ModuleLookup {
  readonly flows: TaintFlow[] = [];
  /** Project files each analysed file imports (resolved paths): the import graph. */
  readonly imports = new Map<string, string[]>();
  private readonly summaries = new Map<string, ModuleSummary>();
  /** Files whose analysis is under way (an import cycle leads back to them). */
  private readonly running = new Map<string, FileAnalysis>();
  private readonly aliases = new Map<string, AliasTable>();
  private depth = 0;

  constructor(
    private readonly model: ProjectModel,
    private readonly ensureProcessed: (file: SourceFile) => void,
  ) {}

  analyze(file: SourceFile): void {
    if (!file.ast || !ANALYSED_ROLES.has(file.role)) return;
    const analysis = new FileAnalysis(file, file.ast, this);
    this.running.set(file.path, analysis);
    try {
      analysis.run();
    } finally {
      this.running.delete(file.path);
      this.summaries.set(file.path, { exports: analysis.exports });
    }
    const aliases = aliasesFor(file, this.model, this.aliases);
    const resolved = analysis.importSources().map((spec) => resolveSpecifier(file.path, spec, this.model, aliases));
    this.imports.set(file.path, [...new Set(resolved.filter((p): p is string => !!p))].sort());
    this.flows.push(...analysis.flows);
  }

  exported(from: SourceFile, specifier: string, name: string): FunctionSummary | undefined {
    const target = resolveSpecifier(from.path, specifier, this.model, aliasesFor(from, this.model, this.aliases));
    if (!target) return undefined;
    const inCycle = this.running.get(target);
    if (inCycle) return inCycle.exportSummary(name);
    if (!this.summaries.has(target) && this.depth < MAX_IMPORT_DEPTH) {
      const file = this.model.fileByPath.get(target);
      if (file) {
        this.depth++;
        try {
          this.ensureProcessed(file);
        } finally {
          this.depth--;
        }
      }
    }
    return this.summaries.get(target)?.exports.get(name);
  }
}
