import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { staticString } from '../../engine/ast-utils.js';
import type { RelatedLocation } from '../../engine/finding.js';
import { defineAstRule } from '../../engine/rule.js';
import type { Origin } from '../../database/types.js';
import { defineProjectFact } from '../../model/facts.js';
import { dependsOnScope } from '../../model/package-facts.js';
import { chainOf } from '../../routes/ast.js';
import type { AstNode } from '../../parse/types.js';
import { firestoreAccess, firestorePath, hasFirestoreRules, isFirestoreCall } from './firestore-access.js';
import { tableAccess, type Operation } from './supabase-access.js';
import { ownerColumns, privateDataEvidence, qualified } from './supabase-model.js';

const OPERATIONS: Record<string, Operation> = { select: 'select', insert: 'insert', upsert: 'update', update: 'update', delete: 'delete' };
const WORDS: Record<Operation, { verb: string; harm: string }> = {
  select: { verb: 'reads', harm: "read every other user's rows" },
  insert: { verb: 'inserts into', harm: 'insert rows in the name of other users' },
  update: { verb: 'updates', harm: "change every other user's rows" },
  delete: { verb: 'deletes from', harm: "delete every other user's rows" },
};

const FIRESTORE_HARM: Record<string, string> = {
  create: "create documents in other users' names",
  update: "change other users' documents",
  delete: "delete other users' documents",
  get: "read other users' documents",
  list: "list and read other users' documents",
};

export function originLocation(origin: Origin, message: string): RelatedLocation {
  const line = origin.statement.line;
  return { file: origin.file.path, range: { startLine: line, startColumn: 1, endLine: line, endColumn: 1 }, message };
}

/** What the migrations leave open of one table for one operation through the API, as the rule reports it. */
interface OpenTable {
  kind: 'no-rls' | 'anyone' | 'signed-in';
  table: string;
  owners: string[];
  personal?: string;
  /** Where RLS was left off (`no-rls`), or the policy that lets every row through. */
  origin: RelatedLocation;
  policy?: string;
}

/**
 * `table\0operation` → how it is open, if it is. A project fact depended on by its value: adding a migration
 * redoes the client files whose queries it changes the answer for, not every file of the project.
 */
const openTable = defineProjectFact('client table access', (model, arg): OpenTable | undefined => {
  const [table, op] = arg.split('\0') as [string, Operation];
  const access = tableAccess(model, table, op);
  if (!access.table || (access.kind !== 'no-rls' && access.kind !== 'anyone' && access.kind !== 'signed-in')) return undefined;
  const name = qualified(access.table);
  const open = { kind: access.kind, table: name, owners: ownerColumns(access.table), personal: privateDataEvidence(access.table) };
  if (access.kind === 'no-rls') return { ...open, origin: originLocation(access.table.rlsChanged ?? access.table.created, `\`${name}\` is left without row-level security here`) };
  const policy = access.policy!;
  return { ...open, policy: policy.name, origin: originLocation(policy.origin, `policy "${policy.name}" lets ${access.kind === 'anyone' ? 'anyone' : 'any signed-in user'} ${op} every row`) };
});

/**
 * A Supabase query in browser code (`supabase.from('invoices').update(…)`) whose table the migrations leave
 * open for that operation: no RLS, or a policy that lets anyone / any signed-in user reach every row. The
 * policy rules report the policy at the migration; this reports the code path that uses it.
 */
export const clientQueryAllowedByPolicy = defineAstRule({
  id: 'client-query-allowed-by-policy',
  messageIds: ['noRls', 'openPolicy', 'signedInPolicy', 'firestoreOpen', 'firestoreSignedIn'],
  appliesTo: { roles: ['client'] },
  create({ file, model, report }) {
    const supabase = dependsOnScope(file, model, '@supabase/') || file.text.includes('@supabase/');
    const firestore = file.text.includes('firebase/firestore') && hasFirestoreRules(model);
    if (!supabase && !firestore) return {};
    const seen = new Set<string>();
    const checkFirestore = (node: TSESTree.CallExpression) => {
      const method = isFirestoreCall(node);
      const path = method ? firestorePath(node.arguments[0] as AstNode) : undefined;
      if (!method || !path) return;
      const access = firestoreAccess(model, path, method);
      if (!access) return;
      const write = !['get', 'list'].includes(method);
      const kind = access.pathKind;
      // Same bar as the rules-file rules: public content may be read by all; profiles by any signed-in user.
      const reportable = access.kind === 'anyone' ? write || kind !== 'public' : kind === 'everything' || kind === 'private' || (kind === 'user' && write);
      const display = `/${path.map((p) => (p === '*' ? '{id}' : p)).join('/')}`;
      const key = `fs:${display}:${method}`;
      if (!reportable || seen.has(key)) return;
      seen.add(key);
      const callee = (node.callee as TSESTree.Identifier).name;
      const allow = access.allow;
      report({
        messageId: access.kind === 'anyone' ? 'firestoreOpen' : 'firestoreSignedIn',
        data: { code: callee, path: display, method, rule: `allow ${allow.methods.join(', ')}${allow.condition ? `: if ${allow.condition.replace(/\s+/g, ' ').slice(0, 60)}` : ''}`, harm: FIRESTORE_HARM[method] },
        node: node as AstNode,
        severity: access.kind === 'anyone' ? 'critical' : 'high',
        related: [{ file: access.file, range: { startLine: allow.line, startColumn: allow.column, endLine: allow.line, endColumn: allow.column }, message: `this rule lets ${access.kind === 'anyone' ? 'anyone' : 'any signed-in user'} ${method} documents at \`${display}\`` }],
      });
    };
    return {
      CallExpression(node) {
        if (firestore) checkFirestore(node);
        if (!supabase) return;
        const { root, steps } = chainOf(node as AstNode);
        const last = steps[steps.length - 1];
        const op = last && OPERATIONS[last.name];
        const from = steps.length >= 2 ? steps[steps.length - 2] : undefined;
        if (!op || !root || from?.name !== 'from' || steps.some((s) => s.name === 'storage')) return;
        // Service-role clients in the browser are reported by supabase-service-role-in-client.
        if (/admin|service/i.test(root)) return;
        const table = from.args?.[0] ? staticString(from.args[0] as AstNode) : undefined;
        if (!table) return;
        const access = openTable(model, `${table}\0${op}`);
        if (!access) return;
        const { owners, personal } = access;
        // A world-readable profile table without personal columns is Supabase's own starter template: as
        // supabase-permissive-policy, reads open to everyone count only where the rows hold private data.
        const evidence = op === 'select' && access.kind === 'anyone' ? personal : owners.length ? `its \`${owners[0]}\` column says whose row it is` : personal;
        // Rows with no owner and nothing private (a shared lookup table) are not other users' data.
        if (!evidence || (op === 'insert' && !owners.length) || (access.kind === 'signed-in' && !owners.length)) return;
        const key = `${table}:${op}`;
        if (seen.has(key)) return;
        seen.add(key);
        const data = { code: `${root}.from('${table}').${last.name}`, verb: WORDS[op].verb, table: access.table, harm: WORDS[op].harm, evidence };
        if (access.kind === 'no-rls') report({ messageId: 'noRls', data, node: node as AstNode, severity: 'critical', related: [access.origin] });
        else report({ messageId: access.kind === 'anyone' ? 'openPolicy' : 'signedInPolicy', data: { ...data, policy: access.policy! }, node: node as AstNode, severity: 'high', related: [access.origin] });
      },
    };
  },
});
