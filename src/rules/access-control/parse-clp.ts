import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { propertyName } from '../../engine/ast-utils.js';
import type { Severity } from '../../engine/finding.js';
import { parseClassKind } from './parse-class-kind.js';

/** One operation of a class-level permissions object that the public (`'*': true`) may perform. */
export interface PublicOperation<L> {
  op: string;
  /** Where the operation's key is written (an AST property or an offset into a JSON file). */
  at: L;
}

export type ClpFinding<L> =
  | { messageId: 'publicAddField'; at: L; data: Record<string, string>; severity: Severity }
  | { messageId: 'publicWrite' | 'publicReadUserData'; at: L; data: Record<string, string>; severity: Severity };

const WRITE_OPS = ['create', 'update', 'delete'];
const READ_OPS = ['find', 'get', 'count'];
/** Classes whose public `create` is how the platform works: sign-up and device registration. */
const PUBLIC_CREATE_BY_DESIGN = new Set(['_User', '_Installation']);

/** Operations of an AST CLP object literal whose value is `{ '*': true, … }`. */
export function publicOperationsInAst(clp: TSESTree.ObjectExpression): PublicOperation<TSESTree.Property>[] {
  const out: PublicOperation<TSESTree.Property>[] = [];
  for (const p of clp.properties) {
    if (p.type !== 'Property' || p.value.type !== 'ObjectExpression') continue;
    const op = propertyName(p);
    const open = p.value.properties.some((q) => q.type === 'Property' && propertyName(q) === '*' && q.value.type === 'Literal' && q.value.value === true);
    if (op && open) out.push({ op, at: p });
  }
  return out;
}

/** Operations of a JSON CLP object whose value is `{ "*": true, … }`, without locations. */
export function publicOperationsInJson(clp: Record<string, unknown>): string[] {
  return Object.entries(clp)
    .filter(([, v]) => typeof v === 'object' && v !== null && (v as Record<string, unknown>)['*'] === true)
    .map(([op]) => op);
}

/**
 * What to report for one class: a public `addField` always (clients can change the schema); public
 * `create`/`update`/`delete` (not `_User`/`_Installation` create, which sign-up and devices need); public
 * `find`/`get`/`count` only on classes whose name says they hold user data.
 */
export function judgeClp<L>(className: string | undefined, ops: PublicOperation<L>[]): ClpFinding<L>[] {
  const out: ClpFinding<L>[] = [];
  const name = className ?? '(unknown class)';
  const kind = className ? parseClassKind(className) : 'unknown';
  const userData = kind === 'private' || kind === 'user';
  const addField = ops.find((o) => o.op === 'addField');
  if (addField) out.push({ messageId: 'publicAddField', at: addField.at, data: { className: name }, severity: 'high' });

  const writes = ops.filter((o) => WRITE_OPS.includes(o.op) && !(o.op === 'create' && className && PUBLIC_CREATE_BY_DESIGN.has(className)));
  if (writes.length) {
    const changes = writes.some((o) => o.op !== 'create');
    out.push({
      messageId: 'publicWrite',
      at: writes[0]!.at,
      data: { className: name, ops: writes.map((o) => o.op).join(', ') },
      severity: changes || userData ? 'high' : 'medium',
    });
  }
  const reads = ops.filter((o) => READ_OPS.includes(o.op));
  if (reads.length && userData) {
    out.push({ messageId: 'publicReadUserData', at: reads[0]!.at, data: { className: name, ops: reads.map((o) => o.op).join(', ') }, severity: 'high' });
  }
  return out;
}
