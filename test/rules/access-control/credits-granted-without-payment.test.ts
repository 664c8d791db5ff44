import { describe, expect, it } from 'vitest';
import { callable, CALLABLE_BODY_LINE } from '../../helpers/firebase-callable.js';
import { nextBodyLine, nextRoute } from '../../helpers/next-route.js';
import { findingsOf, ruleTester } from '../../helpers/rule-tester.js';

const pkg = (deps: Record<string, string>) => JSON.stringify({ name: 'app', dependencies: deps });
const EXPRESS = pkg({ express: '^4.21.1', mongoose: '^8.8.0' });
const EXPRESS_STRIPE = pkg({ express: '^4.21.1', mongoose: '^8.8.0', stripe: '^17.0.0' });
const NEXT = pkg({ next: '^15.1.0', '@prisma/client': '^6.1.0', 'next-auth': '^5.0.0-beta.25' });
const SUPABASE = pkg({ '@supabase/supabase-js': '^2.45.0' });
const FUNCTIONS = pkg({ 'firebase-admin': '^12.6.0', 'firebase-functions': '^6.0.1', stripe: '^17.0.0' });


/** An Express router file whose one route, `POST {path}` behind `requireUser`, runs `body`. */
const express = (path: string, body: string, guard = 'requireUser') =>
  `const router = require('express').Router();
const User = require('../models/User');
const { requireUser, requireAdmin } = require('../middleware/auth');
const PLANS = [{ id: 'basic', credits: 100 }, { id: 'pro', credits: 1000 }];
router.post('${path}', ${guard}, async (req, res) => {
${body}
  res.json({ ok: true });
});
module.exports = router;
`;
const BODY_LINE = 6;

const NEXT_BODY_LINE = nextBodyLine();

