import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { memberPath, propertyName, staticString } from '../engine/ast-utils.js';
import type { AstNode } from '../parse/types.js';
import { chainOf, chainText, fileTest, isFunction, shorten, textOf, walk, type FunctionNode } from './ast.js';
import { originOf, resolve, type Aliases } from './filters.js';
import type { FunctionFacts } from './types.js';
import { escapeRegExp } from '../engine/escape-regexp.js';

/**
 * The amount a handler asks a payment provider to charge, and whether the buyer's request chose it: a price sent by
 * the browser (`unit_amount: item.price * 100`) lets the buyer pay one cent for anything. Read by the route inventory
 * (`RouteEntry.clientAmount`) for `payment-amount-from-client`.
 */

/** Calls that fix what a buyer pays: Stripe payment intents, checkout sessions, charges, prices and links; Razorpay orders. */
const STRIPE_CHARGE = /(?:^|\.)(?:paymentIntents|charges|invoiceItems|prices|paymentLinks)\.create$|(?:^|\.)checkout\.sessions\.create$/;
const ORDER_CREATE = /(?:^|\.)orders\.create$/;
/**
 * Payment APIs called with `fetch`, by the URL that starts a payment for the amount in the body: Paystack, Flutterwave,
 * Razorpay orders, M-Pesa's STK push (Safaricom Daraja, PayHero), Chapa, Xendit invoices, Midtrans Snap, PayMongo.
 */
const PAYMENT_INIT_URLS: [url: RegExp, provider: string][] = [
  [/api\.paystack\.co\/transaction\/initialize/, 'Paystack'],
  [/api\.flutterwave\.com\/v3\/payments/, 'Flutterwave'],
  [/api\.razorpay\.com\/v1\/orders(?![\w/])/, 'Razorpay'],
  [/\/mpesa\/stkpush\/v1\/processrequest/, 'M-Pesa'],
  [/payhero\.co\.ke\/api\/v2\/payments/, 'PayHero (M-Pesa)'],
  [/api\.chapa\.co\/v1\/transaction\/initialize/, 'Chapa'],
  [/api\.xendit\.co\/v2\/invoices/, 'Xendit'],
  [/midtrans\.com\/snap\/v1\/transactions/, 'Midtrans'],
  [/api\.paymongo\.com\/v1\/(?:links|checkout_sessions|payment_intents)/, 'PayMongo'],
];
/**
 * Other payment SDKs, by the package the file imports: calls that create a payment, a payment link or a checkout
 * (Square's `createPaymentLink` with `basePriceMoney: { amount }`, Mercado Pago's `payment.create` with
 * `transaction_amount`, Mollie's `payments.create` with `amount: { value }`).
 */
