import { isEnvTemplate } from '../../classify/language.js';
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { isScalar, isSeq, visit, type Scalar } from 'yaml';
import { memberPath, parentOf, propertyName, staticString } from '../../engine/ast-utils.js';
import { defineAstRule, type FileContext } from '../../engine/rule.js';
import type { SourceFile } from '../../model/types.js';
import type { AstNode } from '../../parse/types.js';
import { isLockfile, overlapsRaw } from './file-secrets.js';
import { secretNameStrength } from './names.js';
import { isKnownPublicValue, isPlaceholderValue, looksRandom } from './values.js';
import { LOCAL_HOST } from './detectors.js';
import { PASSWORD_NAME } from '../access-control/plaintext-password.js';

type Ctx = FileContext<'namedSecret' | 'connectionPassword'>;

/** `Bearer abc…` → `abc…`: the scheme is not part of the secret. */
function stripScheme(value: string): string {
  return value.replace(/^(?:Bearer|Basic|Token|Bot)\s+/i, '');
}

/** The value is a random-looking literal under a secret name, and no provider detector owns the spot: this rule reports it. */
export function isNamedSecret(file: SourceFile, name: string, raw: string, start: number, end: number): boolean {
  if (!secretNameStrength(name)) return false;
  const value = stripScheme(raw);
  if (!looksRandom(value) || isKnownPublicValue(value)) return false;
  return !overlapsRaw(file, start, end);
}

function reportAt(ctx: Ctx, name: string, raw: string, where: { node: AstNode } | { offsets: { start: number; end: number } }): void {
  ctx.report({
    messageId: 'namedSecret',
    data: { name, file: ctx.file.path },
    ...where,
    secrets: [raw, stripScheme(raw)],
    severity: secretNameStrength(name) === 'strong' ? 'high' : 'medium',
  });
}

const ENV_OBJECTS = new Set(['process.env', 'import.meta.env', 'Bun.env']);

/** `const { API_KEY = '…' } = process.env`: a fallback, which `hardcoded-secret-fallback` reports. */
function destructuresEnv(pattern: AstNode | undefined): boolean {
  const holder = pattern ? parentOf(pattern) : undefined;
  if (!holder) return false;
  const source = holder.type === 'VariableDeclarator' ? holder.init : holder.type === 'AssignmentPattern' || holder.type === 'AssignmentExpression' ? holder.right : undefined;
  if (!source) return false;
  const path = memberPath(source as AstNode);
  if (path && ENV_OBJECTS.has(path)) return true;
  return source.type === 'CallExpression' && memberPath(source.callee as AstNode) === 'Deno.env.toObject';
}

/** Reports a random-looking secret under a secret name; true when it did. */
function checkLiteral(ctx: Ctx, name: string | undefined, valueNode: AstNode | null | undefined): boolean {
  if (!name || !valueNode) return false;
  const value = staticString(valueNode);
  if (value === undefined) return false;
  const [start, end] = valueNode.range;
  if (!isNamedSecret(ctx.file, name, value, start, end)) return false;
  reportAt(ctx, name, value, { node: valueNode });
  return true;
}

/** The password key of a database client's options: `password`, `pwd`, `dbPassword`. */
const DB_PASSWORD_KEY = { test: (key: string) => PASSWORD_NAME.test(key) || /^db_?pass(?:word)?$/i.test(key) };
/**
 * Database clients and pools made from an options object: node-postgres `new Pool({…})` / `new Client({…})`,
 * mysql and mysql2 `createConnection` / `createPool`, Sequelize, TypeORM `new DataSource({…})` and
 * `createConnection({…})`, knex, MongoDB `new MongoClient(url, { auth })`, Redis and ioredis, postgres.js, mssql.
 */
const DB_CLIENT = /^(?:(?:pg|postgres|mongoose|mysql2?|mysql2\/promise|mssql|sql|mongodb|redis|ioredis|typeorm)\.)?(?:Pool|Client|createConnection|createPool|createPoolCluster|Sequelize|DataSource|MongoClient|knex|Knex|Redis|createClient|connect|ConnectionPool|postgres)$/;

