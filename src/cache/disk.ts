import { createHash } from 'node:crypto';
import { closeSync, mkdirSync, openSync, readdirSync, readFileSync, realpathSync, renameSync, statSync, unlinkSync, utimesSync, writevSync } from 'node:fs';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import { deserialize, serialize } from 'node:v8';
import { defaultCacheDir } from '../registry/cache.js';
import { buildId } from './build-id.js';
import type { KeptFact } from '../model/facts.js';
import type { KnownText } from './known-texts.js';
import { ResultStore } from './results.js';
import { Chunks, keptProject, keptRecord, keptSql, SharedParts, spanOf, storedProject, storedRecord, storedSql, type Span, type StoredProject, type StoredRecord } from './stored.js';

const MAGIC = Buffer.from('vibeaudit scan cache 5\n');
/** Kept results of a folder not scanned for this long are deleted when another is saved. */
export const UNUSED_DAYS = 30;
/**
 * After the magic: a CRC-32 of everything after it (it catches a damaged file; the rename makes torn writes
 * impossible), and the length of the payload, which the blob of lazily read parts follows (src/cache/stored.ts).
 */
const HEADER_BYTES = MAGIC.length + 8;
/** Buffers per writev call (IOV_MAX is 1024 on Linux and macOS). */
const WRITEV_BATCH = 1024;

interface Payload {
  build: string;
  root: string;
  context: string;
  /** `ResultStore.paths`. */
  paths: string;
  records: Map<string, StoredRecord>;
  /** Where each parsed migration is in the blob. */
  sql: Map<string, Span>;
  texts: Map<string, KnownText>;
  facts: { project: string; kept: Map<string, KeptFact> };
  project?: StoredProject;
  /** Where the parts of file-wise facts are in the blob (src/cache/fact-parts.ts). */
  factParts: Span;
}

/** One file per scanned folder under `<cache dir>/scan/`, named by a hash of the folder's real path. */
export function scanCacheFile(cacheDir: string, root: string): string {
  let real = root;
  try {
    real = realpathSync(root);
  } catch {
    /* the scan reports a missing folder itself */
  }
  return join(cacheDir, 'scan', `${createHash('sha256').update(real).digest('hex').slice(0, 32)}.bin`);
}

/** Per-file results kept on disk between scans of `root` (the CLI unless `--no-cache`, the Action with `cache`); `save` after the scan. */
export function openResults(root: string, enabled: boolean, env: Record<string, string | undefined>): { results?: ResultStore; save(): void } {
  if (!enabled) return { save() {} };
  const file = scanCacheFile(defaultCacheDir(env as NodeJS.ProcessEnv), root);
  const results = loadResults(file, root);
  return { results, save: () => saveResults(file, root, results) };
}

/**
 * The results kept for `root` by an earlier scan with this same vibeaudit build, or an empty store. A missing,
 * truncated, corrupt or foreign file is an empty store: the cache only ever saves time.
 */
export function loadResults(file: string, root: string): ResultStore {
  const store = new ResultStore();
  try {
    const bytes = readFileSync(file);
    if (bytes.length < HEADER_BYTES || !bytes.subarray(0, MAGIC.length).equals(MAGIC)) return store;
    if (bytes.readUInt32BE(MAGIC.length) !== crc32(bytes.subarray(MAGIC.length + 4))) return store;
    const bodyEnd = HEADER_BYTES + bytes.readUInt32BE(MAGIC.length + 4);
    if (bodyEnd > bytes.length) return store;
    const payload = deserialize(bytes.subarray(HEADER_BYTES, bodyEnd)) as Partial<Payload>;
    if (payload.build !== buildId() || payload.root !== root || typeof payload.context !== 'string' || typeof payload.paths !== 'string' || !(payload.records instanceof Map) || !(payload.sql instanceof Map) || !(payload.texts instanceof Map) || typeof payload.facts?.project !== 'string' || !(payload.facts.kept instanceof Map) || !Array.isArray(payload.factParts)) return store;
    const blob = bytes.subarray(bodyEnd);
    store.context = payload.context;
    store.paths = payload.paths;
    store.load(new Map([...payload.records].map(([path, stored]) => [path, keptRecord(stored, blob)])));
    store.sql = new Map([...payload.sql].map(([hash, span]) => [hash, keptSql(span, blob)]));
    store.factParts = spanOf(blob, payload.factParts);
    store.texts = payload.texts;
    store.facts = payload.facts;
    store.project = payload.project && keptProject(payload.project, blob);
  } catch {
    /* unreadable or corrupt: start empty */
  }
  return store;
}

