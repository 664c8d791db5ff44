import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { envVarRead, memberPath, moduleConstants, objectProperty, propertyName, staticString } from '../../engine/ast-utils.js';
import { isScript } from '../../classify/types.js';
import { defineAstRule } from '../../engine/rule.js';
import type { AstNode } from '../../parse/types.js';
import { bare, conjunctsOf, exits, isFunction, isRequestBody, methodName, routeRegistration, walk, type FunctionNode } from './ast-helpers.js';
import { defineFileFact } from '../../model/facts.js';
import { EVENT_HANDLER } from '../../routes/nuxt.js';
import { escapeRegExp } from '../../engine/escape-regexp.js';

const WEBHOOK_PATH = /webhooks?|\/hooks?(?:\/|$)/i;
/** Next.js route files, pages API routes, Supabase edge functions, Netlify/Vercel functions, Nuxt server routes. */
const HANDLER_FILE = /(?:^|\/)(?:route\.[cm]?[jt]sx?$|pages\/api\/|functions\/|server\/(?:api|routes)\/)/;
/** Calls that check a signature or verify a payload: Stripe, svix/Clerk, Octokit, Twilio, Paddle, Shopify, HMAC by hand. */
const VERIFY_CALL = /verif|signature|constructEvent|timingSafeEqual|createHmac|unmarshal|validateRequest|validateWebhook|isValid(?:Signature|Webhook|Request|Hmac)|webhookCallback|hmac|subtle\.sign$/i;
const EVENT_PROPERTY = /^(?:type|event|event_type|eventType|event_name|eventName|topic|action)$/;
const EVENT_NAME = /^(?:checkout\.session|customer|invoice|payment_intent|payment_method|charge|subscription|payout|account|user|session|organization|organizationMembership|email|transaction|order|orders|products|app|payment|refund|dispute|license_key|subscription_payment|order_created|order_refunded|subscription_created|subscription_updated|subscription_cancelled|subscription_expired|customers|carts|checkouts|inventory_items|fulfillments)[._/][a-z_.\/]+$/;
const PROVIDERS: [RegExp, string][] = [
  [/stripe/i, 'Stripe'],
  [/clerk/i, 'Clerk'],
  [/svix/i, 'svix'],
  [/github|octokit/i, 'GitHub'],
  [/lemon/i, 'Lemon Squeezy'],
  [/paddle/i, 'Paddle'],
  [/shopify/i, 'Shopify'],
  [/twilio/i, 'Twilio'],
  [/resend/i, 'Resend'],
  [/razorpay/i, 'Razorpay'],
  [/paypal/i, 'PayPal'],
  [/paystack/i, 'Paystack'],
  [/flutterwave/i, 'Flutterwave'],
  [/polar/i, 'Polar'],
];
const HTTP_WRITE = /^(?:POST|PUT|PATCH|ALL|USE)$/;
/** `cakto-webhook/index.ts`, `paystack_webhook.js`, `webhook-infinitepay/`, `webhooks/paystack/route.ts`: the sender's name. */
const NAMED_WEBHOOK = /(?:^|\/)([a-z][a-z0-9]+)[-_/]webhooks?(?:\/|\.|\s)|(?:^|\/)webhooks?[-_/]([a-z][a-z0-9]+)(?:\/|\.|\s)/i;
const GENERIC_WEBHOOK_NAME = /^(?:api|app|handle|handler|my|the|test|incoming|payment|payments|index|route|main|server|update|updates|event|events)$/i;

interface Candidate {
  fn: FunctionNode;
  /** Where the finding goes: the route registration or the exported handler. */
  at: AstNode;
  what: string;
  /** Route-level middleware that may verify the signature before the handler. */
  middleware: AstNode[];
}

function readsBody(fn: FunctionNode): boolean {
  let found = false;
  walk(fn.body, (n) => {
    if (found) return false;
    if (isBodyRead(n)) found = true;
    return undefined;
  });
  return found;
}

