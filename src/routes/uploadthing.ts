import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { propertyName } from '../engine/ast-utils.js';
import type { AstNode, Program } from '../parse/types.js';
import type { ImportBinding } from '../dataflow/modules.js';
import { analyzeFunction } from './auth.js';
import { isFunction, shorten, textOf, topLevelFunctions, unwrap, walk, type FunctionNode } from './ast.js';
import type { DirectEntry, FunctionFacts } from './types.js';

/** A file that may define UploadThing's file routes. */
export const MAY_HOLD_UPLOADTHING = /createUploadthing/;

/**
 * UploadThing's file routes: `imageUploader: f({ image: { maxFileSize: '4MB' } }).middleware(…).onUploadComplete(…)`,
 * where `f = createUploadthing()`. Each is an endpoint (`POST /api/uploadthing?slug=imageUploader`) that lets a
 * browser upload files to the app's storage. Its `middleware` decides who may: it throws for a caller it turns away,
 * and what it returns is the upload's metadata. A route without one takes uploads from anyone. What
 * `onUploadComplete` does runs after the upload, for whoever uploaded.
 */
export function collectUploadThing(ast: Program, text: string, file: string, imports: ReadonlyMap<string, ImportBinding>): DirectEntry[] {
  const builders = new Set<string>();
  for (const [name, b] of imports) if (b.imported === 'createUploadthing' && b.source.startsWith('uploadthing')) builders.add(name);
  if (!builders.size) return [];
  const makers = new Set<string>();
  const stubs = userStubs(ast);
  const out: DirectEntry[] = [];
  walk(ast as unknown as AstNode, (n) => {
    // `const f = createUploadthing()`
    if (n.type === 'VariableDeclarator' && n.id.type === 'Identifier' && n.init?.type === 'CallExpression' && n.init.callee.type === 'Identifier' && builders.has(n.init.callee.name)) makers.add(n.id.name);
    if (n.type !== 'Property' || n.value.type !== 'CallExpression') return undefined;
    const route = fileRoute(n.value, makers);
    const slug = propertyName(n);
    if (!route || !slug) return undefined;
    const middleware = route.middleware && analyzeFunction(route.middleware, text, file, `${slug} middleware`);
    const complete = route.complete && analyzeFunction(route.complete, text, file, `${slug} onUploadComplete`);
    const upload = { kind: 'write' as const, target: 'storage:uploadthing', userData: false, roleWrite: false, file, line: n.loc.start.line, code: shorten(textOf(text, route.root)) };
    // Checks made after the upload do not stop it: the route is judged by its middleware alone.
    const base: FunctionFacts = middleware ?? { ...complete!, auth: undefined, role: undefined };
    const handler: FunctionFacts = { ...base, touches: [upload, ...base.touches, ...(middleware && complete ? complete.touches : [])] };
    const entry: DirectEntry = { method: 'POST', path: `/api/uploadthing?slug=${slug}`, line: n.loc.start.line, framework: 'uploadthing', handler, middleware: [] };
    // UploadThing's template ships `const auth = (req) => ({ id: 'fakeId' })` for the app to replace.
    const stub = route.middleware && stubCalled(route.middleware, stubs);
    if (stub) {
      entry.handler = { ...handler, auth: undefined };
      entry.auth = { state: 'none', evidence: { text: `\`${stub.name}\` is a placeholder that returns the same made-up user for every caller (\`${shorten(textOf(text, stub.value), 40)}\`), so the check after it passes for anyone`, file, line: stub.line } };
    }
    out.push(entry);
    return undefined;
  });
  return out;
}

interface Stub {
  name: string;
  value: AstNode;
  line: number;
}

/** Top-level functions that return a fixed object, whatever they are given: `const auth = (req) => ({ id: 'fakeId' })`. */
function userStubs(ast: Program): Map<string, Stub> {
  const out = new Map<string, Stub>();
  for (const [name, fn] of topLevelFunctions(ast.body)) addStub(out, name, fn);
  return out;
}

function addStub(out: Map<string, Stub>, name: string, fn: FunctionNode): void {
  const body = fn.body;
  const returned = body?.type === 'BlockStatement' ? (body.body.length === 1 && body.body[0].type === 'ReturnStatement' ? body.body[0].argument : undefined) : body;
  const value = returned && unwrap(returned as AstNode);
  if (value?.type !== 'ObjectExpression' || value.properties.length === 0) return;
  if (value.properties.every((p) => p.type === 'Property' && unwrap(p.value as AstNode).type === 'Literal')) out.set(name, { name, value, line: value.loc.start.line });
}

/** The stub a middleware calls, if it calls one. */
function stubCalled(fn: FunctionNode, stubs: ReadonlyMap<string, Stub>): Stub | undefined {
  let found: Stub | undefined;
  if (stubs.size) walk(fn.body as AstNode, (n) => void (n.type === 'CallExpression' && n.callee.type === 'Identifier' && (found ??= stubs.get(n.callee.name))));
  return found;
}

/** A file route's chain: the call of the route maker it starts from, its `middleware` and its `onUploadComplete`. */
function fileRoute(value: TSESTree.CallExpression, makers: ReadonlySet<string>): { root: AstNode; middleware?: FunctionNode; complete?: FunctionNode } | undefined {
  let middleware: FunctionNode | undefined;
  let complete: FunctionNode | undefined;
  let cur: AstNode = value;
  while (cur.type === 'CallExpression' && cur.callee.type === 'MemberExpression') {
    const method = propertyName(cur.callee);
    const arg = cur.arguments[0] ? unwrap(cur.arguments[0] as AstNode) : undefined;
    if (method === 'middleware' && isFunction(arg)) middleware = arg;
    if (method === 'onUploadComplete' && isFunction(arg)) complete = arg;
    cur = cur.callee.object as AstNode;
  }
  if (cur.type !== 'CallExpression' || cur.callee.type !== 'Identifier' || !makers.has(cur.callee.name)) return undefined;
  return middleware || complete ? { root: cur, middleware, complete } : undefined;
}
