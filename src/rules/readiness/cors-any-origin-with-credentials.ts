import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { calleePath, memberPath, moduleConstants, propertyName, staticString, topLevelFunction } from '../../engine/ast-utils.js';
import { defineAstRule } from '../../engine/rule.js';
import { isScript } from '../../classify/types.js';
import { defineFileFact } from '../../model/facts.js';
import { dependencyOf } from '../../model/package-facts.js';
import type { ProjectModel, SourceFile } from '../../model/types.js';
import type { AstNode } from '../../parse/types.js';
import { bare, enclosingFunction, isFunction, walk, type FunctionNode } from '../access-control/ast-helpers.js';
import { developmentOnly } from '../development-branch.js';
import { paramName } from '../../dataflow/sources.js';

/**
 * CORS that answers every origin with its own name and allows credentials (CWE-942): `cors({ origin: true,
 * credentials: true })`, an origin callback that always says yes, Elysia's `cors()` (which does both by default), or
 * `Access-Control-Allow-Origin` set to the request's `Origin` header beside `Access-Control-Allow-Credentials: true`.
 * A page on any website can then call the API with the visitor's cookies and read the answers. Also origin tests any
 * site can pass: every subdomain of a hosting service anyone deploys to (`origin.endsWith('.vercel.app')`), a domain
 * looked for anywhere in the origin, a callback that checks and then allows every origin anyway. `origin: '*'` is not
 * reported: browsers refuse credentials with it. Nor is an origin the code checks first (a list, a comparison).
 */

