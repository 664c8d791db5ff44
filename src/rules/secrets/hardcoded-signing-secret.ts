import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { memberPath, objectProperty, parentOf, propertyName, staticString } from '../../engine/ast-utils.js';
import { defineAstRule, type FileContext } from '../../engine/rule.js';
import type { Severity } from '../../engine/finding.js';
import { collectImports, type ImportBinding } from '../../dataflow/modules.js';
import type { AstNode } from '../../parse/types.js';
import { overlapsRaw } from './file-secrets.js';
import { isNamedSecret } from './generic-hardcoded-secret.js';
import { isPlaceholderValue } from './values.js';

type MessageId = 'token' | 'session' | 'cookie' | 'hmac';
type Ctx = FileContext<MessageId>;

/** Where a library takes its signing key: an argument, or a key of an options object. */
interface Site {
  arg?: number;
  options?: string[];
  kind: MessageId;
}

const TOKEN = (arg: number): Site => ({ arg, kind: 'token' });
const TOKEN_OPTION: Site = { options: ['secret', 'secretOrKey'], kind: 'token' };

const REMIX_COOKIES: Record<string, Site> = {
  createCookieSessionStorage: { options: ['cookie.secrets'], kind: 'session' },
  createCookie: { options: ['secrets'], kind: 'cookie' },
};

/** Library functions by package and imported name (`default` for the package's default export). */
const SITES: Record<string, Record<string, Site>> = {
  jsonwebtoken: { sign: TOKEN(1), verify: TOKEN(1) },
  'hono/jwt': { sign: TOKEN(1), verify: TOKEN(1), jwt: TOKEN_OPTION },
  jose: { jwtVerify: TOKEN(1) },
  'express-jwt': { expressjwt: TOKEN_OPTION, expressJwt: TOKEN_OPTION, default: TOKEN_OPTION },
  'koa-jwt': { default: TOKEN_OPTION },
  'passport-jwt': { Strategy: TOKEN_OPTION },
  '@fastify/jwt': { default: TOKEN_OPTION },
  'fastify-jwt': { default: TOKEN_OPTION },
  '@elysiajs/jwt': { jwt: TOKEN_OPTION, default: TOKEN_OPTION },
  // Elysia signs the cookies named in `cookie.sign` with `cookie.secrets`: `new Elysia({ cookie: { secrets: '…' } })`.
  elysia: { Elysia: { options: ['cookie.secrets'], kind: 'cookie' }, default: { options: ['cookie.secrets'], kind: 'cookie' } },
  'cookie-session': { default: { options: ['secret', 'keys'], kind: 'session' } },
  'iron-session': { getIronSession: { options: ['password'], kind: 'session' }, sealData: { options: ['password'], kind: 'session' } },
  'next-auth': { default: { options: ['secret'], kind: 'session' } },
  // KeystoneJS 6 seals its session cookie with `secret`.
  '@keystone-6/core/session': { statelessSessions: { options: ['secret'], kind: 'session' }, storedSessions: { options: ['secret'], kind: 'session' } },
  '@fastify/secure-session': { default: { options: ['secret', 'key'], kind: 'session' } },
  'express-session': { default: { options: ['secret'], kind: 'cookie' } },
  '@fastify/session': { default: { options: ['secret'], kind: 'cookie' } },
  'cookie-parser': { default: { arg: 0, kind: 'cookie' } },
  '@fastify/cookie': { default: { options: ['secret'], kind: 'cookie' } },
  // Remix and React Router: a cookie session keeps the session's data in the cookie, signed with `secrets`.
  ...Object.fromEntries(['@remix-run/node', '@remix-run/cloudflare', '@remix-run/deno', '@remix-run/server-runtime', 'react-router'].map((source) => [source, REMIX_COOKIES])),
};

const NEST_JWT = '@nestjs/jwt';

/** A forged token or stateless session is any user; a signed session id or cookie still needs a real one. */
const SEVERITY: Record<MessageId, Severity> = { token: 'critical', session: 'high', cookie: 'medium', hmac: 'high' };

/** A key found in the code: the literal, and the name it was kept under (`const JWT_SECRET = '…'`, `secret: '…'`). */
interface Key {
  value: string;
  node: AstNode;
  name?: string;
}

