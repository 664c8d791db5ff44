import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { calleePath, propertyName } from '../../engine/ast-utils.js';
import { defineAstRule } from '../../engine/rule.js';
import { shorten } from '../../routes/ast.js';
import { EVENT_HANDLER } from '../../routes/nuxt.js';
import { directiveOf } from '../../classify/role.js';
import { collectImports } from '../../dataflow/modules.js';
import type { AstNode } from '../../parse/types.js';
import { bare, enclosingFunction, functionName, type FunctionNode } from '../access-control/ast-helpers.js';
import { clientComponentOf, nestRoute, procedureHandler, responseArg, responseBody, returnedByController, routePathOf } from '../access-control/responses.js';
import { developmentOnly } from '../development-branch.js';
import { envBoundNames, envSecretIn, envSecretLocals } from './env-secret-values.js';

/**
 * A secret from the environment sent back in a response (CWE-200): `res.json({ apiKey: process.env.OPENAI_API_KEY })`,
 * a `/api/config` route handing the browser a key to call the service itself, a server action or `getServerSideProps`
 * returning one, a server component handing one to a client component, or the whole `process.env`. Whoever calls the route reads it in the network tab. Left out: what only
 * says whether it is set, a key used to call the service (its result is sent, not the key), keys meant for browsers
 * (publishable, anon, `NEXT_PUBLIC_`), and development-only branches.
 */

/** Calls that answer with their argument beyond `responseArg`'s: Hono's `c.text`, Node's `res.end`, Koa-style `ctx.send`. */
const SEND_CALL = /^(?:c\.(?:text|html|body)|res\.(?:end|write)|ctx\.send)$/;
const SEND_METHOD = /^(?:text|html|body|end|write|send)$/;
/** `json(data)` of these modules makes a response (Remix, React Router, SvelteKit, Nuxt/h3). */
const JSON_HELPER_MODULE = /^(?:@remix-run\/(?:node|cloudflare|deno|server-runtime)|react-router|@sveltejs\/kit|h3)$/;
/** Functions whose return value the page receives: Next.js data functions, Remix loaders and actions, SvelteKit server loads. */
const PAGE_DATA = /^(?:getServerSideProps|getStaticProps)$/;
const LOADER = /^(?:loader|action)$/;
const SERVER_LOAD_FILE = /(?:^|\/)\+(?:page|layout)\.server\.[jt]s$/;

