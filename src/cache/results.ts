import type { FunctionSummary, TaintFlow } from '../dataflow/types.js';
import type { Finding, Notification } from '../engine/finding.js';
import type { SqlStatement } from '../database/types.js';
import type { ParseError } from '../parse/types.js';
import type { FileRouteFacts } from '../routes/types.js';
import type { KeptFact } from '../model/facts.js';
import type { KeptProjectResults } from '../engine/project-rules.js';
import type { KnownText } from './known-texts.js';
import type { AnalysisPart } from './reads.js';

/** The digest a module without a data-flow summary (not code that runs, not parsed) is depended on by. */
export const NO_SUMMARY = 'none';
/** The digest of a module the data-flow pass skipped (src/dataflow/source-probe.ts): analysed when an importer asks. */
export const NOT_ANALYSED = 'skipped';

/** What the data-flow pass learnt from one file: what other files use, and the flows that end in it. */
export interface FileDataflow {
  exports: Map<string, FunctionSummary>;
  /** Digest of `exports`: what files importing this one depend on. */
  digest: string;
  imports: string[];
  flows: TaintFlow[];
  /** Some exported function returns untrusted input: the files importing it cannot be skipped. */
  returnsInput?: boolean;
}

/** Digests of each part of what one file's analysis gave the project (src/cache/stored.ts, recordParts). */
export type DerivedDigests = Record<AnalysisPart, string>;

/** Everything one file contributed to a scan, with what it depended on. */
export interface FileRecord {
  /** The file's content and the facts about it the analysis used (role and why, language, package, build output, minified). */
  key: string;
  findings: Finding[];
  notifications: Notification[];
  parsed: boolean;
  routes?: FileRouteFacts;
  dataflow?: FileDataflow;
  /** `dataflow.digest`, NO_SUMMARY or NOT_ANALYSED: what importers check without reading the data-flow results themselves. */
  summary: string;
  /** `dataflow.returnsInput`, read without reading the data-flow results. */
  returnsInput?: boolean;
  /**
   * Where the secrets the file's rules found are in its text (offset, length): findings that project rules report
   * in the file are redacted with them. Kept as places, so the secrets themselves are never written down.
   */
  secretSpans: [number, number][];
  /**
   * Digests of what the project rules read of this file besides its text: its route facts, and its data-flow
   * results (`NO_SUMMARY` for a part it does not have). Kept findings of a project rule that read a part hold
   * while no file's digest of it changed.
   */
  derived: DerivedDigests;
  /** Content hashes of other files whose text the analysis read. */
  texts: [string, string][];
  facts: [string, string][];
  summaries: [string, string][];
}

/** The parts of file-wise facts one version of a file gave (`version`: its content hash, language and role). */
export interface KeptFileParts {
  version: string;
  parts: Map<string, unknown>;
}

/** A migration's statements (or why it did not parse), by the hash of its text. */
export interface ParsedSql {
  sql?: SqlStatement[];
  parseError?: ParseError;
}

/**
 * Per-file results of earlier scans of one folder, by path. Valid only under the `context` they were made in
 * (vibeaudit build, rules, parser, the files the project model is built from): a new context empties it.
 */
export class ResultStore {
  private records = new Map<string, FileRecord>();
  private used = new Set<string>();
  /** Parsed migrations by content hash: the Postgres parser is the slowest step a rescan would repeat. */
  sql = new Map<string, ParsedSql>();
  private sqlUsed = new Set<string>();
  /** Parts of file-wise facts by path (src/cache/fact-parts.ts); the bytes read from disk until a fact needs them. */
  factParts: Map<string, KeptFileParts> | Uint8Array = new Map();
  /** `pathsDigest` of the files of the scan that last checked the records (src/model/facts.ts, `fromPaths`). */
  paths = '';
  /** Project facts (src/model/facts.ts) computed from one version of the project's files. */
  facts = { project: '', kept: new Map<string, KeptFact>() };
  /** What loading each file learnt from its text, by path, with the file's stamp (src/cache/known-texts.ts). */
  texts = new Map<string, KnownText>();
  /** What the project rules that read only the project reported in the last scan (src/engine/project-rules.ts). */
  project?: KeptProjectResults;
  hits = 0;
  misses = 0;
  /** Files of the last scan loaded from `texts` without being read. */
  textsKnown = 0;
  /** Something changed since the store was loaded or saved: worth writing again. */
  dirty = false;

