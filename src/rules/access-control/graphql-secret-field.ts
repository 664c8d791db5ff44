import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { defineAstRule } from '../../engine/rule.js';
import type { AstNode } from '../../parse/types.js';
import { decoratorNames } from './ast-helpers.js';
import { SECRET_FIELD } from './model-fields.js';

/**
 * A GraphQL object type that publishes a secret as a field (CWE-200, CWE-522): `type User { password: String! }` in
 * a schema file or a `gql` template, or `@Field() token` on a type-graphql / NestJS `@ObjectType()` class. Whoever
 * can query a `User` (a post's author, a list of members) can ask for the field, and the resolver hands back the
 * stored hash or the live session token. AI-written schemas often mirror the database model field for field.
 *
 * Left out: input types (what clients send), the root `Query`/`Mutation`/`Subscription` types, and tokens on the
 * types a sign-in returns to the one signing in (`AuthPayload { token }`, `LoginResponse { accessToken }`).
 */

/** Types a sign-in or a token refresh returns to the caller: a token there is theirs. */
const ISSUED_TO_CALLER = /(?:Payload|Response|Result|Output|Tokens?|Credentials|Session)$|^(?:Auth|Login|SignIn|Signin|SignUp|Signup|Register|Session|Token|Refresh)/;
/** Types whose token is no credential of a user: a device's push token. */
const NOT_A_CREDENTIAL = /Device|Push|Fcm|Notification/;
/** Fields that are tokens: the caller's own on the types above. */
const TOKEN_FIELD = /token|jwt/i;
const ROOT_TYPES = new Set(['Query', 'Mutation', 'Subscription']);
/** `type User …{` or `interface Node …{` (also after `extend`): the fields of an object type follow. */
const TYPE_HEAD = /\b(?:type|interface)\s+([A-Za-z_]\w*)/;
const FIELD_LINE = /^[ \t]*([A-Za-z_]\w*)[ \t]*[(:]/gm;

export const graphqlSecretField = defineAstRule({
  id: 'graphql-secret-field',
  messageIds: ['field'],
  appliesTo: { roles: ['server', 'shared', 'config', 'client'] },
  triggers: [/password|passwd|token|secret|salt|apikey|api_key|otp/i],
  create({ file, report }) {
    return {
      // gql`type User { password: String! }`, graphql`…`, buildSchema(`…`).
      TaggedTemplateExpression(node) {
        if (node.tag.type !== 'Identifier' || !/^(?:gql|graphql)$/.test(node.tag.name)) return;
        for (const q of node.quasi.quasis) for (const f of secretFields(file.text.slice(q.range[0], q.range[1]), q.range[0])) report({ messageId: 'field', offsets: f.at, data: { type: f.type, field: f.field } });
      },
      // @ObjectType() class User { @Field() token: string }
      PropertyDefinition(node) {
        if (node.key.type !== 'Identifier' || !decoratorNames(node.decorators).includes('Field')) return;
        const cls = node.parent?.parent as TSESTree.ClassDeclaration | TSESTree.ClassExpression | undefined;
        const names = decoratorNames(cls?.decorators);
        if (!cls?.id || !(names.includes('ObjectType') || names.includes('InterfaceType'))) return;
        if (secretField(cls.id.name, node.key.name)) report({ messageId: 'field', node: node.key as AstNode, data: { type: cls.id.name, field: node.key.name } });
      },
    };
  },
  // Schema files: `schema.graphql`, `user.gql`.
  checkWithoutAst({ file, report }) {
    if (!/\.(?:graphql|graphqls|gql)$/i.test(file.path)) return;
    for (const f of secretFields(file.text, 0)) report({ messageId: 'field', offsets: f.at, data: { type: f.type, field: f.field } });
  },
});

function secretField(type: string, field: string): boolean {
  if (ROOT_TYPES.has(type) || !SECRET_FIELD.test(field)) return false;
  return !(TOKEN_FIELD.test(field) && (ISSUED_TO_CALLER.test(type) || NOT_A_CREDENTIAL.test(type)));
}

/** The secret fields of the object types in schema text, with where each is (`base` is the text's offset in the file). */
function secretFields(sdl: string, base: number): { type: string; field: string; at: { start: number; end: number } }[] {
  const text = withoutComments(sdl);
  const out: { type: string; field: string; at: { start: number; end: number } }[] = [];
  // One pass: each head's body must open within a short distance, and the search goes on after the body it found, so
  // a hostile file of many heads and few braces costs no more than its length.
  const heads = new RegExp(TYPE_HEAD.source, 'g');
  const bodies: { type: string; open: number; body: string }[] = [];
  for (let head = heads.exec(text); head; head = heads.exec(text)) {
    const type = head[1];
    const after = head.index + head[0].length;
    const gap = text.slice(after, after + 300).search(/[{};]/);
    if (gap < 0 || text[after + gap] !== '{') continue;
    const open = after + gap;
    const close = text.indexOf('}', open);
    if (close < 0) break;
    bodies.push({ type, open, body: text.slice(open + 1, close) });
    heads.lastIndex = close + 1;
  }
  // The types a query or another type's field hands out: a token on a type only mutations return (`login: User`, the
  // MERNG tutorial's `type User { token }`) is the caller's own, issued as they sign in.
  const handedOut = new Set<string>();
  for (const { type, body } of bodies) {
    if (type === 'Mutation' || type === 'Subscription') continue;
    for (const m of body.matchAll(/:\s*(?:\[\s*)?([A-Za-z_]\w*)/g)) handedOut.add(m[1]);
  }
  // (Only where the schema's queries and mutations are both in this text: another file may have a query for the type.)
  const wholeSchema = bodies.some((b) => b.type === 'Query') && bodies.some((b) => b.type === 'Mutation');
  for (const { type, open, body } of bodies) {
    for (const f of body.matchAll(FIELD_LINE)) {
      if (!secretField(type, f[1]) || (TOKEN_FIELD.test(f[1]) && !handedOut.has(type) && wholeSchema)) continue;
      const start = base + open + 1 + f.index + f[0].indexOf(f[1]);
      out.push({ type, field: f[1], at: { start, end: start + f[1].length } });
    }
  }
  return out;
}

/** Schema text with `#` comments and string descriptions blanked, offsets kept. */
function withoutComments(sdl: string): string {
  return sdl.replace(/"""[\s\S]*?"""|"(?:[^"\\\n]|\\.)*"|#[^\n]*/g, (m) => m.replace(/[^\n]/g, ' '));
}