const SDK_CHARGES: [call: RegExp, module: RegExp, provider: string][] = [
  [/(?:^|\.)(?:createPaymentLink|createPayment|paymentLinks\.create|payments\.create|checkout\.create)$/, /['"]square['"]/, 'Square'],
  [/(?:^|\.)(?:payment|preference|preferences)\.create$/i, /['"]mercadopago['"]/, 'Mercado Pago'],
  [/(?:^|\.)payments\.create$/, /['"]@mollie\/api-client['"]/, 'Mollie'],
];
/** Keys that hold the sum charged: Stripe `amount` / `unit_amount`, PayPal's `amount: { value }`, Mercado Pago's `transaction_amount` / `unit_price`, Daraja's `Amount`, Midtrans's `gross_amount`. */
const AMOUNT_KEY = /^(?:amount|Amount|unit_amount|unit_amount_decimal|transaction_amount|unit_price|gross_amount)$/;
/** Request fields that are a price (the buyer states what something costs), not an amount they choose to give. */
const PRICE_KEY = /price|total|cost|subtotal|fee|unit_?amount|amount_?due/i;
/** Request fields naming what is bought: with them, the amount should follow from the thing, not from the buyer. */
const ITEM_KEY = /^(?:items?|cart|cart_?items|products?|product_?ids?|productIds?|plan|plan_?id|planId|course_?id|courseId|package|package_?id|packageId|tier|order_?id|orderId|booking_?id|bookingId|service_?id|serviceId|ticket_?id|ticketId|event_?id|eventId|credits|sku|quantity)$/i;
/** Calls that compute from the value they are given, keeping where it came from. */
const KEEPS_SOURCE = /^(?:parseFloat|parseInt|Number|String|Math\.\w+|toFixed|toString|valueOf|reduce|map|filter|flatMap|find|json|formData|text|round|ceil|floor|abs|max|min)$/;
/** Callbacks over a list, whose first parameter (for `reduce`, the second) is one element. */
const ELEMENT_CALLBACK = /^(?:map|flatMap|forEach|filter|find|some|every|reduce)$/;

/** A payment call's provider: `Stripe`, `Razorpay`, `Paystack`, `PayPal`, `Square`…; undefined when the call fixes no amount. */
function chargeCall(call: TSESTree.CallExpression, text: string, roots: () => readonly AstNode[]): string | undefined {
  const { root, steps } = chainOf(call);
  const dotted = chainText({ root, steps });
  if (STRIPE_CHARGE.test(dotted) && (/stripe/i.test(dotted) || /['"](?:npm:)?stripe(?:@[^'"]*)?['"]/.test(text))) return 'Stripe';
  if (ORDER_CREATE.test(dotted) && (/razorpay|rzp/i.test(dotted) || /['"](?:npm:)?razorpay(?:@[^'"]*)?['"]/.test(text))) return 'Razorpay';
  if (root === 'fetch' && steps.length === 0) {
    const url = call.arguments[0] ? textOf(text, call.arguments[0] as AstNode) : '';
    const provider = PAYMENT_INIT_URLS.find(([re]) => re.test(url));
    if (provider) return provider[1];
  }
  const sdk = SDK_CHARGES.find(([path, module]) => path.test(dotted) && module.test(text));
  if (sdk) return sdk[2];
  // PayPal's Orders API, whatever sends the order (its SDK, `fetch`, axios, the app's own wrapper): the body
  // lists the `purchase_units` to pay for.
  if (mentionsPayPalOrder(text) && roots().some((r) => PAYPAL_ORDER.test(textOf(text, r)))) return 'PayPal';
  return undefined;
}

const PAYPAL_ORDER = /\bpurchase_units\b/;
const mentionsPayPalOrder = fileTest(PAYPAL_ORDER);

/** Calls worth asking what they charge (by their chain's root and last step): `fetch`, a provider's `create`, anything in a file that builds PayPal orders. */
export function mayCharge(root: string | undefined, last: string | undefined, text: string): boolean {
  return root === 'fetch' || last === 'create' || last === 'createPaymentLink' || last === 'createPayment' || mentionsPayPalOrder(text);
}

/** A call's arguments and the locals they name (`orders.create(options)`, `{ line_items }`, `body: JSON.stringify(order)`). */
function chargeRoots(call: TSESTree.CallExpression, fn: AstNode): AstNode[] {
  const roots: AstNode[] = [...(call.arguments as AstNode[])];
  const named = new Set<string>();
  const nameOf = (node: AstNode) => {
    if (node.type === 'Identifier') named.add(node.name);
    else if (node.type === 'CallExpression' && node.arguments[0]?.type === 'Identifier' && memberPath(node.callee as AstNode) === 'JSON.stringify') named.add(node.arguments[0].name);
  };
  for (const arg of call.arguments) {
    nameOf(arg as AstNode);
    if (arg.type !== 'ObjectExpression') continue;
    for (const p of arg.properties) if (p.type === 'Property') nameOf(p.value as AstNode);
  }
  if (named.size) {
    walk(fn, (node) => {
      if (node.type === 'VariableDeclarator' && node.id.type === 'Identifier' && named.has(node.id.name) && node.init) roots.push(node.init as AstNode);
      return undefined;
    });
  }
  return roots;
}

/** The values of amount keys in a payment call's arguments and the locals they name, at any depth (line items, `price_data`, the body of a `fetch`). */
function amountValues(roots: readonly AstNode[]): { value: AstNode; ancestors: AstNode[] }[] {
  const out: { value: AstNode; ancestors: AstNode[] }[] = [];
  for (const arg of roots) {
    walk(arg, (node, ancestors) => {
      if (node.type !== 'Property') return undefined;
      const key = propertyName(node);
      if (!key || !AMOUNT_KEY.test(key)) return undefined;
      const value = node.value as AstNode;
      // PayPal: `amount: { currency_code, value }`.
      if (value.type === 'ObjectExpression') {
        const inner = value.properties.find((p) => p.type === 'Property' && propertyName(p) === 'value');
        if (inner) out.push({ value: (inner as TSESTree.Property).value as AstNode, ancestors: [...ancestors, node, value] });
        return undefined;
      }
      out.push({ value, ancestors: [...ancestors, node] });
      return false;
    });
  }
  return out;
}

/** Local names a callback gives to one element of a list (`items.map((item) => …)`), as the list's text with `[]`. */
function elementNames(ancestors: readonly AstNode[], text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (let i = 1; i < ancestors.length; i++) {
    const fn = ancestors[i];
    const call = ancestors[i - 1];
    if (!isFunction(fn) || call.type !== 'CallExpression' || call.callee.type !== 'MemberExpression' || call.arguments[0] !== fn) continue;
    const method = propertyName(call.callee);
    if (!method || !ELEMENT_CALLBACK.test(method)) continue;
    const param = fn.params[method === 'reduce' ? 1 : 0] as AstNode | undefined;
    const list = `${textOf(text, call.callee.object as AstNode)}[]`;
    if (param?.type === 'Identifier') out.set(param.name, list);
    else if (param?.type === 'ObjectPattern') {
      for (const p of param.properties) if (p.type === 'Property' && p.value.type === 'Identifier') out.set(p.value.name, `${list}.${propertyName(p) ?? p.value.name}`);
    }
  }
  return out;
}

/**
 * Where a value comes from in the request, followed through local names and arithmetic; undefined when it does not.
 * A value picked from a table by a key (`PLANS[plan]`) is the table's, unless `throughIndex`: then the key counts,
 * for what a payment grants, where the key is the buyer's claim about what they paid for.
 */
export function requestSource(expr: string, aliases: Aliases, elements: ReadonlyMap<string, string>, depth = 0, throughIndex = false): string | undefined {
  const resolved = computedFrom(expr, aliases, elements);
  if (resolved === undefined) return undefined;
  const unindexed = resolved.replace(/\[[^\]]+\]/g, (m) => (throughIndex ? ` (${m.slice(1, -1)}) ` : ''));
  if (originOf(unindexed) === 'request') return resolved;
  if (depth >= MAX_TRACE_DEPTH || resolved.length > 400) return undefined;
  for (const m of unindexed.matchAll(/(?<![\w$.'"`])[A-Za-z_$][\w$]*(?:\??\.[A-Za-z_$][\w$]*|\[\])*/g)) {
    if (m[0] === expr || /^(?:Math|Number|parseFloat|parseInt|String|JSON|undefined|null|true|false|as|keyof|typeof)\b/.test(m[0])) continue;
    const found = requestSource(m[0], aliases, elements, depth + 1, throughIndex);
    if (found) return found;
  }
  return undefined;
}

/** Local names followed from an amount back to the request: `amountInPaise` → `totalAmount` → `subtotal` → the cart. */
const MAX_TRACE_DEPTH = 5;

/**
 * A value as written in terms of what it was computed from (local names and list elements followed), or undefined
 * when a call other than a conversion made it: a record looked up by what the request names
 * (`prisma.product.findUnique({ where: { id: body.id } })`) is the server's.
 */
function computedFrom(expr: string, aliases: Aliases, elements: ReadonlyMap<string, string>): string | undefined {
  const lead = /^[A-Za-z_$][\w$]*/.exec(expr)?.[0];
  const element = lead ? elements.get(lead) : undefined;
  const resolved = resolve(element ? `${element}${expr.slice(lead!.length)}` : expr, aliases).replace(/\s+/g, ' ');
  // Statements of a callback's block (`if (…)`, `return (…)`) are no calls.
  const calls = [...resolved.matchAll(/([A-Za-z_$][\w$]*)\s*\(/g)].map((m) => m[1]).filter((c) => !/^(?:if|for|while|switch|return|catch|await|typeof|function)$/.test(c));
  return calls.every((c) => KEEPS_SOURCE.test(c)) ? resolved : undefined;
}

/** Request fields that count what is bought: an amount computed from one alone has a price set by the server. */
const QUANTITY_KEY = /^(?:credits?|quantity|qty|seats|count|months|units|tokens)$/i;
/** A comparison with another value (`amount !== product.price`) or a list of allowed ones (`ALLOWED.includes(cents)`). */
const COMPARED = /\.(?:includes|has|indexOf)\(|[!=]==?\s*[A-Za-z_$]|[A-Za-z_$][\w$.]*\s*[!=]==?|[<>]=?\s*[A-Za-z_$]/;

/**
 * The names a value is written with, whole member paths (`req.body.amount`, not `req`, which every check of the
 * request names), but the helpers that only convert it.
 */
export function namesIn(written: string): string[] {
  return [...written.matchAll(/(?<![\w$.])[A-Za-z_$][\w$]*(?:\??\.[A-Za-z_$][\w$]*)*/g)].map((m) => m[0]).filter((n) => !/^(?:Math|Number|parseFloat|parseInt|String)(?:\.|$)/.test(n));
}

/** The function turns the request away unless a value named so matches what the server expects. */
export function checkedAgainstServer(fn: AstNode, names: readonly string[], text: string): boolean {
  if (!names.length) return false;
  const named = new RegExp(`\\b(?:${names.map(escapeRegExp).join('|')})\\b`);
  let found = false;
  walk(fn, (node) => {
    if (found) return false;
    if (node.type !== 'IfStatement') return undefined;
    const test = textOf(text, node.test as AstNode);
    // Only the comparisons that name the amount: `!price || cents < 1` compares it with nothing the server knows.
    const parts = test.split(/\|\||&&/).filter((p) => named.test(p));
    if (parts.some((p) => COMPARED.test(p.replace(named, '').replace(/\btypeof\b/g, '').replace(/^\s*!/, ''))) && /\b(?:return|throw)\b/.test(textOf(text, node.consequent as AstNode))) found = true;
    return undefined;
  });
  return found;
}

/** Property names read from the request anywhere in the handler: `req.body.productId`, a destructured `{ planId }`. */
function requestKeys(aliases: Aliases): Set<string> {
  const out = new Set<string>();
  for (const [name, from] of aliases) if (originOf(resolve(from, aliases)) === 'request') out.add(name);
  return out;
}

/** Fields the handler reads off the request's body or query where it uses them (`req.body.product_id`), not kept in a local. */
function bodyFieldsRead(fn: AstNode, text: string): string[] {
  return [...textOf(text, fn).matchAll(/\b(?:req|request)\.(?:body|query)\??\.([A-Za-z_$][\w$]*)/g)].map((m) => m[1]);
}

/**
 * Whether an amount traced to the request (`source`) is the buyer's to choose: a price (`price`, `total`), or an
 * amount sent beside the id of what is bought (returned as `bought`). A sum the buyer picks freely (a donation, a
 * wallet top-up), one worked out from how many are bought, or one the handler compares with the server's: no.
 */
function clientChosen(written: string, source: string, fn: AstNode, text: string, aliases: Aliases): { bought?: string; price?: string } | undefined {
  const fields = [...source.matchAll(/\.([A-Za-z_$][\w$]*)/g)].map((m) => m[1]);
  const price = fields.find((f) => PRICE_KEY.test(f));
  // An amount worked out from how many are bought (`credits / 50 * 100`) is priced by the server.
  if (!price && fields.some((f) => QUANTITY_KEY.test(f))) return undefined;
  const bought = price ? undefined : [...requestKeys(aliases), ...bodyFieldsRead(fn, text)].find((k) => ITEM_KEY.test(k) && !fields.includes(k));
  if (!price && !bought) return undefined;
  if (checkedAgainstServer(fn, namesIn(written), text)) return undefined;
  return { bought, price };
}

/**
 * The request field as shown: `req.body.price`, or for a sum over a list the request sent (`cart.reduce((sum,
 * item) => sum + item.price, 0)`), the list's elements' field (`req.body.cart[].price`).
 */
function sourceText(source: string, price?: string): string {
  const at = price ? source.search(/\s*\.\s*(?:map|flatMap|filter|reduce|forEach)\s*\(/) : -1;
  const list = at > 0 ? source.slice(0, at) : '';
  // Only a plain path to the list (`req.json().cart_items`), with no other call on the way.
  if (list && !/[()]/.test(list.replace(/\(\)/g, ''))) return shorten(`${list}[].${price}`, 60);
  return shorten(source.replace(/\s*[*\/+-]\s*[\d.]+\)*\s*$/, ''), 60);
}

/**
 * Notes, on the function's facts, a payment whose amount the request chose (see `clientChosen`), or, in a helper, a
 * payment of an amount its caller passes in (`chargedParam`: `createPaymentIntent(amount)`).
 */
export function noteClientAmount(call: TSESTree.CallExpression, fn: AstNode, text: string, aliases: Aliases, facts: FunctionFacts): void {
  if (facts.clientAmount) return;
  // The locals a call's options name are looked up (a walk of the function) only for a payment call.
  let roots: AstNode[] | undefined;
  const rootsOf = () => (roots ??= chargeRoots(call, fn));
  const provider = chargeCall(call, text, rootsOf);
  if (!provider) return;
  const charged = shorten(textOf(text, call.callee as AstNode), 50);
  // The request's own object as the payment's options (`stripe.checkout.sessions.create(data)` in a callable
  // function): the buyer wrote the line items and their prices. A `fetch` takes its URL first.
  const options = call.arguments[0] as AstNode | undefined;
  if (options && (options.type === 'Identifier' || options.type === 'MemberExpression') && memberPath(call.callee as AstNode) !== 'fetch') {
    const written = textOf(text, options);
    // The value itself, not something computed from it: `options` built from `req.body.amount` is the loop below's.
    const source = resolve(written, aliases);
    if (originOf(source) === 'request') {
      facts.clientAmount = { text: `\`${shorten(written, 50)}\``, file: facts.file, line: options.loc.start.line, provider, source: shorten(written, 60), call: charged, whole: true };
      return;
    }
  }
  for (const { value, ancestors } of amountValues(rootsOf())) {
    if (staticString(value) !== undefined || (value.type === 'Literal' && typeof value.value === 'number')) continue;
    const written = textOf(text, value);
    const elements = elementNames(ancestors, text);
    const source = requestSource(written, aliases, elements);
    if (!source) {
      const param = facts.chargedParam ? undefined : parameterSource(written, aliases, elements, fn as FunctionNode);
      if (param) facts.chargedParam = { ...param, provider, call: charged, text: `\`${shorten(written, 50)}\``, file: facts.file, line: value.loc.start.line };
      continue;
    }
    const chosen = clientChosen(written, source, fn, text, aliases);
    if (!chosen) continue;
    facts.clientAmount = { text: `\`${shorten(written, 50)}\``, file: facts.file, line: value.loc.start.line, provider, source: sourceText(source, chosen.price), call: charged, bought: chosen.bought };
    return;
  }
}

/** The parameter (and, for an options object, its member) an amount is computed from: `amount * 100`, `options.amount`. */
export function parameterSource(written: string, aliases: Aliases, elements: ReadonlyMap<string, string>, fn: FunctionNode): { param: number; member?: string } | undefined {
  const params = new Map<string, { param: number; member?: string }>();
  fn.params.forEach((p, param) => {
    const node = p.type === 'AssignmentPattern' ? p.left : p;
    if (node.type === 'Identifier') params.set(node.name, { param });
    else if (node.type === 'ObjectPattern') {
      for (const prop of node.properties) {
        const local = prop.type === 'Property' ? (prop.value.type === 'AssignmentPattern' ? prop.value.left : prop.value) : undefined;
        const member = prop.type === 'Property' ? propertyName(prop) : undefined;
        if (local?.type === 'Identifier' && member) params.set(local.name, { param, member });
      }
    }
  });
  const resolved = params.size ? computedFrom(written, aliases, elements) : undefined;
  if (resolved === undefined) return undefined;
  for (const m of resolved.matchAll(/(?<![\w$.'"`])([A-Za-z_$][\w$]*)(?:\??\.([A-Za-z_$][\w$]*))?/g)) {
    const found = params.get(m[1]);
    if (found) return found.member || !m[2] || KEEPS_SOURCE.test(m[2]) ? found : { ...found, member: m[2] };
  }
  return undefined;
}

/** Project functions whose name says they may take a payment: what their arguments from the request are worth noting. */
const PAYING_HELPER = /pay|charge|checkout|order|intent|invoice|billing|purchase|stripe|paypal|razorpay|paystack|flutterwave/i;

/**
 * Notes the arguments from the request that a handler passes to a project helper which may charge them
 * (`paymentService.createPaymentIntent(totalAmount, 'usd')` with `totalAmount` from the body), judged as a charged
 * amount would be; the route linker matches them with the helper's `chargedParam`.
 */
export function noteRequestArguments(call: TSESTree.CallExpression, callee: string, fn: AstNode, text: string, aliases: Aliases, facts: FunctionFacts): void {
  if (!PAYING_HELPER.test(callee.split('.').pop() ?? '') || call.arguments.length === 0) return;
  call.arguments.forEach((arg, param) => {
    const values: [string | undefined, AstNode][] = arg.type === 'ObjectExpression'
      ? arg.properties.flatMap((p): [string | undefined, AstNode][] => (p.type === 'Property' && propertyName(p) ? [[propertyName(p), p.value as AstNode]] : []))
      : [[undefined, arg as AstNode]];
    for (const [member, value] of values) {
      if (staticString(value) !== undefined || value.type === 'Literal') continue;
      const written = textOf(text, value);
      const source = requestSource(written, aliases, new Map());
      const chosen = source && clientChosen(written, source, fn, text, aliases);
      if (!source || !chosen) continue;
      (facts.requestArguments ??= []).push({ call: callee, param, member, text: `\`${shorten(written, 50)}\``, file: facts.file, line: value.loc.start.line, source: sourceText(source, chosen.price), bought: chosen.bought });
    }
  });
}
