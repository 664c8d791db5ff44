import { hash } from 'node:crypto';
import { deserialize, serialize } from 'node:v8';
import type { Finding, Notification } from '../engine/finding.js';
import type { KeptProjectResults, KeptStep } from '../engine/project-rules.js';
import type { FileRouteFacts } from '../routes/types.js';
import { NO_SUMMARY, type DerivedDigests, type FileDataflow, type FileRecord, type ParsedSql } from './results.js';

/**
 * How kept results are written: the bulky parts that a rescan of unchanged files does not read (route facts,
 * data-flow results, parsed migrations, kept project findings, parts of file-wise facts) serialised on their
 * own, one after another in a blob after the rest, and deserialised when something asks for them. Loading the
 * rest stays quick, and what is never read is never built.
 */
export interface StoredRecord extends Omit<FileRecord, 'routes' | 'dataflow'> {
  /**
   * Where the route facts, the data flow's imports and flows, and its exported summaries, each serialised on its
   * own, are in the blob (offset, length), for those the file had: project rules read the first two, importers
   * analysed again the third.
   */
  spans: { routes?: Span; dataflow?: Span; exports?: Span };
}

export type Span = [number, number];

/** Bytes written one after another, each placed by its span. */
export class Chunks {
  readonly chunks: Uint8Array[] = [];
  size = 0;

  place(bytes: Uint8Array): Span {
    const span: Span = [this.size, bytes.length];
    this.chunks.push(bytes);
    this.size += bytes.length;
    return span;
  }
}

export const spanOf = (blob: Uint8Array, [at, length]: Span): Uint8Array => blob.subarray(at, at + length);

/** A record's route facts and data flow (imports and flows), each serialised on its own. */
export interface PartBytes {
  routes?: Uint8Array;
  dataflow?: Uint8Array;
}

/** The bytes each part of a record was serialised to once, when the record was made, for its digests and its file. */
const partBytes = new WeakMap<FileRecord, PartBytes>();

/**
 * The bytes a record's route facts and data flow (imports and flows, not the exported summaries, which the
 * record's `summary` stands for) are written as, and their digests (`FileRecord.derived`): what project rules
 * read of the file. Equal values can give different bytes (V8 writes a string as it holds it, in one or two bytes
 * a character): that only makes a rescan run the rules that read them again.
 */
export function recordParts(routes: FileRouteFacts | undefined, dataflow: FileDataflow | undefined): { bytes: PartBytes; digests: DerivedDigests } {
  const bytes: PartBytes = { routes: routes && serialize(routes), dataflow: dataflow && serialize({ imports: dataflow.imports, flows: dataflow.flows }) };
  return { bytes, digests: { routes: digestOf(bytes.routes), dataflow: digestOf(bytes.dataflow) } };
}

const digestOf = (bytes: Uint8Array | undefined) => (bytes ? hash('sha1', bytes, 'base64') : NO_SUMMARY);

/** Remember the bytes `recordParts` made for a record, so that writing it does not serialise them again. */
export function withPartBytes(record: FileRecord, bytes: PartBytes | undefined): FileRecord {
  if (bytes) partBytes.set(record, bytes);
  return record;
}

/** The bytes remembered for a record (a worker thread sends them with it: a copied record loses them). */
export function partBytesOf(record: FileRecord): PartBytes | undefined {
  return partBytes.get(record);
}

/** A record read back from disk; its route facts and data-flow results are deserialised on first use, each apart. */
class KeptRecord implements FileRecord {
  key: string;
  findings: Finding[];
  notifications: Notification[];
  parsed: boolean;
  summary: string;
  returnsInput?: boolean;
  derived: DerivedDigests;
  secretSpans: [number, number][];
  texts: [string, string][];
  facts: [string, string][];
  summaries: [string, string][];
  readonly bytes: PartBytes & { exports?: Uint8Array };
  private loadedRoutes?: { value?: FileRouteFacts };
  private loadedDataflow?: { value?: FileDataflow };

  constructor(stored: StoredRecord, blob: Uint8Array) {
    this.key = stored.key;
    this.findings = stored.findings;
    this.notifications = stored.notifications;
    this.parsed = stored.parsed;
    this.summary = stored.summary;
    if (stored.returnsInput) this.returnsInput = true;
    this.derived = stored.derived;
    this.secretSpans = stored.secretSpans;
    this.texts = stored.texts;
    this.facts = stored.facts;
    this.summaries = stored.summaries;
    const { routes, dataflow, exports } = stored.spans;
    this.bytes = { routes: routes && spanOf(blob, routes), dataflow: dataflow && spanOf(blob, dataflow), exports: exports && spanOf(blob, exports) };
  }

  get routes(): FileRouteFacts | undefined {
    const { routes } = this.bytes;
    return (this.loadedRoutes ??= { value: routes && (deserialize(routes) as FileRouteFacts) }).value;
  }

  get dataflow(): FileDataflow | undefined {
    return (this.loadedDataflow ??= { value: this.loadDataflow() }).value;
  }

