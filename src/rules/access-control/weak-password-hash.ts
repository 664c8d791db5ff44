import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { calleePath, envVarRead, memberPath, moduleConstants, propertyName, staticString } from '../../engine/ast-utils.js';
import { defineAstRule } from '../../engine/rule.js';
import { shorten } from '../../routes/ast.js';
import type { AstNode } from '../../parse/types.js';
import { bare, enclosingFunction, walk } from './ast-helpers.js';
import { PASSWORD_NAME } from './plaintext-password.js';

/**
 * Passwords hashed so fast that a leaked table is cracked in hours (CWE-916): a general-purpose hash of the password
 * (`createHash('sha256').update(password)`, `md5(password)`, `CryptoJS.SHA256(password)`, Web Crypto's
 * `digest('SHA-256', …)`), PBKDF2 with a few thousand iterations, bcrypt with a cost below 10.
 * Left out: a password hashed only to be compared with a configured one (`createHash('sha256').update(ADMIN_PASSWORD)`
 * in the same function: nothing is stored), settings (`config.db.password`), tokens and other values.
 */

/** General-purpose hash algorithms, as `createHash` and Web Crypto name them. */
const FAST_ALGORITHM = /^(?:md5|md4|sha-?1|sha-?224|sha-?256|sha-?384|sha-?512|sha3-\d+|ripemd160|rmd160)$/i;
/** Hash functions of packages that hash in one call: md5, sha1, js-sha256 (`sha256(…)`), crypto-js under any name (`CryptoJS.SHA256(…)`). */
const FAST_FUNCTION = /^(?:md5|sha1|sha256|sha512|sha224|sha384|sha3)$|^(?:[\w$]+\.)?(?:MD5|SHA1|SHA256|SHA512|SHA224|SHA384|SHA3)$/;
/** The last name of every call this rule looks at. */
const CALLED = /^(?:update|md5|MD5|sha\d*|SHA\d*|digest|pbkdf2|pbkdf2Sync|hash|hashSync|genSalt|genSaltSync)$/;
/** PBKDF2 below this many iterations (OWASP asks 600,000 for HMAC-SHA-256; a few thousand is what tutorials write). */
const MIN_PBKDF2_ITERATIONS = 100_000;
/** bcrypt below this cost (the libraries' default, and OWASP's minimum). */
const MIN_BCRYPT_COST = 10;
/** Objects that hold settings, not what a user typed. */
const SETTINGS = /^(?:config|conf|cfg|settings|env|options|opts|process|credentials|db|database|smtp|mail|redis)$/i;

export const weakPasswordHash = defineAstRule({
  id: 'weak-password-hash',
  messageIds: ['fastHash', 'fewIterations', 'lowCost'],
  appliesTo: { roles: ['server', 'shared'] },
  triggers: [/pass|pwd/i],
  create({ file, report }) {
    const constants = () => moduleConstants(file.ast);
    /** The number a literal or a top-level constant holds. */
    const numberOf = (node: AstNode | undefined): number | undefined => {
      const v = bare(node);
      if (v?.type === 'Literal' && typeof v.value === 'number') return v.value;
      if (v?.type === 'Identifier') {
        const bound = bare(constants().get(v.name));
        if (bound?.type === 'Literal' && typeof bound.value === 'number') return bound.value;
      }
      return undefined;
    };
    const fast = (node: AstNode, hashed: AstNode, algorithm: string) => {
      if ((!typedPassword(hashed) && !typedPassword(localValue(node, hashed))) || comparesWithConfigured(node)) return;
      report({ messageId: 'fastHash', node, data: { algorithm, code: shorten(file.text.slice(node.range[0], node.range[1]), 70) } });
    };
    return {
      CallExpression(node) {
        // The called name first: every call of a file passes here, and few are hashes.
        const called = node.callee.type === 'Identifier' ? node.callee.name : node.callee.type === 'MemberExpression' ? propertyName(node.callee) : undefined;
        if (!called || !CALLED.test(called)) return;
        const callee = calleePath(node) ?? '';
        // `crypto.createHash('sha256').update(password)` (also Bun's `new Bun.CryptoHasher('sha256').update(…)`).
        if (node.callee.type === 'MemberExpression' && propertyName(node.callee) === 'update' && node.arguments[0]) {
          const algorithm = hashAlgorithmOf(node.callee.object as AstNode);
          if (algorithm) fast(node, node.arguments[0] as AstNode, algorithm);
          return;
        }
        // `md5(password)`, `CryptoJS.SHA256(password)`.
        if (FAST_FUNCTION.test(callee) && node.arguments[0]) {
          fast(node, node.arguments[0] as AstNode, callee.split('.').pop()!.toUpperCase());
          return;
        }
        // Web Crypto: `crypto.subtle.digest('SHA-256', new TextEncoder().encode(password))`.
        if (/(?:^|\.)subtle\.digest$/.test(callee) && node.arguments.length >= 2) {
          const algorithm = staticString(node.arguments[0] as AstNode) ?? (node.arguments[0].type === 'ObjectExpression' ? nameIn(node.arguments[0]) : undefined);
          if (algorithm && FAST_ALGORITHM.test(algorithm)) fast(node, node.arguments[1] as AstNode, algorithm.toUpperCase());
          return;
        }
        // `crypto.pbkdf2Sync(password, salt, 1000, 64, 'sha512')`.
        if (/(?:^|\.)pbkdf2(?:Sync)?$/.test(callee) && node.arguments.length >= 3 && typedPassword(node.arguments[0] as AstNode)) {
          const iterations = numberOf(node.arguments[2] as AstNode);
          if (iterations !== undefined && iterations < MIN_PBKDF2_ITERATIONS) report({ messageId: 'fewIterations', node, severity: 'medium', data: { iterations: String(iterations) } });
          return;
        }
        // `bcrypt.hash(password, 8)`, `bcrypt.genSalt(6)`.
        const bcrypt = /(?:^|\.)(hash|hashSync|genSalt|genSaltSync)$/.exec(callee)?.[1];
        if (bcrypt && /bcrypt/i.test(callee)) {
          const costArg = bcrypt.startsWith('genSalt') ? node.arguments[0] : node.arguments[1];
          const cost = numberOf(costArg as AstNode | undefined);
          if (cost !== undefined && cost < MIN_BCRYPT_COST && (bcrypt.startsWith('genSalt') || typedPassword(node.arguments[0] as AstNode))) report({ messageId: 'lowCost', node, severity: 'low', data: { cost: String(cost) } });
        }
      },
      Property(node) {
        // Web Crypto: `deriveBits({ name: 'PBKDF2', salt, iterations: 1000, hash: 'SHA-256' }, key, 256)`.
        if (propertyName(node) !== 'iterations' || node.parent?.type !== 'ObjectExpression' || !/^pbkdf2$/i.test(nameIn(node.parent) ?? '')) return;
        const iterations = numberOf(node.value as AstNode);
        if (iterations !== undefined && iterations < MIN_PBKDF2_ITERATIONS) report({ messageId: 'fewIterations', node, severity: 'medium', data: { iterations: String(iterations) } });
      },
    };
  },
});

