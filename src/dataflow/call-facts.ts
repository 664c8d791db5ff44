import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { memberPath, propertyName } from '../engine/ast-utils.js';
import type { AstNode } from '../parse/types.js';
import { canonicalModule, requireOf, type ImportBinding } from './modules.js';
import type { CallFacts } from './sinks.js';
import type { Val } from './types.js';

/** What a call is, in names: as written, with its import resolved, its method, receiver and fluent chain. */
export interface CallSite extends CallFacts {
  receiverPath?: string;
}

export function callFacts(node: TSESTree.CallExpression | TSESTree.NewExpression, args: Val[], imports: ReadonlyMap<string, ImportBinding>): CallSite {
  const callee = node.callee;
  const path = memberPath(callee as AstNode);
  let canonical = path ? canonicalPath(path, imports) : undefined;
  let method: string | undefined;
  let receiverName: string | undefined;
  let receiverPath: string | undefined;
  const chain: string[] = [];
  if (callee.type === 'MemberExpression') {
    method = propertyName(callee);
    receiverPath = memberPath(callee.object);
    receiverName = receiverPath?.split('.').pop();
    let obj: TSESTree.Node = callee.object;
    if (!canonical) {
      const req = requireOf(obj);
      if (req && method) canonical = `${canonicalModule(req.source)}${req.member ? `.${req.member}` : ''}.${method}`;
    }
    while (obj.type === 'CallExpression' || obj.type === 'MemberExpression' || obj.type === 'AwaitExpression' || obj.type === 'ChainExpression') {
      if (obj.type === 'CallExpression') {
        const inner: TSESTree.Expression = obj.callee;
        const name = inner.type === 'MemberExpression' ? propertyName(inner) : inner.type === 'Identifier' ? inner.name : undefined;
        if (name) chain.unshift(name);
        // mysql2's promise wrapper (`pool.promise().query(…)`) is the pool it wraps.
        receiverName ??= name === 'promise' && inner.type === 'MemberExpression' ? (memberPath(inner.object)?.split('.').pop() ?? name) : name;
        obj = inner.type === 'MemberExpression' ? inner.object : inner;
      } else if (obj.type === 'MemberExpression') {
        obj = obj.object;
      } else {
        obj = obj.type === 'AwaitExpression' ? obj.argument : obj.expression;
      }
    }
  } else if (callee.type === 'Identifier') {
    method = undefined;
  }
  return { node, isNew: node.type === 'NewExpression', path, canonical, method, receiverName, receiverPath, chain, args };
}

/** `exec` imported from child_process → `child_process.exec`; a local or project import stays as written. */
export function canonicalPath(path: string, imports: ReadonlyMap<string, ImportBinding>): string | undefined {
  // Called for every call the data flow evaluates, and most callees are not imported: look up before splitting.
  const dot = path.indexOf('.');
  const binding = imports.get(dot === -1 ? path : path.slice(0, dot));
  if (!binding) return undefined;
  const module = canonicalModule(binding.source);
  const base = binding.imported === '*' || binding.imported === 'default' ? module : `${module}.${binding.imported}`;
  return dot === -1 ? base : base + path.slice(dot);
}
