import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { memberPath } from '../../engine/ast-utils.js';
import { defineAstRule } from '../../engine/rule.js';
import { isScript } from '../../classify/types.js';
import { collectImports, type ImportBinding } from '../../dataflow/modules.js';
import { defineFileFact } from '../../model/facts.js';
import type { AstNode } from '../../parse/types.js';
import { enclosingFunction, methodName, variableReferences } from './ast-helpers.js';
import { shorten } from '../../routes/ast.js';

/** Libraries whose password checks return a Promise when given no callback, by module and function. */
const ASYNC_CHECKS: Record<string, ReadonlySet<string>> = {
  bcrypt: new Set(['compare']),
  bcryptjs: new Set(['compare']),
  '@node-rs/bcrypt': new Set(['compare', 'verify']),
  argon2: new Set(['verify']),
  '@node-rs/argon2': new Set(['verify']),
};

/**
 * Session lookups that return a Promise, by module and function: next-auth's `getServerSession` and `getSession`,
 * Convex Auth's `getAuthUserId`, Clerk's `currentUser`. (Clerk's `auth()` was synchronous before v6: left out.)
 */
const ASYNC_SESSIONS: Record<string, ReadonlySet<string>> = {
  'next-auth': new Set(['getServerSession']),
  'next-auth/next': new Set(['getServerSession']),
  'next-auth/react': new Set(['getSession']),
  'next-auth/client': new Set(['getSession']),
  '@convex-dev/auth/server': new Set(['getAuthUserId']),
  '@clerk/nextjs/server': new Set(['currentUser']),
  '@clerk/nextjs': new Set(['currentUser']),
};
/** Session lookups on a client that return a Promise: Convex's `ctx.auth.getUserIdentity()`, Supabase's `supabase.auth.getUser()`, better-auth's `auth.api.getSession(…)`. */
const ASYNC_SESSION_METHOD = /(?:^|\.)auth\.(?:getUserIdentity|getUser|getSession)$|(?:^|\.)auth\.api\.getSession$/;

/** Names of functions that check a password: `comparePassword`, `isValidPassword`, `verifyPassword`, `passwordMatches`. */
const CHECK_NAME = /^(?:(?:compare|verify|check|match|validate|isValid|isCorrect|correct|valid|is)\w*(?:Password|Passwd|Pwd)s?|(?:is)?(?:password|passwd|pwd)\w*(?:Match|Matches|Matched|Valid|Correct|Ok))$/i;
const NAME = '([A-Za-z_$][\\w$]*)';
/** Definitions that return a Promise: declared `async`, or returning bcrypt's or argon2's check as it is. (Bounded repeats: linear on any text.) */
const ASYNC_DEFINITIONS = [
  new RegExp(`\\basync\\s+function\\s*\\*?\\s*${NAME}\\s*\\(`, 'g'),
  new RegExp(`\\b${NAME}\\s*[:=]\\s*async\\b`, 'g'),
  new RegExp(`(?:^|[;{}\\n])\\s*(?:(?:public|private|protected|static)\\s+)*async\\s+${NAME}\\s*\\(`, 'g'),
  new RegExp(`\\b${NAME}\\s*(?:[:=]\\s*function\\s*[\\w$]*\\s*)?\\([^()]*\\)\\s*(?::[\\w<>\\s]{1,80})?\\{\\s*return\\s+(?:bcrypt|bcryptjs|argon2)\\.(?:compare|verify)\\s*\\(`, 'g'),
];
/** Definitions of the same names that return a plain boolean (`bcrypt.compareSync`), which make a name ambiguous. */
const SYNC_DEFINITION = new RegExp(`\\b${NAME}\\s*[:=]\\s*function\\b[^{]{0,200}\\{\\s*return\\s+(?:bcrypt|bcryptjs)\\.compareSync\\s*\\(|\\b${NAME}\\s*\\([^()]*\\)\\s*(?::\\s*boolean\\s*)?\\{\\s*return\\s+(?:bcrypt|bcryptjs)\\.compareSync\\s*\\(`, 'g');

