import { hasDependency, SCRIPT_EXT, type Framework } from './types.js';

export const supabase: Framework = {
  name: 'supabase',
  runs: 'neutral',
  enabledBy: (pkg) => hasDependency(pkg, '@supabase/supabase-js', '@supabase/ssr', '@supabase/auth-helpers-nextjs'),
};

export const parse: Framework = {
  name: 'parse',
  runs: 'neutral',
  enabledBy: (pkg) => hasDependency(pkg, 'parse', 'parse-server', 'parse-dashboard'),
  classify: ({ rel }, pkg) => {
    if (/^(?:src\/)?cloud\//.test(rel)) return { role: 'server', reason: 'Parse Cloud Code (cloud/)' };
    if (hasDependency(pkg, 'parse-server') && !rel.startsWith('src/') && !rel.startsWith('public/')) {
      return { role: 'server', reason: 'package runs parse-server' };
    }
    return undefined;
  },
};

export const firebase: Framework = {
  name: 'firebase',
  runs: 'neutral',
  enabledBy: (pkg) => hasDependency(pkg, 'firebase', 'firebase-admin', 'firebase-functions'),
  classify: ({ rel }, pkg) => {
    if (hasDependency(pkg, 'firebase-functions')) return { role: 'server', reason: 'Firebase Cloud Functions package' };
    if (rel.startsWith('functions/')) return { role: 'server', reason: 'Firebase functions folder' };
    return undefined;
  },
};

/** Serverless function folders of hosting platforms, recognised by path in any package. */
export const serverlessFolders: Framework = {
  name: 'serverless-functions',
  runs: 'server',
  enabledBy: () => true,
  classify: ({ rel }) => {
    if (rel.startsWith('supabase/functions/')) return { role: 'server', reason: 'Supabase Edge Function' };
    if (rel.startsWith('netlify/functions/') || rel.startsWith('netlify/edge-functions/')) return { role: 'server', reason: 'Netlify function' };
    if (new RegExp(String.raw`^api/.*${SCRIPT_EXT}`).test(rel)) return { role: 'server', reason: 'Vercel serverless function (api/)' };
    return undefined;
  },
};
