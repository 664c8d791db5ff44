import { newReadLog, withReadLog } from '../cache/reads.js';
import { NOT_ANALYSED, type DerivedDigests, type FileRecord, type ResultStore } from '../cache/results.js';
import { RecordReuse, secretsAt } from '../cache/reuse.js';
import { partBytesOf, withPartBytes, type PartBytes } from '../cache/stored.js';
import { isScript } from '../classify/types.js';
import { ProjectDataflow } from '../dataflow/index.js';
import { AnalysisTimeout } from '../dataflow/interpreter.js';
import { SourceProbe } from '../dataflow/source-probe.js';
import type { ProjectModel, SourceFile } from '../model/types.js';
import type { AstNode } from '../parse/types.js';
import { RouteCollector } from '../routes/index.js';
import type { CatalogueEntry } from './catalogue.js';
import type { Finding, Notification } from './finding.js';
import { makeFinding, type PendingFinding } from './make-finding.js';
import { ruleApplies, type AstRule, type FileContext, type ReportDescriptor, type TextRule } from './rule.js';
import { rulePart, timed, type Timings } from './timing.js';
import { mergeListeners, traverse, type Visitor } from './traverse.js';
import { triggersOf, type RuleTriggers } from './triggers.js';

export interface AnalysisSetup {
  model: ProjectModel;
  entries: readonly CatalogueEntry[];
  parse: (file: SourceFile) => void;
  /** Build the route inventory even when no access-control rule runs (`vibeaudit routes`). */
  routes?: boolean;
  /** Kept results to reuse, and where to keep new ones; `hashes` are the files' content hashes. */
  store?: ResultStore;
  hashes?: ReadonlyMap<string, string>;
  /** Make a record of every file analysed here, kept or not (a worker hands them to the main thread). */
  collect?: boolean;
  /** Where the time goes, per pass and rule (`--timing`). */
  timings?: Timings;
  /** How long the data-flow pass may spend on one file (DATAFLOW_BUDGET_MS unless set). */
  dataflowBudgetMs?: number;
}

/** A record made in this analysis; `volatile` ones serve this scan only (they depend on visiting order). */
export interface MadeRecord {
  record: FileRecord;
  volatile: boolean;
  /** The record's route facts and data-flow results as serialised for their digests, to be written as they are. */
  parts?: PartBytes;
}

/**
 * The per-file part of a scan: every rule and per-file pass (data flow, route facts) on each file, once, with
 * the results of files analysed elsewhere (an earlier scan, a worker thread) adopted instead.
 */
export class ProjectAnalysis {
  readonly findings: Finding[] = [];
  readonly notifications: Notification[] = [];
  readonly dataflow?: ProjectDataflow;
  readonly routes?: RouteCollector;
  readonly reuse?: RecordReuse;
  readonly made = new Map<string, MadeRecord>();
  /** Each file's `FileRecord.derived` (only with kept results): what kept project findings are checked against. */
  readonly derived = new Map<string, DerivedDigests>();
  parsed = 0;
  processed = 0;
  /** Files another thread analyses: here only their data-flow summaries are worked out, when an import needs them. */
  foreign = new Set<string>();
  private readonly state = new Map<SourceFile, 'running' | 'done' | 'summary'>();
  private readonly pendingByFile = new Map<SourceFile, PendingFinding[]>();
  /** Secrets the rules found in each file: findings project rules report there later are redacted with them too. */
  private readonly secretsByFile = new Map<string, readonly string[] | (() => string[])>();
  private readonly textEntries: CatalogueEntry[];
  private readonly astEntries: CatalogueEntry[];
  /** Made when the first file is analysed: a rescan that reuses every file's results never needs it (4 ms to make). */
  private triggers?: RuleTriggers;

