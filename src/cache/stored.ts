import { createHash } from 'node:crypto';
import { deserialize, serialize } from 'node:v8';
import type { Finding, Notification } from '../engine/finding.js';
import type { KeptProjectResults } from '../engine/project-rules.js';
import type { FileRouteFacts } from '../routes/types.js';
import { NO_SUMMARY, type FileDataflow, type FileRecord, type ParsedSql } from './results.js';

/**
 * How kept results are written: the bulky parts that a rescan of unchanged files does not read (route facts,
 * data-flow results, parsed migrations, kept project findings, parts of file-wise facts) serialised on their
 * own, one after another in a blob after the rest, and deserialised when something asks for them. Loading the
 * rest stays quick, and what is never read is never built.
 */
export interface StoredRecord extends Omit<FileRecord, 'routes' | 'dataflow'> {
  /**
   * Where `{ routes, dataflow }` serialised is in the blob (offset, length), when the file had either; the
   * data flow's exported summaries on their own, as only importers analysed again read them.
   */
  parts?: Span;
  exports?: Span;
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

/** A record's route facts and data-flow results serialised once, when the record is made, for its digest and its file. */
const partBytes = new WeakMap<FileRecord, Uint8Array>();

/**
 * The bytes a record's `{ routes, dataflow }` are written as, and their digest (`FileRecord.derived`): the part
 * of a file's results that project rules read. Undefined bytes when the file has neither. Equal values can give
 * different bytes (V8 writes a string as it holds it, in one or two bytes a character): that only makes a rescan
 * run the project rules again.
 */
export function recordParts(routes: FileRouteFacts | undefined, dataflow: FileDataflow | undefined): { bytes?: Uint8Array; digest: string } {
  if (!routes && !dataflow) return { digest: NO_SUMMARY };
  const bytes = serialize({ routes, dataflow: dataflow && { digest: dataflow.digest, imports: dataflow.imports, flows: dataflow.flows } });
  return { bytes, digest: createHash('sha1').update(bytes).digest('base64') };
}

/** Remember the bytes `recordParts` made for a record, so that writing it does not serialise them again. */
export function withPartBytes(record: FileRecord, bytes: Uint8Array | undefined): FileRecord {
  if (bytes) partBytes.set(record, bytes);
  return record;
}

/** The bytes remembered for a record (a worker thread sends them with it: a copied record loses them). */
export function partBytesOf(record: FileRecord): Uint8Array | undefined {
  return partBytes.get(record);
}

/** A record read back from disk; its route facts and data-flow results are deserialised on first use. */
class KeptRecord implements FileRecord {
  key: string;
  findings: Finding[];
  notifications: Notification[];
  parsed: boolean;
  summary: string;
  derived: string;
  secretSpans: [number, number][];
  texts: [string, string][];
  facts: [string, string][];
  summaries: [string, string][];
  readonly parts?: Uint8Array;
  readonly exports?: Uint8Array;
  private loaded?: { routes?: FileRouteFacts; dataflow?: FileDataflow };

  constructor(stored: StoredRecord, blob: Uint8Array) {
    this.key = stored.key;
    this.findings = stored.findings;
    this.notifications = stored.notifications;
    this.parsed = stored.parsed;
    this.summary = stored.summary;
    this.derived = stored.derived;
    this.secretSpans = stored.secretSpans;
    this.texts = stored.texts;
    this.facts = stored.facts;
    this.summaries = stored.summaries;
    this.parts = stored.parts && spanOf(blob, stored.parts);
    this.exports = stored.exports && spanOf(blob, stored.exports);
  }

  private load() {
    if (this.loaded) return this.loaded;
    this.loaded = this.parts ? (deserialize(this.parts) as { routes?: FileRouteFacts; dataflow?: FileDataflow }) : {};
    const { dataflow } = this.loaded;
    const bytes = this.exports;
    if (dataflow && bytes) {
      let exports: FileDataflow['exports'] | undefined;
      Object.defineProperty(dataflow, 'exports', { enumerable: true, get: () => (exports ??= deserialize(bytes) as FileDataflow['exports']) });
    }
    return this.loaded;
  }

  get routes(): FileRouteFacts | undefined {
    return this.load().routes;
  }

  get dataflow(): FileDataflow | undefined {
    return this.load().dataflow;
  }
}

export function storedRecord(record: FileRecord, blob: Chunks): StoredRecord {
  const { key, findings, notifications, parsed, summary, derived, secretSpans, texts, facts, summaries } = record;
  const stored: StoredRecord = { key, findings, notifications, parsed, summary, derived, secretSpans, texts, facts, summaries };
  // A record read back keeps its bytes: writing it again must not deserialise it.
  if (record instanceof KeptRecord) {
    stored.parts = record.parts && blob.place(record.parts);
    stored.exports = record.exports && blob.place(record.exports);
    return stored;
  }
  const { routes, dataflow } = record;
  const bytes = partBytes.get(record) ?? recordParts(routes, dataflow).bytes;
  if (bytes) stored.parts = blob.place(bytes);
  if (dataflow) stored.exports = blob.place(serialize(dataflow.exports));
  return stored;
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

/** Kept project-rule results as written: their keys, and the rest in the blob. */
export interface StoredProject {
  key: string;
  derived: string;
  span: Span;
}

/** Project-rule results read back from disk: deserialised only when a rescan uses them or checks what they read. */
class KeptProject extends Deferred<Omit<KeptProjectResults, 'key' | 'derived'>> implements KeptProjectResults {
  constructor(
    readonly key: string,
    readonly derived: string,
    bytes: Uint8Array,
  ) {
    super(bytes);
  }

  get rules() {
    return this.loaded.rules;
  }

  get findings() {
    return this.loaded.findings;
  }

  get notifications() {
    return this.loaded.notifications;
  }

  get texts() {
    return this.loaded.texts;
  }

  get facts() {
    return this.loaded.facts;
  }
}

export function storedProject(kept: KeptProjectResults, blob: Chunks): StoredProject {
  // Written back as read: checking its keys must not deserialise it.
  const bytes = kept instanceof KeptProject ? kept.bytes : serialize({ rules: kept.rules, findings: kept.findings, notifications: kept.notifications, texts: kept.texts, facts: kept.facts });
  return { key: kept.key, derived: kept.derived, span: blob.place(bytes) };
}

export function keptProject(stored: StoredProject, blob: Uint8Array): KeptProjectResults {
  return new KeptProject(stored.key, stored.derived, spanOf(blob, stored.span));
}
