import { defineProjectFact } from '../model/facts.js';
import type { Program } from '../parse/types.js';
import { analyzeFunction } from './auth.js';
import { exportedValues, fnOfValue, topLevelFunctions } from './ast.js';
import type { DirectEntry } from './types.js';

/** A route module of Remix or React Router 7 (`app/routes/notes.$noteId.tsx`, `app/routes/notes/$id/route.tsx`). */
const ROUTE_FILE = /^app\/routes\/(.+?)(?:\/route)?\.[cm]?[jt]sx?$/;

/** Whether a package-relative path is a Remix / React Router route module by its folder. */
export function isRemixRouteFile(rel: string): boolean {
  return ROUTE_FILE.test(rel);
}

const CONFIG_FILES = ['app/routes.ts', 'app/routes.js', 'app/routes.mts', 'app/routes.mjs'];

/**
 * React Router 7's route config (`app/routes.ts`): each module it names, by package-relative path, with its URL.
 * `route('notes/:id', 'routes/note.tsx')`, `index('routes/home.tsx')`, `layout('routes/shell.tsx', [...])` and
 * `prefix('api', [...])`, nested as written; routes it takes from the file system (`flatRoutes()`) keep their
 * file names' URLs. The config is read as text, never run.
 */
export const remixRouteConfig = defineProjectFact('react-router route config', (model, dir): [string, string][] => {
  const root = dir ? `${dir}/` : '';
  const config = CONFIG_FILES.map((f) => model.fileByPath.get(`${root}${f}`)).find(Boolean);
  return config ? parseRouteConfig(config.text) : [];
});

/** The `[module, url]` pairs a route config names, modules relative to the package (`app/routes/note.tsx`). */
export function parseRouteConfig(text: string): [string, string][] {
  const out: [string, string][] = [];
  const tokens = [...text.matchAll(/\b(route|index|layout|prefix)\s*\(|(["'`])((?:\\.|(?!\2)[^\\\n])*)\2|[[\]()]/g)].map((m) => ({ call: m[1], str: m[2] ? m[3] : undefined, punct: m[1] || m[2] ? undefined : m[0] }));
  let i = 0;
  const join = (base: string, path: string) => `${base.replace(/\/$/, '')}/${path.replace(/^\//, '')}`.replace(/\/$/, '') || '/';
  const children = (base: string): void => {
    while (i < tokens.length) {
      const t = tokens[i++];
      if (t.call) call(t.call, base);
      else if (t.punct === ']') return;
    }
  };
  const call = (name: string, base: string): void => {
    const strings: string[] = [];
    while (i < tokens.length) {
      const t = tokens[i++];
      if (t.str !== undefined) strings.push(t.str);
      else if (t.punct === '(') skipParens();
      else if (t.punct === ')') break;
      else if (t.punct === '[') {
        const path = name === 'route' || name === 'prefix' ? join(base, strings[0] ?? '') : base;
        children(path);
      }
    }
    const file = name === 'route' ? strings[1] : name === 'index' || name === 'layout' ? strings[0] : undefined;
    if (file) out.push([`app/${file.replace(/^\.\//, '')}`, name === 'route' ? join(base, strings[0] ?? '') : base || '/']);
  };
  const skipParens = (): void => {
    let depth = 1;
    while (i < tokens.length && depth > 0) {
      const t = tokens[i++];
      if (t.punct === '(' || t.call) depth++;
      else if (t.punct === ')') depth--;
    }
  };
  children('');
  return out;
}

/**
 * Remix's and React Router 7's server entry points: a route module's `loader` answers GET requests for its URL and
 * its `action` every form submission (POST, PUT, PATCH, DELETE), each callable on its own (`?_data=` or `.data`
 * requests): a parent layout's loader does not run before them, so only their own checks count. The URL comes
 * from the file name: `.` and `/` separate segments, `$id` is a parameter, `$` the rest of the path, `_index` the
 * parent's own page, a leading `_` a layout without a segment, a trailing `_` a segment outside its parent's layout.
 */
export function collectRemix(ast: Program, text: string, file: string, rel: string, configured?: string): DirectEntry[] {
  const route = ROUTE_FILE.exec(rel);
  if (!route && configured === undefined) return [];
  const path = configured ?? remixPath(route![1]);
  const entries: DirectEntry[] = [];
  const local = topLevelFunctions(ast.body);
  for (const [name, { value, line }] of exportedValues(ast)) {
    const fn = name === 'loader' || name === 'action' ? fnOfValue(value, local) : undefined;
    if (fn) entries.push({ method: name === 'loader' ? 'GET' : 'POST', path, line, framework: 'remix', handler: analyzeFunction(fn, text, file, name), middleware: [] });
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