ruleTester('credits-granted-without-payment', {
  valid: [
    {
      name: 'a free trial the code starts on purpose, a move to the free plan, and an admin granting premium',
      files: {
        'package.json': EXPRESS,
        'server/routes/trial.js': express('/trial/start', `  await User.updateOne({ _id: req.user.id }, { $set: { plan: 'pro', trialEndsAt: new Date(Date.now() + 14 * 864e5) } });`),
        'server/routes/downgrade.js': express('/plan/downgrade', `  await User.updateOne({ _id: req.user.id }, { $set: { plan: 'free' } });`),
        'server/routes/admin.js': express('/admin/users/premium', `  await User.findByIdAndUpdate(req.body.userId, { isPremium: true });`, 'requireAdmin'),
      },
    },
    {
      name: 'the route only starts a Stripe checkout for the plan',
      files: {
        'package.json': EXPRESS_STRIPE,
        'server/routes/credits.js': express('/credits/purchase', `  const plan = PLANS.find((p) => p.id === req.body.planId);\n  const stripe = require('stripe')(process.env.STRIPE_SECRET_KEY);\n  const session = await stripe.checkout.sessions.create({ mode: 'payment', line_items: [{ price: plan.priceId, quantity: 1 }], metadata: { userId: String(req.user.id), plan: plan.id }, success_url: 'https://app.example/ok', cancel_url: 'https://app.example/' });\n  return res.json({ url: session.url });`),
      },
    },
    {
      name: 'credits added by a Stripe webhook, from the signed event',
      files: {
        'package.json': EXPRESS_STRIPE,
        'server/routes/webhook.js': `const router = require('express').Router();\nconst stripe = require('stripe')(process.env.STRIPE_SECRET_KEY);\nconst User = require('../models/User');\nrouter.post('/webhooks/stripe', async (req, res) => {\n  const event = stripe.webhooks.constructEvent(req.body, req.headers['stripe-signature'], process.env.STRIPE_WEBHOOK_SECRET);\n  if (event.type === 'checkout.session.completed') {\n    const { userId, credits } = event.data.object.metadata;\n    await User.updateOne({ _id: userId }, { $inc: { credits: Number(credits) } });\n  }\n  res.json({ received: true });\n});\nmodule.exports = router;\n`,
      },
    },
    {
      name: 'an admin route granting the credits the body states',
      files: {
        'package.json': EXPRESS,
        'server/routes/admin.js': express('/admin/grant-credits', `  if (req.user.role !== 'admin') return res.status(403).json({ error: 'Forbidden' });\n  await User.updateOne({ _id: req.body.userId }, { $inc: { credits: Number(req.body.credits) } });`),
      },
    },
    {
      name: 'credits spent: a deduction by the cost the request states, and a count of what was used',
      files: {
        'package.json': EXPRESS,
        'server/routes/generate.js': express('/generate', `  await User.updateOne({ _id: req.user.id }, { $inc: { credits: -req.body.cost } });\n  await User.updateOne({ _id: req.user.id }, { $inc: { credits: req.body.images * -1 } });\n  await User.updateOne({ _id: req.user.id }, { $inc: { creditsUsed: req.body.images } });`),
      },
    },
    {
      name: 'a fixed daily bonus, decided by the server',
      files: {
        'package.json': EXPRESS,
        'server/routes/bonus.js': express('/credits/daily-bonus', `  await User.updateOne({ _id: req.user.id }, { $inc: { credits: 10 } });`),
      },
    },
    {
      name: "an expense tracker's balance, which nobody buys",
      files: {
        'package.json': EXPRESS,
        'server/routes/transactions.js': express('/transactions/income', `  await User.updateOne({ _id: req.user.id }, { $inc: { balance: req.body.amount } });`),
      },
    },
    {
      name: 'a Next.js route that checks the Stripe session before adding the credits it paid for',
      files: {
        'package.json': NEXT,
        'app/api/credits/confirm/route.ts': nextRoute(`  const stripe = new (await import('stripe')).default(process.env.STRIPE_SECRET_KEY!);\n  const checkout = await stripe.checkout.sessions.retrieve(body.sessionId);\n  if (checkout.payment_status !== 'paid') return new Response('Not paid', { status: 402 });\n  await prisma.user.update({ where: { id: session.user.id }, data: { credits: { increment: Number(checkout.metadata!.credits) } } });`),
      },
    },
    {
      name: 'a gift paid for in the sender’s own coins: the amount is taken from one balance and given to another',
      files: {
        'package.json': FUNCTIONS,
        'functions/src/index.ts': callable('sendGift', `  const { receiverId, coins } = data;\n  const receiverRef = db.collection('users').doc(receiverId);\n  await db.runTransaction(async (tx) => {\n    tx.update(userRef, { coins: admin.firestore.FieldValue.increment(-coins) });\n    tx.update(receiverRef, { coins: admin.firestore.FieldValue.increment(coins) });\n  });`),
      },
    },
    {
      name: 'a Firebase callable that adds the credits of a Stripe session it checked as paid',
      files: {
        'package.json': FUNCTIONS,
        'functions/src/index.ts': callable('confirmCredits', `  const stripe = new (await import('stripe')).default(process.env.STRIPE_SECRET_KEY!);\n  const checkout = await stripe.checkout.sessions.retrieve(data.sessionId);\n  if (checkout.payment_status !== 'paid') throw new functions.https.HttpsError('failed-precondition', 'Not paid');\n  await userRef.update({ credits: admin.firestore.FieldValue.increment(Number(checkout.metadata!.credits)) });`),
      },
    },
    {
      name: 'an order marked paid after asking Stripe about the session, and by an admin behind a role check',
      files: {
        'package.json': EXPRESS_STRIPE,
        'server/routes/verify.js': express('/verify', `  const session = await stripe.checkout.sessions.retrieve(req.body.sessionId);\n  if (session.payment_status !== 'paid') return res.status(402).end();\n  await Order.findByIdAndUpdate(session.metadata.orderId, { payment: true });`),
        'server/routes/admin.js': express('/orders/mark-paid', `  await Order.findByIdAndUpdate(req.body.orderId, { payment: true });`, 'requireAdmin'),
      },
    },
  ],
  invalid: [
    {
      name: "the food-delivery tutorial's /verify: the order is marked paid because the request says `success`",
      files: {
        'package.json': EXPRESS_STRIPE,
        'server/routes/verify.js': express('/verify', `  const { orderId, success } = req.body;\n  if (success === 'true') await Order.findByIdAndUpdate(orderId, { payment: true });\n  else await Order.findByIdAndDelete(orderId);`, 'express.json()'),
      },
      errors: [{ messageId: 'orderPaid', line: BODY_LINE + 1 }],
    },
    {
      name: "an upgrade that makes the caller premium, and a 'payment complete' route that marks any user paid, with nothing paid",
      files: {
        'package.json': EXPRESS,
        'server/routes/upgrade.js': express('/upgrade', `  await User.updateOne({ _id: req.user.id }, { $set: { isPremium: true } });`),
        'server/routes/complete.js': express('/payment/complete', `  await User.findByIdAndUpdate(req.body.userId, { plan: 'pro' });`),
      },
      errors: [
        { messageId: 'free', line: BODY_LINE, file: 'server/routes/complete.js' },
        { messageId: 'free', line: BODY_LINE, file: 'server/routes/upgrade.js' },
      ],
    },
    {
      name: 'a purchase that adds the credits of the plan the body names, with nothing paid',
      files: {
        'package.json': EXPRESS,
        'server/routes/credits.js': express('/credits/purchase', `  const plan = PLANS.find((p) => p.id === req.body.planId);\n  if (!plan) return res.status(400).json({ error: 'Unknown plan' });\n  await User.updateOne({ _id: req.user.id }, { $inc: { credits: plan.credits } });`),
      },
      errors: [{ messageId: 'grant', line: BODY_LINE + 2}],
    },
    {
      name: 'a server action that adds whatever amount its caller passes',
      files: {
        'package.json': NEXT,
        'lib/actions/user.actions.ts': `'use server';\nimport { prisma } from '@/lib/prisma';\nexport async function updateCredits(userId: string, creditFee: number) {\n  return prisma.user.update({ where: { id: userId }, data: { creditBalance: { increment: creditFee } } });\n}\n`,
      },
      errors: [{ messageId: 'grant', line: 4}],
    },
    {
      name: 'a Next.js "buy credits" route that adds the amount the body states',
      files: {
        'package.json': NEXT,
        'app/api/credits/buy/route.ts': nextRoute(`  await prisma.user.update({ where: { id: session.user.id }, data: { credits: { increment: Number(body.amount) } } });`),
      },
      errors: [{ messageId: 'grant', line: NEXT_BODY_LINE }],
    },
    {
      name: 'the account set to the plan the body names',
      files: {
        'package.json': EXPRESS,
        'server/routes/subscription.js': express('/subscription/change', `  await User.findByIdAndUpdate(req.user.id, { plan: req.body.plan });`),
      },
      errors: [{ messageId: 'grant', line: BODY_LINE }],
    },
    {
      name: 'a wallet top-up that adds the amount the body states to the balance',
      files: {
        'package.json': EXPRESS,
        'server/routes/wallet.js': express('/wallet/topup', `  const user = await User.findById(req.user.id);\n  user.walletBalance += Number(req.body.amount);\n  await user.save();`),
      },
      errors: [{ messageId: 'grant', line: BODY_LINE + 1 }],
    },
    {
      name: 'a Supabase edge function adding the credits the request states to the caller’s profile',
      files: {
        'package.json': SUPABASE,
        'supabase/functions/add-credits/index.ts': `import { createClient } from 'npm:@supabase/supabase-js@2';\nDeno.serve(async (req) => {\n  const supabase = createClient(Deno.env.get('SUPABASE_URL')!, Deno.env.get('SUPABASE_SERVICE_ROLE_KEY')!);\n  const { data: { user } } = await supabase.auth.getUser(req.headers.get('Authorization')!.replace('Bearer ', ''));\n  if (!user) return new Response('Unauthorized', { status: 401 });\n  const { credits } = await req.json();\n  const { data: profile } = await supabase.from('profiles').select('credits').eq('id', user.id).single();\n  await supabase.from('profiles').update({ credits: (profile?.credits ?? 0) + credits }).eq('id', user.id);\n  return Response.json({ ok: true });\n});\n`,
      },
      errors: [{ messageId: 'grant', line: 8 }],
    },
    {
      name: 'a Firebase callable adding the amount its caller sends through a document reference kept in a variable',
      files: {
        'package.json': FUNCTIONS,
        'functions/src/index.ts': callable('addCredits', `  const { amount } = data;\n  if (!amount || amount <= 0) throw new functions.https.HttpsError('invalid-argument', 'Invalid amount');\n  await userRef.update({ credits: admin.firestore.FieldValue.increment(amount) });`),
      },
      errors: [{ messageId: 'grant', line: CALLABLE_BODY_LINE + 2 }],
    },
  ],
});

