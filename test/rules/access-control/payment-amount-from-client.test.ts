import { ruleTester } from '../../helpers/rule-tester.js';

const pkg = (deps: Record<string, string>) => JSON.stringify({ name: 'shop', dependencies: deps });
const NEXT = pkg({ next: '^14.2.0', stripe: '^15.0.0', '@prisma/client': '^5.14.0' });
const EXPRESS = pkg({ express: '^4.19.2', stripe: '^15.0.0', razorpay: '^2.9.4' });

/** A Next.js route that creates a Stripe payment intent for `amount`, after `prelude`. */
const intent = (prelude: string, amount: string) =>
  `import Stripe from 'stripe';\nimport { prisma } from '@/lib/prisma';\nconst stripe = new Stripe(process.env.STRIPE_SECRET_KEY!);\nexport async function POST(req: Request) {\n${prelude}\n  const intent = await stripe.paymentIntents.create({ amount: ${amount}, currency: 'usd' });\n  return Response.json({ clientSecret: intent.client_secret });\n}\n`;

/** A payment service of the project that charges what its caller passes in, as Stripe payment intents. */
const SERVICE = `const stripe = require('stripe')(process.env.STRIPE_SECRET_KEY);\nasync function createPaymentIntent(amount, currency, metadata) {\n  return stripe.paymentIntents.create({ amount: Math.round(amount * 100), currency, metadata });\n}\nasync function createCheckout({ price, name }) {\n  return stripe.checkout.sessions.create({ mode: 'payment', line_items: [{ price_data: { currency: 'usd', product_data: { name }, unit_amount: price }, quantity: 1 }], success_url: 'https://shop.example/ok' });\n}\nmodule.exports = { createPaymentIntent, createCheckout };\n`;
/** An Express router of purchases that hands `body` (its own lines) to the payment service. */
const purchases = (body: string) =>
  `const router = require('express').Router();\nconst paymentService = require('../services/paymentService');\nconst requireUser = require('../middleware/requireUser');\nrouter.post('/intent', requireUser, async (req, res) => {\n${body}\n});\nmodule.exports = router;\n`;
/** A Supabase edge function creating PayPal orders through `fetch`, with the amount from `amount`. */
const paypal = (read: string, amount: string) =>
  `const PAYPAL_API = Deno.env.get('PAYPAL_API_URL');\nasync function createOrder(value: string) {\n  const response = await fetch(\`\${PAYPAL_API}/v2/checkout/orders\`, { method: 'POST', body: JSON.stringify({ intent: 'CAPTURE', purchase_units: [{ amount: { currency_code: 'USD', value } }] }) });\n  return response.json();\n}\nDeno.serve(async (req) => {\n  ${read}\n  const order = await createOrder(${amount});\n  return new Response(JSON.stringify({ id: order.id }));\n});\n`;

