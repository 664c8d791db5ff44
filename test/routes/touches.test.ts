import { describe, expect, it } from 'vitest';
import { pkg, routesOf } from './helpers.js';
import { isUserTarget } from '../../src/routes/touches.js';

/** Touches of one Next.js POST handler whose body is `lines`. */
async function touchesOf(lines: string[]): Promise<string[]> {
  const routes = await routesOf({
    'package.json': pkg({ next: '15.0.3' }),
    'app/api/x/route.ts': [`export async function POST(req: Request) {`, ...lines.map((l) => `  ${l}`), `}`].join('\n'),
  });
  return routes[0].touches.map((t) => `${t.kind}:${t.target ?? '?'}${t.userData ? ':user' : ''}${t.roleWrite ? ':role' : ''}`);
}

describe('what a handler touches', () => {
  it('a Supabase table the code picks at run time, and a mail whose recipient and subject the request writes', async () => {
    expect(
      await touchesOf([
        `const { table, to, name, message } = await req.json();`,
        `const { data } = await supabaseAdmin.from(table).select('*');`,
        `const html = \`<p>\${message}</p>\`;`,
        `await fetch('https://api.resend.com/emails', { method: 'POST', body: JSON.stringify({ from: 'site@example.com', to: [to], subject: \`Message from \${name}\`, html }) });`,
        `await fetch('https://api.resend.com/emails', { method: 'POST', body: JSON.stringify({ from: 'site@example.com', to: ['me@example.com'], subject: 'Contact', html }) });`,
        `await fetch('https://api.resend.com/emails', { method: 'POST', body: JSON.stringify({ from: 'site@example.com', to: [to], subject: \`Thanks, \${name}\`, html: '<p>Your order is on its way</p>' }) });`,
      ]),
    ).toEqual(['read:(table)', 'email:resend']);
  });

  it("a Sequelize models module's models taken by name (destructured, or read off the module), lower case", async () => {
    const routes = await routesOf({
      'package.json': pkg({ express: '4.21.1', sequelize: '6.37.0' }),
      'controllers/user.js': [`const { user, order: orders } = require('../models');`, `exports.register = (req, res) => user.create({ name: req.body.name, role: req.body.role }).then((u) => res.json(u));`, `exports.list = (req, res) => orders.findAll().then((o) => res.json(o));`].join('\n'),
      'controllers/wish.js': [`const models = require('../models/index');`, `const wishlist = models.wishlist;`, `const helpers = require('../helpers');`, `exports.add = (req, res) => wishlist.create(req.body).then(() => helpers.create(req.body)).then(() => res.end());`].join('\n'),
      'app.js': [`const express = require('express');`, `const user = require('./controllers/user');`, `const wish = require('./controllers/wish');`, `const app = express();`, `app.post('/register', user.register);`, `app.get('/orders', user.list);`, `app.post('/wishlist', wish.add);`].join('\n'),
    });
    expect(routes.map((r) => `${r.method} ${r.path} ${r.touches.map((t) => `${t.kind}:${t.target}${t.roleWrite ? ':role' : ''}`).join(',')}`).sort()).toEqual([
      'GET /orders read:orders',
      'POST /register write:user:role',
      'POST /wishlist write:wishlist',
    ]);
  });

  it('data-access objects named for their table (`userDb.updateUser`), not database clients named `…Db`', async () => {
    expect(
      await touchesOf([
        `const { userId, credits } = await req.json();`,
        `const user = userDb.findById(userId);`,
        `userDb.updateUser({ ...user, credits });`,
        `await ordersDao.deleteOrder(userId);`,
        `await firestoreDb.runTransaction(async () => {});`,
        `await appStore.setState({ busy: false });`,
        `(await cookies()).set('token', 'x');`,
        `cookieStore.set('theme', 'dark');`,
      ]),
    ).toEqual(['read:user:user', 'write:user:user', 'write:orders']);
  });

  it("an entity manager given the entity class first (MikroORM's `em`, TypeORM's `manager`), not an entity's own methods", async () => {
    expect(
      await touchesOf([
        `const { id } = await req.json();`,
        `await em.nativeDelete(Post, { id });`,
        `const posts = await em.find(Post, {});`,
        `await this.manager.update(User, id, { name: 'x' });`,
        `await em.flush();`,
        `await manager.transaction(async () => {});`,
      ]),
    ).toEqual(['write:Post', 'read:Post', 'write:User:user']);
  });

  it("Drizzle through a context's or a service's field (`ctx.db`, `this.db`), not read as Prisma models named `db`", async () => {
    expect(
      await touchesOf([
        `const ctx = await createContext(req);`,
        `await ctx.db.insert(category).values({ name: 'x' });`,
        `const rows = await ctx.db.select().from(expense).where(eq(expense.id, 1));`,
        `await ctx.db.delete(income).where(eq(income.id, 2));`,
        `await ctx.db.post.findMany();`,
      ]),
    ).toEqual(['write:category', 'read:expense', 'write:income', 'read:post']);
  });

  it("Objection.js: a query builder's write is the call that names it; a chain that writes nothing reads, once", async () => {
    expect(
      await touchesOf([
        `const { id } = await req.json();`,
        `const cost = await Cost.query().findById(id);`,
        `await Cost.query().where('id', id).patch({ amount: 1 });`,
        `await Cost.query().where('id', id).del();`,
        `await User.query().insert({ name: 'x' });`,
        `const rows = await Order.query().where('userId', id).orderBy('createdAt');`,
      ]),
    ).toEqual(['read:Cost', 'write:Cost', 'write:Cost', 'write:User:user', 'read:Order']);
  });

  it('a Mongoose model the file names in lower case, required from a models folder; a lower-case local is not one', async () => {
    const routes = await routesOf({
      'package.json': pkg({ express: '4.21.1', mongoose: '8.8.1' }),
      'server/routes.js': [
        `const express = require('express');`,
        `const order = require('../models/orderSchema');`,
        `const cache = require('../lib/cache');`,
        `const router = express.Router();`,
        `router.post('/verify', async (req, res) => { await order.findByIdAndUpdate(req.body.orderId, { payment: true }); res.json({ ok: true }); });`,
        `router.get('/cached', async (req, res) => res.json(await cache.findOne(req.query.key)));`,
        `module.exports = router;`,
      ].join('\n'),
    });
    expect(routes.map((r) => `${r.path} ${r.touches.map((t) => `${t.kind}:${t.target}`).join(',')}`)).toEqual(['/verify write:order', '/cached ']);
  });

  it("Postgres functions through Supabase's service-role client, named for what they do; the caller's own client's are left to RLS", async () => {
    expect(
      await touchesOf([
        `await supabaseAdmin.rpc('deduct_credits', { uid: body.userId, amount: 5 });`,
        `const { data } = await supabaseAdmin.rpc('get_balance', { uid: body.userId });`,
        `await supabase.rpc('increment_views', { post_id: body.id });`,
      ]),
    ).toEqual(['write:deduct_credits()', 'read:get_balance()']);
  });

  it('S3 objects: v3 commands (sent or presigned) and v2 client methods, with the bucket when it is written out', async () => {
    expect(
      await touchesOf([
        `await s3.send(new PutObjectCommand({ Bucket: 'uploads', Key: key, Body: body }));`,
        `const url = await getSignedUrl(s3, new GetObjectCommand({ Bucket: process.env.BUCKET, Key: key }));`,
        `await client.send(new DeleteObjectCommand({ Bucket: 'uploads', Key: key }));`,
        `await s3.upload({ Bucket: 'avatars', Key: key, Body: body }).promise();`,
        `const signed = s3.getSignedUrl('putObject', { Bucket: 'avatars', Key: key });`,
        `await s3.listObjectsV2({ Bucket: 'avatars' }).promise();`,
        `await s3.headObject({ Bucket: 'avatars', Key: key }).promise();`,
        `const command = new HeadBucketCommand({ Bucket: 'avatars' });`,
      ]),
    ).toEqual(['write:storage:uploads', 'read:storage:S3', 'write:storage:uploads', 'write:storage:avatars', 'write:storage:avatars', 'read:storage:avatars']);
  });

  it("Cloudflare Workers' R2 buckets and KV namespaces through the env; not a Durable Object namespace's stub", async () => {
    expect(
      await touchesOf([
        `await c.env.MY_BUCKET.put(key, c.req.raw.body);`,
        `const object = await env.R2.get(key);`,
        `await env.UPLOADS.delete(key);`,
        `await env.SESSIONS_KV.put(token, JSON.stringify(body));`,
        `const cached = await env.CACHE.get(key);`,
        `const stub = env.COUNTER.get(env.COUNTER.idFromName('x'));`,
        `await platform.env.ASSETS.list();`,
      ]),
    ).toEqual(['write:storage:MY_BUCKET', 'read:storage:R2', 'write:storage:UPLOADS', 'write:kv:SESSIONS_KV', 'read:storage:ASSETS']);
  });

  it("a user read down to the columns a public profile shows is no user data; one with more, or with relations, is", async () => {
    expect(
      await touchesOf([
        `const a = await db.query.user.findFirst({ columns: { id: true, name: true }, where: eq(user.id, id) });`,
        `const b = await prisma.user.findUnique({ where: { id }, select: { name: true, image: true } });`,
        `const c = await prisma.user.findUnique({ where: { id }, select: { name: true, email: true } });`,
        `const d = await db.query.user.findFirst({ columns: { id: true }, with: { sessions: true } });`,
      ]),
    ).toEqual(['read:user', 'read:user', 'read:user:user', 'read:user:user']);
  });

  it('Cloudinary uploads and deletions through its SDK; not its URL helpers', async () => {
    expect(
      await touchesOf([
        `const uploaded = await cloudinary.uploader.upload(file.path, { folder: 'avatars' });`,
        `await cloudinary.v2.uploader.destroy(publicId);`,
        `await cloudinary.api.delete_resources([publicId]);`,
        `const url = cloudinary.url(publicId, { width: 200 });`,
        `const img = cloudinary.image(publicId);`,
      ]),
    ).toEqual(['write:storage:cloudinary', 'write:storage:cloudinary', 'write:storage:cloudinary']);
  });

  it('reads Supabase, Prisma, Drizzle, Mongoose, raw SQL, Firestore and the MongoDB driver', async () => {
    expect(
      await touchesOf([
        `await supabase.from('notes').insert({ body: 'x' });`,
        `await supabase.from('profiles').select('*').eq('id', 1);`,
        `await supabase.auth.admin.deleteUser(id);`,
        `await prisma.user.update({ where: { id }, data: { name } });`,
        `await ctx.db.post.findMany();`,
        `await db.insert(comments).values({ body });`,
        `await Order.findByIdAndDelete(id);`,
        `await pool.query('UPDATE accounts SET balance = $1 WHERE id = $2', [b, id]);`,
        `await pool.query('SELECT * FROM invoices');`,
        `await db.collection('users').doc(uid).update({ plan: 'pro' });`,
        `await mongo.db().collection('events').insertOne({ at: Date.now() });`,
        `await setDoc(doc(firestore, 'posts', id), { title });`,
        `await stripe.paymentIntents.create({ amount: 100, currency: 'usd' });`,
        `await prisma.$transaction(async (tx) => { await tx.transaction.deleteMany({ where: { accountId } }); });`,
      ]),
    ).toEqual([
      'write:notes',
      'read:profiles:user',
      'write:auth.users:user',
      'write:user:user',
      'read:post',
      'write:comments',
      'write:Order',
      'write:accounts:user',
      'read:invoices',
      'write:users:user',
      'write:events',
      'write:posts',
      'payment:stripe.paymentIntents',
      'write:transaction',
    ]);
  });

  it('reads statements prepared first (D1, better-sqlite3), and statements kept in constants named for what they do', async () => {
    expect(
      await touchesOf([
        `await env.DB.prepare('DELETE FROM sessions WHERE token = ?').bind(token).run();`,
        `const row = db.prepare('SELECT * FROM invoices WHERE id = ?').get(id);`,
        `await env.DB.prepare(GET_USER_BY_EMAIL).bind(email).first();`,
        `await pool.query(UPDATE_ORDER_STATUS, [status, id]);`,
        // Not named for a statement: the SQL is not known.
        `await pool.query(USERS_SQL, [id]);`,
        `await pool.query(statement, [id]);`,
      ]),
    ).toEqual(['write:sessions', 'read:invoices', 'read:user:user', 'write:order']);
  });

  it('reads the Firebase Realtime Database, namespaced and modular, through references kept in a variable; not Storage or Vue refs', async () => {
    expect(
      await touchesOf([
        `const userRef = db.ref(\`users/\${body.uid}/credits\`);`,
        `await userRef.transaction((current) => (current || 0) + body.amount);`,
        `await admin.database().ref('orders').child(body.id).update({ paid: true });`,
        `const snap = await db.ref('settings/site').once('value');`,
        `await set(ref(db, 'profiles/' + body.uid), { name: body.name });`,
        `const count = ref(0);`,
        `await storage.ref('avatars/' + body.uid).put(file);`,
        `await firebase.storage().ref('x').delete();`,
      ]),
    ).toEqual(['write:users:user', 'write:orders', 'read:settings', 'write:profiles:user']);
  });

  it('reads Firestore documents through references kept in a variable, namespaced and modular', async () => {
    expect(
      await touchesOf([
        `const userRef = db.collection('users').doc(body.uid);`,
        `await userRef.update({ credits: 5 });`,
        `const noteRef = doc(db, 'notes', body.id);`,
        `await deleteDoc(noteRef);`,
        `const mentorDoc = db.collection('users').doc(body.mentorId);`,
        `await mentorDoc.collection('notifications').doc(body.notificationId).delete();`,
      ]),
    ).toEqual(['write:users:user', 'write:notes', 'write:notifications']);
  });

  it('ignores calls that look alike but touch no stored data, and counts, which return no records', async () => {
    expect(
      await touchesOf([
        `await client.messages.create({ to: '+15550100', from: '+15550101', body: 'hi' });`,
        `const m = new Map(); m.set('a', 1); m.delete('a');`,
        `await Promise.all([]);`,
        `Object.assign({}, {});`,
        `await fetch('https://example.com', { method: 'POST' });`,
        `await pool.query(sqlText);`,
        `const users = await prisma.user.count();`,
        `const orders = await Order.countDocuments({ status: 'open' });`,
      ]),
    ).toEqual([]);
  });

  it('counts calls that run a paid AI model, through an SDK or fetch', async () => {
    expect(
      await touchesOf([
        `const r = await anthropic.messages.create({ model: 'x', max_tokens: 5, messages: [] });`,
        `const c = await openai.chat.completions.create({ model: 'gpt-4o-mini', messages: [] });`,
        `const g = await genAI.getGenerativeModel({ model: 'gemini-1.5-flash' }).generateContent('hi');`,
        `const f = await fetch('https://api.openai.com/v1/responses', { method: 'POST' });`,
        `const GROQ_BASE = 'https://api.groq.com/openai/v1';`,
        `const g2 = await fetch(\`\${GROQ_BASE}/chat/completions\`, { method: 'POST' });`,
        `const { GoogleGenerativeAI } = await import('@google/generative-ai');`,
        `const reply = await genAI.getGenerativeModel({ model: 'gemini-2.0-flash' }).startChat().sendMessage('hi');`,
      ]),
    ).toEqual(['ai:anthropic', 'ai:openai', 'ai:genAI', 'ai:api.openai.com', 'ai:api.groq.com', 'ai:genAI']);
  });

  it('counts LangChain models and chains and LangGraph runs, in files that import LangChain; the same names elsewhere are not models', async () => {
    expect(
      await touchesOf([
        `const { ChatOpenAI } = await import('@langchain/openai');`,
        `const answer = await model.invoke([{ role: 'user', content: 'hi' }]);`,
        `const stream = await chain.stream({ question: 'hi' });`,
        `const run = await client.runs.wait(threadId, 'agent', { input: { messages: [] } });`,
      ]),
    ).toEqual(['ai:model', 'ai:chain', 'ai:client']);
    expect(await touchesOf([`const out = await workflow.invoke({ step: 1 });`, `const s = await res.stream();`])).toEqual([]);
  });

  it('does not count a session ended or saved as a write', async () => {
    expect(await touchesOf([`req.session.destroy(null);`, `await req.session.save();`, `await order.save();`])).toEqual(['write:order']);
  });

  it('counts Replicate runs and predictions; a prediction read back is no run', async () => {
    expect(
      await touchesOf([
        `const out = await replicate.run('black-forest-labs/flux-schnell', { input: { prompt: 'a cat' } });`,
        `let prediction = await replicate.predictions.create({ version: 'abc', input: { prompt: 'a cat' } });`,
        `prediction = await replicate.predictions.get(prediction.id);`,
      ]),
    ).toEqual(['ai:replicate', 'ai:replicate']);
  });

  it('reads a Prisma client the project\'s db module exports under another name; a chat message\'s role is not a role write', async () => {
    const routes = await routesOf({
      'package.json': pkg({ next: '15.0.3', twilio: '5.3.6' }),
      'app/api/x/route.ts': [
        `import { client } from '@/db/src/index';`,
        `import twilio from 'twilio';`,
        `const sms = twilio('sid', 'token');`,
        `export async function POST(req: Request) {`,
        `  const { role, content, conversationId } = await req.json();`,
        `  await client.messages.create({ data: { conversationId, role, content } });`,
        `  await client.conversation.findMany({ where: { id: conversationId } });`,
        `  await sms.messages.create({ to: '+15550100', from: '+15550101', body: content });`,
        `}`,
      ].join('\n'),
    });
    expect(routes[0].touches.map((t) => `${t.kind}:${t.target ?? '?'}${t.roleWrite ? ':role' : ''}`)).toEqual(['write:messages', 'read:conversation']);
  });

  it("reads Vercel KV kept as a database: hashes of users written and read by key; no KV without the package's import", async () => {
    const kv = [`const { userId } = await req.json();`, `await kv.hset(\`user:\${userId}\`, { plan: 'pro' });`, `const site = await kv.get(\`site:\${userId}\`);`, `await kv.del('cache');`];
    expect(await touchesOf([`const { kv } = await import('@vercel/kv');`, ...kv])).toEqual(['write:kv:user:user', 'read:kv:site', 'write:kv:keys']);
    expect(await touchesOf([`const kv = new Map();`, ...kv])).toEqual([]);
    const routes = await routesOf({ 'package.json': pkg({ next: '15.0.3', '@vercel/kv': '3.0.0' }), 'app/api/x/route.ts': [`import { kv } from '@vercel/kv';`, `export async function POST(req: Request) {`, ...kv.map((l) => `  ${l}`), `}`].join('\n') });
    expect(routes[0].touches[0].filters?.map((f) => `${f.key}:${f.from}`)).toEqual(['userId:request']);
  });

  it('marks a role written from request data, and not a constant role', async () => {
    expect(
      await touchesOf([
        `const body = await req.json();`,
        `await prisma.user.update({ where: { id: body.id }, data: { role: body.role } });`,
        `await prisma.user.create({ data: { email: body.email, role: 'member' } });`,
        // Drizzle: the values come in the call chained after.
        `const userRole = body.role || 'user';`,
        `await db.insert(users).values({ username: body.username, role: userRole }).returning();`,
        `await db.update(users).set({ role: 'member' }).where(eq(users.id, body.id));`,
        `await db.insert(messages).values({ role: body.role, content: body.text });`,
        // Raw SQL: the role column's parameter.
        `await pool.query('INSERT INTO users (username, password, role) VALUES ($1, $2, $3)', [body.username, hash, body.role]);`,
        `await pool.query("INSERT INTO users (username, role) VALUES ($1, 'member')", [body.username]);`,
        `await pool.query('UPDATE users SET name = ?, role = ? WHERE id = ?', [body.name, body.role, body.id]);`,
        `await pool.query('UPDATE users SET name = ? WHERE role = ?', [body.name, 'admin']);`,
      ]),
    ).toEqual(['write:user:user:role', 'write:user:user', 'write:users:user:role', 'write:users:user', 'write:messages', 'write:users:user:role', 'write:users:user', 'write:users:user:role', 'write:users:user']);
  });
});

describe('tables of accounts', () => {
  it('knows a model of accounts by its name, also kept as `userModel`, `UserSchema` or `usersCollection`; not other models', () => {
    expect(['users', 'auth.users', 'Profile', 'userModel', 'UserSchema', 'usersCollection', 'accountTable'].map(isUserTarget)).toEqual(Array(7).fill(true));
    expect(['postModel', 'userSettingsModel', 'Model', 'messages', 'userTokens'].map(isUserTarget)).toEqual(Array(5).fill(false));
  });
});
