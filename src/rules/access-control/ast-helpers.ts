import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { visitorKeys } from '@typescript-eslint/visitor-keys';
import { memberPath, propertyName } from '../../engine/ast-utils.js';

export { patternNames } from '../../engine/ast-utils.js';
import type { AstNode } from '../../parse/types.js';
import { nodeMemo } from '../../parse/node-memo.js';

export type FunctionNode = TSESTree.FunctionDeclaration | TSESTree.FunctionExpression | TSESTree.ArrowFunctionExpression;

/** A subtree in depth-first order, and for each node the index just past its own subtree (so a walk can skip it). */
interface Flattened {
  nodes: AstNode[];
  ends: number[];
}

/**
 * Several rules scan the same function bodies (and some rescan an enclosing function once per call they check), which on
 * large bundled files made these walks a top cost. The order is computed once per subtree and shared; the AST is
 * dropped after each file, and the cache with it.
 */
const flattened = nodeMemo<AstNode, Flattened>('flattened subtree');

function flatten(root: AstNode): Flattened {
  const cached = flattened.get(root);
  if (cached) return cached;
  const nodes: AstNode[] = [];
  const ends: number[] = [];
  // A number on the stack closes the subtree of the node at that index.
  const stack: (AstNode | number)[] = [root];
  while (stack.length > 0) {
    const cur = stack.pop()!;
    if (typeof cur === 'number') {
      ends[cur] = nodes.length;
      continue;
    }
    stack.push(nodes.length);
    nodes.push(cur);
    ends.push(0);
    const keys = visitorKeys[cur.type] ?? [];
    // Pushed last-first so they are visited in source order.
    for (let k = keys.length - 1; k >= 0; k--) {
      const value = (cur as unknown as Record<string, unknown>)[keys[k]];
      if (Array.isArray(value)) for (let i = value.length - 1; i >= 0; i--) pushChild(stack, value[i], cur);
      else pushChild(stack, value, cur);
    }
  }
  const out = { nodes, ends };
  flattened.set(root, out);
  return out;
}

function pushChild(stack: (AstNode | number)[], child: unknown, parent: AstNode): void {
  if (child && typeof child === 'object' && 'type' in child) {
    (child as { parent?: AstNode }).parent = parent;
    stack.push(child as AstNode);
  }
}

/** Visit a subtree depth-first (the node itself first), with `parent` set on every node below it; `fn` returning false skips the children. */
export function walk(node: AstNode, fn: (n: AstNode) => boolean | void): void {
  const { nodes, ends } = flatten(node);
  for (let i = 0; i < nodes.length; ) i = fn(nodes[i]) === false ? ends[i] : i + 1;
}

/** The references to each variable name in a function's body, found once however many rules and checks ask (a property of that name is not one). */
const referencesOf = nodeMemo<AstNode, Map<string, AstNode[]>>('variable references');

export function variableReferences(scope: AstNode): Map<string, AstNode[]> {
  let refs = referencesOf.get(scope);
  if (refs) return refs;
  refs = new Map();
  const found = refs;
  walk(scope, (n) => {
    if (n.type !== 'Identifier') return undefined;
    const p = n.parent;
    // A property of that name (`res.ok`, `{ ok: 1 }`), not the variable.
    if ((p?.type === 'MemberExpression' && p.property === n && !p.computed) || (p?.type === 'Property' && p.key === n && !p.shorthand)) return undefined;
    const list = found.get(n.name);
    if (list) list.push(n);
    else found.set(n.name, [n]);
    return undefined;
  });
  referencesOf.set(scope, refs);
  return refs;
}

/** The operands of a chain of `&&` (`a && b && c` → a, b, c), `await` and TypeScript's wrappers taken off. */
export function conjunctsOf(node: AstNode): AstNode[] {
  const n = bare(node)!;
  return n.type === 'LogicalExpression' && n.operator === '&&' ? [...conjunctsOf(n.left as AstNode), ...conjunctsOf(n.right as AstNode)] : [n];
}

/** A branch or block that returns or throws somewhere outside nested functions (`return res.status(400).send(…)`, `throw new Error(…)`). */
export function exits(block: AstNode): boolean {
  let found = false;
  walk(block, (n) => {
    if (found || isFunction(n)) return false;
    if (n.type === 'ReturnStatement' || n.type === 'ThrowStatement') found = true;
    return undefined;
  });
  return found;
}

