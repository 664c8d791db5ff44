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

/**
 * What the text a regular expression matches is safe for, judged by the characters it can match, as a whole (index 0
 * of the match) and by capture group (1, 2, …): `/class\s+(\w+)/` gives back words and spaces, its group words only,
 * whatever the input was. A pattern with a wildcard, a negated class, a lookaround or an escape it cannot read gives nothing.
 */
export function matchedTextKinds(pattern: string): { whole: SinkKind[]; groups: SinkKind[][] } | undefined {
  const whole = new Set<string>();
  const groups: Set<string>[] = [];
  const open: Set<string>[] = [];
  const add = (chars: string) => {
    for (const c of chars) {
      const ch = /\w/.test(c) ? 'w' : c;
      whole.add(ch);
      for (const g of open) g.add(ch);
    }
  };
  let at = 0;
  while (at < pattern.length) {
    const ch = pattern[at];
    if (ch === '\\') {
      const chars = escapedChars(pattern[at + 1] ?? '');
      if (chars === undefined) return undefined;
      add(chars);
      at += 2;
    } else if (ch === '[') {
      const end = classEnd(pattern, at);
      const chars = end === undefined ? undefined : classChars(pattern.slice(at + 1, end));
      if (chars === undefined) return undefined;
      add(chars);
      at = end! + 1;
    } else if (ch === '(') {
      const group = /^\((?:\?:|\?<[A-Za-z_]\w*>)?/.exec(pattern.slice(at))![0];
      if (pattern[at + 1] === '?' && group === '(') return undefined;
      const g = new Set<string>();
      if (group !== '(?:') groups.push(g);
      open.push(g);
      at += group.length;
    } else if (ch === ')') {
      open.pop();
      at++;
    } else if (ch === '{') {
      const quantifier = /^\{\d+(?:,\d*)?\}/.exec(pattern.slice(at));
      if (!quantifier) return undefined;
      at += quantifier[0].length;
    } else if (ch === '.') return undefined;
    else {
      if (!'^$|*+?'.includes(ch)) add(ch);
      at++;
    }
  }
  return { whole: kindsOfChars(whole), groups: groups.map(kindsOfChars) };
}

/**
 * The characters an escape (a backslash, then `x`) matches: `w` standing for all word characters; undefined for
 * classes too wide to judge (`S`, `p{…}`) and for references (`1`, `k<name>`).
 */
function escapedChars(x: string): string | undefined {
  if (x === 'w' || x === 'd') return 'w';
  if (x === 's' || x === 'n' || x === 'r' || x === 't' || x === 'f' || x === 'v') return ' ';
  if (x === 'b' || x === 'B') return '';
  return x && !/\w/.test(x) ? x : undefined;
}

/** The index of the `]` closing the class opened at `start`. */
function classEnd(pattern: string, start: number): number | undefined {
  for (let i = start + 1; i < pattern.length; i++) {
    if (pattern[i] === '\\') i++;
    else if (pattern[i] === ']') return i;
  }
  return undefined;
}

/** The characters a class matches (its inside given), or undefined for a negated class or a range beyond letters and digits. */
function classChars(inner: string): string | undefined {
  if (inner.startsWith('^')) return undefined;
  let chars = '';
  for (let i = 0; i < inner.length; i++) {
    let ch = inner[i];
    if (ch === '\\') {
      const escaped = escapedChars(inner[++i] ?? '');
      if (escaped === undefined) return undefined;
      ch = escaped;
    } else if (inner[i + 1] === '-' && i + 2 < inner.length) {
      if (!/^(?:[a-z]-[a-z]|[A-Z]-[A-Z]|[0-9]-[0-9])$/.test(inner.slice(i, i + 3))) return undefined;
      ch = 'w';
      i += 2;
    }
    chars += ch;
  }
  return chars;
}

/** The sink kinds text made only of these characters (`w`: word characters) cannot turn into anything but data for. */
function kindsOfChars(chars: Set<string>): SinkKind[] {
  const only = (allowed: string) => [...chars].every((ch) => allowed.includes(ch));
  const kinds: SinkKind[] = ['nosql'];
  if (!['<', '>', '"', "'", '`'].some((ch) => chars.has(ch))) kinds.push('xss');
  if (!['/', '\\', ':'].some((ch) => chars.has(ch))) kinds.push('ssrf', 'redirect');
  if (!chars.has('.') && !chars.has('\\')) kinds.push('path');
  if (![...'.*+?^${}()|[]\\'].some((ch) => chars.has(ch))) kinds.push('regex');
  if (only('w')) kinds.push('sql', 'command', 'code');
  return kinds;
}

/** A table entry by key, never an inherited `constructor` or `toString`. */
export function own<T>(table: Record<string, T>, key: string): T | undefined {
  return Object.hasOwn(table, key) ? table[key] : undefined;
}