/**
 * The project's own password checks that return a Promise (a Mongoose model's `comparePassword = async function`),
 * by name, less any name also defined to return a plain boolean somewhere.
 */
const asyncPasswordChecks = defineFileFact(
  'async password checks',
  (file) => {
    if (!isScript(file.language) || file.role === 'test' || file.role === 'build-output' || !/assw|Pwd/.test(file.text)) return undefined;
    const found = { async: [] as string[], sync: [] as string[] };
    for (const re of ASYNC_DEFINITIONS) for (const m of file.text.matchAll(re)) if (CHECK_NAME.test(m[1])) found.async.push(m[1]);
    for (const m of file.text.matchAll(SYNC_DEFINITION)) {
      const name = m[1] ?? m[2];
      if (name && CHECK_NAME.test(name)) found.sync.push(name);
    }
    return found.async.length || found.sync.length ? found : undefined;
  },
  (parts) => {
    const sync = new Set(parts.flatMap(([, p]) => p.sync));
    return [...new Set(parts.flatMap(([, p]) => p.async))].filter((n) => !sync.has(n)).sort();
  },
);

/** The library check a call makes (`bcrypt.compare(a, b)`, `verify(hash, pw)` from argon2), if it returns a Promise. */
function libraryCheck(call: TSESTree.CallExpression, imports: ReadonlyMap<string, ImportBinding>): string | undefined {
  // A callback means no Promise: the answer comes to it.
  if (call.arguments.length > 2) return undefined;
  const path = memberPath(call.callee as AstNode);
  if (!path) return undefined;
  const parts = path.split('.');
  const binding = imports.get(parts[0]);
  if (!binding) return undefined;
  const fn = parts.length === 1 ? binding.imported : parts.length === 2 && (binding.imported === '*' || binding.imported === 'default') ? parts[1] : undefined;
  return fn && ASYNC_CHECKS[binding.source]?.has(fn) ? path : undefined;
}

/** A session lookup that returns a Promise (`ctx.auth.getUserIdentity()`, next-auth's `getServerSession(…)`). */
function sessionLookup(call: TSESTree.CallExpression, imports: ReadonlyMap<string, ImportBinding>): string | undefined {
  const path = memberPath(call.callee as AstNode);
  if (!path) return undefined;
  if (ASYNC_SESSION_METHOD.test(path)) return path;
  const binding = path.includes('.') ? undefined : imports.get(path);
  return binding && ASYNC_SESSIONS[binding.source]?.has(binding.imported) ? path : undefined;
}

/** bcrypt's `compareSync(password, hash)`, which answers at once, as a boolean. */
function syncCheck(call: TSESTree.CallExpression, imports: ReadonlyMap<string, ImportBinding>): string | undefined {
  const path = memberPath(call.callee as AstNode);
  const parts = path?.split('.') ?? [];
  const binding = imports.get(parts[0] ?? '');
  const fn = parts.length === 1 ? binding?.imported : parts.length === 2 && (binding?.imported === '*' || binding?.imported === 'default') ? parts[1] : undefined;
  return fn === 'compareSync' && (binding?.source === 'bcrypt' || binding?.source === 'bcryptjs') ? path : undefined;
}

/**
 * The expression that reads `node` as true or false, if one does: the test of an `if`, a ternary or a loop
 * (through `&&`, `||` and `!`), or a negation anywhere.
 */
function truthTest(node: AstNode): AstNode | undefined {
  let cur = node;
  let negation: AstNode | undefined;
  for (;;) {
    const p = cur.parent;
    if (!p) return negation;
    if ((p.type === 'IfStatement' || p.type === 'ConditionalExpression' || p.type === 'WhileStatement' || p.type === 'DoWhileStatement') && p.test === cur) return cur;
    if (p.type === 'UnaryExpression' && p.operator === '!') negation = p as AstNode;
    else if (p.type !== 'LogicalExpression' && p.type !== 'ChainExpression' && p.type !== 'TSAsExpression' && p.type !== 'TSNonNullExpression') return negation;
    cur = p as AstNode;
  }
}

