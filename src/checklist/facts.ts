import { isScript } from '../classify/types.js';
import { offsetToPosition } from '../engine/make-finding.js';
import type { RuleMeta } from '../engine/catalogue-types.js';
import type { Finding } from '../engine/finding.js';
import type { PackageInfo, ProjectModel, SourceFile } from '../model/types.js';
import type { CheckContext, Evidence } from './types.js';
import { escapeRegExp } from '../engine/escape-regexp.js';

/** A match of a pattern in a file, with its line; `text` is the matched code only (patterns never capture values). */
export interface Hit {
  file: SourceFile;
  line: number;
  /** The matched code, shortened for display. */
  text: string;
  /** The whole match, for items that read options in it; not shown. */
  raw: string;
}

/** Frameworks whose code runs as a long-lived Node process (not per-request functions). */
const LONG_RUNNING = ['express', 'fastify', 'koa', 'nestjs', 'hono'];

/**
 * What the checklist items ask of a project, computed once: its code by role, dependencies, and pattern search
 * with line numbers. Items look at the project model the scan built; they never read files themselves.
 */
export class ProjectFacts {
  readonly model: ProjectModel;
  readonly findings: readonly Finding[];
  readonly rules: ReadonlyMap<string, RuleMeta>;
  /** Code that runs on the server (server and shared roles), without tests or build output. */
  readonly server: SourceFile[];
  /** All application code (client too), without tests or build output. */
  readonly code: SourceFile[];
  readonly tests: SourceFile[];

  constructor(ctx: CheckContext) {
    this.model = ctx.model;
    this.findings = ctx.findings.filter((f) => !f.suppression);
    this.rules = new Map(ctx.rules.map((r) => [r.id, r]));
    const scripts = ctx.model.files.filter((f) => isScript(f.language) && !f.buildOutput && !f.minified);
    this.code = scripts.filter((f) => f.role !== 'test' && f.role !== 'build-output' && f.role !== 'config');
    this.server = this.code.filter((f) => f.role === 'server' || f.role === 'shared');
    this.tests = scripts.filter((f) => f.role === 'test');
  }

  /** Frameworks enabled in any package. */
  get frameworks(): Set<string> {
    return new Set(this.model.packages.flatMap((p) => p.frameworks));
  }

  /** The project has code that runs on a server it deploys (not only a static front end). */
  get hasServer(): boolean {
    return this.server.length > 0;
  }

  /** A long-running Node server (Express, Fastify, Koa, NestJS, Hono on Node) rather than only serverless functions. */
  get longRunning(): boolean {
    const fw = this.frameworks;
    if (LONG_RUNNING.some((f) => fw.has(f))) return true;
    return this.search(this.server, /\b(?:createServer|\.listen)\s*\(/).length > 0;
  }

  /** The first package (root first) that depends on one of `names`. */
  dependency(...names: string[]): { pkg: PackageInfo; name: string } | undefined {
    for (const pkg of this.model.packages) {
      for (const name of names) {
        if (name in pkg.dependencies || name in pkg.devDependencies || name in pkg.optionalDependencies) return { pkg, name };
      }
    }
    return undefined;
  }

  /** Evidence that points at a dependency in its package.json. */
  dependencyEvidence(names: string[], note: (name: string) => string): Evidence | undefined {
    const dep = this.dependency(...names);
    if (!dep) return undefined;
    const manifest = this.model.fileByPath.get(dep.pkg.manifestPath);
    const at = manifest ? this.search([manifest], new RegExp(`"${escapeRegExp(dep.name)}"\\s*:`))[0] : undefined;
    return { file: dep.pkg.manifestPath, line: at?.line, note: note(dep.name) };
  }

  /** Every match of `pattern` in `files` (the pattern must not capture secret values: its text is shown). */
  search(files: readonly SourceFile[], pattern: RegExp, limit = 20): Hit[] {
    const flags = pattern.flags.includes('g') ? pattern.flags : `${pattern.flags}g`;
    const re = new RegExp(pattern.source, flags);
    const hits: Hit[] = [];
    for (const file of files) {
      for (const m of file.text.matchAll(re)) {
        hits.push({ file, line: offsetToPosition(file, m.index).line, text: m[0].trim().replace(/\s+/g, ' ').slice(0, 80), raw: m[0] });
        if (hits.length >= limit) return hits;
      }
    }
    return hits;
  }

  /** Files whose path matches. */
  files(pattern: RegExp): SourceFile[] {
    return this.model.files.filter((f) => pattern.test(f.path));
  }

  /** Findings of the scan by rule id (exact ids, or a prefix ending in `-`), for items that reuse rules. */
  findingsOf(...ids: string[]): Finding[] {
    return this.findings.filter((f) => ids.some((id) => (id.endsWith('-') ? f.ruleId.startsWith(id) : f.ruleId === id)));
  }

  /** Findings of a rule family (secrets, access-control…). */
  findingsOfFamily(family: string): Finding[] {
    return this.findings.filter((f) => this.rules.get(f.ruleId)?.family === family);
  }
}

export function hitEvidence(hit: Hit, note?: string): Evidence {
  return { file: hit.file.path, line: hit.line, note: note ?? `\`${hit.text.replace(/`/g, "'")}\`` };
}

export function findingEvidence(f: Finding): Evidence {
  return { file: f.file, line: f.range.startLine, note: `${f.ruleId}: ${f.message}` };
}