export const hardcodedSigningSecret = defineAstRule({
  id: 'hardcoded-signing-secret',
  messageIds: ['token', 'session', 'cookie', 'hmac'],
  appliesTo: { roles: ['server', 'shared'] },
  // Every site is reached through an import or require of one of the packages above (or NestJS's JWT module), is
  // Web Crypto's `importKey`, or is an object of JWT settings (`jwtConstants`).
  triggers: [...Object.keys(SITES), NEST_JWT].map((s) => `'${s}'`).concat([...Object.keys(SITES), NEST_JWT].map((s) => `"${s}"`), ['importKey', 'createHmac', 'jwt', 'Jwt', 'JWT']),
  create(ctx) {
    let imports: ReadonlyMap<string, ImportBinding> = new Map();
    let nest: NestImports = { jwt: false, strategy: false };
    const consts = new Map<string, AstNode | null>();
    const sites: { call: TSESTree.CallExpression | TSESTree.NewExpression | TSESTree.ObjectExpression; site: Site; label: string }[] = [];
    return {
      Program(node) {
        imports = collectImports(node);
        nest = nestImports(imports);
      },
      VariableDeclarator(node) {
        if (node.id.type !== 'Identifier') return;
        // A name declared twice (or with `let`) is not one value: it is left alone.
        const declaration = parentOf(node);
        const kind = declaration?.type === 'VariableDeclaration' ? declaration.kind : 'let';
        consts.set(node.id.name, consts.has(node.id.name) || kind !== 'const' ? null : (node.init as AstNode | null));
      },
      CallExpression(node) {
        const found = siteOf(node, imports, ctx.file.text) ?? (nest.jwt || nest.strategy ? nestSiteOf(node, imports, nest) : undefined);
        if (found) sites.push({ call: node, ...found });
      },
      // NestJS's documented `export const jwtConstants = { secret: '…' }`, which JwtModule and guards in other files read.
      ObjectExpression(node) {
        const holder = parentOf(node);
        const declaration = holder && parentOf(holder);
        if (holder?.type !== 'VariableDeclarator' || holder.id.type !== 'Identifier' || !/jwt/i.test(holder.id.name) || !declaration || parentOf(declaration)?.type !== 'ExportNamedDeclaration') return;
        sites.push({ call: node, site: { options: ['secret', 'secretKey', 'secretOrKey', 'accessSecret', 'refreshSecret'], kind: 'token' }, label: holder.id.name });
      },
      NewExpression(node) {
        const found = siteOf(node, imports, ctx.file.text);
        if (found) sites.push({ call: node, ...found });
      },
      'Program:exit'() {
        // A key kept in a `const` and used to sign and to verify is one finding, at the key.
        const reported = new Set<AstNode>();
        for (const { call, site, label } of sites) {
          for (const key of keysOf(call, site, consts)) {
            // A webhook's key left out of the code on purpose (`'REDACTED'`, `'your-secret-here'`); a JWT signed with `'secret'` is not that.
            // Telegram's Web App check keys its HMAC with the constant `'WebAppData'` by design: the secret is the bot token it signs.
            if (reported.has(key.node) || (site.kind === 'hmac' && (isPlaceholderValue(key.value) || key.value === 'WebAppData'))) continue;
            reported.add(key.node);
            report(ctx, key, site.kind, label);
          }
        }
      },
    };
  },
});

/** The library function a call or `new` is, with how the code names it. */
function siteOf(node: TSESTree.CallExpression | TSESTree.NewExpression, imports: ReadonlyMap<string, ImportBinding>, text: string): { site: Site; label: string } | undefined {
  const callee = node.callee;
  let binding: ImportBinding | undefined;
  let name: string | undefined;
  if (callee.type === 'Identifier') {
    binding = imports.get(callee.name);
    // `const session = require('express-session')` is the package's default export, called.
    name = binding?.imported === '*' ? 'default' : binding?.imported;
  } else if (callee.type === 'MemberExpression' && callee.object.type === 'Identifier') {
    binding = imports.get(callee.object.name);
    name = binding && (binding.imported === '*' || binding.imported === 'default') ? propertyName(callee) : undefined;
    // jose's `new SignJWT(claims)…sign(key)`: the key is the argument of the chain's `sign`.
    if (!binding && propertyName(callee) === 'sign' && signJwtChain(callee.object as AstNode, imports)) return { site: TOKEN(0), label: 'SignJWT(…).sign' };
  } else if (callee.type === 'MemberExpression' && propertyName(callee) === 'sign' && signJwtChain(callee.object as AstNode, imports)) {
    return { site: TOKEN(0), label: 'SignJWT(…).sign' };
  }
  // `app.register(fastifyJwt, { secret })`, `fastify.register(require('@fastify/jwt'), { secret })`.
  if (!binding && callee.type === 'MemberExpression' && propertyName(callee) === 'register' && node.arguments.length >= 2) {
    const plugin = pluginSource(node.arguments[0] as AstNode, imports);
    const site = plugin ? SITES[plugin]?.default : undefined;
    if (site?.options) return { site: { options: site.options, kind: site.kind }, label: `register(${plugin})` };
    return undefined;
  }
  // A hand-made JWT: `crypto.subtle.importKey('raw', encoder.encode(JWT_SECRET), { name: 'HMAC', … }, …)`.
  // (In a file about tokens or sessions.)
  if (!binding && /(?:^|\.)subtle\.importKey$/.test(memberPath(callee as AstNode) ?? '') && staticString(node.arguments[0] as AstNode) === 'raw' && isHmac(node.arguments[2] as AstNode | undefined) && /jwt|bearer|session|access.?token/i.test(text)) {
    return { site: TOKEN(1), label: 'crypto.subtle.importKey' };
  }
  // `crypto.createHmac('sha256', '…')` (Node's global or imported `crypto`) where signatures are made or checked: a
  // webhook's or a link's. Whoever reads the key signs requests that pass.
  const hmac = callee.type === 'MemberExpression' ? memberPath(callee as AstNode) : binding?.source.replace(/^node:/, '') === 'crypto' ? `crypto.${name}` : undefined;
  if (hmac && /^(?:crypto|nodeCrypto)\.createHmac$/.test(hmac) && (!binding || binding.source.replace(/^node:/, '') === 'crypto') && SIGNING_WORDS.test(text)) return { site: { arg: 1, kind: 'hmac' }, label: 'crypto.createHmac' };
  if (!binding || !name) return undefined;
  const site = SITES[binding.source]?.[name];
  if (!site) return undefined;
  return { site, label: memberPath(callee as AstNode) ?? name };
}

