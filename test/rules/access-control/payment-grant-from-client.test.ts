import { ruleTester } from '../../helpers/rule-tester.js';

const pkg = (deps: Record<string, string>) => JSON.stringify({ name: 'app', dependencies: deps });
const SUPABASE = pkg({ '@supabase/supabase-js': '^2.45.0' });
const EXPRESS = pkg({ express: '^4.19.2', razorpay: '^2.9.4', stripe: '^15.0.0', mongoose: '^8.4.0' });
const NEXT = pkg({ next: '^14.2.0', '@lemonsqueezy/lemonsqueezy.js': '^3.0.0', '@prisma/client': '^5.14.0' });

/**
 * A Supabase edge function that checks Razorpay's signature over the order and payment ids, records the payment,
 * then runs `body` with `admin`, the request's `plan`, `credits` and `userId`, and a `profile` read from the database.
 */
const verify = (body: string) =>
  `import { createClient } from 'npm:@supabase/supabase-js@2';
import Razorpay from 'npm:razorpay';
const razorpay = new Razorpay({ key_id: Deno.env.get('RAZORPAY_KEY_ID')!, key_secret: Deno.env.get('RAZORPAY_KEY_SECRET')! });
const PLANS = { basic: { credits: 15 }, pro: { credits: 80 } };
async function verifySignature(orderId: string, paymentId: string, signature: string): Promise<boolean> {
  const enc = new TextEncoder();
  const key = await crypto.subtle.importKey('raw', enc.encode(Deno.env.get('RAZORPAY_KEY_SECRET')!), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  const mac = await crypto.subtle.sign('HMAC', key, enc.encode(orderId + '|' + paymentId));
  return [...new Uint8Array(mac)].map((b) => b.toString(16).padStart(2, '0')).join('') === signature;
}
Deno.serve(async (req) => {
  const { razorpay_order_id, razorpay_payment_id, razorpay_signature, plan, credits, userId } = await req.json();
  const valid = await verifySignature(razorpay_order_id, razorpay_payment_id, razorpay_signature);
  if (!valid) return new Response('Invalid signature', { status: 400 });
  const admin = createClient(Deno.env.get('SUPABASE_URL')!, Deno.env.get('SUPABASE_SERVICE_ROLE_KEY')!);
  await admin.from('payments').insert({ razorpay_order_id, razorpay_payment_id, user_id: userId });
  const { data: profile } = await admin.from('profiles').select('credits').eq('id', userId).single();
${body}
  return Response.json({ ok: true });
});
`;
const BODY_LINE = 18;

/**
 * A Supabase edge function that verifies a Paystack reference with Paystack, then marks an order paid, found by
 * `key` (the arguments of `.eq(…)`), after `check`.
 */
const paystack = (check: string, key: string) =>
  `import { createClient } from 'npm:@supabase/supabase-js@2';
Deno.serve(async (req) => {
  const { reference, orderId } = await req.json();
  const r = await fetch(\`https://api.paystack.co/transaction/verify/\${encodeURIComponent(reference)}\`, { headers: { Authorization: \`Bearer \${Deno.env.get('PAYSTACK_SECRET_KEY')}\` } });
  const { data: transaction } = await r.json();
  if (transaction.status !== 'success') return new Response('Payment failed', { status: 400 });
  const admin = createClient(Deno.env.get('SUPABASE_URL')!, Deno.env.get('SUPABASE_SERVICE_ROLE_KEY')!);
${check}  await admin.from('orders').update({ payment_status: 'paid', payment_reference: reference }).eq(${key});
  return Response.json({ ok: true });
});
`;

