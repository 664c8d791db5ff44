import { splitTopLevel } from '../engine/split-top-level.js';
import type { MatchBlock, RulesFunction } from './types.js';

/**
 * Questions about the condition of an `allow` statement, answered from its text. Calls to functions declared
 * in the file are inlined first, so `allow write: if isSignedIn()` is read as `request.auth != null`.
 */

/** The condition with calls to the file's functions replaced by their bodies (a few levels deep). */
export function expandCondition(condition: string, match: MatchBlock, topLevel: RulesFunction[]): string {
  const scope = new Map<string, RulesFunction>();
  for (const f of topLevel) scope.set(f.name, f);
  const chain: MatchBlock[] = [];
  for (let m: MatchBlock | undefined = match; m; m = m.parent) chain.unshift(m);
  for (const m of chain) for (const f of m.functions) scope.set(f.name, f);
  let text = condition;
  for (let depth = 0; depth < 4; depth++) {
    const next = inlineOnce(text, scope);
    if (next === text) break;
    text = next;
  }
  return text.replace(/\s+/g, ' ').trim();
}

function inlineOnce(text: string, scope: Map<string, RulesFunction>): string {
  let out = '';
  let i = 0;
  const call = /(?<![\w.])([A-Za-z_]\w*)\s*\(/g;
  for (let m = call.exec(text); m; m = call.exec(text)) {
    const fn = scope.get(m[1]);
    if (!fn) continue;
    const open = m.index + m[0].length - 1;
    const close = matchingParen(text, open);
    if (close === -1) continue;
    const args = splitTopLevel(text.slice(open + 1, close), ',');
    let body = fn.body;
    fn.params.forEach((p, k) => {
      body = body.replace(new RegExp(`(?<![\\w.$])${p}(?![\\w])`, 'g'), `(${(args[k] ?? '').trim()})`);
    });
    out += `${text.slice(i, m.index)}(${body})`;
    i = close + 1;
    call.lastIndex = close + 1;
  }
  return out + text.slice(i);
}

function matchingParen(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === '(') depth++;
    else if (text[i] === ')' && --depth === 0) return i;
  }
  return -1;
}

/** `((x))` → `x`, only when the outer parentheses wrap the whole text. */
export function stripParens(text: string): string {
  let t = text.trim();
  while (t.startsWith('(') && matchingParen(t, 0) === t.length - 1) t = t.slice(1, -1).trim();
  return t;
}

/** No condition, `if true`, or `true || …`: the statement always allows. */
export function isAlwaysTrue(condition: string | undefined): boolean {
  if (condition === undefined) return true;
  return splitTopLevel(stripParens(condition), '||').some((part) => stripParens(part) === 'true');
}

const TEST_MODE = /^request\.time\s*<\s*timestamp\.date\(\s*(\d{4})\s*,\s*(\d{1,2})\s*,\s*(\d{1,2})\s*\)$/;

/** The test-mode rule the Firebase console writes: `request.time < timestamp.date(2024, 8, 1)`; its date. */
export function testModeExpiry(condition: string | undefined): string | undefined {
  if (condition === undefined) return undefined;
  const m = TEST_MODE.exec(stripParens(condition));
  if (!m) return undefined;
  return `${m[1]}-${m[2].padStart(2, '0')}-${m[3].padStart(2, '0')}`;
}

/** RTDB test mode: `now < 1719792000000` (milliseconds since 1970); the date it ends. */
export function rtdbTestModeExpiry(expression: string): string | undefined {
  const m = /^now\s*<\s*(\d{12,14})$/.exec(stripParens(expression));
  if (!m) return undefined;
  const date = new Date(Number(m[1]));
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString().slice(0, 10);
}

/** Firestore/Storage: `request.auth != null`, `request.auth.uid != null`, `isSignedIn()` inlined. */
const SIGNED_IN = /request\.auth(?:\.uid)?\s*!==?\s*null|null\s*!==?\s*request\.auth(?:\.uid)?/g;
/** RTDB: `auth != null`, `auth.uid !== null`. */
const RTDB_SIGNED_IN = /(?<![\w.])auth(?:\.uid)?\s*!==?\s*null|null\s*!==?\s*auth(?:\.uid)?(?![\w.])/g;

/**
 * The condition requires a signed-in user and nothing that ties the data to that user or to a role:
 * no `request.auth.uid` comparison, no custom claim (`request.auth.token.admin`), no `get()`/`exists()`
 * lookup (role or membership documents). Checks on the written data alone do not count.
 */
