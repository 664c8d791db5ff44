import { existsSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { loadConfig } from '../config/load.js';
import { ConfigError } from '../config/errors.js';
import { defaultConfig, type ResolvedConfig } from '../config/types.js';
import { catalogue, scanDirectory } from '../engine/scan.js';
import { ScanCache } from '../engine/scan-cache.js';
import { ResultStore } from '../cache/results.js';
import type { ScanResult } from '../engine/result.js';

export interface ProjectScan {
  result: ScanResult;
  ms: number;
  /** Files parsed in this scan (the others came from the cache). */
  parsed: number;
}

/**
 * One workspace folder: its configuration, and what repeated scans share (file list, parse results), so an
 * edit costs one parse plus the rules, not a cold scan.
 */
export class WorkspaceProject {
  readonly cache = new ScanCache();
  /** Each file's results, reused while nothing they depend on changed: an edit reruns the rules on that file only. */
  readonly results = new ResultStore();
  config: ResolvedConfig = defaultConfig();
  private checkedMissing = new Set<string>();

  constructor(
    readonly root: string,
    private log: (message: string) => void,
  ) {
    this.reloadConfig();
  }

  /** Root-relative path with forward slashes, or undefined when `absPath` is outside this folder. */
  relPath(absPath: string): string | undefined {
    const rel = relative(this.root, absPath);
    if (!rel || rel.startsWith('..') || rel.startsWith(sep + sep)) return undefined;
    return rel.split(sep).join('/');
  }

  reloadConfig(): void {
    try {
      this.config = loadConfig(this.root, undefined, new Set(catalogue().map((e) => e.meta.id)));
    } catch (err) {
      // A broken .vibeaudit.yml should not silence the editor: say where, and scan with the defaults.
      this.log(`vibeaudit: ${err instanceof ConfigError ? err.describe() : String(err)}; using the default configuration`);
      this.config = defaultConfig();
    }
    this.filesChanged();
  }

  /** Files were created, deleted or renamed: walk the folder again on the next scan. */
  filesChanged(): void {
    this.cache.discovery = undefined;
    this.checkedMissing.clear();
  }

  /** Scan with the editor's unsaved buffers (root-relative path → text) in place of the disk. */
  async scan(overlay: ReadonlyMap<string, string>): Promise<ProjectScan> {
    // A buffer the last walk did not see (a file saved since): walk again, once per such path.
    const known = new Set(this.cache.discovery?.files.map((f) => f.path));
    for (const path of overlay.keys()) {
      if (known.has(path) || this.checkedMissing.has(path) || !existsSync(join(this.root, path))) continue;
      this.checkedMissing.add(path);
      this.cache.discovery = undefined;
    }
    const started = performance.now();
    const misses = this.cache.misses;
    const result = await scanDirectory(this.root, { config: this.config, offline: true, overlay, cache: this.cache, results: this.results });
    this.cache.endScan();
    return { result, ms: Math.round(performance.now() - started), parsed: this.cache.misses - misses };
  }
}