/**
 * Write the store next to its earlier version and rename it into place, so a scan running at the same time
 * reads either the old file or the new one, never half of one. Failures are ignored.
 */
export function saveResults(file: string, root: string, store: ResultStore): void {
  if (!store.dirty) {
    // Unchanged: not rewritten, only marked as used, so it is not taken for a folder nobody scans any more.
    try {
      const now = new Date();
      utimesSync(file, now, now);
    } catch {
      /* nothing kept yet */
    }
    return;
  }
  const temp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  try {
    const blob = new Chunks();
    const shared = new SharedParts();
    const records = new Map([...store.entries()].map(([path, record]) => [path, storedRecord(record, blob, shared)]));
    const sql = new Map([...store.sql].map(([hash, parsed]) => [hash, storedSql(parsed, blob)]));
    const factParts = blob.place(store.factParts instanceof Uint8Array ? store.factParts : serialize(store.factParts));
    const body = serialize({ build: buildId(), root, context: store.context, paths: store.paths, records, sql, texts: store.texts, facts: store.facts, project: store.project && storedProject(store.project, blob), factParts } satisfies Payload);
    const header = Buffer.alloc(HEADER_BYTES);
    MAGIC.copy(header);
    header.writeUInt32BE(body.length, MAGIC.length + 4);
    let crc = crc32(header.subarray(MAGIC.length + 4));
    crc = crc32(body, crc);
    for (const chunk of blob.chunks) crc = crc32(chunk, crc);
    header.writeUInt32BE(crc, MAGIC.length);
    mkdirSync(join(file, '..'), { recursive: true });
    // Written piece by piece: the blob is never copied into one buffer.
    const fd = openSync(temp, 'w');
    try {
      const pieces = [header, body, ...blob.chunks];
      for (let i = 0; i < pieces.length; i += WRITEV_BATCH) writeAll(fd, pieces.slice(i, i + WRITEV_BATCH));
    } finally {
      closeSync(fd);
    }
    renameSync(temp, file);
    store.dirty = false;
    removeUnused(join(file, '..'));
  } catch {
    try {
      unlinkSync(temp);
    } catch {
      /* nothing was written */
    }
  }
}

/** writev may write less than asked (a full disk, a signal): go on from where it stopped. */
function writeAll(fd: number, pieces: Uint8Array[]): void {
  let left = pieces;
  while (left.length) {
    let written = writevSync(fd, left);
    if (written === 0) throw new Error('nothing written');
    const rest: Uint8Array[] = [];
    for (const piece of left) {
      if (written >= piece.length) written -= piece.length;
      else {
        rest.push(piece.subarray(written));
        written = 0;
      }
    }
    left = rest;
  }
}

/** Delete the results of folders not scanned for UNUSED_DAYS, and temporary files a killed scan left behind. */
function removeUnused(dir: string, now = Date.now()): void {
  for (const name of readdirSync(dir)) {
    if (!name.endsWith('.bin') && !name.endsWith('.tmp')) continue;
    const path = join(dir, name);
    try {
      if (now - statSync(path).mtimeMs > UNUSED_DAYS * 24 * 60 * 60 * 1000) unlinkSync(path);
    } catch {
      /* another scan removed or replaced it */
    }
  }
}
