import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { envVarRead, memberPath, parentOf, propertyName, staticString } from '../../engine/ast-utils.js';
import type { AstNode, Program } from '../../parse/types.js';

/** Next.js data functions of a pages/ file: they run on the server and are removed from the browser bundle. */
const NEXT_SERVER_DATA = new Set(['getServerSideProps', 'getStaticProps', 'getStaticPaths']);

export interface ClientFileFacts {
  /** `import 'server-only'`: the file refuses to be bundled for browsers. */
  serverOnly: boolean;
  /** Top-level statements that only run on the server (Next.js data functions and their helpers). */
  serverStatements: Set<AstNode>;
  /** Local name → imported module and name ('default', '*', or the export name). */
  imports: Map<string, { source: string; imported: string }>;
}

function exportedDataFunction(stmt: TSESTree.ProgramStatement): string | undefined {
  if (stmt.type !== 'ExportNamedDeclaration' || !stmt.declaration) return undefined;
  const d = stmt.declaration;
  if (d.type === 'FunctionDeclaration' && d.id && NEXT_SERVER_DATA.has(d.id.name)) return d.id.name;
  if (d.type === 'VariableDeclaration') {
    for (const v of d.declarations) if (v.id.type === 'Identifier' && NEXT_SERVER_DATA.has(v.id.name)) return v.id.name;
  }
  return undefined;
}

function declaredName(stmt: TSESTree.ProgramStatement): string | undefined {
  const d = stmt.type === 'ExportNamedDeclaration' && stmt.declaration ? stmt.declaration : stmt;
  if (d.type === 'FunctionDeclaration') return d.id?.name;
  if (d.type === 'VariableDeclaration' && d.declarations.length === 1) {
    const v = d.declarations[0];
    const init = v.init;
    if (v.id.type === 'Identifier' && init && (init.type === 'ArrowFunctionExpression' || init.type === 'FunctionExpression')) return v.id.name;
  }
  return undefined;
}

/** Facts about a client file's top level, read once from the Program node (no extra traversal). */
export function clientFileFacts(program: Program): ClientFileFacts {
  const imports = new Map<string, { source: string; imported: string }>();
  let serverOnly = false;
  let hasDataFunction = false;
  let defaultName: string | undefined;
  for (const stmt of program.body) {
    if (stmt.type === 'ImportDeclaration') {
      const source = stmt.source.value;
      if (source === 'server-only') serverOnly = true;
      if (stmt.importKind === 'type') continue;
      for (const s of stmt.specifiers) {
        if (s.type === 'ImportSpecifier' && s.importKind === 'type') continue;
        const imported = s.type === 'ImportDefaultSpecifier' ? 'default' : s.type === 'ImportNamespaceSpecifier' ? '*' : (staticString(s.imported as AstNode) ?? (s.imported as TSESTree.Identifier).name);
        imports.set(s.local.name, { source, imported });
      }
    } else if (stmt.type === 'VariableDeclaration') {
      for (const v of stmt.declarations) {
        const source = requiredModule(v.init);
        if (!source) continue;
        if (v.id.type === 'Identifier') imports.set(v.id.name, { source, imported: 'default' });
        else if (v.id.type === 'ObjectPattern') {
          for (const p of v.id.properties) {
            if (p.type === 'Property' && p.value.type === 'Identifier') imports.set(p.value.name, { source, imported: propertyName(p) ?? p.value.name });
          }
        }
      }
    } else if (stmt.type === 'ExpressionStatement' && requiredModule(stmt.expression) === 'server-only') {
      serverOnly = true;
    }
    if (exportedDataFunction(stmt)) hasDataFunction = true;
    if (stmt.type === 'ExportDefaultDeclaration') {
      const d = stmt.declaration;
      if (d.type === 'Identifier') defaultName = d.name;
      else if ((d.type === 'FunctionDeclaration' || d.type === 'ClassDeclaration') && d.id) defaultName = d.id.name;
    }
  }
  const serverStatements = new Set<AstNode>();
  if (hasDataFunction) {
    // The component is the default export; the data functions and helpers beside it are tree-shaken out of
    // the browser bundle by Next.js, so code there is server code even though the file is under pages/.
    for (const stmt of program.body) {
      if (exportedDataFunction(stmt)) serverStatements.add(stmt);
      else {
        const name = declaredName(stmt);
        if (name && name !== defaultName) serverStatements.add(stmt);
      }
    }
  }
  return { serverOnly, serverStatements, imports };
}

