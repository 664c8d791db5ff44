import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { SCRIPT_AND_JSON } from '../../classify/types.js';
import { calleePath, objectProperty, propertyName, staticString } from '../../engine/ast-utils.js';
import { defineAstRule } from '../../engine/rule.js';
import type { AstNode } from '../../parse/types.js';
import { judgeClp, publicOperationsInAst, publicOperationsInJson, type PublicOperation } from './parse-clp.js';

const CLP_METHODS = new Set(['setCLP', 'updateCLP']);
const CLP_KEY = /"classLevelPermissions"\s*:/g;

/** `new Parse.Schema('Order')` / `new Schema('Order')`: the class name. */
function schemaClassName(node: AstNode | null | undefined): string | undefined {
  if (node?.type !== 'NewExpression') return undefined;
  const path = calleePath(node);
  if (path !== 'Schema' && !path?.endsWith('.Schema')) return undefined;
  return staticString(node.arguments[0] as AstNode | undefined);
}

interface JsonClass {
  className?: string;
  clp: Record<string, unknown>;
}

/** Objects with `classLevelPermissions` in a parsed JSON file, in document order. */
function jsonClasses(value: unknown, out: JsonClass[] = []): JsonClass[] {
  if (Array.isArray(value)) {
    for (const v of value) jsonClasses(v, out);
  } else if (value && typeof value === 'object') {
    const obj = value as Record<string, unknown>;
    const clp = obj['classLevelPermissions'];
    if (clp && typeof clp === 'object' && !Array.isArray(clp)) out.push({ className: typeof obj['className'] === 'string' ? obj['className'] : undefined, clp: clp as Record<string, unknown> });
    for (const [k, v] of Object.entries(obj)) if (k !== 'classLevelPermissions') jsonClasses(v, out);
  }
  return out;
}

/** Offset of `"op":` inside the CLP object that starts at `from`, or of the CLP key itself. */
function jsonOpOffset(text: string, from: number, op: string): { start: number; end: number } {
  const re = new RegExp(`"${op.replace(/[^\w]/g, '')}"\\s*:`, 'g');
  re.lastIndex = from;
  const m = re.exec(text);
  return m ? { start: m.index, end: m.index + op.length + 2 } : { start: from, end: from + 1 };
}

/**
 * Class-level permissions that let the public (`'*': true`) write: in Parse Server's defined schema
 * (`schema: { definitions: [{ className, classLevelPermissions }] }`, in code or any object of that shape),
 * `new Parse.Schema('C').setCLP({...})` in Cloud Code or scripts, and schema JSON files (dashboard exports,
 * REST payloads). Public `addField` is always reported; public reads only on classes named like user data.
 */
export const parseClassPermissionsPublicWrite = defineAstRule({
  id: 'parse-class-permissions-public-write',
  messageIds: ['publicWrite', 'publicAddField', 'publicReadUserData'],
  appliesTo: { roles: ['server', 'shared', 'config', 'client'], languages: SCRIPT_AND_JSON, frameworks: ['parse'] },
  // In code, only `classLevelPermissions` keys and `setCLP`/`updateCLP` calls are judged (JSON files have no AST, so no prefilter).
  triggers: ['classLevelPermissions', 'setCLP', 'updateCLP'],
  create({ report }) {
    const objects = new Map<string, TSESTree.ObjectExpression>();
    const schemas = new Map<string, string>();
    const pending: { className?: string; clp: AstNode | undefined }[] = [];
    const resolve = (n: AstNode | undefined) => (n?.type === 'ObjectExpression' ? n : n?.type === 'Identifier' ? objects.get(n.name) : undefined);
    const judge = (className: string | undefined, clpNode: AstNode | undefined) => {
      const clp = resolve(clpNode);
      if (!clp) return;
      const ops: PublicOperation<TSESTree.Property>[] = publicOperationsInAst(clp);
      for (const f of judgeClp(className, ops)) report({ messageId: f.messageId, data: f.data, node: f.at, severity: f.severity });
    };
    return {
      VariableDeclarator(node) {
        if (node.id.type !== 'Identifier') return;
        if (node.init?.type === 'ObjectExpression') objects.set(node.id.name, node.init);
        const schema = schemaClassName(node.init as AstNode | null);
        if (schema) schemas.set(node.id.name, schema);
      },
      ObjectExpression(node) {
        const clp = objectProperty(node, 'classLevelPermissions');
        if (!clp) return;
        pending.push({ className: staticString(objectProperty(node, 'className')?.value as AstNode | undefined) ?? keyedClassName(node), clp: clp.value as AstNode });
      },
      CallExpression(node) {
        if (node.callee.type !== 'MemberExpression' || !CLP_METHODS.has(propertyName(node.callee) ?? '')) return;
        const receiver = node.callee.object as AstNode;
        const className = schemaClassName(receiver) ?? (receiver.type === 'Identifier' ? schemas.get(receiver.name) : undefined);
        pending.push({ className, clp: node.arguments[0] as AstNode | undefined });
      },
      'Program:exit'() {
        // Resolved at the end: CLP objects are often declared below the schema that uses them.
        for (const p of pending) judge(p.className, p.clp);
      },
    };
  },
  checkWithoutAst({ file, report }) {
    if (file.language !== 'json' || file.json === undefined || !file.text.includes('classLevelPermissions')) return;
    const starts = [...file.text.matchAll(CLP_KEY)].map((m) => m.index);
    jsonClasses(file.json).forEach((cls, i) => {
      const start = starts[i];
      if (start === undefined) return;
      const ops = publicOperationsInJson(cls.clp).map((op) => ({ op, at: jsonOpOffset(file.text, start, op) }));
      for (const f of judgeClp(cls.className, ops)) report({ messageId: f.messageId, data: f.data, offsets: f.at, severity: f.severity });
    });
  },
});

/** A schema kept in a map by class name: `{ Document: { fields, classLevelPermissions } }`. */
function keyedClassName(node: TSESTree.ObjectExpression): string | undefined {
  const parent = node.parent;
  if (parent?.type !== 'Property' || parent.value !== node) return undefined;
  const key = parent.computed ? staticString(parent.key as AstNode) : propertyName(parent);
  return key && /^(?:_?[A-Z])\w*$/.test(key) ? key : undefined;
}
