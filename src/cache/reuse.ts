import { createHash, hash } from 'node:crypto';
import type { ResolvedConfig } from '../config/types.js';
import type { CatalogueEntry } from '../engine/catalogue.js';
import type { Finding, Notification } from '../engine/finding.js';
import type { KeptStep, ProjectKeys } from '../engine/project-rules.js';
import { redactAll } from '../engine/redact.js';
import { isAliasConfig } from '../dataflow/modules.js';
import { factHolds } from '../model/facts.js';
import type { ProjectModel, SourceFile } from '../model/types.js';
import { scanForSecrets } from '../rules/secrets/detectors.js';
import { buildId } from './build-id.js';
import type { KnownTexts } from './known-texts.js';
import type { ReadLog } from './reads.js';
import { NO_SUMMARY, type DerivedDigests, type FileDataflow, type FileRecord, type ResultStore } from './results.js';
import { recordParts, withPartBytes } from './stored.js';
import type { FileRouteFacts } from '../routes/types.js';

/** sha1 of every file's text, by path (kept from an earlier scan for a file loaded from what was known of it). */
export function contentHashes(files: readonly SourceFile[], known?: KnownTexts): Map<string, string> {
  return new Map(files.map((f) => [f.path, known?.hashOf(f.path) ?? hash('sha1', f.text, 'base64')]));
}

/**
 * What every file's results may depend on without it being logged per file: the vibeaudit build, the rules that
 * run and the parser. No file is part of it: a file's record holds the texts, facts, import targets and summaries
 * it read of other files, so an edit of one file redoes only the files whose answers it changes. Manifests,
 * migrations, bundler configs, Firestore rules, tsconfig, YAML, lockfiles, Dockerfiles, env files and other JSON
 * are read by their own per-file rules, by project rules (whose kept results log what they read of them:
 * src/cache/project-reads.ts), through project facts (src/model/package-facts.ts, `client table access`, `vite env
 * prefixes`, `firestore access`, `import target`) or as logged text reads.
 */
export function contextDigest(entries: readonly CatalogueEntry[], config: ResolvedConfig, passes: string): string {
  return hash('sha1', `${buildId()}\0${config.parser ?? ''}\0${passes}\0${entries.map((e) => e.meta.id).join(',')}\n`, 'base64');
}

/**
 * The paths of the project's files, and the content of the tsconfig/jsconfig files whose path aliases decide what
 * an import names: what facts answered from paths follow from (src/model/facts.ts, `fromPaths`).
 */
export function pathsDigest(files: readonly SourceFile[], hashes: ReadonlyMap<string, string>): string {
  const digest = createHash('sha1');
  for (const f of files) digest.update(isAliasConfig(f.path) ? `${f.path}\0${hashes.get(f.path)}\n` : `${f.path}\n`);
  return digest.digest('base64');
}

/** The project's files as they are: paths, languages, roles, packages and content. Project facts are kept by it. */
export function projectDigest(files: readonly SourceFile[], hashes: ReadonlyMap<string, string>): string {
  const digest = createHash('sha1');
  for (const f of files) digest.update(`${f.path}\0${f.language}\0${f.role}\0${f.roleReason}\0${f.package?.dir ?? '-'}\0${f.buildOutput}\0${f.minified}\0${hashes.get(f.path)}\n`);
  return digest.digest('base64');
}

/**
 * What kept project-rule results (src/engine/project-rules.ts) are valid for. `key`: context, files and
 * configuration. `base`: context, configuration and every file with its language, role and package. `analysis`:
 * what each script's analysis gave the project rules (`FileRecord.derived`), which an edit often leaves as it was,
 * and which only the rules that read it depend on. The content the rules read (texts, and the parsed forms of files
 * other than plain scripts: src/cache/project-reads.ts) is checked apart, file by file.
 */