/** `req.body`, `await request.text()`, `getRawBody(req)`, `req.rawBody`: where a handler reads what was posted. */
function isBodyRead(n: AstNode): boolean {
  if (isRequestBody(n)) return true;
  if (n.type === 'CallExpression') {
    const m = methodName(n) ?? '';
    const recv = n.callee.type === 'MemberExpression' ? memberPath(n.callee.object) ?? '' : '';
    if (/^(?:text|arrayBuffer|formData|blob)$/.test(m) && /^(?:req|request|c\.req|ctx\.req)$/.test(recv)) return true;
    return /^(?:buffer|rawBody|getRawBody|text|json)$/.test(m) && n.arguments.some((a) => /^(?:req|request)$/.test(memberPath(a as AstNode) ?? ''));
  }
  return n.type === 'MemberExpression' && /^(?:req|request)\.rawBody$/.test(memberPath(n) ?? '');
}

/** Signature checks in the handler: a verifying call, or a comparison against a secret from the environment. */
function verifies(nodes: AstNode[], fileSecrets: ReadonlySet<string>, middleware = false): boolean {
  let found = false;
  // Locals holding a secret from the environment (`const secret = Deno.env.get('WEBHOOK_SECRET')`), and the
  // file's own constants that do (`const KOFI_VERIFICATION_TOKEN = Deno.env.get(…)` at the top of the module).
  const secrets = new Set<string>(fileSecrets);
  const isSecret = (s: AstNode) => {
    const e = bare(s);
    return !!e && (SECRET_ENV.test(envVarRead(e) ?? '') || (e.type === 'Identifier' && secrets.has(e.name)));
  };
  for (const node of nodes) {
    walk(node, (n) => {
      if (found) return false;
      const secret = envSecretName(n);
      if (secret) secrets.add(secret);
      if ((n.type === 'CallExpression' || n.type === 'NewExpression') && VERIFY_CALL.test(memberPath(n.callee) ?? methodName(n) ?? '') && !TEXT_METHOD.test(methodName(n) ?? '')) found = true;
      // The signature handed to a helper of the project's (`await computeHashForMonnify({ hashSent: monnifySignature, requestBody })`).
      else if (n.type === 'CallExpression' && passesSignature(n)) found = true;
      else if (middleware && n.type === 'Identifier' && VERIFY_CALL.test(n.name) && n.parent?.type !== 'Property') found = true;
      else if (n.type === 'BinaryExpression' && /^[!=]==?$/.test(n.operator) && [n.left, n.right].some((s) => isSecret(s as AstNode))) found = true;
      // A digest worked out here compared with the signature sent (`if (hash !== signature_key)`, Midtrans's SHA-512 of the
      // order and the server key): not a test of whether one was sent.
      else if (n.type === 'BinaryExpression' && /^[!=]==?$/.test(n.operator) && comparesSignature(n.left as AstNode, n.right as AstNode)) found = true;
      return undefined;
    });
  }
  return found;
}

const SECRET_ENV = /SECRET|TOKEN|SIGNING|WEBHOOK_KEY/i;
/** What a string is asked (`signature.substring(0, 20)` for a log line): no check, whatever the string is called. */
const TEXT_METHOD = /^(?:substring|substr|slice|split|trim|toLowerCase|toUpperCase|startsWith|endsWith|includes|replace|padEnd|padStart|toString|charAt|at)$/;

/** One side named as a signature (`signature_key`, `req.headers['x-signature']` read into `sig`), the other a value, not a literal. */
function comparesSignature(left: AstNode, right: AstNode): boolean {
  const named = (v: AstNode | undefined) => {
    const e = bare(v);
    const name = e?.type === 'Identifier' ? e.name : e?.type === 'MemberExpression' ? propertyName(e) : undefined;
    return !!name && SIGNATURE_NAME.test(name);
  };
  const value = (v: AstNode | undefined) => {
    const e = bare(v);
    return !!e && e.type !== 'Literal' && !(e.type === 'Identifier' && e.name === 'undefined') && e.type !== 'TemplateLiteral';
  };
  return (named(left) && value(right)) || (named(right) && value(left));
}

