import type { Language } from './types.js';

const BY_EXTENSION: Record<string, Language> = {
  ts: 'ts', mts: 'ts', cts: 'ts', tsx: 'tsx', js: 'js', jsx: 'jsx', mjs: 'mjs', cjs: 'cjs',
  json: 'json', jsonc: 'json', json5: 'json', yml: 'yaml', yaml: 'yaml', sql: 'sql', psql: 'sql', pgsql: 'sql',
  dockerfile: 'dockerfile', env: 'env',
};

export function languageOf(path: string): Language {
  const name = path.slice(path.lastIndexOf('/') + 1);
  const lower = name.toLowerCase();
  if (lower === 'dockerfile' || lower.startsWith('dockerfile.') || lower.endsWith('.dockerfile') || lower === 'containerfile') return 'dockerfile';
  // .env, .env.local, .env.production, .env.example, app.env, .envrc
  if (lower === '.env' || lower.startsWith('.env.') || lower === '.envrc' || lower.endsWith('.env')) return 'env';
  if (lower.endsWith('.d.ts')) return 'ts';
  const dot = lower.lastIndexOf('.');
  if (dot <= 0) return 'other';
  return BY_EXTENSION[lower.slice(dot + 1)] ?? 'other';
}

/** `.env.example`, `.env.sample`, `.env.template`: files meant to be committed with placeholders. */
export function isEnvTemplate(path: string): boolean {
  const name = path.slice(path.lastIndexOf('/') + 1);
  if (/\.(?:example|sample|template)\.env$/i.test(name)) return true;
  return /^\.env[.-]/i.test(name) && /[.-](?:example|sample|template|dist|defaults?|schema)(?:\.|$)/i.test(name.slice(4));
}
