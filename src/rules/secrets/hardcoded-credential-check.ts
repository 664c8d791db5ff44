import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { convertedFrom, memberPath, moduleConstants, parentOf, propertyName, staticString } from '../../engine/ast-utils.js';
import { enclosingFunction, walk } from '../access-control/ast-helpers.js';
import { defineAstRule } from '../../engine/rule.js';
import type { AstNode } from '../../parse/types.js';
import { PASSWORD_NAME } from '../access-control/plaintext-password.js';
import { developmentOnly } from '../development-branch.js';

/** One-time and verification codes someone types: `otp`, `verificationCode`, `smsCode`, `pin`. */
const CODE_NAME = /^(?:\w*?_?)?(?:otp|otp_?code|one_?time_?code|verification_?code|verify_?code|sms_?code|email_?code|mfa_?code|totp|two_?factor_?code|2fa_?code|pin|pin_?code|passcode)$/i;
/** Names of the account half of a login pair: `email === 'admin@x.com' && password === '…'`. */
const ACCOUNT_NAME = /^(?:user_?name|username|email|login|user|account|admin_?email|user_?id|phone|mobile)$/i;
/** A fixed code: digits only, as codes sent by SMS or email are. */
const DIGITS = /^\d{4,8}$/;
/** A test that only holds in development builds: the bypass is not in production. */
const DEV_ONLY = /\b(?:NODE_ENV|import\.meta\.env\.(?:DEV|MODE)|__DEV__|isDev(?:elopment)?|IS_DEV|DEBUG|isLocal|isTest)\b/;
/** What a branch that turns the caller away looks like. */
const REJECTS = /\bthrow\b|\.status\(\s*4\d\d|\bstatus\s*:\s*4\d\d|\b(?:setError|setErrors|toast\.error|reject)\s*\(|\b(?:weak|invalid|incorrect|wrong|not allowed|forbidden|too common|too simple|choose another|cannot be|must not|denied|unauthori[sz]ed)\b/i;

type Kind = 'password' | 'pair' | 'code';

interface Typed {
  kind: 'password' | 'code';
  name: string;
}

export const hardcodedCredentialCheck = defineAstRule({
  id: 'hardcoded-credential-check',
  messageIds: ['password', 'pair', 'code', 'fixedCode', 'account'],
  appliesTo: { roles: ['server', 'shared', 'client'] },
  triggers: [/pass|pwd|otp|pin|code/i],
  create({ file, report }) {
    const deployed = file.role === 'server' && !SEED_PATH.test(file.path);
    return {
      // `auth.admin.createUser({ email: ADMIN_EMAIL, password: 'Admin@2024' })` in a deployed function: the account's
      // password is in the repository. Seed scripts, which make demo data on a developer's machine, are left alone.
      CallExpression(node) {
        if (!deployed) return;
        const path = memberPath(node.callee as AstNode) ?? '';
        const m = ACCOUNT_CALL.exec(path);
        if (!m) return;
        const given = m[1].endsWith('EmailAndPassword') ? node.arguments[2] : passwordProperty(node.arguments[0] as AstNode | undefined);
        if (!given) return;
        const value = fixedValue(given as AstNode, node as AstNode, file.ast!);
        if (value === undefined || value.length < 6 || inDevelopmentBranch(file.text, node as AstNode)) return;
        report({ messageId: 'account', node: given as AstNode, data: { call: path }, secrets: [value] });
      },
      // `const otp = '123456'` where a code is made, then stored or sent: every code issued is the same one.
      VariableDeclarator(node) {
        if (node.id.type !== 'Identifier' || !CODE_NAME.test(node.id.name) || !node.init) return;
        const init = node.init as AstNode;
        const value = init.type === 'Literal' && typeof init.value === 'number' ? String(init.value) : staticString(init);
        if (value === undefined || !DIGITS.test(value) || inDevelopmentBranch(file.text, node as AstNode)) return;
        const fn = enclosingFunction(node as AstNode);
        if (fn && issues(fn, node.id.name, node.id as AstNode)) report({ messageId: 'fixedCode', node: init, data: { typed: node.id.name }, secrets: [value] });
      },
      IfStatement(node) {
        const test = node.test as AstNode;
        const text = file.text.slice(test.range[0], test.range[1]);
        if (DEV_ONLY.test(text)) return;
        const found = comparisons(test)
          .map(({ comparison, equal }) => ({ comparison, equal, side: typedSide(comparison, moduleConstants(file.ast)) }))
          .filter((c) => c.side !== undefined);
        for (const { comparison, equal, side } of found) {
          const { typed, value } = side!;
          // `===`: the `if` block is what a match gets; `!==`: the block turns a mismatch away, and what follows grants.
          const consequent = file.text.slice(node.consequent.range[0], node.consequent.range[1]);
          const grants = equal ? !REJECTS.test(consequent) : REJECTS.test(consequent);
          if (!grants) continue;
          const account = equal && typed.kind === 'password' ? accountLiteral(test, comparison) : undefined;
          const kind: Kind = account ? 'pair' : typed.kind;
          report({ messageId: kind, node: comparison, data: { typed: typed.name, account: account ?? '' }, secrets: [value] });
        }
      },
    };
  },
});

/** Comparisons reached from an `if` test through `&&`, `||` and parentheses, with whether each tests for equality. */
function comparisons(test: AstNode): { comparison: TSESTree.BinaryExpression; equal: boolean }[] {
  const out: { comparison: TSESTree.BinaryExpression; equal: boolean }[] = [];
  const visit = (n: AstNode) => {
    if (n.type === 'LogicalExpression' && (n.operator === '&&' || n.operator === '||')) {
      visit(n.left as AstNode);
      visit(n.right as AstNode);
    } else if (n.type === 'BinaryExpression' && /^[!=]==?$/.test(n.operator)) out.push({ comparison: n, equal: n.operator.startsWith('=') });
  };
  visit(test);
  return out;
}

/** The side that holds what someone typed, and the literal it is compared with. */
/** `const SEED_PASSPHRASE = 'demo'`, `MOCK_PASSWORD`: a placeholder for a demo or mock mode, named as one. */
const PLACEHOLDER = /(?:^|_)(?:DEMO|MOCK|SEED|FAKE|SAMPLE|STUB|TEST|EXAMPLE)(?:_|$)/i;

function typedSide(c: TSESTree.BinaryExpression, constants: ReadonlyMap<string, AstNode>): { typed: Typed; value: string } | undefined {
  for (const [a, b] of [[c.left, c.right], [c.right, c.left]] as const) {
    // Written here, or in a constant of the file (`const ADMIN_PASSWORD = "2025"`) not named as a placeholder.
    const value = staticString(b as AstNode) ?? (b.type === 'Identifier' && !PLACEHOLDER.test(b.name) ? staticString(constants.get(b.name)) : undefined);
    if (value === undefined || !value.trim() || /^(?:undefined|null|true|false)$/.test(value)) continue;
    const typed = typedValue(a as AstNode);
    if (!typed) continue;
    if (typed.kind === 'code' && !DIGITS.test(value)) continue;
    if (typed.kind === 'password' && value.length < 3) continue;
    return { typed, value };
  }
  return undefined;
}

/** `password`, `form.password`, `req.body.otp`, `otp.trim()`: a value named as a password or a code. */
function typedValue(node: AstNode): Typed | undefined {
  const n = convertedFrom(node);
  const name = n.type === 'Identifier' ? n.name : n.type === 'MemberExpression' && !n.computed ? propertyName(n) : undefined;
  if (!name) return undefined;
  // An error's code (`err.code === '23505'`) is not typed by anyone.
  if (n.type === 'MemberExpression' && /^(?:e|err|error|ex|exception|res|response|result|status)$/i.test(memberPath(n.object as AstNode) ?? '')) return undefined;
  const label = memberPath(n) ?? name;
  if (PASSWORD_NAME.test(name)) return { kind: 'password', name: label };
  if (CODE_NAME.test(name)) return { kind: 'code', name: label };
  return undefined;
}

/** `email === 'admin@x.com'` beside the password comparison, in the same `&&` chain. */
function accountLiteral(test: AstNode, password: TSESTree.BinaryExpression): string | undefined {
  for (const { comparison, equal } of comparisons(test)) {
    if (comparison === password || !equal) continue;
    for (const [a, b] of [[comparison.left, comparison.right], [comparison.right, comparison.left]] as const) {
      const value = staticString(b as AstNode);
      const n = convertedFrom(a as AstNode);
      const name = n.type === 'Identifier' ? n.name : n.type === 'MemberExpression' ? propertyName(n) : undefined;
      if (value && name && ACCOUNT_NAME.test(name)) return memberPath(n) ?? name;
    }
  }
  return undefined;
}

/** Calls that make an account, or sign in to one, with the password they are given. */
const ACCOUNT_CALL = /(?:^|\.)(createUser|signUp|signInWithPassword|createUserWithEmailAndPassword|signInWithEmailAndPassword)$/;
/** Seed and setup scripts run on a developer's machine, and fixtures. */
const SEED_PATH = /(?:^|\/)(?:seeds?|scripts?|fixtures?|__tests__|tests?)\/|seed[^/]*$/i;

/** `{ email, password: … }`: the password given to an account call. */
function passwordProperty(options: AstNode | undefined): AstNode | undefined {
  if (options?.type !== 'ObjectExpression') return undefined;
  const p = options.properties.find((q) => q.type === 'Property' && PASSWORD_NAME.test(propertyName(q) ?? '')) as TSESTree.Property | undefined;
  return p?.value as AstNode | undefined;
}

/**
 * A value written in the code: a literal, or a constant set to one in the file or the enclosing function (not named
 * as a demo or mock placeholder).
 */
function fixedValue(node: AstNode, at: AstNode, ast: TSESTree.Program): string | undefined {
  const literal = staticString(node);
  if (literal !== undefined) return literal;
  if (node.type !== 'Identifier' || PLACEHOLDER.test(node.name)) return undefined;
  const own = moduleConstants(ast).get(node.name);
  if (own) return staticString(own);
  let found: string | undefined;
  // From the call, whose ancestors the traversal has been through (not yet those of its arguments).
  const fn = enclosingFunction(at);
  if (fn) {
    walk(fn, (n) => {
      if (found !== undefined) return false;
      if (n.type === 'VariableDeclarator' && n.id.type === 'Identifier' && n.id.name === node.name && parentOf(n)?.type === 'VariableDeclaration' && (parentOf(n) as TSESTree.VariableDeclaration).kind === 'const' && n.init) found = staticString(n.init as AstNode);
      return undefined;
    });
  }
  return found;
}

/** Inside a branch or condition that only holds in development (`if (process.env.NODE_ENV !== 'production')`), in its function. */
function inDevelopmentBranch(text: string, node: AstNode): boolean {
  return developmentOnly(node, text, enclosingFunction(node));
}

/**
 * The function hands the code on: stores it (`{ otp }`, `{ code: otp }`), passes it to a call (`sendSMS(phone, otp)`)
 * or puts it in a message (`` `Your code is ${otp}` ``).
 */
function issues(fn: AstNode, name: string, declared: AstNode): boolean {
  let found = false;
  walk(fn, (n) => {
    if (found) return false;
    if (n.type !== 'Identifier' || n.name !== name || n === declared) return undefined;
    const p = parentOf(n);
    if ((p?.type === 'Property' && p.value === n) || (p?.type === 'CallExpression' && p.arguments.includes(n as TSESTree.Expression)) || p?.type === 'TemplateLiteral') found = true;
    return undefined;
  });
  return found;
}