  constructor(private readonly setup: AnalysisSetup) {
    const { entries, model, store, hashes } = setup;
    this.textEntries = entries.filter((e) => e.rule.kind === 'text');
    this.astEntries = entries.filter((e) => e.rule.kind === 'ast');
    // Data flow only when an injection rule will read it: it is the costliest pass after parsing.
    if (entries.some((e) => e.meta.family === 'injection' && e.rule.kind === 'project')) this.dataflow = new ProjectDataflow(model, (dep) => this.process(dep), (file) => this.reanalyse(file), setup.dataflowBudgetMs);
    // Routes likewise only for access-control rules (and `vibeaudit routes`): facts are read while the AST exists.
    if (setup.routes || entries.some((e) => e.meta.family === 'access-control' && e.rule.kind === 'project')) this.routes = new RouteCollector(setup.parse);
    if (store && hashes) this.reuse = new RecordReuse(store, model, hashes);
  }

  /** Which passes run: part of what kept results depend on. */
  get passes(): string {
    return `dataflow:${!!this.dataflow} routes:${!!this.routes}`;
  }

  /** A finding to make when its file is finished (project rules report through this too). */
  pend(entry: CatalogueEntry, file: SourceFile, descriptor: ReportDescriptor<string>): void {
    const list = this.pendingByFile.get(file) ?? [];
    list.push({ entry, file, descriptor });
    this.pendingByFile.set(file, list);
  }

  /** Findings reported against files after they were finished (project rules), made and redacted. */
  finishPending(): Finding[] {
    const out: Finding[] = [];
    for (const pending of this.pendingByFile.values()) out.push(...finishFile(pending, [...this.secretsOf(pending[0].file), ...secretsIn(pending)]));
    this.pendingByFile.clear();
    return out;
  }

  /** Analyse a file once: when the scan reaches it, or earlier when a file importing it needs its summaries. */
  process(file: SourceFile): void {
    const state = this.state.get(file);
    if (state === 'running' || state === 'done') return;
    if (this.foreign.has(file.path)) {
      if (!state) this.summarise(file);
      return;
    }
    this.state.set(file, 'running');
    const record = this.reuse && timed(this.setup.timings, 'kept results', () => this.reuse!.valid(file))();
    if (record) {
      // Nothing this file's results depend on changed since they were made: take them as they are.
      timed(this.setup.timings, 'kept results', () => this.adoptRecord(file, record, true, false))();
      this.setup.store!.keep(file.path);
    } else {
      const { store, collect } = this.setup;
      const log = store || collect ? newReadLog() : undefined;
      const notes: Notification[] = [];
      const { made, secrets } = log ? withReadLog(file.path, log, () => this.analyse(file, notes)) : this.analyse(file, notes);
      if (secrets.length) this.secretsByFile.set(file.path, secrets);
      this.findings.push(...made);
      this.notifications.push(...notes);
      if (log) {
        const output = { findings: made, notifications: notes, secrets, parsed: !!file.ast, routes: this.routes?.factsOf(file.path, this.setup.hashes?.get(file.path)), dataflow: this.dataflow?.outputOf(file.path) };
        const kept = this.reuse!.record(file, output, log);
        this.derived.set(file.path, kept.derived);
        if (!log.volatile) store?.set(file.path, kept);
        if (collect) this.made.set(file.path, { record: kept, volatile: log.volatile, parts: partBytesOf(kept) });
      }
      if (file.ast) this.parsed++;
    }
    // Dropped to keep memory flat on large trees (config files were parsed up front for the project model).
    file.ast = undefined;
    this.state.set(file, 'done');
    this.processed++;
  }

  /** Take the results another thread made of a file; kept for the next scan unless they depend on visiting order. */
  adopt(file: SourceFile, made: MadeRecord): void {
    this.foreign.delete(file.path);
    // A file its thread skipped but this one analysed for an importer: its record lacks what this thread used.
    const partial = made.record.summary === NOT_ANALYSED && !!this.dataflow?.analysed(file.path);
    this.adoptRecord(file, withPartBytes(made.record, made.parts), false, true);
    if (!made.volatile && !partial) this.setup.store?.set(file.path, made.record);
    file.ast = undefined;
    this.state.set(file, 'done');
    this.processed++;
  }