export const secretInResponse = defineAstRule({
  id: 'secret-in-response',
  messageIds: ['secret', 'wholeEnv', 'clientProp'],
  // Next.js pages and Remix routes are client files whose data functions and loaders run on the server.
  appliesTo: { roles: ['server', 'client', 'shared'] },
  // `process.env.`, `Deno.env.get`, `c.env.`, `import.meta.env.`, and SvelteKit's `$env/static/private`.
  triggers: ['env.', '$env/'],
  create({ file, model, report }) {
    const bound = envBoundNames(file.text, file.ast);
    // The locals holding secrets in the function around a node (found once per function, for both rules that ask).
    const localsOf = (node: AstNode) => envSecretLocals(enclosingFunction(node) as AstNode | undefined, file.ast);
    const serverActions = directiveOf(file.text) === 'use server';
    const remix = /@remix-run\/|react-router/.test(file.text);
    let jsonHelpers = new Set<string>();
    const serverFile = file.role === 'server';
    const clientFile = directiveOf(file.text) === 'use client';

    /** Report the first secret `sent` carries; `at` is the node that sends it (to `component`, a client component's prop). */
    const check = (sent: AstNode | undefined, at: AstNode, component?: string) => {
      if (!sent || (!serverFile && !inServerData(at))) return;
      const leak = envSecretIn(sent, (name) => (bound.has(name) ? localsOf(at).get(name) : undefined));
      if (!leak || developmentOnly(at, file.text)) return;
      const code = shorten(file.text.slice(at.range[0], at.range[1]), 80);
      if (leak.whole) report({ messageId: 'wholeEnv', node: at, data: { code } });
      else if (component) report({ messageId: 'clientProp', node: at, data: { name: leak.name, what: leak.what, code, component } });
      else report({ messageId: 'secret', node: at, data: { name: leak.name, what: leak.what, code } });
    };

    /** What a returning function sends: its whole value, or the `props` of Next.js data functions. */
    const returned = (fn: FunctionNode, value: AstNode | null | undefined): AstNode | undefined => {
      const v = bare(value);
      // A response made by a call or `new` is checked where it is made.
      if (!v || v.type === 'CallExpression' || v.type === 'NewExpression') return undefined;
      const name = functionName(fn) ?? '';
      if (PAGE_DATA.test(name) && exported(fn)) {
        if (v.type !== 'ObjectExpression') return undefined;
        const props = v.properties.find((p): p is TSESTree.Property => p.type === 'Property' && propertyName(p) === 'props');
        return props?.value as AstNode | undefined;
      }
      return returnsToClient(fn) ? v : undefined;
    };

    /** In a client file, inside a Next.js data function or a Remix loader or action, which run on the server. */
    function inServerData(node: AstNode): boolean {
      let outer: FunctionNode | undefined;
      for (let fn = enclosingFunction(node); fn; fn = enclosingFunction(fn)) outer = fn;
      const name = outer && exported(outer) ? (functionName(outer) ?? '') : '';
      return PAGE_DATA.test(name) || (remix && LOADER.test(name));
    }

    function returnsToClient(fn: FunctionNode): boolean {
      const name = functionName(fn) ?? '';
      if (exported(fn) && ((serverActions && fn.async) || (remix && LOADER.test(name)) || (SERVER_LOAD_FILE.test(file.path) && name === 'load'))) return true;
      if (fn.body.type === 'BlockStatement' && fn.body.body.some((s) => s.type === 'ExpressionStatement' && s.directive === 'use server')) return true;
      const call = fn.parent;
      if (call?.type === 'CallExpression' && call.callee.type === 'Identifier' && EVENT_HANDLER.test(call.callee.name)) return true;
      // A handler of a framework that sends what it returns (Elysia, Fastify, Hono's `app.get('/x', () => …)` returns a Response).
      return (routePathOf(fn)?.startsWith('/') ?? false) || procedureHandler(fn) || nestRoute(fn) || returnedByController(fn, model);
    }

    return {
      Program(node) {
        jsonHelpers = new Set([...collectImports(node)].filter(([, b]) => JSON_HELPER_MODULE.test(b.source) && /^(?:json|data)$/.test(b.imported)).map(([local]) => local));
      },
      CallExpression(node) {
        const callee = node.callee;
        const other = (callee.type === 'Identifier' && jsonHelpers.has(callee.name)) || (callee.type === 'MemberExpression' && SEND_METHOD.test(propertyName(callee) ?? '') && SEND_CALL.test(calleePath(node) ?? ''));
        check(responseArg(node) ?? (other ? (node.arguments[0] as AstNode | undefined) : undefined), node);
      },
      NewExpression(node) {
        check(responseBody(node), node);
      },
      AssignmentExpression(node) {
        // Koa's and Oak's `ctx.body = …`.
        if (node.operator === '=' && node.left.type === 'MemberExpression' && propertyName(node.left) === 'body' && /^(?:ctx|context)\.(?:body|response\.body)$/.test(file.text.slice(node.left.range[0], node.left.range[1]))) check(node.right as AstNode, node);
      },
      ReturnStatement(node) {
        const fn = enclosingFunction(node);
        if (fn) check(returned(fn, node.argument as AstNode | null), node);
      },
      ArrowFunctionExpression(node) {
        if (node.body.type !== 'BlockStatement') check(returned(node, node.body as AstNode), node.body as AstNode);
      },
      JSXAttribute(node) {
        // `<Chat apiKey={process.env.OPENAI_API_KEY} />` in a server component, where Chat is a client component: its
        // props are written into the page for the browser.
        if (clientFile || node.value?.type !== 'JSXExpressionContainer' || node.value.expression.type === 'JSXEmptyExpression') return;
        const component = clientComponentOf(node, collectImports(file.ast!), model, file.path);
        if (component) check(node.value.expression as AstNode, node as AstNode, component);
      },
    };
  },
});

/** `export async function getServerSideProps`, `export const loader = async () => …`, `export default async function`. */
function exported(fn: FunctionNode): boolean {
  const p = fn.parent;
  if (p?.type === 'ExportNamedDeclaration' || p?.type === 'ExportDefaultDeclaration') return true;
  return p?.type === 'VariableDeclarator' && p.parent?.parent?.type === 'ExportNamedDeclaration';
}
