import type { Program } from '../parse/types.js';
import { analyzeFunction } from './auth.js';
import { isFunction, type FunctionNode } from './ast.js';
import type { DirectEntry } from './types.js';

/** A route module of Remix or React Router 7 (`app/routes/notes.$noteId.tsx`, `app/routes/notes/$id/route.tsx`). */
const ROUTE_FILE = /^app\/routes\/(.+?)(?:\/route)?\.[cm]?[jt]sx?$/;

/** Whether a package-relative path is a Remix / React Router route module. */
export function isRemixRouteFile(rel: string): boolean {
  return ROUTE_FILE.test(rel);
}

/**
 * Remix's and React Router 7's server entry points: a route module's `loader` answers GET requests for its URL and
 * its `action` every form submission (POST, PUT, PATCH, DELETE), each callable on its own (`?_data=` or `.data`
 * requests): a parent layout's loader does not run before them, so only their own checks count. The URL comes
 * from the file name: `.` and `/` separate segments, `$id` is a parameter, `$` the rest of the path, `_index` the
 * parent's own page, a leading `_` a layout without a segment, a trailing `_` a segment outside its parent's layout.
 */
export function collectRemix(ast: Program, text: string, file: string, rel: string): DirectEntry[] {
  const route = ROUTE_FILE.exec(rel);
  if (!route) return [];
  const path = remixPath(route[1]);
  const entries: DirectEntry[] = [];
  const local = new Map<string, FunctionNode>();
  for (const stmt of ast.body) if (stmt.type === 'FunctionDeclaration' && stmt.id) local.set(stmt.id.name, stmt);
  for (const stmt of ast.body) {
    if (stmt.type !== 'ExportNamedDeclaration') continue;
    const found: { name: string; fn?: FunctionNode; line: number }[] = [];
    const d = stmt.declaration;
    if (d?.type === 'FunctionDeclaration' && d.id) found.push({ name: d.id.name, fn: d, line: d.loc.start.line });
    if (d?.type === 'VariableDeclaration') for (const v of d.declarations) if (v.id.type === 'Identifier') found.push({ name: v.id.name, fn: isFunction(v.init) ? v.init : undefined, line: v.loc.start.line });
    for (const s of stmt.specifiers) {
      const name = s.exported.type === 'Identifier' ? s.exported.name : String(s.exported.value);
      if (!stmt.source && s.local.type === 'Identifier') found.push({ name, fn: local.get(s.local.name), line: s.loc.start.line });
    }
    for (const { name, fn, line } of found) {
      if ((name !== 'loader' && name !== 'action') || !fn) continue;
      entries.push({ method: name === 'loader' ? 'GET' : 'POST', path, line, framework: 'remix', handler: analyzeFunction(fn, text, file, name), middleware: [] });
    }
  }
  return entries;
}

/** `notes.$noteId._index` → `/notes/:noteId`, `_auth.login` → `/login`, `files.$` → `/files/*`, `($lang).about` → `/:lang?/about`. */
export function remixPath(name: string): string {
  const segments: string[] = [];
  // `[.]` and `[_]` escape what would be a separator or a prefix.
  const escaped = name.replace(/\[([^\]]*)\]/g, (_m, inner: string) => inner.replace(/\./g, '\u0000').replace(/_/g, '\u0001'));
  for (const raw of escaped.split(/[./]/)) {
    if (raw === '' || raw === '_index' || raw === 'index') continue;
    if (raw.startsWith('_')) continue;
    const part = raw.replace(/_$/, '');
    let out: string;
    if (part === '$') out = '*';
    else if (/^\(\$(\w+)\)$/.test(part)) out = `:${part.slice(2, -1)}?`;
    else if (/^\(([^)]+)\)$/.test(part)) out = `${part.slice(1, -1)}?`;
    else if (part.startsWith('$')) out = `:${part.slice(1)}`;
    else out = part;
    segments.push(out.replace(/\u0000/g, '.').replace(/\u0001/g, '_'));
  }
  return `/${segments.join('/')}`;
}
