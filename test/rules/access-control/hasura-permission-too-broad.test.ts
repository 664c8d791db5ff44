import { ruleTester } from '../../helpers/rule-tester.js';

const USERS = 'hasura/metadata/databases/default/tables/public_users.yaml';
/** A Hasura table file for `public.<name>` with `permissions` (YAML lines at the top level). */
const table = (name: string, permissions: string[]) => [`table:`, `  name: ${name}`, `  schema: public`, ...permissions, ``].join('\n');

ruleTester('hasura-permission-too-broad', {
  valid: [
    {
      name: "public columns for the unauthorized role, the caller's own row for users, and staff who change any row",
      files: {
        [USERS]: table('users', [
          `select_permissions:`,
          `  - role: anonymous`,
          `    permission:`,
          `      columns: [id, first_name, created_at]`,
          `      filter: {}`,
          `update_permissions:`,
          `  - role: user`,
          `    permission:`,
          `      columns: [first_name]`,
          `      filter:`,
          `        id:`,
          `          _eq: X-Hasura-User-Id`,
          `      check: null`,
          `delete_permissions:`,
          `  - role: moderator`,
          `    permission:`,
          `      filter: {}`,
        ]),
        // Not Hasura's metadata: a workflow that happens to list a password column.
        'config/columns.yaml': `select_permissions:\n  - role: anonymous\n    permission:\n      columns: [password]\n      filter: {}\n`,
      },
    },
  ],
  invalid: [
    {
      name: 'a password column any visitor may select, another a signed-in user may, and deletes of every row',
      files: {
        [USERS]: table('users', [
          `select_permissions:`,
          `  - role: anonymous`,
          `    permission:`,
          `      columns:`,
          `        - email`,
          `        - password`,
          `      filter: {}`,
          `  - role: user`,
          `    permission:`,
          `      columns: [email, reset_token]`,
          `      filter:`,
          `        id:`,
          `          _eq: X-Hasura-User-Id`,
        ]),
        'hasura/metadata/databases/default/tables/public_recipe.yaml': table('recipe', [`delete_permissions:`, `  - role: user`, `    permission:`, `      filter: {}`]),
      },
      errors: [
        { messageId: 'anyRow', line: 5, file: 'hasura/metadata/databases/default/tables/public_recipe.yaml', severity: 'high' },
        { messageId: 'secretColumn', line: 9, file: USERS, severity: 'critical' },
        { messageId: 'secretColumn', line: 13, file: USERS, severity: 'high' },
      ],
    },
    {
      name: "Hasura v2's single tables.yaml: updates of every row for users",
      files: {
        'hasura/metadata/tables.yaml': `- table:\n    schema: public\n    name: todos\n  update_permissions:\n    - role: user\n      permission:\n        columns: [title, is_completed]\n        filter: {}\n        check: null\n`,
      },
      errors: [{ messageId: 'anyRow', line: 5 }],
    },
  ],
});
