import { describe, expect, it } from 'vitest';
import { socketServer } from '../../helpers/socket-app.js';
import { findingsOf, ruleTester } from '../../helpers/rule-tester.js';
import { PROTECT } from '../../helpers/express-auth.js';

const pkg = (deps: Record<string, string>) => JSON.stringify({ name: 'app', dependencies: deps });

/** A server action that changes a row through the caller's own (cookie) Supabase client, checking nobody. */
const USER_CLIENT_ACTION = [
  `'use server';`,
  `import { createClient } from '@/utils/supabase/server';`,
  `export async function renameActivity(id: string, title: string) {`,
  `  const supabase = await createClient();`,
  `  await supabase.from('activities').update({ title }).eq('id', id);`,
  `}`,
].join('\n');
const ACTIVITIES = (rls: string) => `create table public.activities (id uuid primary key, user_id uuid not null references auth.users (id), title text);\n${rls}\n`;
const EXPRESS = pkg({ express: '4.21.1', mongoose: '8.8.1', jsonwebtoken: '9.0.2' });
const NEXT = pkg({ next: '15.0.3', '@supabase/supabase-js': '2.45.4', stripe: '17.3.1' });


/** An Express router file whose routes are `lines`. */
const router = (lines: string[]) =>
  [`import { Router } from 'express';`, `import { protect } from '../middleware/auth.js';`, `import { Task, User, Product } from '../models.js';`, `export const router = Router();`, ...lines, ``].join('\n');

