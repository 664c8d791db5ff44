import { describe, expect, it } from 'vitest';
import { findingsOf, ruleTester } from '../../helpers/rule-tester.js';

const pkg = (deps: Record<string, string>) => JSON.stringify({ name: 'api', dependencies: deps });
const EXPRESS = pkg({ express: '^4.19.2', stripe: '^15.0.0' });
const NEXT = pkg({ next: '^14.2.0', stripe: '^15.0.0', svix: '^1.24.0' });

ruleTester('webhook-without-signature-check', {
  valid: [
    {
      name: "Midtrans's signature key compared with the SHA-512 of the order and the server key",
      files: {
        'package.json': pkg({ astro: '^4.16.0' }),
        'src/pages/api/payment/webhook.ts': `import type { APIRoute } from 'astro';\nimport crypto from 'crypto';\nimport { supabaseAdmin } from '@/lib/supabaseServer';\nexport const POST: APIRoute = async ({ request }) => {\n  const n = await request.json();\n  const { order_id, status_code, gross_amount, signature_key } = n;\n  const hash = crypto.createHash('sha512').update(order_id + status_code + gross_amount + import.meta.env.MIDTRANS_SERVER_KEY).digest('hex');\n  if (hash !== signature_key) return new Response('Invalid signature', { status: 401 });\n  await supabaseAdmin.rpc('handle_successful_payment', { p_order_number: order_id });\n  return new Response('ok');\n};\n`,
      },
    },
    {
      name: "the signature header handed to the project's own check",
      files: {
        'package.json': pkg({ 'firebase-functions': '^6.0.1' }),
        'functions/src/payment/web_hook_handler.js': `const computeHashForMonnify = require('../controllers/compute_hash');\nconst saveTransaction = require('../controllers/save_transaction');\nconst webHookHandler = async (req, res) => {\n  const monnifySignature = req.get('monnify-signature');\n  await computeHashForMonnify({ hashSent: monnifySignature, requestBody: req.body });\n  await saveTransaction(req.body);\n  res.status(200).json({ status: 'success' });\n};\nmodule.exports = webHookHandler;\n`,
      },
    },
    {
      name: 'a shared secret compared on every request, the body read before into a local assigned in a try',
      files: {
        'package.json': pkg({ '@supabase/supabase-js': '^2.45.0' }),
        'supabase/functions/webhook-infinitepay/index.ts': `Deno.serve(async (req) => {\n  let body: Record<string, unknown>;\n  try {\n    body = await req.json();\n  } catch {\n    return new Response('Invalid JSON', { status: 400 });\n  }\n  const webhookSecret = Deno.env.get('INFINITEPAY_WEBHOOK_SECRET');\n  const signature = req.headers.get('x-webhook-signature');\n  if (!webhookSecret || !signature || signature !== webhookSecret) return new Response('Unauthorized', { status: 401 });\n  console.log(body.id);\n  return new Response('ok');\n});\n`,
      },
    },
    {
      name: 'an edge function webhook served by name that checks the signature first',
      files: {
        'package.json': pkg({ '@supabase/supabase-js': '^2.45.0', stripe: '^17.0.0' }),
        'supabase/functions/stripe-webhook/index.ts': `import Stripe from 'npm:stripe@17';\nconst stripe = new Stripe(Deno.env.get('STRIPE_SECRET_KEY')!);\nasync function handler(req: Request): Promise<Response> {\n  const body = await req.text();\n  const event = await stripe.webhooks.constructEventAsync(body, req.headers.get('stripe-signature')!, Deno.env.get('STRIPE_WEBHOOK_SECRET')!);\n  console.log(event.type);\n  return new Response('ok');\n}\nDeno.serve(handler);\n`,
      },
    },
    {
      name: 'a connectivity test beside the webhook that only logs how long the body is',
      files: {
        'package.json': pkg({ next: '^15.1.0', stripe: '^17.0.0' }),
        'app/api/webhooks/stripe/test/route.ts': `import { NextResponse } from 'next/server';\nexport async function POST(req: Request) {\n  const body = await req.text();\n  console.log('Test webhook body length:', body.length);\n  return NextResponse.json({ status: 'ok', bodyLength: body.length });\n}\n`,
      },
    },
    {
      name: 'the header required first, then the HMAC compared in a block of its own',
      files: {
        'package.json': pkg({ '@supabase/supabase-js': '^2.45.0' }),
        'supabase/functions/paystack-webhook/index.ts': `const secret = Deno.env.get('PAYSTACK_SECRET_KEY')!;\nDeno.serve(async (req) => {\n  const raw = await req.text();\n  const signature = req.headers.get('x-paystack-signature');\n  if (!signature) return new Response('Missing signature', { status: 400 });\n  {\n    const key = await crypto.subtle.importKey('raw', new TextEncoder().encode(secret), { name: 'HMAC', hash: 'SHA-512' }, false, ['sign']);\n    const mac = await crypto.subtle.sign('HMAC', key, new TextEncoder().encode(raw));\n    const hex = [...new Uint8Array(mac)].map((b) => b.toString(16).padStart(2, '0')).join('');\n    if (hex !== signature) return new Response('Invalid signature', { status: 400 });\n  }\n  const body = JSON.parse(raw);\n  if (body.event === 'charge.success') console.log(body.data.reference);\n  return new Response('ok');\n});\n`,
      },
    },
    {
      name: 'a failed check that is logged, with nothing from the body to go on with',
      files: {
        'package.json': EXPRESS,
        'server/routes/stripe.js': `const express = require('express');\nconst stripe = require('stripe')(process.env.STRIPE_SECRET_KEY);\nconst router = express.Router();\nrouter.post('/webhooks/stripe', express.raw({ type: 'application/json' }), async (req, res) => {\n  let event;\n  try {\n    event = stripe.webhooks.constructEvent(req.body, req.headers['stripe-signature'], process.env.STRIPE_WEBHOOK_SECRET);\n  } catch (err) {\n    console.error('signature check failed', err.message);\n  }\n  if (event?.type === 'checkout.session.completed') console.log('paid');\n  res.json({ received: true });\n});\nmodule.exports = router;\n`,
      },
    },
    {
      name: 'a check that refuses the request when the secret or the header is missing',
      files: {
        'package.json': pkg({ stripe: '^15.0.0' }),
        'supabase/functions/stripe-webhook/index.ts': `import Stripe from 'npm:stripe';\nconst stripe = new Stripe(Deno.env.get('STRIPE_SECRET_KEY')!);\nconst webhookSecret = Deno.env.get('STRIPE_WEBHOOK_SECRET');\nDeno.serve(async (req) => {\n  const body = await req.text();\n  const signature = req.headers.get('stripe-signature');\n  let event;\n  if (webhookSecret && signature) {\n    try {\n      event = await stripe.webhooks.constructEventAsync(body, signature!, webhookSecret!);\n    } catch {\n      return new Response('Invalid signature', { status: 400 });\n    }\n  } else {\n    return new Response('Webhook secret not configured', { status: 500 });\n  }\n  if (event.type === 'checkout.session.completed') console.log(event.data.object.id);\n  return new Response('ok');\n});\n`,
      },
    },
    {
      name: 'the header required before the check, outside any condition',
      files: {
        'package.json': EXPRESS,
        'server/routes/billing.js': `const express = require('express');\nconst stripe = require('stripe')(process.env.STRIPE_SECRET_KEY);\nconst router = express.Router();\nrouter.post('/webhooks/stripe', express.raw({ type: 'application/json' }), (req, res) => {\n  const sig = req.headers['stripe-signature'];\n  if (!sig) return res.sendStatus(400);\n  let event = req.body;\n  try {\n    event = stripe.webhooks.constructEvent(req.body, sig, process.env.STRIPE_WEBHOOK_SECRET);\n  } catch {\n    return res.sendStatus(400);\n  }\n  res.json({ type: event.type });\n});\nmodule.exports = router;\n`,
      },
    },
    {
      name: 'Next.js Stripe webhook with constructEvent',
      files: {
        'package.json': NEXT,
        'app/api/webhooks/stripe/route.ts': `import Stripe from 'stripe';\nconst stripe = new Stripe(process.env.STRIPE_SECRET_KEY!);\nexport async function POST(req: Request) {\n  const body = await req.text();\n  const event = stripe.webhooks.constructEvent(body, req.headers.get('stripe-signature')!, process.env.STRIPE_WEBHOOK_SECRET!);\n  if (event.type === 'checkout.session.completed') console.log('paid');\n  return Response.json({ received: true });\n}\n`,
      },
    },
    {
      name: 'Clerk webhook verified with svix',
      files: {
        'package.json': NEXT,
        'app/api/webhooks/clerk/route.ts': `import { Webhook } from 'svix';\nimport { headers } from 'next/headers';\nexport async function POST(req: Request) {\n  const payload = await req.text();\n  const h = headers();\n  const evt = new Webhook(process.env.CLERK_WEBHOOK_SECRET!).verify(payload, {\n    'svix-id': h.get('svix-id')!, 'svix-timestamp': h.get('svix-timestamp')!, 'svix-signature': h.get('svix-signature')!,\n  }) as { type: string };\n  if (evt.type === 'user.created') console.log('new user');\n  return new Response('ok');\n}\n`,
      },
    },
    {
      name: 'an HMAC compared with timingSafeEqual in an Express route',
      files: {
        'package.json': EXPRESS,
        'server/routes/github.js': `const crypto = require('crypto');\nconst router = require('express').Router();\nrouter.post('/webhooks/github', require('express').raw({ type: '*/*' }), (req, res) => {\n  const mac = 'sha256=' + crypto.createHmac('sha256', process.env.GH_SECRET).update(req.body).digest('hex');\n  if (!crypto.timingSafeEqual(Buffer.from(mac), Buffer.from(req.get('x-hub-signature-256') || ''))) return res.sendStatus(401);\n  const event = JSON.parse(req.body.toString());\n  res.json({ ok: event.action });\n});\nmodule.exports = router;\n`,
      },
    },
    {
      name: 'a shared secret from the environment kept in a local, compared with a header',
      files: {
        'package.json': NEXT,
        'app/api/webhooks/payments/route.ts': `export async function POST(req: Request) {\n  const webhookSecret = process.env.PAYMENTS_WEBHOOK_SECRET;\n  if (req.headers.get('x-webhook-secret') !== webhookSecret) return new Response('no', { status: 401 });\n  const event = await req.json();\n  if (event.type === 'payment.succeeded') await markPaid(event.data.id);\n  return new Response('ok');\n}\n`,
      },
    },
    {
      name: 'signature middleware on the route, and a shared secret header check',
      files: {
        'package.json': EXPRESS,
        'server/routes/hooks.ts': `import { Router } from 'express';\nimport { verifyPaddleSignature } from '../middleware/paddle';\nexport const hooks = Router();\nhooks.post('/webhooks/paddle', verifyPaddleSignature, async (req, res) => {\n  if (req.body.event_type === 'subscription.created') console.log(req.body.data.id);\n  res.sendStatus(200);\n});\nhooks.post('/webhooks/db', async (req, res) => {\n  if (req.headers['x-webhook-secret'] !== process.env.DB_WEBHOOK_SECRET) return res.sendStatus(401);\n  console.log(req.body.record);\n  res.sendStatus(200);\n});\n`,
      },
    },
    {
      name: 'an edge function comparing the payload\'s verification token with a module constant read from the environment',
      files: {
        'package.json': pkg({ '@supabase/supabase-js': '^2.45.0' }),
        'supabase/functions/donation-webhook/index.ts': `const DONATION_VERIFICATION_TOKEN = Deno.env.get('DONATION_VERIFICATION_TOKEN');\nDeno.serve(async (req) => {\n  const form = await req.formData();\n  const data = JSON.parse(String(form.get('data')));\n  if (data.verification_token !== DONATION_VERIFICATION_TOKEN) return new Response('no', { status: 401 });\n  console.log(data.email);\n  return new Response('ok');\n});\n`,
      },
    },
    {
      name: 'a webhook route that does not read the body, and a GET verification challenge',
      files: {
        'package.json': NEXT,
        'app/api/webhooks/ping/route.ts': `export async function POST() {\n  return Response.json({ pong: true });\n}\nexport async function GET(req: Request) {\n  const challenge = new URL(req.url).searchParams.get('hub.challenge');\n  return new Response(challenge);\n}\n`,
      },
    },
    {
      name: 'a Redux-style reducer with action types is not a webhook',
      files: {
        'package.json': EXPRESS,
        'server/routes/todos.ts': `import { Router } from 'express';\nexport const todos = Router();\ntodos.post('/todos', (req, res) => {\n  const file = req.body;\n  if (file.type === 'image/png') return res.status(400).end();\n  if (req.body.action === 'ADD_TODO') res.json({ ok: true });\n});\n`,
      },
    },
    {
      name: 'a webhook controller mounted behind a verifying middleware in another file',
      files: {
        'package.json': EXPRESS,
        'server/controllers/payments.js': `exports.handleWebhook = async (req, res) => {\n  const event = req.body;\n  if (event.type === 'invoice.paid') console.log(event.id);\n  res.sendStatus(200);\n};\n`,
        'server/routes/payments.js': `const router = require('express').Router();\nconst { verifyStripeSignature } = require('../middleware/stripe');\nconst ctrl = require('../controllers/payments');\nrouter.post('/pay/events', verifyStripeSignature, ctrl.handleWebhook);\nmodule.exports = router;\n`,
      },
    },
    {
      name: "a Convex HTTP action handing the signature header and the raw body to an internal action",
      files: {
        'package.json': pkg({ convex: '^1.17.0', cashfree: '^4.3.0' }),
        'convex/http.ts': "import { httpRouter } from 'convex/server';\nimport { httpAction } from './_generated/server';\nimport { internal } from './_generated/api';\nconst http = httpRouter();\nhttp.route({\n  path: '/cashfree-payment-webhook',\n  method: 'POST',\n  handler: httpAction(async (ctx, request) => {\n    const signature = request.headers.get('x-webhook-signature') || '';\n    const timestamp = request.headers.get('x-webhook-timestamp') || '';\n    const rawBody = await request.text();\n    await ctx.runAction(internal.cashfree.processWebhookPayment, { signature, timestamp, rawBody });\n    return new Response('OK');\n  }),\n});\nexport default http;\n",
      },
    },
    {
      name: "Ko-fi's verification token compared on every request, the request turned away when the token is not configured",
      files: {
        'package.json': pkg({ '@supabase/supabase-js': '^2.45.0' }),
        'supabase/functions/kofi-webhook/index.ts': "const KOFI_VERIFICATION_TOKEN = Deno.env.get('KOFI_VERIFICATION_TOKEN');\nDeno.serve(async (req) => {\n  const formData = await req.formData();\n  const data = JSON.parse(String(formData.get('data')));\n  if (!KOFI_VERIFICATION_TOKEN || data.verification_token !== KOFI_VERIFICATION_TOKEN) {\n    return new Response('Unauthorized', { status: 401 });\n  }\n  console.log(data.email, data.amount);\n  return new Response('ok');\n});\n",
      },
    },
  ],
  invalid: [
    {
      name: 'a signature only tested for being there',
      files: {
        'package.json': pkg({ astro: '^4.16.0' }),
        'src/pages/api/payment/webhook.ts': `import type { APIRoute } from 'astro';\nimport crypto from 'crypto';\nimport { supabaseAdmin } from '@/lib/supabaseServer';\nexport const POST: APIRoute = async ({ request }) => {\n  const n = await request.json();\n  const { order_id, status_code, gross_amount, signature_key } = n;\n  if (signature_key === undefined || signature_key === '') return new Response('Missing signature', { status: 401 });\n  await supabaseAdmin.rpc('handle_successful_payment', { p_order_number: order_id });\n  return new Response('ok');\n};\n`,
      },
      errors: [{ messageId: 'unverified', line: 4 }],
    },
    {
      name: 'the signature header only logged',
      files: {
        'package.json': pkg({ 'firebase-functions': '^6.0.1' }),
        'functions/src/payment/web_hook_handler.js': `const computeHashForMonnify = require('../controllers/compute_hash');\nconst saveTransaction = require('../controllers/save_transaction');\nconst webHookHandler = async (req, res) => {\n  const monnifySignature = req.get('monnify-signature');\n  console.log('signature', monnifySignature);\n  await saveTransaction(req.body);\n  res.status(200).json({ status: 'success' });\n};\nmodule.exports = webHookHandler;\n`,
      },
      errors: [{ messageId: 'unverified', line: 3 }],
    },
    {
      name: 'a shared secret compared only when the secret is configured, the body read before into a local assigned in a try',
      files: {
        'package.json': pkg({ '@supabase/supabase-js': '^2.45.0' }),
        'supabase/functions/webhook-infinitepay/index.ts': `Deno.serve(async (req) => {\n  let body: Record<string, unknown>;\n  try {\n    body = await req.json();\n  } catch {\n    return new Response('Invalid JSON', { status: 400 });\n  }\n  const webhookSecret = Deno.env.get('INFINITEPAY_WEBHOOK_SECRET');\n  if (webhookSecret) {\n    const signature = req.headers.get('x-webhook-signature');\n    if (!signature || signature !== webhookSecret) return new Response('Unauthorized', { status: 401 });\n  }\n  console.log(body.id);\n  return new Response('ok');\n});\n`,
      },
      errors: [{ messageId: 'skippedWithoutSecret', line: 9 }],
    },
    {
      name: 'a Supabase edge function webhook whose handler is a constant the file serves by name',
      files: {
        'package.json': pkg({ '@supabase/supabase-js': '^2.45.0' }),
        'supabase/functions/cakto-webhook/index.ts': `import { serve } from 'https://deno.land/std@0.190.0/http/server.ts';\nimport { createClient } from 'https://esm.sh/@supabase/supabase-js@2';\nconst handler = async (req: Request): Promise<Response> => {\n  const supabase = createClient(Deno.env.get('SUPABASE_URL')!, Deno.env.get('SUPABASE_SERVICE_ROLE_KEY')!);\n  const payload = await req.json();\n  if (payload.status !== 'paid') return new Response('ignored');\n  await supabase.from('orders').update({ paid: true }).eq('email', payload.customer.email);\n  return new Response('ok');\n};\nserve(handler);\n`,
      },
      errors: [{ messageId: 'unverified', line: 10 }],
    },
    {
      name: 'the same test route, but the body it logs is also parsed and stored',
      files: {
        'package.json': pkg({ next: '^15.1.0', stripe: '^17.0.0' }),
        'app/api/webhooks/stripe/test/route.ts': `import { NextResponse } from 'next/server';\nimport { db } from '@/lib/db';\nexport async function POST(req: Request) {\n  const body = await req.text();\n  console.log('Test webhook body length:', body.length);\n  await db.event.create({ data: { payload: body } });\n  return NextResponse.json({ status: 'ok' });\n}\n`,
      },
      errors: [{ messageId: 'unverified', line: 3 }],
    },
    {
      name: 'a Paystack HMAC compared only when the header is there, the parsed body used after',
      files: {
        'package.json': pkg({ '@supabase/supabase-js': '^2.45.0' }),
        'supabase/functions/paystack-webhook/index.ts': `const secret = Deno.env.get('PAYSTACK_SECRET_KEY')!;\nDeno.serve(async (req) => {\n  const raw = await req.text();\n  const body = JSON.parse(raw);\n  const signature = req.headers.get('x-paystack-signature');\n  if (signature) {\n    const key = await crypto.subtle.importKey('raw', new TextEncoder().encode(secret), { name: 'HMAC', hash: 'SHA-512' }, false, ['sign']);\n    const mac = await crypto.subtle.sign('HMAC', key, new TextEncoder().encode(raw));\n    const hex = [...new Uint8Array(mac)].map((b) => b.toString(16).padStart(2, '0')).join('');\n    if (hex !== signature) return new Response('Invalid signature', { status: 400 });\n  }\n  if (body.event === 'charge.success') console.log(body.data.reference);\n  return new Response('ok');\n});\n`,
      },
      errors: [{ messageId: 'skippedWithoutHeader', line: 6, severity: 'high' }],
    },
    {
      name: 'a failed check that is only logged',
      files: {
        'package.json': EXPRESS,
        'server/routes/stripe.js': `const express = require('express');\nconst stripe = require('stripe')(process.env.STRIPE_SECRET_KEY);\nconst router = express.Router();\nrouter.post('/webhooks/stripe', express.raw({ type: 'application/json' }), async (req, res) => {\n  let event = JSON.parse(req.body.toString());\n  try {\n    event = stripe.webhooks.constructEvent(req.body, req.headers['stripe-signature'], process.env.STRIPE_WEBHOOK_SECRET);\n  } catch (err) {\n    console.error('signature check failed', err.message);\n  }\n  if (event.type === 'checkout.session.completed') console.log('paid');\n  res.json({ received: true });\n});\nmodule.exports = router;\n`,
      },
      errors: [{ messageId: 'failureIgnored', line: 8, severity: 'high' }],
    },
    {
      name: 'a check that runs only when the request carries a signature',
      files: {
        'package.json': pkg({ stripe: '^15.0.0' }),
        'supabase/functions/stripe-webhook/index.ts': `import Stripe from 'npm:stripe';\nconst stripe = new Stripe(Deno.env.get('STRIPE_SECRET_KEY')!);\nconst webhookSecret = Deno.env.get('STRIPE_WEBHOOK_SECRET');\nDeno.serve(async (req) => {\n  const body = await req.text();\n  const signature = req.headers.get('stripe-signature');\n  let event;\n  if (webhookSecret && signature) {\n    try {\n      event = await stripe.webhooks.constructEventAsync(body, signature!, webhookSecret!);\n    } catch {\n      return new Response('Invalid signature', { status: 400 });\n    }\n  } else {\n    event = JSON.parse(body);\n  }\n  if (event.type === 'checkout.session.completed') console.log(event.data.object.id);\n  return new Response('ok');\n});\n`,
      },
      errors: [{ messageId: 'skippedWithoutHeader', line: 8, severity: 'high' }],
    },
    {
      name: "Stripe's sample: the body is the event unless a secret is configured",
      files: {
        'package.json': EXPRESS,
        'server/index.js': `const express = require('express');\nconst stripe = require('stripe')(process.env.STRIPE_SECRET_KEY);\nconst app = express();\nconst endpointSecret = process.env.STRIPE_WEBHOOK_SECRET;\napp.post('/webhook', express.raw({ type: 'application/json' }), (req, res) => {\n  let event = req.body;\n  if (endpointSecret) {\n    try {\n      event = stripe.webhooks.constructEvent(req.body, req.headers['stripe-signature'], endpointSecret);\n    } catch (err) {\n      return res.sendStatus(400);\n    }\n  }\n  if (event.type === 'invoice.paid') console.log('paid');\n  res.send();\n});\napp.listen(4242);\n`,
      },
      errors: [{ messageId: 'skippedWithoutSecret', line: 7, severity: 'medium' }],
    },
    {
      name: 'the unverified branch first, under a negated test of the secret',
      files: {
        'package.json': NEXT,
        'app/api/webhooks/stripe/route.ts': `import Stripe from 'stripe';\nconst stripe = new Stripe(process.env.STRIPE_SECRET_KEY!);\nexport async function POST(req: Request) {\n  const body = await req.text();\n  let event: Stripe.Event;\n  if (!process.env.STRIPE_WEBHOOK_SECRET) {\n    console.warn('no webhook secret, skipping verification');\n    event = JSON.parse(body);\n  } else {\n    event = stripe.webhooks.constructEvent(body, req.headers.get('stripe-signature')!, process.env.STRIPE_WEBHOOK_SECRET);\n  }\n  return Response.json({ type: event.type });\n}\n`,
      },
      errors: [{ messageId: 'skippedWithoutSecret', line: 6 }],
    },
    {
      name: 'a module constant from the environment that is not a secret (the project URL) proves nothing',
      files: {
        'package.json': pkg({ '@supabase/supabase-js': '^2.45.0' }),
        'supabase/functions/donation-webhook/index.ts': `const SUPABASE_URL = Deno.env.get('SUPABASE_URL');\nDeno.serve(async (req) => {\n  const data = await req.json();\n  if (data.origin !== SUPABASE_URL) console.log('elsewhere');\n  console.log(data.email);\n  return new Response('ok');\n});\n`,
      },
      errors: [{ messageId: 'unverified', line: 2 }],
    },
    {
      name: 'an Express Stripe webhook that trusts req.body',
      files: {
        'package.json': EXPRESS,
        'server/routes/billing.js': `const express = require('express');\nconst User = require('../models/User');\nconst router = express.Router();\nrouter.post('/webhooks/stripe', express.json(), async (req, res) => {\n  const event = req.body;\n  if (event.type === 'checkout.session.completed') {\n    await User.updateOne({ stripeCustomerId: event.data.object.customer }, { plan: 'pro' });\n  }\n  res.json({ received: true });\n});\nmodule.exports = router;\n`,
      },
      errors: [{ messageId: 'unverifiedEvent', line: 4 }],
    },
    {
      name: 'a Next.js Lemon Squeezy webhook that parses the body',
      files: {
        'package.json': pkg({ next: '^14.2.0', '@lemonsqueezy/lemonsqueezy.js': '^3.2.0' }),
        'app/api/webhooks/lemonsqueezy/route.ts': `import { db } from '@/lib/db';\nexport async function POST(req: Request) {\n  const payload = await req.json();\n  switch (payload.meta.event_name) {\n    case 'order_created':\n      await db.order.create({ data: { id: payload.data.id } });\n  }\n  return new Response('ok');\n}\n`,
      },
      errors: [{ messageId: 'unverifiedEvent', line: 2 }],
    },
    {
      name: 'a Stripe event handled on a path not named webhook',
      files: {
        'package.json': pkg({ hono: '^4.4.0', stripe: '^15.0.0' }),
        'server/index.ts': `import { Hono } from 'hono';\nimport { grantPro } from './billing';\nconst app = new Hono();\napp.post('/api/stripe-events', async (c) => {\n  const event = await c.req.json();\n  if (event.type === 'customer.subscription.updated') await grantPro(event.data.object.customer);\n  return c.json({ ok: true });\n});\nexport default app;\n`,
      },
      errors: [{ messageId: 'unverifiedEvent', line: 4 }],
    },
    {
      name: 'a pages/api webhook and an Express router file named webhooks',
      files: {
        'package.json': pkg({ next: '^14.2.0', express: '^4.19.2' }),
        'pages/api/webhooks/resend.ts': `import type { NextApiRequest, NextApiResponse } from 'next';\nexport default async function handler(req: NextApiRequest, res: NextApiResponse) {\n  await fetch(process.env.SLACK_URL!, { method: 'POST', body: JSON.stringify(req.body) });\n  res.status(200).end();\n}\n`,
        'server/routes/webhooks.ts': `import { Router } from 'express';\nexport const webhooks = Router();\nwebhooks.post('/shopify', async (req, res) => {\n  console.log('order', req.body.id);\n  res.sendStatus(200);\n});\n`,
      },
      errors: [
        { messageId: 'unverified', line: 2, file: 'pages/api/webhooks/resend.ts' },
        { messageId: 'unverified', line: 3, file: 'server/routes/webhooks.ts' },
      ],
    },
    {
      name: 'webhook controllers in a controllers folder',
      files: {
        'package.json': EXPRESS,
        'server/controllers/payments.ts': `import type { Request, Response } from 'express';\nimport { Order } from '../models/Order';\nexport const razorpayWebhook = async (req: Request, res: Response) => {\n  const { payload } = req.body;\n  await Order.updateOne({ paymentId: payload.payment.entity.id }, { paid: true });\n  res.sendStatus(200);\n};\nexport async function handleRevenueCatWebhook(req: Request, res: Response) {\n  console.log(req.body.event);\n  res.sendStatus(200);\n}\n`,
        'server/routes/payments.ts': `import { Router } from 'express';\nimport { razorpayWebhook, handleRevenueCatWebhook } from '../controllers/payments';\nexport const payments = Router();\npayments.post('/razorpay', razorpayWebhook);\npayments.post('/revenuecat', handleRevenueCatWebhook);\n`,
      },
      errors: [
        { messageId: 'unverified', line: 3, file: 'server/controllers/payments.ts' },
        { messageId: 'unverified', line: 8, file: 'server/controllers/payments.ts' },
      ],
    },
    {
      name: 'a Supabase edge function named as a webhook',
      files: {
        'supabase/functions/stripe-webhook/index.ts': `import { createClient } from 'npm:@supabase/supabase-js@2';\nconst supabase = createClient(Deno.env.get('SUPABASE_URL')!, Deno.env.get('SUPABASE_SERVICE_ROLE_KEY')!);\nDeno.serve(async (req) => {\n  const event = await req.json();\n  if (event.type === 'checkout.session.completed') {\n    await supabase.from('profiles').update({ plan: 'pro' }).eq('id', event.data.object.client_reference_id);\n  }\n  return new Response('ok');\n});\n`,
      },
      errors: [{ messageId: 'unverifiedEvent', line: 3 }],
    },
    {
      // (The check itself is commented out, "for debugging".)
      name: 'a Supabase Edge Function that only logs the start of the signature header',
      files: {
        'package.json': pkg({ '@supabase/supabase-js': '^2.45.0' }),
        'supabase/functions/lemon-squeezy-webhook/index.ts': `serve(async (req) => {\n  const body = await req.text();\n  const signature = req.headers.get('x-signature') || '';\n  console.log('received', signature.substring(0, 20));\n  const payload = JSON.parse(body);\n  await supabase.from('subscriptions').upsert({ email: payload.data.attributes.user_email, plan: 'lifetime' });\n  return new Response('ok');\n});\n`,
      },
      errors: [{ messageId: 'unverified', line: 1 }],
    },
    {
      name: 'the signature header is read but never checked',
      files: {
        'package.json': NEXT,
        'app/api/webhooks/stripe/route.ts': `import { NextResponse } from 'next/server';\nexport async function POST(req: Request) {\n  const signature = req.headers.get('stripe-signature');\n  if (!signature) return NextResponse.json({ error: 'missing signature' }, { status: 400 });\n  const event = JSON.parse(await req.text());\n  if (event.type === 'invoice.payment_succeeded') console.log(event.data.object.id);\n  return NextResponse.json({ received: true });\n}\n`,
      },
      errors: [{ messageId: 'unverifiedEvent', line: 2 }],
    },
    {
      name: 'a Firebase HTTPS function named as a webhook',
      files: {
        'package.json': pkg({ 'firebase-functions': '^5.0.0', 'firebase-admin': '^12.1.0' }),
        'functions/src/index.ts': `import { onRequest } from 'firebase-functions/v2/https';\nimport { getFirestore } from 'firebase-admin/firestore';\nexport const paddleWebhook = onRequest(async (req, res) => {\n  if (req.body.event_type === 'transaction.completed') {\n    await getFirestore().doc(\`users/\${req.body.data.custom_data.uid}\`).update({ plan: 'pro' });\n  }\n  res.sendStatus(200);\n});\n`,
      },
      errors: [{ messageId: 'unverifiedEvent', line: 3 }],
    },
    {
      name: 'a Convex HTTP action handing only the body to an internal action',
      files: {
        'package.json': pkg({ convex: '^1.17.0', cashfree: '^4.3.0' }),
        'convex/http.ts': "import { httpRouter } from 'convex/server';\nimport { httpAction } from './_generated/server';\nimport { internal } from './_generated/api';\nconst http = httpRouter();\nhttp.route({\n  path: '/cashfree-payment-webhook',\n  method: 'POST',\n  handler: httpAction(async (ctx, request) => {\n    const signature = request.headers.get('x-webhook-signature') || '';\n    const timestamp = request.headers.get('x-webhook-timestamp') || '';\n    const rawBody = await request.text();\n    await ctx.runAction(internal.cashfree.processWebhookPayment, { rawBody, timestamp });\n    return new Response('OK');\n  }),\n});\nexport default http;\n",
      },
      errors: [{ messageId: 'unverified', line: 5 }],
    },
    {
      name: "Ko-fi's verification token compared only when it is configured, in one test",
      files: {
        'package.json': pkg({ '@supabase/supabase-js': '^2.45.0' }),
        'supabase/functions/kofi-webhook/index.ts': "const KOFI_VERIFICATION_TOKEN = Deno.env.get('KOFI_VERIFICATION_TOKEN');\nDeno.serve(async (req) => {\n  const formData = await req.formData();\n  const data = JSON.parse(String(formData.get('data')));\n  if (KOFI_VERIFICATION_TOKEN && data.verification_token !== KOFI_VERIFICATION_TOKEN) {\n    return new Response('Unauthorized', { status: 401 });\n  }\n  console.log(data.email, data.amount);\n  return new Response('ok');\n});\n",
      },
      errors: [{ messageId: 'skippedWithoutSecret', line: 5 }],
    },
  ],
});