/** Calls whose options are CORS settings: `cors(…)` (express, Hono, Elysia), `app.enableCors(…)` (NestJS). */
const CORS_CALL = /(?:^|\.)(?:cors|Cors|enableCors|fastifyCors)$/;
/** Fastify's `register(cors, { … })`. */
const CORS_PLUGIN = /^(?:cors|fastifyCors|corsPlugin)$|@fastify\/cors/;
/** Regexes of any origin: `/.*\/`, `/^.*$/`, `/.+/`. */
const ANY_PATTERN = /^\^?\(?\.[*+]\)?\$?$/;
/** Packages that sign visitors in with a cookie. */
const COOKIE_SESSION_PACKAGES = ['express-session', 'cookie-session', 'iron-session', 'next-auth', '@auth/core', '@auth/express', '@auth/sveltekit', 'lucia', 'better-auth', '@supabase/ssr', '@supabase/auth-helpers-nextjs', '@fastify/cookie', '@fastify/session', '@fastify/secure-session', 'koa-session', '@hono/session', 'hono-sessions'];
/** Code that sets or reads a cookie or a server session (`cookie-parser` alone says nothing: it is installed by habit). */
const COOKIE_CODE = /\bres\.cookie\s*\(|\b(?:req|request)\.cookies\b|\bcookies\(\)\.(?:set|get)\s*\(|\bcookies\.(?:set|get)\s*\(|\b(?:set|get)Cookie\s*\(|['"`]Set-Cookie['"`]|\breq\.session\b|\bcookie\.\w+\.(?:set|value)\b|\bcookie\s*:\s*\{\s*\w+/;

/** Whether any server code of the project sets or reads cookies: sign-in is often in another file than CORS. */
const cookieCode = defineFileFact(
  'cookie code',
  (f) => (isScript(f.language) && (f.role === 'server' || f.role === 'shared') && COOKIE_CODE.test(f.text) ? true : undefined),
  (parts) => parts.length > 0,
);
/** The request's `Origin` header, as frameworks read it. */
const ORIGIN_READ = /^(?:req|request|c\.req|ctx\.request|ctx|event\.request|context\.request)\.(?:headers\.get|header|get|getHeader)$|(?:^|\.)(?:headers|\w*Headers)\.get$/;

export const corsAnyOriginWithCredentials = defineAstRule({
  id: 'cors-any-origin-with-credentials',
  messageIds: ['withCookies', 'withoutCookies', 'sharedHost', 'loose'],
  appliesTo: { roles: ['server', 'shared'] },
  triggers: [/cors|access-control-allow-origin/i],
  create({ file, model, report }) {
    let cookies: boolean | undefined;
    const signsInWithCookies = () => (cookies ??= usesCookieSignIn(file, model));
    // `visited`: the node the traversal is at, whose ancestors are linked (the development test looks up from it).
    const found = (visited: AstNode, node: AstNode, code: string, weak?: 'sharedHost' | 'loose') => {
      if (developmentOnly(visited, file.text)) return;
      const withCookies = signsInWithCookies();
      const messageId = weak ?? (withCookies ? 'withCookies' : 'withoutCookies');
      report({ messageId, node, severity: withCookies ? 'high' : 'low', data: { code } });
    };
    const constants = () => moduleConstants(file.ast);
    const checked = new Set<AstNode>();
    // Elysia's `cors` allows credentials unless told not to (options kept in a constant too).
    const elysiaFile = /['"]@elysiajs\/cors['"]/.test(file.text);
    return {
      CallExpression(node) {
        const callee = calleePath(node) ?? '';
        if (CORS_CALL.test(callee)) {
          const elysia = callee === 'cors' && elysiaFile;
          const options = optionsObject(node.arguments[0] as AstNode | undefined, constants());
          // `cors()` alone: Elysia's reflects the origin with credentials; express's and Hono's send `*` without.
          if (!options && node.arguments.length === 0 && elysia) found(node, node, 'cors()');
          else if (options) checkOptions(options, node, elysia);
          return;
        }
        // `fastify.register(cors, { origin: true, credentials: true })`.
        if (/(?:^|\.)register$/.test(callee) && node.arguments.length >= 2) {
          const plugin = node.arguments[0] as AstNode;
          const name = plugin.type === 'Identifier' ? plugin.name : plugin.type === 'CallExpression' || plugin.type === 'ImportExpression' ? file.text.slice(plugin.range[0], plugin.range[1]) : '';
          const options = CORS_PLUGIN.test(name) ? optionsObject(node.arguments[1] as AstNode, constants()) : undefined;
          if (options) checkOptions(options, node, false);
          return;
        }
        // `res.setHeader('Access-Control-Allow-Origin', req.headers.origin)`, `headers.set(…)`, `c.header(…)`.
        const method = /(?:^|\.)(setHeader|header|set|append)$/.exec(callee)?.[1];
        if (method && node.arguments.length >= 2 && isAllowOrigin(staticString(node.arguments[0] as AstNode))) checkHeader(node, node.arguments[1] as AstNode);
      },
      // `export const corsOptions = { origin: …, credentials: true }`, handed to `cors()` in another file.
      VariableDeclarator(node) {
        if (node.id.type === 'Identifier' && /cors/i.test(node.id.name) && node.init?.type === 'ObjectExpression') checkOptions(node.init, node, elysiaFile);
      },
      Property(node) {
        const key = propertyName(node);
        // `{ cors: { origin: true, credentials: true } }` (NestFactory.create, socket.io's Server).
        if (key === 'cors' && node.value.type === 'ObjectExpression' && handedToCall(node)) checkOptions(node.value, node, false);
        // `{ 'Access-Control-Allow-Origin': origin }` in a Response's or writeHead's headers.
        else if (isAllowOrigin(key)) checkHeader(node, node.value as AstNode);
      },
    };

    function checkOptions(options: TSESTree.ObjectExpression, at: AstNode, elysia: boolean): void {
      // An options constant is read where it is made and again where it is handed to `cors()`.
      if (checked.has(options)) return;
      checked.add(options);
      const props = new Map<string, TSESTree.Property>();
      for (const p of options.properties) if (p.type === 'Property') props.set(propertyName(p) ?? '', p);
      const credentials = props.get('credentials');
      // Elysia allows credentials unless told not to; the others only when told to.
      const allowsCredentials = credentials ? isTrue(credentials.value as AstNode) : elysia;
      if (!allowsCredentials || options.properties.some((p) => p.type === 'SpreadElement')) return;
      const origin = props.get('origin');
      const value = bare(origin?.value as AstNode | undefined);
      // An origin function: one that lets every origin in, or one whose test any site can pass.
      if (value && isFunction(value)) {
        const checks = originChecks(value, new Set(paramNames(value).slice(0, 1).filter((n): n is string => !!n)), file.text);
        // A helper of this file it hands the origin to (`if (isAllowedOrigin(origin)) return cb(null, true)`).
        checks.weak ??= helperChecks(value).weak;
        if (checks.weak) found(at, origin!, checks.weak.code, checks.weak.kind);
        else if (alwaysAllows(value)) found(at, origin!, endsAllowing(value) && !oneStatement(value) ? 'an origin function that ends by allowing every origin' : 'an origin function that allows every origin');
        return;
      }
      // `origin: /\.vercel\.app$/`, or such a pattern in a list (express's and Fastify's cors take both).
      const pattern = [value, ...(value?.type === 'ArrayExpression' ? value.elements : [])].find((e): e is TSESTree.RegExpLiteral => e?.type === 'Literal' && 'regex' in e && !!e.regex && SHARED_HOST_PATTERN.test(e.regex.pattern));
      if (pattern) return found(at, origin!, `/${pattern.regex.pattern}/`, 'sharedHost');
      const reflects = origin ? reflection(origin.value as AstNode) : elysia ? 'origin: true' : undefined;
      if (reflects) found(at, origin ?? at, reflects);
    }

    /** The weak tests of the file's top-level functions that an origin function hands its origin to. */
    function helperChecks(fn: FunctionNode): OriginChecks {
      const origin = paramNames(fn)[0];
      const out: OriginChecks = { strict: false };
      if (!origin) return out;
      walk(fn.body as AstNode, (n) => {
        if (out.weak || n.type !== 'CallExpression' || n.callee.type !== 'Identifier') return;
        const at = n.arguments.findIndex((a) => a.type === 'Identifier' && a.name === origin);
        const helper = at < 0 ? undefined : topLevelFunction(file.ast, n.callee.name);
        const param = helper ? paramNames(helper)[at] : undefined;
        if (helper && param) out.weak = originChecks(helper.body as AstNode, new Set([param]), file.text).weak;
      });
      return out;
    }

    /** `Access-Control-Allow-Origin` set to the request's own Origin, with credentials allowed beside it and no check of the origin. */
    function checkHeader(at: AstNode, value: AstNode): void {
      const fn = enclosingFunction(at);
      const scope = (fn ?? file.ast) as AstNode;
      const read = originRead(value, fn);
      if (!read || !allowsCredentialsIn(scope)) return;
      const checks = originChecks(scope, read.names, file.text);
      if (checks.weak) found(at, at, `${checks.weak.code}`, checks.weak.kind);
      else if (!checks.strict) found(at, at, `Access-Control-Allow-Origin: ${read.label}`);
    }

    /** What the request's Origin header is read as in this value, directly or through a local (`const origin = req.headers.origin`). */
    function originRead(value: AstNode, fn: AstNode | undefined): { label: string; names: Set<string> } | undefined {
      let v = bare(value);
      // `origin || '*'`, `origin ?? ''`: the origin whenever one is sent.
      if (v?.type === 'LogicalExpression' && (v.operator === '||' || v.operator === '??')) v = bare(v.left as AstNode);
      if (!v) return undefined;
      if (isOriginHeader(v)) return { label: file.text.slice(v.range[0], v.range[1]), names: new Set() };
      if (v.type !== 'Identifier' || !fn) return undefined;
      const name = v.name;
      let bound: AstNode | undefined;
      walk(fn, (n) => {
        if (n.type === 'VariableDeclarator' && n.init) {
          if (n.id.type === 'Identifier' && n.id.name === name) bound = bare(n.init as AstNode);
          // `const { origin } = req.headers`.
          else if (n.id.type === 'ObjectPattern' && /^(?:req|request)\.headers$/.test(memberPath(n.init as AstNode) ?? '') && n.id.properties.some((p) => p.type === 'Property' && propertyName(p) === 'origin' && p.value.type === 'Identifier' && p.value.name === name)) bound = n.init as AstNode;
        }
      });
      if (bound?.type === 'LogicalExpression' && (bound.operator === '||' || bound.operator === '??')) bound = bare(bound.left as AstNode);
      if (!bound || (!isOriginHeader(bound) && !/^(?:req|request)\.headers$/.test(memberPath(bound) ?? ''))) return undefined;
      return { label: name, names: new Set([name]) };
    }
  },
});

/** The object holding this property is an argument of a call or `new` (a server's or app's options). */
function handedToCall(property: TSESTree.Property): boolean {
  const holder = property.parent as AstNode | undefined;
  const call = holder?.parent as AstNode | undefined;
  return (call?.type === 'CallExpression' || call?.type === 'NewExpression') && call.arguments.includes(holder as TSESTree.CallExpressionArgument);
}

/** How an `origin` option lets every origin in (shown in the message), or undefined. */
function reflection(value: AstNode): string | undefined {
  const v = bare(value);
  if (!v) return undefined;
  if (isTrue(v)) return 'origin: true';
  if (v.type === 'Literal' && 'regex' in v && v.regex && ANY_PATTERN.test(v.regex.pattern)) return `origin: /${v.regex.pattern}/`;
  // `origin: process.env.CORS_ORIGIN || true`: every origin whenever the variable is not set.
  if (v.type === 'LogicalExpression' && (v.operator === '||' || v.operator === '??') && isTrue(v.right as AstNode)) return `origin: … ${v.operator} true`;
  return undefined;
}

/**
 * An origin callback or function that lets every origin in: `(origin, cb) => cb(null, true)`, `cb(null, origin)`,
 * `(origin) => origin` (Hono), `() => true` (Elysia), or one that tests the origin but ends by allowing it anyway
 * (`if (allowed.includes(origin)) return cb(null, true); return cb(null, true); // allow all for now`).
 */
function alwaysAllows(fn: FunctionNode): boolean {
  return (oneStatement(fn) && allowsIn(fn, bare(singleExpression(fn.body as AstNode)))) || endsAllowing(fn);
}

function oneStatement(fn: FunctionNode): boolean {
  return fn.body.type !== 'BlockStatement' || fn.body.body.length === 1;
}

/** The expression a one-statement body returns or runs. */
function singleExpression(body: AstNode): AstNode | undefined {
  if (body.type !== 'BlockStatement') return body;
  const only = body.body[0];
  return only?.type === 'ReturnStatement' ? (only.argument as AstNode | undefined) : only?.type === 'ExpressionStatement' ? (only.expression as AstNode) : undefined;
}

/** The value allows the origin: `true`, the origin itself, or the callback called with either. */
function allowsIn(fn: FunctionNode, value: AstNode | undefined): boolean {
  const [originParam, callbackParam] = paramNames(fn);
  const allows = (n: AstNode | undefined) => !!n && (isTrue(n) || (n.type === 'Identifier' && n.name === originParam));
  if (!value) return false;
  if (value.type === 'CallExpression' && callbackParam && value.callee.type === 'Identifier' && value.callee.name === callbackParam) {
    const [error, result] = value.arguments as AstNode[];
    return error?.type === 'Literal' && error.value === null && allows(result);
  }
  return allows(value);
}

/** A block body whose last statement allows the origin, or ends in an `if … else` whose branches both do. */
function endsAllowing(fn: FunctionNode): boolean {
  const ends = (st: AstNode | undefined): boolean => {
    if (!st) return false;
    if (st.type === 'BlockStatement') return ends(st.body[st.body.length - 1] as AstNode | undefined);
    if (st.type === 'IfStatement') return !!st.alternate && ends(st.consequent as AstNode) && ends(st.alternate as AstNode);
    if (st.type === 'ReturnStatement') return allowsIn(fn, bare(st.argument as AstNode | undefined));
    return st.type === 'ExpressionStatement' && allowsIn(fn, bare(st.expression as AstNode));
  };
  return fn.body.type === 'BlockStatement' && ends(fn.body as AstNode);
}

/** The names of a function's parameters (`undefined` for a pattern). */
function paramNames(fn: FunctionNode): (string | undefined)[] {
  return fn.params.map(paramName);
}

/** The options object an argument is, or names (`const corsOptions = { … }` at the top of the file). */
function optionsObject(arg: AstNode | undefined, constants: ReadonlyMap<string, AstNode>): TSESTree.ObjectExpression | undefined {
  const v = bare(arg);
  if (v?.type === 'ObjectExpression') return v;
  const bound = v?.type === 'Identifier' ? bare(constants.get(v.name)) : undefined;
  return bound?.type === 'ObjectExpression' ? bound : undefined;
}

function isTrue(node: AstNode): boolean {
  const v = bare(node);
  if (!v) return false;
  if (v.type === 'Literal') return v.value === true || v.value === 'true';
  return v.type === 'UnaryExpression' && v.operator === '!' && v.argument.type === 'Literal' && v.argument.value === 0;
}

function isAllowOrigin(name: string | undefined): boolean {
  return name?.toLowerCase() === 'access-control-allow-origin';
}

/** `req.headers.origin`, `req.headers['origin']`, `req.header('origin')`, `req.get('Origin')`, `request.headers.get('origin')`. */
function isOriginHeader(node: AstNode): boolean {
  if (node.type === 'MemberExpression') return propertyName(node)?.toLowerCase() === 'origin' && /(?:^|\.)headers?$/.test(memberPath(node.object as AstNode) ?? '');
  if (node.type !== 'CallExpression') return false;
  const path = calleePath(node) ?? '';
  return ORIGIN_READ.test(path) && staticString(node.arguments[0] as AstNode)?.toLowerCase() === 'origin';
}

/** `Access-Control-Allow-Credentials` set to true in this function (a header call or a headers object). */
function allowsCredentialsIn(scope: AstNode): boolean {
  let allows = false;
  walk(scope, (n) => {
    if (allows) return false;
    if (n.type === 'CallExpression' && n.arguments.length >= 2 && staticString(n.arguments[0] as AstNode)?.toLowerCase() === 'access-control-allow-credentials' && isTrue(n.arguments[1] as AstNode)) allows = true;
    else if (n.type === 'Property' && propertyName(n)?.toLowerCase() === 'access-control-allow-credentials' && isTrue(n.value as AstNode)) allows = true;
  });
  return allows;
}

/** Hosting whose subdomains anyone can have: trusting every origin under one trusts every site deployed there. */
const SHARED_HOSTS = ['vercel.app', 'netlify.app', 'onrender.com', 'railway.app', 'herokuapp.com', 'pages.dev', 'workers.dev', 'github.io', 'web.app', 'firebaseapp.com', 'appspot.com', 'run.app', 'fly.dev', 'amplifyapp.com', 'azurewebsites.net', 'azurestaticapps.net', 'cloudfront.net', 'surge.sh', 'glitch.me', 'repl.co', 'replit.dev', 'replit.app', 'ngrok.io', 'ngrok-free.app', 'ngrok.app', 'loca.lt', 'deno.dev', 'koyeb.app', 'csb.app', 'lovable.app', 'lovableproject.com', 'webcontainer.io', 'stackblitz.io'];
const SHARED_HOST = new RegExp(`(?:^|\\.)(?:${SHARED_HOSTS.map((h) => h.replace(/\./g, '\\.')).join('|')})$`);
/** A regex of any subdomain of such a host: `/\.vercel\.app$/`, `/^https:\/\/.*\.netlify\.app$/`. */
const SHARED_HOST_PATTERN = new RegExp(`(?:^|[*+?\\]])\\\\?\\.?(?:${SHARED_HOSTS.map((h) => h.replace(/\./g, '\\\\\\.')).join('|')})\\$?$`);

/** How a function tests the origin: a comparison or a list (strict), or a test any site can pass (weak: `code` says which). */
interface OriginChecks {
  strict: boolean;
  weak?: { code: string; kind: 'sharedHost' | 'loose' };
}

/**
 * The tests of the origin in a function (or the file): a comparison, a list lookup, a pattern (`allowed.includes(origin)`,
 * `origin === APP_URL`), and weak ones: a suffix of shared hosting (`origin.endsWith('.vercel.app')`), a domain
 * looked for anywhere in the origin (`origin.includes('myapp.com')`), or a suffix without its dot
 * (`origin.endsWith('myapp.com')`, which `evilmyapp.com` has too).
 */
function originChecks(scope: AstNode, names: ReadonlySet<string>, text: string): OriginChecks {
  const mentions = (n: AstNode) => {
    let found = false;
    walk(n, (m) => {
      if (found) return false;
      if ((m.type === 'Identifier' && names.has(m.name)) || isOriginHeader(m)) found = true;
    });
    return found;
  };
  const out: OriginChecks = { strict: false };
  walk(scope, (n) => {
    if (n.type === 'BinaryExpression' && /^(?:===|!==|==|!=)$/.test(n.operator) && (mentions(n.left as AstNode) || mentions(n.right as AstNode))) out.strict = true;
    if (n.type !== 'CallExpression' || n.callee.type !== 'MemberExpression') return;
    const method = propertyName(n.callee) ?? '';
    if (!/^(?:includes|indexOf|has|test|match|startsWith|endsWith|some|find)$/.test(method)) return;
    const onOrigin = mentions(n.callee.object as AstNode);
    if (!onOrigin && !n.arguments.some((a) => mentions(a as AstNode))) return;
    const weak = weakCheck(n, method, onOrigin);
    if (weak) out.weak ??= { code: text.slice(n.range[0], n.range[1]), kind: weak };
    else out.strict = true;
  });
  return out;
}

/** A test of the origin that a site anyone can make passes, and why; undefined for a real one. */
function weakCheck(call: TSESTree.CallExpression, method: string, onOrigin: boolean): 'sharedHost' | 'loose' | undefined {
  const arg = staticString(call.arguments[0] as AstNode);
  if (onOrigin && arg !== undefined && /^(?:endsWith|includes|indexOf)$/.test(method)) {
    const host = arg.replace(/^https?:\/\//, '');
    if (SHARED_HOST.test(host.replace(/^\./, '')) && (method === 'endsWith' ? !host.includes('/') && host.split('.').length <= 3 : true)) return 'sharedHost';
    // A domain looked for anywhere in the origin, or at its end without the dot before it.
    if (/^[\w-]+(?:\.[\w-]+)+$/.test(host) && (method !== 'endsWith' || !arg.startsWith('.'))) return method === 'endsWith' && arg.startsWith('http') ? undefined : 'loose';
  }
  // `/\.vercel\.app$/.test(origin)`.
  const regex = call.callee.type === 'MemberExpression' ? bare(call.callee.object as AstNode) : undefined;
  if (method === 'test' && regex?.type === 'Literal' && 'regex' in regex && regex.regex && SHARED_HOST_PATTERN.test(regex.regex.pattern)) return 'sharedHost';
  return undefined;
}

/** The file's package signs visitors in with cookies (a session or auth package), or server code sets or reads them. */
function usesCookieSignIn(file: SourceFile, model: ProjectModel): boolean {
  if (COOKIE_CODE.test(file.text) || cookieCode(model)) return true;
  return COOKIE_SESSION_PACKAGES.some((name) => {
    const range = dependencyOf(file, model, name);
    return !!(range.dependency ?? range.dev);
  });
}
