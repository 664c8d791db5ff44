import type { SinkKind } from './types.js';

const ALL = 'all' as const;
type Effect = readonly SinkKind[] | typeof ALL;

const TEXT_ONLY: SinkKind[] = ['nosql', 'prototype-pollution'];

/** Functions (by import-resolved or written path) whose result is safe for some sinks. */
const BY_PATH: Record<string, Effect> = {
  Number: ALL,
  parseInt: ALL,
  parseFloat: ALL,
  'Number.parseInt': ALL,
  'Number.parseFloat': ALL,
  Boolean: ALL,
  BigInt: ALL,
  isNaN: ALL,
  'Math.floor': ALL,
  'Math.round': ALL,
  'Math.ceil': ALL,
  'Math.abs': ALL,
  'Math.min': ALL,
  'Math.max': ALL,
  String: TEXT_ONLY,
  encodeURIComponent: ['xss', 'path', 'redirect', 'ssrf', 'command', ...TEXT_ONLY],
  escape: ['xss', ...TEXT_ONLY],
  escapeHtml: ['xss', ...TEXT_ONLY],
  escapeHTML: ['xss', ...TEXT_ONLY],
  'escape-html': ['xss', ...TEXT_ONLY],
  'he.encode': ['xss', ...TEXT_ONLY],
  'he.escape': ['xss', ...TEXT_ONLY],
  'validator.escape': ['xss', ...TEXT_ONLY],
  'lodash.escape': ['xss', ...TEXT_ONLY],
  '_.escape': ['xss', ...TEXT_ONLY],
  'DOMPurify.sanitize': ['xss', ...TEXT_ONLY],
  'dompurify.sanitize': ['xss', ...TEXT_ONLY],
  'isomorphic-dompurify.sanitize': ['xss', ...TEXT_ONLY],
  sanitizeHtml: ['xss', ...TEXT_ONLY],
  'sanitize-html': ['xss', ...TEXT_ONLY],
  xss: ['xss', ...TEXT_ONLY],
  'xss.filterXSS': ['xss', ...TEXT_ONLY],
  filterXSS: ['xss', ...TEXT_ONLY],
  'path.basename': ['path', ...TEXT_ONLY],
  basename: ['path', ...TEXT_ONLY],
  'sanitize-filename': ['path', ...TEXT_ONLY],
  sanitizeFilename: ['path', ...TEXT_ONLY],
  'shell-quote.quote': ['command', ...TEXT_ONLY],
  shellescape: ['command', ...TEXT_ONLY],
  'shell-escape': ['command', ...TEXT_ONLY],
  'mysql.escape': ['sql', ...TEXT_ONLY],
  'mysql2.escape': ['sql', ...TEXT_ONLY],
  'sqlstring.escape': ['sql', ...TEXT_ONLY],
  'SqlString.escape': ['sql', ...TEXT_ONLY],
  'pg-format': ['sql', ...TEXT_ONLY],
  escapeLiteral: ['sql', ...TEXT_ONLY],
  escapeIdentifier: ['sql', ...TEXT_ONLY],
  escapeRegExp: ['regex', ...TEXT_ONLY],
  '_.escapeRegExp': ['regex', ...TEXT_ONLY],
  'lodash.escapeRegExp': ['regex', ...TEXT_ONLY],
  'escape-string-regexp': ['regex', ...TEXT_ONLY],
  escapeStringRegexp: ['regex', ...TEXT_ONLY],
  'mongo-sanitize': ['nosql', 'prototype-pollution'],
  mongoSanitize: ['nosql', 'prototype-pollution'],
  'mongoose.sanitizeFilter': ['nosql', 'prototype-pollution'],
  'mongoose.Types.ObjectId': ALL,
  'Types.ObjectId': ALL,
  ObjectId: ALL,
  'mongodb.ObjectId': ALL,
  isValidObjectId: ALL,
  'crypto.createHash': ALL,
  'bcrypt.hash': ALL,
  'bcrypt.compare': ALL,
  'argon2.hash': ALL,
};