/** Whether a file imports NestJS's JWT module, and passport-jwt's `Strategy` (for a strategy class's `super({ secretOrKey })`). */
interface NestImports {
  jwt: boolean;
  strategy: boolean;
}

function nestImports(imports: ReadonlyMap<string, ImportBinding>): NestImports {
  const out = { jwt: false, strategy: false };
  for (const b of imports.values()) {
    if (b.source === NEST_JWT) out.jwt = true;
    if (b.source === 'passport-jwt' && b.imported === 'Strategy') out.strategy = true;
  }
  return out;
}

/**
 * NestJS: `JwtModule.register({ secret })`, `this.jwtService.signAsync(payload, { secret })`, and a passport-jwt
 * strategy's `super({ secretOrKey })` (`class JwtStrategy extends PassportStrategy(Strategy)`).
 */
function nestSiteOf(node: TSESTree.CallExpression, imports: ReadonlyMap<string, ImportBinding>, nest: NestImports): { site: Site; label: string } | undefined {
  const callee = node.callee;
  if (callee.type === 'Super') return nest.strategy ? { site: { options: ['secretOrKey'], kind: 'token' }, label: 'PassportStrategy(Strategy)' } : undefined;
  if (callee.type !== 'MemberExpression' || !nest.jwt) return undefined;
  const method = propertyName(callee);
  const receiver = memberPath(callee.object as AstNode) ?? '';
  if (method === 'register' && imports.get(receiver)?.source === NEST_JWT) return { site: { options: ['secret', 'privateKey'], kind: 'token' }, label: 'JwtModule.register' };
  if (/^(?:sign|verify)(?:Async)?$/.test(method ?? '') && /(?:^|\.)jwtService$/i.test(receiver)) return { site: { options: ['secret', 'privateKey'], kind: 'token' }, label: `${receiver.split('.').pop()}.${method}` };
  return undefined;
}

/** Files that make or check signatures: webhooks, signed links and tokens. */
const SIGNING_WORDS = /webhook|signature|verify|x-[\w-]*(?:hmac|sig)|jwt|token/i;

/** `'HMAC'` or `{ name: 'HMAC', hash: 'SHA-256' }`: the algorithm Web Crypto signs tokens with by a shared key. */
function isHmac(algorithm: AstNode | undefined): boolean {
  const name = algorithm?.type === 'ObjectExpression' ? (objectProperty(algorithm, 'name')?.value as AstNode | undefined) : algorithm;
  return staticString(name) === 'HMAC';
}

function signJwtChain(node: AstNode, imports: ReadonlyMap<string, ImportBinding>): boolean {
  let cur: AstNode | undefined = node;
  while (cur?.type === 'CallExpression' && cur.callee.type === 'MemberExpression') cur = cur.callee.object as AstNode;
  if (cur?.type !== 'NewExpression') return false;
  const c = cur.callee;
  if (c.type === 'Identifier') return imports.get(c.name)?.source === 'jose' && imports.get(c.name)?.imported === 'SignJWT';
  return c.type === 'MemberExpression' && c.object.type === 'Identifier' && imports.get(c.object.name)?.source === 'jose' && propertyName(c) === 'SignJWT';
}

function pluginSource(node: AstNode, imports: ReadonlyMap<string, ImportBinding>): string | undefined {
  if (node.type === 'Identifier') {
    const b = imports.get(node.name);
    return b && (b.imported === 'default' || b.imported === '*') ? b.source : undefined;
  }
  if (node.type === 'CallExpression' && node.callee.type === 'Identifier' && node.callee.name === 'require') return staticString(node.arguments[0] as AstNode);
  return undefined;
}