/** A call given a value named as the signature, alone or in an object, other than a response or a log line. */
function passesSignature(call: TSESTree.CallExpression): boolean {
  const callee = memberPath(call.callee) ?? methodName(call) ?? '';
  // Convex's HTTP action hands it to a function of the backend: `ctx.runAction(internal.payments.verify, { signature, rawBody })`.
  const convexCall = /^ctx\.(?:run(?:Action|Mutation|Query)|scheduler\.run(?:After|At))$/.test(callee);
  if (!convexCall && /^(?:res|reply|response|console|logger|log|c|ctx)\b|(?:^|\.)(?:json|send|log|info|warn|error|debug)$/.test(callee)) return false;
  const named = (v: AstNode | undefined) => v?.type === 'Identifier' && SIGNATURE_NAME.test(v.name);
  return call.arguments.some((a) => named(a as AstNode) || (a.type === 'ObjectExpression' && a.properties.some((p) => p.type === 'Property' && named(p.value as AstNode))));
}

/** A value read from the environment under a secret's name: `process.env.WEBHOOK_SECRET`, `Deno.env.get('…_TOKEN')!`. */
function isEnvSecret(init: AstNode | null | undefined): boolean {
  return !!init && SECRET_ENV.test(envVarRead(bare(init)!) ?? '');
}

/** `const secret = process.env.WEBHOOK_SECRET` (also `Deno.env.get(…)`, with `!` or `?? ''`). */
function envSecretName(n: AstNode): string | undefined {
  return n.type === 'VariableDeclarator' && n.id.type === 'Identifier' && isEnvSecret(n.init as AstNode | null) ? n.id.name : undefined;
}

/** The provider event the handler acts on, read from the body: `event.type === 'checkout.session.completed'`. */
function handledEvent(fn: FunctionNode): string | undefined {
  let event: string | undefined;
  walk(fn.body, (n) => {
    if (event) return false;
    if (n.type === 'BinaryExpression' && /^[!=]==?$/.test(n.operator)) {
      for (const [a, b] of [[n.left, n.right], [n.right, n.left]] as const) {
        const s = staticString(b as AstNode);
        if (s && EVENT_NAME.test(s) && isEventRead(a as AstNode)) event = s;
      }
    } else if (n.type === 'SwitchStatement' && isEventRead(n.discriminant)) {
      event = n.cases.map((c) => staticString(c.test as AstNode)).find((s) => s !== undefined && EVENT_NAME.test(s));
    }
    return undefined;
  });
  return event;
}

function isEventRead(node: AstNode): boolean {
  const n = bare(node);
  return n?.type === 'MemberExpression' && EVENT_PROPERTY.test(propertyName(n) ?? '');
}

/** A route of a Convex `httpRouter`, with its handler's function when this file holds it. */
function convexRoute(node: TSESTree.CallExpression, program: TSESTree.Program | undefined): { method: string; path: string; fn: FunctionNode } | undefined {
  const options = node.arguments[0];
  if (node.callee.type !== 'MemberExpression' || propertyName(node.callee) !== 'route' || options?.type !== 'ObjectExpression') return undefined;
  const value = (key: string) => objectProperty(options, key)?.value as AstNode | undefined;
  const method = staticString(value('method'));
  const path = staticString(value('path')) ?? staticString(value('pathPrefix'));
  let handler = value('handler');
  if (handler?.type === 'Identifier') handler = moduleConstants(program).get(handler.name);
  const made = handler && bare(handler);
  const fn = made?.type === 'CallExpression' && made.callee.type === 'Identifier' && made.callee.name === 'httpAction' ? made.arguments.find((a) => isFunction(a as AstNode)) : undefined;
  return method && path !== undefined && fn ? { method: method.toUpperCase(), path, fn: fn as FunctionNode } : undefined;
}

