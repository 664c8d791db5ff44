import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { memberPath, propertyName, staticString } from '../../engine/ast-utils.js';
import { bare } from './ast-helpers.js';
import type { AstNode } from '../../parse/types.js';

/** A cookie the server sets, as the rules about cookies read it. */
export interface CookieWrite {
  name: string;
  value: AstNode;
  /** The options argument (or the object of `cookies.set({ name, value, … })`), when there is one. */
  options?: AstNode;
  /** How it was set, for the options each API defaults to. */
  api: 'express' | 'fastify' | 'setCookie' | 'cookies.set';
  /** cookie-parser's `{ signed: true }`: signed with the app's secret. */
  signed: boolean;
}

/**
 * A cookie set by the server: Express's `res.cookie('name', value, options)`, Fastify's
 * `reply.setCookie('name', value, options)`, hono/cookie's and h3's `setCookie(c, 'name', value, options)` (not
 * `setSignedCookie`), and the `set` of a cookie store: Next's `cookies().set('name', value, options)` and
 * `response.cookies.set({ name, value, … })`, SvelteKit's and Astro's `cookies.set`. Koa's `ctx.cookies` are left out:
 * they are signed when the app has keys and HttpOnly by default. `constants` names the file's string constants, for
 * names kept in one (`const SESSION_COOKIE = 'pp_session'`).
 */
export function cookieWrite(call: TSESTree.CallExpression, constants: ReadonlyMap<string, string>): CookieWrite | undefined {
  const callee = call.callee;
  const method = callee.type === 'MemberExpression' ? propertyName(callee) : callee.type === 'Identifier' ? callee.name : undefined;
  const args = call.arguments as AstNode[];
  let nameArg: AstNode | undefined;
  let valueArg: AstNode | undefined;
  let options: AstNode | undefined;
  let api: CookieWrite['api'];
  if (method === 'cookie' && callee.type === 'MemberExpression') {
    [nameArg, valueArg, options] = args;
    api = 'express';
  } else if (method === 'setCookie' && callee.type === 'MemberExpression' && args.length >= 2) {
    [nameArg, valueArg, options] = args;
    api = 'fastify';
  } else if (method === 'setCookie' && callee.type === 'Identifier' && args.length >= 3) {
    [, nameArg, valueArg, options] = args;
    api = 'setCookie';
  } else if (method === 'set' && callee.type === 'MemberExpression' && /cookie/i.test(storeName(bare(callee.object as AstNode)))) {
    const memberOwner = memberPath(callee.object as AstNode) ?? '';
    if (memberOwner === 'ctx.cookies' || memberOwner.endsWith('.ctx.cookies')) return undefined;
    api = 'cookies.set';
    if (args[0]?.type === 'ObjectExpression') {
      const prop = (key: string) => (args[0] as TSESTree.ObjectExpression).properties.find((p): p is TSESTree.Property => p.type === 'Property' && propertyName(p) === key)?.value as AstNode | undefined;
      [nameArg, valueArg, options] = [prop('name'), prop('value'), args[0]];
    } else [nameArg, valueArg, options] = args;
  } else return undefined;
  if (!nameArg || !valueArg) return undefined;
  const name = staticString(nameArg) ?? (nameArg.type === 'Identifier' ? constants.get(nameArg.name) : undefined);
  if (!name) return undefined;
  const signed = options?.type === 'ObjectExpression' && options.properties.some((p) => p.type === 'Property' && propertyName(p) === 'signed' && !(p.value.type === 'Literal' && p.value.value === false));
  return { name, value: valueArg, options, api, signed };
}

/** What a cookie store is called: `cookies`, `cookieStore`, `response.cookies`, or the call that gives it (`cookies()`, `(await cookies())`). */
function storeName(owner: AstNode | undefined): string {
  if (!owner) return '';
  return memberPath(owner) ?? (owner.type === 'CallExpression' ? (memberPath(owner.callee as AstNode) ?? '') : '');
}