export function isFunction(node: AstNode | undefined): node is FunctionNode {
  return node?.type === 'FunctionDeclaration' || node?.type === 'FunctionExpression' || node?.type === 'ArrowFunctionExpression';
}

export function enclosingFunction(node: AstNode): FunctionNode | undefined {
  for (let cur = (node as { parent?: AstNode }).parent; cur; cur = (cur as { parent?: AstNode }).parent) if (isFunction(cur)) return cur;
  return undefined;
}

/** The names of a class member's or a class's decorators: `Controller` of `@Controller('auth')`, `Injectable` of `@Injectable()`. */
export function decoratorNames(decorators: readonly TSESTree.Decorator[] | undefined): string[] {
  return (decorators ?? []).map((d) => memberPath(d.expression.type === 'CallExpression' ? (d.expression.callee as AstNode) : (d.expression as AstNode)) ?? '');
}

/** The class holding this method has the decorator (NestJS's `@Controller('auth')`, `@Injectable()`). */
export function classDecoratedWith(method: AstNode | undefined, name: string): boolean {
  const cls = method?.type === 'MethodDefinition' ? method.parent?.parent : undefined;
  return (cls?.type === 'ClassDeclaration' || cls?.type === 'ClassExpression') && decoratorNames(cls.decorators).includes(name);
}

/**
 * The name a function goes by: its own, the variable, property or method it is given to, or the last part of what
 * it is assigned to (`exports.requireAuth = (req, res, next) => …`).
 */
export function functionName(fn: AstNode): string | undefined {
  if ((fn.type === 'FunctionDeclaration' || fn.type === 'FunctionExpression') && fn.id) return fn.id.name;
  const p = (fn as { parent?: AstNode }).parent;
  if (p?.type === 'VariableDeclarator' && p.id.type === 'Identifier') return p.id.name;
  if ((p?.type === 'Property' || p?.type === 'MethodDefinition' || p?.type === 'PropertyDefinition') && !p.computed) return propertyName(p);
  if (p?.type === 'AssignmentExpression' && p.right === fn) return memberPath(p.left as AstNode)?.split('.').pop();
  return undefined;
}

/**
 * Listeners that collect a file's outermost functions into `out` (a callback inside a handler sees the
 * handler's variables, so it is read as part of it); with `methods`, class methods count as outermost too.
 */
export function outermostFunctions(out: FunctionNode[], methods = false) {
  const collect = (n: FunctionNode) => {
    if (!enclosingFunction(n) || (methods && n.parent?.type === 'MethodDefinition')) out.push(n);
  };
  return { 'FunctionDeclaration:exit': collect, 'FunctionExpression:exit': collect, 'ArrowFunctionExpression:exit': collect };
}

/** Strip `await`, `as`, `!`, `satisfies` and parentheses-like wrappers. */
export function bare(node: AstNode | null | undefined): AstNode | undefined {
  let cur = node ?? undefined;
  while (cur && (cur.type === 'AwaitExpression' || cur.type === 'TSAsExpression' || cur.type === 'TSNonNullExpression' || cur.type === 'TSSatisfiesExpression' || cur.type === 'ChainExpression')) {
    cur = cur.type === 'AwaitExpression' ? cur.argument : cur.expression;
  }
  return cur;
}

/** Method name of a call (`x.y.save()` → `save`, `save()` → `save`). */
export function methodName(call: TSESTree.CallExpression | TSESTree.NewExpression): string | undefined {
  const callee = call.callee;
  if (callee.type === 'Identifier') return callee.name;
  if (callee.type === 'MemberExpression') return propertyName(callee);
  return undefined;
}

/** Earlier calls of a fluent chain, outermost last: `supabase.from('t').select('*').eq()` on `eq` → [from, select]. */
export function chainCalls(call: TSESTree.CallExpression): TSESTree.CallExpression[] {
  const out: TSESTree.CallExpression[] = [];
  let obj: AstNode | undefined = call.callee.type === 'MemberExpression' ? call.callee.object : undefined;
  while (obj) {
    obj = bare(obj);
    if (obj?.type === 'CallExpression') {
      out.unshift(obj);
      obj = obj.callee.type === 'MemberExpression' ? obj.callee.object : undefined;
    } else if (obj?.type === 'MemberExpression') obj = obj.object;
    else break;
  }
  return out;
}

