import type { ArgumentNode, DirectiveNode, FieldNode, ObjectValueNode, SelectionSetNode, ValueNode } from 'graphql';
import { defineTextRule } from '../../engine/rule.js';
import type { Severity } from '../../engine/finding.js';

/** Levels anyone reaches: no sign-in, or Firebase's anonymous sign-in, which any visitor gets with one call. */
const ANYONE = new Set(['PUBLIC', 'USER_ANON']);
/** Levels that only ask for an account (any account: signing up is open). */
const ANY_USER = new Set(['USER', 'USER_EMAIL_VERIFIED']);
/** `post_insert`, `post_upsertMany`, `post_update`, `post_deleteMany`: Data Connect's generated mutation fields. */
const MUTATION_FIELD = /^(\w+?)_(insert|upsert|update|delete)(?:Many)?$/;
/** Fields that tie a row to a user: set from a variable, whoever calls names the owner. */
const OWNER_FIELD = /^(?:user|owner|author|creator|createdBy|created_by|member|customer|account|uid|userUid|user_uid)(?:_?[Ii]d)?$/;
/** Fields that grant rights: set from a variable, whoever calls picks their own. */
const ROLE_FIELD = /^(?:role|roles|isAdmin|is_admin|admin|isStaff|is_staff|permissions?|plan|tier|credits|balance)$/;
/** Fields no stranger should read of other people. */
const PRIVATE_FIELD = /^(?:email|emailAddress|phone|phoneNumber|mobile|password|passwordHash|password_hash|address|streetAddress|dateOfBirth|birthDate|birthday|ssn|salary|iban|creditCard|cardNumber|token|accessToken|refreshToken|apiKey)$/i;

type Change = 'insert' | 'upsert' | 'update' | 'delete';

/**
 * Firebase Data Connect runs the queries and mutations a connector declares for any client whose sign-in meets the
 * operation's `@auth` level. `PUBLIC` and `USER_ANON` let anyone run them; `USER` lets any account run them. Unless
 * the operation narrows itself to the caller (`auth.uid` in a filter, key, value or `@check`), or states its own
 * condition (`@auth(expr: …)`), every row of the table is the caller's to change, and the fields it returns the
 * caller's to read.
 */
