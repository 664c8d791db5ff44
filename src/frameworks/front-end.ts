import { hasDependency, hasDependencyPrefix, SCRIPT_EXT, type Framework, type RoleDecision } from './types.js';

// `src/api/` of a single-page app is the browser's API client; a top-level `api/` holds serverless functions.
const SERVER_SIDE = /^(?:src\/)?(?:server|backend)\/|^api\//;
const SERVER_ENTRY = new RegExp(String.raw`^(?:server|backend)${SCRIPT_EXT}`);
const CLIENT_DIRS = /^(?:src|app|components|hooks|screens|lib|utils|pages|contexts|store|services)\//;

/** Shared shape of single-page-app stacks: code under src/ ships to the browser, server folders do not. */
export function spaClassifier(stack: string) {
  return ({ rel }: { rel: string }): RoleDecision | undefined => {
    if (SERVER_SIDE.test(rel) || SERVER_ENTRY.test(rel)) return { role: 'server', reason: `server folder beside a ${stack} front end` };
    if (CLIENT_DIRS.test(rel) || new RegExp(String.raw`^(?:App|main|index)${SCRIPT_EXT}`).test(rel)) {
      return { role: 'client', reason: `${stack} app source, bundled for the browser` };
    }
    return undefined;
  };
}

export const vite: Framework = {
  name: 'vite',
  runs: 'client',
  enabledBy: (pkg) => hasDependency(pkg, 'vite') && !hasDependency(pkg, '@sveltejs/kit', 'astro', 'nuxt', '@remix-run/dev', '@react-router/dev'),
  publicEnvPrefixes: ['VITE_'],
  classify: spaClassifier('Vite'),
};

export const createReactApp: Framework = {
  name: 'create-react-app',
  runs: 'client',
  enabledBy: (pkg) => hasDependency(pkg, 'react-scripts'),
  publicEnvPrefixes: ['REACT_APP_'],
  classify: spaClassifier('Create React App'),
};

const expoApp = spaClassifier('Expo / React Native (mobile)');
const EXPO_API_ROUTE = new RegExp(String.raw`\+api${SCRIPT_EXT}`);

export const expo: Framework = {
  name: 'expo',
  runs: 'client',
  enabledBy: (pkg) => hasDependency(pkg, 'expo', 'react-native'),
  publicEnvPrefixes: ['EXPO_PUBLIC_'],
  // Expo Router API routes (`app/api/chat+api.ts`) run on a server, not in the app.
  classify: (file) => (EXPO_API_ROUTE.test(file.rel) ? { role: 'server', reason: 'Expo Router API route (+api)' } : expoApp(file)),
};

export const sveltekit: Framework = {
  name: 'sveltekit',
  runs: 'both',
  enabledBy: (pkg) => hasDependency(pkg, '@sveltejs/kit'),
  publicEnvPrefixes: ['PUBLIC_'],
  classify({ rel }) {
    if (/(^|\/)\+(server|page\.server|layout\.server)\.[jt]s$/.test(rel) || /^src\/(lib\/server|hooks\.server)/.test(rel)) {
      return { role: 'server', reason: 'SvelteKit server module' };
    }
    if (/(^|\/)\+(page|layout)\.[jt]s$/.test(rel)) return { role: 'client', reason: 'SvelteKit universal load (also runs in the browser)' };
    if (rel.startsWith('src/')) return { role: 'shared', reason: 'SvelteKit module (server or browser, depending on who imports it)' };
    return undefined;
  },
};

export const astro: Framework = {
  name: 'astro',
  runs: 'both',
  enabledBy: (pkg) => hasDependency(pkg, 'astro'),
  publicEnvPrefixes: ['PUBLIC_'],
  // Script files under src/pages are endpoints, and the middleware runs on the server (`.astro` pages are not read).
  classify: ({ rel }) => (/^src\/(?:pages\/.+|middleware(?:\/index)?)\.[cm]?[jt]s$/.test(rel) ? { role: 'server', reason: 'Astro endpoint or middleware' } : undefined),
};

export const nuxt: Framework = {
  name: 'nuxt',
  runs: 'both',
  enabledBy: (pkg) => hasDependency(pkg, 'nuxt'),
  publicEnvPrefixes: ['NUXT_PUBLIC_'],
  classify: ({ rel }) => (/^server\//.test(rel) ? { role: 'server', reason: 'Nuxt server folder' } : undefined),
};

/** Remix and React Router 7's framework mode: a route module's `loader` and `action` run on the server. */
export const remix: Framework = {
  name: 'remix',
  runs: 'both',
  enabledBy: (pkg) => hasDependencyPrefix(pkg, '@remix-run/') || hasDependency(pkg, '@react-router/dev', '@react-router/node', '@react-router/serve'),
  publicEnvPrefixes: ['VITE_'],
  classify: ({ rel }) => (/^app\/routes\//.test(rel) ? { role: 'server', reason: 'Remix route module (its loader and action run on the server)' } : undefined),
};

export const gatsby: Framework = {
  name: 'gatsby',
  runs: 'client',
  enabledBy: (pkg) => hasDependency(pkg, 'gatsby'),
  publicEnvPrefixes: ['GATSBY_'],
  classify: spaClassifier('Gatsby'),
};