/** `require('x')` → 'x'; `require('x').y` and `await import('x')` also count. */
export function requiredModule(node: AstNode | null | undefined): string | undefined {
  if (!node) return undefined;
  if (node.type === 'AwaitExpression') return requiredModule(node.argument);
  if (node.type === 'MemberExpression') return requiredModule(node.object);
  if (node.type === 'ImportExpression') return staticString(node.source as AstNode);
  if (node.type === 'CallExpression' && node.callee.type === 'Identifier' && node.callee.name === 'require') return staticString(node.arguments[0] as AstNode);
  return undefined;
}

/** Whether a node sits in code that only runs on the server although the file is client code. */
export function inServerCode(node: AstNode, facts: ClientFileFacts): boolean {
  if (facts.serverOnly) return true;
  if (facts.serverStatements.size === 0) return false;
  for (let cur: AstNode | undefined = node; cur; cur = parentOf(cur)) {
    if (facts.serverStatements.has(cur)) return true;
  }
  return false;
}

/** Unwrap `x as T`, `x!`, `(x)`, `x satisfies T`. */
export function unwrap(node: AstNode | null | undefined): AstNode | undefined {
  let cur = node ?? undefined;
  while (cur && (cur.type === 'TSAsExpression' || cur.type === 'TSNonNullExpression' || cur.type === 'TSSatisfiesExpression' || cur.type === 'TSTypeAssertion')) cur = cur.expression;
  return cur;
}

/** Variable initialisers of a file by name (or the env variable a destructuring binds), gathered by a rule's `VariableDeclarator` listener. */
export type Bindings = Map<string, { init: AstNode } | { envName: string }>;

export function recordBinding(bindings: Bindings, node: TSESTree.VariableDeclarator): void {
  if (node.id.type === 'Identifier' && node.init) {
    if (!bindings.has(node.id.name)) bindings.set(node.id.name, { init: node.init });
    return;
  }
  // `const { VITE_OPENAI_KEY: key } = import.meta.env` binds `key` to that variable.
  const from = memberPath(unwrap(node.init));
  if (node.id.type === 'ObjectPattern' && (from === 'process.env' || from === 'import.meta.env' || from === 'Bun.env')) {
    for (const p of node.id.properties) {
      if (p.type !== 'Property') continue;
      const name = propertyName(p);
      const target = p.value.type === 'AssignmentPattern' ? p.value.left : p.value;
      if (name && target.type === 'Identifier' && !bindings.has(target.name)) bindings.set(target.name, { envName: name });
    }
  }
}

/** What a value expression is made of, following `const` bindings in the same file a few steps. */
export interface ValueSource {
  /** Environment variable the value is read from. */
  envName?: string;
  /** The node reading it (for reports), when the read is the value itself. */
  envNode?: AstNode;
  /** A string literal value. */
  literal?: string;
  literalNode?: AstNode;
}

export function valueSource(node: AstNode | null | undefined, bindings: Bindings, depth = 0): ValueSource {
  const n = unwrap(node);
  if (!n || depth > 4) return {};
  const env = envVarRead(n);
  if (env) return { envName: env, envNode: n };
  const literal = staticString(n);
  if (literal !== undefined) return { literal, literalNode: n };
  if (n.type === 'Identifier') {
    const binding = bindings.get(n.name);
    if (!binding) return {};
    if ('envName' in binding) return { envName: binding.envName };
    return { ...valueSource(binding.init, bindings, depth + 1), envNode: undefined, literalNode: undefined };
  }
  if (n.type === 'LogicalExpression') {
    const left = valueSource(n.left, bindings, depth + 1);
    return left.envName || left.literal ? left : valueSource(n.right, bindings, depth + 1);
  }
  if (n.type === 'TemplateLiteral' && n.expressions.length === 1 && n.quasis.every((q) => !q.value.cooked)) return valueSource(n.expressions[0], bindings, depth + 1);
  return {};
}

/** "`file`, which runs in the browser (reason)" pieces for messages. */
export function roleData(file: { path: string; roleReason: string }): { file: string; reason: string } {
  return { file: file.path, reason: file.roleReason };
}

/** `const { A, B: b } = process.env` (or `import.meta.env`): the variables read and the property nodes reading them. */
export function destructuredEnvReads(node: TSESTree.VariableDeclarator): { name: string; node: AstNode }[] {
  const from = memberPath(unwrap(node.init));
  if (node.id.type !== 'ObjectPattern' || (from !== 'process.env' && from !== 'import.meta.env' && from !== 'Bun.env')) return [];
  const out: { name: string; node: AstNode }[] = [];
  for (const p of node.id.properties) {
    const name = p.type === 'Property' ? propertyName(p) : undefined;
    if (name) out.push({ name, node: p });
  }
  return out;
}
