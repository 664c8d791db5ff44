import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { propertyName } from '../engine/ast-utils.js';
import type { AstNode } from '../parse/types.js';
import { parameterSource, requestSource } from './amounts.js';
import { shorten, textOf, unwrap, type FunctionNode } from './ast.js';
import { resolve, type Aliases } from './filters.js';
import type { DebitAmount, FunctionFacts } from './types.js';

/**
 * Balances taken from by an amount the server did not work out (`sender.balance -= req.body.amount`), and the checks
 * that keep such an amount above zero. Taking away a negative amount adds it: a "transfer" of -500 raises the sender's
 * balance and lowers the recipient's, a "withdrawal" of -500 is a free deposit. Read by the route inventory
 * (`RouteEntry.clientDebit`) for `negative-amount-accepted`.
 */

const NO_ELEMENTS: ReadonlyMap<string, string> = new Map();

/** The terms a value takes away: `amount` of `balance - amount`, of `-amount`, `{ decrement: amount }`, `increment(-amount)`. */
export function subtractedTerms(value: AstNode): AstNode[] {
  const v = unwrap(value);
  if (v.type === 'UnaryExpression' && v.operator === '-') return sumTerms(v.argument as AstNode);
  if (v.type === 'BinaryExpression' && v.operator === '-') {
    const left = unwrap(v.left as AstNode);
    return [...(left.type === 'BinaryExpression' && left.operator === '-' ? subtractedTerms(left) : []), ...sumTerms(v.right as AstNode)];
  }
  // `-1 * amount`, `amount * -1`.
  if (v.type === 'BinaryExpression' && v.operator === '*') {
    const [left, right] = [unwrap(v.left as AstNode), unwrap(v.right as AstNode)];
    if (isMinusOne(left)) return sumTerms(right);
    if (isMinusOne(right)) return sumTerms(left);
    return [];
  }
  // `FieldValue.increment(-amount)`, `increment(-1 * amount)`.
  if (v.type === 'CallExpression' && v.callee.type === 'MemberExpression' && propertyName(v.callee) === 'increment' && v.arguments[0]) {
    const by = unwrap(v.arguments[0] as AstNode);
    return by.type === 'UnaryExpression' || (by.type === 'BinaryExpression' && by.operator === '*') ? subtractedTerms(by) : [];
  }
  if (v.type === 'ObjectExpression') {
    return v.properties.flatMap((p) => {
      if (p.type !== 'Property') return [];
      const key = propertyName(p);
      if (key === 'decrement') return sumTerms(p.value as AstNode);
      const inner = unwrap(p.value as AstNode);
      return key === 'increment' && inner.type === 'UnaryExpression' && inner.operator === '-' ? sumTerms(inner.argument as AstNode) : [];
    });
  }
  return [];
}

/** `-1`. */
export function isMinusOne(node: AstNode): boolean {
  return node.type === 'UnaryExpression' && node.operator === '-' && node.argument.type === 'Literal' && node.argument.value === 1;
}

/** `(amount + fee)` as its terms. */
export function sumTerms(node: AstNode): AstNode[] {
  const u = unwrap(node);
  return u.type === 'BinaryExpression' && u.operator === '+' ? [...sumTerms(u.left as AstNode), ...sumTerms(u.right as AstNode)] : [u];
}

/**
 * The amounts raw SQL takes from a balance column: `set balance = balance - $1` with `$1` the first of the call's
 * values, `balance - ?`, or a template's `balance - ${amount}` (pg, mysql, postgres.js).
 */
export function sqlSubtractedTerms(call: TSESTree.CallExpression, isBalance: (column: string) => boolean): { field: string; term: AstNode }[] {
  const first = call.arguments[0] as AstNode | undefined;
  if (first?.type === 'TemplateLiteral') return templateTerms(first, isBalance);
  const sql = first?.type === 'Literal' && typeof first.value === 'string' ? first.value : undefined;
  const values = call.arguments[1];
  if (!sql || values?.type !== 'ArrayExpression') return [];
  const out: { field: string; term: AstNode }[] = [];
  for (const m of sql.matchAll(SQL_SUBTRACT)) {
    if (m[1].toLowerCase() !== m[2].toLowerCase() || !isBalance(m[1])) continue;
    const index = m[3] === '?' ? (sql.slice(0, m.index! + m[0].length - 1).match(/\?/g)?.length ?? 0) : Number(m[3].slice(1)) - 1;
    const term = values.elements[index];
    if (term && term.type !== 'SpreadElement') out.push({ field: m[1], term: term as AstNode });
  }
  return out;
}

