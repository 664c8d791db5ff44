import { hash } from 'node:crypto';
import type { Discovery } from '../discover/walk.js';
import type { SourceFile } from '../model/types.js';
import { parseFile } from '../parse/index.js';
import type { ScriptParser } from '../parse/types.js';

/** The fields parseFile filled in (ast, yaml, json, env, parseError, and whatever a new language adds). */
type Parsed = Partial<SourceFile>;

/**
 * What repeated scans of one folder can share (the language server rescans on every edit): the file list,
 * and parse results keyed by content, so a file whose kept results (src/cache) are no longer valid, such as
 * an importer of the edited file, is not parsed again unless its own text changed.
 */
export class ScanCache {
  /** The last walk of the folder; cleared when files are created, deleted or renamed. */
  discovery?: Discovery;
  private parsed = new Map<string, Parsed>();
  private usedThisScan = new Set<string>();
  hits = 0;
  misses = 0;

  /** Same contract as parseFile: fills ast / yaml / json / env / parseError. */
  parse(file: SourceFile, parser?: ScriptParser): void {
    // Parsing depends on the text and on what parseFile reads besides it (language, minified, build output).
    const key = `${parser ?? ''}\0${file.language}\0${file.minified}\0${file.role === 'build-output'}\0${hash('sha1', file.text, 'base64')}`;
    this.usedThisScan.add(key);
    const hit = this.parsed.get(key);
    if (hit) {
      this.hits++;
      Object.assign(file, hit);
      return;
    }
    this.misses++;
    const before = { ...file };
    parseFile(file, parser);
    const filled: Record<string, unknown> = {};
    for (const [name, value] of Object.entries(file)) if (value !== before[name as keyof SourceFile]) filled[name] = value;
    this.parsed.set(key, filled as Parsed);
  }

  /** Forget parse results no file used in the scan that just ended, so old versions of a buffer do not pile up. */
  endScan(): void {
    for (const key of this.parsed.keys()) if (!this.usedThisScan.has(key)) this.parsed.delete(key);
    this.usedThisScan.clear();
  }
}
