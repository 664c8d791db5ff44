import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { calleePath, propertyName, staticString } from '../../engine/ast-utils.js';
import { defineAstRule } from '../../engine/rule.js';
import { isScript } from '../../classify/types.js';
import { defineFileFact } from '../../model/facts.js';
import { usesFramework } from '../../model/package-facts.js';
import type { AstNode } from '../../parse/types.js';
import { shorten } from '../../routes/ast.js';
import { bare } from '../access-control/ast-helpers.js';
import { cookieWrite } from '../access-control/cookie-writes.js';

/**
 * A session or token cookie set without `HttpOnly` (CWE-1004): `res.cookie('token', token)`,
 * `cookies().set('session', jwt, { maxAge })`, `setCookie(c, 'auth', token)`, `{ httpOnly: false }`, or a
 * `Set-Cookie` header written by hand without the flag. Every script on the page can then read it with
 * `document.cookie`: one XSS, compromised package or extension sends the session elsewhere. Left out: cookies that
 * are not sessions or tokens (a theme, a locale, a CSRF token scripts must read), cookies being cleared, APIs whose
 * default is HttpOnly (SvelteKit's `cookies.set`, Koa's `ctx.cookies`, express-session), options this file cannot
 * see, and an `httpOnly` worked out at run time.
 */

