import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { propertyName } from '../../engine/ast-utils.js';
import type { ImportBinding } from '../../dataflow/modules.js';

/** A call into a JWT library, named as `<library>.<function>`: `jsonwebtoken.verify`, `jose.decodeJwt`, `jwt-decode.decode`. */
export type JwtCall = 'jsonwebtoken.decode' | 'jsonwebtoken.verify' | 'jsonwebtoken.sign' | 'jose.decodeJwt' | 'jwt-decode.decode' | 'hono/jwt.sign' | 'jwt-simple.encode' | '@tsndr/cloudflare-worker-jwt.sign' | '@tsndr/cloudflare-worker-jwt.decode';

const LIBS: Record<string, Partial<Record<string, JwtCall>>> = {
  jsonwebtoken: { decode: 'jsonwebtoken.decode', verify: 'jsonwebtoken.verify', sign: 'jsonwebtoken.sign' },
  jose: { decodeJwt: 'jose.decodeJwt' },
  'hono/jwt': { sign: 'hono/jwt.sign' },
  'jwt-simple': { encode: 'jwt-simple.encode' },
  '@tsndr/cloudflare-worker-jwt': { sign: '@tsndr/cloudflare-worker-jwt.sign', decode: '@tsndr/cloudflare-worker-jwt.decode' },
};

/** The calls that sign a payload into a token. */
export const JWT_SIGNS: ReadonlySet<JwtCall> = new Set(['jsonwebtoken.sign', 'hono/jwt.sign', 'jwt-simple.encode', '@tsndr/cloudflare-worker-jwt.sign']);

/** What JWT function a call is, with the import that names it resolved (`import jwt from 'jsonwebtoken'`, `const { decode } = require(…)`). */
export function jwtCall(call: TSESTree.CallExpression, imports: ReadonlyMap<string, ImportBinding>): JwtCall | undefined {
  const callee = call.callee;
  if (callee.type === 'Identifier') {
    const b = imports.get(callee.name);
    if (!b) return undefined;
    if (b.source === 'jwt-decode' && (b.imported === 'default' || b.imported === 'jwtDecode' || b.imported === '*')) return 'jwt-decode.decode';
    if (b.source === 'jsonwebtoken' && (b.imported === '*' || b.imported === 'default')) return undefined;
    return LIBS[b.source]?.[b.imported];
  }
  if (callee.type === 'MemberExpression' && callee.object.type === 'Identifier') {
    const b = imports.get(callee.object.name);
    const name = propertyName(callee);
    if (!b || !name || (b.imported !== '*' && b.imported !== 'default')) return undefined;
    if (b.source === 'jwt-decode' && name === 'jwtDecode') return 'jwt-decode.decode';
    return LIBS[b.source]?.[name];
  }
  return undefined;
}

/** How the code names the call, for messages. */
export function jwtCallLabel(call: TSESTree.CallExpression): string {
  const c = call.callee;
  if (c.type === 'Identifier') return c.name;
  if (c.type === 'MemberExpression' && c.object.type === 'Identifier') return `${c.object.name}.${propertyName(c) ?? '…'}`;
  return 'decode';
}
