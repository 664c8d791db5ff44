import { ruleTester } from '../../helpers/rule-tester.js';

const PKG = JSON.stringify({ name: 'cms', dependencies: { payload: '3.12.0', next: '15.1.0' } });
/** A collection file: `lines` are the config's properties, from line 4. */
const collection = (name: string, lines: string[]) => ({
  'package.json': PKG,
  [`src/collections/${name}.ts`]: [`import type { CollectionConfig } from 'payload';`, `import { anyone, authenticated } from '../access';`, `export const ${name}: CollectionConfig = {`, ...lines.map((l) => `  ${l}`), `};`, ``].join('\n'),
});

ruleTester('payload-collection-access', {
  valid: [
    {
      name: "public content read by anyone and written by the site's editors, in a project where no one signs up",
      files: {
        ...collection('Posts', [`slug: 'posts',`, `access: { read: anyone, create: authenticated, update: authenticated, delete: authenticated },`, `fields: [{ name: 'title', type: 'text' }, { name: 'author', type: 'relationship', relationTo: 'users' }],`]),
        ...collection('Users', [`slug: 'users',`, `auth: true,`, `access: { read: authenticated, create: authenticated, update: authenticated, delete: authenticated },`, `fields: [{ name: 'name', type: 'text' }, { name: 'role', type: 'select', options: ['editor', 'admin'] }],`]),
      },
    },
    {
      name: 'a sign-up whose role only admins set, users reading and changing only their own account, and a public contact form',
      files: {
        ...collection('Customers', [
          `slug: 'customers',`,
          `auth: true,`,
          `access: {`,
          `  read: ({ req: { user } }) => (user?.role === 'admin' ? true : { id: { equals: user?.id } }),`,
          `  create: () => true,`,
          `  update: ({ req: { user } }) => (user ? { id: { equals: user.id } } : false),`,
          `  delete: ({ req: { user } }) => user?.role === 'admin',`,
          `},`,
          `fields: [`,
          `  { name: 'email', type: 'email' },`,
          `  { name: 'role', type: 'select', options: ['customer', 'admin'], access: { create: ({ req: { user } }) => user?.role === 'admin', update: ({ req: { user } }) => user?.role === 'admin' } },`,
          `  { name: 'plan', type: 'text', hooks: { beforeChange: [({ req, value, originalDoc }) => (req.user?.role === 'admin' ? value : originalDoc?.plan)] } },`,
          `],`,
        ]),
        ...collection('Messages', [`slug: 'messages',`, `access: { create: () => true, read: authenticated },`, `fields: [{ name: 'email', type: 'email' }, { name: 'body', type: 'textarea' }],`]),
      },
    },
    {
      name: 'an object with a slug and fields that is no Payload config',
      files: { 'package.json': JSON.stringify({ name: 'app', dependencies: { next: '15.1.0' } }), 'lib/menu.ts': `export const menu = { slug: 'users', fields: [{ name: 'email' }], access: { read: () => true } };\n` },
    },
  ],
  invalid: [
    {
      name: 'users readable by anyone, anyone may sign up, and any signed-in user may change or delete any account',
      files: collection('Users', [`slug: 'users',`, `auth: true,`, `access: {`, `  read: () => true,`, `  create: () => true,`, `  update: ({ req: { user } }) => Boolean(user),`, `  delete: ({ req: { user } }) => {`, `    return !!user;`, `  },`, `},`, `fields: [],`]),
      errors: [
        { messageId: 'readOpen', line: 7 },
        { messageId: 'anyUserEditsUsers', line: 9 },
      ],
    },
    {
      name: 'a public sign-up whose role field nothing guards, and updates left to the default (any signed-in user)',
      files: collection('Users', [`slug: 'users',`, `auth: { tokenExpiration: 7200 },`, `access: { read: authenticated, create: anyone },`, `fields: [`, `  { name: 'email', type: 'email', required: true },`, `  { name: 'role', type: 'select', options: ['user', 'admin'], defaultValue: 'user', admin: { readOnly: true } },`, `],`]),
      errors: [
        { messageId: 'anyUserEditsUsers', line: 3, severity: 'high' },
        { messageId: 'privilegedField', line: 9, severity: 'critical' },
      ],
    },
    {
      name: 'lessons anyone may change or delete, and a waitlist of names and phone numbers anyone may read',
      files: {
        ...collection('Lessons', [`slug: 'lessons',`, `access: { read: () => true, create: () => true, update: () => true, delete: () => true },`, `fields: [{ name: 'title', type: 'text' }, { name: 'videoUrl', type: 'text' }],`]),
        ...collection('Waitlist', [`slug: 'waitlist',`, `access: { read: () => true, create: () => true },`, `fields: [{ name: 'name', type: 'text' }, { name: 'phoneNumber', type: 'text' }],`]),
      },
      errors: [
        { messageId: 'writeOpen', line: 5, file: 'src/collections/Lessons.ts' },
        { messageId: 'readOpen', line: 5, file: 'src/collections/Waitlist.ts' },
      ],
    },
  ],
});
