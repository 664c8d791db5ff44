import { envVarRead } from '../../engine/ast-utils.js';
import { ALL_PUBLIC_ENV_PREFIXES } from '../../frameworks/index.js';
import { viteExtraPrefixes } from '../../model/bundler-config.js';
import { publicPrefixesAtOrBelow } from '../../model/package-facts.js';
import type { PackageInfo, ProjectModel, SourceFile } from '../../model/types.js';
import type { AstNode } from '../../parse/types.js';
import { secretEnvName, type SecretName } from './env-names.js';

/** Who copies variables with each prefix into browser code. */
const PREFIX_OWNER: Record<string, string> = {
  NEXT_PUBLIC_: 'Next.js',
  VITE_: 'Vite',
  REACT_APP_: 'Create React App',
  EXPO_PUBLIC_: 'Expo',
  PUBLIC_: 'SvelteKit and Astro',
  NUXT_PUBLIC_: 'Nuxt',
  GATSBY_: 'Gatsby',
};

/** `PUBLIC_` is also an ordinary word (`PUBLIC_KEY_PATH`); it only means "inlined" where SvelteKit or Astro runs. */
const AMBIGUOUS_PREFIXES = new Set(['PUBLIC_']);

export interface PublicPrefix {
  prefix: string;
  /** Who inlines it, for messages: "Vite", "Next.js", "Vite (envPrefix in vite.config.ts)". */
  by: string;
}

/**
 * The public prefix a variable name carries in this package, if the package's bundler inlines it into browser
 * code. Framework prefixes other than the ambiguous `PUBLIC_` count everywhere: a name like `VITE_…` or
 * `NEXT_PUBLIC_…` says its author meant it for a browser bundle.
 */
export function publicPrefixOf(name: string, pkg: PackageInfo | undefined, model: ProjectModel): PublicPrefix | undefined {
  const known = [...ALL_PUBLIC_ENV_PREFIXES].sort((a, b) => b.length - a.length).find((p) => name.startsWith(p));
  if (known) {
    if (!AMBIGUOUS_PREFIXES.has(known)) return { prefix: known, by: PREFIX_OWNER[known] ?? 'the bundler' };
    if (!pkg || publicPrefixesAtOrBelow(model, pkg.dir).includes(known)) return { prefix: known, by: PREFIX_OWNER[known] ?? 'the bundler' };
  }
  const extra = viteExtraPrefixes(model, pkg?.dir ?? '').find((e) => name.startsWith(e.prefix));
  if (extra) return { prefix: extra.prefix, by: `Vite (\`envPrefix\` in \`${extra.file}\`)` };
  return undefined;
}

/** A public-prefixed variable whose name says it is secret: `secret-in-public-env` reports every read of it. */
export function publicSecretEnv(name: string, file: SourceFile, model: ProjectModel): (PublicPrefix & SecretName) | undefined {
  const prefix = publicPrefixOf(name, file.package, model);
  if (!prefix) return undefined;
  const secret = secretEnvName(name);
  return secret ? { ...prefix, ...secret } : undefined;
}

/** Whether this node is a read that `secret-in-public-env` reports, so a more specific rule leaves that spot to it. */
export function isReportedPublicSecretRead(node: AstNode | undefined, file: SourceFile, model: ProjectModel): boolean {
  const name = node ? envVarRead(node) : undefined;
  return !!name && !!publicSecretEnv(name, file, model);
}