export const firebaseDataconnectOpenOperation = defineTextRule({
  id: 'firebase-dataconnect-open-operation',
  messageIds: ['openChange', 'anyUserChange', 'openInsert', 'insertAsOther', 'openRead', 'anyUserRead'],
  check({ file, report }) {
    const doc = file.graphql;
    if (!doc) return;
    for (const op of doc.definitions) {
      if (op.kind !== 'OperationDefinition' || !op.loc) continue;
      const auth = op.directives?.find((d) => d.name.value === 'auth');
      const level = auth && enumArgument(auth, 'level');
      // No `@auth` (no level in the file to judge), NO_ACCESS (servers only), or a condition of its own.
      if (!auth?.loc || !level || level === 'NO_ACCESS' || argument(auth, 'expr')) continue;
      // The operation narrows itself to the caller somewhere: a key, filter or value from `auth.uid`, a `@check`.
      if (/\bauth\s*\.\s*(?:uid|token)\b/.test(file.text.slice(op.loc.start, op.loc.end)) || hasCheck(op.selectionSet)) continue;
      const anyone = ANYONE.has(level);
      if (!anyone && !ANY_USER.has(level)) continue;
      const name = op.name?.value ?? `(unnamed ${op.operation})`;
      const offsets = { start: auth.loc.start, end: auth.loc.end };
      const who = anyone ? (level === 'PUBLIC' ? 'anyone, signed in or not,' : 'anyone (an anonymous sign-in is one call away)') : 'any signed-in user';
      const base = { operation: name, level, who };
      if (op.operation === 'mutation') {
        const changes = mutations(op.selectionSet);
        const rewrites = changes.filter((c) => c.change !== 'insert');
        if (rewrites.length > 0) {
          const tables = unique(rewrites.map((c) => c.table));
          const verbs = unique(rewrites.map((c) => (c.change === 'delete' ? 'delete' : 'change'))).join(' or ');
          report({ messageId: anyone ? 'openChange' : 'anyUserChange', data: { ...base, tables: list(tables), verbs }, offsets, severity: anyone ? 'critical' : 'high' });
          continue;
        }
        const inserts = changes.filter((c) => c.change === 'insert');
        if (inserts.length === 0) continue;
        const tables = list(unique(inserts.map((c) => c.table)));
        const role = inserts.flatMap((c) => c.fromVariable.filter((f) => ROLE_FIELD.test(f)));
        const owner = inserts.flatMap((c) => c.fromVariable.filter((f) => OWNER_FIELD.test(f)));
        if (role.length > 0 || owner.length > 0) {
          const severity: Severity = role.length > 0 || anyone ? 'high' : 'medium';
          const why = role.length > 0 ? `picking their own \`${role[0]}\`` : `in any user's name (\`${owner[0]}\` comes from the caller)`;
          report({ messageId: 'insertAsOther', data: { ...base, tables, why }, offsets, severity });
        } else if (anyone) report({ messageId: 'openInsert', data: { ...base, tables }, offsets, severity: 'medium' });
      } else if (op.operation === 'query') {
        const exposed = privateFields(op.selectionSet);
        if (exposed.length === 0) continue;
        // Any account reading other people's private fields: medium, since the caller must at least sign up.
        if (anyone) report({ messageId: 'openRead', data: { ...base, fields: list(unique(exposed)) }, offsets, severity: 'high' });
        else report({ messageId: 'anyUserRead', data: { ...base, fields: list(unique(exposed)) }, offsets, severity: 'medium' });
      }
    }
  },
});

function argument(directive: DirectiveNode, name: string): ArgumentNode | undefined {
  return directive.arguments?.find((a) => a.name.value === name);
}

function enumArgument(directive: DirectiveNode, name: string): string | undefined {
  const value = argument(directive, name)?.value;
  return value?.kind === 'EnumValue' ? value.value : undefined;
}

/** `@check(expr: …)` anywhere in the operation: an embedded query the mutation must pass (a membership, a role). */
function hasCheck(set: SelectionSetNode | undefined): boolean {
  return fields(set).some((f) => f.directives?.some((d) => d.name.value === 'check') || hasCheck(f.selectionSet));
}

function fields(set: SelectionSetNode | undefined): FieldNode[] {
  return (set?.selections ?? []).filter((s): s is FieldNode => s.kind === 'Field');
}

/** The generated mutation fields an operation calls, with the data fields it sets straight from a variable. */
function mutations(set: SelectionSetNode | undefined): { table: string; change: Change; fromVariable: string[] }[] {
  return fields(set).flatMap((f) => {
    const m = MUTATION_FIELD.exec(f.name.value);
    if (!m) return [];
    const data = f.arguments?.find((a) => a.name.value === 'data' || a.name.value === 'datas')?.value;
    return [{ table: m[1], change: m[2] as Change, fromVariable: data ? variableFields(data) : [] }];
  });
}

function variableFields(value: ValueNode): string[] {
  if (value.kind === 'ListValue') return value.values.flatMap(variableFields);
  if (value.kind !== 'ObjectValue') return [];
  return (value as ObjectValueNode).fields.filter((f) => f.value.kind === 'Variable').map((f) => f.name.value);
}

/** Fields a query returns that hold private data, at any depth (`users { email }`, `order { customer { phone } }`). */
function privateFields(set: SelectionSetNode | undefined): string[] {
  return fields(set).flatMap((f) => (f.selectionSet ? privateFields(f.selectionSet) : PRIVATE_FIELD.test(f.name.value) ? [f.name.value] : []));
}

const unique = (xs: string[]) => [...new Set(xs)];
const list = (xs: string[]) => xs.map((x) => `\`${x}\``).join(', ');
