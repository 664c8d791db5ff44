import type { AstNode } from '../parse/types.js';
import { analyzeFunction } from './auth.js';
import { fnOfValue, unwrap, type FunctionNode } from './ast.js';
import type { NextMiddleware } from './types.js';

/** Wrappers that hand back the hook they are given: Astro's `defineMiddleware(fn)`. */
const IDENTITY_WRAPPER = /^(?:defineMiddleware)$/;

/**
 * A request hook that runs before every route of a framework (SvelteKit's `handle`, Astro's `onRequest`): a
 * function, inline or by name, `defineMiddleware(fn)`, `sequence(a, b)` or a list of them, which runs each in turn, so that a
 * check in any of them counts as the hook's.
 */
export function readHook(value: AstNode | undefined, line: number, local: ReadonlyMap<string, FunctionNode>, text: string, file: string, name: string): Omit<NextMiddleware, 'dir'> | undefined {
  let v = value && unwrap(value);
  if (v?.type === 'CallExpression' && v.callee.type === 'Identifier' && IDENTITY_WRAPPER.test(v.callee.name) && v.arguments.length === 1) v = unwrap(v.arguments[0] as AstNode);
  const fn = fnOfValue(v, local);
  if (fn) {
    const facts = analyzeFunction(fn, text, file, name);
    return { file, calls: facts.calls, facts };
  }
  // `sequence(a, b)`, or a list (Cloudflare Pages Functions' `export const onRequest = [errors, auth]`).
  const list = v?.type === 'ArrayExpression' ? v.elements : v?.type === 'CallExpression' && v.callee.type === 'Identifier' && v.callee.name === 'sequence' ? v.arguments : undefined;
  if (!list) return undefined;
  const hooks = list.flatMap((a) => (a && a.type !== 'SpreadElement' ? [a] : [])).map((a) => {
    const arg = unwrap(a as AstNode);
    const inner = arg.type === 'CallExpression' && arg.callee.type === 'Identifier' && IDENTITY_WRAPPER.test(arg.callee.name) ? unwrap(arg.arguments[0] as AstNode) : arg;
    return { arg: inner, fn: fnOfValue(inner, local) };
  });
  // (Functions of this file by name are read too: their facts are kept, so this is no second reading.)
  const read = hooks.map((h) => (h.fn ? analyzeFunction(h.fn, text, file, name) : undefined));
  // The one that turns away visitors without a sign-in, else one that checks a secret the caller must send.
  const checked = read.find((f) => f?.auth) ?? read.find((f) => f?.signature);
  const calls = hooks.flatMap((h) => (h.arg.type === 'Identifier' ? [h.arg.name] : []));
  const facts = checked ?? { name, file, startLine: line, endLine: line, touches: [], calls };
  return { file, calls, facts: { ...facts, calls: [...facts.calls, ...calls] } };
}
