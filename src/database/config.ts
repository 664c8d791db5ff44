import type { SourceFile } from '../model/types.js';
import type { EdgeFunctionConfig } from './types.js';

/** PostgREST serves these when config.toml does not say (Supabase's default `[api] schemas`). */
export const DEFAULT_EXPOSED_SCHEMAS = ['public', 'graphql_public'];

function table(value: unknown): Record<string, unknown> | undefined {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

export function exposedSchemas(config: SourceFile | undefined): string[] {
  const schemas = table(config?.toml?.api)?.schemas;
  if (Array.isArray(schemas) && schemas.every((s) => typeof s === 'string')) return schemas as string[];
  return DEFAULT_EXPOSED_SCHEMAS;
}

/** `[functions.<name>]` sections with the line of their `verify_jwt` key (smol-toml keeps no positions). */
export function edgeFunctions(config: SourceFile | undefined): EdgeFunctionConfig[] {
  const functions = table(config?.toml?.functions);
  if (!config || !functions) return [];
  const lines = config.text.split(/\r?\n/);
  const out: EdgeFunctionConfig[] = [];
  for (const [name, value] of Object.entries(functions)) {
    const section = table(value);
    if (!section) continue;
    const header = lines.findIndex((l) => {
      const m = /^\s*\[\s*functions\s*\.("?)([^"\]]+)\1\]/.exec(l);
      return m?.[2].trim().replace(/^"|"$/g, '') === name;
    });
    let line = header + 1;
    for (let i = header + 1; header >= 0 && i < lines.length && !/^\s*\[/.test(lines[i]); i++) {
      if (/^\s*verify_jwt\s*=/.test(lines[i])) line = i + 1;
    }
    out.push({ name, verifyJwt: section.verify_jwt !== false, line: Math.max(1, line) });
  }
  return out;
}
