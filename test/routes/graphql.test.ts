import { describe, expect, it } from 'vitest';
import { findingsOf } from '../helpers/rule-tester.js';
import { pkg, routesOf, summaryOf } from './helpers.js';

const APOLLO = pkg({ '@apollo/server': '4.11.2', graphql: '16.9.0', pg: '8.13.1' });

/** A resolver map: one open query, one that checks the context's user, a field with options, a subscription, a type's field. */
const RESOLVERS = [
  `const { GraphQLError } = require('graphql');`,
  `const resolvers = {`,
  `  Query: {`,
  `    users: async (_, __, { pool }) => (await pool.query('SELECT * FROM users')).rows,`,
  `    myOrders: async (_, args, context) => {`,
  `      if (!context.user) throw new GraphQLError('Sign in', { extensions: { code: 'UNAUTHENTICATED' } });`,
  `      return (await context.pool.query('SELECT * FROM orders WHERE user_id = $1', [context.user.id])).rows;`,
  `    },`,
  `  },`,
  `  Mutation: {`,
  `    deletePhoto: { resolve: async (_, { id }, { pool }) => pool.query('DELETE FROM photos WHERE id = $1', [id]) },`,
  `  },`,
  `  Subscription: { messages: { subscribe: (_, __, { pubsub }) => pubsub.asyncIterator('MESSAGE') } },`,
  `  User: { orders: (parent, _, { pool }) => pool.query('SELECT * FROM orders WHERE user_id = $1', [parent.id]) },`,
  `};`,
  `module.exports = resolvers;`,
].join('\n');

/** The server, with `context` as given. */
const server = (context: string) =>
  [
    `const { ApolloServer } = require('@apollo/server');`,
    `const { startStandaloneServer } = require('@apollo/server/standalone');`,
    `const jwt = require('jsonwebtoken');`,
    `const resolvers = require('./resolvers');`,
    `const server = new ApolloServer({ typeDefs, resolvers });`,
    `startStandaloneServer(server, { context: ${context} });`,
  ].join('\n');

describe('GraphQL resolvers as entry points', () => {
  it('lists the fields of Query, Mutation and Subscription, judged by their own checks when the context decides nothing', async () => {
    const routes = await summaryOf({
      'package.json': APOLLO,
      'src/resolvers.js': RESOLVERS,
      'src/index.js': server(`async ({ req }) => ({ pool, user: req.headers.authorization ? jwt.verify(req.headers.authorization, process.env.JWT_SECRET) : null })`),
    });
    expect(routes).toEqual(['MUTATION Mutation.deletePhoto none', 'QUERY Query.myOrders required', 'QUERY Query.users none', 'SUBSCRIPTION Subscription.messages none']);
  });

  it('a context that turns away requests without a valid token guards every resolver', async () => {
    const routes = await routesOf({
      'package.json': APOLLO,
      'src/resolvers.js': RESOLVERS,
      'src/index.js': server(`async ({ req }) => {\n  const user = jwt.verify(req.headers.authorization || '', process.env.JWT_SECRET);\n  if (!user) throw new GraphQLError('Sign in', { extensions: { code: 'UNAUTHENTICATED' } });\n  return { user, pool };\n}`),
    });
    expect(routes.map((r) => [r.path, r.auth])).toEqual([
      ['Query.users', 'required'],
      ['Query.myOrders', 'required'],
      ['Mutation.deletePhoto', 'required'],
      ['Subscription.messages', 'required'],
    ]);
    expect(routes[0].evidence).toMatch(/^its `context` function: /);
  });

  it('leaves resolvers undecided behind middleware on the endpoint or graphql-shield, and reads nothing without a GraphQL server package', async () => {
    const behindMiddleware = await summaryOf({
      'package.json': APOLLO,
      'src/resolvers.js': RESOLVERS,
      'src/index.js': `const { expressMiddleware } = require('@apollo/server/express4');\nconst express = require('express');\nconst app = express();\napp.use('/graphql', cors(), express.json(), requireAuth, expressMiddleware(server));\n`,
    });
    expect(behindMiddleware).toEqual(['MUTATION Mutation.deletePhoto unknown', 'QUERY Query.myOrders required', 'QUERY Query.users unknown', 'SUBSCRIPTION Subscription.messages unknown']);
    const shielded = await summaryOf({
      'package.json': APOLLO,
      'src/resolvers.js': RESOLVERS,
      'src/index.js': `${server('() => ({ pool })')}\nconst permissions = shield({ Query: { users: isAdmin } });\n`,
    });
    expect(shielded.filter((r) => r.endsWith('unknown'))).toHaveLength(3);
    // A front end's Apollo Client depends on `graphql` too; an object with a `Query` key there is not a server.
    expect(await summaryOf({ 'package.json': pkg({ '@apollo/client': '3.11.8', graphql: '16.9.0', express: '4.21.1' }), 'src/resolvers.js': RESOLVERS })).toEqual([]);
  });

  it('follows resolvers given by name to their functions, here or imported, and reads sign-up and password-reset mutations as public', async () => {
    const routes = await routesOf({
      'package.json': APOLLO,
      'src/use-cases/delete-post.js': `exports.deletePost = async (_, { id }, { pool, userId }) => {\n  if (!userId) throw new Error('Sign in');\n  return pool.query('DELETE FROM posts WHERE id = $1 AND author_id = $2', [id, userId]);\n};\n`,
      'src/resolvers.js': [
        `const { deletePost } = require('./use-cases/delete-post');`,
        `const listPosts = async (_, __, { pool }) => (await pool.query('SELECT * FROM posts')).rows;`,
        `async function registerUser(_, { email }, { pool }) { return pool.query('INSERT INTO users (email) VALUES ($1)', [email]); }`,
        `module.exports = { Query: { posts: listPosts }, Mutation: { deletePost, registerUser, forgotPassword: registerUser } };`,
      ].join('\n'),
    });
    expect(routes.map((r) => [r.path, r.auth, r.public ?? null, r.handler?.file ?? null])).toEqual([
      ['Query.posts', 'none', 'read-only public content', 'src/resolvers.js'],
      ['Mutation.deletePost', 'required', null, 'src/use-cases/delete-post.js'],
      ['Mutation.registerUser', 'none', 'sign-in, sign-up and password-reset endpoints are open by design', 'src/resolvers.js'],
      ['Mutation.forgotPassword', 'none', 'sign-in, sign-up and password-reset endpoints are open by design', 'src/resolvers.js'],
    ]);
  });

  it('a graphql-shield rule map in a file of its own leaves resolvers undecided, and is not read as resolvers', async () => {
    const routes = await summaryOf({
      'package.json': APOLLO,
      'src/resolvers.js': RESOLVERS,
      'src/permissions.js': `const { shield, rule } = require('graphql-shield');\nconst isAdmin = rule()(async (parent, args, ctx) => ctx.user?.role === 'admin');\nmodule.exports = shield({ Query: { users: isAdmin }, Mutation: { deletePhoto: isAdmin } });\n`,
    });
    expect(routes).toEqual(['MUTATION Mutation.deletePhoto unknown', 'QUERY Query.myOrders required', 'QUERY Query.users unknown', 'SUBSCRIPTION Subscription.messages unknown']);
  });

  it('route-without-auth names an open resolver as a GraphQL query or mutation', async () => {
    const found = await findingsOf('route-without-auth', {
      files: { 'package.json': APOLLO, 'src/resolvers.js': RESOLVERS, 'src/index.js': server('() => ({ pool })') },
    });
    expect(found.map((f) => [f.range.startLine, f.message.slice(0, f.message.indexOf(' without'))])).toEqual([
      [4, '`GraphQL query users` returns user records from `users` (`pool.query`, line 4)'],
      [11, '`GraphQL mutation deletePhoto` writes to `photos` (`pool.query`, line 11)'],
    ]);
  });
});

