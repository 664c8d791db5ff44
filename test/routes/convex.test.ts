import { describe, expect, it } from 'vitest';
import { findingsOf } from '../helpers/rule-tester.js';
import { flowStrings } from '../helpers/dataflow.js';
import { pkg, routesOf, summaryOf } from './helpers.js';

/** A Vite front end with Convex: only the `convex/` folder runs on a server. */
const APP = pkg({ convex: '1.17.0', react: '18.3.1', vite: '5.4.0', '@convex-dev/auth': '0.0.80', 'convex-helpers': '0.1.60' });
const SCHEMA = [
  `import { defineSchema, defineTable } from "convex/server";`,
  `import { v } from "convex/values";`,
  `export default defineSchema({`,
  `  tasks: defineTable({ text: v.string(), userId: v.id("users"), done: v.boolean() }).index("by_user", ["userId"]),`,
  `  posts: defineTable({ title: v.string(), published: v.boolean() }),`,
  `});`,
].join('\n');
const HEAD = [
  `import { mutation, query, action, internalMutation } from "./_generated/server";`,
  `import { internal } from "./_generated/api";`,
  `import { v } from "convex/values";`,
  `import { getAuthUserId } from "@convex-dev/auth/server";`,
].join('\n');
const app = (files: Record<string, string>) => ({ 'package.json': APP, 'convex/schema.ts': SCHEMA, ...files });

