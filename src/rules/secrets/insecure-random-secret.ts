import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { memberPath, parentOf, propertyName } from '../../engine/ast-utils.js';
import { defineAstRule } from '../../engine/rule.js';
import type { AstNode } from '../../parse/types.js';
import { walk } from '../access-control/ast-helpers.js';

/** Names of values that must not be guessable: one-time codes, tokens, temporary passwords, salts, session ids. */
const SECRET_NAME = /otp|token|secret|passw(?:or)?d|passcode|nonce|salt|csrf|api_?key|secret_?key|access_?key|session_?id|(?:reset|verif\w*|confirm\w*|invite|invitation|auth|login|magic|activation|recovery|pairing)_?(?:code|link|key|id|hash)|^pin(?:_?code)?$/i;
/** The same words used for something else: a count of LLM tokens, a position, a delay. */
const NOT_A_SECRET = /index|idx|count|length|len$|delay|timeout|max|min|limit|color|colour|width|height|size|offset|position|duration|interval|jitter|retry|weight|temperature|usage|cost|price|tokens?_?(?:used|left|remaining|estimate)/i;

function containsMathRandom(node: AstNode): TSESTree.CallExpression | undefined {
  let found: TSESTree.CallExpression | undefined;
  walk(node, (n) => {
    if (found) return false;
    // A function stored under the name is judged by what it returns (see ReturnStatement).
    if (n.type === 'FunctionExpression' || n.type === 'ArrowFunctionExpression' || n.type === 'FunctionDeclaration') return false;
    if (n.type === 'CallExpression' && memberPath(n.callee as AstNode) === 'Math.random') found = n;
    return undefined;
  });
  return found;
}

function isSecretName(name: string | undefined): name is string {
  return !!name && SECRET_NAME.test(name) && !NOT_A_SECRET.test(name);
}

export const insecureRandomSecret = defineAstRule({
  id: 'insecure-random-secret',
  messageIds: ['madeWithMathRandom'],
  appliesTo: { roles: ['server', 'shared', 'client'] },
  triggers: ['Math.random'],
  create({ report }) {
    const reported = new Set<AstNode>();
    const check = (name: string | undefined, value: AstNode | null | undefined, at?: AstNode) => {
      if (!value || !name) return;
      if (!isSecretName(name) && !(CODE_NAME.test(name) && (numericCode(value) || aboutCodes(at ?? value)))) return;
      const call = containsMathRandom(value);
      if (!call || reported.has(call)) return;
      reported.add(call);
      report({ messageId: 'madeWithMathRandom', node: call, data: { name } });
    };
    return {
      // `const otp = Math.floor(100000 + Math.random() * 900000)`
      VariableDeclarator(node) {
        if (node.id.type === 'Identifier') check(node.id.name, node.init as AstNode | null, node);
      },
      // `user.resetToken = Math.random().toString(36)`
      AssignmentExpression(node) {
        const name = node.left.type === 'Identifier' ? node.left.name : node.left.type === 'MemberExpression' ? propertyName(node.left) : undefined;
        check(name, node.right as AstNode, node);
      },
      // `{ inviteCode: Math.random().toString(36).slice(2) }`
      Property(node) {
        if (parentOf(node)?.type === 'ObjectExpression') check(propertyName(node), node.value as AstNode, node);
      },
      // `function generateOTP() { return Math.floor(…Math.random()…) }`, `const makeToken = () => Math.random()…`
      ReturnStatement(node) {
        if (node.argument) check(enclosingName(node), node.argument as AstNode, node);
      },
      ArrowFunctionExpression(node) {
        if (node.body.type !== 'BlockStatement') check(functionName(node), node.body as AstNode, node);
      },
    };
  },
});

/** Names too plain to say a secret on their own (`code`, `generateCode`, `pin`): one given a random number of many digits, or made in a function about codes, is one. */
const CODE_NAME = /^(?!(?:bar|zip|post(?:al)?|colou?r|country|status|error|lang(?:uage)?|currency|hex|product|area|region|short|source|exit|key)[cC]ode$)(?:\w*[cC]ode|pin|PIN|\w*Pin)$/;
/** Functions about one-time codes and resets, by their name (`requestPasswordReset`, `sendOtp`, `verifyEmail`). */
const ABOUT_CODES = /forg[eo]t|reset|recover|otp|verif|magic|confirm|activat|two_?factor|2fa|mfa/i;
/** A multiplier of Math.random() that makes a number of four or more digits: 9000, 900000, 1000000. */
const DIGITS = /^[19]0{3,}$/;

/** `Math.floor(100000 + Math.random() * 900000)`, `Math.floor(Math.random() * 1000000)`: a numeric code. */
function numericCode(value: AstNode): boolean {
  let found = false;
  walk(value, (n) => {
    if (found) return false;
    if (n.type === 'BinaryExpression' && n.operator === '*') {
      const [a, b] = [n.left, n.right] as AstNode[];
      const random = (x: AstNode) => x.type === 'CallExpression' && memberPath(x.callee as AstNode) === 'Math.random';
      const digits = (x: AstNode) => x.type === 'Literal' && typeof x.value === 'number' && DIGITS.test(String(x.value));
      if ((random(a) && digits(b)) || (random(b) && digits(a))) found = true;
    }
    return undefined;
  });
  return found;
}

/** The value is made in a function named for codes or resets. */
function aboutCodes(node: AstNode): boolean {
  return ABOUT_CODES.test(enclosingName(node) ?? '');
}

function functionName(fn: AstNode): string | undefined {
  if (fn.type === 'FunctionDeclaration' && fn.id) return fn.id.name;
  const p = parentOf(fn);
  if (p?.type === 'VariableDeclarator' && p.id.type === 'Identifier') return p.id.name;
  if ((p?.type === 'Property' || p?.type === 'MethodDefinition') && !p.computed) return propertyName(p);
  // `exports.generateOTP = () => …`, `module.exports.makeToken = function () { … }`
  if (p?.type === 'AssignmentExpression' && p.right === fn) return p.left.type === 'Identifier' ? p.left.name : p.left.type === 'MemberExpression' ? propertyName(p.left) : undefined;
  if (fn.type === 'FunctionExpression' && fn.id) return fn.id.name;
  return undefined;
}

function enclosingName(node: AstNode): string | undefined {
  for (let cur = parentOf(node); cur; cur = parentOf(cur)) {
    if (cur.type === 'FunctionDeclaration' || cur.type === 'FunctionExpression' || cur.type === 'ArrowFunctionExpression') return functionName(cur);
  }
  return undefined;
}
