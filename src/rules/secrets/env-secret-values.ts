import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { calleePath, envVarRead, memberPath, moduleConstants, propertyName } from '../../engine/ast-utils.js';
import type { AstNode } from '../../parse/types.js';
import { bare, walk } from '../access-control/ast-helpers.js';
import { secretEnvName } from '../client-exposure/env-names.js';
import { WORKER_ENV_PATH } from '../../routes/touches.js';
import { nodeMemo } from '../../parse/node-memo.js';

/**
 * Where a secret from the environment goes as it is, for the rules that ask whether one is written out (to the logs,
 * to a response): `process.env.JWT_SECRET`, a Worker's or SvelteKit's `env.OPENAI_API_KEY`, a local or module constant
 * holding one, or the whole `process.env`; not what only says whether it is set or what kind it is.
 */

export type EnvSecret = { name: string; what: string; whole?: false } | { whole: true };

/** Methods of a string that tell something about it without giving it away. */
const TELLS_ABOUT = /^(?:startsWith|endsWith|includes|match|test|indexOf)$/;
/** Calls that give their argument back as text or as a copy. */
const PASSES_THROUGH = /^(?:String|JSON\.stringify|(?:util\.)?inspect|encodeURI(?:Component)?|btoa|Buffer\.from|Object\.(?:entries|values|assign|fromEntries)|structuredClone|\w+\.concat)$/;
/** Showing the first few characters, as key prefixes do (`sk_live_`). */
const MAX_PREFIX = 8;
/** The environment a Worker, Hono, Astro or SvelteKit handler is given (the routes' own pattern): `env`, `c.env`. */
const BOUND_ENV = new RegExp(`^(?:${WORKER_ENV_PATH})$`);
/** Modules that export environment variables by name (SvelteKit). */
const ENV_MODULE = /^\$env\/(?:static|dynamic)\/private$/;

/** The environment variable a node reads: `process.env.X`, `Deno.env.get('X')`, or a bound environment's `env.X`. */
function envRead(node: AstNode): string | undefined {
  const read = envVarRead(node);
  if (read) return read;
  return node.type === 'MemberExpression' && !node.computed && BOUND_ENV.test(memberPath(node.object as AstNode) ?? '') ? propertyName(node) : undefined;
}

/**
 * The secret environment variable whose value `arg` carries (or the whole environment), as it is. `localOf` names the
 * environment variable a local or constant holds (from `envSecretLocals`).
 */
export function envSecretIn(arg: AstNode, localOf: (name: string) => string | undefined): EnvSecret | undefined {
  let found: EnvSecret | undefined;
  walk(arg, (n) => {
    if (found) return false;
    // `process.env` itself, written whole (not a member of it, which is read below).
    if ((memberPath(n) === 'process.env' || memberPath(n) === 'Bun.env') && !(n.parent?.type === 'MemberExpression' && n.parent.object === n)) {
      if (passesValue(n, arg)) found = { whole: true };
      return false;
    }
    const name = envRead(n) ?? (n.type === 'Identifier' && !isPropertyKey(n) ? localOf(n.name) : undefined);
    if (!name) return undefined;
    const secret = secretEnvName(name);
    if (secret && passesValue(n, arg)) found = { name, what: secret.what };
    return false;
  });
  return found;
}

/**
 * Whether the value at `node` reaches `top` as it is: through templates, concatenation, `||`, a `String()` or
 * `JSON.stringify`, an object or array; not through `!`, `typeof`, `Boolean()`, a comparison, a `.length` or
 * `.startsWith(…)`, a ternary's test, a call that uses it (`new Stripe(key)`, `fetch(url, { headers })`), or a short
 * prefix (`.slice(0, 7)`).
 */
export function passesValue(node: AstNode, top: AstNode): boolean {
  for (let child = node, cur = node.parent as AstNode | undefined; cur && child !== top; child = cur, cur = cur.parent as AstNode | undefined) {
    switch (cur.type) {
      case 'UnaryExpression':
        return false;
      case 'BinaryExpression':
        if (cur.operator !== '+') return false;
        break;
      case 'ConditionalExpression':
        if (cur.test === child) return false;
        break;
      case 'MemberExpression': {
        if (cur.object !== child) return false;
        const prop = propertyName(cur) ?? '';
        const call = cur.parent?.type === 'CallExpression' && cur.parent.callee === cur ? cur.parent : undefined;
        if (prop === 'length' || TELLS_ABOUT.test(prop)) return false;
        if (call && /^(?:slice|substring|substr)$/.test(prop) && shortPrefix(call)) return false;
        break;
      }
      case 'CallExpression':
        // A method of the value (`key.trim()`) was judged as a member above; as an argument, it passes only through
        // calls that give it back as text (`JSON.stringify(…)`, `String(…)`), not through one that uses it
        // (`fetch(url, { headers: { Authorization: key } })`, `Boolean(key)`, `Object.keys(process.env)`).
        if (cur.callee !== child && !PASSES_THROUGH.test(calleePath(cur) ?? '')) return false;
        break;
      case 'NewExpression':
        return false;
      default:
        break;
    }
  }
  return true;
}

