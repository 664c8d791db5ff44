import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { memberPath, moduleConstants, objectProperty, staticString } from '../engine/ast-utils.js';
import type { AstNode, Program } from '../parse/types.js';
import { analyzeFunction } from './auth.js';
import { isFunction, shorten, textOf, unwrap, walk } from './ast.js';
import type { DirectEntry, Evidence } from './types.js';

/** A file of a hapi package that may hold route objects (`{ method: 'GET', path: '/users', handler }`) or set the default strategy. */
export const MAY_HOLD_HAPI = /\bpath\s*:|auth\.default\s*\(/;
/** A file that sets hapi's default auth strategy. */
export const HAPI_DEFAULT_AUTH = /\.auth\.default\s*\(/;

/**
 * hapi's routes: route objects (`{ method: 'GET', path: '/users/{id}', handler, options: { auth } }`) given to
 * `server.route(…)` or exported as an array a plugin or a route loader registers. Who may call one is its `auth`
 * option (`false` lets anyone in; a strategy name or `{ strategy, mode }` asks for credentials, unless the mode is
 * `optional` or `try`), else the server's default strategy (`server.auth.default('jwt')`), which the linker finds in
 * the package (`defaultAuth`).
 */
export function collectHapi(ast: Program, text: string, file: string): { entries: DirectEntry[]; defaultAuth?: Evidence } {
  const entries: DirectEntry[] = [];
  const constants = moduleConstants(ast);
  let defaultAuth: Evidence | undefined;
  walk(ast as unknown as AstNode, (n) => {
    if (n.type === 'CallExpression' && /(?:^|\.)auth\.default$/.test(memberPath(n.callee as AstNode) ?? '') && n.arguments.length) {
      defaultAuth ??= { text: `\`${shorten(textOf(text, n), 60)}\` makes every route ask for credentials unless it says otherwise`, file, line: n.loc.start.line };
    }
    if (n.type !== 'ObjectExpression') return undefined;
    const entry = routeOf(n, text, file, constants);
    if (entry) entries.push(entry);
    return undefined;
  });
  return { entries, defaultAuth };
}

/** A route object, as an entry: its methods, its path in hapi's `{param}` form, its handler and its own `auth` option. */
function routeOf(node: TSESTree.ObjectExpression, text: string, file: string, constants: ReadonlyMap<string, AstNode>): DirectEntry | undefined {
  const path = pathOf(objectProperty(node, 'path')?.value as AstNode | undefined, constants);
  const methodValue = objectProperty(node, 'method')?.value as AstNode | undefined;
  const methods = methodValue?.type === 'ArrayExpression' ? methodValue.elements.map((e) => staticString(e as AstNode)) : [staticString(methodValue)];
  if (!path || !methods.length || methods.some((m) => !m || !/^(?:GET|POST|PUT|PATCH|DELETE|OPTIONS|HEAD|\*)$/i.test(m))) return undefined;
  const options = [objectProperty(node, 'options'), objectProperty(node, 'config')].map((p) => (p ? unwrap(p.value as AstNode) : undefined)).find((v): v is TSESTree.ObjectExpression => v?.type === 'ObjectExpression');
  const handlerNode = (objectProperty(node, 'handler') ?? (options && objectProperty(options, 'handler')))?.value as AstNode | undefined;
  if (!handlerNode) return undefined;
  const handler = unwrap(handlerNode);
  const method = methods.map((m) => (m === '*' ? 'ANY' : m!.toUpperCase())).join('|');
  const line = node.loc.start.line;
  const facts = isFunction(handler) ? analyzeFunction(handler, text, file, `${method} ${path}`) : { file, startLine: line, endLine: node.loc.end.line, touches: [], calls: [] };
  const entry: DirectEntry = { method, path: path.replace(/\{(\w+)(?:\?|\*\d*)?\}/g, ':$1'), line, framework: 'hapi', handler: facts, middleware: [] };
  if (!isFunction(handler)) entry.handlerRef = memberPath(handler);
  const auth = options && objectProperty(options, 'auth');
  if (auth) {
    const value = unwrap(auth.value as AstNode);
    const mode = value.type === 'ObjectExpression' ? staticString(objectProperty(value, 'mode')?.value as AstNode | undefined) : undefined;
    const evidence = { text: `\`auth: ${shorten(textOf(text, value), 50)}\``, file, line: auth.loc.start.line };
    // Deliberately public, as NestJS's `@Public()`.
    if (value.type === 'Literal' && value.value === false) {
      entry.auth = { state: 'none', evidence: { ...evidence, text: `${evidence.text} lets anyone call it` } };
      entry.publicBy = `marked \`auth: false\` (${file}:${auth.loc.start.line})`;
    }
    else if (mode === 'optional' || mode === 'try') entry.auth = { state: 'none', evidence: { ...evidence, text: `${evidence.text} lets visitors without credentials through` } };
    else entry.auth = { state: 'required', evidence };
  }
  return entry;
}

/** A route's path: a string, or a template of the file's string constants (`${basePath}/{id}`), starting with `/`. */
function pathOf(node: AstNode | undefined, constants: ReadonlyMap<string, AstNode>): string | undefined {
  let value = node && staticString(node.type === 'Identifier' ? constants.get(node.name) : node);
  if (value === undefined && node?.type === 'TemplateLiteral') {
    const parts = node.expressions.map((e) => (e.type === 'Identifier' ? staticString(constants.get(e.name)) : undefined));
    if (parts.every((p) => p !== undefined)) value = node.quasis.map((q, i) => `${q.value.cooked}${parts[i] ?? ''}`).join('');
  }
  return value?.startsWith('/') ? value : undefined;
}