  private adoptRecord(file: SourceFile, record: FileRecord, copy: boolean, fresh: boolean): void {
    this.derived.set(file.path, record.derived);
    // Kept records are copied: the scan goes on to mark findings suppressed and fingerprint them.
    this.findings.push(...(copy ? structuredClone(record.findings) : record.findings));
    this.notifications.push(...record.notifications);
    if (record.parsed) this.parsed++;
    if (record.secretSpans.length) this.secretsByFile.set(file.path, () => secretsAt(file.text, record.secretSpans));
    // Route facts and data-flow results are read from the record only if something needs them (kept records on
    // disk deserialise them then): a rescan whose project findings are kept needs neither.
    this.routes?.restore(file.path, () => record.routes);
    this.dataflow?.restore(file.path, record.summary, () => record.dataflow, !!record.returnsInput, fresh);
  }

  private secretsOf(file: SourceFile): readonly string[] {
    let secrets = this.secretsByFile.get(file.path) ?? [];
    if (typeof secrets === 'function') this.secretsByFile.set(file.path, (secrets = secrets()));
    return secrets;
  }

  /**
   * A file the data-flow pass skipped, analysed after all: another file needs what it exports, or it imports a module
   * whose exported functions return untrusted input. Parsed again (its AST was dropped), and its record amended.
   */
  private reanalyse(file: SourceFile): void {
    const { store, collect, parse, timings } = this.setup;
    const log = newReadLog();
    const notes: Notification[] = [];
    withReadLog(file.path, log, () =>
      timed(timings, 'data flow', () => {
        if (!file.ast && !file.parseError) parse(file);
        guardPass(notes, file, DATAFLOW_FAILED, () => this.dataflow!.analyze(file));
        file.ast = undefined;
      })(),
    );
    this.notifications.push(...notes);
    const made = this.made.get(file.path);
    const record = made?.record ?? store?.recordOf(file.path);
    if (!this.reuse || !record) return;
    const amended = this.reuse.withDataflow(file, record, this.dataflow!.outputOf(file.path), notes, log);
    this.derived.set(file.path, amended.derived);
    const volatile = log.volatile || !!made?.volatile;
    // Its skipped record must not outlive this scan either: a later scan would not know to analyse it.
    if (volatile) store?.forget(file.path);
    else store?.set(file.path, amended);
    if (collect) this.made.set(file.path, { record: amended, volatile, parts: partBytesOf(amended) });
  }

  /** Once every file was reached: analyse the skipped files that a module returning untrusted input reaches. */
  settle(): void {
    if (this.dataflow) timed(this.setup.timings, 'data flow', () => this.dataflow!.settle())();
  }

  /** Only the data-flow summary of a file another thread analyses in full. */
  private summarise(file: SourceFile): void {
    this.state.set(file, 'summary');
    if (!this.dataflow || !isScript(file.language)) return;
    if (!file.ast && !file.parseError) this.setup.parse(file);
    // Its own log, thrown away: what it reads belongs to the thread that analyses it.
    withReadLog(file.path, newReadLog(), () => {
      try {
        this.dataflow!.analyze(file);
      } catch {
        /* reported by the thread that analyses the file */
      }
    });
    file.ast = undefined;
  }

