import { describe, expect, it } from 'vitest';
import { findingsOf, ruleTester } from '../../helpers/rule-tester.js';

const PKG = JSON.stringify({ name: 'api', dependencies: { express: '^4.21.1', bcryptjs: '^2.4.3', 'crypto-js': '^4.2.0', md5: '^2.3.0' } });
const server = (code: string) => ({ 'package.json': PKG, 'server/auth.js': code });

ruleTester('weak-password-hash', {
  valid: [
    { name: 'bcrypt with the default cost and above', files: server("const bcrypt = require('bcryptjs');\nexports.hash = (password) => bcrypt.hash(password, 12);\nexports.salt = () => bcrypt.genSalt(10);\n") },
    { name: 'scrypt and PBKDF2 with many iterations', files: server("const crypto = require('crypto');\nconst ITERATIONS = 600000;\nexports.a = (password, salt) => crypto.scryptSync(password, salt, 64);\nexports.b = (password, salt) => crypto.pbkdf2Sync(password, salt, ITERATIONS, 64, 'sha256');\n") },
    { name: 'a fast hash of a token, an e-mail and a file', files: server("const crypto = require('crypto');\nconst md5 = require('md5');\nexports.a = (token) => crypto.createHash('sha256').update(token).digest('hex');\nexports.b = (email) => md5(email.trim().toLowerCase());\nexports.c = (buffer) => crypto.createHash('sha1').update(buffer).digest('hex');\n") },
    {
      name: 'a typed password compared with a configured one, both hashed the same way',
      files: server("const crypto = require('crypto');\nmodule.exports = (req, res) => {\n  const { password } = req.body;\n  const input = crypto.createHash('sha256').update(password).digest('hex');\n  const expected = crypto.createHash('sha256').update(process.env.ADMIN_PASSWORD).digest('hex');\n  if (input !== expected) return res.status(401).end();\n  res.json({ ok: true });\n};\n"),
    },
    { name: 'a setting, not a password someone typed', files: server("const crypto = require('crypto');\nconst config = require('./config');\nexports.fingerprint = () => crypto.createHash('sha256').update(config.db.password).digest('hex');\n") },
    { name: 'an HMAC of a webhook body', files: server("const crypto = require('crypto');\nexports.sign = (body) => crypto.createHmac('sha256', process.env.SECRET).update(body).digest('hex');\n") },
    { name: 'browser code hashing before it sends', files: { 'package.json': JSON.stringify({ name: 'web', dependencies: { react: '^18.3.1', 'crypto-js': '^4.2.0' } }), 'src/components/Login.jsx': "import CryptoJS from 'crypto-js';\nexport default function Login({ password }) { return <input value={CryptoJS.SHA256(password).toString()} readOnly />; }\n" } },
  ],
  invalid: [
    {
      name: 'SHA-256 of the password in a helper, and MD5 at sign-in',
      files: server("const crypto = require('crypto');\nconst md5 = require('md5');\n// Simple password hashing (in production, use bcrypt)\nconst hashPassword = (password) => crypto.createHash('sha256').update(password).digest('hex');\nexports.login = async (req, res) => {\n  const user = await findUser(req.body.email);\n  if (!user || user.password !== md5(req.body.password)) return res.status(401).end();\n  res.json({ ok: true });\n};\nexports.hashPassword = hashPassword;\n"),
      errors: [
        { messageId: 'fastHash', line: 4, severity: 'high' },
        { messageId: 'fastHash', line: 7, severity: 'high' },
      ],
    },
    {
      name: 'salted, with crypto-js under any name, and with Web Crypto through a local and in an edge function',
      files: {
        'package.json': PKG,
        'server/users.js': "const crypto = require('crypto');\nconst CryptoJS = require('crypto-js');\nexports.a = (newPassword, salt) => crypto.createHash('sha512').update(salt + newPassword).digest('hex');\nexports.b = (data) => CryptoJS.SHA256(data.password).toString();\n",
        'server/register.js': "const crypto = require('crypto-js');\nexports.register = async (req, res) => {\n  let { user, pass } = req.body;\n  pass = crypto.SHA256(pass).toString(crypto.enc.Hex);\n  res.json({ user, pass });\n};\n",
        'server/passwords.ts': "export async function hashPassword(password: string) {\n  const message = new TextEncoder().encode(password);\n  const hash = await crypto.subtle.digest('SHA-256', message);\n  return Buffer.from(hash).toString('hex');\n}\n",
        'supabase/functions/signup/index.ts': "Deno.serve(async (req) => {\n  const { email, password } = await req.json();\n  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(password));\n  return new Response(JSON.stringify({ email, hash: [...new Uint8Array(digest)].join('') }));\n});\n",
      },
      errors: [
        { messageId: 'fastHash', line: 3, file: 'server/passwords.ts' },
        { messageId: 'fastHash', line: 4, file: 'server/register.js' },
        { messageId: 'fastHash', line: 3, file: 'server/users.js' },
        { messageId: 'fastHash', line: 4, file: 'server/users.js' },
        { messageId: 'fastHash', line: 3, file: 'supabase/functions/signup/index.ts' },
      ],
    },
    {
      name: 'PBKDF2 with a thousand iterations, in Node and in Web Crypto',
      files: server("const crypto = require('crypto');\nexports.a = (password, salt) => crypto.pbkdf2Sync(password, salt, 1000, 64, 'sha512');\nexports.b = async (key, salt) => crypto.subtle.deriveBits({ name: 'PBKDF2', salt, iterations: 10000, hash: 'SHA-256' }, key, 256);\n"),
      errors: [
        { messageId: 'fewIterations', line: 2, severity: 'medium' },
        { messageId: 'fewIterations', line: 3, severity: 'medium' },
      ],
    },
    {
      name: 'bcrypt with cost 8, and a salt of cost 6',
      files: server("const bcrypt = require('bcryptjs');\nexports.a = (password) => bcrypt.hash(password, 8);\nexports.b = () => bcrypt.genSaltSync(6);\n"),
      errors: [
        { messageId: 'lowCost', line: 2, severity: 'low' },
        { messageId: 'lowCost', line: 3, severity: 'low' },
      ],
    },
  ],
});

describe('weak-password-hash messages', () => {
  it('name the algorithm and quote the code', async () => {
    const [f] = await findingsOf('weak-password-hash', { files: server("const crypto = require('crypto');\nexports.h = (password) => crypto.createHash('md5').update(password).digest('hex');\n") });
    expect(f.message).toContain("`crypto.createHash('md5').update(password)` hashes the password with MD5");
  });
});
