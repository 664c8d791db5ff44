import { describe, expect, it } from 'vitest';
import { findingsOf, ruleTester } from '../../helpers/rule-tester.js';

const SERVER = JSON.stringify({ name: 'api', dependencies: { express: '^4.19.2', jsonwebtoken: '^9.0.2' } });
const WEB = JSON.stringify({ name: 'web', dependencies: { react: '^18.3.0', 'react-router-dom': '^6.23.0' } });

ruleTester('hardcoded-credential-check', {
  valid: [
    {
      name: 'an admin account whose password comes from the environment, and a seed script',
      files: {
        'supabase/functions/setup-admin/index.ts': `import { createClient } from 'npm:@supabase/supabase-js@2';\nDeno.serve(async () => {\n  const admin = createClient(Deno.env.get('SUPABASE_URL')!, Deno.env.get('SUPABASE_SERVICE_ROLE_KEY')!);\n  const ADMIN_PASSWORD = 'BusBooker@Admin2024!';\n  const { data } = await admin.auth.admin.createUser({ email: 'admin@busbooker.com', password: Deno.env.get('ADMIN_PASSWORD')!, email_confirm: true });\n  return Response.json({ id: data.user?.id });\n});\n`,
        'package.json': SERVER,
        'scripts/seed.ts': "import { createClient } from '@supabase/supabase-js';\nconst admin = createClient(process.env.SUPABASE_URL!, process.env.SUPABASE_SERVICE_ROLE_KEY!);\nawait admin.auth.admin.createUser({ email: 'demo@example.com', password: 'demo-password-1' });\n",
      },
    },
    {
      name: 'a demo sign-in button in browser code',
      files: { 'package.json': WEB, 'src/pages/Login.tsx': "import { supabase } from '../lib/supabase';\nexport const tryDemo = () => supabase.auth.signInWithPassword({ email: 'demo@example.com', password: 'demo-account-2024' });\n" },
    },
    {
      name: 'weak-password checks that turn the value away, and error codes',
      files: {
        'package.json': SERVER,
        'server/routes/signup.js': `exports.signup = async (req, res) => {\n  const { password } = req.body;\n  if (password === 'password' || password === '123456') return res.status(400).json({ error: 'Password too common' });\n  if (password === 'qwerty') throw new Error('Choose another password');\n  try { await save(req.body); } catch (err) { if (err.code === '23505') return res.status(409).end(); }\n  res.end();\n};\n`,
      },
    },
    {
      name: 'a bypass that only exists in development builds',
      files: {
        'package.json': SERVER,
        'server/routes/otp.js': `exports.verify = (req, res) => {\n  const { otp } = req.body;\n  if (process.env.NODE_ENV !== 'production' && otp === '000000') return res.json({ ok: true });\n  res.status(401).end();\n};\n`,
      },
    },
    {
      name: 'comparisons with other typed values, the environment, or empty strings',
      files: {
        'package.json': WEB,
        'src/pages/Signup.tsx': `export function check(password: string, confirmPassword: string, otp: string) {\n  if (password === confirmPassword) return true;\n  if (password === import.meta.env.VITE_DEMO) return true;\n  if (otp === '') return false;\n  if (password === '') return false;\n  return false;\n}\n`,
      },
    },
    {
      name: 'a login mock in a test file',
      files: { 'package.json': WEB, 'src/__tests__/login.test.ts': `const signIn = (email: string, password: string) => { if (email === 'test@example.com' && password === 'validPassword') return { uid: '1' }; return null; };\n` },
    },
    {
      name: 'codes made at random, a fixed code only in development, and a code length kept but never issued',
      files: {
        'package.json': SERVER,
        'server/otp.js': `const crypto = require('crypto');\nconst User = require('./models/User');\nexports.sendOtp = async (phone) => {\n  const otp = crypto.randomInt(100000, 1000000).toString();\n  await User.updateOne({ phone }, { otp });\n};\nexports.sendDevOtp = async (phone) => {\n  if (process.env.NODE_ENV !== 'production') {\n    const otp = '111111';\n    await User.updateOne({ phone }, { otp });\n  }\n};\nexports.form = () => {\n  const pin = '0000';\n  return pin.length;\n};\n`,
      },
    },
    {
      name: 'a module constant naming a password the user may not keep, and a demo mode\'s placeholder named as one',
      files: {
        'package.json': SERVER,
        'src/admin-demo.ts': `const SEED_PASSPHRASE = 'demo';\nexport function demoSignIn(password: string) {\n  if (password !== SEED_PASSPHRASE) throw new Error('wrong passphrase');\n  return { uid: 'local-demo' };\n}\n`,
        'server/password.js': `const DEFAULT_PASSWORD = 'changeme';\nexports.setPassword = (req, res) => {\n  if (req.body.password === DEFAULT_PASSWORD) return res.status(400).json({ error: 'choose another password' });\n  res.json({ ok: true });\n};\n`,
      },
    },
  ],
  invalid: [
    {
      name: 'an admin account made by a deployed function with a password written beside it',
      files: { 'supabase/functions/setup-admin/index.ts': `import { createClient } from 'npm:@supabase/supabase-js@2';\nDeno.serve(async () => {\n  const admin = createClient(Deno.env.get('SUPABASE_URL')!, Deno.env.get('SUPABASE_SERVICE_ROLE_KEY')!);\n  const ADMIN_PASSWORD = 'BusBooker@Admin2024!';\n  const { data } = await admin.auth.admin.createUser({ email: 'admin@busbooker.com', password: ADMIN_PASSWORD, email_confirm: true });\n  return Response.json({ id: data.user?.id });\n});\n` },
      errors: [{ messageId: 'account', line: 5 }],
    },
    {
      name: 'a Firebase account made on the server with a literal password',
      files: { 'package.json': SERVER, 'server/setup.js': "import { getAuth, createUserWithEmailAndPassword } from 'firebase/auth';\nexport async function makeOwner() {\n  return createUserWithEmailAndPassword(getAuth(), 'owner@shop.com', 'Owner#2024');\n}\n" },
      errors: [{ messageId: 'account', line: 3 }],
    },
    {
      name: 'an admin password kept in a module constant, compared with a header',
      files: {
        'package.json': SERVER,
        'supabase/functions/admin-leads/index.ts': `const ADMIN_PASSWORD = 'Harbor-Lantern-31';\nDeno.serve(async (req) => {\n  const pw = req.headers.get('x-admin-password');\n  if (pw !== ADMIN_PASSWORD) return new Response('unauthorized', { status: 401 });\n  return new Response('leads');\n});\n`,
      },
      errors: [{ messageId: 'password', line: 4 }],
    },
    {
      name: 'the same OTP issued to every phone, stored and sent by SMS',
      files: {
        'package.json': SERVER,
        'server/services/auth.service.js': `const User = require('../models/User');\nconst { sendSMS } = require('../utils/sms');\nexports.sendOtp = async (phoneNumber) => {\n  // const otp = Math.floor(100000 + Math.random() * 900000).toString()\n  const otp = '482913';\n  await User.findOneAndUpdate({ phoneNumber }, { otp }, { upsert: true });\n  await sendSMS(phoneNumber, \`Your code is \${otp}\`);\n};\nexports.sendEmailCode = async (email) => {\n  const verificationCode = 7351;\n  await User.updateOne({ email }, { verificationCode });\n};\n`,
      },
      errors: [
        { messageId: 'fixedCode', line: 5 },
        { messageId: 'fixedCode', line: 10 },
      ],
    },
    {
      name: 'a fixed OTP and a master password on the server, and a shared password gate',
      files: {
        'package.json': SERVER,
        'server/auth.js': `const jwt = require('jsonwebtoken');\nexports.login = async (req, res) => {\n  const { email, password, otp } = req.body;\n  if (otp === '4096') return res.json({ verified: true });\n  if (password === 'Sunflower#Vault77') {\n    return res.json({ token: jwt.sign({ email, role: 'admin' }, process.env.JWT_SECRET, { expiresIn: '1h' }) });\n  }\n  res.status(401).end();\n};\nexports.admin = (req, res, next) => {\n  if (req.body.adminPassword !== 'letmein') return res.status(403).json({ error: 'Forbidden' });\n  next();\n};\n`,
      },
      errors: [
        { messageId: 'code', line: 4 },
        { messageId: 'password', line: 5 },
        { messageId: 'password', line: 11 },
      ],
    },
    {
      name: 'a demo admin account in a React login page, and a simulated OTP check',
      files: {
        'package.json': WEB,
        'src/pages/AdminLogin.tsx': `import { useState } from 'react';\nexport default function AdminLogin({ onLogin }: { onLogin: () => void }) {\n  const [email, setEmail] = useState('');\n  const [password, setPassword] = useState('');\n  const [form, setForm] = useState({ otp: '' });\n  const handleLogin = () => {\n    if (email.trim() === 'owner@example-shop.test' && password === 'admin123') {\n      localStorage.setItem('isAdmin', 'true');\n      onLogin();\n    } else alert('Invalid');\n    if (!form.otp || form.otp.trim() === '123456') onLogin();\n  };\n  return <button onClick={handleLogin}>Login</button>;\n}\n`,
      },
      errors: [
        { messageId: 'pair', line: 7 },
        { messageId: 'code', line: 11 },
      ],
    },
  ],
});

describe('hardcoded-credential-check output', () => {
  it('never shows the password or code', async () => {
    const found = await findingsOf('hardcoded-credential-check', {
      files: { 'package.json': SERVER, 'server/a.js': `exports.a = (req, res) => { if (req.body.password === 'Sunflower#Vault77') res.json({ ok: true }); };\n` },
    });
    expect(found).toHaveLength(1);
    expect(JSON.stringify(found)).not.toContain('Sunflower#Vault77');
  });
});
