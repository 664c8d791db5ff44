import semver from 'semver';
import { isScript } from '../../classify/types.js';
import type { TaintFlow } from '../../dataflow/index.js';
import type { Range } from '../../engine/finding.js';
import { defineFileFact } from '../../model/facts.js';
import type { PackageInfo, ProjectModel, SourceFile } from '../../model/types.js';
import { ALSO_MONGODB, SQL_LIBRARIES } from '../../model/database-libraries.js';

/**
 * Flows into Mongo filters that cannot carry an operator after all, or that the app makes safe as a whole:
 * - the project queries SQL databases only, so `findOne(filter)` is an SQL ORM's method (Bookshelf, Objection);
 * - a query string that the framework parses flat (Express 5, Fastify, Koa, Next.js: `?a[$ne]=1` stays text);
 * - `express-mongo-sanitize` or `mongo-sanitize` run as middleware, or Mongoose's `sanitizeFilter` is on;
 * - the value is JavaScript for `$where`, which code-injection already reports.
 */
export function filterSanitised(flow: TaintFlow, model: ProjectModel): boolean {
  if (sqlOnly(model)) return true;
  if (reportedAsCode(flow, model)) return true;
  const sinkFile = model.fileByPath.get(flow.sink.file);
  if (QUERY_STRING.test(flow.source.label) && !nestedQueryStrings(model.fileByPath.get(flow.steps[0].file) ?? sinkFile, model)) return true;
  if (sanitizedQuery(sinkFile, flow.sink.range)) return true;
  const pkg = sinkFile?.package;
  if (!pkg) return false;
  const facts = packageFacts(pkg, model);
  return facts.sanitizeFilter || (flow.source.kind === 'request' && facts.middleware);
}

/** Libraries whose queries take operator objects: MongoDB and its wrappers, look-alike stores, Waterline, CouchDB. */
const OPERATOR_QUERY_LIBRARIES = /^(?:mongodb|mongoose|mongojs|monk|mquery|mongoist|mongorito|@typegoose\/typegoose|@nestjs\/mongoose|@mikro-orm\/mongodb|nedb|@seald-io\/nedb|nedb-promises|lokijs|mingo|tingodb|camo|sails|waterline|nano|pouchdb|pouchdb-find|rxdb|meteor-node-stubs)$/;

const sqlOnlyCache = new WeakMap<ProjectModel, boolean>();

/**
 * The project depends on SQL libraries (not only ones that also speak to MongoDB, such as Prisma) and on no
 * library whose queries take operator objects, in any of its packages, and no code imports MongoDB through
 * Meteor (whose collections need no dependency).
 */
