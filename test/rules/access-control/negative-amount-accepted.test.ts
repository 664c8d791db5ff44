import { describe, expect, it } from 'vitest';
import { callable, CALLABLE_BODY_LINE } from '../../helpers/firebase-callable.js';
import { nextBodyLine, nextRoute } from '../../helpers/next-route.js';
import { findingsOf, ruleTester } from '../../helpers/rule-tester.js';

const pkg = (deps: Record<string, string>) => JSON.stringify({ name: 'app', dependencies: deps });
const EXPRESS = pkg({ express: '^4.21.1', mongoose: '^8.8.0' });
const EXPRESS_PG = pkg({ express: '^4.21.1', pg: '^8.13.0', zod: '^3.23.8' });
const NEXT = pkg({ next: '^15.1.0', '@prisma/client': '^6.1.0', 'next-auth': '^5.0.0-beta.25', zod: '^3.23.8' });
const SUPABASE = pkg({ '@supabase/supabase-js': '^2.45.0' });
const FUNCTIONS = pkg({ 'firebase-admin': '^12.6.0', 'firebase-functions': '^6.0.1' });

/** An Express router file whose one route, `POST {path}` behind `{guards}`, runs `body`. */
const express = (path: string, body: string, guards = 'requireUser', head = '') =>
  `const router = require('express').Router();
const User = require('../models/User');
const { requireUser, requireAdmin } = require('../middleware/auth');
${head}
router.post('${path}', ${guards}, async (req, res) => {
${body}
  res.json({ ok: true });
});
module.exports = router;
`;
const BODY_LINE = 6;

/** A transfer between two users' `balance`, with `checks` before it. */
const transfer = (checks = '') =>
  `  const { toUserId, amount } = req.body;
${checks}  const sender = await User.findById(req.user.id);
  const recipient = await User.findById(toUserId);
  if (sender.balance < amount) return res.status(400).json({ error: 'Insufficient balance' });
  sender.balance -= amount;
  recipient.balance += amount;
  await sender.save();
  await recipient.save();`;

const NEXT_BODY_LINE = nextBodyLine();
/** A zod schema in the route's file that lets any number through. */
const ANY_NUMBER = "import { z } from 'zod';\nconst Transfer = z.object({ to: z.string(), amount: z.number() });";


/** A wallet service whose `withdraw(userId, amount)` takes `amount` off the user's balance, as `debit` writes it. */
const walletService = (debit: string, head = '') =>
  `const User = require('../models/User');
${head}
async function withdraw(userId, amount) {
  const user = await User.findById(userId);
${debit}
  await user.save();
  return user;
}
module.exports = { withdraw };
`;