/** `balance = balance - $1`, `credits = coalesce(credits, 0) - ?`. */
const SQL_SUBTRACT = /\b(\w+)"?\s*=\s*(?:coalesce\s*\(\s*)?"?(\w+)"?(?:\s*,\s*0\s*\))?\s*-\s*(\$\d+|\?)/gi;
/** The same before a template's hole: `balance = balance - ${`. */
const SQL_SUBTRACT_HOLE = /\b(\w+)"?\s*=\s*(?:coalesce\s*\(\s*)?"?(\w+)"?(?:\s*,\s*0\s*\))?\s*-\s*$/i;

/** A template's holes that a balance column is reduced by (also of a tagged template: sql`…`, Prisma's `$executeRaw`). */
export function templateTerms(template: TSESTree.TemplateLiteral, isBalance: (column: string) => boolean): { field: string; term: AstNode }[] {
  return template.quasis.flatMap((q, i) => {
    const m = SQL_SUBTRACT_HOLE.exec(q.value.raw);
    const term = template.expressions[i];
    return m && term && m[1].toLowerCase() === m[2].toLowerCase() && isBalance(m[1]) ? [{ field: m[1], term: term as AstNode }] : [];
  });
}

/** Payouts and transfers to a bank or another account through a payment provider: Paystack, Flutterwave, Stripe, Razorpay, PayPal. */
const PAYOUT = /api\.paystack\.co\/transfer\b|api\.flutterwave\.com\/v3\/transfers\b|\.(?:payouts|transfers)\.create\(|api\.razorpay\.com\/v1\/payouts\b|\/v1\/payments\/payouts\b/;

/** A conditional between two numbers: `cond ? 1 : 5`. */
const CHOSEN_NUMBER = /\?\s*\d+(?:\.\d+)?\s*:\s*\d+(?:\.\d+)?\s*\)?$/;

