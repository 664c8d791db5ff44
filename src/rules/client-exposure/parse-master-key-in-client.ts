import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { calleePath, envVarRead, memberPath, propertyName, staticString } from '../../engine/ast-utils.js';
import { defineAstRule } from '../../engine/rule.js';
import type { AstNode } from '../../parse/types.js';
import { clientFileFacts, destructuredEnvReads, inServerCode, roleData, unwrap, type ClientFileFacts } from './client-code.js';
import { isParseMasterKeyName } from './env-names.js';
import { isReportedPublicSecretRead, publicSecretEnv } from './public-env.js';

const PARSE_MODULES = /^parse(?:\/(?:react-native|dist\/.*|lib\/browser\/.*))?$/;

/** `null`, `undefined`, `''`, `void 0`: no key given. */
function isEmpty(node: AstNode | undefined): boolean {
  const n = unwrap(node);
  if (!n) return true;
  if (n.type === 'Identifier' && n.name === 'undefined') return true;
  if (n.type === 'Literal' && (n.value === null || n.value === '' || n.value === false)) return true;
  if (n.type === 'UnaryExpression' && n.operator === 'void') return true;
  return false;
}

/** Local names the Parse SDK is known by in this file: the global `Parse` and whatever `parse` is imported as. */
function parseNames(facts: ClientFileFacts): Set<string> {
  const names = new Set(['Parse']);
  for (const [local, { source }] of facts.imports) if (PARSE_MODULES.test(source)) names.add(local);
  return names;
}

export const parseMasterKeyInClient = defineAstRule({
  id: 'parse-master-key-in-client',
  messageIds: ['initializeWithMasterKey', 'masterKeySet', 'useMasterKey', 'masterKeyEnv'],
  appliesTo: { roles: ['client'] },
  // `….initialize(…)`, `CoreManager.set`, `….masterKey =`, `useMasterKey`, or an env read.
  triggers: ['initialize', 'CoreManager', 'masterKey', 'MasterKey', 'env'],
  create({ file, model, report }) {
    let facts: ClientFileFacts | undefined;
    let sdk = new Set(['Parse']);
    let reportedUseMasterKey = false;
    const handled = new Set<AstNode>();
    const where = roleData(file);
    const isSdk = (path: string | undefined, member: string) => {
      if (!path) return false;
      const dot = path.lastIndexOf('.');
      const object = path.slice(0, dot);
      return path.slice(dot + 1) === member && (sdk.has(object) || [...sdk].some((s) => object === `${s}.default`));
    };
    const literalSecret = (node: AstNode | undefined) => {
      const s = staticString(unwrap(node));
      return s ? [s] : [];
    };

    return {
      Program(node) {
        facts = clientFileFacts(node);
        sdk = parseNames(facts);
      },
      CallExpression(node) {
        if (!facts || inServerCode(node, facts)) return;
        const path = calleePath(node);
        if (isSdk(path, 'initialize') && node.arguments.length >= 3) {
          const key = node.arguments[2] as AstNode;
          if (isEmpty(key)) return;
          handled.add(unwrap(key)!);
          if (isReportedPublicSecretRead(unwrap(key), file, model)) return;
          report({ messageId: 'initializeWithMasterKey', data: { ...where, call: `${path}(…)` }, node: key, secrets: literalSecret(key) });
          return;
        }
        // Parse.CoreManager.set('MASTER_KEY', key)
        if (path && /\.CoreManager\.set$/.test(path) && sdk.has(path.split('.')[0]) && staticString(node.arguments[0] as AstNode) === 'MASTER_KEY' && !isEmpty(node.arguments[1] as AstNode)) {
          handled.add(unwrap(node.arguments[1] as AstNode)!);
          report({ messageId: 'masterKeySet', data: { ...where, target: "CoreManager.set('MASTER_KEY')" }, node, secrets: literalSecret(node.arguments[1] as AstNode) });
          return;
        }
        if (path && /\.Cloud\.useMasterKey$/.test(path) && sdk.has(path.split('.')[0]) && !reportedUseMasterKey) {
          reportedUseMasterKey = true;
          report({ messageId: 'useMasterKey', data: { ...where, code: `${path}()` }, node });
        }
      },
      AssignmentExpression(node) {
        if (!facts || inServerCode(node, facts)) return;
        const target = memberPath(node.left);
        if (!isSdk(target, 'masterKey') || isEmpty(node.right)) return;
        handled.add(unwrap(node.right)!);
        report({ messageId: 'masterKeySet', data: { ...where, target: target! }, node, secrets: literalSecret(node.right) });
      },
      Property(node: TSESTree.Property) {
        if (!facts || reportedUseMasterKey || propertyName(node) !== 'useMasterKey') return;
        const value = unwrap(node.value as AstNode);
        if (!value || value.type !== 'Literal' || value.value !== true || inServerCode(node, facts)) return;
        reportedUseMasterKey = true;
        report({ messageId: 'useMasterKey', data: { ...where, code: 'useMasterKey: true' }, node });
      },
      MemberExpression(node) {
        envRead(node);
      },
      VariableDeclarator(node) {
        if (!facts) return;
        for (const read of destructuredEnvReads(node)) {
          if (!isParseMasterKeyName(read.name) || inServerCode(node, facts) || publicSecretEnv(read.name, file, model)) continue;
          report({ messageId: 'masterKeyEnv', data: { ...where, name: read.name }, node: read.node });
        }
      },
      'CallExpression:exit'(node) {
        // Deno.env.get('PARSE_MASTER_KEY'): checked on exit so the initialize() call above has claimed its argument.
        envRead(node);
      },
    };

    function envRead(node: TSESTree.MemberExpression | TSESTree.CallExpression) {
      if (!facts || handled.has(node)) return;
      if (node.type === 'CallExpression' && calleePath(node) !== 'Deno.env.get') return;
      const name = envVarRead(node);
      if (!name || !isParseMasterKeyName(name) || inServerCode(node, facts)) return;
      if (isReportedPublicSecretRead(node, file, model) || isHandledLater(node)) return;
      report({ messageId: 'masterKeyEnv', data: { ...where, name }, node });
    }

    /** A read that is the key argument of an enclosing `Parse.initialize` / assignment is reported there. */
    function isHandledLater(node: AstNode): boolean {
      const parent = (node as { parent?: AstNode }).parent;
      if (!parent) return false;
      if (parent.type === 'CallExpression' && parent.arguments[2] === node && isSdk(calleePath(parent), 'initialize')) return true;
      if (parent.type === 'AssignmentExpression' && parent.right === node && isSdk(memberPath(parent.left), 'masterKey')) return true;
      if (parent.type === 'TSAsExpression' || parent.type === 'TSNonNullExpression') return isHandledLater(parent);
      return false;
    }
  },
});
