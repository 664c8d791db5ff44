import type { SourceFile } from '../model/types.js';
import type { Evidence } from './types.js';

/** A function of a Serverless Framework service that API Gateway calls over HTTP. */
export interface ServerlessHttpFunction {
  /** The handler's module, relative to the service's folder, without its extension (`src/handlers/getNote`). */
  module: string;
  /** The export API Gateway invokes (`handler`). */
  exportName: string;
  method: string;
  path: string;
  /** The authorizer or API key the event declares: API Gateway turns away callers without one. */
  auth?: Evidence;
}

/** `serverless.yml` of a Serverless Framework service. */
export const SERVERLESS_CONFIG = /(?:^|\/)serverless\.ya?ml$/;

/**
 * The HTTP functions a `serverless.yml` declares: `functions: { getNote: { handler: src/get.handler, events: [{ http:
 * { method: get, path: notes/{id}, authorizer: auth } }] } }`, also `httpApi` events and their `'GET /notes'`
 * shorthand. An event with an `authorizer` (a Lambda, Cognito or JWT authorizer, `aws_iam`) or `private: true` (an API
 * key) is answered only for callers API Gateway let through.
 */
export function serverlessFunctions(file: SourceFile): ServerlessHttpFunction[] {
  let config: unknown;
  try {
    config = file.yaml?.toJS({ maxAliasCount: 100 });
  } catch {
    return [];
  }
  const functions = record(record(config)?.functions);
  if (!functions) return [];
  const out: ServerlessHttpFunction[] = [];
  for (const [name, value] of Object.entries(functions)) {
    const fn = record(value);
    const handler = typeof fn?.handler === 'string' ? /^(.+)\.([A-Za-z_$][\w$]*)$/.exec(fn.handler.trim()) : null;
    if (!fn || !handler || !Array.isArray(fn.events)) continue;
    const line = lineOf(file, name);
    for (const event of fn.events) {
      const e = record(event);
      const http = e?.http ?? e?.httpApi;
      const at = (path: string) => (path.startsWith('/') ? path : `/${path}`).replace(/\{([^}+]+)\+?\}/g, ':$1');
      let method: string | undefined;
      let path: string | undefined;
      let auth: Evidence | undefined;
      if (typeof http === 'string') {
        const m = /^\s*(\*|[A-Za-z]+)\s+(\S+)/.exec(http);
        if (m) [method, path] = [m[1], m[2]];
      } else {
        const h = record(http);
        if (typeof h?.method === 'string' && typeof h.path === 'string') [method, path] = [h.method, h.path];
        if (h?.authorizer) auth = { text: `API Gateway's authorizer \`${authorizerName(h.authorizer)}\` (serverless.yml, function \`${name}\`)`, file: file.path, line };
        else if (h?.private === true) auth = { text: `an API key API Gateway checks (\`private: true\`, function \`${name}\`)`, file: file.path, line };
      }
      if (!method || path === undefined) continue;
      out.push({ module: handler[1].replace(/^\.\//, ''), exportName: handler[2], method: method === '*' || method.toLowerCase() === 'any' ? 'ANY' : method.toUpperCase(), path: at(path), ...(auth ? { auth } : {}) });
    }
  }
  return out;
}

function authorizerName(value: unknown): string {
  if (typeof value === 'string') return value;
  const r = record(value);
  return String(r?.name ?? r?.type ?? r?.arn ?? 'authorizer');
}

function record(value: unknown): Record<string, unknown> | undefined {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

/** The line of `name:` in the file (the function's key), or 1. */
function lineOf(file: SourceFile, name: string): number {
  const at = file.text.search(new RegExp(`^[ \\t]*['"]?${name.replace(/[^\w-]/g, '')}['"]?[ \\t]*:`, 'm'));
  return at < 0 ? 1 : file.text.slice(0, at).split('\n').length;
}