ruleTester('payment-amount-from-client', {
  valid: [
    {
      name: 'an M-Pesa STK push for the price of the plan as stored',
      files: {
        'supabase/functions/mpesa/index.ts': `import { createClient } from 'npm:@supabase/supabase-js@2';\nconst admin = createClient(Deno.env.get('SUPABASE_URL')!, Deno.env.get('SUPABASE_SERVICE_ROLE_KEY')!);\nDeno.serve(async (req) => {\n  const { phone, plan_id } = await req.json();\n  const { data: plan } = await admin.from('plans').select('price').eq('id', plan_id).single();\n  const res = await fetch('https://api.safaricom.co.ke/mpesa/stkpush/v1/processrequest', { method: 'POST', body: JSON.stringify({ Amount: plan.price, PhoneNumber: phone }) });\n  return new Response(JSON.stringify(await res.json()));\n});\n`,
      },
    },
    {
      name: 'prices read from the database by the ids in the cart',
      files: {
        'package.json': NEXT,
        'app/api/checkout/route.ts': `import Stripe from 'stripe';\nimport { prisma } from '@/lib/prisma';\nconst stripe = new Stripe(process.env.STRIPE_SECRET_KEY!);\nexport async function POST(req: Request) {\n  const { items } = await req.json();\n  const products = await prisma.product.findMany({ where: { id: { in: items.map((i: { id: string }) => i.id) } } });\n  const line_items = products.map((p) => ({ price_data: { currency: 'usd', product_data: { name: p.name }, unit_amount: p.priceCents }, quantity: 1 }));\n  const session = await stripe.checkout.sessions.create({ mode: 'payment', line_items, success_url: 'https://shop.example/ok' });\n  return Response.json({ url: session.url });\n}\n`,
      },
    },
    {
      name: 'a price looked up by the product id the request names',
      files: { 'package.json': NEXT, 'app/api/pay/route.ts': intent(`  const { productId } = await req.json();\n  const product = await prisma.product.findUnique({ where: { id: productId } });`, 'product!.priceCents') },
    },
    {
      name: 'an amount picked from the price table of the server by the plan the request names',
      files: { 'package.json': NEXT, 'app/api/pay/route.ts': intent(`  const PRICES: Record<string, number> = { pro: 1900, team: 4900 };\n  const { plan } = await req.json();`, 'PRICES[plan]') },
    },
    {
      name: 'a donation: an amount the giver chooses, with nothing bought',
      files: { 'package.json': NEXT, 'app/api/donate/route.ts': intent(`  const { amount } = await req.json();`, 'Math.round(Number(amount) * 100)') },
    },
    {
      name: 'credits bought at a price the server sets per credit',
      files: { 'package.json': NEXT, 'app/api/credits/route.ts': intent(`  const { credits } = await req.json();`, 'credits * 5') },
    },
    {
      name: 'a price from the request checked against a list of allowed prices',
      files: { 'package.json': NEXT, 'app/api/trial/route.ts': intent(`  const ALLOWED = [500, 900];\n  const body = await req.json();\n  const cents = Number(body.price_cents);\n  if (!ALLOWED.includes(cents)) return Response.json({ error: 'bad amount' }, { status: 400 });`, 'cents') },
    },
    {
      name: "options built on the server in a local, and the request's object handed to something that is not a payment",
      files: {
        'package.json': EXPRESS,
        'server/routes/pay.js': `const stripe = require('stripe')(process.env.STRIPE_SECRET_KEY);\nconst router = require('express').Router();\nrouter.post('/checkout', async (req, res) => {\n  const params = { mode: 'payment', line_items: [{ price: process.env.STRIPE_PRICE_ID, quantity: 1 }], success_url: 'https://shop.example/ok' };\n  const session = await stripe.checkout.sessions.create(params);\n  await stripe.customers.create(req.body);\n  res.json({ url: session.url });\n});\nmodule.exports = router;\n`,
      },
    },
    {
      name: 'a Stripe price id sent by the client, and a fixed amount',
      files: {
        'package.json': NEXT,
        'app/api/subscribe/route.ts': `import Stripe from 'stripe';\nconst stripe = new Stripe(process.env.STRIPE_SECRET_KEY!);\nexport async function POST(req: Request) {\n  const { priceId } = await req.json();\n  const session = await stripe.checkout.sessions.create({ mode: 'subscription', line_items: [{ price: priceId, quantity: 1 }], success_url: 'https://shop.example/ok' });\n  const fee = await stripe.paymentIntents.create({ amount: 500, currency: 'usd' });\n  return Response.json({ url: session.url, fee: fee.id });\n}\n`,
      },
    },
    {
      name: 'the payment service charging a price the handler looked up',
      files: {
        'package.json': EXPRESS,
        'server/services/paymentService.js': SERVICE,
        'server/routes/purchases.js': purchases(`  const item = await db.items.findById(req.body.itemId);\n  res.json(await paymentService.createPaymentIntent(item.price, 'usd'));`),
      },
    },
    {
      name: 'the payment service charging a donation the giver chose',
      files: { 'package.json': EXPRESS, 'server/services/paymentService.js': SERVICE, 'server/routes/purchases.js': purchases(`  const { amount } = req.body;\n  res.json(await paymentService.createPaymentIntent(amount, 'usd'));`) },
    },
    {
      name: 'a price from the request passed to a project function that charges something else',
      files: { 'package.json': EXPRESS, 'server/services/paymentService.js': SERVICE, 'server/routes/purchases.js': purchases(`  const { price, name } = req.body;\n  res.json(await paymentService.createPaymentIntent(500, 'usd', { price, name }));`) },
    },
    {
      name: 'a Mercado Pago payment for the price of the product the server looks up',
      files: {
        'package.json': pkg({ next: '^15.0.0', mercadopago: '^2.0.15' }),
        'app/api/pay/route.ts': `import MercadoPagoConfig, { Payment } from 'mercadopago';\nimport { prisma } from '@/lib/prisma';\nconst client = new MercadoPagoConfig({ accessToken: process.env.MP_ACCESS_TOKEN! });\nexport async function POST(req: Request) {\n  const { productId, token } = await req.json();\n  const product = await prisma.product.findUnique({ where: { id: productId } });\n  const payment = new Payment(client);\n  const result = await payment.create({ body: { transaction_amount: product!.price, token, installments: 1 } });\n  return Response.json({ status: result.status });\n}\n`,
      },
    },
    {
      name: 'a total summed from the prices of the products the server looks up for the cart',
      files: {
        'package.json': EXPRESS,
        'server/routes/checkout.js': `const stripe = require('stripe')(process.env.STRIPE_SECRET_KEY);\nconst router = require('express').Router();\nrouter.post('/checkout', async (req, res) => {\n  const { cart_items } = req.body;\n  const products = await Product.find({ _id: { $in: cart_items.map((i) => i.id) } });\n  const subtotal = products.reduce((sum, p) => sum + p.price * cart_items.find((i) => i.id === String(p._id)).quantity, 0);\n  const intent = await stripe.paymentIntents.create({ amount: Math.round(subtotal * 100), currency: 'inr' });\n  res.json({ clientSecret: intent.client_secret });\n});\nmodule.exports = router;\n`,
      },
    },
    {
      name: 'a Square payment link priced from the server\u2019s package table',
      files: {
        'package.json': pkg({ express: '^4.19.2', square: '^35.0.0' }),
        'server/routes/payments.js': `const { Client } = require('square');\nconst router = require('express').Router();\nconst squareClient = new Client({ accessToken: process.env.SQUARE_TOKEN });\nconst PACKAGES = { small: 500, large: 2000 };\nrouter.post('/checkout', async (req, res) => {\n  const { packageId } = req.body;\n  const requestBody = { idempotencyKey: crypto.randomUUID(), order: { locationId: process.env.SQUARE_LOCATION_ID, lineItems: [{ name: packageId, quantity: '1', basePriceMoney: { amount: PACKAGES[packageId], currency: 'GBP' } }] } };\n  const response = await squareClient.checkoutApi.createPaymentLink(requestBody);\n  res.json({ url: response.result.paymentLink.url });\n});\nmodule.exports = router;\n`,
      },
    },
    {
      name: 'a Razorpay order made with fetch for the price of the plan the server knows',
      files: {
        'supabase/functions/create-order/index.ts': `const PLANS: Record<string, number> = { basic: 499, pro: 1499 };\nDeno.serve(async (req) => {\n  const { planId } = await req.json();\n  const orderData = { amount: PLANS[planId] * 100, currency: 'INR', notes: { planId } };\n  const response = await fetch('https://api.razorpay.com/v1/orders', { method: 'POST', body: JSON.stringify(orderData) });\n  return new Response(await response.text());\n});\n`,
      },
    },
    { name: 'a PayPal order for the price of the product the server looks up', files: { 'supabase/functions/paypal/index.ts': paypal(`const { productId } = await req.json();\n  const { data: product } = await supabase.from('products').select('price').eq('id', productId).single();`, 'product.price') } },
    {
      name: "a Pages Router checkout whose amount from the body is compared with the product's price before the session",
      files: { 'package.json': NEXT, 'pages/api/stripe/session.js': "export default async (req, res) => {\n  if (req.method !== 'POST') return res.status(405).end();\n  const product = await prisma.product.findUnique({ where: { id: req.body.product_id } });\n  if (req.body.amount !== product.price) return res.status(400).end();\n  const stripe = require('stripe')(process.env.STRIPE_SECRET_KEY);\n  const session = await stripe.checkout.sessions.create({\n    line_items: [{ name: 'Purchase product ' + req.body.title, amount: req.body.amount, currency: 'usd', quantity: 1 }],\n    success_url: process.env.BASE_URL + '/dashboard',\n  });\n  await prisma.purchase.create({ data: { sessionId: session.id, product: { connect: { id: req.body.product_id } } } });\n  res.json({ sessionId: session.id });\n};\n" },
    },
  ],
  invalid: [
    {
      name: "an M-Pesa STK push (Safaricom Daraja) and a PayHero payment for the plan the body names, at the amount the body names",
      files: {
        'supabase/functions/mpesa/index.ts': `Deno.serve(async (req) => {\n  const { phone, amount, plan_id } = await req.json();\n  const res = await fetch('https://api.safaricom.co.ke/mpesa/stkpush/v1/processrequest', { method: 'POST', body: JSON.stringify({ BusinessShortCode: '174379', Amount: amount, PhoneNumber: phone, AccountReference: plan_id }) });\n  return new Response(JSON.stringify(await res.json()));\n});\n`,
        'supabase/functions/payhero/index.ts': `Deno.serve(async (req) => {\n  const { phone, amount, plan_id } = await req.json();\n  const res = await fetch('https://backend.payhero.co.ke/api/v2/payments', { method: 'POST', body: JSON.stringify({ amount: Number(amount), phone_number: phone, external_reference: plan_id }) });\n  return new Response(JSON.stringify(await res.json()));\n});\n`,
      },
      errors: [
        { messageId: 'amount', file: 'supabase/functions/mpesa/index.ts', line: 3 },
        { messageId: 'amount', file: 'supabase/functions/payhero/index.ts', line: 3 },
      ],
    },
    {
      name: 'a total from the body handed to the payment service, which charges it',
      files: {
        'package.json': EXPRESS,
        'server/services/paymentService.js': SERVICE,
        'server/routes/purchases.js': purchases(`  const { totalAmount, items } = req.body;\n  res.json(await paymentService.createPaymentIntent(totalAmount, 'usd', { items }));`),
      },
      errors: [{ messageId: 'price', line: 6, file: 'server/routes/purchases.js' }],
    },
    {
      name: 'a price handed to the payment service in an options object',
      files: { 'package.json': EXPRESS, 'server/services/paymentService.js': SERVICE, 'server/routes/purchases.js': purchases(`  res.json(await paymentService.createCheckout({ price: req.body.price, name: req.body.name }));`) },
      errors: [{ messageId: 'price', line: 5, file: 'server/routes/purchases.js' }],
    },
    {
      name: 'a total summed from the prices in the cart the browser posted, through several locals',
      files: {
        'package.json': EXPRESS,
        'server/routes/checkout.js': `const stripe = require('stripe')(process.env.STRIPE_SECRET_KEY);\nconst router = require('express').Router();\nrouter.post('/checkout', async (req, res) => {\n  const { cart_items, coupon } = req.body;\n  const adjusted = cart_items.map((item) => {\n    if (coupon) return { ...item, price: Math.round(item.price * 0.9) };\n    return item;\n  });\n  const subtotal = adjusted.reduce((sum, item) => sum + item.price * item.quantity, 0);\n  const discounted = subtotal - (coupon ? 5 : 0);\n  const total = discounted + discounted * 0.18;\n  const intent = await stripe.paymentIntents.create({ amount: Math.round(total * 100), currency: 'inr' });\n  res.json({ clientSecret: intent.client_secret });\n});\nmodule.exports = router;\n`,
      },
      errors: [{ messageId: 'price', line: 12 }],
    },
    {
      name: 'a Square payment link for the amount sent beside the package it buys',
      files: {
        'package.json': pkg({ express: '^4.19.2', square: '^35.0.0' }),
        'server/routes/payments.js': `const { Client } = require('square');\nconst router = require('express').Router();\nconst squareClient = new Client({ accessToken: process.env.SQUARE_TOKEN });\nrouter.post('/checkout', async (req, res) => {\n  const { packageId, entries, amount } = req.body;\n  const requestBody = { idempotencyKey: crypto.randomUUID(), order: { locationId: process.env.SQUARE_LOCATION_ID, lineItems: [{ name: \`\${entries} entries\`, quantity: '1', basePriceMoney: { amount: Math.round(amount * 100), currency: 'GBP' } }] }, metadata: { packageId } };\n  const response = await squareClient.checkoutApi.createPaymentLink(requestBody);\n  res.json({ url: response.result.paymentLink.url });\n});\nmodule.exports = router;\n`,
      },
      errors: [{ messageId: 'amount', line: 6 }],
    },
    {
      name: 'a Razorpay order made with fetch, for the price the browser sends',
      files: {
        'supabase/functions/create-order/index.ts': `Deno.serve(async (req) => {\n  const { price, planId } = await req.json();\n  const orderData = { amount: Math.round(price * 100), currency: 'INR', notes: { planId } };\n  const auth = btoa(\`\${Deno.env.get('RAZORPAY_KEY_ID')}:\${Deno.env.get('RAZORPAY_KEY_SECRET')}\`);\n  const response = await fetch('https://api.razorpay.com/v1/orders', { method: 'POST', headers: { Authorization: \`Basic \${auth}\`, 'Content-Type': 'application/json' }, body: JSON.stringify(orderData) });\n  return new Response(await response.text());\n});\n`,
      },
      errors: [{ messageId: 'price', line: 3 }],
    },
    {
      name: 'a Mercado Pago card payment for the total the browser sends',
      files: {
        'package.json': pkg({ next: '^15.0.0', mercadopago: '^2.0.15' }),
        'app/api/pay/route.ts': `import MercadoPagoConfig, { Payment } from 'mercadopago';\nconst client = new MercadoPagoConfig({ accessToken: process.env.MP_ACCESS_TOKEN! });\nexport async function POST(req: Request) {\n  const body = await req.json();\n  const payment = new Payment(client);\n  const result = await payment.create({ body: { transaction_amount: body.total, token: body.token, installments: 1, payer: { email: body.email } } });\n  return Response.json({ status: result.status });\n}\n`,
      },
      errors: [{ messageId: 'price', line: 6 }],
    },
    {
      name: 'a PayPal order for a price the browser sends, through the function\u2019s own order helper',
      files: { 'supabase/functions/paypal/index.ts': paypal(`const { price } = await req.json();`, 'price') },
      errors: [{ messageId: 'price', line: 8 }],
    },
    {
      name: 'line items priced from the cart the browser posted',
      files: {
        'package.json': NEXT,
        'app/api/checkout/route.ts': `import Stripe from 'stripe';\nconst stripe = new Stripe(process.env.STRIPE_SECRET_KEY!);\nexport async function POST(req: Request) {\n  const data = await req.json();\n  const line_items = data.items.map((item: { name: string; price: number; quantity: number }) => ({\n    price_data: { currency: 'usd', product_data: { name: item.name }, unit_amount: item.price * 100 },\n    quantity: item.quantity,\n  }));\n  const session = await stripe.checkout.sessions.create({ mode: 'payment', line_items, success_url: 'https://shop.example/ok' });\n  return Response.json({ url: session.url });\n}\n`,
      },
      errors: [{ messageId: 'price', line: 6, severity: 'high' }],
    },
    {
      name: 'a price from the body converted to cents in a local, in Express',
      files: {
        'package.json': EXPRESS,
        'server/index.js': `const express = require('express');\nconst stripe = require('stripe')(process.env.STRIPE_SECRET_KEY);\nconst app = express();\napp.post('/create-payment-intent', async (req, res) => {\n  const price = req.body.price;\n  const cents = parseFloat(price * 100);\n  if (!price || cents < 1) return res.status(400).end();\n  const { client_secret } = await stripe.paymentIntents.create({ amount: cents, currency: 'usd' });\n  res.send({ clientSecret: client_secret });\n});\napp.listen(3000);\n`,
      },
      errors: [{ messageId: 'price', line: 8 }],
    },
    {
      name: 'a Razorpay order for an amount sent beside the plan it buys, in options built above the call',
      files: {
        'package.json': EXPRESS,
        'server/routes/pay.js': `const Razorpay = require('razorpay');\nconst router = require('express').Router();\nconst razorpay = new Razorpay({ key_id: process.env.RZP_KEY, key_secret: process.env.RZP_SECRET });\nrouter.post('/orders', async (req, res) => {\n  const { amount, planId } = req.body;\n  const options = { amount: amount * 100, currency: 'INR', notes: { planId } };\n  res.json(await razorpay.orders.create(options));\n});\nmodule.exports = router;\n`,
      },
      errors: [{ messageId: 'amount', line: 6 }],
    },
    {
      name: 'a server action charging the total its caller passes (the browser calls server actions with any arguments)',
      files: {
        'package.json': NEXT,
        'app/actions/checkout.ts': `'use server';\nimport Stripe from 'stripe';\nconst stripe = new Stripe(process.env.STRIPE_SECRET_KEY!);\nexport async function startCheckout(cart: { name: string }[], total: number) {\n  const session = await stripe.checkout.sessions.create({\n    mode: 'payment',\n    line_items: [{ price_data: { currency: 'usd', product_data: { name: cart.map((c) => c.name).join(', ') }, unit_amount: Math.round(total * 100) }, quantity: 1 }],\n    success_url: 'https://shop.example/ok',\n  });\n  return session.url;\n}\n`,
      },
      errors: [{ messageId: 'price', line: 7 }],
    },
    {
      name: "the request's own object as the payment's options: a Firebase callable's data, an Express body",
      files: {
        'package.json': EXPRESS,
        'functions/package.json': JSON.stringify({ name: 'functions', dependencies: { 'firebase-functions': '^4.9.0', stripe: '^15.0.0' } }),
        'functions/index.js': `const functions = require('firebase-functions');\nexports.createStripeCheckout = functions.https.onCall(async (data, context) => {\n  const stripe = require('stripe')(functions.config().stripe.secret_key);\n  const session = await stripe.checkout.sessions.create(data);\n  return { id: session.id };\n});\n`,
        'functions/src/pay.ts': `import { onCall } from 'firebase-functions/v2/https';\nimport Stripe from 'stripe';\nexport const checkout = onCall(async (request) => {\n  return (await new Stripe(process.env.STRIPE_KEY!).checkout.sessions.create(request.data)).url;\n});\n`,
        'server/routes/pay.js': `const stripe = require('stripe')(process.env.STRIPE_SECRET_KEY);\nconst router = require('express').Router();\nrouter.post('/intent', async (req, res) => {\n  const intent = await stripe.paymentIntents.create(req.body);\n  res.json({ clientSecret: intent.client_secret });\n});\nmodule.exports = router;\n`,
      },
      errors: [
        { messageId: 'wholeRequest', line: 4 },
        { messageId: 'wholeRequest', line: 4 },
        { messageId: 'wholeRequest', line: 4 },
      ],
    },
    {
      name: 'a Pages Router checkout charging the amount in the body beside the product it names, after a check of the method only',
      files: { 'package.json': NEXT, 'pages/api/stripe/session.js': "export default async (req, res) => {\n  if (req.method !== 'POST') return res.status(405).end();\n  const stripe = require('stripe')(process.env.STRIPE_SECRET_KEY);\n  const session = await stripe.checkout.sessions.create({\n    line_items: [{ name: 'Purchase product ' + req.body.title, amount: req.body.amount, currency: 'usd', quantity: 1 }],\n    success_url: process.env.BASE_URL + '/dashboard',\n  });\n  await prisma.purchase.create({ data: { sessionId: session.id, product: { connect: { id: req.body.product_id } } } });\n  res.json({ sessionId: session.id });\n};\n" },
      errors: [{ messageId: 'amount', line: 5 }],
    },
  ],
});
