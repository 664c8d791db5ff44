import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { memberPath, objectProperty, staticString } from '../../engine/ast-utils.js';
import { defineAstRule } from '../../engine/rule.js';
import { collectImports, type ImportBinding } from '../../dataflow/modules.js';
import { dependencyOf } from '../../model/package-facts.js';
import type { ProjectModel, SourceFile } from '../../model/types.js';
import type { AstNode } from '../../parse/types.js';
import { bare, methodName } from './ast-helpers.js';
import { jwtCall, jwtCallLabel } from './jwt-calls.js';

/** Names of public keys and key lookups; a `SIGNING_KEY` or `JWT_SECRET` is a shared secret, so not here. */
const PUBLIC_KEY_NAME = /public|pub_?key|pem$|cert|jwks|spki|rsa|x509|(?:^|\.)get(?:Public|Signing)?Key$/i;
const PUBLIC_KEY_FILE = /\.(?:pem|pub|crt|cer)$|public/i;
const PUBLIC_KEY_TEXT = /-----BEGIN (?:RSA )?(?:PUBLIC KEY|CERTIFICATE)-----/;

/** Why the key could be a public key, in code words; undefined when it looks like a shared secret. */
function publicKeyEvidence(key: AstNode | undefined): string | undefined {
  const k = bare(key);
  if (!k) return undefined;
  if (k.type === 'FunctionExpression' || k.type === 'ArrowFunctionExpression') return 'a key lookup function';
  const text = staticString(k);
  if (text !== undefined) return PUBLIC_KEY_TEXT.test(text) ? 'a PEM public key' : undefined;
  const path = memberPath(k);
  if (path) return PUBLIC_KEY_NAME.test(path) ? path : undefined;
  if (k.type === 'CallExpression') {
    const name = methodName(k) ?? '';
    const file = staticString(k.arguments[0] as AstNode);
    if (/^readFile(?:Sync)?$/.test(name) && file && PUBLIC_KEY_FILE.test(file)) return `the file ${file}`;
    if (PUBLIC_KEY_NAME.test(name)) return `${memberPath(k.callee) ?? name}(…)`;
  }
  return undefined;
}

/** jsonwebtoken 9 picks the allowed algorithms from the key type, closing the HS256-with-a-public-key trick. */
function allowsConfusion(file: SourceFile, model: ProjectModel): { vulnerable: boolean; version: string } {
  const { dependency, dev } = dependencyOf(file, model, 'jsonwebtoken');
  const range = dependency ?? dev;
  const major = range ? /(\d+)/.exec(range)?.[1] : undefined;
  if (!range || major === undefined) return { vulnerable: true, version: 'an unknown version' };
  return { vulnerable: Number(major) < 9, version: range };
}

function stringList(node: AstNode | undefined): string[] | undefined {
  const n = bare(node);
  if (n?.type !== 'ArrayExpression') return undefined;
  const out: string[] = [];
  for (const e of n.elements) {
    const s = staticString(e as AstNode);
    if (s !== undefined) out.push(s);
  }
  return out;
}

export const jwtVerifyWeak = defineAstRule({
  id: 'jwt-verify-weak',
  messageIds: ['algorithmNone', 'mixedAlgorithms', 'algorithmsNotPinned', 'ignoreExpiration'],
  appliesTo: { roles: ['server', 'shared'] },
  // Only `jsonwebtoken` verify calls, found through the file's own import of the module.
  triggers: ['jsonwebtoken'],
  create({ file, model, report }) {
    let imports: ReadonlyMap<string, ImportBinding> = new Map();
    return {
      Program(node) {
        imports = collectImports(node);
      },
      CallExpression(node) {
        if (imports.size === 0 || jwtCall(node, imports) !== 'jsonwebtoken.verify') return;
        const call = jwtCallLabel(node);
        const optionsArg = bare(node.arguments[2]);
        const options = optionsArg?.type === 'ObjectExpression' ? optionsArg : undefined;
        // Options built elsewhere (a variable, a spread) are not judged: we cannot see them.
        if (optionsArg && optionsArg.type !== 'ObjectExpression' && !optionsArg.type.includes('Function')) return;
        if (options?.properties.some((p) => p.type === 'SpreadElement')) return;
        const algorithms = options && objectProperty(options, 'algorithms');
        const list = algorithms ? stringList(algorithms.value as AstNode) : undefined;
        if (list?.some((a) => a.toLowerCase() === 'none')) report({ messageId: 'algorithmNone', node: algorithms!, data: { call }, severity: 'critical' });
        else if (list) {
          const hmac = list.filter((a) => /^HS/i.test(a));
          const asym = list.filter((a) => /^(?:RS|ES|PS|Ed)/i.test(a));
          if (hmac.length > 0 && asym.length > 0) report({ messageId: 'mixedAlgorithms', node: algorithms!, data: { call, hmac: hmac.join(', '), asym: asym.join(', ') } });
        } else if (!algorithms) {
          const key = publicKeyEvidence(node.arguments[1] as AstNode | undefined);
          const lib = allowsConfusion(file, model);
          if (key && lib.vulnerable) report({ messageId: 'algorithmsNotPinned', node, data: { call, key, version: lib.version } });
        }
        const ignore = options && objectProperty(options, 'ignoreExpiration');
        if (ignore && bare(ignore.value as AstNode)?.type === 'Literal' && (bare(ignore.value as AstNode) as TSESTree.Literal).value === true) {
          report({ messageId: 'ignoreExpiration', node: ignore, data: { call }, severity: 'medium' });
        }
      },
    };
  },
});