describe('Convex functions', () => {
  it("a test of the role of a user the arguments name checks nobody; the caller's own role does", async () => {
    const routes = await routesOf(
      app({
        'convex/technicians.ts': [
          HEAD,
          `export const createTechnician = mutation({ args: { userId: v.id("users") }, handler: async (ctx, args) => {`,
          `  const user = await ctx.db.get(args.userId);`,
          `  if (user.role === "admin") throw new Error("Cannot convert admins");`,
          `  await ctx.db.patch(args.userId, { role: "technician" });`,
          `} });`,
          `export const promote = mutation({ args: { userId: v.id("users") }, handler: async (ctx, args) => {`,
          `  const me = await ctx.db.get(await getAuthUserId(ctx));`,
          `  if (me?.role !== "admin") throw new Error("Admins only");`,
          `  await ctx.db.patch(args.userId, { role: "technician" });`,
          `} });`,
        ].join('\n'),
      }),
    );
    expect(routes.map((r) => `${r.path} ${r.auth}${r.roleCheck ? ' role' : ''}`)).toEqual(['api.technicians.createTechnician none', 'api.technicians.promote required role']);
  });

  it('a hand-rolled sign-up and log-in, named for it, are open by design; the account changes beside them are not', async () => {
    const routes = await routesOf(
      app({
        'convex/user.ts': [
          HEAD,
          `export const registerUser = mutation({ args: { email: v.string(), password: v.string() }, handler: async (ctx, args) => ctx.db.insert("users", { email: args.email, password: args.password }) });`,
          `export const login = query({ args: { email: v.string() }, handler: async (ctx, args) => ctx.db.query("users").withIndex("by_email", (q) => q.eq("email", args.email)).first() });`,
          `export const deleteAccount = mutation({ args: { userId: v.id("users") }, handler: async (ctx, args) => ctx.db.delete(args.userId) });`,
        ].join('\n'),
      }),
    );
    expect(routes.map((r) => [r.path, r.auth, !!r.public])).toEqual([
      ['api.user.registerUser', 'none', true],
      ['api.user.login', 'none', true],
      ['api.user.deleteAccount', 'none', false],
    ]);
  });

  it('lists public queries, mutations and actions as api.<module>.<name>, with the sign-in check of each handler', async () => {
    const routes = await summaryOf(
      app({
        'convex/tasks.ts': [
          HEAD,
          `export const mine = query({ args: {}, handler: async (ctx) => {`,
          `  const identity = await ctx.auth.getUserIdentity();`,
          `  if (!identity) throw new Error("Unauthenticated");`,
          `  return await ctx.db.query("tasks").collect();`,
          `} });`,
          `export const add = mutation({ args: { text: v.string() }, handler: async (ctx, args) => {`,
          `  const userId = await getAuthUserId(ctx);`,
          `  if (userId === null) throw new Error("Sign in");`,
          `  await ctx.db.insert("tasks", { text: args.text, userId, done: false });`,
          `} });`,
          `export const open = mutation(async (ctx, { text }) => {`,
          `  await ctx.db.insert("tasks", { text, done: false });`,
          `});`,
          `export const cleanup = internalMutation({ args: {}, handler: async (ctx) => {`,
          `  for (const t of await ctx.db.query("tasks").collect()) await ctx.db.delete(t._id);`,
          `} });`,
        ].join('\n'),
        'convex/admin/stats.ts': `import { action } from "../_generated/server";\nexport default action(async (ctx) => { return 1; });\n`,
      }),
    );
    // Internal functions are called by the project's own code only: not entry points.
    expect(routes).toEqual(['ACTION api.admin.stats.default none', 'MUTATION api.tasks.add required', 'MUTATION api.tasks.open none', 'QUERY api.tasks.mine required']);
  });

  it('judges a custom builder by its definition, here or imported, and one defined out of sight by its name', async () => {
    const routes = await routesOf(
      app({
        'convex/lib/functions.ts': [
          `import { customMutation, customCtx } from "convex-helpers/server/customFunctions";`,
          `import { mutation, query } from "../_generated/server";`,
          `import { getAuthUserId } from "@convex-dev/auth/server";`,
          `export const userMutation = customMutation(mutation, customCtx(async (ctx) => {`,
          `  const userId = await getAuthUserId(ctx);`,
          `  if (!userId) throw new Error("Not signed in");`,
          `  return { userId };`,
          `}));`,
          // Adds the user when there is one, and lets everyone through.
          `export const maybeUserQuery = customQuery(query, customCtx(async (ctx) => ({ userId: await getAuthUserId(ctx) })));`,
        ].join('\n'),
        'convex/tasks.ts': [
          `import { v } from "convex/values";`,
          `import { userMutation, maybeUserQuery } from "./lib/functions";`,
          `import { authedAction } from "./lib/missing";`,
          `export const rename = userMutation({ args: { text: v.string() }, handler: async (ctx, args) => { await ctx.db.insert("tasks", { text: args.text, userId: ctx.userId, done: false }); } });`,
          `export const list = maybeUserQuery({ args: {}, handler: async (ctx) => ctx.db.query("tasks").collect() });`,
          `export const run = authedAction({ args: {}, handler: async (ctx) => { await ctx.db.insert("tasks", {}); } });`,
        ].join('\n'),
      }),
    );
    const byPath = new Map(routes.map((r) => [r.path, r]));
    expect(byPath.get('api.tasks.rename')).toMatchObject({ method: 'MUTATION', auth: 'required' });
    expect(byPath.get('api.tasks.rename')?.evidence).toMatch(/^`userMutation`: `if \(!userId\)`/);
    expect(byPath.get('api.tasks.list')?.auth).toBe('unknown');
    expect(byPath.get('api.tasks.run')?.evidence).toMatch(/judged by its name/);
  });

  it('reads the routes of an httpRouter, with handlers inline or by name', async () => {
    const routes = await summaryOf(
      app({
        'convex/http.ts': [
          `import { httpRouter } from "convex/server";`,
          `import { httpAction } from "./_generated/server";`,
          `import { stripeWebhook } from "./stripe";`,
          `const http = httpRouter();`,
          `http.route({ path: "/stripe", method: "POST", handler: stripeWebhook });`,
          `http.route({ pathPrefix: "/files/", method: "GET", handler: httpAction(async (ctx, request) => new Response("ok")) });`,
          `export default http;`,
        ].join('\n'),
        'convex/stripe.ts': [
          `import { httpAction } from "./_generated/server";`,
          `export const stripeWebhook = httpAction(async (ctx, request) => {`,
          `  const event = stripe.webhooks.constructEvent(await request.text(), request.headers.get("stripe-signature"), process.env.STRIPE_WEBHOOK_SECRET);`,
          `  return new Response(null);`,
          `});`,
        ].join('\n'),
      }),
    );
    expect(routes).toEqual(['GET /files/* none', 'POST /stripe none public']);
  });

  it('runs the src/convex folder of a Vite app on the server, not in the browser', async () => {
    const routes = await summaryOf({ 'package.json': APP, 'src/convex/notes.ts': `import { query } from "../_generated/server";\nexport const all = query(async (ctx) => ctx.db.query("notes").collect());\n` });
    expect(routes).toEqual(['QUERY api.notes.all none']);
  });
});