  /** Parse the file if needed and run every rule and per-file pass on it; returns its findings, made and redacted. */
  private analyse(file: SourceFile, notes: Notification[]): { made: Finding[]; secrets: string[] } {
    const { model, parse, timings } = this.setup;
    const { dataflow, routes } = this;
    if (isScript(file.language) && !file.ast && !file.parseError) parse(file);
    if (file.parseError) {
      notes.push({
        level: 'warning',
        kind: 'parse-error',
        message: file.parseError.recovered
          ? `Could not parse this file as a whole (${file.parseError.message}); the statements that do not parse were skipped and the other ${file.parseError.recovered} read`
          : `Could not parse this file, so only text rules ran on it: ${file.parseError.message}`,
        file: file.path,
        line: file.parseError.line,
        column: file.parseError.column,
        ...(file.parseError.recovered ? { partial: true as const } : {}),
      });
    }
    const context = (entry: CatalogueEntry): FileContext<string> => ({ file, model, report: (d) => this.pend(entry, file, d) });
    for (const entry of this.textEntries) {
      if (!ruleApplies(entry.rule, file, model)) continue;
      guard(notes, entry, file, timedRule(timings, entry, () => (entry.rule as TextRule).check(context(entry))));
    }
    let routeListeners: Record<string, Visitor> | undefined;
    if (file.ast && routes) guardPass(notes, file, ROUTES_FAILED, timed(timings, 'routes', () => (routeListeners = routes.begin(file, model))));
    // Whether the file's own code brings untrusted input in, learnt in the shared traversal: if not, the data-flow
    // pass skips it until another file needs it.
    const probe = dataflow && file.ast && isScript(file.language) ? new SourceProbe(file, file.ast) : undefined;
    if (file.ast) {
      const listeners: Record<string, Visitor | undefined>[] = [];
      if (probe) listeners.push(guardProbeListeners(probe, timings));
      if (routeListeners) listeners.push(guardRouteListeners(routeListeners, notes, file, routes!, timings));
      this.triggers ??= triggersOf(this.astEntries.map((e) => e.rule as AstRule));
      const triggered = this.triggers.in(file.text);
      for (const entry of this.astEntries) {
        if (!ruleApplies(entry.rule, file, model, triggered)) continue;
        guard(notes, entry, file, timedRule(timings, entry, () => {
          const created = (entry.rule as AstRule).create(context(entry)) as Record<string, Visitor | undefined>;
          listeners.push(wrapListeners(created, notes, entry, file, timings));
        }));
      }
      if (listeners.length) timed(timings, 'shared traversal', traverse)(file.ast, mergeListeners(listeners));
    } else {
      for (const entry of this.astEntries) {
        const rule = entry.rule as AstRule;
        if (!rule.checkWithoutAst || !ruleApplies(rule, file, model)) continue;
        guard(notes, entry, file, timedRule(timings, entry, () => rule.checkWithoutAst!(context(entry))));
      }
    }
    if (dataflow && isScript(file.language)) {
      guardPass(notes, file, DATAFLOW_FAILED, timed(timings, 'data flow', () => dataflow.analyze(file, !probe || probe.found())));
    }
    // Findings are made (and redacted) per file; the caller drops the AST to keep memory flat on large trees.
    const pending = this.pendingByFile.get(file) ?? [];
    this.pendingByFile.delete(file);
    const secrets = secretsIn(pending);
    return { made: timed(timings, 'findings', finishFile)(pending, secrets), secrets };
  }
}

/** Secret values the rules reported with these findings. */
function secretsIn(pending: PendingFinding[]): string[] {
  return pending.flatMap((p) => p.descriptor.secrets ?? []);
}

/** One file's findings, each redacted with every secret found in the file. */
function finishFile(pending: PendingFinding[], secrets: readonly string[]): Finding[] {
  return pending.map((p) => ({ ...makeFinding(p, secrets), fingerprint: '' }));
}

const ROUTES_FAILED = 'Route inventory failed on this file, so its routes may be missing';
const DATAFLOW_FAILED = 'Data-flow analysis failed on this file, so injection rules may miss flows through it';

function guardPass(notifications: Notification[], file: SourceFile, what: string, fn: () => void): void {
  try {
    fn();
  } catch (err) {
    if (err instanceof AnalysisTimeout) {
      notifications.push({ level: 'warning', kind: 'skipped-file', message: `Data-flow analysis of this file stopped after ${err.budgetMs / 1000} s, so injection rules may miss flows through it`, file: file.path });
    } else notifications.push(passError(file, what, err));
  }
}

function passError(file: SourceFile, what: string, err: unknown): Notification {
  const message = err instanceof Error ? err.message : String(err);
  return { level: 'error', kind: 'rule-error', message: `${what} (a vibeaudit bug, please report it): ${message}`, file: file.path };
}

