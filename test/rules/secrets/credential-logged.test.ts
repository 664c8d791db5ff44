import { describe, expect, it } from 'vitest';
import { findingsOf, ruleTester } from '../../helpers/rule-tester.js';

const PKG = JSON.stringify({ name: 'api', dependencies: { express: '^4.21.1', jsonwebtoken: '^9.0.2' } });
const server = (code: string) => ({ 'package.json': PKG, 'server/index.js': code });
const NEXT = JSON.stringify({ name: 'web', dependencies: { next: '15.1.0' } });

ruleTester('credential-logged', {
  valid: [
    {
      name: 'whether a token was sent, its kind, and what the server decoded from it',
      files: server(
        [
          `function auth(req, res, next) {`,
          `  const authHeader = req.headers.authorization;`,
          `  console.log('auth header present:', !!authHeader, authHeader?.length, authHeader?.startsWith('Bearer '));`,
          `  const decoded = require('jsonwebtoken').verify(authHeader.split(' ')[1], process.env.JWT_SECRET);`,
          `  console.log('user', decoded.id, decoded.email);`,
          `  next();`,
          `}`,
          `module.exports = auth;`,
        ].join('\n'),
      ),
    },
    {
      name: 'a sign-in logged by e-mail only; a body without a password; cookies that hold no sign-in',
      files: server(
        [
          `const app = require('express')();`,
          `app.post('/login', (req, res) => {`,
          `  const { email, password } = req.body;`,
          `  console.log('login attempt', email);`,
          `  res.json({ ok: Boolean(password) });`,
          `});`,
          `app.post('/contact', (req, res) => { console.log(req.body); res.end(); });`,
          `app.get('/prefs', (req, res) => { console.log('theme', req.cookies.theme, req.cookies.locale); res.end(); });`,
        ].join('\n'),
      ),
    },
    {
      name: 'only in development, and a password field that is not the request',
      files: server(
        [
          `const app = require('express')();`,
          `app.post('/login', (req, res) => {`,
          `  if (process.env.NODE_ENV === 'development') console.log('auth', req.headers.authorization);`,
          `  const config = { password: 'x' };`,
          `  console.log(config.password.length);`,
          `  res.end();`,
          `});`,
        ].join('\n'),
      ),
    },
  ],
  invalid: [
    {
      name: 'the Authorization header, in place and through locals that split it',
      files: server(
        [
          `module.exports = function verifyToken(req, res, next) {`,
          `  const authHeader = req.headers.authorization;`,
          `  console.log('Authorization Header:', authHeader);`,
          `  const token = authHeader.split(' ')[1];`,
          `  console.log(\`token: \${token}\`);`,
          `  console.log(req.headers['authorization'], req.get('Authorization'));`,
          `  next();`,
          `};`,
        ].join('\n'),
      ),
      errors: [
        { messageId: 'credential', line: 3 },
        { messageId: 'credential', line: 5 },
        { messageId: 'credential', line: 6 },
      ],
    },
    {
      name: 'a password destructured from the body, and the whole body of a handler that reads one',
      files: server(
        [
          `const app = require('express')();`,
          `app.post('/signup', async (req, res) => {`,
          `  console.log('signup', req.body);`,
          `  const { email, password } = req.body;`,
          `  console.log(email, password);`,
          `  res.json({ ok: true });`,
          `});`,
          `app.post('/reset', (req, res) => { console.log('new', req.body.newPassword); res.end(); });`,
        ].join('\n'),
      ),
      errors: [
        { messageId: 'bodyWithPassword', line: 3 },
        { messageId: 'credential', line: 5 },
        { messageId: 'credential', line: 8 },
      ],
    },
    {
      name: 'a session cookie in Next.js middleware, and a password from a server action form',
      files: {
        'package.json': NEXT,
        'src/middleware.ts': [
          `import { NextRequest, NextResponse } from 'next/server';`,
          `export function middleware(req: NextRequest) {`,
          `  const token = req.cookies.get('token')?.value;`,
          `  console.log('TOKEN in middleware:', token);`,
          `  return NextResponse.next();`,
          `}`,
        ].join('\n'),
        'src/app/actions.ts': [`'use server';`, `export async function login(formData: FormData) {`, `  console.log('password', formData.get('password'));`, `}`].join('\n'),
      },
      errors: [
        { messageId: 'credential', line: 3, file: 'src/app/actions.ts' },
        { messageId: 'credential', line: 4, file: 'src/middleware.ts' },
      ],
    },
  ],
});

describe('credential-logged messages', () => {
  it('say which credential the caller sent, quoting the call', async () => {
    const findings = await findingsOf('credential-logged', { files: server(`module.exports = (req, res, next) => { console.log('auth', req.headers.authorization); next(); };`) });
    expect(findings.map((f) => f.message)).toEqual([
      "`console.log('auth', req.headers.authorization)` writes the caller's Authorization header (their bearer token) to the logs, where everyone with access to the hosting dashboard, a log drain or an error tracker can read it and sign in as that user. Log whether it was sent, not its value.",
    ]);
  });
});
