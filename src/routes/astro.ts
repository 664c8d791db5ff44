import type { Program } from '../parse/types.js';
import { analyzeFunction } from './auth.js';
import { exportedValues, fnOfValue, topLevelFunctions } from './ast.js';
import { readHook } from './hooks.js';
import { toPath, VERBS } from './nextjs.js';
import type { DirectEntry, NextMiddleware } from './types.js';

/** Astro's endpoints (`src/pages/api/notes/[id].ts`) and its middleware (`src/middleware.ts`, `src/middleware/index.ts`). */
const ENDPOINT_FILE = /^src\/pages\/(.+)\.[cm]?[jt]s$/;
const MIDDLEWARE_FILE = /^src\/middleware(?:\/index)?\.[cm]?[jt]s$/;
/** Astro 2 and earlier named the handlers in lower case, `del` for DELETE. */
const OLD_NAMES: Record<string, string> = { get: 'GET', post: 'POST', put: 'PUT', patch: 'PATCH', del: 'DELETE', all: 'ALL' };

/** Whether a package-relative path is an Astro endpoint or middleware module. */
export function isAstroServerFile(rel: string): boolean {
  return ENDPOINT_FILE.test(rel) || MIDDLEWARE_FILE.test(rel);
}

/**
 * Astro's server entry points: the handlers an endpoint module exports (`export const POST: APIRoute = async
 * ({ request, params, locals }) => …`), at the URL its path under `src/pages` gives (`[id]` a parameter, `[...slug]`
 * the rest). Its middleware's `onRequest` (alone, in `defineMiddleware` or in `sequence()`) runs before them, as
 * Next.js middleware does: a check there that turns away visitors without a user (on the paths it tests) signs them in.
 */
export function collectAstro(ast: Program, text: string, file: string, rel: string): { entries: DirectEntry[]; middleware?: Omit<NextMiddleware, 'dir'> } {
  const local = topLevelFunctions(ast.body);
  const exported = exportedValues(ast);
  if (MIDDLEWARE_FILE.test(rel)) {
    const onRequest = exported.get('onRequest');
    const middleware = onRequest ? readHook(onRequest.value, onRequest.line, local, text, file, 'onRequest') : undefined;
    return middleware ? { entries: [], middleware } : { entries: [] };
  }
  const route = ENDPOINT_FILE.exec(rel);
  if (!route) return { entries: [] };
  const path = toPath(route[1].split('/').filter((s) => s !== 'index').join('/'));
  const entries: DirectEntry[] = [];
  for (const [name, { value, line }] of exported) {
    const method = VERBS.has(name) || name === 'ALL' ? name : Object.hasOwn(OLD_NAMES, name) ? OLD_NAMES[name] : undefined;
    const fn = method ? fnOfValue(value, local) : undefined;
    if (fn && method) entries.push({ method: method === 'ALL' ? 'ANY' : method, path, line, framework: 'astro', handler: analyzeFunction(fn, text, file, name), middleware: [] });
  }
  return { entries };
}