ruleTester('payment-grant-from-client', {
  valid: [
    {
      name: "the order the request names, turned away unless its stored payment reference is the verified one",
      files: {
        'package.json': SUPABASE,
        'supabase/functions/confirm-order/index.ts': paystack("  const { data: order } = await admin.from('orders').select('*').eq('id', orderId).single();\n  if (order.paystack_reference !== reference) return new Response('Payment is for another order', { status: 400 });\n", "'id', orderId"),
      },
    },
    {
      name: 'the order found by the verified reference, or the id compared with the payment first',
      files: {
        'package.json': SUPABASE,
        'supabase/functions/verify-payment/index.ts': paystack('', "'payment_reference', reference"),
        'supabase/functions/confirm-order/index.ts': paystack('  if (transaction.metadata?.order_id !== orderId) return new Response(\'Payment is for another order\', { status: 400 });\n', "'id', orderId"),
      },
    },
    {
      name: 'the plan read back from the paid Razorpay order',
      files: {
        'package.json': SUPABASE,
        'supabase/functions/verify-razorpay-payment/index.ts': verify(`  const order = await razorpay.orders.fetch(razorpay_order_id);\n  await admin.from('profiles').update({ credits: (profile?.credits ?? 0) + PLANS[order.notes.plan as keyof typeof PLANS].credits }).eq('id', userId);`),
      },
    },
    {
      name: 'the plan stored with the order when it was created',
      files: {
        'package.json': SUPABASE,
        'supabase/functions/verify-razorpay-payment/index.ts': verify(`  const { data: order } = await admin.from('orders').select('plan').eq('razorpay_order_id', razorpay_order_id).single();\n  await admin.from('profiles').update({ subscription_plan: order.plan, credits: (profile?.credits ?? 0) + PLANS[order.plan as keyof typeof PLANS].credits }).eq('id', userId);`),
      },
    },
    {
      name: "the request's plan turned away unless it is the order's",
      files: {
        'package.json': SUPABASE,
        'supabase/functions/verify-razorpay-payment/index.ts': verify(`  const order = await razorpay.orders.fetch(razorpay_order_id);\n  if (order.notes.plan !== plan) return new Response('Plan does not match the order', { status: 400 });\n  await admin.from('profiles').update({ subscription_plan: plan, credits: (profile?.credits ?? 0) + PLANS[plan as keyof typeof PLANS].credits }).eq('id', userId);`),
      },
    },
    {
      name: 'a database function adding a fixed amount to the user the request names',
      files: {
        'package.json': SUPABASE,
        'supabase/functions/verify-razorpay-payment/index.ts': verify(`  await admin.rpc('add_user_credits', { p_user_uuid: userId, p_amount: 80 });`),
      },
    },
    {
      name: 'a fixed grant: the same whatever the request says',
      files: {
        'package.json': SUPABASE,
        'supabase/functions/verify-razorpay-payment/index.ts': verify(`  await admin.from('profiles').update({ subscription_plan: 'pro', credits: (profile?.credits ?? 0) + 80 }).eq('id', userId);`),
      },
    },
    {
      name: 'a signed webhook: its payload is the provider’s, not the buyer’s',
      files: {
        'package.json': NEXT,
        'app/api/webhooks/lemonsqueezy/route.ts': `import crypto from 'node:crypto';\nimport { prisma } from '@/lib/prisma';\nexport async function POST(req: Request) {\n  const raw = await req.text();\n  const digest = crypto.createHmac('sha256', process.env.LEMON_SQUEEZY_WEBHOOK_SECRET!).update(raw).digest('hex');\n  if (!crypto.timingSafeEqual(Buffer.from(digest), Buffer.from(req.headers.get('x-signature') ?? ''))) return new Response('bad signature', { status: 401 });\n  const payload = JSON.parse(raw);\n  if (payload.meta.event_name === 'order_created') {\n    const seen = await prisma.order.findUnique({ where: { lemonOrderId: String(payload.data.id) } });\n    if (seen) return new Response('ok');\n    await prisma.user.update({ where: { id: payload.meta.custom_data.user_id }, data: { plan: payload.meta.custom_data.plan } });\n  }\n  return new Response('ok');\n}\n`,
      },
    },
    {
      name: 'credits granted from the body by an admin route that proves no payment',
      files: {
        'package.json': EXPRESS,
        'server/routes/admin.js': `const router = require('express').Router();\nconst User = require('../models/User');\nconst { requireAdmin } = require('../middleware/auth');\nrouter.post('/admin/grant-credits', requireAdmin, async (req, res) => {\n  await User.updateOne({ _id: req.body.userId }, { $inc: { credits: Number(req.body.credits) } });\n  res.json({ ok: true });\n});\nmodule.exports = router;\n`,
      },
    },
  ],
  invalid: [
    {
      name: 'a Paystack payment verified, then the order the request names marked paid',
      files: { 'package.json': SUPABASE, 'supabase/functions/verify-payment/index.ts': paystack('', "'id', orderId") },
      errors: [{ messageId: 'orderPaid', line: 8 }],
    },
    {
      name: 'credits from the plan the request names, added to the balance read from the database',
      files: {
        'package.json': SUPABASE,
        'supabase/functions/verify-razorpay-payment/index.ts': verify(`  const planDetails = PLANS[plan as keyof typeof PLANS];\n  if (!planDetails) return new Response('Invalid plan', { status: 400 });\n  await admin.from('profiles').update({ credits: (profile?.credits ?? 0) + planDetails.credits }).eq('id', userId);`),
      },
      errors: [{ messageId: 'grant', line: BODY_LINE + 2 }],
    },
    {
      name: 'the account set to the plan the request names',
      files: {
        'package.json': SUPABASE,
        'supabase/functions/verify-razorpay-payment/index.ts': verify(`  await admin.from('profiles').update({ subscription_plan: plan }).eq('id', userId);`),
      },
      errors: [{ messageId: 'grant', line: BODY_LINE }],
    },
    {
      name: 'a count kept in a local set to a sum with the request’s plan',
      files: {
        'package.json': SUPABASE,
        'supabase/functions/verify-razorpay-payment/index.ts': verify(`  const remaining = (profile?.credits ?? 0) + PLANS[plan as keyof typeof PLANS].credits;\n  await admin.from('subscriptions').upsert({ user_id: userId, remaining_analyses: remaining });`),
      },
      errors: [{ messageId: 'grant', line: BODY_LINE + 1 }],
    },
    {
      name: 'a database function adding the credits the request states, the user named beside them',
      files: {
        'package.json': SUPABASE,
        'supabase/functions/verify-razorpay-payment/index.ts': verify(`  await admin.rpc('add_user_credits', { p_user_id: userId, p_amount: credits });`),
      },
      errors: [{ messageId: 'grant', line: BODY_LINE }],
    },
    {
      name: 'an Express confirmation that adds the credit count the body sent',
      files: {
        'package.json': EXPRESS,
        'server/routes/payments.js': `const crypto = require('crypto');\nconst router = require('express').Router();\nconst User = require('../models/User');\nconst Payment = require('../models/Payment');\nconst { requireUser } = require('../middleware/auth');\nrouter.post('/payment/verify', requireUser, async (req, res) => {\n  const { razorpay_order_id, razorpay_payment_id, razorpay_signature, credits } = req.body;\n  const expected = crypto.createHmac('sha256', process.env.RAZORPAY_KEY_SECRET).update(razorpay_order_id + '|' + razorpay_payment_id).digest('hex');\n  if (expected !== razorpay_signature) return res.status(400).json({ error: 'Invalid signature' });\n  await Payment.create({ orderId: razorpay_order_id, paymentId: razorpay_payment_id });\n  await User.updateOne({ _id: req.user.id }, { $inc: { credits: Number(credits) } });\n  res.json({ ok: true });\n});\nmodule.exports = router;\n`,
      },
      errors: [{ messageId: 'grant', line: 11 }],
    },
    {
      name: 'a Stripe session confirmed as paid, then the credits the request states',
      files: {
        'package.json': EXPRESS,
        'server/routes/checkout.js': `const router = require('express').Router();\nconst stripe = require('stripe')(process.env.STRIPE_SECRET_KEY);\nconst User = require('../models/User');\nconst Purchase = require('../models/Purchase');\nconst { requireUser } = require('../middleware/auth');\nrouter.post('/checkout/confirm', requireUser, async (req, res) => {\n  const session = await stripe.checkout.sessions.retrieve(req.body.sessionId);\n  if (session.payment_status !== 'paid') return res.status(402).end();\n  await Purchase.create({ sessionId: session.id, user: req.user.id });\n  const user = await User.findById(req.user.id);\n  user.credits += req.body.credits;\n  await user.save();\n  res.json({ ok: true });\n});\nmodule.exports = router;\n`,
      },
      errors: [{ messageId: 'grant', line: 11 }],
    },
  ],
});
