import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { objectProperty, propertyName, staticString } from '../../engine/ast-utils.js';
import { defineAstRule } from '../../engine/rule.js';
import type { AstNode } from '../../parse/types.js';

type Operation = 'read' | 'create' | 'update' | 'delete';
/** Who an access function lets through: anyone, any signed-in user, the user's own document, or something narrower. */
type Grant = 'anyone' | 'anyUser' | 'self' | 'other';

/** Payload's own helpers and the names projects give them (`access/anyone.ts`, `access/authenticated.ts`). */
const ANYONE_HELPER = /^(?:anyone|everyone|allowAll|publicAccess|isPublic|openAccess|allowAnyone)$/;
const SIGNED_IN_HELPER = /^(?:authenticated|isAuthenticated|loggedIn|isLoggedIn|signedIn|isSignedIn|anyUser|isUser)$/;
/** `Boolean(user)`, `!!req.user`, `user != null`, `Boolean(req?.user)`: any signed-in user. */
const SIGNED_IN_TEST = /^(?:Boolean\(\s*(?:req\??\.)?user\s*\)|!!(?:\(\s*)?(?:req\??\.)?user(?:\s*\))?|(?:req\??\.)?user\s*!==?\s*(?:null|undefined))$/;
/** Fields that grant rights or money: the user must not write them. */
const PRIVILEGED_FIELD = /^(?:roles?|isAdmin|admin|is_admin|userRole|permissions|plan|tier|subscription(?:Status|Tier)?|credits|balance|isVerified|verified)$/;
/** Fields that make a document personal data. */
const PERSONAL_FIELD = /^(?:e?mail|emailAddress|phone|phoneNumber|mobile|address|street|dateOfBirth|birthDate|dob|ssn|passport)$/i;

interface Collection {
  node: TSESTree.ObjectExpression;
  slug: string;
  auth: boolean;
  access?: TSESTree.ObjectExpression;
  fields: TSESTree.ObjectExpression[];
}

/**
 * Payload CMS collections whose access control lets the wrong people in. Payload checks each operation on a
 * collection with the function its config gives (`access: { read: () => true, update: ({ req: { user } }) =>
 * Boolean(user) }`); an operation without one needs a signed-in user, any user. Reported: reads of users or of
 * personal data open to anyone, updates and deletes open to anyone, users' accounts any signed-in user may
 * change when anyone may sign up, and a role or plan field of the users collection that sign-up or a user's own
 * update may set (no field-level access and no hook keeps it).
 */
export const payloadCollectionAccess = defineAstRule({
  id: 'payload-collection-access',
  messageIds: ['readOpen', 'writeOpen', 'anyUserEditsUsers', 'privilegedField'],
  appliesTo: { roles: ['server', 'shared', 'config'] },
  triggers: ['slug'],
  create({ file, report }) {
    if (!/\bpayload\b|CollectionConfig/.test(file.text)) return {};
    return {
      ObjectExpression(node) {
        const c = collectionOf(node);
        if (!c) return;
        const grant = (op: Operation) => grantOf(c, op, file.text);
        const personal = c.auth || c.fields.some((f) => PERSONAL_FIELD.test(fieldName(f) ?? '') || staticString(valueOf(f, 'type')) === 'email');
        const at = (op: Operation) => (c.access && objectProperty(c.access, op)) ?? c.node;
        if (personal && grant('read') === 'anyone') {
          report({ messageId: 'readOpen', node: at('read'), data: { slug: c.slug, what: c.auth ? 'its users (e-mail addresses and every field of their accounts)' : 'its documents, which hold personal data' } });
        }
        const openWrites = (['update', 'delete'] as const).filter((op) => grant(op) === 'anyone');
        if (openWrites.length) report({ messageId: 'writeOpen', node: at(openWrites[0]), data: { slug: c.slug, ops: openWrites.join(' and ') } });
        const signUp = c.auth && grant('create') === 'anyone';
        const anyUserWrites = (['update', 'delete'] as const).filter((op) => grant(op) === 'anyUser');
        if (signUp && anyUserWrites.length) {
          report({ messageId: 'anyUserEditsUsers', node: at(anyUserWrites[0]), data: { slug: c.slug, ops: anyUserWrites.join(' and ') } });
        }
        // A privileged field users may write: at a public sign-up, or in the update of their own document (where
        // the collection is kept per user: updates scoped to it, or open to whoever signed up).
        if (c.auth) {
          const update = grant('update');
          const ownUpdate = update === 'self' || (signUp && (update === 'anyone' || update === 'anyUser'));
          const writes = [signUp ? 'sign-up' : undefined, ownUpdate ? 'their own update' : undefined].filter(Boolean);
          const field = writes.length ? c.fields.find((f) => PRIVILEGED_FIELD.test(fieldName(f) ?? '') && !fieldGuarded(f, file.text)) : undefined;
          if (field) report({ messageId: 'privilegedField', node: field, data: { slug: c.slug, field: fieldName(field)!, how: writes.join(' and ') }, severity: /role|admin|permission/i.test(fieldName(field)!) ? 'critical' : 'high' });
        }
      },
    };
  },
});

