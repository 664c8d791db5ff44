import { ruleTester } from '../../helpers/rule-tester.js';

const PKG = JSON.stringify({ name: 'app', dependencies: { express: '4.21.1', react: '18.3.1', mongoose: '8.8.1', vite: '5.4.11' } });

/** An Express users router; `guard` is inserted as route-level middleware before the handler. */
const server = (guard: string) =>
  [
    `import { Router } from 'express';`,
    `import { requireAuth } from '@clerk/express';`,
    `import { User } from '../models.js';`,
    `export const users = Router();`,
    `function requireAdmin(req, res, next) {`,
    `  if (req.auth?.sessionClaims?.role !== 'admin') return res.status(403).end();`,
    `  next();`,
    `}`,
    `users.delete('/api/users/:id', ${guard}async (req, res) => res.json(await User.findByIdAndDelete(req.params.id)));`,
    `users.post('/api/unlock', async (req, res) => res.json(await User.updateMany({}, { locked: false })));`,
    ``,
  ].join('\n');

const ADMIN_PAGE = [
  `import axios from 'axios';`,
  `export function AdminPage({ user }) {`,
  `  if (user.role !== 'admin') return <p>Not allowed</p>;`,
  `  const ban = (id: string) => axios.delete(\`/api/users/\${id}\`);`,
  `  return <button onClick={() => ban('1')}>Ban</button>;`,
  `}`,
  ``,
].join('\n');

ruleTester('client-side-only-authorization', {
  valid: [
    {
      name: 'the route checks the role too',
      files: { 'package.json': PKG, 'server/routes/users.js': server('requireAuth(), requireAdmin, '), 'src/pages/Admin.tsx': ADMIN_PAGE },
    },
    {
      name: 'a call that is not behind any check, and a check that guards no API call',
      files: {
        'package.json': PKG,
        'server/routes/users.js': server('requireAuth(), '),
        'src/pages/Users.tsx': `export function Users({ me }) {\n  const remove = (id: string) => fetch(\`/api/users/\${id}\`, { method: 'DELETE' });\n  return me.isAdmin ? <b>admin</b> : <button onClick={() => remove('1')}>x</button>;\n}\n`,
      },
    },
    {
      name: 'a password gate in front of a route that requires sign-in',
      files: {
        'package.json': PKG,
        'server/routes/users.js': server('requireAuth(), requireAdmin, '),
        'src/pages/Gate.tsx': `export function Gate({ pw }) {\n  if (pw === 'letmein') fetch('/api/users/1', { method: 'DELETE' });\n  return null;\n}\n`,
      },
    },
  ],
  invalid: [
    {
      name: 'an early return for non-admins, then an axios call to a route without a role check',
      files: { 'package.json': PKG, 'server/routes/users.js': server('requireAuth(), '), 'src/pages/Admin.tsx': ADMIN_PAGE },
      errors: [{ messageId: 'roleOnlyInClient', line: 4, file: 'src/pages/Admin.tsx' }],
    },
    {
      name: 'JSX `isAdmin &&` around a fetch, and a hard-coded password gate in front of an open route',
      files: {
        'package.json': PKG,
        'server/routes/users.js': server(''),
        'src/pages/Users.tsx': [
          `export function Users({ me, users }) {`,
          `  return users.map((u) => <div key={u.id}>{u.email}{me.isAdmin && <button onClick={() => fetch(\`/api/users/\${u.id}\`, { method: 'DELETE' })}>x</button>}</div>);`,
          `}`,
          `export function Unlock({ input }) {`,
          `  const go = () => {`,
          `    if (input === 'hunter2' || input.password === 'hunter2') fetch('/api/unlock', { method: 'POST' });`,
          `  };`,
          `  return <button onClick={go}>Unlock</button>;`,
          `}`,
        ].join('\n'),
      },
      errors: [
        { messageId: 'roleOnlyInClient', line: 2, file: 'src/pages/Users.tsx' },
        { messageId: 'passwordOnlyInClient', line: 6, file: 'src/pages/Users.tsx' },
      ],
    },
  ],
});