ruleTester('negative-amount-accepted', {
  valid: [
    {
      name: 'a transfer that turns away amounts not above zero',
      files: { 'package.json': EXPRESS, 'server/routes/wallet.js': express('/wallet/transfer', transfer("  if (!amount || amount <= 0) return res.status(400).json({ error: 'Invalid amount' });\n")) },
    },
    {
      name: 'a transfer whose amount is converted, then compared with a named minimum',
      files: { 'package.json': EXPRESS, 'server/routes/wallet.js': express('/wallet/transfer', transfer("  const value = Number(req.body.amount);\n  if (Number.isNaN(value) || value < MIN_TRANSFER) return res.status(400).end();\n")) },
    },
    {
      name: 'an amount kept positive with Math.abs before it is taken',
      files: { 'package.json': EXPRESS, 'server/routes/wallet.js': express('/wallet/withdraw', `  const user = await User.findById(req.user.id);\n  user.balance -= Math.abs(Number(req.body.amount));\n  await user.save();`) },
    },
    {
      name: 'a purchase that takes the price the server looked up, whatever the request says',
      files: { 'package.json': EXPRESS, 'server/routes/shop.js': express('/shop/buy', `  const product = await Product.findById(req.body.productId);\n  await User.updateOne({ _id: req.user.id }, { $inc: { coins: -product.price } });`) },
    },
    {
      name: 'an admin adjusting a balance behind a role check',
      files: { 'package.json': EXPRESS, 'server/routes/admin.js': express('/admin/balance', `  await User.findByIdAndUpdate(req.body.userId, { $inc: { balance: -req.body.amount } });`, 'requireUser, requireAdmin') },
    },
    {
      name: 'a zod schema in the same file that requires a positive amount',
      files: {
        'package.json': NEXT,
        'app/api/wallet/transfer/route.ts': nextRoute(`  const { amount, to } = Transfer.parse(body);\n  await prisma.user.update({ where: { id: session.user.id }, data: { balance: { decrement: amount } } });\n  await prisma.user.update({ where: { id: to }, data: { balance: { increment: amount } } });`, "import { z } from 'zod';\nconst Transfer = z.object({\n  to: z.string(),\n  amount: z\n    .number()\n    .positive(),\n});"),
      },
    },
    {
      name: 'a schema imported from another file, which vibeaudit cannot read',
      files: {
        'package.json': NEXT,
        'app/api/wallet/transfer/route.ts': nextRoute(`  const { amount, to } = TransferSchema.parse(body);\n  await prisma.user.update({ where: { id: session.user.id }, data: { balance: { decrement: amount } } });`, "import { TransferSchema } from '@/lib/schemas';"),
      },
    },
    {
      name: 'express-validator requiring an amount above zero on the route',
      files: {
        'package.json': EXPRESS,
        'server/routes/wallet.js': express('/wallet/withdraw', `  if (!validationResult(req).isEmpty()) return res.status(400).end();\n  await User.updateOne({ _id: req.user.id }, { $inc: { balance: -req.body.amount } });`, "requireUser, body('amount').isFloat({ gt: 0 })", "const { body, validationResult } = require('express-validator');"),
      },
    },
    {
      name: 'a service taking an amount the handler checked first',
      files: {
        'package.json': EXPRESS,
        'server/services/wallet.js': walletService('  user.balance = user.balance - amount;'),
        'server/routes/wallet.js': express('/wallet/withdraw', `  const amount = parseFloat(req.body.amount);\n  if (amount <= 0) return res.status(400).end();\n  await withdraw(req.user.id, amount);`, 'requireUser', "const { withdraw } = require('../services/wallet');"),
      },
    },
    {
      name: 'a service that checks the amount it is given',
      files: {
        'package.json': EXPRESS,
        'server/services/wallet.js': walletService("  if (amount <= 0) throw new Error('Amount must be positive');\n  user.balance = user.balance - amount;"),
        'server/routes/wallet.js': express('/wallet/withdraw', `  await withdraw(req.user.id, req.body.amount);`, 'requireUser', "const { withdraw } = require('../services/wallet');"),
      },
    },
    {
      name: 'a payment of an order, whose amount must equal the order’s total',
      files: { 'package.json': EXPRESS, 'server/routes/orders.js': express('/orders/pay', `  const { orderId, amount } = req.body;\n  const order = await Order.findById(orderId);\n  if (amount !== order.total) return res.status(400).end();\n  await User.updateOne({ _id: req.user.id }, { $inc: { balance: -amount } });`) },
    },
    {
      name: 'a withdrawal turned away below a minimum of 2,000 points',
      files: { 'package.json': EXPRESS, 'server/routes/wallet.js': express('/wallet/withdraw', `  const { amount } = req.body;\n  if (amount < 2000) return res.status(400).json({ error: 'The minimum is 2000 points' });\n  await User.findByIdAndUpdate(req.user.id, { $inc: { points: -amount } });`) },
    },
    {
      name: 'a cost the server picks between two numbers, by the model the request names',
      files: { 'package.json': NEXT, 'app/api/generate/route.ts': nextRoute(`  const cost = body.model === 'gpt-4o-mini' ? 1 : 5;\n  await prisma.user.update({ where: { id: session.user.id }, data: { credits: { decrement: cost } } });`) },
    },
    {
      name: 'a withdrawal paid out through Paystack first, which refuses a negative amount',
      files: {
        'package.json': SUPABASE,
        'supabase/functions/withdraw/index.ts': `import { createClient } from 'npm:@supabase/supabase-js@2';\nDeno.serve(async (req) => {\n  const supabase = createClient(Deno.env.get('SUPABASE_URL')!, Deno.env.get('SUPABASE_SERVICE_ROLE_KEY')!);\n  const { data: { user } } = await supabase.auth.getUser(req.headers.get('Authorization')!.replace('Bearer ', ''));\n  if (!user) return new Response('Unauthorized', { status: 401 });\n  const { amount, recipient } = await req.json();\n  const { data: wallet } = await supabase.from('wallets').select('balance').eq('user_id', user.id).single();\n  const paid = await fetch('https://api.paystack.co/transfer', { method: 'POST', headers: { Authorization: 'Bearer ' + Deno.env.get('PAYSTACK_SECRET_KEY') }, body: JSON.stringify({ source: 'balance', amount: amount * 100, recipient }) });\n  if (!(await paid.json()).status) throw new Error('Transfer failed');\n  await supabase.from('wallets').update({ balance: wallet.balance - amount }).eq('user_id', user.id);\n  return Response.json({ ok: true });\n});\n`,
      },
    },
    {
      name: 'a purchase whose quantity is turned away below one',
      files: { 'package.json': EXPRESS, 'server/routes/shop.js': express('/shop/purchase', `  const { productId, quantity } = req.body;\n  if (!Number.isInteger(quantity) || quantity < 1) return res.status(400).end();\n  const product = await Product.findById(productId);\n  const total = product.price * quantity;\n  await User.updateOne({ _id: req.user.id }, { $inc: { coins: -total } });`) },
    },
    {
      name: 'a price looked up by the plan the request names',
      files: { 'package.json': EXPRESS, 'server/routes/shop.js': express('/shop/upgrade', `  const PRICES = { basic: 10, pro: 50 };\n  const cost = PRICES[req.body.plan];\n  await User.updateOne({ _id: req.user.id }, { $inc: { coins: -cost } });`) },
    },
    {
      name: 'a count of credits used, which is no balance',
      files: { 'package.json': NEXT, 'app/api/usage/route.ts': nextRoute(`  await prisma.user.update({ where: { id: session.user.id }, data: { creditsUsed: { decrement: body.count } } });`) },
    },
  ],
  invalid: [
    {
      name: 'a transfer that only checks the sender has enough',
      files: { 'package.json': EXPRESS, 'server/routes/wallet.js': express('/wallet/transfer', transfer()) },
      errors: [{ messageId: 'debit', line: BODY_LINE + 4 }],
    },
    {
      name: 'a withdrawal through Mongo’s $inc with the negated amount',
      files: { 'package.json': EXPRESS, 'server/routes/wallet.js': express('/wallet/withdraw', `  const { amount } = req.body;\n  await User.findByIdAndUpdate(req.user.id, { $inc: { balance: -amount } });`) },
      errors: [{ messageId: 'debit', line: BODY_LINE + 1 }],
    },
    {
      name: 'Prisma’s decrement by the amount of the body, after a bare truthiness test',
      files: { 'package.json': NEXT, 'app/api/wallet/transfer/route.ts': nextRoute(`  if (!body.amount) return new Response('Missing amount', { status: 400 });\n  await prisma.user.update({ where: { id: session.user.id }, data: { balance: { decrement: body.amount } } });`) },
      errors: [{ messageId: 'debit', line: NEXT_BODY_LINE + 1 }],
    },
    {
      name: 'raw SQL taking the first value of the query from the balance',
      files: {
        'package.json': EXPRESS_PG,
        'server/routes/wallet.js': express('/wallet/withdraw', `  await pool.query('UPDATE accounts SET balance = balance - $1 WHERE user_id = $2', [req.body.amount, req.user.id]);`, 'requireUser', "const pool = require('../db');"),
      },
      errors: [{ messageId: 'debit', line: BODY_LINE }],
    },
    {
      name: 'a wallet service called with the amount of the body',
      files: {
        'package.json': EXPRESS,
        'server/services/wallet.js': walletService('  user.balance = user.balance - amount;'),
        'server/routes/wallet.js': express('/wallet/withdraw', `  await withdraw(req.user.id, req.body.amount);`, 'requireUser', "const { withdraw } = require('../services/wallet');"),
      },
      errors: [{ messageId: 'debit', file: 'server/services/wallet.js', line: 5 }],
    },
    {
      name: 'a Firebase gift paid in the sender’s coins, of a count the caller chose',
      files: { 'package.json': FUNCTIONS, 'functions/src/index.ts': callable('sendGift', `  const { receiverId, coins } = data;\n  const receiverRef = db.collection('users').doc(receiverId);\n  await db.runTransaction(async (tx) => {\n    tx.update(userRef, { coins: admin.firestore.FieldValue.increment(-coins) });\n    tx.update(receiverRef, { coins: admin.firestore.FieldValue.increment(coins) });\n  });`) },
      errors: [{ messageId: 'debit', line: CALLABLE_BODY_LINE + 3 }],
    },
    {
      name: 'a zod schema in the same file that allows any number',
      files: {
        'package.json': NEXT,
        'app/api/wallet/transfer/route.ts': nextRoute(`  const { amount, to } = Transfer.parse(body);\n  await prisma.user.update({ where: { id: session.user.id }, data: { balance: { decrement: amount } } });`, ANY_NUMBER),
      },
      errors: [{ messageId: 'debit', line: nextBodyLine(ANY_NUMBER) + 1 }],
    },
    {
      name: 'Mongo’s $inc by -1 times the amount of the body',
      files: { 'package.json': EXPRESS, 'server/routes/invest.js': express('/invest', `  const { amount, startupId } = req.body;\n  await User.findByIdAndUpdate(req.user.id, { $inc: { moneyWallet: -1 * amount } });`) },
      errors: [{ messageId: 'debit', line: BODY_LINE + 1 }],
    },
    {
      name: 'a new balance worked out in a local, then written by a helper',
      files: {
        'package.json': EXPRESS,
        'server/services/wallet.js': walletService('  const newBalance = user.balance - amount;\n  await User.updateOne({ _id: userId }, { balance: newBalance });'),
        'server/routes/wallet.js': express('/wallet/withdraw', `  await withdraw(req.user.id, req.body.amount);`, 'requireUser', "const { withdraw } = require('../services/wallet');"),
      },
      errors: [{ messageId: 'debit', file: 'server/services/wallet.js', line: 5 }],
    },
    {
      name: 'a purchase of the server’s price times a quantity the request chose',
      files: { 'package.json': EXPRESS, 'server/routes/shop.js': express('/shop/purchase', `  const { productId, quantity } = req.body;\n  const qty = quantity || 1;\n  const product = getProducts().find((p) => p.id === productId);\n  const totalPrice = product.price * qty;\n  const buyer = await User.findById(req.user.id);\n  buyer.balance -= totalPrice;\n  await buyer.save();`) },
      errors: [{ messageId: 'debitFactor', line: BODY_LINE + 5 }],
    },
    {
      name: 'a transfer with only a maximum',
      files: { 'package.json': EXPRESS, 'server/routes/wallet.js': express('/wallet/transfer', transfer("  if (amount > 100000 || amount >= MAX_TRANSFER) return res.status(400).json({ error: 'Too large' });\n")) },
      errors: [{ messageId: 'debit', line: BODY_LINE + 5 }],
    },
    {
      name: 'a server action spending the credits its caller names',
      files: {
        'package.json': NEXT,
        'app/actions.ts': `'use server';\nimport { prisma } from '@/lib/prisma';\nimport { auth } from '@/auth';\nexport async function spendCredits(cost: number) {\n  const session = await auth();\n  if (!session?.user?.id) throw new Error('Unauthorized');\n  await prisma.user.update({ where: { id: session.user.id }, data: { credits: { decrement: cost } } });\n}\n`,
      },
      errors: [{ messageId: 'debit', line: 7 }],
    },
    {
      name: 'a Supabase edge function writing the balance less the amount of the request',
      files: {
        'package.json': SUPABASE,
        'supabase/functions/withdraw/index.ts': `import { createClient } from 'npm:@supabase/supabase-js@2';\nDeno.serve(async (req) => {\n  const supabase = createClient(Deno.env.get('SUPABASE_URL')!, Deno.env.get('SUPABASE_SERVICE_ROLE_KEY')!);\n  const { data: { user } } = await supabase.auth.getUser(req.headers.get('Authorization')!.replace('Bearer ', ''));\n  if (!user) return new Response('Unauthorized', { status: 401 });\n  const { amount } = await req.json();\n  const { data: wallet } = await supabase.from('wallets').select('balance').eq('user_id', user.id).single();\n  if (wallet.balance < amount) return new Response('Insufficient', { status: 400 });\n  await supabase.from('wallets').update({ balance: wallet.balance - amount }).eq('user_id', user.id);\n  return Response.json({ ok: true });\n});\n`,
      },
      errors: [{ messageId: 'debit', line: 9 }],
    },
  ],
});

describe('negative-amount-accepted messages', () => {
  it('name the route, the balance, the write and the request field', async () => {
    const [f] = await findingsOf('negative-amount-accepted', { files: { 'package.json': EXPRESS, 'server/routes/wallet.js': express('/wallet/transfer', transfer()) } });
    expect(f.message).toContain('`POST /wallet/transfer` takes an amount the request chose from `balance` (`sender.balance -= amount`, from `req.body.amount`)');
    expect(f.message).toContain('a negative amount adds to the balance');
  });
});
