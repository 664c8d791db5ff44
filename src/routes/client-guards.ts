import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { memberPath, staticString } from '../engine/ast-utils.js';
import type { AstNode, Program } from '../parse/types.js';
import { isFunction, shorten, textOf, walk } from './ast.js';
import type { ClientGuardedCall } from './types.js';

const ADMIN_TEST = /\b(isAdmin|is_admin|isSuperAdmin|isSuperuser|is_superuser|isStaff|is_staff)\b|\brole\s*[!=]==?\s*['"`](admin|owner|staff|superadmin)['"`]|['"`](admin|owner|staff|superadmin)['"`]\s*[!=]==?\s*[\w.?]*\brole\b|\broles?\??\.includes\(\s*['"`]admin/;
const PASSWORD_TEST = /\b(password|passcode|pin|adminPassword|secret)\s*[!=]==?\s*['"`][^'"`]+['"`]|['"`][^'"`]+['"`]\s*[!=]==?\s*[\w.?]*\b(password|passcode|pin)\b/i;
/** A word PASSWORD_TEST cannot match without: a quick search that spares most files its slower one. */
const PASSWORD_WORD = /password|passcode|secret|\bpin\b/i;
const CLIENT_VERBS = new Set(['get', 'post', 'put', 'patch', 'delete']);
const CLIENT_OBJECT = /^(axios|api|http|client|apiClient|request|instance|ky|\w*Api|\w*api|\w*Client)$/;

interface Region {
  start: number;
  end: number;
  guard: string;
  line: number;
  kind: 'role' | 'password';
}

/** In client code: API calls that run only after an admin-role or password check made in the browser. */
export function collectClientGuards(ast: Program, text: string): ClientGuardedCall[] {
  // A guard's test is text of the file, and neither pattern can match a part without matching the whole
  // (their word boundaries sit at token edges): most client files have no such test, and need no walk.
  if (!ADMIN_TEST.test(text) && !(PASSWORD_WORD.test(text) && PASSWORD_TEST.test(text))) return [];
  const regions: Region[] = [];
  walk(ast, (node, ancestors) => {
    if (node.type !== 'IfStatement' && node.type !== 'ConditionalExpression' && !(node.type === 'LogicalExpression' && node.operator === '&&')) return;
    const test = (node.type === 'LogicalExpression' ? node.left : node.test) as AstNode;
    const testText = textOf(text, test);
    const kind = ADMIN_TEST.test(testText) ? 'role' : PASSWORD_TEST.test(testText) ? 'password' : undefined;
    if (!kind) return;
    const negated = /^!|!==?|!=/.test(testText.trim()) && !/===?/.test(testText.replace(/!==?/g, ''));
    const region = (n: AstNode) => regions.push({ start: n.range[0], end: n.range[1], guard: shorten(testText, 50), line: test.loc.start.line, kind });
    if (node.type === 'LogicalExpression') region(node.right as AstNode);
    else if (!negated) region(node.consequent as AstNode);
    else if (node.type === 'IfStatement' && node.alternate) region(node.alternate as AstNode);
    else if (node.type === 'ConditionalExpression') region(node.alternate as AstNode);
    else if (node.type === 'IfStatement') {
      // `if (!isAdmin) return …;` guards the rest of the function.
      const fn = [...ancestors].reverse().find((a) => isFunction(a));
      if (fn && hasReturn(node.consequent as AstNode)) regions.push({ start: node.range[1], end: fn.range[1], guard: `if (${shorten(testText, 40)}) return`, line: test.loc.start.line, kind });
    }
  });
  if (regions.length === 0) return [];
  const out: ClientGuardedCall[] = [];
  walk(ast, (node) => {
    if (node.type !== 'CallExpression') return;
    const call = apiCall(node, text);
    if (!call) return;
    const region = regions.find((r) => r.start <= node.range[0] && node.range[1] <= r.end);
    if (region) out.push({ ...call, line: node.loc.start.line, guard: region.guard, guardLine: region.line, kind: region.kind });
  });
  return out;
}

function hasReturn(node: AstNode): boolean {
  let found = false;
  walk(node, (n) => {
    if (isFunction(n)) return false;
    if (n.type === 'ReturnStatement' || n.type === 'ThrowStatement') found = true;
    return !found;
  });
  return found;
}

/** `fetch('/api/x', { method: 'DELETE' })`, `api.delete(\`/users/${id}\`)`: method and path, `${…}` as `:param`. */
function apiCall(node: TSESTree.CallExpression, text: string): { method: string; url: string; code: string } | undefined {
  const callee = memberPath(node.callee as AstNode) ?? '';
  const urlOf = (n: AstNode | undefined) => (n ? pathOf(n) : undefined);
  if (callee === 'fetch' || callee === 'window.fetch' || callee === 'axios' || callee === 'ky') {
    const url = urlOf(node.arguments[0] as AstNode);
    if (!url) return undefined;
    const opts = node.arguments[1] as AstNode | undefined;
    const methodProp = opts?.type === 'ObjectExpression' ? (opts.properties.find((p) => p.type === 'Property' && p.key.type === 'Identifier' && p.key.name === 'method') as TSESTree.Property | undefined) : undefined;
    return { method: (staticString(methodProp?.value as AstNode) ?? 'GET').toUpperCase(), url, code: shorten(textOf(text, node), 60) };
  }
  if (node.callee.type === 'MemberExpression' && node.callee.property.type === 'Identifier' && CLIENT_VERBS.has(node.callee.property.name)) {
    const object = memberPath(node.callee.object as AstNode) ?? '';
    if (!CLIENT_OBJECT.test(object.split('.').pop() ?? '')) return undefined;
    const url = urlOf(node.arguments[0] as AstNode);
    return url ? { method: node.callee.property.name.toUpperCase(), url, code: shorten(textOf(text, node), 60) } : undefined;
  }
  return undefined;
}

function pathOf(node: AstNode): string | undefined {
  let raw: string | undefined;
  const s = staticString(node);
  if (s !== undefined) raw = s;
  else if (node.type === 'TemplateLiteral') {
    raw = node.quasis.map((q, i) => (q.value.cooked ?? '') + (i < node.expressions.length ? '\u0000' : '')).join('');
    // `${API_URL}/admin/users`: the base URL comes first.
    raw = raw.replace(/^\u0000(?=\/)/, '');
  }
  if (!raw) return undefined;
  raw = raw.replace(/^https?:\/\/[^/]+/, '').split(/[?#]/)[0];
  if (!raw.startsWith('/')) return undefined;
  return raw.replace(/\u0000/g, ':param');
}