/**
 * What a local holds when the value hashed is one (`const data = encoder.encode(password); digest('SHA-256', data)`):
 * the initialiser of a `const` of that name in the enclosing function, else the value itself.
 */
function localValue(call: AstNode, value: AstNode): AstNode {
  const v = bare(value);
  const fn = enclosingFunction(call);
  if (v?.type !== 'Identifier' || !fn) return value;
  let init: AstNode | undefined;
  walk(fn as AstNode, (n) => {
    if (!init && n.type === 'VariableDeclarator' && n.id.type === 'Identifier' && n.id.name === v.name && n.init) init = n.init as AstNode;
  });
  return init ?? value;
}

/** `crypto.createHash('sha256')` (and `new Bun.CryptoHasher('sha256')`) with a general-purpose algorithm: its name. */
function hashAlgorithmOf(node: AstNode): string | undefined {
  const v = bare(node);
  if (v?.type !== 'CallExpression' && v?.type !== 'NewExpression') return undefined;
  if (!/(?:^|\.)(?:createHash|CryptoHasher)$/.test(calleePath(v) ?? '')) return undefined;
  const algorithm = staticString(v.arguments[0] as AstNode);
  return algorithm && FAST_ALGORITHM.test(algorithm) ? algorithm.toUpperCase() : undefined;
}

/** The `name` of an algorithm object (`{ name: 'SHA-256' }`, `{ name: 'PBKDF2', … }`). */
function nameIn(object: TSESTree.ObjectExpression): string | undefined {
  for (const p of object.properties) if (p.type === 'Property' && propertyName(p) === 'name') return staticString(p.value as AstNode);
  return undefined;
}

/**
 * A password someone typed is in this value: a password-named variable or field (`password`, `req.body.password`,
 * `newPassword`), also salted or encoded on the way (`password + salt`, `` `${salt}${password}` ``,
 * `encoder.encode(password)`). Not a setting (`config.password`, `process.env.DB_PASSWORD`, `ADMIN_PASSWORD`).
 */
function typedPassword(node: AstNode | undefined): boolean {
  if (!node) return false;
  let found = false;
  walk(node, (n) => {
    if (found) return false;
    if (n.type === 'MemberExpression') {
      if (envVarRead(n)) return false;
      const name = propertyName(n);
      const root = memberPath(n)?.split('.')[0];
      if (name && PASSWORD_NAME.test(name) && !(root && SETTINGS.test(root))) found = true;
      return !found && n.computed;
    }
    if (n.type === 'Identifier' && PASSWORD_NAME.test(n.name) && n.name !== n.name.toUpperCase()) found = true;
    // Keys of object literals and callee names are not values.
    if (n.type === 'Property') {
      walk(n.value as AstNode, (m) => {
        if (m.type === 'Identifier' && PASSWORD_NAME.test(m.name) && m.name !== m.name.toUpperCase()) found = true;
      });
      return false;
    }
    return true;
  });
  return found;
}

/**
 * The function also hashes a configured password the same way (`createHash('sha256').update(process.env.ADMIN_PASSWORD)`,
 * `sha256(ADMIN_PASSWORD)`): the typed one is hashed to be compared with it, and nothing is stored.
 */
function comparesWithConfigured(call: AstNode): boolean {
  const fn = enclosingFunction(call);
  if (!fn) return false;
  let configured = false;
  walk(fn as AstNode, (n) => {
    if (configured) return false;
    if (n === call || n.type !== 'CallExpression') return true;
    const hashed = (n.callee.type === 'MemberExpression' && propertyName(n.callee) === 'update') || FAST_FUNCTION.test(calleePath(n) ?? '') ? (n.arguments[0] as AstNode | undefined) : undefined;
    const v = bare(hashed);
    if (v && (envVarRead(v) || (v.type === 'Identifier' && /^[A-Z][A-Z0-9_]*$/.test(v.name)) || (v.type === 'MemberExpression' && SETTINGS.test(memberPath(v)?.split('.')[0] ?? '')))) configured = true;
    return true;
  });
  return configured;
}
