import { nodeMemo } from '../parse/node-memo.js';
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { visitorKeys } from '@typescript-eslint/visitor-keys';
import type { AstNode } from '../parse/types.js';

/** The value of a string literal or a template literal without expressions. */
export function staticString(node: AstNode | null | undefined): string | undefined {
  if (!node) return undefined;
  if (node.type === 'Literal' && typeof node.value === 'string') return node.value;
  if (node.type === 'TemplateLiteral' && node.expressions.length === 0) return node.quasis[0]?.value.cooked ?? undefined;
  if (node.type === 'TSAsExpression' || node.type === 'TSNonNullExpression' || node.type === 'TSSatisfiesExpression') return staticString(node.expression);
  return undefined;
}

/** Name of a non-computed or string-keyed property (`a.b`, `a['b']`, `{ b: 1 }`, `{ 'b': 1 }`). */
export function propertyName(node: TSESTree.MemberExpression | TSESTree.Property | TSESTree.PropertyDefinition | TSESTree.MethodDefinition): string | undefined {
  const key = node.type === 'MemberExpression' ? node.property : node.key;
  if (!node.computed && key.type === 'Identifier') return key.name;
  if (key.type === 'PrivateIdentifier') return key.name;
  return staticString(key as AstNode);
}

/** `a.b.c` for a chain of identifiers and static properties; undefined when any part is dynamic. */
export function memberPath(node: AstNode | null | undefined): string | undefined {
  if (!node) return undefined;
  if (node.type === 'Identifier') return node.name;
  if (node.type === 'ThisExpression') return 'this';
  if (node.type === 'MetaProperty') return `${node.meta.name}.${node.property.name}`;
  if (node.type === 'ChainExpression') return memberPath(node.expression);
  if (node.type === 'TSNonNullExpression' || node.type === 'TSAsExpression') return memberPath(node.expression);
  if (node.type === 'MemberExpression') {
    const object = memberPath(node.object);
    const prop = propertyName(node);
    return object !== undefined && prop !== undefined ? `${object}.${prop}` : undefined;
  }
  return undefined;
}

/** Dotted name of what is called: `supabase.auth.admin.listUsers`, `createClient`. */
export function calleePath(node: TSESTree.CallExpression | TSESTree.NewExpression): string | undefined {
  return memberPath(node.callee);
}

/**
 * The environment variable a node reads: `process.env.X`, `process.env['X']`, `import.meta.env.X`,
 * `Deno.env.get('X')`, `Bun.env.X`, `env.X` after `const { env } = process` is not followed.
 */
export function envVarRead(node: AstNode): string | undefined {
  if (node.type === 'MemberExpression') {
    const object = memberPath(node.object);
    if (object === 'process.env' || object === 'import.meta.env' || object === 'Bun.env') return propertyName(node);
    return undefined;
  }
  if (node.type === 'CallExpression' && (memberPath(node.callee) === 'Deno.env.get')) return staticString(node.arguments[0] as AstNode);
  return undefined;
}

const CONVERSION_CALL = /^(?:String|Number|parseInt|parseFloat|BigInt|decodeURIComponent)$/;
const CONVERSION_METHOD = /^(?:trim|trimStart|trimEnd|toLowerCase|toUpperCase|toString|normalize)$/;
const TYPE_WRAPPERS = new Set(['TSAsExpression', 'TSNonNullExpression', 'TSSatisfiesExpression', 'ChainExpression']);

/**
 * What a value was made from when it was only converted on its way: `String(token).trim()`, `Number(req.params.id)`,
 * `otp.toLowerCase()`, `+id`, `new ObjectId(id)`, `x!`, `x as string`. Where it comes from is where that comes from.
 */
export function convertedFrom(node: AstNode): AstNode {
  let n = node;
  for (let i = 0; i < 6; i++) {
    if (TYPE_WRAPPERS.has(n.type)) n = (n as { expression: AstNode }).expression;
    else if (n.type === 'CallExpression' && n.callee.type === 'Identifier' && CONVERSION_CALL.test(n.callee.name) && n.arguments.length >= 1) n = n.arguments[0] as AstNode;
    else if (n.type === 'CallExpression' && n.callee.type === 'MemberExpression' && CONVERSION_METHOD.test(propertyName(n.callee) ?? '')) n = n.callee.object as AstNode;
    // `+id`: the number the text holds.
    else if (n.type === 'UnaryExpression' && n.operator === '+') n = n.argument as AstNode;
    // MongoDB's id of a text: `new ObjectId(id)`, `new mongoose.Types.ObjectId(id)`, `new Bson.ObjectId(id)`.
    else if ((n.type === 'NewExpression' || n.type === 'CallExpression') && n.arguments.length === 1 && /(?:^|\.)ObjectI[dD]$/.test(memberPath(n.callee as AstNode) ?? '')) n = n.arguments[0] as AstNode;
    else break;
  }
  return n;
}

/** Property of an object literal by key name. */
export function objectProperty(object: TSESTree.ObjectExpression, name: string): TSESTree.Property | undefined {
  for (const p of object.properties) {
    if (p.type === 'Property' && propertyName(p) === name) return p;
  }
  return undefined;
}