/** Names of cookies that carry a session or a credential. */
const AUTH_NAME = /sess|sid$|auth|token|jwt|login|refresh|bearer|credential|access_?key|remember/i;
/** Names of cookies that scripts read by design, or that say nothing of who the caller is. */
const NOT_AUTH = /csrf|xsrf|state$|oauth_?state|nonce|verifier|pkce|consent|theme|locale|lang|redirect|return|callback|cart|pref|visited|seen|banner|sidebar|tz$|timezone|expir|exists|hint|present|^is_?|^has_?/i;
/** A value that is a token or session whatever the cookie is called. */
const AUTH_VALUE = /\b(?:token|jwt|accessToken|access_token|refreshToken|refresh_token|sessionId|session_id|sessionToken|idToken|authToken)\b|\.sign\(|\bsign\(|SignJWT|encrypt\(|seal\w*\(/;
/** A header set by name: `res.setHeader('Set-Cookie', …)`, `c.header('Set-Cookie', …)`, `headers.append('Set-Cookie', …)`. */
const HEADER_SETTER = /(?:^|\.)(?:setHeader|header|set|append|writeHead)$/;

type Flag = { state: 'missing' } | { state: 'disabled' } | { state: 'fine' };

export const authCookieWithoutHttpOnly = defineAstRule({
  id: 'auth-cookie-without-httponly',
  messageIds: ['missing', 'disabled', 'header'],
  appliesTo: { roles: ['server', 'shared'] },
  triggers: [/cookie/i],
  create({ file, model, report }) {
    /** The file's string constants and object literals, for names and options kept in one. */
    const strings = new Map<string, string>();
    const objects = new Map<string, TSESTree.ObjectExpression>();
    const calls: TSESTree.CallExpression[] = [];
    const headers: { node: AstNode; value: AstNode }[] = [];
    let sveltekit: boolean | undefined;

    return {
      VariableDeclarator(node) {
        if (node.id.type !== 'Identifier') return;
        const init = bare(node.init as AstNode | null);
        const text = staticString(init);
        if (text !== undefined) strings.set(node.id.name, text);
        else if (init?.type === 'ObjectExpression') objects.set(node.id.name, init);
      },
      CallExpression(node) {
        calls.push(node);
        const callee = calleePath(node) ?? '';
        if (HEADER_SETTER.test(callee) && /^set-cookie$/i.test(staticString(node.arguments[0] as AstNode) ?? '') && node.arguments[1]) headers.push({ node, value: node.arguments[1] as AstNode });
      },
      Property(node) {
        // `headers: { 'Set-Cookie': `session=${id}; Path=/` }`.
        if (/^set-cookie$/i.test(propertyName(node) ?? '') && node.parent?.type === 'ObjectExpression') headers.push({ node: node as AstNode, value: node.value as AstNode });
      },
      'Program:exit'() {
        for (const call of calls) {
          const write = cookieWrite(call, strings) ?? serialized(call, strings);
          if (!write || !holdsCredential(write.name, write.value) || cleared(write.value, write.options)) continue;
          const flag = httpOnlyOf(write.options);
          if (flag.state === 'fine') continue;
          // SvelteKit's `cookies.set` is HttpOnly unless told otherwise, and so is Fastify's `setCookie` where the plugin is
          // registered with `parseOptions: { httpOnly: true }`.
          if (flag.state === 'missing' && write.api === 'cookies.set' && (sveltekit ??= usesFramework(file, model, 'sveltekit'))) continue;
          if (flag.state === 'missing' && write.api === 'fastify' && fastifyCookiesHttpOnly(model)) continue;
          // The call without its value, which may be a token written in the code.
          const code = `${shorten(file.text.slice(call.callee.range[0], call.callee.range[1]), 50)}(…)`;
          report({ messageId: flag.state, node: call as AstNode, data: { name: write.name, code }, confidence: AUTH_NAME.test(write.name) ? 'high' : 'medium' });
        }
        for (const { node, value } of headers) {
          const text = headerText(value);
          const name = text && /^\s*([\w.-]+)=/.exec(text)?.[1];
          if (!text || !name || /httponly/i.test(text) || /max-age=0\b|expires=thu,\s*0?1 jan 1970/i.test(text)) continue;
          const valuePart = file.text.slice(value.range[0], value.range[1]);
          if (!holdsCredentialText(name, valuePart)) continue;
          const code = node.type === 'CallExpression' ? `${shorten(file.text.slice(node.callee.range[0], node.callee.range[1]), 50)}('Set-Cookie', …)` : "'Set-Cookie': …";
          report({ messageId: 'header', node, data: { name, code }, confidence: AUTH_NAME.test(name) ? 'high' : 'medium' });
        }
      },
    };

    function holdsCredential(name: string, value: AstNode): boolean {
      return holdsCredentialText(name, file.text.slice(value.range[0], value.range[1]));
    }

    /** The `httpOnly` of the options: given as `false`, not given (following a local object and its spreads), or fine. */
    function httpOnlyOf(options: AstNode | undefined, depth = 0): Flag {
      const o = bare(options);
      if (!o) return { state: 'missing' };
      const object = o.type === 'ObjectExpression' ? o : o.type === 'Identifier' ? objects.get(o.name) : undefined;
      // Options made elsewhere, or at run time: not known here.
      if (!object || depth > 3) return { state: 'fine' };
      let flag: Flag = { state: 'missing' };
      for (const p of object.properties) {
        if (p.type === 'SpreadElement') {
          const spread = httpOnlyOf(p.argument as AstNode, depth + 1);
          if (spread.state !== 'missing') flag = spread;
          continue;
        }
        if (!/^httponly$/i.test(propertyName(p) ?? '')) continue;
        const v = bare(p.value as AstNode);
        flag = v?.type === 'Literal' && v.value === false ? { state: 'disabled' } : { state: 'fine' };
      }
      return flag;
    }
  },
});

/** `fastify.register(fastifyCookie, { parseOptions: { httpOnly: true } })`: the defaults of every `reply.setCookie`. */
const FASTIFY_COOKIE_DEFAULTS = /parseOptions\s*:\s*\{[^}]*\bhttpOnly\s*:\s*true/;

/** Whether a file of the project registers `@fastify/cookie` with HttpOnly as its default. */
const fastifyCookiesHttpOnly = defineFileFact(
  'fastify cookies httpOnly by default',
  (f): true | undefined => (isScript(f.language) && f.text.includes('parseOptions') && FASTIFY_COOKIE_DEFAULTS.test(f.text) ? true : undefined),
  (parts) => parts.length > 0,
);

function holdsCredentialText(name: string, valueText: string): boolean {
  if (NOT_AUTH.test(name)) return false;
  return AUTH_NAME.test(name) || AUTH_VALUE.test(valueText);
}

/** The `cookie` package's `cookie.serialize('token', value, options)`, whose text is then sent as a `Set-Cookie` header. */
function serialized(call: TSESTree.CallExpression, strings: ReadonlyMap<string, string>): ReturnType<typeof cookieWrite> {
  if (!/^(?:cookie\.)?serialize$/.test(calleePath(call) ?? '')) return undefined;
  const [nameArg, value, options] = call.arguments as AstNode[];
  const name = staticString(nameArg) ?? (nameArg?.type === 'Identifier' ? strings.get(nameArg.name) : undefined);
  return name && value ? { name, value, options, api: 'express', signed: false } : undefined;
}

/** A cookie being removed: set to `''` or expiring now (`maxAge: 0`, `expires: new Date(0)`). */
function cleared(value: AstNode, options: AstNode | undefined): boolean {
  const v = bare(value);
  if (v?.type === 'Literal' && (v.value === '' || v.value === null)) return true;
  if (v?.type === 'TemplateLiteral' && v.expressions.length === 0 && v.quasis[0]?.value.cooked === '') return true;
  const o = bare(options);
  if (o?.type !== 'ObjectExpression') return false;
  return o.properties.some((p) => {
    if (p.type !== 'Property') return false;
    const key = propertyName(p) ?? '';
    const pv = bare(p.value as AstNode);
    if (/^maxAge$/i.test(key)) return pv?.type === 'Literal' && (pv.value === 0 || (typeof pv.value === 'number' && pv.value < 0));
    if (key === 'expires') return pv?.type === 'NewExpression' && pv.arguments.length === 1 && bare(pv.arguments[0] as AstNode)?.type === 'Literal' && (bare(pv.arguments[0] as AstNode) as TSESTree.Literal).value === 0;
    return false;
  });
}

/** A `Set-Cookie` value's text, with `${…}` for what is worked out at run time; undefined unless a string or template. */
function headerText(value: AstNode): string | undefined {
  const v = bare(value);
  if (v?.type === 'Literal' && typeof v.value === 'string') return v.value;
  if (v?.type === 'TemplateLiteral') return v.quasis.map((q) => q.value.cooked ?? '').join('${…}');
  return undefined;
}