/**
 * `new Pool({ user: 'app', password: 'iron_man' })`: a database password written into the client's options, however
 * plain it looks (a person chose it, so it is not random, but it is the password the database takes). The object may
 * be the client's argument or its `connection` (knex) or `auth` (MongoDB) option.
 */
function checkConnectionPassword(ctx: Ctx, options: TSESTree.ObjectExpression, value: AstNode): void {
  let holder: AstNode = options as AstNode;
  const parent = parentOf(holder);
  if (parent?.type === 'Property' && /^(?:connection|auth|credentials)$/.test(propertyName(parent) ?? '')) {
    const outer = parentOf(parent as AstNode);
    if (outer?.type === 'ObjectExpression') holder = outer;
  }
  const call = parentOf(holder);
  if ((call?.type !== 'NewExpression' && call?.type !== 'CallExpression') || !call.arguments.includes(holder as TSESTree.CallExpressionArgument)) return;
  const client = memberPath(call.callee as AstNode);
  if (client && DB_CLIENT.test(client)) reportConnectionPassword(ctx, client, value, options as AstNode);
}

function reportConnectionPassword(ctx: Ctx, client: string, value: AstNode, options: AstNode | undefined): void {
  const password = staticString(value);
  if (password === undefined || isPlaceholderValue(password) || overlapsRaw(ctx.file, value.range[0], value.range[1])) return;
  const host = options?.type === 'ObjectExpression' ? options.properties.find((p) => p.type === 'Property' && /^(?:host|hostname|server)$/.test(propertyName(p) ?? '')) : undefined;
  const hostName = host?.type === 'Property' ? staticString(host.value as AstNode) : undefined;
  ctx.report({
    messageId: 'connectionPassword',
    data: { client, file: ctx.file.path },
    node: value,
    secrets: [password],
    // A password for a database only the developer's machine reaches is weaker evidence of harm than one for a server.
    severity: hostName !== undefined && LOCAL_HOST.test(hostName) ? 'low' : 'medium',
  });
}

// --- files without an AST -------------------------------------------------------------------------------

