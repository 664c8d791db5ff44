import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { objectProperty, staticString } from '../engine/ast-utils.js';
import type { SourceFile } from '../model/types.js';
import type { AstNode, Program } from '../parse/types.js';
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

/** `serverless.yml` of a Serverless Framework service, or an AWS SAM template. */
export const SERVERLESS_CONFIG = /(?:^|\/)(?:serverless|template)\.ya?ml$/;

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
  if (/(?:^|\/)template\.ya?ml$/.test(file.path)) return samFunctions(file, record(config));
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
        if (h?.authorizer) auth = { text: `API Gateway's authorizer \`${authorizerName(h.authorizer)}\` (function \`${name}\`)`, file: file.path, line };
        else if (h?.private === true) auth = { text: `an API key API Gateway checks (\`private: true\`, function \`${name}\`)`, file: file.path, line };
      }
      if (!method || path === undefined) continue;
      out.push({ module: handler[1].replace(/^\.\//, ''), exportName: handler[2], method: method === '*' || method.toLowerCase() === 'any' ? 'ANY' : method.toUpperCase(), path: at(path), ...(auth ? { auth } : {}) });
    }
  }
  return out;
}

/**
 * An AWS SAM template's functions with `Api` or `HttpApi` events: `Resources: { GetNote: { Type:
 * AWS::Serverless::Function, Properties: { CodeUri, Handler: src/get.handler, Events: { Api: { Type: Api, Properties:
 * { Path: /notes/{id}, Method: GET, Auth: { Authorizer } } } } } } }`. An authorizer counts from the event's `Auth`, or
 * as the default of the template's `Globals` or of the API resource the event names (but `NONE`, `AWS_IAM` aside).
 */
function samFunctions(file: SourceFile, config: Record<string, unknown> | undefined): ServerlessHttpFunction[] {
  const resources = record(config?.Resources);
  if (!resources || !String(config?.Transform ?? '').includes('AWS::Serverless')) return [];
  const defaultOf = (auth: unknown) => {
    const name = record(auth)?.DefaultAuthorizer;
    return typeof name === 'string' && name !== 'NONE' ? name : undefined;
  };
  const globals = record(config?.Globals);
  const globalDefault = defaultOf(record(globals?.Api)?.Auth) ?? defaultOf(record(globals?.HttpApi)?.Auth);
  const out: ServerlessHttpFunction[] = [];
  for (const [name, value] of Object.entries(resources)) {
    const resource = record(value);
    const props = record(resource?.Properties);
    if (resource?.Type !== 'AWS::Serverless::Function' || typeof props?.Handler !== 'string') continue;
    const handler = /^(.+)\.([A-Za-z_$][\w$]*)$/.exec(props.Handler.trim());
    if (!handler) continue;
    const codeUri = typeof props.CodeUri === 'string' ? props.CodeUri.replace(/^\.\//, '').replace(/\/?$/, '/') : '';
    const line = lineOf(file, name);
    for (const event of Object.values(record(props.Events) ?? {})) {
      const e = record(event);
      const p = record(e?.Properties);
      if ((e?.Type !== 'Api' && e?.Type !== 'HttpApi') || typeof p?.Path !== 'string' || typeof p.Method !== 'string') continue;
      const api = record(p.RestApiId ?? p.ApiId);
      const apiName = typeof api?.Ref === 'string' ? api.Ref : undefined;
      const apiDefault = apiName ? defaultOf(record(record(resources[apiName])?.Properties)?.Auth) : undefined;
      const own = record(p.Auth)?.Authorizer;
      const authorizer = own === 'NONE' ? undefined : typeof own === 'string' ? own : (apiDefault ?? globalDefault);
      out.push({
        module: `${codeUri}${handler[1]}`,
        exportName: handler[2],
        method: p.Method.toLowerCase() === 'any' ? 'ANY' : p.Method.toUpperCase(),
        path: p.Path.replace(/\{([^}+]+)\+?\}/g, ':$1'),
        ...(authorizer ? { auth: { text: `API Gateway's authorizer \`${authorizer}\` (function \`${name}\`)`, file: file.path, line } } : {}),
      });
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

/**
 * The functions a TypeScript service configures one per file (the aws-nodejs-typescript template's
 * `src/functions/hello/index.ts`): `export default { handler: \`${handlerPath(__dirname)}/handler.main\`, events: [{
 * http: { method: 'post', path: 'hello', authorizer: … } }] }`. The handler's module is beside the file.
 */
export function lambdaConfigOf(ast: Program, text: string, file: string): ServerlessHttpFunction[] {
  const stmt = ast.body.find((s): s is TSESTree.ExportDefaultDeclaration => s.type === 'ExportDefaultDeclaration');
  const config = stmt?.declaration.type === 'ObjectExpression' ? stmt.declaration : undefined;
  const value = (obj: TSESTree.ObjectExpression, key: string) => objectProperty(obj, key)?.value as AstNode | undefined;
  const handler = config && value(config, 'handler');
  const events = config && value(config, 'events');
  // `${handlerPath(__dirname)}/handler.main`: a module of this folder.
  // (`handlerPath(__dirname)`, or `__dirname.split(process.cwd())[1].substring(1)`.)
  const folder = handler?.type === 'TemplateLiteral' && handler.expressions.length === 1 ? handler.expressions[0] : undefined;
  const beside = !!folder && /\b__dirname\b/.test(text.slice(folder.range[0], folder.range[1]));
  const tail = beside && handler?.type === 'TemplateLiteral' ? handler.quasis[1]?.value.cooked : undefined;
  const target = tail ? /^\/(.+)\.([A-Za-z_$][\w$]*)$/.exec(tail) : null;
  if (!target || events?.type !== 'ArrayExpression') return [];
  const dir = file.slice(0, file.lastIndexOf('/') + 1);
  const out: ServerlessHttpFunction[] = [];
  for (const e of events.elements) {
    if (e?.type !== 'ObjectExpression') continue;
    const http = value(e, 'http') ?? value(e, 'httpApi');
    if (http?.type !== 'ObjectExpression') continue;
    const method = staticString(value(http, 'method'));
    const path = staticString(value(http, 'path'));
    if (!method || path === undefined) continue;
    const authorizer = value(http, 'authorizer');
    const keyed = value(http, 'private');
    const auth: Evidence | undefined = authorizer
      ? { text: `API Gateway's authorizer \`${staticString(authorizer) ?? 'authorizer'}\``, file, line: authorizer.loc.start.line }
      : keyed?.type === 'Literal' && keyed.value === true
        ? { text: 'an API key API Gateway checks (`private: true`)', file, line: keyed.loc.start.line }
        : undefined;
    out.push({ module: `${dir}${target[1]}`, exportName: target[2], method: method === '*' || method.toLowerCase() === 'any' ? 'ANY' : method.toUpperCase(), path: (path.startsWith('/') ? path : `/${path}`).replace(/\{([^}+]+)\+?\}/g, ':$1'), ...(auth ? { auth } : {}) });
  }
  return out;
}
