import { describe, expect, it } from 'vitest';
import { findingsOf, ruleTester } from '../../helpers/rule-tester.js';

const pkg = (deps: Record<string, string>) => JSON.stringify({ name: 'app', dependencies: deps });
const EXPRESS = pkg({ express: '^4.21.1', mongoose: '^8.8.0', jsonwebtoken: '^9.0.2' });
const NEXT = pkg({ next: '^15.1.0', '@prisma/client': '^6.1.0' });
const NEST = pkg({ '@nestjs/common': '^10.4.0', '@nestjs/core': '^10.4.0', '@prisma/client': '^6.1.0' });
const TRPC = pkg({ '@trpc/server': '^11.0.0', next: '^15.1.0' });

/** A NestJS auth service whose `forgotPassword` returns `returned`, and its controller's route returning `controller`. */
const nest = (returned: string, controller: string) => ({
  'package.json': NEST,
  'src/auth/auth.service.ts': `import { Injectable } from '@nestjs/common';
import { randomBytes } from 'crypto';
import { PrismaService } from '../prisma.service';
@Injectable()
export class AuthService {
  constructor(private prisma: PrismaService) {}
  async forgotPassword(email: string) {
    const resetToken = randomBytes(32).toString('hex');
    await this.prisma.user.update({ where: { email }, data: { resetToken } });
    return ${returned};
  }
}
`,
  'src/auth/auth.controller.ts': `import { Body, Controller, Post } from '@nestjs/common';
import { AuthService } from './auth.service';
@Controller('auth')
export class AuthController {
  constructor(private readonly authService: AuthService) {}
  @Post('forgot-password')
  async forgotPassword(@Body() body: { email: string }) {
    ${controller}
  }
}
`,
});

/** An Express route `POST {path}` whose body runs `body`. */
const express = (path: string, body: string) =>
  `const crypto = require('crypto');
const jwt = require('jsonwebtoken');
const router = require('express').Router();
const User = require('../models/User');
const { sendMail } = require('../mail');
router.post('${path}', async (req, res) => {
  const user = await User.findOne({ email: String(req.body.email) });
${body}
});
module.exports = router;
`;
const BODY_LINE = 8;