/** `.slice(0, 7)`, `.substring(0, 4)`: the first few characters only. */
function shortPrefix(call: TSESTree.CallExpression): boolean {
  const [start, end] = call.arguments.map((a) => bare(a as AstNode));
  const n = (x: AstNode | undefined) => (x?.type === 'Literal' && typeof x.value === 'number' ? x.value : undefined);
  const from = n(start);
  const to = n(end);
  return from === 0 && to !== undefined && to <= MAX_PREFIX;
}

/**
 * Locals of a function, module constants and imports holding an environment variable, by the variable they hold:
 * `const key = process.env.OPENAI_API_KEY`, `const { STRIPE_SECRET_KEY } = process.env`,
 * `import { OPENAI_API_KEY } from '$env/static/private'`.
 */
export function envSecretLocals(fn: AstNode | undefined, program: TSESTree.Program | undefined): ReadonlyMap<string, string> {
  // Asked by both rules that use it, of the same functions: worked out once per function (or file).
  const at = (fn ?? program) as AstNode | undefined;
  const known = at && localsMemo.get(at);
  if (known) return known;
  const out = new Map<string, string>();
  const note = (name: string, init: AstNode | null | undefined) => {
    const v = bare(init);
    const read = v && (envRead(v) ?? (v.type === 'LogicalExpression' ? envRead(bare(v.left as AstNode) as AstNode) : undefined));
    if (read) out.set(name, read);
  };
  const declared = (n: AstNode) => {
    if (n.type !== 'VariableDeclarator') return;
    if (n.id.type === 'Identifier') note(n.id.name, n.init as AstNode | null);
    else if (n.id.type === 'ObjectPattern' && isEnvObject(bare(n.init as AstNode | null))) {
      for (const p of n.id.properties) {
        const key = p.type === 'Property' ? propertyName(p) : undefined;
        const value = p.type === 'Property' ? (p.value.type === 'AssignmentPattern' ? p.value.left : p.value) : undefined;
        if (key && value?.type === 'Identifier') out.set(value.name, key);
      }
    }
  };
  for (const [name, init] of moduleConstants(program)) note(name, init);
  for (const statement of program?.body ?? []) {
    if (statement.type === 'VariableDeclaration') for (const d of statement.declarations) declared(d as AstNode);
    else if (statement.type === 'ImportDeclaration' && ENV_MODULE.test(statement.source.value)) {
      for (const s of statement.specifiers) if (s.type === 'ImportSpecifier') out.set(s.local.name, s.imported.type === 'Identifier' ? s.imported.name : s.imported.value);
    }
  }
  if (fn) walk(fn, (n) => declared(n));
  return at ? localsMemo.set(at, out) : out;
}

const localsMemo = nodeMemo<AstNode, Map<string, string>>('environment locals');
const boundMemo = nodeMemo<AstNode, Set<string>>('names bound from the environment');

const BOUND_FROM_ENV = /\b([\w$]+)\s*=\s*(?:process\.env|Deno\.env|Bun\.env|import\.meta\.env|(?:[\w$]+\.)*env)\b|\{([^{}]*)\}\s*=\s*(?:process\.env|Bun\.env|import\.meta\.env|(?:[\w$]+\.)*env)\b|import\s*\{([^{}]*)\}\s*from\s*['"]\$env\//g;

/**
 * Names a file may bind to an environment variable (`const key = process.env.X`, `const { X } = c.env`, an import from
 * `$env/static/private`), read from its text once per file: a cheap first test before the locals of a function are looked up.
 */
export function envBoundNames(text: string, program: TSESTree.Program | undefined): ReadonlySet<string> {
  const known = program && boundMemo.get(program as AstNode);
  if (known) return known;
  const out = new Set<string>();
  for (const m of text.matchAll(BOUND_FROM_ENV)) {
    if (m[1]) out.add(m[1]);
    for (const list of [m[2], m[3]]) if (list) for (const part of list.split(',')) for (const w of part.match(/[\w$]+/g) ?? []) out.add(w);
  }
  return program ? boundMemo.set(program as AstNode, out) : out;
}

function isEnvObject(node: AstNode | undefined): boolean {
  if (!node) return false;
  const path = memberPath(node) ?? '';
  return path === 'process.env' || path === 'Bun.env' || path === 'import.meta.env' || BOUND_ENV.test(path);
}

function isPropertyKey(node: AstNode): boolean {
  const p = node.parent;
  return (p?.type === 'Property' && p.key === node && !p.shorthand) || (p?.type === 'MemberExpression' && p.property === node && !p.computed);
}
