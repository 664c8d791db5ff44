import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { memberPath, propertyName } from '../engine/ast-utils.js';
import type { AstNode, Program } from '../parse/types.js';
import { analyzeFunction } from './auth.js';
import { isFunction, walk, type FunctionNode } from './ast.js';
import type { DirectEntry, GraphqlServer } from './types.js';

/** Packages that serve a GraphQL API (not the `graphql` package alone, which front-end clients depend on too). */
export const GRAPHQL_SERVERS = ['@apollo/server', 'apollo-server', 'apollo-server-express', 'apollo-server-micro', 'apollo-server-lambda', 'apollo-server-fastify', 'apollo-server-koa', 'graphql-yoga', '@graphql-yoga/node', 'mercurius', 'express-graphql', 'graphql-http', 'graphql-helix'];

/** The root types whose fields a client calls: each resolver of theirs is an entry point. */
const ROOT_TYPES: Record<string, string> = { Query: 'QUERY', Mutation: 'MUTATION', Subscription: 'SUBSCRIPTION' };

/** Calls that set up a GraphQL server, with the argument that holds its `context` option. */
const SERVER_SETUP: Record<string, number> = { ApolloServer: 0, createYoga: 0, startStandaloneServer: 1, expressMiddleware: 1, createHandler: 0, graphqlHTTP: 0, mercurius: 1 };

/** Authorization layers vibeaudit does not read: graphql-shield rules, auth directives. */
const OTHER_AUTH = /\b(?:shield\s*\(|@auth\b|@authenticated\b|@requiresScopes\b|authDirective|makeAuthDirective|(?<!\.)\bapplyMiddleware\s*\()/;

/** What is put in front of a GraphQL endpoint without deciding who calls: body parsers, CORS, the server itself. */
const NOT_AUTH_MIDDLEWARE = /^(?:cors|express\.json|json|bodyParser|express\.urlencoded|expressMiddleware|graphqlHTTP|createHandler|yoga|graphqlUploadExpress|helmet|compression|morgan)\b/;

/** A file that may hold resolver maps or set up a GraphQL server. */
export function mayHoldGraphql(text: string): boolean {
  return /\b(?:Query|Mutation|Subscription)\s*:|ApolloServer|createYoga|graphqlHTTP|createHandler|mercurius|startStandaloneServer|expressMiddleware/.test(text);
}

/**
 * GraphQL resolver maps (`const resolvers = { Query: { users: async (_, args, ctx) => … }, Mutation: { … } }`):
 * every field of `Query`, `Mutation` and `Subscription` is an entry point anyone can call at the server's endpoint,
 * with the client's arguments second and the server's context third. And the servers set up here, with what their
 * `context` function decides about the caller: one that turns away requests without a valid token guards every
 * resolver of its package.
 */
export function collectGraphql(ast: Program, text: string, file: string): { entries: DirectEntry[]; servers: GraphqlServer[] } {
  const entries: DirectEntry[] = [];
  const servers: GraphqlServer[] = [];
  walk(ast, (node) => {
    // graphql-shield's rule map has the shape of a resolver map: `shield({ Query: { users: isAdmin } })`.
    if (node.type === 'CallExpression' && memberPath(node.callee as AstNode) === 'shield') return false;
    if (node.type === 'Property' && !node.computed && node.value.type === 'ObjectExpression') {
      const rootType = propertyName(node);
      const method = rootType ? ROOT_TYPES[rootType] : undefined;
      if (!method) return undefined;
      for (const field of node.value.properties) {
        if (field.type !== 'Property') continue;
        const name = propertyName(field);
        if (!name) continue;
        const fn = resolverOf(field.value as AstNode);
        const line = field.loc.start.line;
        if (fn) {
          // `(parent, args, context, info)`: the arguments are the client's.
          const handler = analyzeFunction(fn, text, file, name, { clientParams: 'second' });
          entries.push({ method, path: `${rootType}.${name}`, line, framework: 'graphql', handler, middleware: [] });
          continue;
        }
        // `createPost`, `createPost: createPost`, `posts: postController.list`: a function of this file or an import.
        const ref = memberPath(field.value as AstNode);
        if (ref) entries.push({ method, path: `${rootType}.${name}`, line, framework: 'graphql', handler: { file, startLine: line, endLine: line, touches: [], calls: [] }, handlerRef: ref, middleware: [] });
      }
      return false;
    }
    if (node.type === 'CallExpression' || node.type === 'NewExpression') {
      const callee = memberPath(node.callee as AstNode)?.split('.').pop() ?? '';
      // `app.use('/graphql', requireAuth, expressMiddleware(server))`: middleware in front that vibeaudit does not follow here.
      if (callee === 'use' && node.arguments.length > 1 && /^['"`]\/graphql/.test(text.slice(node.arguments[0].range[0], node.arguments[0].range[1]))) {
        const guard = node.arguments.slice(1).map((a) => text.slice(a.range[0], a.range[1])).find((a) => !NOT_AUTH_MIDDLEWARE.test(a));
        if (guard) servers.push({ file, line: node.loc.start.line, unknown: { text: `\`${guard.slice(0, 60)}\` runs before the GraphQL endpoint`, file, line: node.loc.start.line } });
        return undefined;
      }
      const at = SERVER_SETUP[callee];
      if (at === undefined) return undefined;
      const options = node.arguments[at];
      const server: GraphqlServer = { file, line: node.loc.start.line };
      if (options?.type === 'ObjectExpression') {
        const context = options.properties.find((p) => p.type === 'Property' && propertyName(p) === 'context') as TSESTree.Property | undefined;
        const fn = context && (isFunction(context.value as AstNode) ? (context.value as FunctionNode) : undefined);
        // It must throw: a context that verifies a token when there is one (`token ? jwt.verify(token) : null`) lets
        // visitors without one through, with no user for the resolvers to check.
        const facts = fn && throwsIn(fn) ? analyzeFunction(fn, text, file, 'context') : undefined;
        if (facts?.auth) server.auth = { text: `its \`context\` function: ${facts.auth.text}`, file, line: facts.auth.line };
      }
      servers.push(server);
    }
    return undefined;
  });
  // graphql-shield rules, auth directives or an `authChecker`, wherever in the package they are written.
  const other = OTHER_AUTH.exec(text);
  if (other) {
    const line = text.slice(0, other.index).split('\n').length;
    servers.push({ file, line, unknown: { text: 'an authorization layer vibeaudit does not read (graphql-shield, an auth directive)', file, line } });
  }
  return { entries, servers };
}

function throwsIn(fn: FunctionNode): boolean {
  let found = false;
  walk(fn.body as AstNode, (n) => {
    if (found || (isFunction(n) && n !== fn)) return false;
    if (n.type === 'ThrowStatement') found = true;
    return undefined;
  });
  return found;
}

/** A resolver: a function, or `{ resolve }` / `{ subscribe }` for a field with options. */
function resolverOf(value: AstNode): FunctionNode | undefined {
  if (isFunction(value)) return value as FunctionNode;
  if (value.type !== 'ObjectExpression') return undefined;
  const inner = value.properties.find((p) => p.type === 'Property' && (propertyName(p) === 'resolve' || propertyName(p) === 'subscribe')) as TSESTree.Property | undefined;
  return inner && isFunction(inner.value as AstNode) ? (inner.value as FunctionNode) : undefined;
}