describe('GraphQL resolver classes', () => {
  it('NestJS: @Query and @Mutation methods of a @Resolver, with their guards and arguments', async () => {
    const routes = await routesOf({
      'package.json': pkg({ '@nestjs/core': '10.4.7', '@nestjs/graphql': '12.2.1', '@nestjs/apollo': '12.2.1' }),
      'src/users/users.resolver.ts': [
        `import { Resolver, Query, Mutation, Args } from '@nestjs/graphql';`,
        `import { UseGuards } from '@nestjs/common';`,
        `@Resolver(() => User)`,
        `export class UsersResolver {`,
        `  constructor(private readonly prisma: PrismaService) {}`,
        `  @Query(() => [User], { name: 'users' })`,
        `  findAll() { return this.prisma.user.findMany(); }`,
        `  @UseGuards(GqlAuthGuard)`,
        `  @Mutation(() => User)`,
        `  removeUser(@Args('id') id: string) { return this.prisma.user.delete({ where: { id } }); }`,
        `  @Mutation(() => User)`,
        `  createUser(@Args('input') input: CreateUserInput) { return this.usersService.create(input); }`,
        `  @Mutation(() => User)`,
        `  createPost(@Args('input') input: CreatePostInput) { return this.postsService.create(input); }`,
        `  @Mutation(() => User)`,
        `  updateUser(@Args('input') input: UpdateUserInput) { return this.usersService.update(input.id, input); }`,
        `}`,
      ].join('\n'),
    });
    expect(routes.map((r) => [r.method, r.path, r.auth, r.public ?? null])).toEqual([
      ['QUERY', 'Query.users', 'none', null],
      ['MUTATION', 'Mutation.removeUser', 'required', null],
      // Adding an account and nothing else is a sign-up; a post, or changing an account, is not.
      ['MUTATION', 'Mutation.createUser', 'none', 'sign-up: it only adds a new account'],
      ['MUTATION', 'Mutation.createPost', 'none', null],
      ['MUTATION', 'Mutation.updateUser', 'none', null],
    ]);
    expect(routes[1].touches[0].filters).toEqual([expect.objectContaining({ key: 'id', from: 'request' })]);
  });

  it('type-graphql: @Authorized() needs a signed-in user, with roles when it names them', async () => {
    const routes = await routesOf({
      'package.json': pkg({ 'type-graphql': '2.0.0-rc.2', '@apollo/server': '4.11.2', '@prisma/client': '5.22.0' }),
      'src/resolvers/post.ts': [
        `import { Resolver, Query, Mutation, Arg, Authorized } from 'type-graphql';`,
        `@Resolver()`,
        `export class PostResolver {`,
        `  @Query(() => [Post])`,
        `  posts() { return prisma.post.findMany(); }`,
        `  @Authorized('ADMIN')`,
        `  @Mutation(() => Boolean)`,
        `  async deletePost(@Arg('id') id: string) { await prisma.post.delete({ where: { id } }); return true; }`,
        `}`,
      ].join('\n'),
    });
    expect(routes.map((r) => [r.path, r.auth, r.public ?? null, r.roleCheck ?? null])).toEqual([
      ['Query.posts', 'none', 'read-only public content', null],
      ['Mutation.deletePost', 'required', null, "`@Authorized('ADMIN')` (src/resolvers/post.ts:6)"],
    ]);
  });
});
