import type { NpmConfig } from './npmrc.js';

/** How registry checks reach the registry; every field has a default for real use. */
export interface RegistrySettings {
  /** Replaces the npm configuration read from .npmrc files and `npm_config_*` (tests use a local server). */
  npmConfig?: NpmConfig;
  /** Cache folder, or false for no disk cache. Default: `VIBEAUDIT_CACHE_DIR`, XDG cache, `~/.cache/vibeaudit`. */
  cacheDir?: string | false;
  cacheTtlMs?: number;
  timeoutMs?: number;
  retries?: number;
  retryDelayMs?: number;
  concurrency?: number;
}