export function signedInOnly(expanded: string): boolean {
  if (!new RegExp(SIGNED_IN.source).test(expanded)) return false;
  const rest = expanded.replace(SIGNED_IN, ' ');
  if (/request\.auth\.uid|request\.auth\.token\.(?!email_verified\b)|request\.auth\.token\[/.test(rest)) return false;
  if (/(?<![\w.])(?:get|getAfter|exists|existsAfter)\s*\(/.test(rest)) return false;
  // A condition on the stored document (`resource.data.published == true`) narrows what is reachable.
  if (/(?<![\w.]|request\.)resource\.data/.test(rest)) return false;
  // `request.auth == null` elsewhere, or auth used as a whole value (`request.auth in …`): leave it.
  if (/request\.auth(?![\w.])/.test(rest)) return false;
  return true;
}

/** `request.auth == null`, `!isSignedIn()` inlined as `!(request.auth != null)`: the caller is not signed in. */
const SIGNED_OUT = /request\.auth(?:\.uid)?\s*==\s*null|null\s*==\s*request\.auth(?:\.uid)?|!\s*\(+\s*request\.auth(?:\.uid)?\s*!=\s*null\s*\)+/g;

/**
 * The condition lets callers who are not signed in through (`allow update: if !isSignedIn() && …`, written for
 * "the server", whose Admin SDK never meets these rules; `request.auth == null || …`), with nothing else about the
 * caller or other documents on that way through: anyone can be such a caller.
 */
export function signedOutOnly(expanded: string): boolean {
  // One way through (`request.auth == null || request.auth.uid == userId` has two) that asks for a signed-out caller.
  return splitTopLevel(stripParens(expanded), '||').some((way) => {
    const parts = splitTopLevel(stripParens(way), '&&').map(stripParens);
    if (!parts.some((p) => new RegExp(`^(?:${SIGNED_OUT.source})$`).test(p))) return false;
    const rest = way.replace(SIGNED_OUT, ' ');
    return !/request\.auth|(?<![\w.])(?:get|getAfter|exists|existsAfter)\s*\(/.test(rest);
  });
}

/**
 * `request.auth.uid == request.resource.data.ownerId`: the caller compared with the owner in the data written (also
 * as a function's argument, which inlining puts in parentheses: `isOwner(request.resource.data.ownerId)`).
 */
/** `request.auth.uid == resource.data.authorId` (either side, the stored or the new document): the caller compared with an owner field. */
export const OWNER_FIELD_CHECK = /\brequest\.auth\.uid\s*==\s*(?:request\.)?resource\.data\.\w+|(?:request\.)?resource\.data\.\w+\s*==\s*request\.auth\.uid\b/;
/** The same against the stored document only: `request.auth.uid == resource.data.ownerId`. */
export const STORED_OWNER_CHECK = /\brequest\.auth\.uid\s*==\s*resource\.data\.\w+|(?<![\w.])resource\.data\.\w+\s*==\s*request\.auth\.uid\b/;

const UID_VS_NEW_DATA = /request\.auth\.uid\s*==\s*(?:\(\s*)?request\.resource\.data\.\w+|(?:\(\s*)?request\.resource\.data\.\w+(?:\s*\))?\s*==\s*request\.auth\.uid/g;

/**
 * The only owner check compares the caller with the owner field of the data being written, never with the stored
 * document's (`resource.data.ownerId`) or a path wildcard: on an update, anyone signed in writes their own id into
 * another user's document and passes.
 */
export function ownerOnlyInNewData(expanded: string): boolean {
  if (!new RegExp(UID_VS_NEW_DATA.source).test(expanded)) return false;
  const rest = expanded.replace(UID_VS_NEW_DATA, ' ');
  if (/(?<![\w.]|request\.)resource\.data/.test(rest)) return false;
  if (/request\.auth\.uid\s*==|==\s*request\.auth\.uid|request\.auth\.token[.[]/.test(rest)) return false;
  return !/(?<![\w.])(?:get|getAfter|exists|existsAfter)\s*\(/.test(rest);
}

/** RTDB: `auth != null` with no `auth.uid` comparison, custom claim or lookup of other data. */
export function rtdbSignedInOnly(expression: string): boolean {
  if (!new RegExp(RTDB_SIGNED_IN.source).test(expression)) return false;
  const rest = expression.replace(RTDB_SIGNED_IN, ' ');
  if (/(?<![\w.])auth\.(?:uid|token\.(?!email_verified\b))|(?<![\w.])auth(?![\w.])/.test(rest)) return false;
  if (/(?<![\w.])(?:root|data|newData)\.(?:child|parent)\s*\(/.test(rest)) return false;
  return true;
}

/** Shorten a condition for a message. */
export function shortCondition(text: string): string {
  const t = text.replace(/\s+/g, ' ').trim();
  return t.length > 80 ? `${t.slice(0, 77)}…` : t;
}