function provider(file: string, text: string): string {
  for (const [re, name] of PROVIDERS) if (re.test(file)) return `${name} webhook`;
  // A folder or file named for the sender (`cakto-webhook/`, `webhooks/paystack.ts`), before what the code imports (an email client).
  const named = NAMED_WEBHOOK.exec(file);
  const sender = named?.[1] ?? named?.[2];
  if (sender && !GENERIC_WEBHOOK_NAME.test(sender)) return `${sender} webhook`;
  for (const [re, name] of PROVIDERS) if (re.test(text)) return `${name} webhook`;
  return 'webhook';
}

const SKIPPED = { header: 'skippedWithoutHeader', secret: 'skippedWithoutSecret', failure: 'failureIgnored' } as const;

export const webhookWithoutSignatureCheck = defineAstRule({
  id: 'webhook-without-signature-check',
  messageIds: ['unverified', 'unverifiedEvent', 'skippedWithoutHeader', 'skippedWithoutSecret', 'failureIgnored'],
  appliesTo: { roles: ['server'] },
  // Only handlers that read the body are reported (readsBody): `.body`, `.json()`, `.text()`, `.arrayBuffer()`,
  // `.formData()`, `.blob()`, `buffer(req)`, `rawBody`, `parseBody`, `Object.fromEntries(…)`.
  triggers: ['body', 'Body', 'json', 'text', 'arrayBuffer', 'formData', 'blob', 'buffer', 'fromEntries'],
  create({ file, model, report }) {
    const candidates: Candidate[] = [];
    const fileIsWebhook = WEBHOOK_PATH.test(file.path);
    const functions: FunctionNode[] = [];
    const addExport = (name: string | undefined, fn: AstNode | null | undefined, at: AstNode) => {
      const f = bare(fn);
      if (!f || !isFunction(f) || !name) return;
      if (HANDLER_FILE.test(file.path) && fileIsWebhook && (/^(?:POST|PUT|PATCH|default|handler)$/.test(name))) candidates.push({ fn: f, at, what: `${name === 'default' || name === 'handler' ? 'the handler' : name} in \`${file.path}\``, middleware: [] });
    };
    return {
      ExportNamedDeclaration(node) {
        const d = node.declaration;
        if (d?.type === 'FunctionDeclaration') addExport(d.id?.name, d, d.id ?? d);
        if (d?.type === 'VariableDeclaration') for (const v of d.declarations) if (v.id.type === 'Identifier') addExport(v.id.name, v.init, v.id);
      },
      ExportDefaultDeclaration(node) {
        // Nuxt: `export default defineEventHandler(async (event) => …)`.
        const d = bare(node.declaration as AstNode);
        const handler = d?.type === 'CallExpression' && d.callee.type === 'Identifier' && EVENT_HANDLER.test(d.callee.name) ? (d.arguments[0] as AstNode | undefined) : d;
        addExport('default', handler, node);
      },
      CallExpression(node) {
        const route = routeRegistration(node);
        if (route && HTTP_WRITE.test(route.method) && route.method !== 'USE' && (WEBHOOK_PATH.test(route.path) || fileIsWebhook)) {
          const args = node.arguments.slice(1) as AstNode[];
          const handler = args.at(-1);
          if (handler && isFunction(handler)) candidates.push({ fn: handler, at: node, what: `\`${route.method} ${route.path}\``, middleware: args.slice(0, -1) });
        }
        // Convex: `http.route({ path: '/stripe-webhook', method: 'POST', handler: httpAction(async (ctx, request) => …) })`,
        // the handler inline or a constant of this file.
        const convex = convexRoute(node, file.ast);
        if (convex && HTTP_WRITE.test(convex.method) && (WEBHOOK_PATH.test(convex.path) || fileIsWebhook)) candidates.push({ fn: convex.fn, at: node, what: `\`${convex.method} ${convex.path}\``, middleware: [] });
        // Supabase edge functions and other fetch-style servers named as webhooks.
        const path = memberPath(node.callee);
        if (fileIsWebhook && (path === 'serve' || path === 'Deno.serve' || path === 'onRequest' || path === 'functions.https.onRequest')) {
          // Inline, or a function of this file named there (`const handler = async (req) => {…}; serve(handler)`).
          const handler = node.arguments.map((a) => (a.type === 'Identifier' ? topLevelFunction(file.ast, a.name) : a)).find((a) => a && isFunction(a as AstNode));
          if (handler) candidates.push({ fn: handler as FunctionNode, at: node, what: `the handler in \`${file.path}\``, middleware: [] });
        }
      },
      'FunctionDeclaration:exit'(node) {
        functions.push(node);
      },
      'ArrowFunctionExpression:exit'(node) {
        functions.push(node);
      },
      'FunctionExpression:exit'(node) {
        functions.push(node);
      },
      'Program:exit'() {
        const seen = new Set<AstNode>(candidates.map((c) => c.fn));
        // Controllers: `export const handleStripeWebhook = async (req, res) => {…}`, `exports.razorpayWebhook = …`.
        for (const fn of functions) {
          const name = functionName(fn);
          const first = fn.params[0];
          if (seen.has(fn) || !name || !/webhook/i.test(name) || first?.type !== 'Identifier' || !/^(?:req|request)$/.test(first.name)) continue;
          if (verifiedWhereMounted(model, name)) continue;
          seen.add(fn);
          candidates.push({ fn, at: fn.id ?? fnAnchor(fn), what: `\`${name}()\``, middleware: [] });
        }
        // Handlers not named as webhooks that act on a provider event taken from the body.
        for (const fn of functions) {
          if (seen.has(fn) || fn.parent?.type !== 'CallExpression' || !routeRegistration(fn.parent)) continue;
          const route = routeRegistration(fn.parent)!;
          if (!HTTP_WRITE.test(route.method) || route.method === 'USE') continue;
          if (handledEvent(fn)) candidates.push({ fn, at: fn.parent, what: `\`${route.method} ${route.path}\``, middleware: (fn.parent.arguments.slice(1, -1) as AstNode[]) });
        }
        // The file's constants holding a secret from the environment (`const KOFI_TOKEN = Deno.env.get(…)`).
        const fileSecrets = new Set([...moduleConstants(file.ast)].filter(([, init]) => isEnvSecret(init)).map(([name]) => name));
        for (const c of candidates) {
          if (!readsBody(c.fn) || bodyOnlyMeasured(c.fn) || verifies(c.middleware, fileSecrets, true)) continue;
          // The route's own path first (`/paystack/webhook` beside a PayPal handler in the same file), then the file's.
          const kind = provider(`${c.what.replace(/`/g, '')} ${file.path}`, file.text);
          if (verifies([c.fn.body], fileSecrets)) {
            const skip = skippableCheck(c.fn, fileSecrets);
            if (skip) report({ messageId: SKIPPED[skip.skipped], node: skip.test, severity: skip.skipped === 'secret' ? 'medium' : 'high', data: { what: c.what, provider: kind, test: file.text.slice(skip.test.range[0], skip.test.range[1]) } });
            continue;
          }
          const event = handledEvent(c.fn);
          if (event) report({ messageId: 'unverifiedEvent', node: c.at, data: { what: c.what, provider: kind, event } });
          else report({ messageId: 'unverified', node: c.at, data: { what: c.what, provider: kind } });
        }
      },
    };
  },
});

/**
 * A signature check the handler can skip: it runs only when `if (signature)` / `if (webhookSecret)` holds, and
 * otherwise the event is taken from the body as it came (`else { event = JSON.parse(body) }`, or
 * `let event = req.body` before the check). Without the header a forged request skips the check; without the
 * secret in an environment (a preview, a new deployment) every request does. Or the check fails and the
 * handler only logs it, going on with the body.
 */
function skippableCheck(fn: FunctionNode, fileSecrets: ReadonlySet<string>): { test: AstNode; skipped: 'header' | 'secret' | 'failure' } | undefined {
  let found: { test: AstNode; skipped: 'header' | 'secret' | 'failure' } | undefined;
  // Locals holding a secret from the environment, as verifies() collects them: a comparison with one is a check too.
  const secrets = new Set<string>(fileSecrets);
  walk(fn.body, (n) => {
    if (found) return false;
    const secret = envSecretName(n);
    if (secret) secrets.add(secret);
    const compared = n.type === 'BinaryExpression' && /^[!=]==?$/.test(n.operator) && [n.left, n.right].some((side) => {
      const e = bare(side as AstNode);
      return e?.type === 'Identifier' && secrets.has(e.name);
    });
    if (!compared && (n.type !== 'CallExpression' || !VERIFY_CALL.test(memberPath(n.callee) ?? methodName(n) ?? ''))) return undefined;
    const target = n.type === 'CallExpression' ? assignedTo(n) : undefined;
    for (let child: AstNode = n, cur: AstNode | undefined = n.parent; cur && cur !== fn; child = cur, cur = cur.parent) {
      // `try { event = constructEvent(…) } catch (err) { console.log(err) }` after `let event = req.body`: a
      // failed check is logged and the event from the body goes on.
      if (cur.type === 'TryStatement' && child === cur.block && cur.handler && !exits(cur.handler.body) && (trustsBody(cur.handler.body, target) || bodyUsedAfter(fn, cur))) {
        found = { test: cur.handler, skipped: 'failure' };
        break;
      }
      // `if (SECRET && token !== SECRET) return 401`: with no secret set, nothing is compared and the body goes on.
      if (cur.type === 'IfStatement' && child === cur.test && child.type === 'LogicalExpression' && child.operator === '&&' && exits(cur.consequent as AstNode)) {
        const others = conjunctsOf(child).filter((part) => !(part.range[0] <= n.range[0] && n.range[1] <= part.range[1]));
        const tested = others.length > 0 && others.every((part) => presenceTested(part, secrets) === 'secret') ? 'secret' : undefined;
        if (tested && bodyUsedAfter(fn, cur)) found = { test: cur.test, skipped: tested };
        break;
      }
      if (cur.type !== 'IfStatement') continue;
      const negated = cur.test.type === 'UnaryExpression' && cur.test.operator === '!';
      const checked = negated ? cur.alternate : cur.consequent;
      if (child !== checked) continue;
      const tested = presenceTested(negated ? (cur.test as { argument: AstNode }).argument : cur.test, fileSecrets);
      if (!tested) continue;
      const other = (negated ? cur.consequent : cur.alternate) as AstNode | null;
      if (other ? trustsBody(other, target) : bodyUsedAfter(fn, cur)) found = { test: cur.test, skipped: tested };
      break;
    }
    return undefined;
  });
  return found;
}

/** `event = stripe.webhooks.constructEvent(…)`: the name the verified event goes to. */
function assignedTo(call: AstNode): string | undefined {
  let p = call.parent;
  while (p && (p.type === 'AwaitExpression' || p.type === 'TSAsExpression' || p.type === 'TSNonNullExpression')) p = p.parent;
  if (p?.type === 'AssignmentExpression' && p.left.type === 'Identifier') return p.left.name;
  if (p?.type === 'VariableDeclarator' && p.id.type === 'Identifier') return p.id.name;
  return undefined;
}

/** `signature`, `sig`, `sigHeader`, `stripeSignature`, `x_sig` (not `signupEnabled`). */
const SIGNATURE_NAME = /(?:^|_)sig(?:nature)?(?=$|_|[A-Z])|Sig(?:nature)?(?=$|_|[A-Z])/;

/**
 * What an `if` tests the presence of: the signature header (`signature`, `sig`, `req.headers['stripe-signature']`)
 * or the secret (`webhookSecret`, `process.env.STRIPE_WEBHOOK_SECRET`), alone or joined with `&&`.
 */
function presenceTested(test: AstNode, fileSecrets: ReadonlySet<string>): 'header' | 'secret' | undefined {
  const parts: AstNode[] = [];
  const split = (t: AstNode): void => {
    if (t.type === 'LogicalExpression' && t.operator === '&&') (split(t.left), split(t.right));
    else parts.push(t);
  };
  split(test);
  let kind: 'header' | 'secret' | undefined;
  for (const raw of parts) {
    const part = bare(raw)!;
    const path = part.type === 'Identifier' || part.type === 'MemberExpression' || part.type === 'CallExpression' ? memberPath(part.type === 'CallExpression' ? part.callee : part) ?? '' : '';
    const headerRead = part.type === 'CallExpression' || part.type === 'MemberExpression' ? /sig/i.test(staticString((part.type === 'CallExpression' ? part.arguments[0] : part.property) as AstNode) ?? '') : false;
    if (headerRead || (part.type === 'Identifier' && SIGNATURE_NAME.test(part.name))) kind = 'header';
    else if ((part.type === 'Identifier' && (/secret|signing/i.test(part.name) || fileSecrets.has(part.name))) || SECRET_ENV.test(envVarRead(part) ?? '')) kind ??= 'secret';
    else if (!path) return undefined;
  }
  return kind;
}

/** The branch taken without a check reads the event from the body, or sets the event some other way. */
function trustsBody(branch: AstNode, target: string | undefined): boolean {
  let found = false;
  walk(branch, (n) => {
    if (found) return false;
    if (isRequestBody(n) || (n.type === 'CallExpression' && memberPath(n.callee) === 'JSON.parse')) found = true;
    else if (target && n.type === 'AssignmentExpression' && n.left.type === 'Identifier' && n.left.name === target) found = true;
    return undefined;
  });
  return found;
}

/**
 * The body is read into a local before the check (`let event = req.body`, `const raw = await req.text()`, and
 * what is parsed from it) and that local is used after it: a request the check skipped, or failed, goes on.
 */
function bodyUsedAfter(fn: FunctionNode, check: AstNode): boolean {
  const names = new Set<string>();
  let used = false;
  walk(fn.body, (n) => {
    if (used) return false;
    if (n.type === 'VariableDeclarator' && n.id.type === 'Identifier' && n.init && n.range[1] <= check.range[0] && readsBodyInto(n.init as AstNode, names)) names.add(n.id.name);
    // `let body; try { body = await req.json() } catch { … }`: assigned before the check.
    else if (n.type === 'AssignmentExpression' && n.left.type === 'Identifier' && n.range[1] <= check.range[0] && readsBodyInto(n.right as AstNode, names)) names.add(n.left.name);
    else if (n.type === 'Identifier' && n.range[0] >= check.range[1] && names.has(n.name) && !(n.parent?.type === 'VariableDeclarator' && n.parent.id === n)) used = true;
    return undefined;
  });
  return used;
}

/**
 * A connectivity test (`const body = await req.text(); console.log(body.length)`): the body is read into locals that
 * are only logged or measured, so a forged request changes nothing. A body read and used in place is taken as acted on.
 */
function bodyOnlyMeasured(fn: FunctionNode): boolean {
  const names = new Set<string>();
  let inPlace = false;
  let acted = false;
  walk(fn.body, (n) => {
    if (acted || inPlace) return false;
    if (n.type === 'VariableDeclarator' && n.id.type === 'Identifier' && n.init && readsBodyInto(n.init as AstNode, names)) {
      names.add(n.id.name);
      return false;
    }
    // A read outside the locals followed here: the body is used in place.
    if (isBodyRead(n)) inPlace = true;
    else if (n.type === 'Identifier' && names.has(n.name)) {
      const p = n.parent;
      const measured = p?.type === 'MemberExpression' && p.object === n && propertyName(p) === 'length';
      const logged = p?.type === 'CallExpression' && p.callee !== n && /^console\./.test(memberPath(p.callee) ?? '');
      if (!measured && !logged) acted = true;
    }
    return undefined;
  });
  return names.size > 0 && !acted && !inPlace;
}

/** A value read from the body: `req.body`, `await req.text()`, `JSON.parse(…)`, or made from a local that holds it. */
function readsBodyInto(init: AstNode, names: ReadonlySet<string>): boolean {
  let found = false;
  walk(init, (n) => {
    if (found) return false;
    if (isRequestBody(n) || (n.type === 'CallExpression' && memberPath(n.callee) === 'JSON.parse') || (n.type === 'Identifier' && names.has(n.name))) found = true;
    else if (n.type === 'CallExpression' && /^(?:text|json|arrayBuffer)$/.test(methodName(n) ?? '') && /^(?:req|request|c\.req|ctx\.req)$/.test(n.callee.type === 'MemberExpression' ? memberPath(n.callee.object) ?? '' : '')) found = true;
    return undefined;
  });
  return found;
}

/** The function a top-level name of the file holds: a function declaration, or a constant set to one. */
function topLevelFunction(program: TSESTree.Program | undefined, name: string): AstNode | undefined {
  const init = moduleConstants(program).get(name);
  if (init) return bare(init);
  for (const st of program?.body ?? []) {
    const decl = st.type === 'ExportNamedDeclaration' ? st.declaration : st;
    if (decl?.type === 'FunctionDeclaration' && decl.id?.name === name) return decl as AstNode;
  }
  return undefined;
}

function functionName(fn: FunctionNode): string | undefined {
  if (fn.id) return fn.id.name;
  const p = fn.parent;
  if (p?.type === 'VariableDeclarator' && p.id.type === 'Identifier') return p.id.name;
  if ((p?.type === 'Property' || p?.type === 'MethodDefinition' || p?.type === 'PropertyDefinition') && !p.computed) return propertyName(p);
  if (p?.type === 'AssignmentExpression') return memberPath(p.left)?.split('.').pop();
  // Firebase: `export const stripeWebhook = onRequest(async (req, res) => {…})`.
  if (p?.type === 'CallExpression' && /(?:^|\.)onRequest$/.test(memberPath(p.callee) ?? '') && p.parent?.type === 'VariableDeclarator' && p.parent.id.type === 'Identifier') return p.parent.id.name;
  return undefined;
}

/** Where to report a named handler: its name, not its whole body. */
function fnAnchor(fn: FunctionNode): AstNode {
  const p = fn.parent;
  if (p?.type === 'VariableDeclarator') return p.id;
  if (p?.type === 'Property' || p?.type === 'MethodDefinition' || p?.type === 'PropertyDefinition') return p.key;
  if (p?.type === 'AssignmentExpression') return p.left;
  if (p?.type === 'CallExpression' && p.parent?.type === 'VariableDeclarator') return p.parent.id;
  return fn;
}

/** A route elsewhere mounts the controller behind a verifying middleware: `router.post('/webhook', verifySignature, ctrl.handleWebhook)`. */
const verifiedWhereMounted = defineFileFact(
  'webhook-verified-where-mounted',
  (f, name): true | undefined => {
    if (!isScript(f.language) || !f.text.includes(name)) return undefined;
    const word = new RegExp(`\\b${escapeRegExp(name)}\\b`);
    for (const line of f.text.split('\n')) if (word.test(line) && /\(\s*['"`]/.test(line) && VERIFY_CALL.test(line.replace(word, ''))) return true;
    return undefined;
  },
  (parts) => parts.length > 0,
);