/**
 * A password check that returns a Promise, tested without `await`: `if (!user.comparePassword(password))` or
 * `const ok = bcrypt.compare(password, hash); if (!ok)`. A Promise is always truthy, so the check never fails
 * and any password signs in (CWE-287). The same for a session lookup (`const identity = ctx.auth.getUserIdentity();
 * if (!identity) throw …`): every caller passes as signed in. Also a check whose answer is thrown away (`await bcrypt.compare(password,
 * hash);` as a statement of its own): the code goes on whatever it answers.
 */
export const passwordCheckNotAwaited = defineAstRule({
  id: 'password-check-not-awaited',
  messageIds: ['notAwaited', 'discarded', 'sessionNotAwaited'],
  appliesTo: { roles: ['server', 'shared'] },
  triggers: [/assw|Pwd|argon2|getUserIdentity|getServerSession|getSession|getAuthUserId|currentUser|auth\.getUser/],
  create({ file, model, report }) {
    const quote = (node: AstNode) => shorten(file.text.slice(node.range[0], node.range[1]));
    let imports: ReadonlyMap<string, ImportBinding> = new Map();
    let projectChecks: ReadonlySet<string> | undefined;
    const calls: { call: TSESTree.CallExpression; label: string; session?: boolean }[] = [];
    const discarded: { call: TSESTree.CallExpression; label: string }[] = [];
    return {
      Program(node) {
        imports = collectImports(node);
      },
      CallExpression(node) {
        const awaited = node.parent?.type === 'AwaitExpression';
        const session = sessionLookup(node, imports);
        if (session) {
          if (!awaited) calls.push({ call: node, label: session, session: true });
          return;
        }
        const lib = libraryCheck(node, imports) ?? syncCheck(node, imports);
        let label = lib;
        if (!label) {
          const name = methodName(node);
          if (!name || !CHECK_NAME.test(name)) return;
          projectChecks ??= new Set(asyncPasswordChecks(model));
          if (projectChecks.has(name)) label = memberPath(node.callee as AstNode) ?? name;
        }
        if (!label) return;
        // `await bcrypt.compare(password, hash);` as a statement of its own: the answer is thrown away. (The project's own
        // checks may throw when the password is wrong: `await validatePassword(hash, password);` is one way to use them.)
        if ((awaited ? node.parent?.parent : node.parent)?.type === 'ExpressionStatement') {
          if (lib) discarded.push({ call: node, label });
        }
        // `compareSync` answers at once: testing it as it is is right.
        else if (!awaited && !syncCheck(node, imports)) calls.push({ call: node, label });
      },
      'Program:exit'() {
        for (const { call, label, session } of calls) {
          const test = truthTest(call) ?? testedThroughName(call);
          if (test) report({ messageId: session ? 'sessionNotAwaited' : 'notAwaited', node: call, data: { call: label, test: quote(test), line: test.loc.start.line } });
        }
        for (const { call, label } of discarded) report({ messageId: 'discarded', node: call, data: { call: label } });
      },
    };
  },
});

/** `const ok = check(…)` then `if (!ok)`, in the same function, with `ok` never awaited: the test that reads it. */
function testedThroughName(call: TSESTree.CallExpression): AstNode | undefined {
  const decl = call.parent;
  if (decl?.type !== 'VariableDeclarator' || decl.init !== call || decl.id.type !== 'Identifier') return undefined;
  const scope = enclosingFunction(call as AstNode);
  if (!scope) return undefined;
  let tested: AstNode | undefined;
  for (const n of variableReferences(scope.body as AstNode).get(decl.id.name) ?? []) {
    if (n === decl.id) continue;
    const p = n.parent;
    // Awaited, chained on (`.then`), returned or handed on: someone may wait for it.
    if (p?.type === 'AwaitExpression' || (p?.type === 'MemberExpression' && p.object === n) || p?.type === 'ReturnStatement' || p?.type === 'CallExpression' || p?.type === 'ArrayExpression') return undefined;
    tested ??= truthTest(n);
  }
  return tested;
}