export function projectResultsKeys(context: string, project: string, config: ResolvedConfig, files: readonly SourceFile[], derived: ReadonlyMap<string, DerivedDigests>, hashes: ReadonlyMap<string, string>): ProjectKeys {
  const settings = JSON.stringify(config);
  const base = createHash('sha1').update(`${context}\0${settings}\n`);
  const routes = createHash('sha1');
  const dataflow = createHash('sha1');
  for (const f of files) {
    base.update(`${f.path}\0${f.language}\0${f.role}\0${f.roleReason}\0${f.package?.dir ?? '-'}\0${f.buildOutput}\0${f.minified}\n`);
    const digests = derived.get(f.path);
    routes.update(`${f.path}\0${digests?.routes ?? '-'}\n`);
    dataflow.update(`${f.path}\0${digests?.dataflow ?? '-'}\n`);
  }
  const key = hash('sha1', `${context}\0${project}\0${settings}`, 'base64');
  return { key, base: base.digest('base64'), analysis: { routes: routes.digest('base64'), dataflow: dataflow.digest('base64') }, hashes };
}

/** The texts and project facts a kept project step read are as they were. */
export function readsHold(kept: Pick<KeptStep, 'texts' | 'facts'>, model: ProjectModel, hashes: ReadonlyMap<string, string>): boolean {
  return kept.texts.every(([path, textHash]) => hashes.get(path) === textHash) && kept.facts.every(([key, digest]) => factHolds(model, key, digest));
}

/** Give migrations whose text was parsed by an earlier scan their statements back. */
export function restoreSql(files: readonly SourceFile[], store: ResultStore, hashes: ReadonlyMap<string, string>): void {
  for (const f of files) {
    if (f.language !== 'sql') continue;
    const kept = store.parsedSql(hashes.get(f.path)!);
    // Read through: statements kept on disk are deserialised only if a rule reads them.
    if (kept) Object.defineProperties(f, { sql: { get: () => kept.sql, enumerable: true, configurable: true }, parseError: { get: () => kept.parseError, enumerable: true, configurable: true } });
  }
}

/** Keep what the Postgres parser made of each migration, for the next scan. */
export function keepSql(files: readonly SourceFile[], store: ResultStore, hashes: ReadonlyMap<string, string>): void {
  for (const f of files) {
    if (f.language !== 'sql') continue;
    const textHash = hashes.get(f.path)!;
    if (!store.hasSql(textHash) && (f.sql || f.parseError)) store.keepSql(textHash, { sql: f.sql, parseError: f.parseError });
  }
}

/** What one file's analysis produced, before it is kept. */
export interface FileOutput {
  findings: Finding[];
  notifications: Notification[];
  /** Secret values the file's findings redact: kept facts are redacted with them too. */
  secrets: readonly string[];
  parsed: boolean;
  routes?: FileRouteFacts;
  dataflow?: FileDataflow;
}

/** Decides which kept records a scan may reuse, and makes records of files it analysed. */
export class RecordReuse {
  private readonly decided = new Map<string, FileRecord | null>();

  constructor(
    private readonly store: ResultStore,
    private readonly model: ProjectModel,
    private readonly hashes: ReadonlyMap<string, string>,
  ) {}

  private keyOf(file: SourceFile): string {
    return `${this.hashes.get(file.path)}\0${file.language}\0${file.role}\0${file.roleReason}\0${file.package?.dir ?? '-'}\0${file.buildOutput}\0${file.minified}`;
  }

  /**
   * The file's kept record if everything it depended on is as it was: its text, the text of other files it read,
   * the project facts it asked, and the summaries of the modules it imports (whose records must be valid too).
   */
  valid(file: SourceFile): FileRecord | undefined {
    const known = this.decided.get(file.path);
    if (known !== undefined) return known ?? undefined;
    // Marked invalid while deciding, so a dependency cycle among stale records ends here.
    this.decided.set(file.path, null);
    const record = this.store.candidate(file.path, this.keyOf(file));
    const ok =
      !!record &&
      readsHold(record, this.model, this.hashes) &&
      record.summaries.every(([path, digest]) => this.summaryDigest(path) === digest);
    if (ok) this.decided.set(file.path, record);
    else this.store.misses++;
    if (ok) this.store.hits++;
    return ok ? record : undefined;
  }

  private summaryDigest(path: string): string | undefined {
    const file = this.model.fileByPath.get(path);
    const record = file && this.valid(file);
    return record?.summary;
  }

