import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, realpathSync, renameSync, statSync, unlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import { deserialize, serialize } from 'node:v8';
import { buildId } from './build-id.js';
import type { KeptFact } from '../model/facts.js';
import type { KnownText } from './known-texts.js';
import type { KeptProjectResults } from '../engine/project-rules.js';
import { ResultStore } from './results.js';
import { keptRecord, keptSql, storedRecord, storedSql, type StoredRecord } from './stored.js';

const MAGIC = Buffer.from('vibeaudit scan cache 2\n');
/** Kept results of a folder not scanned for this long are deleted when another is saved. */
export const UNUSED_DAYS = 30;
/** A CRC-32 of the body: it catches a damaged file (the rename makes torn writes impossible) at a tenth of a hash's cost. */
const DIGEST_BYTES = 4;

interface Payload {
  build: string;
  root: string;
  context: string;
  records: Map<string, StoredRecord>;
  /** Parsed migrations, serialised (src/cache/stored.ts). */
  sql: Map<string, Uint8Array>;
  texts: Map<string, KnownText>;
  facts: { project: string; kept: Map<string, KeptFact> };
  project?: KeptProjectResults;
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

/**
 * The results kept for `root` by an earlier scan with this same vibeaudit build, or an empty store. A missing,
 * truncated, corrupt or foreign file is an empty store: the cache only ever saves time.
 */
export function loadResults(file: string, root: string): ResultStore {
  const store = new ResultStore();
  try {
    const bytes = readFileSync(file);
    if (bytes.length < MAGIC.length + DIGEST_BYTES || !bytes.subarray(0, MAGIC.length).equals(MAGIC)) return store;
    const digest = bytes.subarray(MAGIC.length, MAGIC.length + DIGEST_BYTES);
    const body = bytes.subarray(MAGIC.length + DIGEST_BYTES);
    if (digest.readUInt32BE(0) !== crc32(body)) return store;
    const payload = deserialize(body) as Partial<Payload>;
    if (payload.build !== buildId() || payload.root !== root || typeof payload.context !== 'string' || !(payload.records instanceof Map) || !(payload.sql instanceof Map) || !(payload.texts instanceof Map) || typeof payload.facts?.project !== 'string' || !(payload.facts.kept instanceof Map)) return store;
    store.context = payload.context;
    store.load(new Map([...payload.records].map(([path, stored]) => [path, keptRecord(stored)])));
    store.sql = new Map([...payload.sql].map(([hash, bytes]) => [hash, keptSql(bytes)]));
    store.texts = payload.texts;
    store.facts = payload.facts;
    store.project = payload.project;
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
    const body = serialize({ build: buildId(), root, context: store.context, records: new Map([...store.entries()].map(([path, record]) => [path, storedRecord(record)])), sql: new Map([...store.sql].map(([hash, parsed]) => [hash, storedSql(parsed)])), texts: store.texts, facts: store.facts, project: store.project } satisfies Payload);
    mkdirSync(join(file, '..'), { recursive: true });
    const digest = Buffer.alloc(DIGEST_BYTES);
    digest.writeUInt32BE(crc32(body));
    writeFileSync(temp, Buffer.concat([MAGIC, digest, body]));
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
