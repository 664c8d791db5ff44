import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

export const DEFAULT_TTL_MS = 24 * 60 * 60 * 1000;

interface Entry {
  storedAt: number;
  value: unknown;
}

/** `VIBEAUDIT_CACHE_DIR`, else `$XDG_CACHE_HOME/vibeaudit`, else `~/.cache/vibeaudit`. */
export function defaultCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.VIBEAUDIT_CACHE_DIR) return env.VIBEAUDIT_CACHE_DIR;
  return join(env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'vibeaudit');
}

/**
 * Registry answers on disk, one JSON file per key, valid for a TTL. Writes go to a temporary file renamed into
 * place, so two scans at once never read half a file; an unreadable or corrupt entry is a miss. Every failure
 * to write is ignored: the cache only saves time.
 */
export class DiskCache {
  constructor(
    readonly dir: string,
    readonly ttlMs = DEFAULT_TTL_MS,
    private readonly now: () => number = Date.now,
  ) {}

  private pathOf(key: string): string {
    return join(this.dir, `${createHash('sha256').update(key).digest('hex').slice(0, 40)}.json`);
  }

  get<T>(key: string): T | undefined {
    try {
      const entry = JSON.parse(readFileSync(this.pathOf(key), 'utf8')) as Entry;
      if (typeof entry?.storedAt !== 'number' || !('value' in entry)) return undefined;
      if (this.now() - entry.storedAt > this.ttlMs || entry.storedAt > this.now() + 60_000) return undefined;
      return entry.value as T;
    } catch {
      return undefined;
    }
  }

  set(key: string, value: unknown): void {
    const path = this.pathOf(key);
    const temp = `${path}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
    try {
      mkdirSync(this.dir, { recursive: true });
      writeFileSync(temp, JSON.stringify({ storedAt: this.now(), value } satisfies Entry));
      renameSync(temp, path);
    } catch {
      try {
        unlinkSync(temp);
      } catch {
        /* nothing was written */
      }
    }
  }
}
