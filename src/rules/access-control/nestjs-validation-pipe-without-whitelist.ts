import { isScript } from '../../classify/types.js';
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { objectProperty } from '../../engine/ast-utils.js';
import { defineAstRule } from '../../engine/rule.js';
import { collectImports, type ImportBinding } from '../../dataflow/modules.js';
import type { AstNode } from '../../parse/types.js';
import { bare } from './ast-helpers.js';
import { defineFileFact } from '../../model/facts.js';

export const nestjsValidationPipeWithoutWhitelist = defineAstRule({
  id: 'nestjs-validation-pipe-without-whitelist',
  messageIds: ['noWhitelist', 'whitelistOff'],
  appliesTo: { roles: ['server', 'shared'] },
  // Only `new X(…)` where X is imported from @nestjs/common under the export name `ValidationPipe`.
  triggers: ['ValidationPipe'],
  create({ model, report }) {
    let imports: ReadonlyMap<string, ImportBinding> = new Map();
    return {
      Program(node) {
        imports = collectImports(node);
      },
      NewExpression(node) {
        if (node.callee.type !== 'Identifier') return;
        const b = imports.get(node.callee.name);
        if (b?.source !== '@nestjs/common' || b.imported !== 'ValidationPipe') return;
        const options = bare(node.arguments[0] as AstNode | undefined);
        // Options from a variable or spread are not judged: we cannot see them.
        if (options && (options.type !== 'ObjectExpression' || options.properties.some((p) => p.type === 'SpreadElement'))) return;
        const whitelist = options && objectProperty(options, 'whitelist');
        // A route-level pipe runs after the global one: a global whitelisting pipe has already stripped the body.
        if (!isGlobal(node) && globalWhitelist(model)) return;
        if (!whitelist) report({ messageId: 'noWhitelist', node });
        else {
          const v = bare(whitelist.value as AstNode);
          if (v?.type === 'Literal' && (v as TSESTree.Literal).value === false) report({ messageId: 'whitelistOff', node: whitelist });
        }
      },
    };
  },
});

const GLOBAL_WHITELIST = /(?:useGlobalPipes\(|APP_PIPE[\s\S]{0,200}?)\s*(?:useValue:\s*|useFactory:[^)]*\)\s*=>\s*)?new\s+ValidationPipe\(\s*\{[^}]*\bwhitelist:\s*true/;
/** Some file of the project installs a whitelisting ValidationPipe globally. */
const globalWhitelist = defineFileFact(
  'nestjs-global-whitelist',
  (f) => (isScript(f.language) && f.text.includes('ValidationPipe') && GLOBAL_WHITELIST.test(f.text)) || undefined,
  (parts) => parts.length > 0,
);

/** `app.useGlobalPipes(new ValidationPipe(…))` or an `APP_PIPE` provider. */
function isGlobal(node: AstNode): boolean {
  for (let cur = node.parent; cur; cur = cur.parent) {
    if (cur.type === 'CallExpression' && cur.callee.type === 'MemberExpression' && cur.callee.property.type === 'Identifier' && cur.callee.property.name === 'useGlobalPipes') return true;
    if (cur.type === 'ObjectExpression' && cur.properties.some((p) => p.type === 'Property' && p.value.type === 'Identifier' && p.value.name === 'APP_PIPE')) return true;
  }
  return false;
}
