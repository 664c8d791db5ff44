import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { objectProperty, propertyName } from '../../engine/ast-utils.js';
import { defineAstRule } from '../../engine/rule.js';
import { collectImports, type ImportBinding } from '../../dataflow/modules.js';
import type { AstNode } from '../../parse/types.js';
import { bare, enclosingFunction, walk } from './ast-helpers.js';
import { jwtCall, jwtCallLabel } from './jwt-calls.js';
import { nodeMemo } from '../../parse/node-memo.js';

const CALLBACK = /^(?:cb|callback|done|next|resolve)$/;

/** What a function body declares (the last initialiser per name) and which names get a property assigned. */
interface ScopeFacts {
  inits: Map<string, AstNode | undefined>;
  assigned: Set<string>;
}

/** Found once per function body: a file can sign many tokens in one function. */
const scopeFacts = nodeMemo<AstNode, ScopeFacts>('jwt-without-expiry scope facts');

function factsOf(scope: AstNode): ScopeFacts {
  const cached = scopeFacts.get(scope);
  if (cached) return cached;
  const facts: ScopeFacts = { inits: new Map(), assigned: new Set() };
  walk(scope, (n) => {
    if (n.type === 'VariableDeclarator' && n.id.type === 'Identifier') facts.inits.set(n.id.name, bare(n.init));
    if (n.type === 'AssignmentExpression' && n.left.type === 'MemberExpression' && bare(n.left.object)?.type === 'Identifier') facts.assigned.add((bare(n.left.object) as TSESTree.Identifier).name);
  });
  scopeFacts.set(scope, facts);
  return facts;
}

/** The object literal a payload argument is, directly or through a `const` in the same function. */
function payloadObject(arg: AstNode | undefined): TSESTree.ObjectExpression | undefined {
  const a = bare(arg);
  if (a?.type === 'ObjectExpression') return a;
  if (a?.type !== 'Identifier') return undefined;
  const scope: AstNode | undefined = enclosingFunction(a)?.body;
  if (!scope) return undefined;
  const facts = factsOf(scope);
  const init = facts.inits.get(a.name);
  return !facts.assigned.has(a.name) && init?.type === 'ObjectExpression' ? init : undefined;
}

/** A payload that may carry `exp`: it has the key, or a spread we cannot see into. */
function mayHaveExp(payload: TSESTree.ObjectExpression): boolean {
  return payload.properties.some((p) => p.type === 'SpreadElement' || (p.type === 'Property' && (p.computed || propertyName(p) === 'exp')));
}

export const jwtWithoutExpiry = defineAstRule({
  id: 'jwt-without-expiry',
  messageIds: ['signWithoutExpiry', 'joseWithoutExpiry'],
  appliesTo: { roles: ['server', 'shared'] },
  // Only `jsonwebtoken` sign calls and jose's `SignJWT`, both found through the file's own imports.
  triggers: ['jsonwebtoken', 'SignJWT'],
  create({ report }) {
    let imports: ReadonlyMap<string, ImportBinding> = new Map();
    const signs: TSESTree.CallExpression[] = [];
    const joses: TSESTree.NewExpression[] = [];
    return {
      Program(node) {
        imports = collectImports(node);
      },
      CallExpression(node) {
        if (imports.size > 0 && jwtCall(node, imports) === 'jsonwebtoken.sign') signs.push(node);
      },
      NewExpression(node) {
        if (node.callee.type !== 'Identifier') return;
        const b = imports.get(node.callee.name);
        if (b?.source === 'jose' && b.imported === 'SignJWT') joses.push(node);
      },
      'Program:exit'() {
        for (const call of signs) {
          let options = bare(call.arguments[2] as AstNode | undefined);
          // `jwt.sign(payload, secret, cb)`: a callback in the options' place means there are no options.
          if (options?.type === 'Identifier' && CALLBACK.test(options.name)) options = undefined;
          if (options && options.type !== 'ObjectExpression' && !options.type.includes('Function')) continue;
          if (options?.type === 'ObjectExpression' && (options.properties.some((p) => p.type === 'SpreadElement') || objectProperty(options, 'expiresIn'))) continue;
          const payload = payloadObject(call.arguments[0] as AstNode | undefined);
          if (!payload || mayHaveExp(payload)) continue;
          report({ messageId: 'signWithoutExpiry', node: call, data: { call: jwtCallLabel(call) } });
        }
        for (const created of joses) {
          const methods: string[] = [];
          let cur: AstNode = created;
          while (cur.parent?.type === 'MemberExpression' && cur.parent.object === cur && cur.parent.parent?.type === 'CallExpression' && cur.parent.parent.callee === cur.parent) {
            methods.push(propertyName(cur.parent) ?? '');
            cur = cur.parent.parent;
          }
          if (!methods.includes('sign') || methods.includes('setExpirationTime')) continue;
          const payload = payloadObject(created.arguments[0] as AstNode | undefined);
          if (payload && mayHaveExp(payload)) continue;
          if (!payload && created.arguments.length > 0) continue;
          report({ messageId: 'joseWithoutExpiry', node: created });
        }
      },
    };
  },
});