ruleTester('route-without-auth', {
  valid: [
    {
      name: 'a guest checkout for prices the server chooses, naming no account (the visitor pays on Stripe)',
      files: {
        'package.json': NEXT,
        'app/api/checkout/route.ts': `import Stripe from 'stripe';\nconst stripe = new Stripe(process.env.STRIPE_SECRET_KEY!);\nconst PRICES: Record<string, string> = { basic: process.env.PRICE_BASIC!, pro: process.env.PRICE_PRO! };\nexport async function POST(req: Request) {\n  const { plan, email } = await req.json();\n  const session = await stripe.checkout.sessions.create({ mode: 'payment', customer_email: email, line_items: [{ price: PRICES[plan], quantity: 1 }], metadata: { plan }, success_url: 'https://x.dev' });\n  return Response.json({ url: session.url });\n}\n`,
        'app/api/intent/route.ts': `import Stripe from 'stripe';\nconst stripe = new Stripe(process.env.STRIPE_SECRET_KEY!);\nexport async function POST() {\n  const intent = await stripe.paymentIntents.create({ amount: 1999, currency: 'usd', automatic_payment_methods: { enabled: true } });\n  return Response.json({ clientSecret: intent.client_secret });\n}\n`,
      },
    },
    {
      name: 'server actions: a view counter anyone may bump, a sign-in form action, a client factory named for admins',
      files: {
        'package.json': pkg({ next: '15.0.3', '@prisma/client': '6.1.0', '@supabase/supabase-js': '2.45.4' }),
        'actions/posts.ts': "'use server';\nimport { prisma } from '@/lib/prisma';\nexport async function incrementPostView(id: string) {\n  await prisma.article.update({ where: { id }, data: { viewCount: { increment: 1 } } });\n}\n",
        'actions/login.ts': "'use server';\nimport { signIn } from '@/auth';\nimport { prisma } from '@/lib/prisma';\nexport async function loginFormAction(formData: FormData) {\n  const user = await prisma.user.findUnique({ where: { email: String(formData.get('email')) } });\n  if (!user) return { error: 'No account' };\n  await signIn('credentials', formData);\n}\n",
        'utils/admin.ts': "'use server';\nimport { createClient } from '@supabase/supabase-js';\nexport async function createAdminClient() {\n  return createClient(process.env.NEXT_PUBLIC_SUPABASE_URL!, process.env.SUPABASE_SERVICE_ROLE_KEY!);\n}\n",
      },
    },
    {
      name: 'a contact form whose mail the server addresses to itself, the message options built in a variable',
      files: {
        'package.json': pkg({ '@sveltejs/kit': '2.8.0', nodemailer: '6.9.16' }),
        'src/routes/api/contact/+server.ts': "import * as nodemailer from 'nodemailer';\nconst transporter = nodemailer.createTransport({ service: 'gmail' });\nexport const POST = async ({ request }) => {\n  const { message } = await request.json();\n  const mailOptions = { from: 'site@app.example', to: 'owner@app.example', subject: 'Contact form', text: String(message) };\n  await transporter.sendMail(mailOptions);\n  return new Response('ok');\n};\n",
      },
    },
    {
      name: 'a one-time code checked at sign-in, which must be open',
      files: {
        'package.json': pkg({ '@sveltejs/kit': '2.8.0', '@supabase/supabase-js': '2.45.4' }),
        'src/routes/api/auth/verify-otp/+server.ts': `import { supabaseAdmin } from '$lib/db/admin.server';\nexport const POST = async ({ request }) => {\n  const { phone, code } = await request.json();\n  await supabaseAdmin.from('otp_codes').delete().eq('phone', phone).eq('code', code);\n  return new Response(null, { status: 204 });\n};\n`,
      },
    },
    {
      name: 'a contact form that pushes a new message of named fields to the Realtime Database',
      files: {
        'package.json': pkg({ next: '15.1.0', 'firebase-admin': '12.6.0' }),
        'app/api/contact/route.ts': `import admin from 'firebase-admin';\nimport { push, ref } from 'firebase/database';\nexport async function POST(req: Request) {\n  const db = admin.database();\n  const { name, email, message } = await req.json();\n  const messagesRef = ref(db, 'contactMessages');\n  await push(messagesRef, { name, email, message, read: false });\n  return Response.json({ ok: true });\n}\n`,
      },
    },
    {
      name: 'Next.js API routes that verify the Firebase ID token before listing or deleting accounts with the Admin SDK',
      files: {
        'package.json': JSON.stringify({ name: 'app', dependencies: { next: '^14.2.0', 'firebase-admin': '^12.0.0' } }),
        'utils/firebase-admin.js': `import admin from 'firebase-admin';\nif (!admin.apps.length) admin.initializeApp();\nexport const auth = admin.auth();\n`,
        'pages/api/staff/index.js': `import { auth } from '../../../utils/firebase-admin';\nexport default async function handler(req, res) {\n  const token = (req.headers.authorization || '').replace('Bearer ', '');\n  try {\n    await auth.verifyIdToken(token);\n  } catch {\n    return res.status(401).json({ error: 'Unauthorized' });\n  }\n  const { users } = await auth.listUsers(1000);\n  return res.json(users.map((u) => ({ email: u.email })));\n}\n`,
      },
    },
    {
      name: 'a helper that finds the session by the token it is given and throws without one is a sign-in check',
      files: {
        'package.json': EXPRESS,
        'server/session.js': `const Session = require('./models/Session');\nasync function requireSession(token) {\n  const session = await Session.findOne({ token });\n  if (!session) throw Object.assign(new Error('Unauthorized'), { status: 401 });\n  return session;\n}\nmodule.exports = { requireSession };\n`,
        'server/app.js': `const express = require('express');\nconst { requireSession } = require('./session');\nconst Task = require('./models/Task');\nconst app = express();\napp.get('/api/tasks', async (req, res) => {\n  const session = await requireSession(req.headers.authorization);\n  res.json(await Task.find({ owner: session.userId }));\n});\napp.listen(3000);\n`,
      },
    },
    {
      name: 'a sign-up through an injected service that also makes the new account its cart and reads it back',
      files: {
        'package.json': JSON.stringify({ name: 'api', dependencies: { '@nestjs/common': '10.4.0', '@prisma/client': '5.22.0', argon2: '0.41.1' } }),
        'src/user/user.service.ts': `import { BadRequestException, Injectable } from '@nestjs/common';\nimport * as argon2 from 'argon2';\nimport { PrismaService } from '../prisma/prisma.service';\n@Injectable()\nexport class UserService {\n  constructor(private prisma: PrismaService) {}\n  async create(dto: { email: string; name: string; password: string }) {\n    const existing = await this.prisma.user.findUnique({ where: { email: dto.email } });\n    if (existing) throw new BadRequestException('Email is already in use');\n    return this.prisma.$transaction(async (tx) => {\n      const newUser = await tx.user.create({ data: { email: dto.email, name: dto.name, password: await argon2.hash(dto.password) } });\n      await tx.cart.create({ data: { userId: newUser.id } });\n      return tx.user.findUniqueOrThrow({ where: { id: newUser.id }, select: { id: true, email: true } });\n    });\n  }\n}\n`,
        'src/user/user.controller.ts': `import { Body, Controller, Post } from '@nestjs/common';\nimport { UserService } from './user.service';\n@Controller('user')\nexport class UserController {\n  constructor(private readonly userService: UserService) {}\n  @Post()\n  create(@Body() dto: { email: string; name: string; password: string }) {\n    return this.userService.create(dto);\n  }\n}\n`,
      },
    },
    {
      name: 'Socket.IO: events behind an io.use middleware that verifies the token, and events that touch no data',
      files: socketServer(true, [`socket.on('place_bid', async ({ auctionId, amount }) => { await Bid.create({ auctionId, amount, bidder: socket.user.id }); });`]),
    },
    { name: 'Socket.IO: an open server whose events only relay messages between clients', files: socketServer(false, []) },
    {
      name: 'a presigned S3 upload URL handed out only to a signed-in user, for their own folder',
      files: {
        'package.json': pkg({ next: '15.0.3', '@aws-sdk/client-s3': '3.700.0', '@aws-sdk/s3-request-presigner': '3.700.0', 'next-auth': '4.24.10' }),
        'app/api/upload-url/route.ts': "import { getServerSession } from 'next-auth';\nimport { S3Client, PutObjectCommand } from '@aws-sdk/client-s3';\nimport { getSignedUrl } from '@aws-sdk/s3-request-presigner';\nconst s3 = new S3Client({ region: 'eu-west-1' });\nexport async function POST(req: Request) {\n  const session = await getServerSession();\n  if (!session?.user) return new Response('Sign in', { status: 401 });\n  const { name } = await req.json();\n  return Response.json({ url: await getSignedUrl(s3, new PutObjectCommand({ Bucket: 'private-files', Key: `${session.user.id}/${name}` })) });\n}\n",
      },
    },
    {
      name: 'a ws server whose connection callback verifies the token in the URL before any message is handled',
      files: {
        'package.json': pkg({ ws: '8.18.0', mongodb: '6.10.0', jsonwebtoken: '9.0.2' }),
        'server.js': "const { WebSocketServer } = require('ws');\nconst jwt = require('jsonwebtoken');\nconst wss = new WebSocketServer({ port: 8080 });\nwss.on('connection', (ws, req) => {\n  let user;\n  try { user = jwt.verify(new URL(req.url, 'http://x').searchParams.get('token'), process.env.JWT_SECRET); } catch { return ws.close(4401); }\n  ws.on('message', async (message) => { await db.collection('notes').insertOne({ ...JSON.parse(message), owner: user.sub }); });\n});\n",
      },
    },
    {
      name: 'mail the app writes itself: a contact form to the owner, an order confirmation to the address given',
      files: {
        'package.json': pkg({ next: '15.0.3', resend: '4.0.0' }),
        'app/api/contact/route.ts': "import { Resend } from 'resend';\nconst resend = new Resend(process.env.RESEND_API_KEY);\nexport async function POST(req: Request) {\n  const { email, message } = await req.json();\n  await resend.emails.send({ from: 'site@app.example', to: 'owner@app.example', replyTo: email, subject: 'New message', text: message });\n  return Response.json({ ok: true });\n}\n",
        'app/api/confirm/route.ts': "import { Resend } from 'resend';\nconst resend = new Resend(process.env.RESEND_API_KEY);\nexport async function POST(req: Request) {\n  const { email, name } = await req.json();\n  await resend.emails.send({ from: 'site@app.example', to: email, subject: 'Thanks for your order', html: `<p>Thank you, ${name}.</p>` });\n  return Response.json({ ok: true });\n}\n",
      },
    },
    {
      name: 'the same check in a helper the route calls, which returns whether the signature matches',
      files: {
        'package.json': pkg({ express: '4.21.1', razorpay: '2.9.4', '@supabase/supabase-js': '2.45.4' }),
        'src/razorpay.js': "import crypto from 'crypto';\nexport const razorpayHelpers = {\n  verifyPayment(orderId, paymentId, signature) {\n    const expected = crypto.createHmac('sha256', process.env.RAZORPAY_KEY_SECRET).update(orderId + '|' + paymentId).digest('hex');\n    return signature === expected;\n  },\n};\n",
        'src/server.js': "import express from 'express';\nimport { createClient } from '@supabase/supabase-js';\nimport { razorpayHelpers } from './razorpay.js';\nconst admin = createClient(process.env.SUPABASE_URL, process.env.SUPABASE_SERVICE_ROLE_KEY);\nconst app = express();\napp.post('/api/payment/verify', async (req, res) => {\n  const { orderId, paymentId, signature } = req.body;\n  if (!razorpayHelpers.verifyPayment(orderId, paymentId, signature)) return res.status(400).json({ error: 'bad signature' });\n  await admin.from('payments').update({ status: 'completed' }).eq('razorpay_order_id', orderId);\n  res.json({ ok: true });\n});\n",
      },
    },
    {
      name: 'a Razorpay payment checked the documented way: an HMAC of the order and payment ids against the signature sent',
      files: {
        'supabase/functions/verify-razorpay/index.ts': "import { createClient } from 'https://esm.sh/@supabase/supabase-js@2';\nimport { createHmac } from 'node:crypto';\nDeno.serve(async (req) => {\n  const { razorpay_order_id, razorpay_payment_id, razorpay_signature } = await req.json();\n  const expected = createHmac('sha256', Deno.env.get('RAZORPAY_KEY_SECRET')!).update(`${razorpay_order_id}|${razorpay_payment_id}`).digest('hex');\n  if (expected !== razorpay_signature) return new Response('bad signature', { status: 400 });\n  const admin = createClient(Deno.env.get('SUPABASE_URL')!, Deno.env.get('SUPABASE_SERVICE_ROLE_KEY')!);\n  await admin.from('payments').update({ status: 'paid' }).eq('order_id', razorpay_order_id);\n  return new Response('ok');\n});\n",
      },
    },
    {
      name: 'a Stripe checkout confirmed with Stripe, marking the order its metadata names as paid',
      files: {
        'supabase/functions/verify-payment/index.ts': "import Stripe from 'https://esm.sh/stripe@14';\nimport { createClient } from 'https://esm.sh/@supabase/supabase-js@2';\nDeno.serve(async (req) => {\n  const { sessionId } = await req.json();\n  const stripe = new Stripe(Deno.env.get('STRIPE_SECRET_KEY')!);\n  const session = await stripe.checkout.sessions.retrieve(sessionId);\n  const admin = createClient(Deno.env.get('SUPABASE_URL')!, Deno.env.get('SUPABASE_SERVICE_ROLE_KEY')!);\n  const orderId = session.metadata?.orderId;\n  if (orderId && session.payment_status === 'paid') await admin.from('orders').update({ payment_status: 'paid' }).eq('id', orderId);\n  return new Response('ok');\n});\n",
      },
    },
    {
      name: 'a Stripe checkout confirmed with Stripe, marking the purchase found by the session id and crediting the user its metadata names',
      files: {
        'supabase/functions/complete-purchase/index.ts': "import Stripe from 'https://esm.sh/stripe@14';\nimport { createClient } from 'https://esm.sh/@supabase/supabase-js@2';\nDeno.serve(async (req) => {\n  const { sessionId } = await req.json();\n  const stripe = new Stripe(Deno.env.get('STRIPE_SECRET_KEY')!);\n  const session = await stripe.checkout.sessions.retrieve(sessionId);\n  if (session.payment_status !== 'paid') throw new Error('not paid');\n  const userId = session.metadata?.userId;\n  if (!userId) throw new Error('no user');\n  const admin = createClient(Deno.env.get('SUPABASE_URL')!, Deno.env.get('SUPABASE_SERVICE_ROLE_KEY')!);\n  await admin.from('credit_purchases').update({ status: 'completed' }).eq('stripe_session_id', sessionId);\n  await admin.from('profiles').update({ credits: 10 }).eq('user_id', userId);\n  return new Response('ok');\n});\n",
      },
    },
    {
      name: 'a demo sign-in that loads the demo household',
      files: {
        'package.json': EXPRESS,
        'server/index.js': `const express = require('express');\nconst { pool } = require('./db');\nconst app = express();\napp.post('/api/auth/demo', async (req, res) => {\n  const { rows } = await pool.query('SELECT id, name FROM users WHERE household_id = $1', [process.env.DEMO_HOUSEHOLD]);\n  res.json({ users: rows });\n});\napp.listen(3000);\n`,
      },
    },
    {
      name: 'a session helper clearing the caller\'s expired session is not data the route hands out',
      files: {
        'package.json': NEXT,
        'lib/session.ts': `import { cookies } from 'next/headers';\nimport { prisma } from '@/lib/prisma';\nexport async function currentSession() {\n  const id = cookies().get('sid')?.value;\n  if (!id) return null;\n  const s = await prisma.authSession.findUnique({ where: { id } });\n  if (s && s.expiresAt < new Date()) await prisma.authSession.delete({ where: { id } });\n  return s;\n}\n`,
        'app/api/whoami/route.ts': `import { currentSession } from '@/lib/session';\nexport async function POST() {\n  const s = await currentSession();\n  return Response.json({ signedIn: !!s });\n}\n`,
      },
    },
    {
      name: 'router.use(protect) defined in another file covers the routes after it',
      files: {
        'package.json': EXPRESS,
        'server/middleware/auth.js': PROTECT,
        'server/routes/tasks.js': router([`router.use(protect);`, `router.post('/tasks', async (req, res) => res.json(await Task.create({ ...req.body, owner: req.user.id })));`]),
      },
    },
    {
      name: 'route-level middleware',
      files: {
        'package.json': EXPRESS,
        'server/middleware/auth.js': PROTECT,
        'server/routes/tasks.js': router([`router.delete('/tasks/:id', protect, async (req, res) => res.json(await Task.deleteOne({ _id: req.params.id, owner: req.user.id })));`]),
      },
    },
    {
      name: 'login, register, health and read-only product listings are public by design',
      files: {
        'package.json': EXPRESS,
        'server/middleware/auth.js': PROTECT,
        'server/routes/open.js': router([
          `router.post('/auth/register', async (req, res) => res.json(await User.create({ email: req.body.email, password: req.body.password })));`,
          `router.post('/auth/login', async (req, res) => res.json(await User.findOne({ email: String(req.body.email) })));`,
          `router.get('/health', (req, res) => res.json({ ok: true }));`,
          `router.get('/products', async (req, res) => res.json(await Product.find({ published: true })));`,
          `router.get('/services/:id', async (req, res) => res.json(await Product.findById(req.params.id)));`,
          `router.get('/courses', async (req, res) => res.json(await Product.find()));`,
        ]),
      },
    },
    {
      name: 'public forms: a contact message, a guest booking and a newsletter sign-up that only add a record of named fields',
      files: {
        'package.json': EXPRESS,
        'server/middleware/auth.js': PROTECT,
        'server/routes/forms.js': router([
          `router.post('/contact', async (req, res) => res.json(await Task.create({ name: String(req.body.name), message: String(req.body.message) })));`,
          `router.post('/bookings', async (req, res) => {`,
          `  const { name, phone, date } = req.body;`,
          `  const taken = await Task.findOne({ date });`,
          `  if (taken) return res.status(409).json({ error: 'taken' });`,
          `  res.status(201).json(await Task.create({ name, phone, date, status: 'pending' }));`,
          `});`,
        ]),
        'supabase/functions/newsletter/index.ts': `import { createClient } from 'npm:@supabase/supabase-js@2';\nDeno.serve(async (req) => {\n  const { email } = await req.json();\n  const key = Deno.env.get('SUPABASE_SERVICE_ROLE_KEY')!;\n  const supabase = createClient(Deno.env.get('SUPABASE_URL')!, key);\n  await supabase.from('subscribers').insert({ email });\n  return new Response('ok');\n});\n`,
      },
    },
    {
      name: 'POST /users that only adds an account is a sign-up, after checking whether the e-mail is taken',
      files: {
        'package.json': EXPRESS,
        'server/routes/users.js': router([
          `router.post('/users', async (req, res) => {`,
          `  if (await User.findOne({ email: req.body.email })) return res.status(409).end();`,
          `  res.status(201).json(await User.create({ email: req.body.email, password: await hash(req.body.password) }));`,
          `});`,
        ]),
      },
    },
    {
      name: 'a handler that checks the Supabase user and rejects',
      files: {
        'package.json': NEXT,
        'app/api/notes/route.ts': [
          `import { createClient } from '@/lib/supabase/server';`,
          `export async function POST(req: Request) {`,
          `  const supabase = createClient();`,
          `  const { data: { user } } = await supabase.auth.getUser();`,
          `  if (!user) return Response.json({ error: 'Sign in' }, { status: 401 });`,
          `  return Response.json(await supabase.from('notes').insert({ user_id: user.id, body: (await req.json()).body }));`,
          `}`,
        ].join('\n'),
      },
    },
    {
      name: 'a project helper that throws without a session, in another file',
      files: {
        'package.json': NEXT,
        'lib/auth.ts': `import { getServerSession } from 'next-auth';\nexport async function requireUser() {\n  const session = await getServerSession();\n  if (!session?.user) throw new Error('Unauthorized');\n  return session.user;\n}\n`,
        'app/api/notes/route.ts': `import { requireUser } from '@/lib/auth';\nimport { db } from '@/lib/db';\nexport async function DELETE(req: Request) {\n  const user = await requireUser();\n  return Response.json(await db.note.deleteMany({ where: { authorId: user.id } }));\n}\n`,
      },
    },
    {
      name: 'a verified Stripe webhook, a route that touches no data, and a route behind middleware vibeaudit cannot see',
      files: {
        'package.json': NEXT,
        'app/api/webhooks/stripe/route.ts': `import Stripe from 'stripe';\nimport { db } from '@/lib/db';\nconst stripe = new Stripe(process.env.STRIPE_SECRET_KEY!);\nexport async function POST(req: Request) {\n  const event = stripe.webhooks.constructEvent(await req.text(), req.headers.get('stripe-signature')!, process.env.STRIPE_WEBHOOK_SECRET!);\n  await db.order.update({ where: { id: event.id }, data: { paid: true } });\n  return Response.json({ ok: true });\n}\n`,
        'app/api/echo/route.ts': `export async function POST(req: Request) {\n  return Response.json(await req.json());\n}\n`,
        'app/api/items/route.ts': `import { withTenant } from '@/lib/tenant';\nimport { db } from '@/lib/db';\nexport const POST = withTenant(async (req: Request) => Response.json(await db.item.create({ data: await req.json() })));\n`,
      },
    },
    {
      name: 'a session read without rejection is undecided, not reported',
      files: {
        'package.json': NEXT,
        'app/api/feed/route.ts': `import { auth } from '@/auth';\nimport { db } from '@/lib/db';\nexport async function GET() {\n  const session = await auth();\n  return Response.json(await db.entry.findMany({ where: { ownerId: session?.user?.id } }));\n}\n`,
      },
    },
    {
      name: 'admin routes are left to admin-route-without-role-check',
      files: {
        'package.json': EXPRESS,
        'server/routes/admin.js': router([`router.delete('/admin/users/:id', async (req, res) => res.json(await User.findByIdAndDelete(req.params.id)));`]),
      },
    },
    {
      name: 'invitation links: the record is found by the secret token from the link, and the request is turned away without one',
      files: {
        'package.json': EXPRESS,
        'server/routes/invitations.js': router([
          `router.post('/invitations/:token/accept', async (req, res) => {`,
          `  const invite = await User.findOne({ invitationToken: req.params.token, invitationExpires: { $gt: Date.now() } });`,
          `  if (!invite) return res.status(400).json({ message: 'Invalid or expired invitation' });`,
          `  invite.password = req.body.password;`,
          `  await invite.save();`,
          `  res.json({ ok: true });`,
          `});`,
          `router.get('/invitations/:token', async (req, res) => {`,
          `  const hashed = crypto.createHash('sha256').update(req.params.token).digest('hex');`,
          `  const user = await User.findOne({ inviteTokenHash: hashed }).select('name email');`,
          `  if (user === null || user.disabled) throw new Error('Invalid invitation');`,
          `  res.json(user);`,
          `});`,
        ]),
      },
    },
    {
      name: 'a Supabase invitation row looked up by its token in a Next.js route',
      files: {
        'package.json': NEXT,
        'app/api/team/join/route.ts': [
          `import { supabaseAdmin } from '@/lib/supabase/admin';`,
          `export async function POST(req: Request) {`,
          `  const { token, userId } = await req.json();`,
          `  const { data: invite, error } = await supabaseAdmin.from('team_invites').select('*').eq('token', token).single();`,
          `  if (error || !invite) return Response.json({ error: 'Invalid invite' }, { status: 404 });`,
          `  await supabaseAdmin.from('team_members').insert({ team_id: invite.team_id, user_id: userId });`,
          `  return Response.json({ ok: true });`,
          `}`,
        ].join('\n'),
      },
    },
    {
      name: 'a server action writes through the caller\u2019s own Supabase client to a table whose policy needs the owner',
      files: {
        'package.json': NEXT,
        'app/activities/actions.ts': USER_CLIENT_ACTION,
        'supabase/migrations/0001_activities.sql': ACTIVITIES(`alter table public.activities enable row level security;\ncreate policy "own rows" on public.activities for all using (auth.uid() = user_id);`),
      },
    },
    {
      name: 'model calls behind sign-in or a rate limiter, and SMS through Twilio\'s messages.create',
      files: {
        'package.json': pkg({ next: '15.0.3', openai: '4.73.0', '@upstash/ratelimit': '2.0.4', twilio: '5.3.6', 'next-auth': '4.24.10' }),
        'app/api/chat/route.ts': `import OpenAI from 'openai';\nimport { getServerSession } from 'next-auth';\nconst openai = new OpenAI();\nexport async function POST(req: Request) {\n  const session = await getServerSession();\n  if (!session) return new Response('sign in', { status: 401 });\n  const { prompt } = await req.json();\n  const r = await openai.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: prompt }] });\n  return Response.json(r.choices[0].message);\n}\n`,
        'app/api/demo/route.ts': `import OpenAI from 'openai';\nimport { ratelimit } from '@/lib/ratelimit';\nconst openai = new OpenAI();\nexport async function POST(req: Request) {\n  const { success } = await ratelimit.limit(req.headers.get('x-forwarded-for') ?? 'anon');\n  if (!success) return new Response('slow down', { status: 429 });\n  const { prompt } = await req.json();\n  const r = await openai.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: prompt }] });\n  return Response.json(r.choices[0].message);\n}\n`,
        'app/api/notify/route.ts': `import twilio from 'twilio';\nconst client = twilio(process.env.TWILIO_SID, process.env.TWILIO_TOKEN);\nexport async function POST(req: Request) {\n  await client.messages.create({ to: '+15550100', from: '+15550101', body: 'New signup' });\n  return new Response('ok');\n}\n`,
      },
    },
    {
      name: 'an open route that searches an array with find and findIndex is not a database read',
      files: {
        'package.json': pkg({ express: '4.21.0' }),
        'server/index.js': `const express = require('express');\nconst app = express();\nconst plans = [{ id: 'pro', price: 9 }];\napp.get('/plans/:id', (req, res) => {\n  const plan = plans.find((p) => p.id === req.params.id);\n  res.json({ plan, at: plans.findIndex((p) => p === plan) });\n});\napp.listen(3000);\n`,
      },
    },
    {
      name: 'a Hono worker writing to R2 only for callers that send the shared upload password',
      files: {
        'package.json': JSON.stringify({ name: 'files', dependencies: { hono: '^4.6.0' } }),
        'src/upload.ts': "import { Hono } from 'hono';\nconst upload = new Hono<{ Bindings: { BUCKET: R2Bucket; UPLOAD_PASSWORD: string } }>();\nupload.post('/', async (c) => {\n  const password = c.req.header('Authorization');\n  if (!password || password.split('Bearer ')[1] !== c.env.UPLOAD_PASSWORD) return c.json({ error: 'Unauthorised' }, 401);\n  const { file } = await c.req.parseBody();\n  if (!file || typeof file === 'string') return c.json({ error: 'No file' }, 400);\n  await c.env.BUCKET.put(file.name, file.stream());\n  return c.json({ ok: true });\n});\nexport default upload;\n",
      },
    },
  ],
  invalid: [
    {
      name: 'an edge function that checks the request names a role, and sets it for whichever user it names',
      files: {
        'supabase/functions/update_user_role/index.ts': "import { createClient } from 'npm:@supabase/supabase-js@2';\nconst supabaseAdmin = createClient(Deno.env.get('SUPABASE_URL')!, Deno.env.get('SUPABASE_SERVICE_ROLE_KEY')!);\nDeno.serve(async (req) => {\n  const { userId, role } = await req.json();\n  if (!userId || !role) return new Response('Missing userId or role', { status: 400 });\n  await supabaseAdmin.auth.admin.updateUserById(userId, { app_metadata: { role } });\n  return new Response('ok');\n});\n",
      },
      errors: [{ messageId: 'writesUserData', line: 3 }],
    },
    {
      name: 'a Hono worker writing the request body into an R2 bucket under a key the client chose',
      files: {
        'package.json': JSON.stringify({ name: 'files', dependencies: { hono: '^4.6.0' } }),
        'src/index.ts': "import { Hono } from 'hono';\nconst app = new Hono<{ Bindings: { MY_BUCKET: R2Bucket } }>();\napp.put('/upload/:key', async (c) => {\n  const key = c.req.param('key');\n  await c.env.MY_BUCKET.put(key, c.req.raw.body);\n  return c.text('ok');\n});\nexport default app;\n",
      },
      errors: [{ messageId: 'writes', line: 3 }],
    },
    {
      name: 'a scheduled job anyone can call, whatever it cleans up (expired one-time codes are no sign-in)',
      files: {
        'package.json': pkg({ '@sveltejs/kit': '2.8.0', '@supabase/supabase-js': '2.45.4' }),
        'src/routes/api/cron/delete-expired-otp/+server.ts': `import { supabaseAdmin } from '$lib/db/admin.server';\nexport const DELETE = async () => {\n  await supabaseAdmin.from('otp_codes').delete().lt('expires_at', new Date().toISOString());\n  return new Response(null, { status: 204 });\n};\n`,
      },
      errors: [{ messageId: 'writes', line: 2 }],
    },
    {
      name: 'a route handler marked `use server` that adds to a Realtime Database balance: reported once, as the route',
      files: {
        'package.json': pkg({ next: '15.1.0', 'firebase-admin': '12.6.0' }),
        'app/api/add-credits/route.ts': `'use server';\nimport admin from 'firebase-admin';\nconst db = admin.database();\nexport async function POST(req: Request) {\n  const { uid, amount } = await req.json();\n  const userRef = db.ref(\`users/\${uid}/credits\`);\n  await userRef.transaction((current) => (current || 0) + amount);\n  return Response.json({ ok: true });\n}\n`,
      },
      errors: [{ messageId: 'writesUserData', line: 4 }],
    },
    {
      name: "a helper's `if (!user)` after finding the user by any value it was given (`id`) is no sign-in check",
      files: {
        'package.json': EXPRESS,
        'server/users.js': `const User = require('./models/User');\nasync function getUser(id) {\n  const user = await User.findById(id).select('-password');\n  if (!user) throw new Error('User not found');\n  return user;\n}\nmodule.exports = { getUser };\n`,
        'server/app.js': `const express = require('express');\nconst { getUser } = require('./users');\nconst app = express();\napp.get('/api/users/:id', async (req, res) => res.json(await getUser(req.params.id)));\napp.listen(3000);\n`,
      },
      errors: [{ messageId: 'readsUserData', line: 4, file: 'server/app.js' }],
    },
    {
      name: "a helper's `if (!user)` after finding the user by the id it was given is no sign-in check",
      files: {
        'package.json': EXPRESS,
        'server/users.service.js': `const User = require('./models/User');\nasync function removeUser(userId) {\n  const user = await User.findById(userId);\n  if (!user) throw new Error('User not found');\n  await User.deleteOne({ _id: userId });\n  return user;\n}\nmodule.exports = { removeUser };\n`,
        'server/app.js': `const express = require('express');\nconst { removeUser } = require('./users.service');\nconst app = express();\napp.delete('/api/users/:userId', async (req, res) => res.json(await removeUser(req.params.userId)));\napp.listen(3000);\n`,
      },
      errors: [{ messageId: 'writesUserData', line: 4, file: 'server/app.js' }],
    },
    {
      name: 'a status path that changes a booking is no health check',
      files: {
        'package.json': EXPRESS,
        'server/middleware/auth.js': PROTECT,
        'server/routes/laundry.js': router([
          `router.get('/status', (req, res) => res.json({ ok: true }));`,
          `router.put('/laundry/status', async (req, res) => res.json(await Product.updateOne({ _id: req.body.bookingId }, { status: String(req.body.status) })));`,
        ]),
      },
      errors: [{ messageId: 'writes', line: 6, file: 'server/routes/laundry.js' }],
    },
    {
      name: "Next.js API routes that list, create and delete Firebase accounts with the Admin SDK, open to anyone",
      files: {
        'package.json': JSON.stringify({ name: 'app', dependencies: { next: '^14.2.0', 'firebase-admin': '^12.0.0' } }),
        'utils/firebase-admin.js': `import admin from 'firebase-admin';\nif (!admin.apps.length) admin.initializeApp();\nexport const auth = admin.auth();\nexport const db = admin.firestore();\n`,
        'pages/api/staff/index.js': `import { auth } from '../../../utils/firebase-admin';\nexport default async function handler(req, res) {\n  if (req.method === 'GET') {\n    const { users } = await auth.listUsers(1000);\n    return res.json(users.map((u) => ({ email: u.email })));\n  }\n  const user = await auth.createUser({ email: req.body.email, password: req.body.password });\n  res.json({ uid: user.uid });\n}\n`,
        'pages/api/staff/[uid].js': `import { auth } from '../../../utils/firebase-admin';\nexport default async function handler(req, res) {\n  await auth.deleteUser(req.query.uid);\n  res.json({ ok: true });\n}\n`,
      },
      errors: [
        { messageId: 'writesUserData', line: 2, file: 'pages/api/staff/[uid].js' },
        { messageId: 'writesUserData', line: 2, file: 'pages/api/staff/index.js' },
      ],
    },
    {
      name: 'a public services listing is read-only: changing a service is not',
      files: {
        'package.json': EXPRESS,
        'server/middleware/auth.js': PROTECT,
        'server/routes/services.js': router([
          `router.get('/services', async (req, res) => res.json(await Product.find()));`,
          `router.put('/services/:id', async (req, res) => res.json(await Product.updateOne({ _id: req.params.id }, { name: String(req.body.name) })));`,
        ]),
      },
      errors: [{ messageId: 'writes', line: 6, file: 'server/routes/services.js' }],
    },
    {
      name: 'a ws server that stores whatever any client sends',
      files: {
        'package.json': pkg({ ws: '8.18.0', mongodb: '6.10.0' }),
        'server.js': "const WebSocket = require('ws');\nconst { MongoClient } = require('mongodb');\nconst client = new MongoClient(process.env.MONGO_URL);\nconst wss = new WebSocket.Server({ port: 8080 });\nwss.on('connection', (ws) => {\n  ws.on('message', async (message) => {\n    await client.db('iot').collection('sensors').insertOne(JSON.parse(message));\n  });\n});\n",
      },
      errors: [{ messageId: 'writes', line: 6, file: 'server.js' }],
    },
    {
      name: 'a presigned S3 upload URL for any key, handed to anyone',
      files: {
        'package.json': pkg({ next: '15.0.3', '@aws-sdk/client-s3': '3.700.0', '@aws-sdk/s3-request-presigner': '3.700.0' }),
        'lib/aws.ts': "import { S3Client, PutObjectCommand } from '@aws-sdk/client-s3';\nimport { getSignedUrl } from '@aws-sdk/s3-request-presigner';\nconst s3 = new S3Client({ region: 'eu-west-1' });\nexport async function uploadUrl(userId: string, name: string) {\n  return getSignedUrl(s3, new PutObjectCommand({ Bucket: 'private-files', Key: `${userId}/${name}` }));\n}\n",
        'app/api/upload-url/route.ts': "import { uploadUrl } from '@/lib/aws';\nexport async function POST(req: Request) {\n  const { userId, name } = await req.json();\n  return Response.json({ url: await uploadUrl(userId, name) });\n}\n",
      },
      errors: [{ messageId: 'writes', line: 2, file: 'app/api/upload-url/route.ts' }],
    },
    {
      name: 'Socket.IO: an event that writes to the database on a server that never checks who connects',
      files: socketServer(false, [`socket.on('place_bid', async ({ auctionId, amount }) => {`, `  await Bid.create({ auctionId, amount });`, `});`]),
      errors: [{ messageId: 'writes', line: 13, file: 'server.js' }],
    },
    {
      name: 'open mail relays: an edge function posting to Resend, a Next.js route with the Resend SDK, Express with nodemailer',
      files: {
        'package.json': pkg({ next: '15.0.3', resend: '4.0.0', express: '4.21.1', nodemailer: '6.9.16' }),
        'supabase/functions/send-email/index.ts': "Deno.serve(async (req) => {\n  const { to, subject, html } = await req.json();\n  const r = await fetch('https://api.resend.com/emails', { method: 'POST', headers: { Authorization: `Bearer ${Deno.env.get('RESEND_API_KEY')}` }, body: JSON.stringify({ from: 'App <hi@app.example>', to: [to], subject, html }) });\n  return new Response(await r.text());\n});\n",
        'app/api/notify/route.ts': "import { Resend } from 'resend';\nconst resend = new Resend(process.env.RESEND_API_KEY);\nexport async function POST(req: Request) {\n  const body = await req.json();\n  await resend.emails.send({ from: 'hi@app.example', to: body.email, subject: 'Hello', html: body.message });\n  return Response.json({ ok: true });\n}\n",
        'app/api/emailSend/route.js': "import nodemailer from 'nodemailer';\nconst transporter = nodemailer.createTransport({ service: 'gmail', auth: { user: process.env.EMAIL_USER, pass: process.env.EMAIL_PASS } });\nexport async function POST(req) {\n  const { to_email, subject, message } = await req.json();\n  const mailOptions = { from: 'hello@app.example', to: to_email, subject, text: message };\n  await transporter.sendMail(mailOptions);\n  return Response.json({ sent: true });\n}\n",
        'server/mail.js': "const express = require('express');\nconst nodemailer = require('nodemailer');\nconst app = express();\nconst transporter = nodemailer.createTransport({ host: process.env.SMTP_HOST });\napp.post('/api/email/test', async (req, res) => {\n  await transporter.sendMail({ from: process.env.SMTP_FROM, to: req.body.to, subject: req.body.subject, text: req.body.text });\n  res.json({ sent: true });\n});\napp.listen(3000);\n",
        'src/routes/api/send-email/+server.ts': "import * as nodemailer from 'nodemailer';\nconst transporter = nodemailer.createTransport({ service: 'gmail' });\nexport const POST = async ({ request }) => {\n  const mailOptions = await request.json();\n  await transporter.sendMail(mailOptions);\n  return new Response('ok');\n};\n",
      },
      errors: [
        { messageId: 'relaysEmail', line: 3, file: 'app/api/emailSend/route.js', severity: 'high' },
        { messageId: 'relaysEmail', line: 3, file: 'app/api/notify/route.ts', severity: 'high' },
        { messageId: 'relaysEmail', line: 5, file: 'server/mail.js', severity: 'high' },
        { messageId: 'relaysEmail', line: 3, file: 'src/routes/api/send-email/+server.ts', severity: 'high' },
        { messageId: 'relaysEmail', line: 1, file: 'supabase/functions/send-email/index.ts', severity: 'high' },
      ],
    },
    {
      name: 'MongoDB collections kept in variables, from db.collection() or from a helper: findOne, find().toArray() and insertOne',
      files: {
        'package.json': pkg({ express: '4.21.0', mongodb: '6.8.0' }),
        'server/index.js': `const express = require('express');\nconst { MongoClient } = require('mongodb');\nconst app = express();\nconst client = new MongoClient(process.env.MONGODB_URI);\nconst usersCollection = client.db('hr').collection('users');\nconst assetsCol = async () => client.db('hr').collection('assets');\napp.get('/userdetails/:email', async (req, res) => {\n  res.send(await usersCollection.findOne({ email: req.params.email }));\n});\napp.get('/assets/:email', async (req, res) => {\n  const assets = await assetsCol();\n  res.send(await assets.find({ owner: req.params.email }).toArray());\n});\napp.post('/users/invite', async (req, res) => {\n  await usersCollection.insertOne({ email: req.body.email, name: req.body.name });\n  res.send({ ok: true });\n});\napp.listen(3000);\n`,
      },
      errors: [
        { messageId: 'readsUserData', line: 7 },
        { messageId: 'reads', line: 10 },
        { messageId: 'writesUserData', line: 14 },
      ],
    },
    {
      name: 'open routes that run a paid model: an SDK call (also beside a catalogue read), the Vercel AI SDK, and fetch to Lovable\'s AI gateway from an edge function',
      files: {
        'package.json': pkg({ next: '15.0.3', openai: '4.73.0', ai: '4.0.0', '@ai-sdk/openai': '1.0.0' }),
        'app/api/chat/route.ts': `import OpenAI from 'openai';\nconst openai = new OpenAI();\nexport async function POST(req: Request) {\n  const { prompt } = await req.json();\n  const r = await openai.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: prompt }] });\n  return Response.json(r.choices[0].message);\n}\n`,
        'app/api/summary/route.ts': `import { generateText } from 'ai';\nimport { openai } from '@ai-sdk/openai';\nexport async function POST(req: Request) {\n  const { text } = await req.json();\n  const { text: summary } = await generateText({ model: openai('gpt-4o-mini'), prompt: text });\n  return Response.json({ summary });\n}\n`,
        'app/api/describe/route.ts': `import OpenAI from 'openai';\nimport { prisma } from '@/lib/prisma';\nconst openai = new OpenAI();\nexport async function POST(req: Request) {\n  const { id } = await req.json();\n  const product = await prisma.product.findUnique({ where: { id } });\n  const r = await openai.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: product?.name ?? '' }] });\n  return Response.json(r.choices[0].message);\n}\n`,
        'supabase/functions/suggest/index.ts': `const AI_URL = 'https://ai.gateway.lovable.dev/v1/chat/completions';\nDeno.serve(async (req) => {\n  const { idea } = await req.json();\n  const r = await fetch(AI_URL, { method: 'POST', headers: { Authorization: \`Bearer \${Deno.env.get('LOVABLE_API_KEY')}\` }, body: JSON.stringify({ model: 'google/gemini-2.5-flash', messages: [{ role: 'user', content: idea }] }) });\n  return new Response(await r.text());\n});\n`,
      },
      errors: [
        { messageId: 'spendsAi', line: 3, file: 'app/api/chat/route.ts', severity: 'medium' },
        { messageId: 'spendsAi', line: 4, file: 'app/api/describe/route.ts', severity: 'medium' },
        { messageId: 'spendsAi', line: 3, file: 'app/api/summary/route.ts', severity: 'medium' },
        { messageId: 'spendsAi', line: 2, file: 'supabase/functions/suggest/index.ts', severity: 'medium' },
      ],
    },
    {
      name: 'an HMAC computed but compared with nothing the caller sent is no check',
      files: {
        'supabase/functions/sign-link/index.ts': "import { createClient } from 'https://esm.sh/@supabase/supabase-js@2';\nimport { createHmac } from 'node:crypto';\nDeno.serve(async (req) => {\n  const { order_id } = await req.json();\n  const token = createHmac('sha256', Deno.env.get('LINK_SECRET')!).update(order_id).digest('hex');\n  if (token === '') return new Response('no', { status: 400 });\n  const admin = createClient(Deno.env.get('SUPABASE_URL')!, Deno.env.get('SUPABASE_SERVICE_ROLE_KEY')!);\n  await admin.from('payments').update({ status: 'paid' }).eq('order_id', order_id);\n  return new Response(token);\n});\n",
      },
      errors: [{ messageId: 'writes', line: 3, severity: 'high' }],
    },
    {
      name: 'a Stripe check that marks an order the caller names, or never checks the status',
      files: {
        'supabase/functions/verify-payment/index.ts': "import Stripe from 'https://esm.sh/stripe@14';\nimport { createClient } from 'https://esm.sh/@supabase/supabase-js@2';\nDeno.serve(async (req) => {\n  const { sessionId, orderId } = await req.json();\n  const stripe = new Stripe(Deno.env.get('STRIPE_SECRET_KEY')!);\n  const session = await stripe.checkout.sessions.retrieve(sessionId);\n  const admin = createClient(Deno.env.get('SUPABASE_URL')!, Deno.env.get('SUPABASE_SERVICE_ROLE_KEY')!);\n  if (session.payment_status === 'paid') await admin.from('orders').update({ payment_status: 'paid' }).eq('id', orderId);\n  return new Response('ok');\n});\n",
        'supabase/functions/confirm/index.ts': "import Stripe from 'https://esm.sh/stripe@14';\nimport { createClient } from 'https://esm.sh/@supabase/supabase-js@2';\nDeno.serve(async (req) => {\n  const { sessionId } = await req.json();\n  const stripe = new Stripe(Deno.env.get('STRIPE_SECRET_KEY')!);\n  const session = await stripe.checkout.sessions.retrieve(sessionId);\n  const admin = createClient(Deno.env.get('SUPABASE_URL')!, Deno.env.get('SUPABASE_SERVICE_ROLE_KEY')!);\n  await admin.from('orders').update({ payment_status: 'paid' }).eq('id', session.metadata.orderId);\n  return new Response('ok');\n});\n",
      },
      errors: [
        { messageId: 'writes', line: 3, file: 'supabase/functions/confirm/index.ts' },
        { messageId: 'writes', line: 3, file: 'supabase/functions/verify-payment/index.ts' },
      ],
    },
    {
      name: 'a user id taken from a Stripe session\'s metadata is not the caller: without a paid check, the credit is open',
      files: {
        'supabase/functions/add-credits/index.ts': "import Stripe from 'https://esm.sh/stripe@14';\nimport { createClient } from 'https://esm.sh/@supabase/supabase-js@2';\nDeno.serve(async (req) => {\n  const { sessionId } = await req.json();\n  const stripe = new Stripe(Deno.env.get('STRIPE_SECRET_KEY')!);\n  const session = await stripe.checkout.sessions.retrieve(sessionId);\n  const userId = session.metadata?.userId;\n  if (!userId) throw new Error('no user');\n  const admin = createClient(Deno.env.get('SUPABASE_URL')!, Deno.env.get('SUPABASE_SERVICE_ROLE_KEY')!);\n  await admin.from('profiles').update({ credits: 10 }).eq('user_id', userId);\n  return new Response('ok');\n});\n",
      },
      errors: [{ messageId: 'writesUserData', line: 3 }],
    },
    {
      name: 'next-safe-action: an action on a client without middleware writes without a sign-in check',
      files: {
        'package.json': JSON.stringify({ name: 'app', dependencies: { next: '15.0.3', 'next-safe-action': '7.9.0', 'drizzle-orm': '0.36.0' } }),
        'src/lib/safe-action.ts': "import { createSafeActionClient } from 'next-safe-action';\nimport { auth } from '@/auth';\nexport const actionClient = createSafeActionClient();\nexport const authActionClient = actionClient.use(async ({ next }) => {\n  const session = await auth();\n  if (!session?.user) throw new Error('Unauthorized');\n  return next({ ctx: { userId: session.user.id } });\n});\n",
        'src/server/notes.ts': "'use server';\nimport { z } from 'zod';\nimport { and, eq, sql } from 'drizzle-orm';\nimport { actionClient, authActionClient } from '@/lib/safe-action';\nimport { db } from '@/db';\nimport { notes } from '@/db/schema';\nexport const deleteAnyNote = actionClient.schema(z.object({ id: z.string() })).action(async ({ parsedInput: { id } }) => {\n  return db.delete(notes).where(eq(notes.id, id)).returning();\n});\nexport const deleteNote = authActionClient.schema(z.object({ id: z.string() })).action(async ({ parsedInput: { id }, ctx }) => {\n  return db.delete(notes).where(and(eq(notes.id, id), eq(notes.userId, ctx.userId))).returning();\n});\n",
      },
      errors: [{ messageId: 'writes', line: 7, severity: 'high' }],
    },
    {
      name: 'a server action writes through the caller\u2019s own Supabase client to a table without row-level security',
      files: { 'package.json': NEXT, 'app/activities/actions.ts': USER_CLIENT_ACTION, 'supabase/migrations/0001_activities.sql': ACTIVITIES('') },
      errors: [{ messageId: 'writes', line: 3, severity: 'high' }],
    },
    {
      name: 'an edge function that lists every technician\u2019s role and reads chat roles checks no caller',
      files: {
        'package.json': pkg({ '@supabase/supabase-js': '2.45.4' }),
        'supabase/functions/triage/index.ts': [
          `Deno.serve(async (req) => {`,
          `  const { ticket_id, messages } = await req.json();`,
          `  if (!ticket_id) throw new Error('ticket_id is required');`,
          `  const { data: roles } = await supabase.from('user_roles').select('user_id').in('role', ['admin', 'tech']);`,
          `  if (roles && roles.length > 0) await supabase.from('tickets').update({ assignee: roles[0].user_id }).eq('id', ticket_id);`,
          `  if (messages[messages.length - 1].role === 'user') await supabase.from('tickets').update({ status: 'open' }).eq('id', ticket_id);`,
          `  return new Response('ok');`,
          `});`,
        ].join('\n'),
      },
      errors: [{ messageId: 'writes', line: 1, severity: 'high' }],
    },
    {
      name: 'a token lookup that does not turn the request away, a lookup by a value that is not a token, and a token the server chose',
      files: {
        'package.json': EXPRESS,
        'server/routes/invitations.js': router([
          `router.post('/invitations/:token/accept', async (req, res) => {`,
          `  const invite = await User.findOne({ invitationToken: req.params.token });`,
          `  await Task.create({ owner: invite?.id, title: req.body.title });`,
          `  res.json({ ok: true });`,
          `});`,
          `router.post('/invitations/:email/resend', async (req, res) => {`,
          `  const user = await User.findOne({ email: req.params.email });`,
          `  if (!user) return res.status(404).end();`,
          `  await Task.create({ owner: user.id, title: 'resend' });`,
          `  res.json({ ok: true });`,
          `});`,
          `router.post('/invitations', async (req, res) => {`,
          `  const invite = await User.findOne({ invitationToken: process.env.DEFAULT_INVITE });`,
          `  if (!invite) return res.status(404).end();`,
          `  await Task.create({ owner: invite.id, title: req.body.title });`,
          `  res.json({ ok: true });`,
          `});`,
        ]),
      },
      errors: [
        { messageId: 'writes', line: 5, severity: 'high' },
        { messageId: 'writes', line: 10, severity: 'high' },
        { messageId: 'writes', line: 16, severity: 'high' },
      ],
    },
    {
      name: 'an Express route that writes, before the auth middleware',
      files: {
        'package.json': EXPRESS,
        'server/middleware/auth.js': PROTECT,
        'server/routes/tasks.js': router([
          `router.post('/tasks/import', async (req, res) => res.json(await Task.insertMany(req.body.tasks)));`,
          `router.use(protect);`,
          `router.post('/tasks', async (req, res) => res.json(await Task.create({ ...req.body, owner: req.user.id })));`,
        ]),
      },
      errors: [{ messageId: 'writes', line: 5, severity: 'high' }],
    },
    {
      name: 'user records written and read without auth',
      files: {
        'package.json': EXPRESS,
        'server/routes/users.js': router([
          `router.patch('/users/:id', async (req, res) => res.json(await User.findByIdAndUpdate(req.params.id, { name: req.body.name })));`,
          `router.get('/users', async (req, res) => res.json(await User.find()));`,
        ]),
      },
      errors: [
        { messageId: 'writesUserData', line: 5, severity: 'high' },
        { messageId: 'readsUserData', line: 6, severity: 'high' },
      ],
    },
    {
      name: 'a Next.js route handler that deletes with the service role and a read-only route',
      files: {
        'package.json': NEXT,
        'lib/admin.ts': `import { createClient } from '@supabase/supabase-js';\nexport const supabaseAdmin = createClient(process.env.SUPABASE_URL!, process.env.SUPABASE_SERVICE_ROLE_KEY!);\n`,
        'app/api/drafts/[id]/route.ts': [
          `import { supabaseAdmin } from '@/lib/admin';`,
          `export async function GET(_req: Request, { params }: { params: { id: string } }) {`,
          `  return Response.json(await supabaseAdmin.from('drafts').select('*').eq('id', params.id).single());`,
          `}`,
          `export async function DELETE(_req: Request, { params }: { params: { id: string } }) {`,
          `  await supabaseAdmin.from('drafts').delete().eq('id', params.id);`,
          `  return new Response(null, { status: 204 });`,
          `}`,
        ].join('\n'),
      },
      errors: [
        { messageId: 'reads', line: 2, severity: 'medium' },
        { messageId: 'writes', line: 5, severity: 'high' },
      ],
    },
    {
      name: 'a payment started without auth for the user the request names, and a write through a helper in another file',
      files: {
        'package.json': NEXT,
        'lib/orders.ts': `import { db } from './db';\nexport async function saveOrder(data: unknown) {\n  return db.order.create({ data });\n}\n`,
        'app/api/checkout/route.ts': `import Stripe from 'stripe';\nconst stripe = new Stripe(process.env.STRIPE_SECRET_KEY!);\nexport async function POST(req: Request) {\n  const { priceId, userId } = await req.json();\n  const session = await stripe.checkout.sessions.create({ mode: 'payment', line_items: [{ price: priceId, quantity: 1 }], metadata: { userId }, success_url: 'https://x.dev' });\n  return Response.json({ url: session.url });\n}\n`,
        'app/api/charge/route.ts': `import Stripe from 'stripe';\nconst stripe = new Stripe(process.env.STRIPE_SECRET_KEY!);\nexport async function POST(req: Request) {\n  const { customerId, paymentMethod } = await req.json();\n  await stripe.paymentIntents.create({ amount: 1999, currency: 'usd', customer: customerId, payment_method: paymentMethod, off_session: true, confirm: true });\n  return Response.json({ ok: true });\n}\n`,
        'app/api/orders/route.ts': `import { saveOrder } from '@/lib/orders';\nexport async function POST(req: Request) {\n  return Response.json(await saveOrder(await req.json()));\n}\n`,
      },
      errors: [
        { messageId: 'payment', line: 3, file: 'app/api/charge/route.ts' },
        { messageId: 'payment', line: 3, file: 'app/api/checkout/route.ts' },
        { messageId: 'writes', line: 2, file: 'app/api/orders/route.ts' },
      ],
    },
    {
      name: 'PocketBase server actions: one checks the auth store before it writes, one does not',
      files: {
        'package.json': pkg({ next: '15.0.3', pocketbase: '0.21.0' }),
        'app/chores/actions.ts': `'use server';\nimport { createClient } from '@/utils/pocketbase/server';\nexport async function toggleChore(id: string, done: boolean) {\n  const pb = await createClient();\n  if (!pb.authStore.isValid) return { error: 'No auth' };\n  await pb.collection('chores').update(id, { done });\n}\nexport async function deleteChore(id: string) {\n  const pb = await createClient();\n  await pb.collection('chores').delete(id);\n}\n`,
      },
      errors: [{ messageId: 'writes', line: 8, file: 'app/chores/actions.ts' }],
    },
    {
      name: 'a server action and a tRPC public mutation that write',
      files: {
        'package.json': pkg({ next: '15.0.3', '@trpc/server': '11.0.0' }),
        'app/actions.ts': `'use server';\nimport { db } from '@/lib/db';\nexport async function deleteComment(id: string) {\n  await db.comment.delete({ where: { id } });\n}\n`,
        'server/routers/post.ts': `import { publicProcedure, router } from '../trpc';\nexport const postRouter = router({\n  remove: publicProcedure.mutation(({ ctx, input }) => ctx.db.post.delete({ where: { id: input } })),\n});\n`,
      },
      errors: [
        { messageId: 'writes', line: 3, file: 'app/actions.ts' },
        { messageId: 'writes', line: 3, file: 'server/routers/post.ts' },
      ],
    },
    {
      name: "bookings that are not just a visitor's form: the client's object as a whole, a booking for the user the body names, a booking route that also lists them",
      files: {
        'package.json': pkg({ next: '15.0.3', '@prisma/client': '5.22.0' }),
        'app/_actions/create-booking.ts': `'use server';\nimport { prisma } from '../_lib/prisma';\nexport const createBooking = async (params: { serviceId: string; date: Date }) => {\n  await prisma.booking.create({ data: params });\n};\n`,
        'app/api/bookings/route.ts': `import { prisma } from '@/lib/prisma';\nexport async function POST(req: Request) {\n  const { userId, date } = await req.json();\n  return Response.json(await prisma.booking.create({ data: { userId, date } }));\n}\nexport async function PUT(req: Request) {\n  const { name, date } = await req.json();\n  await prisma.booking.create({ data: { name, date } });\n  return Response.json(await prisma.booking.findMany());\n}\n`,
      },
      errors: [
        { messageId: 'writes', line: 3 },
        { messageId: 'writes', line: 2 },
        { messageId: 'writes', line: 6 },
      ],
    },
    {
      name: 'an edge function with the service-role key in a local: it looks up bookings by the e-mail the body names, and changes them',
      files: {
        'supabase/functions/manage-booking/index.ts': `import { createClient } from 'npm:@supabase/supabase-js@2';\nDeno.serve(async (req) => {\n  const supabaseUrl = Deno.env.get('SUPABASE_URL')!;\n  const supabaseKey = Deno.env.get('SUPABASE_SERVICE_ROLE_KEY')!;\n  const supabase = createClient(supabaseUrl, supabaseKey);\n  const { email, id, date } = await req.json();\n  const { data } = await supabase.from('bookings').select('*').eq('email', email);\n  if (id) await supabase.from('bookings').update({ date }).eq('id', id).eq('email', email);\n  return Response.json(data);\n});\n`,
        'supabase/migrations/0001_bookings.sql': `create table public.bookings (id uuid primary key, email text not null, date date);\nalter table public.bookings enable row level security;\n`,
      },
      errors: [{ messageId: 'writes', line: 2 }],
    },
    {
      name: 'POST /users that also lists the accounts, or sets the role the body names, is not just a sign-up',
      files: {
        'package.json': EXPRESS,
        'server/routes/users.js': router([
          `router.post('/users', async (req, res) => {`,
          `  await User.create({ email: req.body.email, role: req.body.role });`,
          `  res.json(await User.find());`,
          `});`,
          `router.post('/accounts', async (req, res) => res.json(await User.create({ email: req.body.email, role: req.body.role })));`,
        ]),
      },
      errors: [
        { messageId: 'writesUserData', line: 5 },
        { messageId: 'writesUserData', line: 9 },
      ],
    },
    {
      name: 'a Supabase Edge Function that updates rows without checking the caller',
      files: {
        'supabase/functions/mark-paid/index.ts': `import { createClient } from 'npm:@supabase/supabase-js@2';\nDeno.serve(async (req) => {\n  const { id } = await req.json();\n  const supabase = createClient(Deno.env.get('SUPABASE_URL')!, Deno.env.get('SUPABASE_SERVICE_ROLE_KEY')!);\n  await supabase.from('invoices').update({ paid: true }).eq('id', id);\n  return new Response('ok');\n});\n`,
      },
      errors: [{ messageId: 'writes', line: 2 }],
    },
  ],
});

