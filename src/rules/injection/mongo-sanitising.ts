import semver from 'semver';
import { isScript } from '../../classify/types.js';
import type { TaintFlow } from '../../dataflow/index.js';
import type { Range } from '../../engine/finding.js';
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
    known = sql && !deps.some((d) => OPERATOR_QUERY_LIBRARIES.test(d)) && !model.files.some((f) => isScript(f.language) && METEOR_MONGO.test(f.text));
    sqlOnlyCache.set(model, known);
  }
  return known;
}
const METEOR_MONGO = /['"]meteor\/mongo['"]/;

/** `req.query.x`, `ctx.request.query`, NestJS `@Query()`: not `c.req.query()`, whose result is always text. */
const QUERY_STRING = /^@Query\(\)|(?:^|\.)query(?:\.|$)/;

interface PackageFacts {
  /** `express-mongo-sanitize` or `mongo-sanitize` cleans every request before the routes see it. */
  middleware: boolean;
  /** Mongoose strips operators from every filter: `mongoose.set('sanitizeFilter', true)` or a connect option. */
  sanitizeFilter: boolean;
  /** The package sets its own query-string parser (Express `query parser`, Fastify `querystringParser`, koa-qs). */
  customQueryParser: boolean;
}

const factsCache = new WeakMap<PackageInfo, PackageFacts>();

function packageFacts(pkg: PackageInfo, model: ProjectModel): PackageFacts {
  const known = factsCache.get(pkg);
  if (known) return known;
  const code = model.files.filter((f) => f.package === pkg && isScript(f.language));
  const deps = { ...pkg.dependencies, ...pkg.devDependencies };
  const facts: PackageFacts = {
    middleware: code.some((f) => ('express-mongo-sanitize' in deps && usesAsMiddleware(f, 'express-mongo-sanitize')) || ('mongo-sanitize' in deps && cleansRequest(f, 'mongo-sanitize'))),
    sanitizeFilter: code.some((f) => GLOBAL_SANITIZE_FILTER.test(f.text) || CONNECT_SANITIZE_FILTER.test(f.text)),
    customQueryParser: 'koa-qs' in deps || code.some((f) => CUSTOM_QUERY_PARSER.test(f.text)),
  };
  factsCache.set(pkg, facts);
  return facts;
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

/** A middleware that replaces the request's input with its sanitised copy: `req.body = sanitize(req.body)`. */
function cleansRequest(file: SourceFile, pkg: string): boolean {
  if (!/\.use\(/.test(file.text)) return false;
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
