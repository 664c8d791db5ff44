import { ruleTester } from '../../helpers/rule-tester.js';

const pkg = (deps: Record<string, string>) => JSON.stringify({ name: 'app', dependencies: deps });
const SUPABASE = pkg({ '@supabase/supabase-js': '^2.45.0' });
const NEXT = pkg({ next: '^14.2.0', stripe: '^15.0.0', '@prisma/client': '^5.14.0' });
const EXPRESS = pkg({ express: '^4.19.2', stripe: '^15.0.0', mongoose: '^8.4.0', pg: '^8.11.0' });

/** A Supabase edge function that asks Stripe about the session, then runs `body` with `admin` and `userId`. */
const confirm = (body: string) =>
  `import Stripe from 'npm:stripe@14';\nimport { createClient } from 'npm:@supabase/supabase-js@2';\nconst stripe = new Stripe(Deno.env.get('STRIPE_SECRET_KEY')!);\nDeno.serve(async (req) => {\n  const { sessionId } = await req.json();\n  const session = await stripe.checkout.sessions.retrieve(sessionId);\n  if (session.payment_status !== 'paid') return new Response('unpaid', { status: 402 });\n  const admin = createClient(Deno.env.get('SUPABASE_URL')!, Deno.env.get('SUPABASE_SERVICE_ROLE_KEY')!);\n  const userId = session.metadata!.user_id;\n${body}\n  return Response.json({ ok: true });\n});\n`;
const READ_AND_ADD = `  const { data: profile } = await admin.from('profiles').select('credits').eq('id', userId).single();\n  await admin.from('profiles').update({ credits: (profile?.credits ?? 0) + 100 }).eq('id', userId);`;

/** A Next.js Stripe webhook that verifies the event, then runs `body` on `checkout.session.completed`. */
const webhook = (body: string) =>
  `import Stripe from 'stripe';\nimport { prisma } from '@/lib/prisma';\nconst stripe = new Stripe(process.env.STRIPE_SECRET_KEY!);\nexport async function POST(req: Request) {\n  const event = stripe.webhooks.constructEvent(await req.text(), req.headers.get('stripe-signature')!, process.env.STRIPE_WEBHOOK_SECRET!);\n  if (event.type === 'checkout.session.completed') {\n    const session = event.data.object as Stripe.Checkout.Session;\n    const userId = session.metadata!.userId;\n${body}\n  }\n  return Response.json({ received: true });\n}\n`;

