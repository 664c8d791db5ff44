import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { propertyName, staticString } from '../engine/ast-utils.js';
import { escapeRegExp } from '../engine/escape-regexp.js';
import { splitTopLevel } from '../engine/split-top-level.js';
import type { AstNode } from '../parse/types.js';
import { chainOf, chainText, fileTest, outerCalls, shorten, textOf, unwrap, walk } from './ast.js';
import { checkedAgainstServer, namesIn, requestSource } from './amounts.js';
import { isMinusOne, noteDebitAmount, notePositiveTest, schemaKeysOf, sqlSubtractedTerms, subtractedTerms, sumTerms, templateTerms } from './debits.js';
import { resolve, type Aliases } from './filters.js';
import type { ClientGrant, Evidence, FunctionFacts, PaymentCredit, Touch } from './types.js';

/**
 * What a payment handler does with the payment: the stored balances it adds to (credits, tokens, a wallet), the
 * provider events it acts on, and how it remembers a payment it has already handled. Read by the route inventory
 * (`RouteEntry.paymentCredit`) for `payment-credits-replay`.
 */

/** Words of a field that holds something bought by the unit: `credits`, `creditBalance`, `tokens_left`, `wallet`. */
const BALANCE_WORDS = new Set(['credit', 'credits', 'balance', 'wallet', 'coin', 'coins', 'gem', 'gems', 'token', 'tokens', 'point', 'points', 'quota']);
/** Words that make it a count of what was spent, a date or an id, not a balance: `credits_used`, `tokenExpiresAt`. */
const NOT_BALANCE_WORDS = new Set(['used', 'spent', 'consumed', 'usage', 'id', 'ids', 'at', 'date', 'expires', 'expiry', 'hash', 'type', 'name']);
/** Calls whose object arguments set fields: Supabase and ORM updates, Mongo `$set`/`$inc`, Firestore `set`/`update`. */
const UPDATE_METHOD = /^(?:update\w*|upsert|set|findByIdAndUpdate|findOneAndUpdate|patch)$/;
/** Database functions that add to a balance: `add_credits`, `increment_user_credits`, `top_up_wallet`. */
const ADD_RPC = /(?:^|_)(?:add|increment|incr|grant|top_?up|topup|credit|deposit|refill)(?:_|$)/i;
const SPEND_RPC = /(?:deduct|decrement|consume|spend|subtract|use_|charge)/i;
/** Raw SQL that adds to a column from its own value: `set credits = credits + $1`, `coalesce(balance, 0) + 10`. */
const SQL_ADD = /\bset\b[\s\S]{0,200}?\b(\w+)\s*=\s*(?:coalesce\s*\(\s*)?"?(\w+)"?\b[^,;]{0,40}?\+/i;

/**
 * Provider events that mean "paid": Stripe, Lemon Squeezy, Paddle, Razorpay, Paystack, PayPal, Polar. A handler that
 * acts on one is fed by the provider, which sends the same event again when a delivery is not acknowledged in time.
 */
const PAYMENT_EVENT =
  /^(?:checkout\.session\.(?:completed|async_payment_succeeded)|payment_intent\.succeeded|invoice\.(?:paid|payment_succeeded)|charge\.(?:succeeded|success)|payment\.(?:captured|succeeded|completed)|order\.(?:paid|completed)|order_(?:created|paid)|subscription_payment_success|transaction\.(?:completed|paid)|PAYMENT\.CAPTURE\.COMPLETED|CHECKOUT\.ORDER\.COMPLETED)$/;

/**
 * A value that names one payment: a checkout session, payment intent, order, event or transaction id, a Paystack
 * reference. A database call that carries one looks the payment up or records it.
 */
const PAYMENT_REF =
  /\b(?:\w*session_?id|\w*session\.id|\w*checkout_?session\w*|\w*payment_?intent\w*|\w*paymentIntent\w*|\w*payment_?id|\w*paymentId|razorpay_\w+|razorpay\w*Id|\w*event_?id|\w*eventId|(?:event|evt)\.id|\w*charge_?id|\w*chargeId|\w*invoice_?id|\w*invoiceId|\w*transaction_?id|\w*transactionId|\w*order_?id|\w*orderId|\w*(?:payment_?|tx_?|transaction_?)?reference|tx_?ref|\w*capture_?id|\w*captureId)\b/i;
/** Filter keys of a conditional update that only changes a record still waiting: `.eq('status', 'pending')`. */
const STATUS_KEY = /^(?:status|state|payment_?status|order_?status|processed|fulfilled|credited|is_?processed|is_?fulfilled|is_?credited|paid)$/i;
/** Tests that skip a payment handled before: `if (alreadyProcessed)`, `if (order.fulfilled)`, `if (isDuplicate)`. */
const DEDUPE_TEST = /already|processed|fulfil|credited|duplicate|idempoten/i;

function words(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .split(/[^a-z]+/)
    .filter(Boolean);
}

/** `credits`, `credit_balance`, `tokensRemaining`: a field that holds a bought balance. */
export function isBalanceField(name: string): boolean {
  const w = words(name);
  return w.some((x) => BALANCE_WORDS.has(x)) && !w.some((x) => NOT_BALANCE_WORDS.has(x));
}

/** A non-negative number as written (`5`, `amount`), not a literal below zero. */
function notNegative(node: AstNode | undefined): boolean {
  return !(node?.type === 'UnaryExpression' && node.operator === '-');
}

/** A value that adds to what was there: `profile.credits + 10`, `newBalance` set from one, `{ increment: n }`, `FieldValue.increment(n)`. */
function adds(value: AstNode, text: string, aliases: Aliases, summed: ReadonlySet<string>): boolean {
  const v = unwrap(value);
  if (v.type === 'BinaryExpression') return isSum(v);
  if (v.type === 'Identifier') {
    if (summed.has(v.name)) return true;
    const from = resolve(v.name, aliases);
    return from !== v.name && /[\w)\]]\s*\+\s*[\w(]/.test(from) && !/['"`]\s*\+|\+\s*['"`]/.test(from);
  }
  if (v.type === 'ObjectExpression') return v.properties.some((p) => p.type === 'Property' && propertyName(p) === 'increment' && notNegative(p.value as AstNode));
  if (v.type === 'CallExpression') {
    const callee = calleeName(v);
    if (/(?:^|\.)increment$/.test(callee)) return notNegative(v.arguments[0] as AstNode | undefined);
    // SQL passed through: `knex.raw('credits + ?', [n])`, `sequelize.literal('credits + 5')`, `sql.raw(…)`.
    return /(?:^|\.)(?:raw|literal|sql)$/.test(callee) && !!v.arguments[0] && /\+/.test(sqlOf(v.arguments[0] as AstNode) ?? '');
  }
  if (v.type === 'TaggedTemplateExpression') return /\+/.test(sqlOf(v) ?? '');
  return false;
}

/**
 * The balance field an object of changes takes from (looking into `data`, `$set` and `$inc`), with the value written:
 * `FieldValue.increment(-cost)`, Prisma's `{ decrement: cost }` or `{ increment: -cost }`, `{ $inc: { coins: -cost } }`,
 * `balance: balance - cost`.
 */
function debitedField(obj: AstNode, depth = 0): { field: string; value: AstNode } | undefined {
  if (obj.type !== 'ObjectExpression' || depth > 2) return undefined;
  for (const p of obj.properties) {
    if (p.type !== 'Property') continue;
    const key = propertyName(p) ?? '';
    const v = unwrap(p.value as AstNode);
    if (isBalanceField(key) && takes(v)) return { field: key, value: v };
    const inner = v.type === 'ObjectExpression' && !isBalanceField(key) ? debitedField(v, depth + 1) : undefined;
    if (inner) return inner;
  }
  return undefined;
}

/** A value that takes from what was there. */
function takes(v: AstNode): boolean {
  const negative = (n: AstNode | undefined) => !!n && !notNegative(unwrap(n));
  if (v.type === 'UnaryExpression' && v.operator === '-') return true;
  if (v.type === 'BinaryExpression') return v.operator === '-' || (v.operator === '*' && (isMinusOne(unwrap(v.left as AstNode)) || isMinusOne(unwrap(v.right as AstNode))));
  if (v.type === 'CallExpression') return /(?:^|\.)increment$/.test(calleeName(v)) && negative(v.arguments[0] as AstNode | undefined);
  if (v.type === 'ObjectExpression') return v.properties.some((q) => q.type === 'Property' && (propertyName(q) === 'decrement' || (propertyName(q) === 'increment' && negative(q.value as AstNode))));
  return false;
}

/** `wallet.balance -= amount`, `sender.balance = sender.balance - amount`: the balance and the terms taken from it. */
function debitAssignment(node: TSESTree.AssignmentExpression, text: string): { field: string; terms: AstNode[] } | undefined {
  if (node.left.type !== 'MemberExpression') return undefined;
  const field = propertyName(node.left);
  if (!field || !isBalanceField(field)) return undefined;
  if (node.operator === '-=') return { field, terms: sumTerms(node.right as AstNode) };
  const right = unwrap(node.right as AstNode);
  const from = right.type === 'BinaryExpression' && right.operator === '-' ? unwrap(right.left as AstNode) : undefined;
  return node.operator === '=' && from && new RegExp(`\\.${escapeRegExp(field)}(?![\\w$])`).test(textOf(text, from)) ? { field, terms: subtractedTerms(right) } : undefined;
}

/** Calls that validate with a schema: zod, Joi, yup, valibot, express-validator's `validationResult`. */
const VALIDATE_METHOD = /^(?:parse|safeParse|parseAsync|safeParseAsync|validate|validateAsync|validateSync|validationResult|matchedData)$/;

/** Parsers of other things than a request: `JSON.parse`, `Date.parse`, `url.parse`. */
const NOT_SCHEMA = /^(?:JSON|Date|url|URL|qs|querystring|path|cookie|cookies|Papa|YAML|yaml|csv|xml2js|parser|marked|ua|UAParser|BigInt|Number)$/;

/** The function validates its input: the keys its file's schemas define, and those they keep above zero. */
function noteValidation(text: string, facts: FunctionFacts): void {
  const { keys, positive } = schemaKeysOf(text);
  facts.validatesInput = { schemaKeys: keys };
  if (positive.length) facts.positiveChecks = [...new Set([...(facts.positiveChecks ?? []), ...positive])];
}

/** `a + b` that adds numbers: not a string joined to something. */
function isSum(v: TSESTree.BinaryExpression): boolean {
  return v.operator === '+' && ![v.left, v.right].some((s) => (s.type === 'Literal' && typeof s.value === 'string') || s.type === 'TemplateLiteral');
}

/** The SQL text of a string, template or tagged template, holes as `?`. */
function sqlOf(node: AstNode): string | undefined {
  if (node.type === 'TaggedTemplateExpression') return node.quasi.quasis.map((q) => q.value.raw).join('?');
  if (node.type === 'TemplateLiteral') return node.quasis.map((q) => q.value.raw).join('?');
  return staticString(node);
}

/** Locals assigned a sum after their declaration (`balance = parseFloat(wallet.balance) + amount`), per function. */
const summedLocals = new WeakMap<FunctionFacts, Set<string>>();
const NONE: ReadonlySet<string> = new Set();

function calleeName(call: TSESTree.CallExpression): string {
  return chainText(chainOf(call));
}

/** A balance added to, with the value added (or the sum that adds it) when there is one to trace. */
interface Added {
  field: string;
  value?: AstNode;
}

/** The balance field an object of changes adds to, looking into `data`, `$set` and `$inc` (`{ $inc: { credits: n } }`). */
function addedField(obj: AstNode, text: string, aliases: Aliases, summed: ReadonlySet<string>, depth = 0): Added | undefined {
  if (obj.type !== 'ObjectExpression' || depth > 2) return undefined;
  for (const p of obj.properties) {
    if (p.type !== 'Property') continue;
    const key = propertyName(p) ?? computedColumn(p, aliases);
    if (!key) continue;
    const value = p.value as AstNode;
    if (key === '$inc' && value.type === 'ObjectExpression') {
      const inc = value.properties.find((q) => q.type === 'Property' && isBalanceField(propertyName(q as TSESTree.Property) ?? '') && notNegative(q.value as AstNode)) as TSESTree.Property | undefined;
      if (inc) return { field: propertyName(inc)!, value: inc.value as AstNode };
    } else if (isBalanceField(key) && adds(value, text, aliases, summed)) return { field: key, value };
    else if (value.type === 'ObjectExpression') {
      const inner = addedField(value, text, aliases, summed, depth + 1);
      if (inner) return inner;
    }
  }
  return undefined;
}

/** `[column]: …` with `const column = kind === 'a' ? 'credits_a' : 'credits_b'`: the balance column it names, if any. */
function computedColumn(p: TSESTree.Property, aliases: Aliases): string | undefined {
  if (!p.computed || p.key.type !== 'Identifier') return undefined;
  return [...resolve(p.key.name, aliases).matchAll(/['"`](\w+)['"`]/g)].map((m) => m[1]).find(isBalanceField);
}

/** The balance a call adds to, or undefined: an update that adds to a field, an `add_credits` RPC, `increment('credits')`, raw SQL. */
function creditCall(call: TSESTree.CallExpression, method: string | undefined, text: string, aliases: Aliases, summed: ReadonlySet<string>): Added | undefined {
  if (!method) return undefined;
  if (UPDATE_METHOD.test(method)) {
    for (const arg of call.arguments) {
      const added = addedField(arg as AstNode, text, aliases, summed);
      if (added) return added;
    }
  }
  if (method === 'rpc') {
    const name = staticString(call.arguments[0] as AstNode) ?? '';
    // Named by the balance it adds to (`add_user_credits` adds to credits); the amount is an argument not naming whose.
    const field = ADD_RPC.test(name) && isBalanceField(name) && !SPEND_RPC.test(name) ? words(name).find((w) => BALANCE_WORDS.has(w)) : undefined;
    const args = call.arguments[1];
    const amount = args?.type === 'ObjectExpression' ? (args.properties.find((p) => p.type === 'Property' && !ID_KEY.test(propertyName(p) ?? 'id')) as TSESTree.Property | undefined) : undefined;
    if (field) return { field, value: amount?.value as AstNode | undefined };
  }
  // Sequelize `user.increment('credits', { by })`, TypeORM `repo.increment({ id }, 'credits', n)`.
  if (method === 'increment') {
    const named = call.arguments.map((a) => staticString(a as AstNode)).find((s) => s !== undefined && isBalanceField(s));
    if (named) return { field: named };
  }
  for (const arg of call.arguments.slice(0, 1)) {
    const sql = sqlOf(arg as AstNode);
    const m = sql ? SQL_ADD.exec(sql) : null;
    if (m && m[1].toLowerCase() === m[2].toLowerCase() && isBalanceField(m[1])) return { field: m[1] };
  }
  return undefined;
}

/** Keys naming whose balance or which record, not how much: `user_id`, `p_user_id`, `userId`, `uid`. */
const ID_KEY = /(?:^|_)(?:id|uid|uuid|user|email|ref|reference)$|(?:Id|ID|Uuid|Email|Ref)$/;
/** Fields that hold what an account bought: its plan or tier. */
const PLAN_FIELD = /^(?:plan|plan_?(?:id|type|name|tier)|plan(?:Id|Type|Name|Tier)|subscription_?(?:plan|tier|type|level)|subscription(?:Plan|Tier|Type|Level)|tier|membership(?:_?(?:tier|level|type|plan))?|membership(?:Tier|Level|Type|Plan)|package|package_?id|packageId)$/i;

/**
 * Fields an update grants with (looking into `data` and `$set`): a plan it sets (`{ subscription_plan: plan }`),
 * or any count it adds to (`remaining_analyses: current + plan.analyses`), with the value written.
 */
function grantedFields(obj: AstNode, text: string, aliases: Aliases, summed: ReadonlySet<string>, depth = 0): { field: string; value: AstNode }[] {
  if (obj.type !== 'ObjectExpression' || depth > 2) return [];
  return obj.properties.flatMap((p) => {
    if (p.type !== 'Property') return [];
    const key = propertyName(p);
    const value = p.value as AstNode;
    if (key && (PLAN_FIELD.test(key) || adds(value, text, aliases, summed))) return [{ field: key, value }];
    return value.type === 'ObjectExpression' ? grantedFields(value, text, aliases, summed, depth + 1) : [];
  });
}

/** Flags that say an account is on a paid plan. */
const PAID_FLAG = /^(?:is_?premium|isPremium|premium|is_?pro|isPro|is_?paid|isPaid|has_?paid|hasPaid|is_?subscribed|isSubscribed|is_?vip|isVip|has_?premium|hasPremium|premium_?access|premiumAccess)$/;
/** Plans that are paid for, by name. */
const PAID_PLAN = /^(?:pro|premium|plus|paid|business|enterprise|gold|vip|unlimited|lifetime|team)$/i;

/**
 * `ctx.db.patch(user._id, { isPremium: true })`, `update({ plan: 'pro' })`: a paid plan set to a fixed value, for
 * whoever calls. Not a trial the code starts on purpose (the handler speaks of one).
 */
function freeUpgrade(call: TSESTree.CallExpression, fn: AstNode, text: string, facts: FunctionFacts): void {
  const found = (obj: AstNode, depth: number): string | undefined => {
    if (obj.type !== 'ObjectExpression' || depth > 2) return undefined;
    for (const p of obj.properties) {
      if (p.type !== 'Property') continue;
      const key = propertyName(p) ?? '';
      const v = unwrap(p.value as AstNode);
      if (v.type === 'Literal' && ((v.value === true && PAID_FLAG.test(key)) || (typeof v.value === 'string' && PLAN_FIELD.test(key) && PAID_PLAN.test(v.value)))) return key;
      const inner = found(v, depth + 1);
      if (inner) return inner;
    }
    return undefined;
  };
  const field = call.arguments.map((a) => found(a as AstNode, 0)).find(Boolean);
  if (!field || /trial/i.test(textOf(text, fn))) return;
  facts.clientGrant = { text: `\`${shorten(textOf(text, call).replace(/\s+\./g, '.').replace(/\s+/g, ' '), 70)}\``, file: facts.file, line: call.loc.start.line, field, source: 'a fixed value', free: true };
}

/**
 * What a payment grants, when the buyer's request chose it: credits added from a count the request sent
 * (`credits: profile.credits + body.credits`), from a table picked by the plan the request names
 * (`PLANS[plan].credits`), or a plan set to one the request names. Unless the handler turns the request away when
 * the claim does not match the order (`if (order.notes.plan !== plan) return`).
 */
function clientGrant(value: AstNode, field: string, at: AstNode, fn: AstNode, text: string, aliases: Aliases, facts: FunctionFacts): void {
  // A deduction (`-cost`, `amount * -1`) takes away: no grant.
  if (/^-|\*\s*-\s*1\b/.test(textOf(text, unwrap(value)))) return;
  // Each term of a sum on its own: the old balance, looked up in the database, is the server's.
  const terms: AstNode[] = [];
  const split = (v: AstNode): void => {
    const u = unwrap(v);
    if (u.type === 'BinaryExpression' && u.operator === '+') (split(u.left as AstNode), split(u.right as AstNode));
    // What an increment adds: `FieldValue.increment(amount)`, Prisma's `{ increment: amount }`.
    else if (u.type === 'CallExpression' && /(?:^|\.)increment$/.test(calleeName(u)) && u.arguments[0]) split(u.arguments[0] as AstNode);
    else if (u.type === 'ObjectExpression' && u.properties.length === 1 && u.properties[0].type === 'Property' && propertyName(u.properties[0]) === 'increment') split(u.properties[0].value as AstNode);
    else terms.push(u);
  };
  split(value);
  // A local set to a sum (`const next = current + plan.analyses`) is split the same way.
  const written = terms.flatMap((t) => (t.type === 'Identifier' && aliases.has(t.name) ? splitTopLevel(aliases.get(t.name)!, '+').filter(Boolean) : [textOf(text, t)]));
  let source: string | undefined;
  for (const term of written) if ((source = requestSource(term, aliases, NO_ELEMENTS, 0, true))) break;
  if (!source) return;
  // The request's own field names (`plan` of `req.body.plan`) and the locals holding it are what a check would name.
  const keys = [...source.matchAll(/\.([A-Za-z_$][\w$]*)/g)].map((m) => m[1]).filter((k) => !/^(?:body|json|query|params|req|request)$/.test(k));
  if (checkedAgainstServer(fn, [...namesIn(written.join(' ')), ...keys], text)) return;
  facts.clientGrant = { text: `\`${shorten(textOf(text, at).replace(/\s+\./g, '.').replace(/\s+/g, ' '), 70)}\``, file: facts.file, line: at.loc.start.line, field, source: shorten(source, 60) };
}
const NO_ELEMENTS: ReadonlyMap<string, string> = new Map();

/** Fields that say a record is paid for, and the values that say so. */
const PAID_FIELD = /^(?:payment_?status|paymentStatus|status|order_?status|orderStatus|is_?paid|isPaid|paid|payment)$/;
const PAID_VALUE = /^(?:paid|completed?|confirmed|success|successful|succeeded|captured)$/i;
/** Ids the payment itself carries, which its proof covers: Razorpay's signed ids, a Paystack reference, a Stripe session. */
const PAYMENT_OWN_ID = /razorpay_|rzp_|reference|tx_?ref|transaction_?id|transactionId|session_?id|sessionId|payment_?intent|paymentIntent|payment_?id|paymentId|charge_?id|chargeId/i;

/**
 * `supabase.from('orders').update({ payment_status: 'paid' }).eq('id', orderId)` with `orderId` from the request:
 * the record marked paid is the one the request names, not one the payment is known to be for. Paid once for a
 * cheap order, the confirmation is sent again naming a dear one. Unless the handler turns the request away when the
 * id does not match what the payment says (`if (transaction.metadata.order_id !== orderId) return …`).
 */
function paidByRequest(call: TSESTree.CallExpression, touch: Touch, fn: AstNode, text: string, facts: FunctionFacts): void {
  const paid = call.arguments.some((a) => a.type === 'ObjectExpression' && a.properties.some((p) => {
    if (p.type !== 'Property' || !PAID_FIELD.test(propertyName(p) ?? '')) return false;
    const v = p.value as AstNode;
    return v.type === 'Literal' && (v.value === true || (typeof v.value === 'string' && PAID_VALUE.test(v.value)));
  }));
  if (!paid) return;
  const chosen = touch.filters!.find((f) => f.from === 'request' && !PAYMENT_OWN_ID.test(`${f.key} ${f.value} ${f.source ?? ''}`));
  if (!chosen || checkedAgainstServer(fn, namesIn(chosen.value), text) || paymentMatchedToRecord(fn, text)) return;
  facts.clientGrant = { text: `\`${shorten(touch.code.replace(/\s+\./g, '.'), 60)}\``, file: facts.file, line: call.loc.start.line, field: chosen.key, source: shorten(chosen.source ?? chosen.value, 60), order: true };
}

/**
 * `if (purchase.razorpay_order_id !== razorpay_order_id) return …`: a stored record's payment id compared with the one
 * the payment's proof covers, the request turned away on a mismatch. The record marked paid is then the one paid for.
 */
function paymentMatchedToRecord(fn: AstNode, text: string): boolean {
  let found = false;
  walk(fn, (node) => {
    if (found) return false;
    if (node.type !== 'IfStatement') return undefined;
    const test = textOf(text, node.test as AstNode);
    const stored = [...test.matchAll(/\b[A-Za-z_$][\w$]*\.([\w$]+)\s*!==?/g), ...test.matchAll(/!==?\s*[A-Za-z_$][\w$]*\.([\w$]+)/g)].some((m) => PAYMENT_OWN_ID.test(m[1]) || /order_?id|orderId/i.test(m[1]));
    if (stored && /\b(?:return|throw)\b/.test(textOf(text, node.consequent as AstNode))) found = true;
    return undefined;
  });
  return found;
}

/** `user.credits += n`, `wallet.balance = wallet.balance + amount`: a balance raised on a record then saved. */
function creditAssignment(node: TSESTree.AssignmentExpression, text: string): string | undefined {
  if (node.left.type !== 'MemberExpression') return undefined;
  const field = propertyName(node.left);
  if (!field || !isBalanceField(field)) return undefined;
  if (node.operator === '+=') return notNegative(node.right as AstNode) ? field : undefined;
  const right = unwrap(node.right as AstNode);
  return node.operator === '=' && right.type === 'BinaryExpression' && right.operator === '+' && new RegExp(`\\.${field}\\b`).test(textOf(text, right)) ? field : undefined;
}

/** The outermost call of the fluent chain a call starts: `supabase.from('x').update(…)` within `….eq('id', y)`. */
function chainTop(call: AstNode, ancestors: readonly AstNode[]): AstNode {
  return outerCalls(call, ancestors).pop()?.call ?? call;
}

/** Words a file that takes payments or keeps balances has somewhere: files without any are skipped. */
const PAYMENT_WORDS = /stripe|razorpay|premium|upgrade|subscri|paystack|paypal|lemon|paddle|polar|flutterwave|payment|checkout|credit|balance|wallet|coin|token|point|quota|gem|mpesa|stkpush|chapa|xendit|midtrans|paymongo/i;
/** The file may take payments or keep balances. */
export const mayCredit = fileTest(PAYMENT_WORDS);

/**
 * Notes what one node of a function body says about paying and crediting, on the function's facts. Called for every
 * node of the body, with the touch the route inventory found for a call.
 */
export function noteCredit(node: AstNode, ancestors: readonly AstNode[], fn: AstNode, text: string, aliases: Aliases, facts: FunctionFacts, touch: Touch | undefined): void {
  const ev = (at: AstNode, what: string): Evidence => ({ text: what, file: facts.file, line: at.loc.start.line });
  if (node.type === 'CallExpression') {
    const method = node.callee.type === 'MemberExpression' ? propertyName(node.callee) : node.callee.type === 'Identifier' ? node.callee.name : undefined;
    const summed = summedLocals.get(facts) ?? NONE;
    const added = creditCall(node, method, text, aliases, summed);
    const field = added?.field;
    const debited = UPDATE_METHOD.test(method ?? '') ? node.arguments.map((a) => debitedField(a as AstNode)).find(Boolean) : undefined;
    if (!facts.debits && debited) facts.debits = ev(node, `\`${shorten(textOf(text, node), 70)}\``);
    if (debited) for (const term of subtractedTerms(debited.value)) noteDebitAmount(term, debited.field, node, fn, text, aliases, facts);
    // Raw SQL: `update wallets set balance = balance - $1 where user_id = $2`.
    const first = node.arguments[0];
    if ((first?.type === 'TemplateLiteral' || (first?.type === 'Literal' && typeof first.value === 'string')) && /-/.test(textOf(text, first as AstNode))) {
      const taken = sqlSubtractedTerms(node, isBalanceField);
      if (taken.length && !facts.debits) facts.debits = ev(node, `\`${shorten(textOf(text, node), 70)}\``);
      for (const { field, term } of taken) noteDebitAmount(term, field, node, fn, text, aliases, facts);
    }
    // A request validated with a schema: what the schemas of this file require of their keys.
    if (method && VALIDATE_METHOD.test(method) && !(node.callee.type === 'MemberExpression' && node.callee.object.type === 'Identifier' && NOT_SCHEMA.test(node.callee.object.name))) noteValidation(text, facts);
    if (method === 'assert' || method === 'invariant') notePositiveTest(textOf(text, node), aliases, facts);
    if (!facts.clientGrant) {
      if (added?.value) clientGrant(added.value, added.field, node, fn, text, aliases, facts);
      if (!facts.clientGrant && UPDATE_METHOD.test(method ?? '')) {
        for (const set of node.arguments.flatMap((a) => grantedFields(a as AstNode, text, aliases, summed))) if (!facts.clientGrant) clientGrant(set.value, set.field, node, fn, text, aliases, facts);
        if (!facts.clientGrant) freeUpgrade(node, fn, text, facts);
      }
    }
    if (!facts.clientGrant && touch?.kind === 'write' && touch.filters && UPDATE_METHOD.test(method ?? '')) paidByRequest(node, touch, fn, text, facts);
    const member = node.callee.type === 'MemberExpression' ? method : undefined;
    const checks = !facts.paymentRecord && (touch || member === 'rpc');
    if (!field && !checks) return;
    // The whole chain, filters included: `supabase.from('t').update(…).eq('id', x)`.
    const whole = textOf(text, chainTop(node, ancestors));
    const said = `\`${shorten(whole.replace(/\s+\./g, '.'), 70)}\``;
    if (field) (facts.credits ??= []).push({ ...ev(node, said), field });
    if (checks) {
      // Looked up or stored by the payment's id (an insert fails on a second one under a unique key); an update by
      // it alone sets the same record again and remembers nothing. A Stripe update
      // (`sessions.update(id, { metadata: { fulfilled: 'true' } })`) marks the payment on Stripe's side.
      if (touch?.kind === 'payment' ? /\.update$/.test(touch.code) : touch?.kind !== 'ai' && touch?.kind !== 'email' && PAYMENT_REF.test(whole) && !(touch && UPDATE_METHOD.test(member ?? ''))) facts.paymentRecord = ev(node, said);
      else if (touch?.kind === 'write' && touch.filters?.some((f) => STATUS_KEY.test(f.key))) facts.paymentRecord = ev(node, `${said} changes the record only while its status still allows it`);
    }
  } else if (node.type === 'AssignmentExpression') {
    // `wallet.balance -= amount`, `sender.balance = sender.balance - amount`: taken from a balance.
    const debitedBy = debitAssignment(node, text);
    if (!facts.debits && debitedBy) facts.debits = ev(node, `\`${shorten(textOf(text, node), 70)}\``);
    if (debitedBy) for (const term of debitedBy.terms) noteDebitAmount(term, debitedBy.field, node, fn, text, aliases, facts);
    const field = creditAssignment(node, text);
    if (field) (facts.credits ??= []).push({ ...ev(node, `\`${shorten(textOf(text, node), 70)}\``), field });
    if (field && !facts.clientGrant) clientGrant(node.right as AstNode, field, node, fn, text, aliases, facts);
    const right = unwrap(node.right as AstNode);
    if (node.left.type === 'Identifier' && (node.operator === '+=' || (node.operator === '=' && right.type === 'BinaryExpression' && isSum(right)))) {
      let summed = summedLocals.get(facts);
      if (!summed) summedLocals.set(facts, (summed = new Set()));
      summed.add(node.left.name);
    }
  } else if (node.type === 'VariableDeclarator' && node.id.type === 'Identifier' && node.init && isBalanceField(node.id.name)) {
    // `const newBalance = wallet.balance - amount`, written by a helper next (`updateWalletBalance(id, newBalance)`).
    const init = unwrap(node.init as AstNode);
    const from = init.type === 'BinaryExpression' && init.operator === '-' ? unwrap(init.left as AstNode) : undefined;
    const field = from?.type === 'MemberExpression' ? propertyName(from) : undefined;
    if (field && isBalanceField(field)) for (const term of subtractedTerms(init)) noteDebitAmount(term, field, node, fn, text, aliases, facts);
  } else if (node.type === 'TaggedTemplateExpression') {
    // sql`update users set credits = credits - ${cost}`.
    for (const { field, term } of templateTerms(node.quasi, isBalanceField)) {
      facts.debits ??= ev(node, `\`${shorten(textOf(text, node), 70)}\``);
      noteDebitAmount(term, field, node, fn, text, aliases, facts);
    }
  } else if (node.type === 'Literal' && typeof node.value === 'string' && PAYMENT_EVENT.test(node.value)) {
    const parent = ancestors[ancestors.length - 1];
    if (parent?.type === 'SwitchCase' || (parent?.type === 'BinaryExpression' && /^[!=]==?$/.test(parent.operator))) facts.paymentEvent ??= ev(node, `handles \`${node.value}\``);
  } else if (node.type === 'IfStatement' || node.type === 'ConditionalExpression') {
    const test = textOf(text, node.test as AstNode);
    notePositiveTest(test, aliases, facts);
    if (facts.paymentRecord) return;
    if (DEDUPE_TEST.test(test) || /\b(?:event|evt)\.id\b/.test(test)) facts.paymentRecord = ev(node, `\`if (${shorten(test, 50)})\``);
  }
}

/** Balances the user can only have bought: `credits`, `coins`, `gems`, a `quota`. */
const BOUGHT_WORDS = new Set(['credit', 'credits', 'coin', 'coins', 'gem', 'gems', 'quota']);
/** A route that sells or tops up: what makes a `balance`, `wallet`, `tokens` or `points` field a bought one. */
const SELLS = /buy|purchase|top-?up|recharge|deposit|add-?(?:funds|money)|fund|redeem|checkout|pay|subscri|upgrade|plan|order/i;

/**
 * Credits or a plan granted as the request says, by a route that proves no payment at all: not a webhook, no
 * provider's event, signature or payment lookup, and no payment started. Any caller grants themselves whatever they
 * ask for. `route` is the route's path and handler name, which say whether a `balance` or `points` is sold.
 */
export function unpaidGrantOf(functions: readonly FunctionFacts[], path: string, webhookPath: boolean, route: string): ClientGrant | undefined {
  const grant = functions.find((f) => f.clientGrant)?.clientGrant;
  if (!grant || webhookPath || paymentProofOf(functions, path, webhookPath)) return undefined;
  // Paid for in another balance the route takes from (a gift bought with the sender's coins, points exchanged).
  if (functions.some((f) => f.debits)) return undefined;
  // An order marked paid by the page the buyer returns to (`/verify`, `/payment-success`), on the buyer's word.
  if (grant.order) return CONFIRMS_PAYMENT.test(route) && !functions.some((f) => f.touches.some((t) => t.kind === 'payment')) ? grant : undefined;
  // Not a count of what was spent (`creditsUsed`), which the request adding to takes nothing.
  if (!grant.free && !PLAN_FIELD.test(grant.field) && !(isBalanceField(grant.field) && (words(grant.field).some((w) => BOUGHT_WORDS.has(w)) || SELLS.test(route)))) return undefined;
  if (functions.some((f) => f.touches.some((t) => t.kind === 'payment'))) return undefined;
  return grant;
}

/** Routes that confirm a payment: `/verify`, `/payment-success`, `/orders/:id/pay`, `updatePayment`. */
const CONFIRMS_PAYMENT = /verif|confirm|success|complete|callback|\bpay\b|\/pay(?:ment)?\b|paid|update-?payment|updatePayment/i;

/** Payment pages and verification endpoints the buyer's browser calls: `/verify-payment`, `/api/checkout/confirm`. */
const PAYMENT_PATH = /pay|checkout|order|purchase|credit|billing|razorpay|paystack|stripe|top-?up|subscri/i;

/**
 * What a route does for a payment, from its handler and the project helpers it calls: the balance it adds to, what
 * proves the payment, and what remembers it. Undefined when the route adds to no balance or proves no payment.
 */
export function paymentCreditOf(functions: readonly FunctionFacts[], path: string, webhookPath: boolean): PaymentCredit | undefined {
  const crediting = functions.find((f) => f.credits?.length);
  if (!crediting) return undefined;
  const credit = crediting.credits![0];
  const proved = paymentProofOf(functions, path, webhookPath);
  if (!proved) return undefined;
  // A record made after the credit, in the same function, comes too late: a repeat is credited before it fails.
  const record = functions.map((f) => (f === crediting && f.paymentRecord && f.paymentRecord.line > credit.line ? undefined : f.paymentRecord)).find(Boolean);
  return { ...proved, credit, record };
}

/** How a route learns of a payment: the provider posts its event, or the buyer's browser confirms it. */
function paymentProofOf(functions: readonly FunctionFacts[], path: string, webhookPath: boolean): Pick<PaymentCredit, 'via' | 'proof'> | undefined {
  const first = <K extends 'paymentEvent' | 'paymentCheck' | 'signature'>(key: K) => functions.find((f) => f[key])?.[key];
  const event = first('paymentEvent');
  const check = first('paymentCheck');
  const signature = first('signature');
  // The provider posts its events: a payment event handled, or a signed request to a webhook path.
  if (event || (signature && (webhookPath || /constructEvent|webhook/i.test(signature.text)))) return { via: 'webhook', proof: event ?? signature! };
  // The buyer's browser sends the payment's id (or Razorpay's signed ids) back after paying.
  if (check || (signature && PAYMENT_PATH.test(`${path} ${signature.text}`))) return { via: 'confirm', proof: check ?? signature! };
  return undefined;
}

/**
 * A confirmation the buyer's browser sends after paying, that grants what its request says was bought. The payment
 * proves that an order was paid, not which plan or how many credits it was for. A provider's webhook carries the
 * order's own data, signed, so only confirmations are asked.
 */
export function paymentGrantOf(functions: readonly FunctionFacts[], path: string, webhookPath: boolean): { proof: Evidence; grant: ClientGrant } | undefined {
  const grant = functions.find((f) => f.clientGrant)?.clientGrant;
  // (A fixed plan set after a confirmed payment is what was paid for, whatever the request says.)
  if (!grant || grant.free) return undefined;
  const proved = paymentProofOf(functions, path, webhookPath);
  return proved?.via === 'confirm' ? { proof: proved.proof, grant } : undefined;
}