/** A value kept above zero on its way: `Math.abs(amount)`, `Math.max(0, amount)`. */
const KEPT_POSITIVE = /\bMath\.(?:abs|max)\s*\(/;

/**
 * Notes a balance taken from by `term`, when the request chose it (`req.body.amount`, through locals) or the function's
 * caller passes it (a parameter, bound to what the route passed when the routes are linked).
 */
export function noteDebitAmount(term: AstNode, field: string, at: AstNode, fn: AstNode, text: string, aliases: Aliases, facts: FunctionFacts): void {
  if (facts.debitAmount || term.type === 'Literal') return;
  const written = textOf(text, term);
  if (written.length > 200 || KEPT_POSITIVE.test(written) || KEPT_POSITIVE.test(resolve(written, aliases))) return;
  // Paid out first through a provider, which refuses a negative amount, and taken from the balance once paid.
  if (PAYOUT.test(text.slice(fn.range[0], at.range[0]))) return;
  // A choice between numbers (`model === 'gpt-4o-mini' ? 1 : 5`) is the server's, whatever picked it.
  if (CHOSEN_NUMBER.test(resolve(written, aliases))) return;
  const base = { text: `\`${shorten(textOf(text, at).replace(/\s+/g, ' '), 70)}\``, file: facts.file, line: at.loc.start.line, field, amount: written };
  const whole = requestSource(written, aliases, NO_ELEMENTS);
  const source = whole ?? factorSource(written, aliases);
  if (source) {
    if (KEPT_POSITIVE.test(source)) return;
    facts.debitAmount = { ...base, source: shorten(source, 60), names: amountNames(`${written} ${resolve(written, aliases)} ${source}`), ...(whole ? {} : { factor: true as const }) };
    return;
  }
  const fnNode = fn as FunctionNode;
  const param = parameterSource(written, aliases, NO_ELEMENTS, fnNode);
  const node = param && (fnNode.params[param.param] as AstNode | undefined);
  const bound = node?.type === 'AssignmentPattern' ? (node.left as AstNode) : node;
  if (!param || bound?.type !== 'Identifier') return;
  // A field of a typed object (`dto.amount` with `dto: TransferDto`): a class or schema the framework validates.
  if (param.member && bound.typeAnnotation?.typeAnnotation.type === 'TSTypeReference') return;
  facts.debitAmount = { ...base, param: { name: bound.name, ...(param.member ? { member: param.member } : {}) }, names: amountNames(`${written} ${resolve(written, aliases)}`) };
}

/**
 * The request field one factor of an amount comes from, when the whole cannot be traced (the server's price times the
 * client's quantity: `product.price * qty` with `product` found by a call): the amount's own expression, one alias deep,
 * without what calls compute and what an index picks (a price looked up by the client's key is the server's).
 */
function factorSource(written: string, aliases: Aliases): string | undefined {
  const one = /^[A-Za-z_$][\w$]*$/.test(written) ? (aliases.get(written) ?? written) : written;
  const plain = one.replace(/\[[^\]]*\]/g, '').replace(/[A-Za-z_$][\w$.]*\s*\((?:[^()]|\([^()]*\))*\)/g, ' ');
  for (const m of plain.matchAll(/(?<![\w$.'"`])[A-Za-z_$][\w$]*(?:\??\.[A-Za-z_$][\w$]*)*/g)) {
    if (m[0] === written) continue;
    const found = requestSource(m[0], aliases, NO_ELEMENTS);
    if (found) return found;
  }
  return undefined;
}

/** Every identifier of the amount as written and as read: `amount`, `amt`, `body`. */
function amountNames(written: string): string[] {
  return [...new Set(written.match(/[A-Za-z_$][\w$]*/g) ?? [])].filter((n) => !/^(?:req|request|body|params|query|input|Number|parseFloat|parseInt|String|await|json)$/.test(n));
}

/** A lower bound: zero, one, a named minimum (`MIN_TRANSFER`, `minAmount`). */
const FLOOR = String.raw`(?:0(?:\.0+)?|1|(?![A-Z_]*MAX)[A-Z][A-Z0-9_]*|min\w*|\w*\.min\w*)`;
/** Any number or named minimum, as the bound a value is turned away below (`amount < 2000`). */
const BOUND = String.raw`(?:\d[\d_]*(?:\.\d+)?|(?![A-Z_]*MAX)[A-Z][A-Z0-9_]*|min\w*|\w*\.min\w*)`;
/** A value as tested, through a conversion: `amount`, `body.amount`, `Number(amount)`, `+amount`, `parseFloat(amount, 10)`. */
const VALUE = String.raw`(?:(?:Number|parseFloat|parseInt|Math\.\w+)\(\s*)?\+?([A-Za-z_$][\w$]*(?:\??\.[A-Za-z_$][\w$]*)*)(?:\s*,\s*\d+)?\)?`;
/**
 * `amount <= 0`, `amount < 2000`, `0 >= amount`: a value turned away below a bound; `amount > 0`, `amount >= 1`: kept
 * above zero (not `amount > 1000`, a maximum); `amount !== order.total`: tied to what the server holds.
 */
const POSITIVE_TESTS = [
  new RegExp(`${VALUE}\\s*<=?\\s*${BOUND}\\b`, 'g'),
  new RegExp(`\\b${BOUND}\\s*>=?\\s*${VALUE}`, 'g'),
  new RegExp(`${VALUE}\\s*>=?\\s*${FLOOR}\\b`, 'g'),
  new RegExp(`\\b${FLOOR}\\s*<=?\\s*${VALUE}`, 'g'),
  new RegExp(`${VALUE}\\s*[!=]==?\\s*[A-Za-z_$][\\w$]*\\??\\.[A-Za-z_$][\\w$.]*`, 'g'),
  new RegExp(`\\bisPositive\\(\\s*${VALUE}`, 'g'),
  new RegExp(`${VALUE}\\.(?:isPositive|lte|lt|gt|gte|isNegative|lessThanOrEqualTo|greaterThan|isNeg|isPos)\\(`, 'g'),
];
/** A test that compares anything at all: the patterns above are tried only on those. */
const MAY_CHECK = /[<>]|[!=]==?|isPositive|isNeg|\.(?:lte?|gte?)\(/;

/** Notes the names a test keeps above zero (`if (amount <= 0) return`), with the request field each is read from. */
export function notePositiveTest(test: string, aliases: Aliases, facts: FunctionFacts): void {
  if (!MAY_CHECK.test(test)) return;
  const names: string[] = [];
  for (const re of POSITIVE_TESTS) {
    for (const m of test.matchAll(re)) {
      const tested = m.slice(1).find(Boolean);
      if (!tested) continue;
      names.push(lastName(tested), lastName(resolve(tested, aliases)));
    }
  }
  if (names.length) facts.positiveChecks = [...new Set([...(facts.positiveChecks ?? []), ...names])];
}

function lastName(path: string): string {
  return path.match(/[A-Za-z_$][\w$]*/g)?.pop() ?? path;
}

/**
 * Schemas written in a file, by key: the keys defined (`amount: z.number()`, `body('amount')`, `@IsNumber() amount`)
 * and those required to be above zero (`.positive()`, `.min(1)`, `isFloat({ gt: 0 })`, `@IsPositive()`, `@Min(1)`).
 */
export function schemaKeysOf(text: string): { keys: string[]; positive: string[] } {
  if (schemaMemo.text === text) return schemaMemo.keys;
  const keys = new Set<string>();
  const positive = new Set<string>();
  for (const m of text.matchAll(SCHEMA_KEY)) {
    const key = m[1] ?? m[2] ?? m[4];
    // The rule: what follows the key up to the next key or the schema's end (a chain may run over several lines).
    const after = m[3] ?? text.slice(m.index! + m[0].length, m.index! + m[0].length + 300);
    const end = after.search(/\n\s*(?:[A-Za-z_$][\w$]*\s*:|[}\])])|;|\b(?:body|check|param|query)\(/);
    keys.add(key);
    if (POSITIVE_RULE.test(end === -1 ? after : after.slice(0, end))) positive.add(key);
  }
  schemaMemo.text = text;
  schemaMemo.keys = { keys: [...keys], positive: [...positive] };
  return schemaMemo.keys;
}
const schemaMemo: { text?: string; keys: { keys: string[]; positive: string[] } } = { keys: { keys: [], positive: [] } };

/** A schema's key: zod, Joi, yup, valibot, TypeBox (`amount: z.`); express-validator (`body('amount')`); a field after class-validator's decorators. */
const SCHEMA_KEY = /\b([A-Za-z_$][\w$]*)\s*:\s*(?=(?:z|Joi|joi|yup|v|Type)\.)|\b(?:body|check|param|query)\(\s*['"]([\w$]+)['"]\s*\)|((?:@\w+\([^)\n]*\)\s*)+)(?:readonly\s+)?([A-Za-z_$][\w$]*)[!?]?\s*:/g;
const POSITIVE_RULE = /\.positive\(|\.nonnegative\(|\.min\(\s*(?:0(?:\.\d+)?|[1-9][\d.]*)\s*[,)]|\.(?:gt|gte|moreThan|greater|minValue)\(\s*0|minValue\(\s*[01]|gt:\s*0|min:\s*(?:0(?:\.\d+)?|[1-9])|@IsPositive|@Min\(\s*(?:0(?:\.\d+)?|[1-9])/;

/** Route middleware that validates the request with a schema: `validate(transferSchema)`, `celebrate(…)`, `zValidator(…)`. */
const VALIDATOR = /valid|celebrate|schema|^body\(|^check\(/i;

/**
 * The balance a route takes from by an amount the request chose, unless a function of the route keeps it above zero:
 * a test (`if (amount <= 0)`), `Math.abs`, or a schema requiring it. A route that validates the request with a schema
 * vibeaudit cannot see (imported, or a middleware's) is left out.
 */
export function clientDebitOf(functions: readonly FunctionFacts[], middleware: readonly string[]): DebitAmount | undefined {
  const debit = functions.map((f) => f.debitAmount).find((d) => d?.source);
  if (!debit) return undefined;
  const key = lastName(debit.source!.replace(/\[[^\]]*\]/g, ''));
  const names = new Set([...debit.names, key]);
  if (functions.some((f) => f.positiveChecks?.some((n) => names.has(n)))) return undefined;
  const validated = middleware.some((m) => VALIDATOR.test(m)) || functions.some((f) => f.validatesInput);
  if (validated && !functions.some((f) => f.validatesInput?.schemaKeys.includes(key))) return undefined;
  return debit;
}

/** A debit's amount passed in by the caller, once the caller's argument is known to come from the request. */
export function boundDebit(debit: DebitAmount, argument: { from: string; source: string } | undefined): DebitAmount | undefined {
  if (!argument || argument.from !== 'request') return undefined;
  const source = debit.param?.member ? `${argument.source}.${debit.param.member}` : argument.source;
  return { ...debit, source, names: [...debit.names, ...amountNames(argument.source)] };
}