describe('credits-granted-without-payment messages', () => {
  it('say who can call the route and where the request said what to grant', async () => {
    const [signedIn] = await findingsOf('credits-granted-without-payment', {
      files: { 'package.json': EXPRESS, 'server/routes/credits.js': express('/credits/purchase', `  const plan = PLANS.find((p) => p.id === req.body.planId);\n  await User.updateOne({ _id: req.user.id }, { $inc: { credits: plan.credits } });`) },
    });
    expect(signedIn.message).toContain('`POST /credits/purchase` grants `credits` as the request says');
    expect(signedIn.message).toMatch(/from `[^`]*req\.body\.planId[^`]*`\)/);
    expect(signedIn.message).toContain('any signed-in user can send the request');
    const [action] = await findingsOf('credits-granted-without-payment', {
      files: { 'package.json': NEXT, 'app/actions.ts': `'use server';\nimport { prisma } from '@/lib/prisma';\nexport async function addCredits(userId: string, amount: number) {\n  await prisma.user.update({ where: { id: userId }, data: { credits: { increment: amount } } });\n}\n` },
    });
    expect(action.message).toContain('`server action addCredits` grants `credits`');
    expect(action.message).toContain("from the server action's argument `amount`");
    expect(action.message).toContain('anyone can send the request');
  });
});