const JSON_PAIR = /"((?:[^"\\\n]|\\.){1,100})"\s*:\s*"((?:[^"\\\n]|\\.){1,1000})"/gd;

function unescapeJson(raw: string): string {
  try {
    return JSON.parse(`"${raw}"`) as string;
  } catch {
    return raw;
  }
}

function checkJson(ctx: Ctx): void {
  const name = ctx.file.path.slice(ctx.file.path.lastIndexOf('/') + 1);
  if (name === 'package.json' || /^tsconfig.*\.json$|^jsconfig.*\.json$/.test(name)) return;
  JSON_PAIR.lastIndex = 0;
  for (let m = JSON_PAIR.exec(ctx.file.text); m; m = JSON_PAIR.exec(ctx.file.text)) {
    const [start, end] = m.indices![2]!;
    const value = unescapeJson(m[2]);
    if (isNamedSecret(ctx.file, unescapeJson(m[1]), value, start, end)) reportAt(ctx, unescapeJson(m[1]), value, { offsets: { start, end } });
  }
}

/** Offsets of a scalar's text: quoted scalars' ranges include the quotes. */
function scalarOffsets(text: string, node: Scalar, value: string): { start: number; end: number } | undefined {
  const range = node.range;
  if (!range) return undefined;
  const at = text.indexOf(value, range[0]);
  if (at !== -1 && at + value.length <= range[1] + 1) return { start: at, end: at + value.length };
  return { start: range[0], end: range[1] };
}

function checkYaml(ctx: Ctx): void {
  const doc = ctx.file.yaml;
  if (!doc) return;
  const text = ctx.file.text;
  visit(doc, {
    Pair(_key, pair) {
      if (!isScalar(pair.key) || !isScalar(pair.value) || typeof pair.value.value !== 'string') return;
      const name = String(pair.key.value);
      const value = pair.value.value;
      const at = scalarOffsets(text, pair.value, value);
      if (at && isNamedSecret(ctx.file, name, value, at.start, at.end)) reportAt(ctx, name, value, { offsets: at });
    },
    Seq(_key, seq) {
      // docker-compose `environment: [ "JWT_SECRET=…" ]`
      if (!isSeq(seq)) return;
      for (const item of seq.items) {
        if (!isScalar(item) || typeof item.value !== 'string') continue;
        const m = /^([A-Za-z_][A-Za-z0-9_.-]*)=(.+)$/.exec(item.value);
        if (!m) continue;
        const at = scalarOffsets(text, item, m[2]);
        if (at && isNamedSecret(ctx.file, m[1], m[2], at.start, at.end)) reportAt(ctx, m[1], m[2], { offsets: at });
      }
    },
  });
}

/** `.env.example` and friends: a committed template holding a real-looking value (real env files are `env-file-committed`'s). */
function checkEnvTemplate(ctx: Ctx): void {
  if (!isEnvTemplate(ctx.file.path) || !ctx.file.env) return;
  for (const e of ctx.file.env) {
    if (e.value.length < 20) continue;
    const start = e.valueOffset;
    if (isNamedSecret(ctx.file, e.name, e.value, start, start + e.value.length)) reportAt(ctx, e.name, e.value, { offsets: { start, end: start + e.value.length } });
  }
}

/** A TOML pair on one line, or in an inline table: `JWT_SECRET = "…"`, `vars = { API_KEY = '…' }`. Multi-line strings are not read. */
const TOML_PAIR = /(?:^[ \t]*|[{,][ \t]*)([A-Za-z0-9_-]{1,100}|"[^"\\\n]{1,100}")[ \t]*=[ \t]*("(?:[^"\\\n]|\\.){1,1000}"(?!")|'[^'\n]{1,1000}'(?!'))/gm;

/** `wrangler.toml`'s `[vars]`, `netlify.toml`'s `[build.environment]`, `fly.toml`'s `[env]`: committed config read by the platform. */
function checkToml(ctx: Ctx): void {
  const text = ctx.file.text;
  TOML_PAIR.lastIndex = 0;
  for (let m = TOML_PAIR.exec(text); m; m = TOML_PAIR.exec(text)) {
    // A pair inside a comment: a `#` before it on its line, outside a string (keys and values cannot hold one unquoted).
    // Read back at most 1,000 characters: a minified file on one line must not make this quadratic.
    const back = text.slice(Math.max(0, m.index - 1000), m.index + 1);
    if (/^[^"'#]*#/.test(back.slice(back.lastIndexOf('\n') + 1))) continue;
    const name = m[1].startsWith('"') ? unescapeJson(m[1].slice(1, -1)) : m[1];
    const quoted = m[2];
    const value = quoted.startsWith('"') ? unescapeJson(quoted.slice(1, -1)) : quoted.slice(1, -1);
    const start = m.index + m[0].length - quoted.length + 1;
    const end = start + quoted.length - 2;
    if (isNamedSecret(ctx.file, name, value, start, end)) reportAt(ctx, name, value, { offsets: { start, end } });
  }
}

const DOCKER_ENV = /^[ \t]*(?:ENV|ARG)[ \t]+(.{1,2000})$/gim;
const DOCKER_PAIR = /([A-Za-z_][A-Za-z0-9_]*)=("(?:[^"\\\n]|\\.){0,1000}"|'[^'\n]{0,1000}'|[^\s"']{1,1000})/g;

function checkDockerfile(ctx: Ctx): void {
  const text = ctx.file.text;
  DOCKER_ENV.lastIndex = 0;
  for (let line = DOCKER_ENV.exec(text); line; line = DOCKER_ENV.exec(text)) {
    const body = line[1].replace(/\r$/, '');
    const bodyStart = line.index + line[0].length - line[1].length;
    const pairs: { name: string; value: string; start: number }[] = [];
    DOCKER_PAIR.lastIndex = 0;
    for (let p = DOCKER_PAIR.exec(body); p; p = DOCKER_PAIR.exec(body)) {
      const quoted = p[2].startsWith('"') || p[2].startsWith("'");
      const value = quoted ? p[2].slice(1, -1) : p[2];
      pairs.push({ name: p[1], value, start: bodyStart + p.index + p[1].length + 1 + (quoted ? 1 : 0) });
    }
    const legacy = pairs.length === 0 ? /^([A-Za-z_][A-Za-z0-9_]*)[ \t]+(\S.{0,999})$/.exec(body) : null;
    if (legacy) pairs.push({ name: legacy[1], value: legacy[2].trim(), start: bodyStart + body.indexOf(legacy[2]) });
    for (const { name, value, start } of pairs) {
      if (isNamedSecret(ctx.file, name, value, start, start + value.length)) reportAt(ctx, name, value, { offsets: { start, end: start + value.length } });
    }
  }
}

/**
 * A secret-named variable, property, class field or assignment holding a random-looking string literal:
 * `const JWT_SECRET = "q7Vd…"`, `{ apiKey: "…" }`, `this.clientSecret = "…"`. Provider formats are left to
 * `hardcoded-secret`, `process.env` fallbacks to `hardcoded-secret-fallback`, real env files to
 * `env-file-committed`, so one spot never gets two findings.
 */
export const genericHardcodedSecret = defineAstRule({
  id: 'generic-hardcoded-secret',
  messageIds: ['namedSecret', 'connectionPassword'],
  appliesTo: { roles: ['client', 'server', 'shared', 'config'] },
  create(ctx) {
    return {
      VariableDeclarator(node) {
        if (node.id.type === 'Identifier') checkLiteral(ctx, node.id.name, node.init);
      },
      Property(node) {
        const holder = parentOf(node);
        if (holder?.type !== 'ObjectExpression') return;
        // A stored password beside its salt (`{ password: '9bbf…', salt: '27a8…' }` in seed data) is a hash, not a password.
        const name = propertyName(node);
        if (name && /pass/i.test(name) && holder.properties.some((p) => p.type === 'Property' && /^(?:salt|password_?salt|passwordSalt)$/i.test(propertyName(p) ?? ''))) return;
        if (!checkLiteral(ctx, name, node.value) && name && DB_PASSWORD_KEY.test(name)) checkConnectionPassword(ctx, holder, node.value as AstNode);
      },
      // `new Sequelize('shop', 'root', 'hunter2', { dialect: 'mysql' })`: the password is the third argument.
      NewExpression(node) {
        const client = memberPath(node.callee as AstNode);
        if (client && /(?:^|\.)Sequelize$/.test(client) && node.arguments.length >= 3) reportConnectionPassword(ctx, client, node.arguments[2] as AstNode, node.arguments[3] as AstNode | undefined);
      },
      PropertyDefinition(node) {
        checkLiteral(ctx, propertyName(node), node.value);
      },
      AssignmentExpression(node) {
        if (node.operator !== '=') return;
        const left = node.left;
        const name = left.type === 'Identifier' ? left.name : left.type === 'MemberExpression' ? propertyName(left) : undefined;
        checkLiteral(ctx, name, node.right);
      },
      AssignmentPattern(node) {
        const holder = parentOf(node);
        if (holder?.type === 'Property' && parentOf(holder)?.type === 'ObjectPattern') {
          if (destructuresEnv(parentOf(holder))) return;
          checkLiteral(ctx, propertyName(holder as TSESTree.Property), node.right);
          return;
        }
        if (node.left.type === 'Identifier') checkLiteral(ctx, node.left.name, node.right);
      },
    };
  },
  checkWithoutAst(ctx) {
    const { file } = ctx;
    if (isLockfile(file.path)) return;
    if (file.language === 'json') checkJson(ctx);
    else if (file.language === 'yaml') checkYaml(ctx);
    else if (file.language === 'env') checkEnvTemplate(ctx);
    else if (file.language === 'dockerfile') checkDockerfile(ctx);
    else if (file.path.endsWith('.toml')) checkToml(ctx);
  },
});
