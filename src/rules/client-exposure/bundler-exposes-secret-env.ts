import { defineProjectRule } from '../../engine/rule.js';
import { ALL_PUBLIC_ENV_PREFIXES } from '../../frameworks/index.js';
import type { BundlerExposure, ProjectModel } from '../../model/types.js';
import { secretEnvName } from './env-names.js';
import { looksRandom, secretValueKind } from './secret-values.js';

const MECHANISM: Record<BundlerExposure['via'], string> = {
  'vite-define': 'Vite `define`',
  'vite-envPrefix': 'Vite `envPrefix`',
  'next-config-env': 'the `env` block of next.config',
  'next-public-runtime-config': '`publicRuntimeConfig` of next.config',
  'webpack-define': 'webpack `DefinePlugin`/`EnvironmentPlugin`',
  'expo-config-extra': 'Expo `extra` (shipped in the app manifest)',
  'nuxt-runtime-config-public': '`runtimeConfig.public` of nuxt.config (sent to every page)',
};

/** Secret variables most apps have: a prefix that matches one of these exposes it once it is set. */
const COMMON_SECRET_NAMES = [
  'SUPABASE_SERVICE_ROLE_KEY', 'SUPABASE_JWT_SECRET', 'STRIPE_SECRET_KEY', 'STRIPE_WEBHOOK_SECRET', 'OPENAI_API_KEY',
  'ANTHROPIC_API_KEY', 'GEMINI_API_KEY', 'DATABASE_URL', 'DB_PASSWORD', 'POSTGRES_PASSWORD', 'MONGODB_URI',
  'AWS_SECRET_ACCESS_KEY', 'FIREBASE_PRIVATE_KEY', 'JWT_SECRET', 'SESSION_SECRET', 'NEXTAUTH_SECRET', 'AUTH_SECRET',
  'CLERK_SECRET_KEY', 'RESEND_API_KEY', 'SENDGRID_API_KEY', 'GITHUB_TOKEN', 'PARSE_MASTER_KEY', 'APP_SECRET',
  'API_SECRET', 'SECRET_KEY', 'PRIVATE_KEY', 'ADMIN_PASSWORD',
];

/** Variable names defined in `.env*` files of a package (and the root), with what their values are. */
function envDefinitions(model: ProjectModel, pkgDir: string | undefined): { name: string; kind?: string }[] {
  const out: { name: string; kind?: string }[] = [];
  for (const f of model.files) {
    // By language first: the env files are all a kept result of this rule depends on (src/cache/project-reads.ts).
    if (f.language !== 'env' || !f.env) continue;
    const dir = f.package?.dir ?? '';
    if (pkgDir !== undefined && dir !== pkgDir && dir !== '') continue;
    for (const e of f.env) out.push({ name: e.name, kind: e.value ? secretValueKind(e.value, e.name) : undefined });
  }
  return out;
}

/** A secret variable a prefix would expose: one the project defines, else a common one (weaker evidence). */
function exposedByPrefix(prefix: string, model: ProjectModel, pkgDir: string): { example: string; what: string; fromProject: boolean } | undefined {
  for (const d of envDefinitions(model, pkgDir)) {
    if (!d.name.startsWith(prefix)) continue;
    const what = d.kind ?? secretEnvName(d.name)?.what;
    if (what) return { example: d.name, what, fromProject: true };
  }
  const common = COMMON_SECRET_NAMES.find((n) => n.startsWith(prefix));
  const what = common ? secretEnvName(common)?.what : undefined;
  return common && what ? { example: common, what, fromProject: false } : undefined;
}

export const bundlerExposesSecretEnv = defineProjectRule({
  id: 'bundler-exposes-secret-env',
  messageIds: ['secretEnvInBundle', 'secretValueInBundle', 'wholeEnvInBundle', 'prefixExposesSecrets'],
  check({ model, report }) {
    if (model.bundlerExposures.length === 0) return;
    const definitions = new Map<string, string>();
    for (const d of envDefinitions(model, undefined)) if (d.kind && !definitions.has(d.name)) definitions.set(d.name, d.kind);

    for (const e of model.bundlerExposures) {
      const file = model.fileByPath.get(e.file);
      if (!file) continue;
      const range = { startLine: e.line, startColumn: e.column, endLine: e.endLine, endColumn: e.endColumn };
      const base = { file: file.path, key: e.key, mechanism: MECHANISM[e.via] };
      const pkgDir = file.package?.dir ?? '';

      if (e.via === 'vite-envPrefix' || (e.allEnv && e.prefix !== undefined)) {
        const prefix = e.prefix ?? '';
        if (ALL_PUBLIC_ENV_PREFIXES.includes(prefix)) continue;
        const setting = e.via === 'vite-envPrefix' ? `envPrefix: '${prefix}'` : `${e.key} from ${e.envSource ?? 'loadEnv'}`;
        if (prefix === '') {
          report(file, { messageId: 'wholeEnvInBundle', data: { ...base, key: setting, source: "envPrefix ''" }, range });
          continue;
        }
        const hit = exposedByPrefix(prefix, model, pkgDir);
        if (!hit) continue;
        report(file, {
          messageId: 'prefixExposesSecrets',
          data: { ...base, setting, prefix, example: hit.example, what: hit.what },
          range,
          ...(hit.fromProject ? {} : { severity: 'high', confidence: 'medium' }),
        });
        continue;
      }
      if (e.allEnv) {
        report(file, { messageId: 'wholeEnvInBundle', data: { ...base, source: e.envSource ?? 'process.env' }, range });
        continue;
      }
      if (e.envName) {
        if (ALL_PUBLIC_ENV_PREFIXES.some((p) => e.envName!.startsWith(p))) continue;
        const what = secretEnvName(e.envName)?.what ?? definitions.get(e.envName);
        if (what) report(file, { messageId: 'secretEnvInBundle', data: { ...base, envName: e.envName, what }, range });
        continue;
      }
      if (e.literal !== undefined) {
        const lastKey = e.key.slice(e.key.lastIndexOf('.') + 1);
        const kind = secretValueKind(e.literal, lastKey);
        // A literal under a secret name counts when it looks generated, not like a setting or a placeholder.
        const byName = looksRandom(e.literal) ? secretEnvName(lastKey)?.what : undefined;
        const what = kind ?? byName;
        if (what) report(file, { messageId: 'secretValueInBundle', data: { ...base, what }, range, secrets: [e.literal] });
      }
    }
  },
});