function sqlOnly(model: ProjectModel): boolean {
  let known = sqlOnlyCache.get(model);
  if (known === undefined) {
    const deps = model.packages.flatMap((p) => Object.keys({ ...p.dependencies, ...p.devDependencies, ...p.optionalDependencies, ...p.peerDependencies }));
    const sql = deps.some((d) => SQL_LIBRARIES.includes(d) && !ALSO_MONGODB.has(d));
    known = sql && !deps.some((d) => OPERATOR_QUERY_LIBRARIES.test(d)) && !sanitisingSigns(model).meteorMongo;
    sqlOnlyCache.set(model, known);
  }
  return known;
}
const METEOR_MONGO = /['"]meteor\/mongo['"]/;

/** `req.query.x`, `ctx.request.query`, NestJS `@Query()`: not `c.req.query()`, whose result is always text. */
const QUERY_STRING = /^@Query\(\)|(?:^|\.)query(?:\.|$)/;

/** What one script shows of how the app treats Mongo filters, read from its text alone. */
interface Signs {
  /** `app.use(mongoSanitize())` with `express-mongo-sanitize`. */
  sanitizeMiddleware: boolean;
  /** `req.body = sanitize(req.body)` in a middleware, with `mongo-sanitize`. */
  cleansRequest: boolean;
  /** Mongoose strips operators from every filter: `mongoose.set('sanitizeFilter', true)` or a connect option. */
  sanitizeFilter: boolean;
  /** Its own query-string parser (Express `query parser`, Fastify `querystringParser`). */
  queryParser: boolean;
  /** It imports `meteor/mongo`. */
  meteorMongo: boolean;
}

/** Words every sign below contains: one pass over a script without any. */
const SIGN_WORDS = /mongo-sanitize|sanitizeFilter|query parser|querystringParser|meteor\/mongo/;

/**
 * The signs every script shows, by package folder, and whether any script imports `meteor/mongo`: a fact of the
 * project, so that a rescan reads again only the scripts that changed, and the rule depends on the answer, not
 * on every script's text.
 */
const sanitisingSigns = defineFileFact(
  'mongo sanitising signs',
  (file) => {
    // Built and bundled code is not analysed for injections, and the sanitiser's own code, bundled, would read as a sign.
    if (!isScript(file.language) || file.role === 'build-output' || !SIGN_WORDS.test(file.text)) return undefined;
    const text = file.text;
    const signs: Signs = {
      sanitizeMiddleware: text.includes('express-mongo-sanitize') && usesAsMiddleware(file, 'express-mongo-sanitize'),
      cleansRequest: text.includes('mongo-sanitize') && cleansRequest(file, 'mongo-sanitize'),
      sanitizeFilter: text.includes('sanitizeFilter') && (GLOBAL_SANITIZE_FILTER.test(text) || CONNECT_SANITIZE_FILTER.test(text)),
      queryParser: CUSTOM_QUERY_PARSER.test(text),
      meteorMongo: text.includes('meteor/mongo') && METEOR_MONGO.test(text),
    };
    return Object.values(signs).some(Boolean) ? signs : undefined;
  },
  (parts) => {
    const byPackage = new Map<string, Omit<Signs, 'meteorMongo'>>();
    let meteorMongo = false;
    for (const [file, signs] of parts) {
      meteorMongo ||= signs.meteorMongo;
      if (!file.package) continue;
      const seen = byPackage.get(file.package.dir) ?? { sanitizeMiddleware: false, cleansRequest: false, sanitizeFilter: false, queryParser: false };
      for (const key of ['sanitizeMiddleware', 'cleansRequest', 'sanitizeFilter', 'queryParser'] as const) seen[key] ||= signs[key];
      byPackage.set(file.package.dir, seen);
    }
    return { byPackage, meteorMongo };
  },
);

interface PackageFacts {
  /** `express-mongo-sanitize` or `mongo-sanitize` cleans every request before the routes see it. */
  middleware: boolean;
  /** Mongoose strips operators from every filter. */
  sanitizeFilter: boolean;
  /** The package sets its own query-string parser (Express `query parser`, Fastify `querystringParser`, koa-qs). */
  customQueryParser: boolean;
}

function packageFacts(pkg: PackageInfo, model: ProjectModel): PackageFacts {
  const signs = sanitisingSigns(model).byPackage.get(pkg.dir);
  const deps = { ...pkg.dependencies, ...pkg.devDependencies };
  return {
    middleware: ('express-mongo-sanitize' in deps && !!signs?.sanitizeMiddleware) || ('mongo-sanitize' in deps && !!signs?.cleansRequest),
    sanitizeFilter: !!signs?.sanitizeFilter,
    customQueryParser: 'koa-qs' in deps || !!signs?.queryParser,
  };
}

const GLOBAL_SANITIZE_FILTER = /\.set\(\s*['"]sanitizeFilter['"]\s*,\s*true\s*\)/;
const CONNECT_SANITIZE_FILTER = /\b(?:connect|createConnection)\s*\([^;]*?\bsanitizeFilter\s*:\s*true/;
const CUSTOM_QUERY_PARSER = /['"]query parser['"]|\bquerystringParser\s*:/;

/** Local names a file gives a package's default export: `import x from 'p'`, `const x = require('p')`. */
function localNames(file: SourceFile, pkg: string): string[] {
  const quoted = `['"]${pkg}['"]`;
  const patterns = [new RegExp(`import\\s+(\\w+)\\s+from\\s+${quoted}`, 'g'), new RegExp(`(?:const|let|var)\\s+(\\w+)\\s*=\\s*require\\(\\s*${quoted}\\s*\\)`, 'g')];
  return patterns.flatMap((p) => [...file.text.matchAll(p)].map((m) => m[1]));
}

/** `app.use(mongoSanitize())`, also inline `app.use(require('express-mongo-sanitize')())`. */
function usesAsMiddleware(file: SourceFile, pkg: string): boolean {
  if (new RegExp(`\\.use\\([^;]*require\\(\\s*['"]${pkg}['"]\\s*\\)\\s*\\(`).test(file.text)) return true;
  return localNames(file, pkg).some((name) => new RegExp(`\\.use\\([^;]*\\b${name}\\s*\\(`).test(file.text));
}

/**
 * A middleware that replaces the request's input with its sanitised copy: `req.body = sanitize(req.body)`, in the
 * file that mounts it (`app.use`) or in a middleware of its own file that calls `next()` (mounted elsewhere).
 */
function cleansRequest(file: SourceFile, pkg: string): boolean {
  if (!/\.use\(|\bnext\(\s*\)/.test(file.text)) return false;
  return localNames(file, pkg).some((name) => new RegExp(`\\b(?:req|request)\\.(?:body|query)\\s*=\\s*${name}\\s*\\(`).test(file.text));
}

/** `User.find(filter).setOptions({ sanitizeFilter: true })` on the lines of the query. */
function sanitizedQuery(file: SourceFile | undefined, range: Range): boolean {
  if (!file) return false;
  const start = file.lineStarts[range.startLine - 1] ?? 0;
  const end = file.lineStarts[range.endLine + 2] ?? file.text.length;
  return /\bsanitizeFilter\s*:\s*true/.test(file.text.slice(start, end));
}

/**
 * Whether the query string can hold objects. Express 4 parses `?a[$ne]=1` into `{ a: { $ne: '1' } }` (the
 * `qs` library); Express 5, Fastify, Koa, Hono and Next.js keep strings. Unknown setups count as nested.
 */
function nestedQueryStrings(file: SourceFile | undefined, model: ProjectModel): boolean {
  const pkg = file?.package;
  if (!pkg) return true;
  if (packageFacts(pkg, model).customQueryParser) return true;
  const root = model.packages.find((p) => p.dir === '');
  const deps = { ...root?.dependencies, ...pkg.devDependencies, ...pkg.dependencies };
  const express = deps['express'];
  if (express !== undefined && !(majorOf(express) >= 5)) return true;
  const nestExpress = deps['@nestjs/platform-express'];
  if (nestExpress !== undefined && !(majorOf(nestExpress) >= 11)) return true;
  if ('@nestjs/core' in deps && nestExpress === undefined && !('@nestjs/platform-fastify' in deps)) return true;
  return false;
}

function majorOf(range: string): number {
  try {
    return semver.minVersion(range)?.major ?? Number.NaN;
  } catch {
    return Number.NaN;
  }
}

/** `find({ $where: req.body.js })`: the same value reaches a `$where` inside this call, reported as code. */
function reportedAsCode(flow: TaintFlow, model: ProjectModel): boolean {
  const inside = (r: Range, outer: Range) => (r.startLine > outer.startLine || (r.startLine === outer.startLine && r.startColumn >= outer.startColumn)) && (r.endLine < outer.endLine || (r.endLine === outer.endLine && r.endColumn <= outer.endColumn));
  return model.flows.some((f) => f.sink.kind === 'code' && f.sink.file === flow.sink.file && f.source.label === flow.source.label && inside(f.sink.range, flow.sink.range));
}
