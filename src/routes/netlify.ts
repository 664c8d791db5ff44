import { memberPath, propertyName, staticString } from '../engine/ast-utils.js';
import type { AstNode, Program } from '../parse/types.js';
import { analyzeFunction } from './auth.js';
import { isFunction, topLevelFunctions } from './ast.js';
import { propertyValue } from './filters.js';
import { methodsCompared } from './nextjs.js';
import type { DirectEntry } from './types.js';

/**
 * A Netlify function's name from its path: `netlify/functions/checkout.ts`, `netlify/functions/checkout/index.ts`
 * or `…/checkout/checkout.ts`, and edge functions in `netlify/edge-functions/`. Helpers beside them (`utils/db.ts`,
 * `_shared.ts`) are not functions.
 */
export function netlifyFunctionName(path: string): { name: string; edge: boolean } | undefined {
  const m = /(?:^|\/)netlify\/(edge-)?functions\/(?:([^/_][^/]*?)\.[cm]?[jt]sx?|([^/_][^/]*)\/(?:index|([^/]+))\.[cm]?[jt]sx?)$/.exec(path);
  if (!m) return undefined;
  const name = m[2] ?? m[3];
  if (m[4] !== undefined && m[4] !== name) return undefined;
  return { name, edge: !!m[1] };
}

/**
 * Netlify Functions: the Lambda-style `handler` export (`exports.handler = async (event, context) => …`, its body
 * in `event.body`), the Web-style default export (`export default async (req: Request, context) => …`) with the
 * path its `config` export may set, and edge functions. A `schedule(…)` handler runs on a timer: listed, never
 * reported as a route.
 */
export function collectNetlify(ast: Program, text: string, file: string): DirectEntry[] {
  const fn = netlifyFunctionName(file);
  if (!fn) return [];
  const entries: DirectEntry[] = [];
  const locals = topLevelFunctions(ast.body);
  // Netlify's in-code configuration: `export const config = { path: '/api/notes' }`.
  let configPath: string | undefined;
  for (const stmt of ast.body) {
    const d = stmt.type === 'ExportNamedDeclaration' && stmt.declaration?.type === 'VariableDeclaration' ? stmt.declaration.declarations.find((v) => v.id.type === 'Identifier' && v.id.name === 'config') : undefined;
    if (d?.init?.type === 'ObjectExpression') configPath = staticString(propertyValue(d.init, 'path'));
  }
  const defaultPath = fn.edge ? `/.netlify/edge-functions/${fn.name}` : `/.netlify/functions/${fn.name}`;
  const add = (value: AstNode | null | undefined, line: number) => {
    if (!value) return;
    // `schedule('@daily', fn)` from @netlify/functions; other wrappers (`withAuth(fn)`) keep their name as middleware.
    const wrapper = value.type === 'CallExpression' ? memberPath(value.callee as AstNode) : undefined;
    const target = isFunction(value) ? value : value.type === 'Identifier' ? locals.get(value.name) : value.type === 'CallExpression' ? (value.arguments.find((a) => isFunction(a as AstNode) || (a.type === 'Identifier' && locals.has(a.name))) as AstNode | undefined) : undefined;
    const handler = target && (isFunction(target) ? target : target.type === 'Identifier' ? locals.get(target.name) : undefined);
    if (!handler) return;
    const scheduled = wrapper === 'schedule';
    const methods = methodsCompared(handler, text);
    const method = methods.length > 1 ? methods.filter((m) => m !== 'OPTIONS').join('|') : methods[0] ?? 'ANY';
    entries.push({
      method: scheduled ? 'JOB' : method,
      path: configPath ?? defaultPath,
      line,
      framework: fn.edge ? 'netlify-edge' : 'netlify',
      handler: analyzeFunction(handler, text, file, fn.name),
      middleware: wrapper && !scheduled ? [wrapper] : [],
      ...(scheduled ? { trigger: true, auth: { state: 'required' as const, evidence: { text: 'a scheduled function: Netlify runs it on its timer', file, line } } } : {}),
    });
  };
  for (const stmt of ast.body) {
    if (stmt.type === 'ExportDefaultDeclaration') add(stmt.declaration as AstNode, stmt.loc.start.line);
    if (stmt.type === 'ExportNamedDeclaration') {
      const d = stmt.declaration;
      if (d?.type === 'FunctionDeclaration' && d.id?.name === 'handler') add(d, d.loc.start.line);
      if (d?.type === 'VariableDeclaration') for (const v of d.declarations) if (v.id.type === 'Identifier' && v.id.name === 'handler') add(v.init as AstNode, v.loc.start.line);
      for (const s of stmt.specifiers) if ((s.exported.type === 'Identifier' ? s.exported.name : String(s.exported.value)) === 'handler' && s.local.type === 'Identifier') add(s.local as AstNode, s.loc.start.line);
    }
    // CommonJS: `exports.handler = …`, `module.exports.handler = …`, `module.exports = { handler }`.
    if (stmt.type === 'ExpressionStatement' && stmt.expression.type === 'AssignmentExpression') {
      const left = memberPath(stmt.expression.left as AstNode) ?? '';
      const right = stmt.expression.right as AstNode;
      if (/^(?:module\.)?exports\.handler$/.test(left)) add(right, stmt.loc.start.line);
      else if (left === 'module.exports' && right.type === 'ObjectExpression') {
        for (const p of right.properties) if (p.type === 'Property' && propertyName(p) === 'handler') add(p.value as AstNode, p.loc.start.line);
      } else if (left === 'module.exports' && isFunction(right)) add(right, stmt.loc.start.line);
    }
  }
  return entries;
}
