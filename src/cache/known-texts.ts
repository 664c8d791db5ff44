import { hash } from 'node:crypto';
import { isScript, type Language, type Role } from '../classify/types.js';
import { isSecurityRulesPath } from '../firebase/rules-parser.js';
import type { SuppressionDirective } from '../engine/suppress.js';
import type { PackageInfo, SourceFile } from '../model/types.js';

/** What `stat` says of a file: while all of it is unchanged, so is the content (the test git's index makes). */
export interface FileStamp {
  size: number;
  mtimeMs: number;
  ctimeMs: number;
  ino: number;
}

/** What loading a file learnt from its text, kept by the file's stamp so a rescan need not read it again. */
export interface KnownText {
  stamp: FileStamp;
  /** When the text was read: a stamp this close to it cannot be trusted (see `trusted`). */
  readAt: number;
  hash: string;
  language: Language;
  /** In a build-output folder when it was loaded: the role depends on it. */
  buildOutput: boolean;
  minified: boolean;
  role: Role;
  roleReason: string;
  /** The package facts the role was decided with. */
  packageKey: string;
  suppressions: Omit<SuppressionDirective, 'used'>[];
}

/**
 * Coarser than any file system's timestamps (FAT keeps two seconds): a file changed within this time of being
 * read could be changed again without its modification time moving.
 */
const TIMESTAMP_SLACK_MS = 2000;

function sameStamp(a: FileStamp, b: FileStamp): boolean {
  return a.size === b.size && a.mtimeMs === b.mtimeMs && a.ctimeMs === b.ctimeMs && a.ino === b.ino;
}

/** Only a stamp older than the read by more than any timestamp's granularity proves the text read is the text now. */
function trusted(known: KnownText): boolean {
  return known.stamp.mtimeMs < known.readAt - TIMESTAMP_SLACK_MS && known.stamp.ctimeMs < known.readAt - TIMESTAMP_SLACK_MS;
}

/**
 * Files a rescan may load from what is known of them: scripts, but those the project model reads as it is built
 * (config scripts), and text no parser reads as it is loaded (stylesheets, HTML, Markdown, yarn.lock). JSON, YAML,
 * env files, TOML, Dockerfiles, Firebase rules and GraphQL are parsed when loaded; a binary lockfile is loaded as
 * no text.
 */
function loadsFromKnown(f: SourceFile): boolean {
  if (isScript(f.language)) return f.role !== 'config';
  return f.language === 'other' && !isSecurityRulesPath(f.path) && !/\.(?:gql|graphql)$/i.test(f.path) && f.text !== '';
}

/**
 * Texts of earlier scans by path. A file whose stamp is unchanged is loaded from what is known of it, and its
 * text is read only if something asks for it (a rule whose kept result is no longer valid, a report snippet).
 */
export class KnownTexts {
  private readonly packageKeys = new Map<PackageInfo | undefined, string>();
  /** Files of this scan loaded from what was known of them, by path. */
  private readonly reused = new Map<string, KnownText>();
  /** Taken before any file of this scan is read. */
  readonly readAt = Date.now();

  constructor(private readonly known: Map<string, KnownText>) {}

  /** What is known of the file at `path`, if its stamp proves the text unchanged. */
  unchanged(path: string, stamp: FileStamp | undefined): KnownText | undefined {
    const known = stamp && this.known.get(path);
    return known && sameStamp(known.stamp, stamp) && trusted(known) ? known : undefined;
  }

  /** Load the file at `path` from `known` if its role still holds: same package, described as it was, same folder kind. */
  reuse(path: string, known: KnownText, pkg: PackageInfo | undefined, buildOutput: boolean): boolean {
    if (known.packageKey !== this.packageKey(pkg) || known.buildOutput !== buildOutput) return false;
    this.reused.set(path, known);
    return true;
  }

  /** How many files of this scan were loaded from what was known of them, without reading them. */
  get loadedUnread(): number {
    return this.reused.size;
  }

  /** The content hash of a file loaded from what was known of it. */
  hashOf(path: string): string | undefined {
    return this.reused.get(path)?.hash;
  }

  /** Remember every file read in this scan that a rescan may load unread, forget files that are gone; whether anything changed. */
  update(files: readonly SourceFile[], stamps: ReadonlyMap<string, FileStamp>, hashes: ReadonlyMap<string, string>): boolean {
    let changed = false;
    const seen = new Set<string>();
    for (const f of files) {
      seen.add(f.path);
      if (this.reused.has(f.path)) continue;
      const stamp = stamps.get(f.path);
      if (!stamp || !loadsFromKnown(f)) {
        changed = this.known.delete(f.path) || changed;
        continue;
      }
      this.known.set(f.path, {
        stamp,
        readAt: this.readAt,
        hash: hashes.get(f.path)!,
        language: f.language,
        buildOutput: f.buildOutput,
        minified: f.minified,
        role: f.role,
        roleReason: f.roleReason,
        packageKey: this.packageKey(f.package),
        suppressions: f.suppressions.map(({ used: _used, ...d }) => d),
      });
      changed = true;
    }
    for (const path of this.known.keys()) if (!seen.has(path)) changed = this.known.delete(path) || changed;
    return changed;
  }

  private packageKey(pkg: PackageInfo | undefined): string {
    let key = this.packageKeys.get(pkg);
    if (key === undefined) {
      key = pkg ? hash('sha1', JSON.stringify(pkg), 'base64') : '-';
      this.packageKeys.set(pkg, key);
    }
    return key;
  }
}