describe('Convex findings', () => {
  it('route-without-auth: a public mutation that writes, and an action that writes through an internal mutation', async () => {
    const found = await findingsOf('route-without-auth', {
      files: app({
        'convex/tasks.ts': [
          HEAD,
          `export const create = internalMutation({ args: { text: v.string() }, handler: async (ctx, args) => {`,
          `  await ctx.db.insert("tasks", { text: args.text, done: false });`,
          `} });`,
          `export const generate = action({ args: { prompt: v.string() }, handler: async (ctx, args) => {`,
          `  await ctx.runMutation(internal.tasks.create, { text: args.prompt });`,
          `} });`,
          `export const remove = mutation({ args: { id: v.id("tasks") }, handler: async (ctx, args) => {`,
          `  await ctx.db.delete(args.id);`,
          `} });`,
          // Published posts are public content.
          `export const posts = query({ args: {}, handler: async (ctx) => ctx.db.query("posts").collect() });`,
        ].join('\n'),
        // So are a marketplace's listings.
        'convex/ads.ts': `import { query } from "./_generated/server";\nexport const list = query({ args: {}, handler: async (ctx) => ctx.db.query("ads").take(20) });\n`,
      }),
    });
    expect(found.map((f) => `${f.range.startLine} ${f.messageId} ${f.severity}`)).toEqual(['8 writes high', '11 writes high']);
    expect(found[0].message).toMatch(/^`Convex action api\.tasks\.generate` writes to `tasks` \(`ctx\.db\.insert`/);
    expect(found[1].message).toMatch(/^`Convex mutation api\.tasks\.remove` writes to `tasks`/);
  });

  it("idor: a document changed by the id the client sent, or tasks listed for the user id it sent; not after an owner check", async () => {
    const found = await findingsOf('idor', {
      files: app({
        'convex/tasks.ts': [
          HEAD,
          `export const toggle = mutation({ args: { id: v.id("tasks") }, handler: async (ctx, args) => {`,
          `  const identity = await ctx.auth.getUserIdentity();`,
          `  if (!identity) throw new Error("Unauthenticated");`,
          `  await ctx.db.patch(args.id, { done: true });`,
          `} });`,
          `export const remove = mutation({ args: { id: v.id("tasks") }, handler: async (ctx, { id }) => {`,
          `  const userId = await getAuthUserId(ctx);`,
          `  if (!userId) throw new Error("Unauthenticated");`,
          `  const task = await ctx.db.get(id);`,
          `  if (!task || task.userId !== userId) throw new Error("Not yours");`,
          `  await ctx.db.delete(id);`,
          `} });`,
          `export const byUser = query({ args: { userId: v.id("users") }, handler: async (ctx, args) => {`,
          `  if (!(await getAuthUserId(ctx))) throw new Error("Unauthenticated");`,
          `  return ctx.db.query("tasks").withIndex("by_user", (q) => q.eq("userId", args.userId)).collect();`,
          `} });`,
          `export const mine = query({ args: {}, handler: async (ctx) => {`,
          `  const userId = await getAuthUserId(ctx);`,
          `  if (!userId) return [];`,
          `  return ctx.db.query("tasks").filter((q) => q.eq(q.field("userId"), userId)).collect();`,
          `} });`,
        ].join('\n'),
      }),
    });
    expect(found.map((f) => `${f.range.startLine} ${f.messageId}`)).toEqual(['8 byRequestId', '19 byRequestId']);
    expect(found[0].message).toMatch(/changes `tasks` by `id`/);
    expect(found[1].message).toMatch(/reads `tasks` by `userId`/);
  });

  it("idor: a recruiter's role checked but not the job's owner; the job changed by the id of the document it loaded", async () => {
    const found = await findingsOf('idor', {
      files: app({
        'convex/schema.ts': SCHEMA.replace('  posts:', '  jobs: defineTable({ title: v.string(), userId: v.id("users"), open: v.boolean() }),\n  posts:'),
        'convex/jobs.ts': [
          HEAD,
          `export const updateJob = mutation({ args: { jobId: v.id("jobs"), title: v.string() }, handler: async (ctx, args) => {`,
          `  const userId = await getAuthUserId(ctx);`,
          `  if (userId === null) throw new Error("Sign in");`,
          `  const user = await ctx.db.get(userId);`,
          `  const job = await ctx.db.get(args.jobId);`,
          `  if (user?.role !== "recruiter") return { success: false };`,
          `  if (!job) return { success: false };`,
          `  await ctx.db.patch(job._id, { title: args.title });`,
          `} });`,
          `export const closeJob = mutation({ args: { jobId: v.id("jobs") }, handler: async (ctx, args) => {`,
          `  const userId = await getAuthUserId(ctx);`,
          `  if (userId === null) throw new Error("Sign in");`,
          `  const user = await ctx.db.get(userId);`,
          `  if (user?.role !== "recruiter") return { success: false };`,
          `  const job = await ctx.db.get(args.jobId);`,
          `  if (!job || job.userId !== userId) throw new Error("Not yours");`,
          `  await ctx.db.patch(job._id, { open: false });`,
          `} });`,
          `export const removeJob = mutation({ args: { jobId: v.id("jobs") }, handler: async (ctx, args) => {`,
          `  const userId = await getAuthUserId(ctx);`,
          `  const user = userId && (await ctx.db.get(userId));`,
          `  if (user?.role !== "admin") throw new Error("Admins only");`,
          `  await ctx.db.delete(args.jobId);`,
          `} });`,
        ].join('\n'),
      }),
    });
    expect(found.map((f) => `${f.range.startLine} ${f.messageId}`)).toEqual(['12 byRequestId']);
    expect(found[0].related?.[0].message).toMatch(/every 'recruiter' passes that/);
  });

  it("idor: not when the caller's membership or authorship is checked, in the handler or a function it runs", async () => {
    const found = await findingsOf('idor', {
      files: app({
        'convex/schema.ts': [
          `import { defineSchema, defineTable } from "convex/server";`,
          `import { v } from "convex/values";`,
          `export default defineSchema({`,
          `  conversations: defineTable({ members: v.array(v.id("users")), ownerId: v.id("users") }),`,
          `  messages: defineTable({ body: v.string(), senderId: v.id("users"), conversationId: v.id("conversations"), authorId: v.id("users") }),`,
          `  chats: defineTable({ buyerId: v.id("users"), sellerId: v.id("users"), userId: v.id("users") }),`,
          `  users: defineTable({ clerkId: v.string() }),`,
          `});`,
        ].join('\n'),
        'convex/lib.ts': `export async function getMember(ctx, conversationId, userId) {\n  return ctx.db.query("members").withIndex("by_both", (q) => q.eq("conversationId", conversationId).eq("userId", userId)).unique();\n}\n`,
        'convex/chat.ts': [
          HEAD,
          `import { getMember } from "./lib";`,
          `async function me(ctx) {`,
          `  const identity = await ctx.auth.getUserIdentity();`,
          `  if (!identity) throw new Error("Unauthenticated");`,
          `  const user = await ctx.db.query("users").withIndex("by_clerkId", (q) => q.eq("clerkId", identity.subject)).unique();`,
          `  return user;`,
          `}`,
          // The caller found by the session's subject, then looked for in the conversation's members.
          `export const messages = query({ args: { conversationId: v.id("conversations") }, handler: async (ctx, args) => {`,
          `  const identity = await ctx.auth.getUserIdentity();`,
          `  if (!identity) throw new Error("Unauthenticated");`,
          `  const currentUser = await ctx.db.query("users").withIndex("by_clerkId", (q) => q.eq("clerkId", identity.subject)).unique();`,
          `  const conversation = await ctx.db.get(args.conversationId);`,
          `  if (!conversation || !conversation.members.includes(currentUser._id)) throw new Error("Not a member");`,
          `  return ctx.db.query("messages").withIndex("by_conversation", (q) => q.eq("conversationId", args.conversationId)).collect();`,
          `} });`,
          // Only the sender may delete.
          `export const remove = mutation({ args: { messageId: v.id("messages") }, handler: async (ctx, args) => {`,
          `  const userId = await getAuthUserId(ctx);`,
          `  if (!userId) throw new Error("Unauthenticated");`,
          `  const message = await ctx.db.get(args.messageId);`,
          `  if (message?.senderId !== userId) throw new Error("Not yours");`,
          `  await ctx.db.delete(args.messageId);`,
          `} });`,
          // The write happens only in the branch for the chat's own buyer or seller.
          `export const markRead = mutation({ args: { chatId: v.id("chats") }, handler: async (ctx, args) => {`,
          `  const userId = await getAuthUserId(ctx);`,
          `  if (!userId) throw new Error("Unauthenticated");`,
          `  const chat = await ctx.db.get(args.chatId);`,
          `  if (chat.sellerId === userId) await ctx.db.patch(args.chatId, { readBySeller: true });`,
          `} });`,
          // A membership helper given the caller's id: what it returns is the caller's membership.
          `export const edit = mutation({ args: { id: v.id("messages"), body: v.string() }, handler: async (ctx, args) => {`,
          `  const userId = await getAuthUserId(ctx);`,
          `  if (!userId) throw new Error("Unauthenticated");`,
          `  const message = await ctx.db.get(args.id);`,
          `  const member = await getMember(ctx, message.conversationId, userId);`,
          `  if (!member || member._id !== message.authorId) throw new Error("Unauthorized");`,
          `  await ctx.db.patch(args.id, { body: args.body });`,
          `} });`,
          // Still reported: a check that does not involve the caller.
          `export const rename = mutation({ args: { id: v.id("conversations") }, handler: async (ctx, args) => {`,
          `  const user = await me(ctx);`,
          `  const conversation = await ctx.db.get(args.id);`,
          `  if (!conversation) throw new Error("Not found");`,
          `  await ctx.db.patch(args.id, { title: "x" });`,
          `} });`,
        ].join('\n'),
      }),
    });
    expect(found.map((f) => `${f.range.startLine} ${f.symbol}`)).toEqual(['45 MUTATION api.chat.rename']);
  });

  it("an internal function's arguments are not the client's, and a public function that runs it with the request's token checks that token", async () => {
    const files = app({
      'convex/invites.ts': [
        HEAD,
        `export const byToken = internalMutation({ args: { id: v.id("tasks") }, handler: async (ctx, args) => {`,
        `  await ctx.db.patch(args.id, { done: true });`,
        `} });`,
        `export const accept = mutation({ args: { taskId: v.id("tasks") }, handler: async (ctx, args) => {`,
        `  if (!(await getAuthUserId(ctx))) throw new Error("Unauthenticated");`,
        `  await ctx.runMutation(internal.invites.byToken, { id: args.taskId });`,
        `} });`,
      ].join('\n'),
      'convex/http.ts': [
        `import { httpRouter } from "convex/server";`,
        `import { httpAction } from "./_generated/server";`,
        `import { internal } from "./_generated/api";`,
        `const http = httpRouter();`,
        `http.route({ path: "/accept", method: "GET", handler: httpAction(async (ctx, request) => {`,
        `  const token = new URL(request.url).searchParams.get("token");`,
        `  const invitation = await ctx.runQuery(internal.invites.find, { token });`,
        `  if (!invitation) return new Response("Not found", { status: 404 });`,
        `  await ctx.runMutation(internal.invites.byToken, { id: invitation.taskId });`,
        `  return new Response("ok");`,
        `}) });`,
        `export default http;`,
      ].join('\n'),
    });
    expect(await findingsOf('idor', { files })).toEqual([]);
    const routes = await routesOf(files);
    expect(routes.find((r) => r.path === '/accept')?.public).toMatch(/secret token/);
  });

  it('route-without-auth: an upload URL handed to anyone', async () => {
    const found = await findingsOf('route-without-auth', {
      files: app({ 'convex/files.ts': `import { mutation } from "./_generated/server";\nexport const generateUploadUrl = mutation(async (ctx) => await ctx.storage.generateUploadUrl());\n` }),
    });
    expect(found.map((f) => `${f.range.startLine} ${f.messageId}`)).toEqual(['2 writes']);
  });

  it('webhook-without-signature-check: an httpAction webhook that trusts its body, not one that verifies it', async () => {
    const router = (body: string) =>
      app({
        'convex/http.ts': [
          `import { httpRouter } from "convex/server";`,
          `import { httpAction } from "./_generated/server";`,
          `import { internal } from "./_generated/api";`,
          `const http = httpRouter();`,
          `const clerkWebhook = httpAction(async (ctx, request) => {`,
          body,
          `  await ctx.runMutation(internal.users.upsert, { data: event.data });`,
          `  return new Response(null, { status: 200 });`,
          `});`,
          `http.route({ path: "/clerk-users-webhook", method: "POST", handler: clerkWebhook });`,
          `export default http;`,
        ].join('\n'),
      });
    const forged = await findingsOf('webhook-without-signature-check', { files: router(`  const event = await request.json();`) });
    expect(forged.map((f) => `${f.range.startLine} ${f.messageId}`)).toEqual(['10 unverified']);
    expect(forged[0].message).toMatch(/`POST \/clerk-users-webhook` \(Clerk webhook\)/);
    const verified = await findingsOf('webhook-without-signature-check', {
      files: router(`  const wh = new Webhook(process.env.CLERK_WEBHOOK_SECRET);\n  const event = wh.verify(await request.text(), Object.fromEntries(request.headers));`),
    });
    expect(verified).toEqual([]);
  });

  it("data flow: a handler's args are client input, its ctx is not", async () => {
    const flows = await flowStrings(
      app({
        'convex/preview.ts': [
          `import { action } from "./_generated/server";`,
          `import { v } from "convex/values";`,
          `export const fetchPage = action({ args: { url: v.string() }, handler: async (ctx, args) => {`,
          `  const page = await fetch(args.url);`,
          `  const own = await fetch(ctx.storage.getUrl("x"));`,
          `  return page.text();`,
          `} });`,
        ].join('\n'),
      }),
    );
    expect(flows).toEqual(['ssrf: args -> fetch @convex/preview.ts:4']);
  });
});
