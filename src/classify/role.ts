import { FRAMEWORKS, frameworkByName } from '../frameworks/index.js';
import type { FileFacts, RoleDecision } from '../frameworks/types.js';
import type { PackageInfo } from '../model/types.js';
import { isScript, type Language } from './types.js';

const TEST_PATH = /(^|\/)(__tests__|__mocks__|tests?|e2e|cypress|playwright|spec|__fixtures__|fixtures)\/|\.(test|spec|e2e|stories)\.[cm]?[jt]sx?$/;
const CONFIG_SCRIPT = /(^|\/)([\w.-]+\.config|\.?eslintrc|\.?prettierrc|\.?babelrc|babel\.config|jest\.setup|vitest\.setup|setupTests|gulpfile|gruntfile|Gruntfile)\.[cm]?[jt]s$/i;
const SERVER_FOLDERS = /(^|\/)(server|servers|backend|api|functions|lambda|lambdas|routes|controllers|middlewares?|models|db|database|prisma|migrations|workers?|jobs|cron|services\/server|cloud)\//;
const CLIENT_FOLDERS = /(^|\/)(client|frontend|front-end|web|webapp|ui|components|hooks|screens|views|pages|contexts|store)\//;
const SERVER_ENTRY = /(^|\/)(server|app|index|main)\.[cm]?[jt]s$/;
const SERVER_MODULE = /\.server\.[cm]?[jt]sx?$/;
const SERVER_FN = /\bfrom\s+['"]@tanstack\/(?:react|solid)-start(?:\/server)?['"][\s\S]*\bcreateServerFn\s*\(/;

const SCRIPT_FOLDER = /^(?:scripts?|bin|tools|tasks|seeds?)\//;
/** Modules only Node has: its built-ins and the Firebase Admin SDK. */
const NODE_ONLY = /(?:\bfrom\s+|\brequire\(\s*|\bimport\(\s*)['"](?:node:[\w/]+|fs|fs\/promises|child_process|worker_threads|firebase-admin(?:\/[\w-]+)?)['"]/;
const RUNNER = /(?:^|[\s;&|(])(?:node|tsx|ts-node|ts-node-esm|babel-node|vite-node|bun|bun run|deno run(?:\s+-\S+)*)\s+(?:--?\S+\s+)*\.?\/?([\w./-]+\.[cm]?[jt]sx?)\b/g;

/** Why a file is a Node script rather than front-end code: a package script runs it, or it sits in `scripts/` and needs Node. */
function nodeScript(rel: string, text: string, pkg: PackageInfo | undefined): string | undefined {
  const script = pkg && scriptRuns(pkg).get(rel);
  if (script) return `a Node script (\`npm run ${script}\` runs it)`;
  if (SCRIPT_FOLDER.test(rel) && NODE_ONLY.test(text)) return 'a Node script (in a scripts folder, needs Node modules)';
  return undefined;
}

/** The files each package's scripts run with Node, by package-relative path: the first script naming each. */
const RUNS = new WeakMap<PackageInfo, Map<string, string>>();
function scriptRuns(pkg: PackageInfo): Map<string, string> {
  let runs = RUNS.get(pkg);
  if (!runs) {
    runs = new Map();
    for (const [name, command] of Object.entries(pkg.scripts)) {
      for (const m of command.matchAll(RUNNER)) {
        const rel = m[1].replace(/^\.\//, '');
        if (!runs.has(rel)) runs.set(rel, name);
      }
    }
    RUNS.set(pkg, runs);
  }
  return runs;
}

/** Leading `'use client'` / `'use server'` directive, read from text so it is known before parsing. */
export function directiveOf(text: string): FileFacts['directive'] {
  const m = /^(?:\s|\/\/[^\n]*\n|\/\*[^*]*\*+(?:[^/*][^*]*\*+)*\/)*(['"])use (client|server)\1/.exec(text.slice(0, 2000));
  return m ? (`use ${m[2]}` as FileFacts['directive']) : undefined;
}

export interface RoleInput {
  path: string;
  language: Language;
  buildOutput: boolean;
  text: string;
  pkg?: PackageInfo;
}

const CONVEX_FOLDER = /(?:^|\/)convex\//;
/** Files a framework serves at their URL, whatever their folders are called: Next.js route handlers and API pages, SvelteKit endpoints. */
const SERVED_ROUTE = /(?:^|\/)(?:src\/)?(?:app\/(?:[^/_][^/]*\/)*route|pages\/api\/(?:[^/]+\/)*[^/.]+|routes\/(?:[^/]+\/)*\+server)\.[cm]?[jt]sx?$/;

/**
 * `app/api/test/credit-update/route.ts` is the route `/api/test/credit-update`, shipped like any other: a `test` or
 * `e2e` folder inside the routes is part of a URL. Outside them (`tests/app/api/route.ts`), and a `.test.` file, it is a test.
 */
function servedRoute(path: string): boolean {
  const m = SERVED_ROUTE.exec(path);
  return !!m && !TEST_PATH.test(path.slice(0, m.index + 1));
}
const CONVEX_SERVER = /_generated\/server|['"]convex\/(?:server|values)['"]|['"]convex-helpers\/server/;
const NETLIFY_FUNCTIONS = /(?:^|\/)netlify\/(?:edge-)?functions\//;

export function classifyRole({ path, language, buildOutput, text, pkg }: RoleInput): RoleDecision {
  if (buildOutput) return { role: 'build-output', reason: 'in a build-output folder that ships to browsers' };
  if (TEST_PATH.test(path) && !servedRoute(path)) return { role: 'test', reason: 'test or fixture path' };
  if (language === 'sql') return { role: 'server', reason: 'SQL runs in the database' };
  if (!isScript(language)) return { role: 'config', reason: `${language} file` };
  if (CONFIG_SCRIPT.test(path)) return { role: 'config', reason: 'tool configuration script' };
  // Remix, TanStack Start, SvelteKit and Nuxt keep `*.server.ts` out of the browser bundle; TanStack Start turns the
  // handlers of `createServerFn()` into calls to the server.
  if (SERVER_MODULE.test(path)) return { role: 'server', reason: 'server-only module (`.server` in its name)' };
  if (text.includes('createServerFn') && SERVER_FN.test(text)) return { role: 'server', reason: 'TanStack Start server functions (`createServerFn`)' };
  // Netlify deploys these folders as functions, often with a package.json of their own.
  if (NETLIFY_FUNCTIONS.test(path)) return { role: 'server', reason: 'Netlify function' };

  const rel = pkg && pkg.dir ? path.slice(pkg.dir.length + 1) : path;
  // Convex deploys its `convex/` folder to its own servers, whatever front end the package builds.
  if (CONVEX_FOLDER.test(rel) && CONVEX_SERVER.test(text)) return { role: 'server', reason: "Convex function module (runs on Convex's servers)" };
  // Seed scripts, admin tools and push senders next to a front end run on a developer's machine or a server.
  const script = nodeScript(rel, text, pkg);
  if (script) return { role: 'server', reason: script };
  const facts: FileFacts = { rel, path, directive: directiveOf(text) };
  const enabled = pkg ? FRAMEWORKS.filter((f) => f.name === 'serverless-functions' || pkg.frameworks.includes(f.name)) : FRAMEWORKS.slice(0, 1);
  for (const framework of enabled) {
    const decision = framework.classify?.(facts, pkg ?? EMPTY_PACKAGE);
    if (decision) return decision;
  }
  if (facts.directive === 'use client') return { role: 'client', reason: "marked 'use client'" };
  if (facts.directive === 'use server') return { role: 'server', reason: "marked 'use server'" };

  const runs = new Set((pkg?.frameworks ?? []).map((n) => frameworkByName(n)?.runs));
  if (runs.has('server') && !runs.has('client') && !runs.has('both')) {
    return { role: 'server', reason: `package uses ${pkg!.frameworks.filter((n) => frameworkByName(n)?.runs === 'server').join(', ')}` };
  }
  if (runs.has('client') && !runs.has('server') && !runs.has('both') && !SERVER_FOLDERS.test(rel)) {
    return { role: 'client', reason: `package is a ${pkg!.frameworks.join(', ')} front end` };
  }
  if (SERVER_FOLDERS.test(rel)) return { role: 'server', reason: 'server-side folder name' };
  if (CLIENT_FOLDERS.test(rel)) return { role: 'client', reason: 'client-side folder name' };
  if (runs.has('server') && SERVER_ENTRY.test(rel) && !rel.includes('/')) return { role: 'server', reason: 'server entry point at the package root' };
  return { role: 'shared', reason: 'no client or server signal' };
}

const EMPTY_PACKAGE: PackageInfo = {
  dir: '', manifestPath: '', private: false, dependencies: {}, devDependencies: {}, optionalDependencies: {},
  peerDependencies: {}, workspaces: [], scripts: {}, frameworks: [],
};