  private loadDataflow(): FileDataflow | undefined {
    const { dataflow, exports } = this.bytes;
    if (!dataflow) return undefined;
    const { imports, flows } = deserialize(dataflow) as Pick<FileDataflow, 'imports' | 'flows'>;
    let summaries: FileDataflow['exports'] | undefined;
    const loaded = { digest: this.summary, imports, flows } as FileDataflow;
    Object.defineProperty(loaded, 'exports', { enumerable: true, get: () => (summaries ??= exports ? (deserialize(exports) as FileDataflow['exports']) : new Map()) });
    return loaded;
  }
}

/**
 * One object for each equal pair (a text, fact or summary a file's analysis read, with its digest) and each equal set
 * of digests, among the records written together. V8's serialiser writes an object it has already written as a
 * reference, and its deserialiser makes it once: the same facts are read by the analysis of most files of a package
 * (which frameworks it uses), and on the 1,000-file synthetic app this makes the records a third smaller and twice as
 * quick to read back. Kept records are only read, never changed, so sharing their pairs is safe.
 */
export class SharedParts {
  private readonly pairs = new Map<string, [string, string]>();
  private readonly digests = new Map<string, DerivedDigests>();

  readonly pair = (pair: [string, string]): [string, string] => {
    // The length first: keys hold NUL characters, so no separator could tell `a\0b` + `c` from `a` + `b\0c`.
    const key = `${pair[0].length}:${pair[0]}${pair[1]}`;
    const known = this.pairs.get(key);
    if (known) return known;
    this.pairs.set(key, pair);
    return pair;
  };

  derived(digests: DerivedDigests): DerivedDigests {
    const key = JSON.stringify(digests);
    const known = this.digests.get(key);
    if (known) return known;
    this.digests.set(key, digests);
    return digests;
  }
}

export function storedRecord(record: FileRecord, blob: Chunks, shared: SharedParts): StoredRecord {
  const { key, findings, notifications, parsed, summary, returnsInput, derived, secretSpans, texts, facts, summaries } = record;
  const place = (bytes: Uint8Array | undefined) => bytes && blob.place(bytes);
  // A record read back keeps its bytes: writing it again must not deserialise it.
  const bytes = record instanceof KeptRecord ? record.bytes : { ...(partBytes.get(record) ?? recordParts(record.routes, record.dataflow).bytes), exports: record.dataflow && serialize(record.dataflow.exports) };
  const spans = { routes: place(bytes.routes), dataflow: place(bytes.dataflow), exports: place(bytes.exports) };
  return {
    key,
    findings,
    notifications,
    parsed,
    summary,
    ...(returnsInput ? { returnsInput } : {}),
    derived: shared.derived(derived),
    secretSpans,
    texts: texts.map(shared.pair),
    facts: facts.map(shared.pair),
    summaries: summaries.map(shared.pair),
    spans,
  };
}

export function keptRecord(stored: StoredRecord, blob: Uint8Array): FileRecord {
  return new KeptRecord(stored, blob);
}

/** Bytes read back from disk, and the value they hold, deserialised on first use. */
class Deferred<T> {
  private value?: T;

  constructor(readonly bytes: Uint8Array) {}

  protected get loaded(): T {
    return (this.value ??= deserialize(this.bytes) as T);
  }
}

/** A migration's statements read back from disk. */
class KeptSql extends Deferred<ParsedSql> implements ParsedSql {
  get sql() {
    return this.loaded.sql;
  }

  get parseError() {
    return this.loaded.parseError;
  }
}

export function storedSql(parsed: ParsedSql, blob: Chunks): Span {
  return blob.place(parsed instanceof KeptSql ? parsed.bytes : serialize({ sql: parsed.sql, parseError: parsed.parseError }));
}

export function keptSql(span: Span, blob: Uint8Array): ParsedSql {
  return new KeptSql(spanOf(blob, span));
}

/** Kept project-rule results as written: their keys, and their steps in the blob. */
export interface StoredProject {
  key: string;
  base: string;
  analysis: DerivedDigests;
  span: Span;
}

/** Project-rule results read back from disk: their steps deserialised only when a rescan checks or uses them. */
class KeptProject extends Deferred<KeptStep[]> implements KeptProjectResults {
  constructor(
    readonly key: string,
    readonly base: string,
    readonly analysis: DerivedDigests,
    bytes: Uint8Array,
  ) {
    super(bytes);
  }

  get steps() {
    return this.loaded;
  }
}

export function storedProject(kept: KeptProjectResults, blob: Chunks): StoredProject {
  // Written back as read: checking its keys must not deserialise it.
  const bytes = kept instanceof KeptProject ? kept.bytes : serialize(kept.steps);
  return { key: kept.key, base: kept.base, analysis: kept.analysis, span: blob.place(bytes) };
}

export function keptProject(stored: StoredProject, blob: Uint8Array): KeptProjectResults {
  return new KeptProject(stored.key, stored.base, stored.analysis, spanOf(blob, stored.span));
}