/** A collection config: an object with a string `slug` and a `fields` array. */
function collectionOf(node: TSESTree.ObjectExpression): Collection | undefined {
  const slug = staticString(valueOf(node, 'slug'));
  const fields = valueOf(node, 'fields');
  if (!slug || fields?.type !== 'ArrayExpression') return undefined;
  const auth = valueOf(node, 'auth');
  const access = valueOf(node, 'access');
  return {
    node,
    slug,
    auth: !!auth && !(auth.type === 'Literal' && auth.value === false),
    access: access?.type === 'ObjectExpression' ? access : undefined,
    fields: fields.elements.filter((e): e is TSESTree.ObjectExpression => e?.type === 'ObjectExpression'),
  };
}

function grantOf(c: Collection, op: Operation, text: string): Grant {
  const p = c.access && objectProperty(c.access, op);
  // No function for the operation: Payload lets any signed-in user do it.
  if (!p) return c.access && c.access.properties.some((x) => x.type === 'SpreadElement') ? 'other' : 'anyUser';
  return judge(p.value as AstNode, text);
}

/** Who an access function (or a helper named for it) lets through. */
function judge(value: AstNode, text: string): Grant {
  if (value.type === 'Identifier') return ANYONE_HELPER.test(value.name) ? 'anyone' : SIGNED_IN_HELPER.test(value.name) ? 'anyUser' : 'other';
  if (value.type === 'Literal') return value.value === true ? 'anyone' : 'other';
  if (value.type !== 'ArrowFunctionExpression' && value.type !== 'FunctionExpression') return 'other';
  const body = value.body;
  const returned = body.type === 'BlockStatement' ? (body.body.length === 1 && body.body[0].type === 'ReturnStatement' ? body.body[0].argument : undefined) : body;
  if (returned?.type === 'Literal' && returned.value === true) return 'anyone';
  if (returned && SIGNED_IN_TEST.test(source(returned as AstNode, text))) return 'anyUser';
  // `if (user) return { id: { equals: user.id } }`: the user's own document.
  if (/\bid\s*:\s*\{\s*equals\s*:\s*(?:req\??\.)?user\??\.id\b/.test(source(body as AstNode, text))) return 'self';
  return 'other';
}

/** A field whose writes are checked (`access: { create, update }`) or set by a hook (`hooks: { beforeChange }`). */
function fieldGuarded(field: TSESTree.ObjectExpression, text: string): boolean {
  const access = valueOf(field, 'access');
  const hooks = valueOf(field, 'hooks');
  const checks = access?.type === 'ObjectExpression' && access.properties.some((p) => p.type === 'Property' && /^(?:create|update)$/.test(propertyName(p) ?? '') && judge(p.value as AstNode, text) !== 'anyone');
  const sets = hooks?.type === 'ObjectExpression' && hooks.properties.some((p) => p.type === 'Property' && /^before(?:Change|Validate)$/.test(propertyName(p) ?? ''));
  return checks || sets;
}

function fieldName(field: TSESTree.ObjectExpression): string | undefined {
  return staticString(valueOf(field, 'name'));
}

/** The value a property of an object literal holds. */
const valueOf = (obj: TSESTree.ObjectExpression, key: string) => objectProperty(obj, key)?.value as AstNode | undefined;

/** The node's text, its whitespace runs made one space. */
function source(node: AstNode, text: string): string {
  return text.slice(node.range[0], node.range[1]).replace(/\s+/g, ' ').trim();
}