  constructor(public context = '') {}

  /** Start a scan made under `context`: a different context discards every record. */
  begin(context: string): void {
    if (context !== this.context) {
      this.records.clear();
      this.context = context;
      this.paths = '';
      this.dirty = true;
    }
    this.used.clear();
  }

  /** The records have now been checked against (or made from) files with these paths. */
  checked(paths: string): void {
    if (paths === this.paths) return;
    this.paths = paths;
    this.dirty = true;
  }

  parsedSql(hash: string): ParsedSql | undefined {
    const kept = this.sql.get(hash);
    if (kept) this.sqlUsed.add(hash);
    return kept;
  }

  hasSql(hash: string): boolean {
    return this.sql.has(hash);
  }

  keepSql(hash: string, parsed: ParsedSql): void {
    if (!this.sql.has(hash)) this.dirty = true;
    this.sql.set(hash, parsed);
    this.sqlUsed.add(hash);
  }

  keepProjectResults(kept: KeptProjectResults): void {
    this.project = kept;
    this.dirty = true;
  }

  /** The facts kept for the project's files as they are now (`project`: projectDigest in ./reuse.ts). */
  factsFor(project: string): ReadonlyMap<string, KeptFact> {
    return this.facts.project === project ? this.facts.kept : new Map();
  }

  keepFacts(project: string, kept: Map<string, KeptFact>): void {
    const same = this.facts.project === project && kept.size === this.facts.kept.size && [...kept].every(([k, v]) => this.facts.kept.get(k)?.digest === v.digest);
    if (same) return;
    this.facts = { project, kept };
    this.dirty = true;
  }

  /** The record for `path`, if it was made from the same file content and facts about the file. */
  candidate(path: string, key: string): FileRecord | undefined {
    const record = this.records.get(path);
    return record?.key === key ? record : undefined;
  }

  set(path: string, record: FileRecord): void {
    this.records.set(path, record);
    this.dirty = true;
    this.used.add(path);
  }

  /** The record kept or made for `path` in this scan, whatever its key. */
  recordOf(path: string): FileRecord | undefined {
    return this.used.has(path) ? this.records.get(path) : undefined;
  }

  /** Drop the record of `path`: it must not be reused. */
  forget(path: string): void {
    if (this.records.delete(path)) this.dirty = true;
  }

  /** The record was reused in this scan. */
  keep(path: string): void {
    this.used.add(path);
  }

  /** Drop records of files the scan that just ended did not see (deleted, renamed, excluded). */
  end(): void {
    for (const path of this.records.keys()) {
      if (this.used.has(path)) continue;
      this.records.delete(path);
      this.dirty = true;
    }
    if (this.factParts instanceof Map) {
      for (const path of this.factParts.keys()) {
        if (this.used.has(path)) continue;
        this.factParts.delete(path);
        this.dirty = true;
      }
    }
    for (const hash of this.sql.keys()) {
      if (this.sqlUsed.has(hash)) continue;
      this.sql.delete(hash);
      this.dirty = true;
    }
    this.sqlUsed.clear();
  }

  entries(): IterableIterator<[string, FileRecord]> {
    return this.records.entries();
  }

  get size(): number {
    return this.records.size;
  }

  /** Records read back from disk (already checked for shape by the caller). */
  load(records: Map<string, FileRecord>): void {
    this.records = records;
  }
}