  /** A record of what the file produced and read; strings in its facts are redacted like its findings. */
  record(file: SourceFile, out: FileOutput, log: ReadLog): FileRecord {
    const redact = redactor(out.secrets, [out.routes, out.dataflow?.flows, out.dataflow?.exports]);
    const routes = redact(out.routes);
    const dataflow = out.dataflow && { ...out.dataflow, flows: redact(out.dataflow.flows), exports: redact(out.dataflow.exports) };
    const parts = recordParts(routes, dataflow);
    const record: FileRecord = {
      key: this.keyOf(file),
      // Copies: the scan goes on to mark findings suppressed, override severities and fingerprint them.
      findings: structuredClone(out.findings),
      notifications: out.notifications.map((n) => ({ ...n })),
      parsed: out.parsed,
      routes,
      dataflow,
      summary: out.dataflow?.digest ?? NO_SUMMARY,
      ...(out.dataflow?.returnsInput ? { returnsInput: true } : {}),
      derived: parts.digests,
      secretSpans: spansOf(file.text, out.secrets),
      texts: [...log.texts].sort().map((path) => [path, this.hashes.get(path)!]),
      facts: [...log.facts].sort(),
      summaries: [...log.summaries].sort(),
    };
    return withPartBytes(record, parts.bytes);
  }

  /**
   * The record of a file the data-flow pass skipped, with the results of analysing it after all: its data flow,
   * the notifications that analysis gave, and what it read besides what the file's first analysis read.
   */
  withDataflow(file: SourceFile, record: FileRecord, dataflow: FileDataflow | undefined, notes: readonly Notification[], log: ReadLog): FileRecord {
    const redact = redactor(secretsAt(file.text, record.secretSpans), [dataflow?.flows, dataflow?.exports]);
    const kept = dataflow && { ...dataflow, flows: redact(dataflow.flows), exports: redact(dataflow.exports) };
    const routes = record.routes;
    const parts = recordParts(routes, kept);
    const merged = <T>(old: readonly [string, T][], added: Iterable<[string, T]>) => [...new Map([...old, ...added])].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    const amended: FileRecord = {
      key: record.key,
      findings: record.findings,
      notifications: [...record.notifications, ...notes.map((n) => ({ ...n }))],
      parsed: record.parsed,
      routes,
      dataflow: kept,
      summary: kept?.digest ?? NO_SUMMARY,
      ...(kept?.returnsInput ? { returnsInput: true } : {}),
      derived: parts.digests,
      secretSpans: record.secretSpans,
      texts: merged(record.texts, [...log.texts].map((path): [string, string] => [path, this.hashes.get(path)!])),
      facts: merged(record.facts, log.facts),
      summaries: merged(record.summaries, log.summaries),
    };
    this.decided.set(file.path, amended);
    return withPartBytes(amended, parts.bytes);
  }
}

/** Redacts the secrets the file's rules found and any secret-shaped string in `found` (facts about to be kept). */
function redactor(secrets: readonly string[], found: unknown[]): <T>(value: T) => T {
  const all = [...secrets, ...scanForSecrets(stringsOf(found).join('\n')).map((m) => m.value)];
  return <T>(value: T): T => (all.length ? redactStrings(value, all) : value);
}

/** Every place each secret occurs in `text`. */
function spansOf(text: string, secrets: readonly string[]): [number, number][] {
  const spans: [number, number][] = [];
  for (const secret of new Set(secrets)) {
    if (!secret) continue;
    for (let at = text.indexOf(secret); at !== -1; at = text.indexOf(secret, at + secret.length)) spans.push([at, secret.length]);
  }
  return spans;
}

/** The secrets at `spans` of the file's text (the same text: records are only reused for unchanged content). */
export function secretsAt(text: string, spans: readonly [number, number][]): string[] {
  return [...new Set(spans.map(([at, length]) => text.slice(at, at + length)))];
}

function stringsOf(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (value instanceof Map) for (const [k, v] of value) stringsOf(k, out), stringsOf(v, out);
  else if (Array.isArray(value)) for (const v of value) stringsOf(v, out);
  else if (value && typeof value === 'object') for (const v of Object.values(value)) stringsOf(v, out);
  return out;
}

function redactStrings<T>(value: T, secrets: readonly string[]): T {
  if (typeof value === 'string') return redactAll(value, secrets) as T;
  if (value instanceof Map) return new Map([...value].map(([k, v]) => [redactStrings(k, secrets), redactStrings(v, secrets)])) as T;
  if (Array.isArray(value)) return value.map((v) => redactStrings(v, secrets)) as T;
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redactStrings(v, secrets)])) as T;
  return value;
}