/** The keys written in the code that a call passes to its library (or an exported object of JWT settings holds). */
function keysOf(call: TSESTree.CallExpression | TSESTree.NewExpression | TSESTree.ObjectExpression, site: Site, consts: Map<string, AstNode | null>): Key[] {
  const args = call.type === 'ObjectExpression' ? [call as AstNode] : (call.arguments as AstNode[]);
  if (site.arg !== undefined) {
    const key = args[site.arg] && keyOf(args[site.arg], consts);
    return key ? [key] : [];
  }
  const out: Key[] = [];
  for (const a of args) {
    const options = resolve(a, consts);
    if (options?.type !== 'ObjectExpression') continue;
    for (const option of site.options ?? []) {
      // `cookie.secrets`: a key of an object under another key.
      const path = option.split('.');
      const name = path.pop()!;
      let holder: AstNode | undefined = options;
      for (const step of path) {
        const inner: AstNode | undefined = holder?.type === 'ObjectExpression' ? (objectProperty(holder, step)?.value as AstNode | undefined) : undefined;
        holder = inner && resolve(inner, consts);
      }
      const p = holder?.type === 'ObjectExpression' ? objectProperty(holder, name) : undefined;
      if (!p) continue;
      const value = p.value as AstNode;
      // `keys: ['…', '…']` (cookie-session, rotation): each one.
      const values = value.type === 'ArrayExpression' ? (value.elements.filter((e) => e && e.type !== 'SpreadElement') as AstNode[]) : [value];
      for (const v of values) {
        const key = keyOf(v, consts, name);
        if (key) out.push(key);
      }
    }
  }
  return out;
}

/** A name bound once to a `const` in this file stands for its value. */
function resolve(node: AstNode, consts: Map<string, AstNode | null>, depth = 0): AstNode | undefined {
  let n: AstNode | undefined = node;
  while (n && (n.type === 'TSAsExpression' || n.type === 'TSSatisfiesExpression' || n.type === 'TSNonNullExpression')) n = n.expression as AstNode;
  if (n?.type === 'Identifier' && depth < 3) {
    const init = consts.get(n.name);
    return init ? resolve(init, consts, depth + 1) : undefined;
  }
  return n;
}

/**
 * A literal key: a string, or the bytes of one (`new TextEncoder().encode('…')`, `Buffer.from('…')`,
 * `createSecretKey(…)`), directly or through a `const`. A public key (PEM) is not a secret; an empty string is not a key.
 */
function keyOf(node: AstNode, consts: Map<string, AstNode | null>, name?: string, depth = 0): Key | undefined {
  if (depth > 4) return undefined;
  const held = node.type === 'Identifier' ? node.name : name;
  const n = resolve(node, consts);
  if (!n) return undefined;
  const value = staticString(n);
  if (value !== undefined) {
    if (!value.trim() || /-----BEGIN (?:RSA )?PUBLIC KEY-----|-----BEGIN CERTIFICATE-----/.test(value)) return undefined;
    return { value, node: n, name: held };
  }
  if (n.type === 'CallExpression' && n.arguments.length >= 1) {
    const callee = memberPath(n.callee as AstNode) ?? '';
    // `new TextEncoder().encode('…')`, or through a local encoder (`encoder.encode(JWT_SECRET)`).
    const encoder = n.callee.type === 'MemberExpression' ? (n.callee.object as AstNode) : undefined;
    const textEncoder = n.callee.type === 'MemberExpression' && propertyName(n.callee) === 'encode' && !!encoder && ((encoder.type === 'NewExpression' && memberPath(encoder.callee as AstNode) === 'TextEncoder') || (encoder.type === 'Identifier' && /encoder$/i.test(encoder.name)));
    if (textEncoder || /^(?:Buffer\.from|(?:crypto\.)?createSecretKey)$/.test(callee)) return keyOf(n.arguments[0] as AstNode, consts, held, depth + 1);
  }
  return undefined;
}

function report(ctx: Ctx, key: Key, kind: MessageId, label: string): void {
  const [start, end] = key.node.range;
  // A random value kept under a secret name is `generic-hardcoded-secret`'s, a provider's key `hardcoded-secret`'s.
  if (overlapsRaw(ctx.file, start, end) || (key.name && isNamedSecret(ctx.file, key.name, key.value, start, end))) return;
  ctx.report({
    messageId: kind,
    node: key.node,
    data: { call: label, where: key.name ? `\`${key.name}\`` : 'a string literal' },
    secrets: [key.value],
    severity: SEVERITY[kind],
  });
}
