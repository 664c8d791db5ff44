import type { TSESTree } from '@typescript-eslint/typescript-estree';
import semver from 'semver';
import { calleePath, propertyName, staticString } from '../../engine/ast-utils.js';
import { defineAstRule } from '../../engine/rule.js';
import { dependencyOf } from '../../model/package-facts.js';
import type { ProjectModel, SourceFile } from '../../model/types.js';
import type { AstNode } from '../../parse/types.js';

const OPEN_IPS = new Set(['0.0.0.0/0', '::/0', '0.0.0.0', '::']);

/** Lowest parse-server version the package's range allows; undefined when unknown. */
function parseServerVersion(file: SourceFile, model: ProjectModel): string | undefined {
  const { dependency, dev } = dependencyOf(file, model, 'parse-server');
  const range = dependency ?? dev;
  if (!range) return undefined;
  try {
    return semver.minVersion(range)?.version;
  } catch {
    return undefined;
  }
}

function isParseServerCall(node: TSESTree.CallExpression | TSESTree.NewExpression): boolean {
  const path = calleePath(node);
  if (!path) return false;
  // Called without `new`: Parse Server 2's exported function, which made the server and returned its Express app.
  if (path === 'ParseServer' || path.endsWith('.ParseServer')) return true;
  return node.type === 'CallExpression' && (path === 'ParseServer.startApp' || path.endsWith('.ParseServer.startApp'));
}

/**
 * `new ParseServer({...})` / `ParseServer({...})` / `ParseServer.startApp({...})` options that open the server: client class
 * creation on (explicitly, or by default before Parse Server 7), the master key usable from any IP
 * (explicitly, or by default before Parse Server 6). The version comes from the package's parse-server range;
 * when it is unknown, only explicit settings are reported. A hard-coded `masterKey` is the secrets rules' job.
 */
export const parseServerInsecureOptions = defineAstRule({
  id: 'parse-server-insecure-options',
  messageIds: ['clientClassCreation', 'clientClassCreationDefault', 'masterKeyIpsOpen', 'masterKeyIpsDefault', 'anonymousUsers'],
  appliesTo: { roles: ['server', 'shared', 'config'], frameworks: ['parse'] },
  // Only `new …ParseServer(…)`, `…ParseServer(…)` and `…ParseServer.startApp(…)` are judged.
  triggers: ['ParseServer'],
  create({ file, model, report }) {
    const objects = new Map<string, TSESTree.ObjectExpression>();
    const calls: (TSESTree.CallExpression | TSESTree.NewExpression)[] = [];
    const check = (call: TSESTree.CallExpression | TSESTree.NewExpression) => {
      const arg = call.arguments[0] as AstNode | undefined;
      const options = arg?.type === 'ObjectExpression' ? arg : arg?.type === 'Identifier' ? objects.get(arg.name) : undefined;
      if (!options) return;
      const version = parseServerVersion(file, model);
      const prop = (name: string) => options.properties.find((p): p is TSESTree.Property => p.type === 'Property' && propertyName(p) === name);
      const hasSpread = options.properties.some((p) => p.type === 'SpreadElement');
      const data = { version: version ?? 'unknown' };

      const classCreation = prop('allowClientClassCreation');
      if (classCreation) {
        if (classCreation.value.type === 'Literal' && classCreation.value.value === true) report({ messageId: 'clientClassCreation', data, node: classCreation });
      } else if (!hasSpread && version && semver.lt(version, '7.0.0')) {
        report({ messageId: 'clientClassCreationDefault', data, node: call });
      }

      const ips = prop('masterKeyIps') ?? prop('masterKeyIPs');
      if (ips) {
        const open = ips.value.type === 'ArrayExpression' ? ips.value.elements.map((e) => staticString(e as AstNode)).find((s) => s !== undefined && OPEN_IPS.has(s)) : undefined;
        if (open) report({ messageId: 'masterKeyIpsOpen', data: { ip: open }, node: ips });
      } else if (!hasSpread && version && semver.lt(version, '6.0.0')) {
        report({ messageId: 'masterKeyIpsDefault', data, node: call });
      }

      const anonymous = prop('enableAnonymousUsers');
      if (anonymous && anonymous.value.type === 'Literal' && anonymous.value.value === true) report({ messageId: 'anonymousUsers', data, node: anonymous });
    };
    return {
      VariableDeclarator(node) {
        if (node.id.type === 'Identifier' && node.init?.type === 'ObjectExpression') objects.set(node.id.name, node.init);
      },
      NewExpression(node) {
        if (isParseServerCall(node)) calls.push(node);
      },
      CallExpression(node) {
        if (isParseServerCall(node)) calls.push(node);
      },
      'Program:exit'() {
        for (const call of calls) check(call);
      },
    };
  },
});