/** Methods whose result is safe whatever the receiver: lengths, booleans, numbers, hashes. */
const CLEAN_METHODS = new Set([
  'includes', 'startsWith', 'endsWith', 'test', 'indexOf', 'lastIndexOf', 'some', 'every', 'has', 'localeCompare',
  'getTime', 'valueOf', 'toFixed', 'digest', 'isValid', 'isInteger', 'charCodeAt', 'codePointAt', 'search', 'size',
]);

/** Methods without arguments that only strings have (or that turn anything into a string). */
const STRING_ONLY_METHODS = new Set(['toString', 'toLowerCase', 'toUpperCase', 'toLocaleLowerCase', 'toLocaleUpperCase', 'trim', 'trimStart', 'trimEnd']);

/** Schema validators: `schema.parse(body)`, `Joi.object(…).validate(body)`: types are fixed, content is not. */
const VALIDATE_METHODS = new Set(['parse', 'safeParse', 'parseAsync', 'safeParseAsync', 'validate', 'validateSync', 'validateAsync', 'cast', 'assert', 'create']);
const NOT_VALIDATORS = /^(?:JSON|url|URL|qs|querystring|path|Date|cookie|cookies|csv|papa|Papa|yaml|YAML|toml|xml|xml2js|marked|new Date|Object|Array|Math|mongoose|crypto)$/;

export function sanitizerEffect(canonical: string | undefined, path: string | undefined, method: string | undefined, receiver: string | undefined, chain: string[]): Effect | undefined {
  for (const p of [canonical, path]) {
    if (!p) continue;
    const hit = own(BY_PATH, p) ?? own(BY_PATH, p.replace(/\.default$/, ''));
    if (hit) return hit;
  }
  if (method && CLEAN_METHODS.has(method)) return ALL;
  if (method && VALIDATE_METHODS.has(method)) {
    const root = (receiver ?? '').split('.')[0];
    const lastPart = (receiver ?? '').split('.').pop() ?? '';
    const schemaLike = /schema|validator|dto|^z$|^Joi$|^joi$|^yup$|^v$|^t$|^S$|^ajv$/i.test(root) || /Schema$|Validator$|Dto$/.test(lastPart) || chain.some((c) => c === 'object' || c === 'string' || c === 'number');
    if (schemaLike && !NOT_VALIDATORS.test(root)) return TEXT_ONLY;
  }
  // String methods throw on an object, so what they return is text: no Mongo operators, no prototype keys.
  if (method && STRING_ONLY_METHODS.has(method)) return TEXT_ONLY;
  return undefined;
}

/** Tagged templates that bind their values as parameters or escape them: `sql\`…\``, `Prisma.sql`, lit's `html`. */
export function taggedTemplateEffect(tag: string | undefined): Effect | undefined {
  if (!tag) return undefined;
  if (/(?:^|\.)(?:sql|SQL|\$queryRaw|\$executeRaw)$/.test(tag)) return ['sql', ...TEXT_ONLY];
  if (/(?:^|\.)(?:html|svg|css)$/.test(tag)) return ['xss', ...TEXT_ONLY];
  if (tag === '$' || /(?:^|\.)\$$/.test(tag) || tag === 'execa.$') return ['command', ...TEXT_ONLY];
  return undefined;
}

/**
 * `s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')`: the standard escape of regular-expression syntax, written out
 * (MDN's form and its variants: a global character class holding every special character, each put back escaped).
 */
export function escapesRegexSyntax(pattern: string, flags: string, replacement: unknown): boolean {
  if (!flags.includes('g') || replacement !== '\\$&') return false;
  const cls = /^\[([^^][\s\S]*)\]$/.exec(pattern)?.[1];
  return !!cls && ['.', '*', '+', '?', '^', '$', '{', '(', ')', '[', '|', '\\\\'].every((ch) => cls.includes(ch));
}

/** A table entry by key, never an inherited `constructor` or `toString`. */
export function own<T>(table: Record<string, T>, key: string): T | undefined {
  return Object.hasOwn(table, key) ? table[key] : undefined;
}