describe('route-without-auth through the caller\u2019s own Supabase client', () => {
  it('is low confidence, and says so, when no migration shows the table\u2019s policies', async () => {
    const found = await findingsOf('route-without-auth', { files: { 'package.json': NEXT, 'app/activities/actions.ts': USER_CLIENT_ACTION } });
    expect(found.map((f) => [f.range.startLine, f.confidence])).toEqual([[3, 'low']]);
    expect(found[0].message).toContain("only row-level security can stop a visitor, and no migration here shows `activities`'s policies");
  });

  it("says a PocketBase collection's API rules decide, unless the project signs a client in as a superuser", async () => {
    const files = {
      'package.json': pkg({ '@sveltejs/kit': '2.5.0', pocketbase: '0.21.0' }),
      'src/routes/links/+page.server.js': `export const actions = {\n  remove: async ({ request, locals }) => {\n    const data = await request.formData();\n    await locals.pb.collection('links').delete(String(data.get('id')));\n  },\n};\n`,
    };
    const user = await findingsOf('route-without-auth', { files });
    expect(user.map((f) => [f.file, f.range.startLine, f.severity, f.confidence])).toEqual([['src/routes/links/+page.server.js', 2, 'high', 'low']]);
    expect(user[0].message).toContain('so the API rules of `links` decide, and they are not read here');
    const admin = await findingsOf('route-without-auth', { files: { ...files, 'src/hooks.server.js': `export const handle = async ({ event, resolve }) => {\n  await event.locals.pb.collection('_superusers').authWithPassword(env.PB_ADMIN_EMAIL, env.PB_ADMIN_PASSWORD);\n  return resolve(event);\n};\n` } });
    expect(admin.map((f) => [f.range.startLine, f.confidence])).toEqual([[2, 'high']]);
  });
});
