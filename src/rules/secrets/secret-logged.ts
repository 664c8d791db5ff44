import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { calleePath, envVarRead, memberPath, moduleConstants, propertyName } from '../../engine/ast-utils.js';
import { defineAstRule } from '../../engine/rule.js';
import { shorten } from '../../routes/ast.js';
import type { AstNode } from '../../parse/types.js';
import { bare, enclosingFunction, walk } from '../access-control/ast-helpers.js';
import { secretEnvName } from '../client-exposure/env-names.js';
import { developmentOnly } from '../development-branch.js';

/**
 * A secret from the environment written to the logs (CWE-532): `console.log('key', process.env.STRIPE_SECRET_KEY)`,
 * `` logger.info(`secret ${process.env.JWT_SECRET}`) ``, a local holding it, or the whole `process.env`. Hosting
 * dashboards, log drains and error trackers keep logs and show them to everyone on the project. Left out: what only
 * says whether it is set or what kind it is (`!!process.env.X`, `.length`, `.startsWith('sk_test_')`, a comparison),
 * settings that are not secrets, and development-only branches.
 */

/** Logging calls: the console, and the loggers apps make (`logger`, pino's and Fastify's `log`, NestJS's `this.logger`). */
const LOG_CALL = /^(?:console|logger|log|this\.logger|this\.log|fastify\.log|app\.log|server\.log|req\.log|request\.log|ctx\.log|c\.var\.logger)\.(?:log|info|debug|warn|error|trace|dir|table|fatal|verbose)$/;
/** Methods of a string that tell something about it without giving it away. */
const TELLS_ABOUT = /^(?:startsWith|endsWith|includes|match|test|indexOf)$/;
/** Showing the first few characters, as key prefixes do (`sk_live_`). */
const MAX_PREFIX = 8;

export const secretLogged = defineAstRule({
  id: 'secret-logged',
  messageIds: ['secret', 'wholeEnv'],
  appliesTo: { roles: ['server', 'shared'] },
  triggers: ['process.env', 'Deno.env', 'Bun.env', 'import.meta.env'],
  create({ file, report }) {
    // The locals holding secrets, by function (top level: undefined), found once however many calls log.
    const localsByFunction = new Map<AstNode | undefined, Map<string, string>>();
    const localsOf = (call: AstNode) => {
      const fn = enclosingFunction(call) as AstNode | undefined;
      let locals = localsByFunction.get(fn);
      if (!locals) localsByFunction.set(fn, (locals = localSecrets(fn, file.ast)));
      return locals;
    };
    return {
      CallExpression(node) {
        if (!LOG_CALL.test(calleePath(node) ?? '')) return;
        for (const arg of node.arguments) {
          const leak = leakedIn(arg as AstNode, localsOf(node));
          if (!leak) continue;
          if (developmentOnly(node, file.text)) return;
          if (leak.whole) report({ messageId: 'wholeEnv', node, data: { code: shorten(file.text.slice(node.range[0], node.range[1]), 80) } });
          else report({ messageId: 'secret', node, data: { name: leak.name, what: leak.what, code: shorten(file.text.slice(node.range[0], node.range[1]), 80) } });
          return;
        }
      },
    };
  },
});

/** The secret environment variable whose value this logged argument carries (or the whole environment). */
function leakedIn(arg: AstNode, locals: ReadonlyMap<string, string>): { name: string; what: string; whole?: false } | { whole: true } | undefined {
  let found: { name: string; what: string } | { whole: true } | undefined;
  walk(arg, (n) => {
    if (found) return false;
    // `process.env` itself, logged whole (not a member of it, which is read below).
    if ((memberPath(n) === 'process.env' || memberPath(n) === 'Bun.env') && !(n.parent?.type === 'MemberExpression' && n.parent.object === n)) {
      if (passesValue(n, arg)) found = { whole: true };
      return false;
    }
    const name = envVarRead(n) ?? (n.type === 'Identifier' && !isPropertyKey(n) ? locals.get(n.name) : undefined);
    if (!name) return undefined;
    const secret = secretEnvName(name);
    if (secret && passesValue(n, arg)) found = { name, what: secret.what };
    return false;
  });
  return found;
}

/**
 * Whether the value at `node` reaches the logged argument `top` as it is: through templates, concatenation, `||`, a
 * `String()` or `JSON.stringify`, an object or array; not through `!`, `typeof`, `Boolean()`, a comparison, a
 * `.length` or `.startsWith(…)`, a ternary's test, or a short prefix (`.slice(0, 7)`).
 */
function passesValue(node: AstNode, top: AstNode): boolean {
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
      case 'CallExpression': {
        const callee = calleePath(cur) ?? '';
        // (`Object.keys(process.env)` lists the names, not the values.)
        if (callee === 'Boolean' || callee === 'Number' || callee === 'Object.keys' || /(?:^|\.)(?:has|includes)$/.test(callee)) return false;
        break;
      }
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

/** Locals (of a function, and top-level constants) holding an environment variable: `const key = process.env.OPENAI_API_KEY`. */
function localSecrets(fn: AstNode | undefined, program: TSESTree.Program | undefined): Map<string, string> {
  const out = new Map<string, string>();
  const note = (name: string, init: AstNode | null | undefined) => {
    const v = bare(init);
    const read = v && (envVarRead(v) ?? (v.type === 'LogicalExpression' ? envVarRead(bare(v.left as AstNode) as AstNode) : undefined));
    if (read) out.set(name, read);
  };
  for (const [name, init] of moduleConstants(program)) note(name, init);
  if (fn) {
    walk(fn, (n) => {
      if (n.type === 'VariableDeclarator' && n.id.type === 'Identifier') note(n.id.name, n.init as AstNode | null);
    });
  }
  return out;
}

function isPropertyKey(node: AstNode): boolean {
  const p = node.parent;
  return (p?.type === 'Property' && p.key === node && !p.shorthand) || (p?.type === 'MemberExpression' && p.property === node && !p.computed);
}

