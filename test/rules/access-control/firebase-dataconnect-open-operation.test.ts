import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../../src/config/types.js';
import { scanVirtual } from '../../../src/engine/scan.js';
import { ruleTester } from '../../helpers/rule-tester.js';

const M = 'dataconnect/connector/mutations.gql';
const Q = 'dataconnect/connector/queries.gql';

ruleTester('firebase-dataconnect-open-operation', {
  valid: [
    {
      name: 'mutations narrowed to the caller by a key, a filter or a value from auth.uid',
      filename: M,
      code: [
        'mutation UpdateMyProfile($bio: String) @auth(level: USER) {',
        '  profile_update(key: { id_expr: "auth.uid" }, data: { bio: $bio })',
        '}',
        'mutation DeleteMyPost($id: UUID!) @auth(level: USER) {',
        '  post_delete(first: { where: { id: { eq: $id }, authorId: { eq_expr: "auth.uid" } } })',
        '}',
        'mutation CreatePost($title: String!) @auth(level: USER) {',
        '  post_insert(data: { title: $title, authorId_expr: "auth.uid" })',
        '}',
        '',
      ].join('\n'),
    },
    {
      name: 'servers only, no @auth at all, or a condition of its own',
      filename: M,
      code: [
        'mutation MarkPaid($id: UUID!) @auth(level: NO_ACCESS) {',
        '  order_update(id: $id, data: { paid: true })',
        '}',
        'mutation Unguarded($id: UUID!) {',
        '  order_delete(id: $id)',
        '}',
        'mutation BanUser($id: String!) @auth(expr: "auth.token.admin == true") {',
        '  user_update(id: $id, data: { banned: true })',
        '}',
        '',
      ].join('\n'),
    },
    {
      name: 'a mutation guarded by a @check on an embedded query',
      filename: M,
      code: [
        'mutation RenameBoard($boardId: UUID!, $name: String!) @auth(level: USER) @transaction {',
        '  query @redact {',
        '    boardMember(key: { boardId: $boardId, userId_expr: "auth.uid" }) @check(expr: "this != null", message: "not a member") { role }',
        '  }',
        '  board_update(id: $boardId, data: { name: $name })',
        '}',
        '',
      ].join('\n'),
    },
    {
      name: 'a public catalogue query, a signed-in insert with no owner field, the caller\'s own e-mail',
      files: {
        [Q]: 'query ListProducts @auth(level: PUBLIC) {\n  products { id name price category { name } }\n}\nquery Me @auth(level: USER) {\n  user(key: { id_expr: "auth.uid" }) { id email }\n}\n',
        [M]: 'mutation AddFeedback($text: String!) @auth(level: USER) {\n  feedback_insert(data: { text: $text })\n}\n',
      },
    },
    {
      name: 'a GraphQL schema of another framework, with @auth on types, outside a dataconnect folder',
      filename: 'amplify/backend/api/schema.graphql',
      code: 'type Todo @model @auth(rules: [{ allow: public }]) {\n  id: ID!\n  name: String!\n}\n',
    },
  ],
  invalid: [
    {
      name: 'updates and deletes anyone can run, without signing in or with an anonymous sign-in',
      filename: M,
      code: [
        'mutation UpdatePengguna($id: UUID!, $nama: String) @auth(level: PUBLIC) {',
        '  pengguna_update(id: $id, data: { nama: $nama })',
        '}',
        'mutation DeletePengguna($id: UUID!) @auth(level: PUBLIC) {',
        '  pengguna_delete(id: $id)',
        '}',
        'mutation SaveScore($id: UUID!, $score: Int!) @auth(level: USER_ANON) {',
        '  score_upsert(data: { id: $id, score: $score })',
        '}',
        '',
      ].join('\n'),
      errors: [
        { messageId: 'openChange', line: 1, severity: 'critical' },
        { messageId: 'openChange', line: 4, severity: 'critical' },
        { messageId: 'openChange', line: 7, severity: 'critical' },
      ],
    },
    {
      name: 'a delete any account can run on any row',
      filename: M,
      code: 'mutation DeletePost($id: UUID!) @auth(level: USER) {\n  post_delete(id: $id)\n}\n',
      errors: [{ messageId: 'anyUserChange', line: 1, severity: 'high' }],
    },
    {
      name: 'inserts that take the role or the owner from the caller, and a plain public insert',
      filename: M,
      code: [
        'mutation CreateUser($email: String!, $role: String!) @auth(level: PUBLIC) {',
        '  user_insert(data: { email: $email, role: $role })',
        '}',
        'mutation CreateOrder($userId: String!, $total: Float!) @auth(level: USER) {',
        '  order_insert(data: { userId: $userId, total: $total })',
        '}',
        'mutation SendMessage($text: String!) @auth(level: PUBLIC) {',
        '  message_insert(data: { text: $text })',
        '}',
        '',
      ].join('\n'),
      errors: [
        { messageId: 'insertAsOther', line: 1, severity: 'high' },
        { messageId: 'insertAsOther', line: 4, severity: 'medium' },
        { messageId: 'openInsert', line: 7, severity: 'medium' },
      ],
    },
    {
      name: 'a public query that returns e-mail addresses, nested, and any account reading any member\'s phone',
      filename: Q,
      code: 'query ListOrders @auth(level: PUBLIC) {\n  orders { id total customer { name email } }\n}\nquery GetMember($id: UUID!) @auth(level: USER) {\n  member(id: $id) { name phone }\n}\n',
      errors: [
        { messageId: 'openRead', line: 1, severity: 'high' },
        { messageId: 'anyUserRead', line: 4, severity: 'medium' },
      ],
    },
  ],
});

describe('Data Connect connector files', () => {
  it('reports a connector that does not parse as a notification and goes on with the scan', async () => {
    const result = await scanVirtual(
      {
        [M]: 'mutation Broken($id: UUID!) @auth(level: PUBLIC) {\n  post_delete(id: $id\n}\n',
        'dataconnect/other/mutations.gql': 'mutation DeletePost($id: UUID!) @auth(level: PUBLIC) {\n  post_delete(id: $id)\n}\n',
      },
      { config: defaultConfig(), offline: true },
    );
    const notice = result.notifications.find((n) => n.file === M);
    expect(notice?.message).toMatch(/GraphQL: Syntax Error/);
    expect(result.findings.filter((f) => f.ruleId === 'firebase-dataconnect-open-operation').map((f) => f.file)).toEqual(['dataconnect/other/mutations.gql']);
  });

  it('turns a connector nested deeper than the parser\'s stack into a notification', async () => {
    const depth = 20000;
    const result = await scanVirtual({ [Q]: `query Deep @auth(level: PUBLIC) {\n${'a { '.repeat(depth)}email${' }'.repeat(depth)}\n}\n` }, { config: defaultConfig(), offline: true });
    // Refused before the parser sees it (data-nesting.ts), at the line where it passed the limit.
    expect(result.notifications.find((n) => n.file === Q)).toMatchObject({ message: expect.stringMatching(/nested more than 256 levels deep/), line: 2 });
  });

  it('still parses a connector nested 200 levels deep', async () => {
    let parsed = false;
    const result = await scanVirtual({ [Q]: `query Deep @auth(level: PUBLIC) {\n${'a { '.repeat(200)}email${' }'.repeat(200)}\n}\n` }, { config: defaultConfig(), offline: true, onModel: (m) => (parsed = !!m.fileByPath.get(Q)?.graphql) });
    expect(result.notifications.filter((n) => n.file === Q)).toEqual([]);
    expect(parsed).toBe(true);
  });
});