/** The root identifier of a member chain or call chain (`prisma.user.update` → `prisma`, `db.insert(t).values` → `db`). */
export function rootName(node: AstNode | undefined): string | undefined {
  let cur = bare(node);
  while (cur) {
    if (cur.type === 'Identifier') return cur.name;
    if (cur.type === 'ThisExpression') return 'this';
    if (cur.type === 'MemberExpression') cur = bare(cur.object);
    else if (cur.type === 'CallExpression') cur = bare(cur.callee);
    else return undefined;
  }
  return undefined;
}

/** The property path of the receiver of a method call, `this.userRepository.save` → `this.userRepository`. */
export function receiverPath(call: TSESTree.CallExpression): string | undefined {
  return call.callee.type === 'MemberExpression' ? memberPath(call.callee.object) : undefined;
}


/** The HTTP method and path of a route registration call (`app.post('/webhook', …)`), if it is one. */
export function routeRegistration(call: TSESTree.CallExpression): { method: string; path: string } | undefined {
  if (call.callee.type !== 'MemberExpression') return undefined;
  const method = propertyName(call.callee);
  if (!method || !/^(?:get|post|put|patch|delete|all|use)$/.test(method)) return undefined;
  const first = call.arguments[0];
  const path = first && (first.type === 'Literal' && typeof first.value === 'string' ? first.value : first.type === 'TemplateLiteral' && first.expressions.length === 0 ? first.quasis[0].value.cooked ?? undefined : undefined);
  if (path === undefined || !path.startsWith('/')) return undefined;
  return { method: method.toUpperCase(), path };
}

const BODY_MEMBER = /^(?:req|request|ctx\.request|context\.request|event)\.body$/;
const BODY_CALL = /^(?:req|request|c\.req|ctx\.req|context\.req|event\.request)\.(?:json|body|parseBody)$/;
const BODY_TEXT = /^(?:req|request|c\.req|ctx\.req|context\.req|event\.request)\.text$/;

/** An expression that is the whole parsed request body: `req.body`, `await req.json()`, `ctx.request.body`, `await c.req.json()`. */
export function isRequestBody(node: AstNode | null | undefined): boolean {
  const n = bare(node);
  if (!n) return false;
  if (n.type === 'MemberExpression') return BODY_MEMBER.test(memberPath(n) ?? '');
  if (n.type === 'CallExpression') {
    const path = memberPath(n.callee) ?? '';
    if (BODY_CALL.test(path) && n.arguments.length === 0) return true;
    // h3 (Nuxt, Nitro): `await readBody(event)`, `await readRawBody(event)`.
    if ((path === 'readBody' || path === 'readRawBody') && n.arguments[0]?.type === 'Identifier') return true;
    // `JSON.parse(event.body)` (Lambda), `JSON.parse(await req.text())`.
    if (path === 'JSON.parse' && n.arguments.length >= 1) {
      const arg = bare(n.arguments[0]);
      if (isRequestBody(arg) || (arg?.type === 'CallExpression' && BODY_TEXT.test(memberPath(arg.callee) ?? ''))) return true;
    }
    // `Object.fromEntries(formData)` in a server action, `Object.fromEntries(await req.formData())`.
    if (path === 'Object.fromEntries' && n.arguments.length === 1) {
      const arg = bare(n.arguments[0]);
      if (arg?.type === 'Identifier' && /formData/i.test(arg.name)) return true;
      if (arg?.type === 'CallExpression' && /\.formData$/.test(memberPath(arg.callee) ?? '')) return true;
    }
  }
  return false;
}

/** A callee as written, with calls shortened: `supabase.from(…).update`, `prisma.user.create`, `this.repo.save`. */
export function chainLabel(node: AstNode): string {
  const n = bare(node);
  if (!n) return '…';
  if (n.type === 'Identifier') return n.name;
  if (n.type === 'ThisExpression') return 'this';
  if (n.type === 'MemberExpression') return `${chainLabel(n.object)}.${propertyName(n) ?? '[…]'}`;
  if (n.type === 'CallExpression') return `${chainLabel(n.callee)}(…)`;
  return '…';
}