describe('webhook-without-signature-check messages', () => {
  it('name the sender the folder is named for, before a client the code imports to send mail', async () => {
    const [finding] = await findingsOf('webhook-without-signature-check', {
      files: {
        'package.json': pkg({ '@supabase/supabase-js': '^2.45.0' }),
        'supabase/functions/cakto-webhook/index.ts': `import { Resend } from 'https://esm.sh/resend@2.0.0';\nconst resend = new Resend(Deno.env.get('RESEND_API_KEY'));\nDeno.serve(async (req) => {\n  const payload = await req.json();\n  await resend.emails.send({ to: payload.customer.email, subject: 'Paid', html: '<p>ok</p>', from: 'a@b.c' });\n  return new Response('ok');\n});\n`,
      },
    });
    expect(finding?.message).toContain('(cakto webhook)');
  });

  it("name the sender a route's path names, before another sender the same file handles", async () => {
    const [finding] = await findingsOf('webhook-without-signature-check', {
      files: {
        'package.json': pkg({ express: '^4.19.2', mongoose: '^8.4.0' }),
        'server/routes/payments.js': "const router = require('express').Router();\nconst User = require('../models/User');\nrouter.post('/paypal/create', async (req, res) => res.json(await createPaypalOrder(req.body)));\nrouter.post('/paystack/webhook', async (req, res) => {\n  if (req.body.event === 'charge.success') await User.updateOne({ email: req.body.data.customer.email }, { $inc: { credits: 10 } });\n  res.sendStatus(200);\n});\nmodule.exports = router;\n",
      },
    });
    expect(finding?.message).toContain('(Paystack webhook)');
  });
});
