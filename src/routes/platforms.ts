import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { memberPath, staticString } from '../engine/ast-utils.js';
import type { AstNode, Program } from '../parse/types.js';
import { analyzeFunction } from './auth.js';
import { chainOf, chainText, isFunction, walk, type FunctionNode } from './ast.js';
import type { DirectEntry } from './types.js';

const PARSE_TRIGGERS = /^(before|after)(Save|Delete|Find|Login|Logout|SaveFile|DeleteFile|Connect|Subscribe|LiveQueryEvent|PasswordResetRequest)$/;

/** Supabase Edge Functions, Parse Cloud functions, triggers and jobs, Firebase `onRequest` / `onCall`. */
export function collectPlatforms(ast: Program, text: string, file: string, rel: string): DirectEntry[] {
  const entries: DirectEntry[] = [];
  const edge = /(?:^|\/)supabase\/functions\/([^/_][^/]*)\/index\.[cm]?[jt]sx?$/.exec(rel);
  walk(ast, (node, ancestors) => {
    if (node.type !== 'CallExpression') return;
    const callee = memberPath(node.callee as AstNode) ?? '';
    const fn = node.arguments.find((a) => isFunction(a as AstNode)) as FunctionNode | undefined;
    if (edge && (callee === 'serve' || callee === 'Deno.serve') && fn) {
      entries.push({ method: 'ANY', path: `/functions/v1/${edge[1]}`, line: node.loc.start.line, framework: 'supabase-edge', handler: analyzeFunction(fn, text, file, edge[1]), middleware: [] });
      return;
    }
    const parse = /^Parse\.Cloud\.(\w+)$/.exec(callee);
    if (parse && fn) {
      const kind = parse[1];
      const name = staticString(node.arguments[0] as AstNode) ?? (node.arguments[0] ? text.slice(node.arguments[0].range[0], node.arguments[0].range[1]) : '?');
      const handler = analyzeFunction(fn, text, file, name);
      const line = node.loc.start.line;
      if (kind === 'define') {
        const entry: DirectEntry = { method: 'CALL', path: `/functions/${name}`, line, framework: 'parse', handler, middleware: [] };
        const opts = node.arguments[node.arguments.indexOf(fn as TSESTree.CallExpressionArgument) + 1] as AstNode | undefined;
        const optsText = opts ? text.slice(opts.range[0], opts.range[1]) : '';
        if (/requireUser\s*:\s*true/.test(optsText)) entry.auth = { state: 'required', evidence: { text: '`requireUser: true` in the validator', file, line: opts!.loc.start.line } };
        else if (/requireMaster\s*:\s*true/.test(optsText)) entry.auth = { state: 'required', evidence: { text: '`requireMaster: true`: only the master key may call it', file, line: opts!.loc.start.line } };
        if (/requireAnyUserRoles|requireAllUserRoles/.test(optsText)) entry.role = { text: 'validator requires user roles', file, line: opts!.loc.start.line };
        entries.push(entry);
      } else if (kind === 'job') {
        entries.push({ method: 'JOB', path: `/jobs/${name}`, line, framework: 'parse', handler, middleware: [], trigger: true, auth: { state: 'required', evidence: { text: 'Parse Cloud jobs start only with the master key', file, line } } });
      } else if (PARSE_TRIGGERS.test(kind)) {
        entries.push({ method: 'TRIGGER', path: `${kind} ${name}`, line, framework: 'parse', handler, middleware: [], trigger: true });
      }
      return;
    }
    // `functions.https.onCall(…)`, and with options chained before it: `functions.region('europe-west1').https.onCall(…)`.
    const path = callee || chainText(chainOf(node.callee as AstNode));
    const firebase = /(^|\.)(onRequest|onCall)$/.exec(path);
    if (firebase && fn && (/https/.test(path) || path === 'onRequest' || path === 'onCall' || httpsNamespace(path, text))) {
      const name = exportName(ancestors) ?? `${firebase[2]}@${node.loc.start.line}`;
      // A callable's data is the client's: `(data, context)` in the first API; the second's `(request)` has `request.data`.
      const callable = firebase[2] === 'onCall' && fn.params.length >= 2;
      entries.push({ method: firebase[2] === 'onCall' ? 'CALL' : 'ANY', path: `/${name}`, line: node.loc.start.line, framework: 'firebase-functions', handler: analyzeFunction(fn, text, file, name, callable ? { clientParams: 'first' } : {}), middleware: [] });
    } else if (firebase && (/https/.test(path) || httpsNamespace(path, text))) {
      // A handler written elsewhere: `functions.https.onRequest(webHookHandler)` with the function imported. (Not an
      // Express app, whose routes are read where they are registered.)
      const ref = node.arguments[node.arguments.length - 1] as AstNode | undefined;
      if (ref?.type !== 'Identifier' || MADE_APP.test(text) && new RegExp(`\\b${ref.name.replace(/\$/g, '\\$')}\\s*=\\s*(?:express|fastify|new\\s+Koa|Koa|new\\s+Hono)\\b`).test(text)) return;
      const name = exportName(ancestors) ?? `${firebase[2]}@${node.loc.start.line}`;
      const line = node.loc.start.line;
      entries.push({ method: firebase[2] === 'onCall' ? 'CALL' : 'ANY', path: `/${name}`, line, framework: 'firebase-functions', handler: { file, startLine: line, endLine: line, touches: [], calls: [] }, handlerRef: ref.name, middleware: [] });
    }
  });
  return entries;
}

/** A server app made in the file (`const app = express()`), which `onRequest(app)` serves. */
const MADE_APP = /\b(?:express|fastify|Koa|Hono)\b/;

/** `functions.onCall` with `import * as functions from 'firebase-functions/v2/https'` (or its `require`). */
function httpsNamespace(path: string, text: string): boolean {
  const root = /^([A-Za-z_$][\w$]*)\.on(?:Call|Request)$/.exec(path)?.[1];
  return !!root && new RegExp(`\\b${root.replace(/\$/g, '\\$')}\\b[^;\\n]{0,80}['"]firebase-functions(?:/v\\d)?/https['"]`).test(text);
}

/** `exports.sendInvite = …`, `export const sendInvite = …`. */
function exportName(ancestors: AstNode[]): string | undefined {
  for (let i = ancestors.length - 1; i >= 0; i--) {
    const a = ancestors[i];
    if (a.type === 'AssignmentExpression') {
      const path = memberPath(a.left as AstNode) ?? '';
      const m = /^(?:module\.)?exports\.(\w+)$/.exec(path);
      if (m) return m[1];
    }
    if (a.type === 'VariableDeclarator' && a.id.type === 'Identifier') return a.id.name;
  }
  return undefined;
}
