import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { propertyName } from '../../engine/ast-utils.js';
import { defineAstRule } from '../../engine/rule.js';
import type { AstNode } from '../../parse/types.js';
import { directiveOf } from '../../classify/role.js';
import { escapeRegExp } from '../../engine/escape-regexp.js';
import { functionName, outermostFunctions, walk, type FunctionNode } from './ast-helpers.js';
import { nestRoute, procedureHandler, responseArg, responseBody, returnedByController, routePathOf } from './responses.js';
import { developmentOnly } from '../development-branch.js';

/**
 * A password-reset token or a one-time code sent back in the response of the request that made it (CWE-640,
 * CWE-204): the token was meant to reach only the owner of the e-mail or phone, by e-mail or SMS. Whoever asks for a
 * reset of someone else's account gets the token in the answer and sets a new password; a sign-up or login code
 * returned to the browser proves nothing. AI-written code often does it "until the mailer is set up".
 */

/** Names of a one-time secret: `resetToken`, `reset_link`, `otp`, `otpCode`, `verificationCode`, `magicLink`. */
const SECRET_NAME = /^(?:(?:password_?|pwd_?)?reset|recover(?:y)?|forg[eo]t|verif(?:y|ication)|email_?verif(?:y|ication)|confirm(?:ation)?|magic|activation|otp|one_?time|login)_?(?:token|code|otp|link|url|pin|key)$|^otp(?:_?code)?$/i;
/** Plain names (`token`, `code`, `link`) that hold one only in a function about resets or codes. */
const PLAIN_NAME = /^(?:token|code|link|url|pin|rawToken|plainToken)$/;
const ABOUT_CODES = /forg[eo]t|reset|recover|otp|verif|magic|one-?time|confirm|activat/i;
/** What makes a secret: a random value, a signed token, a generator. */
const GENERATED = /\brandom(?:Bytes|UUID|Int|Values)\b|Math\.random|\bnanoid\b|\buuid\w*\(|\bv4\(|customAlphabet|\.sign\(|\bsign\(|generate\w*\(|otp-generator|speakeasy|totp|hotp|toString\(\s*36\s*\)/;
/** A code the caller sent, compared or verified: `if (otp !== user.otp)`, `await bcrypt.compare(code, record.codeHash)`, `verifyOtp(email, otp)`. */
const CODE = String.raw`(?<![.\w$])(?:(?:req\.|request\.)?(?:body|input|params|query|data|args|dto|payload)\??\.)?(?:otp|code|pin)\b`;
const CODE_CHECK = new RegExp(`${CODE}[^;\\n]{0,60}(?:[!=]==?|\\bcompare\\w*\\(|\\bverify\\w*\\()|(?:[!=]==?|\\bcompare\\w*\\(|\\bverify\\w*\\()[^;\\n]{0,60}${CODE}`, 'i');
const SIGNED = /\bsign\(|\.sign\(|SignJWT/;
const RESET = /reset|recover|forg[eo]t/i;
/** A random value made, or a value signed: what a code or a reset token is made from. */
const MAKES_VALUE = /random(?:Bytes|UUID|Int)|Math\.random|nanoid|uuid|\.sign\(|generate\w*(?:Token|Code|Otp|OTP)/;

export const oneTimeCodeInResponse = defineAstRule({
  id: 'one-time-code-in-response',
  messageIds: ['resetToken', 'oneTimeCode'],
  appliesTo: { roles: ['server'] },
  // A file that speaks of resets or codes (words found in the one pass over the file that finds every rule's), and
  // makes a random value or signs one (asked only then).
  triggers: ['reset', 'forgot', 'forget', 'recover', 'otp', 'OTP', 'verif', 'magic', 'confirm', 'activation'],
  create({ file, model, report }) {
    if (!MAKES_VALUE.test(file.text)) return {};
    const fns: FunctionNode[] = [];
    const serverActions = directiveOf(file.text) === 'use server';
    return {
      ...outermostFunctions(fns, true),
      'Program:exit'() {
        for (const fn of fns) check(fn);
      },
    };

    function check(fn: FunctionNode): void {
      // Where the function is and what it is called: `routes/forgot-password.ts`, `forgotPassword`, `'/reset-password'`.
      const context = `${file.path} ${functionName(fn) ?? wrappedName(fn) ?? ''} ${routePathOf(fn) ?? ''}`;
      const about = ABOUT_CODES.test(context);
      const secrets = new Map<string, boolean>();
      // A handler that has just checked a code the caller sent (step 2 of an OTP reset) hands out the reset token as its proof.
      const checksCode = CODE_CHECK.test(file.text.slice(fn.range[0], fn.range[1]));
      // What the function returns is the response: a server action's, a tRPC procedure's, and a handler registered under a
      // path in frameworks that send what it returns (Elysia, Fastify, Koa-style routers).
      // A NestJS controller's route method answers with what it returns, and so does a service method such a method returns
      // the result of (`return this.authService.forgotPassword(dto.email)`).
      const returnsToClient = serverActions || procedureHandler(fn) || routePathOf(fn) !== undefined || nestRoute(fn) || returnedByController(fn, model);
      walk(fn.body as AstNode, (n) => {
        if (n.type === 'VariableDeclarator' && n.id.type === 'Identifier' && n.init) {
          const name = n.id.name;
          const init = file.text.slice(n.init.range[0], n.init.range[1]);
          // A plain `token` signed in a verification handler is most often the session it signs in with: signed, it
          // counts only when it says what it is for (`jwt.sign({ id, role: 'resetpassword' }, …)`).
          const plain = !SECRET_NAME.test(name) && about && PLAIN_NAME.test(name);
          const named = SECRET_NAME.test(name) || (plain && !(SIGNED.test(init) && !ABOUT_CODES.test(init)));
          // Made here, or built from one made here (`const resetUrl = \`${base}/reset/${token}\``).
          // A reset's, by its name or by the handler it is made in (`const otp = …` in `forgetPassword`).
          if (named && (GENERATED.test(init) || mentions(init, secrets))) secrets.set(name, RESET.test(name) || RESET.test(context));
          else if (/(?:url|link)$/i.test(name) && mentions(init, secrets)) secrets.set(name, [...secrets].some(([s, reset]) => reset && mentions(init, new Map([[s, reset]]))));
          return;
        }
        if (secrets.size === 0) return;
        const sent = n.type === 'CallExpression' ? responseArg(n) : n.type === 'NewExpression' ? responseBody(n) : n.type === 'ReturnStatement' && returnsToClient ? (n.argument as AstNode | null) ?? undefined : undefined;
        if (!sent || developmentOnly(n, file.text, fn as AstNode)) return;
        const leaked = [...secrets.keys()].find((s) => carries(sent, s) && !(checksCode && secrets.get(s)));
        if (!leaked) return;
        report({ messageId: secrets.get(leaked) ? 'resetToken' : 'oneTimeCode', node: n, ...(secrets.get(leaked) ? {} : { severity: 'high' as const }), data: { name: leaked } });
        secrets.delete(leaked);
      });
    }

    function mentions(text: string, secrets: ReadonlyMap<string, boolean>): boolean {
      return [...secrets.keys()].some((s) => new RegExp(`(?<![\\w$.])${escapeRegExp(s)}(?![\\w$])`).test(text));
    }
  },
});

/** The response carries the value: `{ token }`, `{ resetUrl }`, `token`, a template with it; not `{ sent: !!token }` or a length. */
function carries(node: AstNode, name: string): boolean {
  let found = false;
  walk(node, (n) => {
    if (found) return false;
    if (n.type === 'Identifier' && n.name === name) {
      const parent = n.parent;
      // A property's key, a member's name, or a test of it (`!!token`, `token ? … : …`, `token.length`) is not the value.
      if (parent?.type === 'Property' && parent.key === n && !parent.shorthand) return undefined;
      if (parent?.type === 'MemberExpression' && (parent.property === n || propertyName(parent) === 'length')) return undefined;
      if (parent?.type === 'UnaryExpression' && parent.operator === '!') return undefined;
      if (parent?.type === 'ConditionalExpression' && parent.test === n) return undefined;
      found = true;
    }
    return undefined;
  });
  return found;
}

/** `export const forgetPassword = asyncHandler(async (req, res) => …)`: the name of what a wrapper call makes of the function. */
function wrappedName(fn: FunctionNode): string | undefined {
  const call = fn.parent;
  return call?.type === 'CallExpression' && call.arguments.includes(fn as TSESTree.CallExpressionArgument) ? functionName(call as AstNode) : undefined;
}
