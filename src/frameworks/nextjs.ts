import { hasDependency, SCRIPT_EXT, type Framework } from './types.js';

const ROUTE = new RegExp(String.raw`^(?:src/)?app/(?:.*/)?route${SCRIPT_EXT}`);
const PAGES_API = /^(?:src\/)?pages\/api\//;
const MIDDLEWARE = new RegExp(String.raw`^(?:src/)?(?:middleware|instrumentation)${SCRIPT_EXT}`);
const APP_DIR = /^(?:src\/)?app\//;
const PAGES_DIR = /^(?:src\/)?pages\//;
const SERVER_DIRS = /^(?:src\/)?(?:server|actions|lib\/server|app\/api)\//;

export const nextjs: Framework = {
  name: 'nextjs',
  runs: 'both',
  enabledBy: (pkg) => hasDependency(pkg, 'next'),
  publicEnvPrefixes: ['NEXT_PUBLIC_'],
  classify({ rel, directive }) {
    if (directive === 'use client') return { role: 'client', reason: "Next.js file marked 'use client'" };
    if (directive === 'use server') return { role: 'server', reason: "Next.js server actions ('use server')" };
    if (ROUTE.test(rel)) return { role: 'server', reason: 'Next.js route handler (app/**/route)' };
    if (PAGES_API.test(rel)) return { role: 'server', reason: 'Next.js API route (pages/api)' };
    if (MIDDLEWARE.test(rel)) return { role: 'server', reason: 'Next.js middleware/instrumentation' };
    if (SERVER_DIRS.test(rel)) return { role: 'server', reason: 'server-only folder of a Next.js app' };
    if (APP_DIR.test(rel)) return { role: 'server', reason: "Next.js server component (app/ without 'use client')" };
    if (PAGES_DIR.test(rel)) return { role: 'client', reason: 'Next.js page (pages/), bundled for the browser' };
    return undefined;
  },
};