/** `fn` measured as its rule's part when the scan is timed (the part's name made only then). */
function timedRule<A extends unknown[], R>(timings: Timings | undefined, entry: CatalogueEntry, fn: (...args: A) => R): (...args: A) => R {
  return timings ? timed(timings, rulePart(entry.meta.id), fn) : fn;
}

/*
 * The listeners below are wrapped by binding a shared function, not by a closure made per file: V8 kept such closures,
 * called for every node, alive through young-generation collections until the next full one, and with them each
 * file's AST (the rules' state they reach points into it, and every node to its parent). On the 1,000-file app
 * 32 MB were promoted to the old generation and 158 ms went to young collections; with bound functions, 14 MB
 * and 91-108 ms (bench/README.md, twenty-second round).
 */

/** The probe's listeners, timed as data flow; one that fails makes the file analysed (`SourceProbe.fail`). */
function guardProbeListeners(probe: SourceProbe, timings?: Timings): Record<string, Visitor> {
  const wrapped: Record<string, Visitor> = {};
  for (const key in probe.listeners) wrapped[key] = probeCall.bind(undefined, timed(timings, 'data flow', probe.listeners[key]), probe);
  return wrapped;
}

function probeCall(fn: Visitor, probe: SourceProbe, node: AstNode): void {
  try {
    fn(node);
  } catch {
    probe.fail();
  }
}

/** What the route listeners of one file share: after their first failure they stop, and the file keeps no route facts. */
interface RoutePass {
  failed: boolean;
  file: SourceFile;
  routes: RouteCollector;
  notifications: Notification[];
}

/** Route listeners stop at their first failure, and the file then keeps no route facts (they would be partial). */
function guardRouteListeners(listeners: Record<string, Visitor>, notifications: Notification[], file: SourceFile, routes: RouteCollector, timings?: Timings): Record<string, Visitor> {
  const pass: RoutePass = { failed: false, file, routes, notifications };
  const wrapped: Record<string, Visitor> = {};
  for (const key in listeners) wrapped[key] = routeCall.bind(undefined, timed(timings, 'routes', listeners[key]), pass);
  return wrapped;
}

function routeCall(fn: Visitor, pass: RoutePass, node: AstNode): void {
  if (pass.failed) return;
  try {
    fn(node);
  } catch (err) {
    pass.failed = true;
    pass.routes.drop(pass.file.path);
    pass.notifications.push(passError(pass.file, ROUTES_FAILED, err));
  }
}

function guard(notifications: Notification[], entry: CatalogueEntry, file: SourceFile, fn: () => void): void {
  try {
    fn();
  } catch (err) {
    notifications.push(ruleErrorNotification(entry, file, err));
  }
}

/**
 * Each listener guarded against its own failure; no closure per call, as listeners run for most nodes of every
 * file (unless the calls are timed), and none per file either (see above).
 */
function wrapListeners(listeners: Record<string, Visitor | undefined>, notifications: Notification[], entry: CatalogueEntry, file: SourceFile, timings?: Timings) {
  const wrapped: Record<string, Visitor> = {};
  for (const key in listeners) {
    const listener = listeners[key];
    if (listener) wrapped[key] = ruleCall.bind(undefined, timedRule(timings, entry, listener), notifications, entry, file);
  }
  return wrapped;
}

function ruleCall(fn: Visitor, notifications: Notification[], entry: CatalogueEntry, file: SourceFile, node: AstNode): void {
  try {
    fn(node);
  } catch (err) {
    notifications.push(ruleErrorNotification(entry, file, err));
  }
}

export function ruleErrorNotification(entry: CatalogueEntry, file: SourceFile | undefined, err: unknown): Notification {
  const message = err instanceof Error ? err.message : String(err);
  return { level: 'error', kind: 'rule-error', message: `Rule ${entry.meta.id} failed (a vibeaudit bug, please report it): ${message}`, file: file?.path };
}