/** Name of the enclosing function, method, class or variable: part of a finding's fingerprint. */
export function enclosingSymbol(node: AstNode): string | undefined {
  for (let cur: AstNode | undefined = node; cur; cur = (cur as { parent?: AstNode }).parent) {
    switch (cur.type) {
      case 'FunctionDeclaration':
      case 'FunctionExpression':
      case 'ClassDeclaration':
      case 'ClassExpression':
        if (cur.id) return cur.id.name;
        break;
      case 'VariableDeclarator':
        if (cur.id.type === 'Identifier') return cur.id.name;
        break;
      case 'MethodDefinition':
      case 'PropertyDefinition':
      case 'Property': {
        const name = propertyName(cur);
        if (name) return name;
        break;
      }
    }
  }
  return undefined;
}

export function parentOf(node: AstNode): AstNode | undefined {
  return (node as { parent?: AstNode }).parent;
}

/** The program a node belongs to: its outermost ancestor. */
export function programOf(node: AstNode): AstNode | undefined {
  let cur = node;
  for (let up = parentOf(cur); up; up = parentOf(cur)) cur = up;
  return cur;
}

/** The innermost node whose range holds `offset`, with `parent` set along the way (for text-rule findings). */
export function nodeAtOffset(ast: AstNode, offset: number): AstNode {
  let current = ast;
  for (;;) {
    let next: AstNode | undefined;
    for (const key of visitorKeys[current.type] ?? []) {
      const value = (current as unknown as Record<string, unknown>)[key];
      for (const child of Array.isArray(value) ? value : [value]) {
        if (child && typeof child === 'object' && 'range' in child) {
          const node = child as AstNode;
          if (node.range[0] <= offset && offset < node.range[1]) {
            (node as { parent?: AstNode }).parent = current;
            next = node;
            break;
          }
        }
      }
      if (next) break;
    }
    if (!next) return current;
    current = next;
  }
}

/** Names bound by a pattern (`{ data: users }` → users, `[a, ...rest]` → a, rest). */
export function patternNames(pattern: AstNode | null | undefined): string[] {
  if (!pattern) return [];
  switch (pattern.type) {
    case 'Identifier':
      return [pattern.name];
    case 'ObjectPattern':
      return pattern.properties.flatMap((p) => (p.type === 'RestElement' ? patternNames(p.argument) : patternNames(p.value)));
    case 'ArrayPattern':
      return pattern.elements.flatMap((e) => patternNames(e));
    case 'RestElement':
      return patternNames(pattern.argument);
    case 'AssignmentPattern':
      return patternNames(pattern.left);
    default:
      return [];
  }
}

const constantsOf = nodeMemo<TSESTree.Program, ReadonlyMap<string, AstNode>>('module constants');

/**
 * The file's top-level `const NAME = …` (exported or not), by name, with their initialisers: worked out once per
 * file for every rule that follows a name to a value written at the top (`const ADMIN_PASSWORD = '…'`,
 * `const WEBHOOK_TOKEN = Deno.env.get('…')`).
 */
export function moduleConstants(program: TSESTree.Program | undefined): ReadonlyMap<string, AstNode> {
  if (!program) return new Map();
  const known = constantsOf.get(program);
  if (known) return known;
  const out = new Map<string, AstNode>();
  for (const st of program.body) {
    const decl = st.type === 'ExportNamedDeclaration' ? st.declaration : st;
    if (decl?.type !== 'VariableDeclaration' || decl.kind !== 'const') continue;
    for (const d of decl.declarations) if (d.id.type === 'Identifier' && d.init) out.set(d.id.name, d.init as AstNode);
  }
  return constantsOf.set(program, out);
}

/** A function declared at the top of the file, or kept in a top-level `const` (`const isAllowed = (origin) => …`). */
export function topLevelFunction(program: TSESTree.Program | undefined, name: string): TSESTree.FunctionDeclaration | TSESTree.FunctionExpression | TSESTree.ArrowFunctionExpression | undefined {
  let bound = moduleConstants(program).get(name);
  while (bound && (bound.type === 'TSAsExpression' || bound.type === 'TSSatisfiesExpression')) bound = bound.expression as AstNode;
  if (bound?.type === 'FunctionExpression' || bound?.type === 'ArrowFunctionExpression') return bound;
  for (const st of program?.body ?? []) {
    const decl = st.type === 'ExportNamedDeclaration' ? st.declaration : st;
    if (decl?.type === 'FunctionDeclaration' && decl.id?.name === name) return decl;
  }
  return undefined;
}

/** The fields a constructor sets to a new instance of a class it names: `this.repo = new UserRepository()`. */
export function constructedFields(ctor: { body?: TSESTree.BlockStatement | null } | undefined): [string, string][] {
  const out: [string, string][] = [];
  for (const st of ctor?.body?.body ?? []) {
    if (st.type !== 'ExpressionStatement' || st.expression.type !== 'AssignmentExpression') continue;
    const { left, right } = st.expression;
    if (left.type !== 'MemberExpression' || left.object.type !== 'ThisExpression' || left.computed || left.property.type !== 'Identifier') continue;
    if (right.type === 'NewExpression' && right.callee.type === 'Identifier') out.push([left.property.name, right.callee.name]);
  }
  return out;
}
