import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { posix } from 'node:path';
import { memberPath, objectProperty, staticString } from '../../engine/ast-utils.js';
import { defineAstRule } from '../../engine/rule.js';
import { collectImports, type ImportBinding } from '../../dataflow/modules.js';
import type { AstNode } from '../../parse/types.js';

/** Middleware that serve a folder's files, by module, and where the folder is given: the first argument or a `root` option. */
const STATIC_MODULES: Record<string, 'first' | 'root'> = {
  express: 'first',
  'serve-static': 'first',
  'koa-static': 'first',
  'hono/serve-static': 'root',
  'hono/bun': 'root',
  'hono/deno': 'root',
  '@hono/node-server/serve-static': 'root',
};

/**
 * A folder that holds the server's own code: the folder of this file (`__dirname`, `import.meta.dirname`), the
 * folder the process runs in (`'.'`, `process.cwd()`), or one above them (`path.join(__dirname, '..')`). Its
 * path relative to this file's folder, when it can be told (`.`, `..`), or `cwd`.
 */
function codeFolder(node: AstNode | undefined): string | undefined {
  if (!node) return undefined;
  if (node.type === 'Identifier' && node.name === '__dirname') return '.';
  const path = memberPath(node);
  if (path === 'import.meta.dirname') return '.';
  const s = staticString(node);
  if (s !== undefined) return /^(?:\.\/?)?$/.test(s) ? 'cwd' : /^(?:\.\.\/?)+$/.test(s) ? `cwd/${s.replace(/\/$/, '')}` : undefined;
  // `__dirname + '/'`, `${__dirname}/`.
  if (node.type === 'BinaryExpression' && node.operator === '+' && staticString(node.right as AstNode)?.replace(/\/$/, '') === '') return codeFolder(node.left as AstNode);
  if (node.type === 'TemplateLiteral' && node.expressions.length === 1 && node.quasis[0].value.cooked === '' && /^\/?$/.test(node.quasis[1].value.cooked ?? '')) return codeFolder(node.expressions[0] as AstNode);
  if (node.type !== 'CallExpression') return undefined;
  const callee = memberPath(node.callee as AstNode) ?? '';
  if (callee === 'process.cwd' || (/^(?:path\.)?resolve$/.test(callee) && node.arguments.length === 0)) return 'cwd';
  // `path.join(__dirname)`, `path.resolve(__dirname, '..')`, `path.join(process.cwd(), '/')`.
  if (/^(?:path\.)?(?:join|resolve)$/.test(callee) && node.arguments.length > 0) {
    const base = codeFolder(node.arguments[0] as AstNode);
    if (base === undefined) return undefined;
    const rest = node.arguments.slice(1).map((a) => staticString(a as AstNode));
    if (rest.some((r) => r === undefined || !/^(?:\.\.?\/?)*$/.test(r))) return undefined;
    const ups = rest.reduce((n, r) => n + (r!.match(/\.\./g)?.length ?? 0), 0);
    return ups === 0 ? base : `${base}/${Array(ups).fill('..').join('/')}`;
  }
  return undefined;
}

/** The folder a static-file middleware serves (`express.static(dir)`, `serveStatic({ root })`, `register(fastifyStatic, { root })`). */
function servedFolder(call: TSESTree.CallExpression, imports: ReadonlyMap<string, ImportBinding>): AstNode | undefined {
  const callee = memberPath(call.callee as AstNode);
  if (!callee) return undefined;
  const [head, ...rest] = callee.split('.');
  const binding = imports.get(head);
  const rootOption = (opts: AstNode | undefined) => (opts?.type === 'ObjectExpression' ? (objectProperty(opts, 'root')?.value as AstNode | undefined) : undefined);
  // Fastify registers the plugin with its options: `fastify.register(fastifyStatic, { root: __dirname })`.
  if (rest.at(-1) === 'register' && call.arguments[0]?.type === 'Identifier') {
    const plugin = imports.get(call.arguments[0].name)?.source;
    return plugin === '@fastify/static' || plugin === 'fastify-static' ? rootOption(call.arguments[1] as AstNode | undefined) : undefined;
  }
  const source = binding?.source ?? (head === 'express' ? 'express' : undefined);
  const where = source ? STATIC_MODULES[source] : undefined;
  if (!source || !where) return undefined;
  if (source === 'express') {
    if (rest.length !== 1 || rest[0] !== 'static') return undefined;
  } else if (rest.length > 0 || (source.startsWith('hono') || source.startsWith('@hono') ? binding?.imported !== 'serveStatic' : false)) return undefined;
  return where === 'first' ? (call.arguments[0] as AstNode | undefined) : rootOption(call.arguments[0] as AstNode | undefined);
}

/** The served folder in words: the project's, or relative to the file (`server/`, the folder of this file). */
function folderLabel(dir: string, where: string): string {
  if (where === 'cwd') return 'the folder the server runs in (usually the project root)';
  if (where.startsWith('cwd/')) return 'a folder above the one the server runs in';
  const target = posix.normalize(posix.join(dir, where));
  const named = target === '.' ? 'the project root' : target.startsWith('..') ? 'a folder above the project' : `\`${target}/\``;
  return where === '.' ? `${named}, the folder of this file` : `${named}, above this file`;
}

/**
 * A static-file middleware pointed at a folder that holds the server's code: `express.static(__dirname)`,
 * `app.use(serve('.'))`, `fastify.register(fastifyStatic, { root: __dirname })`. Every file in it can be
 * downloaded by anyone: the server's source code, `package.json`, keys and databases kept beside them (CWE-538).
 */
export const staticFilesExposeSource = defineAstRule({
  id: 'static-files-expose-source',
  messageIds: ['servesCode'],
  appliesTo: { roles: ['server'] },
  triggers: [/static|serve/],
  create({ file, report }) {
    let imports: ReadonlyMap<string, ImportBinding> = new Map();
    const dir = posix.dirname(file.path);
    return {
      Program(node) {
        imports = collectImports(node);
      },
      CallExpression(node) {
        const folder = servedFolder(node, imports);
        const where = codeFolder(folder);
        if (where === undefined) return;
        report({ messageId: 'servesCode', node, data: { call: `${memberPath(node.callee as AstNode) ?? 'static'}(…)`, folder: folderLabel(dir, where) } });
      },
    };
  },
});