ruleTester('one-time-code-in-response', {
  valid: [
    {
      name: 'the reset link only e-mailed, and the same answer for every address',
      files: { 'package.json': EXPRESS, 'server/routes/auth.js': express('/forgot-password', "  const resetToken = crypto.randomBytes(32).toString('hex');\n  await sendMail(user.email, `https://app.example/reset/${resetToken}`);\n  res.json({ message: 'If that address has an account, a link is on its way.' });") },
    },
    {
      name: 'returned only in development',
      files: { 'package.json': EXPRESS, 'server/routes/auth.js': express('/forgot-password', "  const resetToken = crypto.randomBytes(32).toString('hex');\n  await sendMail(user.email, resetToken);\n  if (process.env.NODE_ENV !== 'production') return res.json({ resetToken });\n  res.json({ ok: true });") },
    },
    {
      name: 'only whether a code was made',
      files: { 'package.json': EXPRESS, 'server/routes/auth.js': express('/send-otp', "  const otp = String(crypto.randomInt(100000, 999999));\n  await sendMail(user.email, otp);\n  res.json({ sent: !!otp, length: otp.length });") },
    },
    {
      name: 'a session token returned at sign-in is no one-time code',
      files: { 'package.json': EXPRESS, 'server/routes/auth.js': express('/login', "  const token = jwt.sign({ id: user.id }, process.env.JWT_SECRET, { expiresIn: '1h' });\n  res.json({ token });") },
    },
    {
      name: 'the session token a code verification signs in with',
      files: { 'package.json': EXPRESS, 'server/routes/auth.js': express('/verify-otp', "  if (String(req.body.otp) !== user.otp) return res.status(400).json({ error: 'Wrong code' });\n  const token = jwt.sign({ id: user.id }, process.env.JWT_SECRET, { expiresIn: '7d' });\n  res.json({ token });") },
    },
    {
      name: 'a reset token handed out once the code the caller sent was checked',
      files: { 'package.json': EXPRESS, 'server/routes/auth.js': express('/verify-reset-otp', "  if (String(req.body.otp) !== user.resetOtp) return res.status(400).json({ error: 'Wrong code' });\n  const resetToken = jwt.sign({ id: user.id, purpose: 'reset' }, process.env.JWT_SECRET, { expiresIn: '10m' });\n  res.json({ resetToken });") },
    },
    {
      name: 'a code the client sent back to be checked, echoed in an error',
      files: { 'package.json': EXPRESS, 'server/routes/auth.js': express('/verify-otp', "  const { code } = req.body;\n  if (code !== user.otp) return res.status(400).json({ error: 'Wrong code', code });\n  res.json({ ok: true });") },
    },
    { name: 'a NestJS service returning the token to a controller that answers without it', files: nest('{ message: "sent", resetToken }', "await this.authService.forgotPassword(body.email);\n    return { message: 'If the account exists, an e-mail is on its way' };") },
  ],
  invalid: [
    {
      name: 'a NestJS service returning the token, and the controller returning what the service gives',
      files: nest('{ message: "sent", resetToken }', 'return this.authService.forgotPassword(body.email);'),
      errors: [{ messageId: 'resetToken', line: 10, file: 'src/auth/auth.service.ts', severity: 'critical' }],
    },
    {
      name: 'a NestJS controller route that makes and returns the token itself',
      files: {
        'package.json': NEST,
        'src/auth/auth.controller.ts': "import { Body, Controller, Post } from '@nestjs/common';\nimport { randomBytes } from 'crypto';\n@Controller('auth')\nexport class AuthController {\n  @Post('forgot-password')\n  async forgotPassword(@Body() body: { email: string }) {\n    const resetToken = randomBytes(32).toString('hex');\n    return { ok: true, resetToken };\n  }\n}\n",
      },
      errors: [{ messageId: 'resetToken', line: 8 }],
    },
    {
      name: 'the reset token returned until e-mails work',
      files: { 'package.json': EXPRESS, 'server/routes/auth.js': express('/forgot-password', "  const resetToken = crypto.randomBytes(32).toString('hex');\n  user.resetToken = resetToken;\n  await user.save();\n  res.json({ message: 'Reset link created', resetToken });") },
      errors: [{ messageId: 'resetToken', line: BODY_LINE + 3, severity: 'critical' }],
    },
    {
      name: 'a plain `token` signed for a reset, returned inside a link',
      files: { 'package.json': EXPRESS, 'server/routes/auth.js': express('/users/resetpassword/sendemail', "  const token = jwt.sign({ id: user.id, role: 'resetpassword' }, process.env.JWT_SECRET);\n  const resetUrl = `${process.env.APP_URL}/reset?token=${token}`;\n  return res.status(200).send({ resetUrl });") },
      errors: [{ messageId: 'resetToken', line: BODY_LINE + 2 }],
    },
    {
      name: 'an e-mail verification code returned by a Next.js route',
      files: {
        'package.json': NEXT,
        'app/api/auth/send-code/route.ts': "import { prisma } from '@/lib/prisma';\nexport async function POST(req: Request) {\n  const { email } = await req.json();\n  const otp = Math.floor(100000 + Math.random() * 900000).toString();\n  await prisma.verification.create({ data: { email, otp } });\n  return Response.json({ success: true, otp });\n}\n",
      },
      errors: [{ messageId: 'oneTimeCode', line: 6, severity: 'high' }],
    },
    {
      name: 'an Elysia route returning the reset token it signed',
      files: {
        'package.json': pkg({ elysia: '^1.1.0', '@elysiajs/jwt': '^1.1.0' }),
        'src/api/users.ts': "import { Elysia } from 'elysia';\nexport const users = new Elysia().post('/users/resetpassword/sendemail', async ({ body, jwt }) => {\n  const token = await jwt.sign({ email: body.email, role: 'resetpassword' });\n  return { message: 'Link sent to your email', Token: token };\n});\n",
      },
      errors: [{ messageId: 'resetToken', line: 4 }],
    },
    {
      name: 'a Supabase edge function answering with the code "for development", on every request',
      files: {
        'package.json': pkg({ '@supabase/supabase-js': '^2.45.0' }),
        'supabase/functions/send-otp/index.ts': "Deno.serve(async (req) => {\n  const { phone_number } = await req.json();\n  const otp = Math.floor(100000 + Math.random() * 900000).toString();\n  console.log(`OTP for ${phone_number}`);\n  return new Response(JSON.stringify({ success: true, dev_otp: otp }), { headers: { 'Content-Type': 'application/json' } });\n});\n",
      },
      errors: [{ messageId: 'oneTimeCode', line: 5 }],
    },
    {
      name: 'a password-reset code returned by the forgot-password handler',
      files: { 'package.json': EXPRESS, 'server/routes/auth.js': express('/forget-password', "  const otp = String(crypto.randomInt(100000, 999999));\n  user.resetOtp = otp;\n  await user.save();\n  res.json({ message: 'OTP sent', otp });") },
      errors: [{ messageId: 'resetToken', line: BODY_LINE + 3, severity: 'critical' }],
    },
    {
      name: 'a password-reset code returned by a handler an error wrapper makes',
      files: { 'package.json': EXPRESS, 'src/modules/Auth/Auth.Controller.js': "import crypto from 'crypto';\nimport asyncHandler from 'express-async-handler';\nexport const forgetPassword = asyncHandler(async (req, res) => {\n  const otp = String(crypto.randomInt(100000, 999999));\n  return res.json({ message: 'OTP sent successfully', otp });\n});\n" },
      errors: [{ messageId: 'resetToken', line: 5 }],
    },
    {
      name: 'a tRPC mutation returning the magic link it made',
      files: {
        'package.json': TRPC,
        'src/server/routers/auth.ts': "import { randomUUID } from 'crypto';\nimport { publicProcedure, router } from '../trpc';\nexport const authRouter = router({\n  requestLink: publicProcedure.mutation(async ({ input }) => {\n    const magicLink = `https://app.example/login?token=${randomUUID()}`;\n    return { ok: true, magicLink };\n  }),\n});\n",
      },
      errors: [{ messageId: 'oneTimeCode', line: 6 }],
    },
  ],
});

describe('one-time-code-in-response messages', () => {
  it('name the value sent back', async () => {
    const [f] = await findingsOf('one-time-code-in-response', { files: { 'package.json': EXPRESS, 'server/routes/auth.js': express('/forgot-password', "  const resetToken = crypto.randomBytes(32).toString('hex');\n  res.json({ resetToken });") } });
    expect(f.message).toContain('sends the password-reset token (`resetToken`) back in its response');
  });
});