ruleTester('payment-credits-replay', {
  valid: [
    {
      name: 'the session id is stored under a unique key before the credits are added',
      files: {
        'package.json': SUPABASE,
        'supabase/functions/verify-payment/index.ts': confirm(`  const { error } = await admin.from('payments').insert({ stripe_session_id: session.id, user_id: userId });\n  if (error) return Response.json({ ok: true, alreadyCredited: true });\n${READ_AND_ADD}`),
      },
    },
    {
      name: 'a purchase looked up by the session id first (Prisma)',
      files: {
        'package.json': NEXT,
        'app/api/webhooks/stripe/route.ts': webhook(`    const seen = await prisma.purchase.findUnique({ where: { stripeSessionId: session.id } });\n    if (seen) return Response.json({ received: true });\n    await prisma.user.update({ where: { id: userId }, data: { credits: { increment: 100 } } });`),
      },
    },
    {
      name: 'the event id checked against the events handled before',
      files: {
        'package.json': NEXT,
        'app/api/webhooks/stripe/route.ts': webhook(`    if (await alreadyProcessed(event.id)) return Response.json({ received: true });\n    await prisma.user.update({ where: { id: userId }, data: { credits: { increment: 100 } } });`),
      },
    },
    {
      name: 'a plan and a fixed allowance set, not added to: the same result however often it runs',
      files: {
        'package.json': NEXT,
        'app/api/webhooks/stripe/route.ts': webhook(`    await prisma.user.update({ where: { id: userId }, data: { plan: 'pro', credits: 500 } });`),
      },
    },
    {
      name: 'an order paid only while it is still pending, with the credits in the same update',
      files: {
        'package.json': SUPABASE,
        'supabase/functions/verify-payment/index.ts': confirm(`  const { data: profile } = await admin.from('profiles').select('credits').eq('id', userId).single();\n  await admin.from('orders').update({ status: 'paid' }).eq('user_id', userId).eq('status', 'pending');\n  await admin.from('profiles').update({ credits: (profile?.credits ?? 0) + 100 }).eq('id', userId);`),
      },
    },
    {
      name: 'the order tested for a fulfilled flag before crediting',
      files: {
        'package.json': EXPRESS,
        'server/routes/pay.js': `const router = require('express').Router();\nconst stripe = require('stripe')(process.env.STRIPE_SECRET_KEY);\nconst User = require('../models/User');\nconst Order = require('../models/Order');\nrouter.post('/confirm-payment', async (req, res) => {\n  const session = await stripe.checkout.sessions.retrieve(req.body.sessionId);\n  if (session.payment_status !== 'paid') return res.status(402).end();\n  const order = await Order.findById(session.metadata.order);\n  if (order.fulfilled) return res.json({ ok: true });\n  await User.findByIdAndUpdate(order.user, { $inc: { credits: order.credits } });\n  res.json({ ok: true });\n});\nmodule.exports = router;\n`,
      },
    },
    {
      name: 'credits added by an admin route, with no payment in sight',
      files: {
        'package.json': EXPRESS,
        'server/routes/admin.js': `const router = require('express').Router();\nconst User = require('../models/User');\nconst { requireAdmin } = require('../middleware/auth');\nrouter.post('/admin/users/:id/credits', requireAdmin, async (req, res) => {\n  await User.findByIdAndUpdate(req.params.id, { $inc: { credits: Number(req.body.amount) } });\n  res.json({ ok: true });\n});\nmodule.exports = router;\n`,
      },
    },
    {
      name: 'a confirmation route that only answers with the new total, and a refund webhook that takes credits away',
      files: {
        'package.json': NEXT,
        'app/api/checkout/confirm/route.ts': `import Stripe from 'stripe';\nimport { prisma } from '@/lib/prisma';\nconst stripe = new Stripe(process.env.STRIPE_SECRET_KEY!);\nexport async function POST(req: Request) {\n  const { sessionId } = await req.json();\n  const session = await stripe.checkout.sessions.retrieve(sessionId);\n  if (session.payment_status !== 'paid') return Response.json({ paid: false });\n  const user = await prisma.user.findUnique({ where: { id: session.metadata!.userId } });\n  return Response.json({ paid: true, credits: (user?.credits ?? 0) + 0 });\n}\n`,
        'app/api/webhooks/stripe/route.ts': `import Stripe from 'stripe';\nimport { prisma } from '@/lib/prisma';\nconst stripe = new Stripe(process.env.STRIPE_SECRET_KEY!);\nexport async function POST(req: Request) {\n  const event = stripe.webhooks.constructEvent(await req.text(), req.headers.get('stripe-signature')!, process.env.STRIPE_WEBHOOK_SECRET!);\n  if (event.type === 'charge.refunded') {\n    await prisma.user.update({ where: { stripeCustomerId: String(event.data.object.customer) }, data: { credits: { decrement: 100 } } });\n  }\n  return Response.json({ received: true });\n}\n`,
      },
    },
  ],
  invalid: [
    {
      name: 'a Supabase edge function that adds the credits of a paid session as often as it is called',
      files: { 'package.json': SUPABASE, 'supabase/functions/verify-payment/index.ts': confirm(READ_AND_ADD) },
      errors: [{ messageId: 'confirm', line: 11, severity: 'high' }],
    },
    {
      name: 'a payment record written after the credit, and an update by the session id, come too late or remember nothing',
      files: {
        'package.json': SUPABASE,
        'supabase/functions/verify-payment/index.ts': confirm(`  await admin.from('purchases').update({ status: 'completed' }).eq('stripe_session_id', sessionId);\n${READ_AND_ADD}\n  await admin.from('payments').insert({ stripe_session_id: session.id, user_id: userId });`),
      },
      errors: [{ messageId: 'confirm', line: 12 }],
    },
    {
      name: 'a Next.js webhook that increments credits with Prisma on checkout.session.completed',
      files: {
        'package.json': NEXT,
        'app/api/webhooks/stripe/route.ts': webhook(`    await prisma.user.update({ where: { id: userId }, data: { credits: { increment: 100 } } });`),
      },
      errors: [{ messageId: 'webhook', line: 9, severity: 'medium' }],
    },
    {
      name: 'Razorpay ids checked with an HMAC, then $inc on the user',
      files: {
        'package.json': EXPRESS,
        'server/routes/razorpay.js': `const crypto = require('crypto');\nconst router = require('express').Router();\nconst User = require('../models/User');\nrouter.post('/payment/verify', async (req, res) => {\n  const { razorpay_order_id, razorpay_payment_id, razorpay_signature, userId } = req.body;\n  const expected = crypto.createHmac('sha256', process.env.RAZORPAY_KEY_SECRET).update(razorpay_order_id + '|' + razorpay_payment_id).digest('hex');\n  if (expected !== razorpay_signature) return res.status(400).json({ error: 'bad signature' });\n  await User.findByIdAndUpdate(userId, { $inc: { credits: 50 } });\n  res.json({ ok: true });\n});\nmodule.exports = router;\n`,
      },
      errors: [{ messageId: 'confirm', line: 8 }],
    },
    {
      name: 'a webhook whose helper in another module raises the balance on the document and saves it',
      files: {
        'package.json': EXPRESS,
        'server/services/credits.js': `const User = require('../models/User');\nasync function addCredits(userId, amount) {\n  const user = await User.findById(userId);\n  user.credits += amount;\n  await user.save();\n}\nmodule.exports = { addCredits };\n`,
        'server/routes/webhook.js': `const express = require('express');\nconst stripe = require('stripe')(process.env.STRIPE_SECRET_KEY);\nconst { addCredits } = require('../services/credits');\nconst router = express.Router();\nrouter.post('/webhook', express.raw({ type: 'application/json' }), async (req, res) => {\n  const event = stripe.webhooks.constructEvent(req.body, req.headers['stripe-signature'], process.env.STRIPE_WEBHOOK_SECRET);\n  switch (event.type) {\n    case 'invoice.paid':\n      await addCredits(event.data.object.metadata.userId, 1000);\n      break;\n  }\n  res.json({ received: true });\n});\nmodule.exports = router;\n`,
      },
      errors: [{ messageId: 'webhook', line: 4, file: 'server/services/credits.js' }],
    },
    {
      name: 'raw SQL adding to the column, an add_credits RPC, and a balance summed into a local first',
      files: {
        'package.json': pkg({ express: '^4.19.2', stripe: '^15.0.0', pg: '^8.11.0', '@supabase/supabase-js': '^2.45.0' }),
        'server/routes/pay.js': `const express = require('express');\nconst stripe = require('stripe')(process.env.STRIPE_SECRET_KEY);\nconst { pool } = require('../db');\nconst router = express.Router();\nrouter.post('/stripe/webhook', express.raw({ type: 'application/json' }), async (req, res) => {\n  const event = stripe.webhooks.constructEvent(req.body, req.headers['stripe-signature'], process.env.STRIPE_WEBHOOK_SECRET);\n  if (event.type === 'payment_intent.succeeded') {\n    await pool.query('UPDATE users SET credits = credits + $1 WHERE id = $2', [100, event.data.object.metadata.userId]);\n  }\n  res.json({ received: true });\n});\nmodule.exports = router;\n`,
        'supabase/functions/paid/index.ts': confirm(`  await admin.rpc('add_user_credits', { user_uuid: userId, amount: 100 });`),
        'supabase/functions/wallet/index.ts': confirm(`  const { data: wallet } = await admin.from('wallets').select('balance').eq('user_id', userId).single();\n  let balance = 0;\n  balance = Number(wallet?.balance ?? 0) + 25;\n  await admin.from('wallets').update({ balance }).eq('user_id', userId);`),
      },
      errors: [
        { messageId: 'webhook', line: 8, file: 'server/routes/pay.js' },
        { messageId: 'confirm', line: 10, file: 'supabase/functions/paid/index.ts' },
        { messageId: 'confirm', line: 13, file: 'supabase/functions/wallet/index.ts' },
      ],
    },
  ],
});
