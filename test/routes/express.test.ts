import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../src/config/types.js';
import { scanVirtual } from '../../src/engine/scan.js';
import { MAX_APP_MIDDLEWARE } from '../../src/routes/link.js';
import type { RouteEntry } from '../../src/routes/types.js';
import { pkg, routesOf, summaryOf } from './helpers.js';

const EXPRESS = pkg({ express: '4.21.1', jsonwebtoken: '9.0.2' });

const AUTH_MIDDLEWARE = [
  `import jwt from 'jsonwebtoken';`,
  `export function requireAuth(req, res, next) {`,
  `  const token = req.headers.authorization?.replace('Bearer ', '');`,
  `  if (!token) return res.status(401).json({ error: 'Sign in' });`,
  `  try {`,
  `    req.user = jwt.verify(token, process.env.JWT_SECRET, { algorithms: ['HS256'] });`,
  `    next();`,
  `  } catch {`,
  `    res.status(401).json({ error: 'Bad token' });`,
  `  }`,
  `}`,
  `export function optionalUser(req, res, next) {`,
  `  req.user = null;`,
  `  next();`,
  `}`,
].join('\n');

describe('Express route inventory', () => {
  it('takes a route that only reads catalogue tables as public content, whatever its path; not one that reads carts or users', async () => {
    const routes = await routesOf({
      'package.json': EXPRESS,
      'routes/search.js': [
        `const router = require('express').Router();`,
        `const { Product, Cart, User } = require('../db/models');`,
        `router.get('/:q', async (req, res) => res.json(await Product.findAll({ where: { name: req.params.q } })));`,
        `router.get('/:id/cart', async (req, res) => res.json(await Cart.findAll({ where: { userId: req.params.id } })));`,
        `router.get('/:id/owner', async (req, res) => res.json(await User.findByPk(req.params.id)));`,
        `module.exports = router;`,
      ].join('\n'),
    });
    expect(routes.map((r) => `${r.method} ${r.path} ${r.auth}${r.public ? ' public' : ''}`)).toEqual(['GET /:q none public', 'GET /:id/cart none', 'GET /:id/owner none']);
  });

  it('applies app.use(auth) only to the routes registered after it', async () => {
    const routes = await summaryOf({
      'package.json': EXPRESS,
      'server/auth.js': AUTH_MIDDLEWARE,
      'server/index.js': [
        `import express from 'express';`,
        `import { requireAuth } from './auth.js';`,
        `import { Note } from './models.js';`,
        `const app = express();`,
        `app.get('/api/health', (req, res) => res.json({ ok: true }));`,
        `app.post('/api/notes-early', async (req, res) => res.json(await Note.create(req.body)));`,
        `app.use(requireAuth);`,
        `app.post('/api/notes', async (req, res) => res.json(await Note.create({ text: req.body.text, owner: req.user.id })));`,
      ].join('\n'),
    });
    expect(routes).toEqual(['GET /api/health none public', 'POST /api/notes required', 'POST /api/notes-early none']);
  });

  it('names the first eight middleware that check no sign-in in the evidence, and counts the rest', async () => {
    const few = Array.from({ length: 3 }, (_, i) => `function mw${i}(req, res, next) { next(); }\napp.use(mw${i});`);
    const many = Array.from({ length: 12 }, (_, i) => `function mw${i + 3}(req, res, next) { next(); }\napp.use(mw${i + 3});`);
    const routes = await routesOf({
      'package.json': EXPRESS,
      'server/index.js': [`import express from 'express';`, `const app = express();`, ...few, `app.post('/a', (req, res) => res.json(req.body));`, ...many, `app.post('/b', (req, res) => res.json(req.body));`].join('\n'),
    });
    const evidence = Object.fromEntries(routes.map((r) => [r.path, r.evidence.replace(/, and the handler.*/, '')]));
    expect(evidence).toEqual({ '/a': 'middleware `mw0`, `mw1`, `mw2` checks no sign-in', '/b': 'middleware `mw0`, `mw1`, `mw2`, `mw3`, `mw4`, `mw5`, `mw6`, `mw7` and 7 more checks no sign-in' });
    // All of them still apply.
    expect(routes.find((r) => r.path === '/b')?.middleware).toHaveLength(15);
  });

  it(`judges an app's routes by its first ${MAX_APP_MIDDLEWARE} middleware, and warns where it stopped reading`, async () => {
    const app = (count: number) => ({
      'package.json': EXPRESS,
      'server/auth.js': AUTH_MIDDLEWARE,
      'server/index.js': [
        `import express from 'express';`,
        `import { requireAuth } from './auth.js';`,
        `const app = express();`,
        ...Array.from({ length: count }, (_, i) => `app.use((req, res, next) => { res.set('x-step', '${i}'); next(); });`),
        `app.use(requireAuth);`,
        `app.post('/notes', (req, res) => res.json(req.body));`,
      ].join('\n'),
    });
    const scan = async (files: Record<string, string>) => {
      let routes: RouteEntry[] = [];
      const result = await scanVirtual(files, { config: defaultConfig(), offline: true, onModel: (m) => (routes = m.routes) });
      return { auth: routes.map((r) => `${r.path} ${r.auth} ${r.middleware.length}`), warnings: result.notifications.filter((n) => n.kind === 'skipped-file').map((n) => `${n.file}:${n.line}`) };
    };
    // The sign-in check is the last that is read: the route needs a sign-in.
    expect(await scan(app(MAX_APP_MIDDLEWARE - 1))).toEqual({ auth: [`/notes required ${MAX_APP_MIDDLEWARE}`], warnings: [] });
    // One more before it: the check is not read, and the warning points at it.
    expect(await scan(app(MAX_APP_MIDDLEWARE))).toEqual({ auth: [`/notes none ${MAX_APP_MIDDLEWARE}`], warnings: [`server/index.js:${MAX_APP_MIDDLEWARE + 4}`] });
  });

  it('judges middleware whose definition is not in the scan by its name: a session or token validator signs in, a body validator does not', async () => {
    const summary = await summaryOf({
      'package.json': EXPRESS,
      'server/routes.js': [
        `const router = require('express').Router();`,
        `const { validateSession, validateToken, validateBody } = require('../middleware');`,
        `const Note = require('../models/Note');`,
        `router.delete('/a/:id', validateSession, async (req, res) => res.json(await Note.deleteOne({ _id: req.params.id })));`,
        `router.delete('/b/:id', validateToken, async (req, res) => res.json(await Note.deleteOne({ _id: req.params.id })));`,
        `router.delete('/c/:id', validateBody, async (req, res) => res.json(await Note.deleteOne({ _id: req.params.id })));`,
        `module.exports = router;`,
      ].join('\n'),
      'server/app.js': `const express = require('express');\nconst app = express();\napp.use('/api', require('./routes'));\n`,
    });
    expect(summary).toEqual(['DELETE /api/a/:id required', 'DELETE /api/b/:id required', 'DELETE /api/c/:id none']);
  });

  it("makes a router of require('express').Router(), mounted from another file", async () => {
    const summary = await summaryOf({
      'package.json': EXPRESS,
      'server/routes/notes.js': `const router = require('express').Router();\nconst Note = require('../models/Note');\nrouter.delete('/:id', async (req, res) => res.json(await Note.deleteOne({ _id: req.params.id })));\nmodule.exports = router;\n`,
      'server/app.js': `const app = require('express')();\napp.use('/api/notes', require('./routes/notes'));\napp.listen(3000);\n`,
    });
    expect(summary).toEqual(['DELETE /api/notes/:id none']);
  });

  it('follows routers mounted with a prefix from another file, and route-level middleware arrays', async () => {
    const routes = await routesOf({
      'package.json': EXPRESS,
      'server/middleware/auth.js': AUTH_MIDDLEWARE,
      'server/routes/orders.js': [
        `const express = require('express');`,
        `const { requireAuth, optionalUser } = require('../middleware/auth');`,
        `const Order = require('../models/Order');`,
        `const router = express.Router();`,
        `router.get('/', [optionalUser, requireAuth], async (req, res) => res.json(await Order.find({ user: req.user.id })));`,
        `router.delete('/:id', optionalUser, async (req, res) => { await Order.deleteOne({ _id: req.params.id }); res.end(); });`,
        `router.route('/:id/items').get(requireAuth, (req, res) => res.json([])).post(async (req, res) => res.json(await Order.updateOne({ _id: req.params.id }, { $push: { items: req.body } })));`,
        `module.exports = router;`,
      ].join('\n'),
      'server/app.js': [`const express = require('express');`, `const app = express();`, `app.use('/api/orders', require('./routes/orders'));`].join('\n'),
    });
    const byKey = Object.fromEntries(routes.map((r) => [`${r.method} ${r.path}`, r]));
    expect(Object.keys(byKey).sort()).toEqual(['DELETE /api/orders/:id', 'GET /api/orders', 'GET /api/orders/:id/items', 'POST /api/orders/:id/items']);
    expect(byKey['GET /api/orders'].auth).toBe('required');
    expect(byKey['GET /api/orders'].evidence).toContain('server/middleware/auth.js:6');
    expect(byKey['GET /api/orders'].middleware).toEqual(['optionalUser', 'requireAuth']);
    expect(byKey['DELETE /api/orders/:id'].auth).toBe('none');
    expect(byKey['DELETE /api/orders/:id'].touches.map((t) => `${t.kind}:${t.target}`)).toEqual(['write:Order']);
    expect(byKey['GET /api/orders/:id/items'].auth).toBe('required');
    expect(byKey['POST /api/orders/:id/items'].auth).toBe('none');
    expect(byKey['GET /api/orders'].file).toBe('server/routes/orders.js');
    expect(byKey['GET /api/orders'].line).toBe(5);
  });

  it('reads registrations chained on a router made in place, exported as it is or kept in a variable', async () => {
    const routes = await summaryOf({
      'package.json': EXPRESS,
      'server/middleware/auth.js': AUTH_MIDDLEWARE,
      'server/controllers/bids.js': [
        `const { Router } = require('express');`,
        `const { requireAuth } = require('../middleware/auth');`,
        `const Bid = require('../models/Bid');`,
        `module.exports = Router()`,
        `  .get('/:id', async (req, res) => res.json(await Bid.find({ auction: req.params.id })))`,
        `  .post('/', requireAuth, async (req, res) => res.json(await Bid.create({ amount: req.body.amount, bidder: req.user.sub })));`,
      ].join('\n'),
      'server/controllers/likes.js': [
        `import { Router } from 'express';`,
        `import Like from '../models/Like.js';`,
        `const likes = Router().delete('/:id', async (req, res) => { await Like.deleteOne({ _id: req.params.id }); res.end(); });`,
        // A chain on something that is not an app or router (an HTTP client) registers nothing.
        `export const feed = axios.create({ baseURL: process.env.API_URL }).get('/likes/feed', { timeout: 5000 });`,
        `export default likes;`,
      ].join('\n'),
      'server/app.js': [
        `const express = require('express');`,
        `const app = express();`,
        `app.use('/api/v1/bids', express.json(), require('./controllers/bids'));`,
        `app.use('/api/v1/likes', require('./controllers/likes').default);`,
      ].join('\n'),
    });
    expect(routes).toEqual(['DELETE /api/v1/likes/:id none', 'GET /api/v1/bids/:id none', 'POST /api/v1/bids required']);
  });

  it('scopes app.use(path, auth) to that path and reads checks inside handlers', async () => {
    const routes = await summaryOf({
      'package.json': pkg({ express: '4.21.1', '@supabase/supabase-js': '2.45.0' }),
      'server/index.ts': [
        `import express from 'express';`,
        `import passport from 'passport';`,
        `import { supabase } from './db';`,
        `const app = express();`,
        `app.use('/api/private', passport.authenticate('jwt', { session: false }));`,
        `app.get('/api/private/profile', (req, res) => res.json(req.user));`,
        `app.get('/api/projects', async (req, res) => {`,
        `  const { data: { user } } = await supabase.auth.getUser(req.headers.authorization);`,
        `  if (!user) return res.status(401).end();`,
        `  res.json(await supabase.from('projects').select('*').eq('owner', user.id));`,
        `});`,
        `app.get('/api/maybe', async (req, res) => {`,
        `  const { data: { user } } = await supabase.auth.getUser(req.headers.authorization);`,
        `  res.json(await supabase.from('projects').select('*'));`,
        `});`,
        `app.post('/api/login', async (req, res) => res.json(await supabase.auth.signInWithPassword(req.body)));`,
      ].join('\n'),
    });
    expect(routes).toEqual(['GET /api/maybe unknown', 'GET /api/private/profile required', 'GET /api/projects required', 'POST /api/login none public']);
  });

  it('marks routes behind middleware it cannot see as unknown, and package auth middleware as required', async () => {
    const routes = await summaryOf({
      'package.json': pkg({ express: '4.21.1', 'express-oauth2-jwt-bearer': '1.6.0' }),
      'server/index.js': [
        `import express from 'express';`,
        `import { auth } from 'express-oauth2-jwt-bearer';`,
        `import { loadTenant } from './tenant';`,
        `import { Invoice } from './models';`,
        `const app = express();`,
        `app.get('/a', loadTenant, async (req, res) => res.json(await Invoice.find()));`,
        `app.get('/b', auth({ audience: 'api' }), async (req, res) => res.json(await Invoice.find()));`,
      ].join('\n'),
    });
    expect(routes).toEqual(['GET /a unknown', 'GET /b required']);
  });

  it("follows calls into helpers kept in object literals (`export const db = { … }`, `export default { … }`)", async () => {
    const routes = await routesOf({
      'package.json': pkg({ express: '4.21.1', '@supabase/supabase-js': '2.45.4' }),
      'src/config/supabase.js': [
        `import { createClient } from '@supabase/supabase-js';`,
        `const supabaseAdmin = createClient(process.env.SUPABASE_URL, process.env.SUPABASE_SERVICE_ROLE_KEY);`,
        `export const db = {`,
        `  async createPayment(payment) { return supabaseAdmin.from('payments').insert(payment).select().single(); },`,
        `  getPayments: async (userId) => supabaseAdmin.from('payments').select('*').eq('user_id', userId),`,
        `};`,
      ].join('\n'),
      'src/services/notes.js': `import { Note } from '../models/Note.js';\nexport default {\n  async remove(id) { return Note.findByIdAndDelete(id); },\n};\n`,
      'src/server.js': [
        `import express from 'express';`,
        `import { db } from './config/supabase.js';`,
        `import notes from './services/notes.js';`,
        `const app = express();`,
        `app.post('/payments', async (req, res) => res.json(await db.createPayment({ user_id: req.body.userId, amount: 9900 })));`,
        `app.get('/payments/:userId', async (req, res) => res.json(await db.getPayments(req.params.userId)));`,
        `app.delete('/notes/:id', async (req, res) => res.json(await notes.remove(req.params.id)));`,
      ].join('\n'),
    });
    expect(routes.map((r) => `${r.method} ${r.path} ${r.touches.map((t) => `${t.kind}:${t.target ?? ''}`).join(',')}`)).toEqual([
      'POST /payments write:payments',
      'GET /payments/:userId read:payments',
      'DELETE /notes/:id write:Note',
    ]);
  });

  it('a checkout, billing-portal or push-token route is not a sign-in route; a session or token route is', async () => {
    const routes = await summaryOf({
      'package.json': EXPRESS,
      'server/index.js': [
        `import express from 'express';`,
        `const app = express();`,
        ...['/create-checkout-session', '/billing/portal-session', '/push-token', '/auth/session', '/oauth/token', '/api/v1/forgotpassword', '/password_reset/:token'].map((p) => `app.post('${p}', async (req, res) => res.json({ ok: true }));`),
      ].join('\n'),
    });
    expect(routes).toEqual(['POST /api/v1/forgotpassword none public', 'POST /auth/session none public', 'POST /billing/portal-session none', 'POST /create-checkout-session none', 'POST /oauth/token none public', 'POST /password_reset/:token none public', 'POST /push-token none']);
  });

  it("express-jwt with express-unless guards every route but the paths it lists", async () => {
    const routes = await summaryOf({
      'package.json': pkg({ express: '4.21.1', 'express-jwt': '8.4.1' }),
      'server/index.js': [
        `const express = require('express');`,
        `const { expressjwt } = require('express-jwt');`,
        `const app = express();`,
        `const router = express.Router();`,
        `router.use(expressjwt({ secret: process.env.JWT_SECRET, algorithms: ['HS256'] }).unless({ path: ['/', '/products', { url: '/reviews', methods: ['GET'] }, /^\\/public\\/.*/] }));`,
        `router.get('/products', (req, res) => res.json([]));`,
        `router.get('/reviews', (req, res) => res.json([]));`,
        `router.get('/products/:id/stock', (req, res) => res.json([]));`,
        `router.put('/orders/:id', (req, res) => res.json({}));`,
        `app.use('/', router);`,
      ].join('\n'),
    });
    expect(routes).toEqual(['GET /products none public', 'GET /products/:id/stock required', 'GET /reviews none public', 'PUT /orders/:id required']);
  });

  it('judges middleware kept in a const by the call that made it when its name says nothing, here or imported; one made to let visitors through lets them through', async () => {
    const routes = await routesOf({
      'package.json': pkg({ express: '4.21.1', cors: '2.8.5', 'express-jwt': '8.4.1' }),
      'server/guards.js': [
        `export function requireRole(role) { return (req, res, next) => (req.user?.role === role ? next() : res.status(403).end()); }`,
        `export const onlyEditors = requireRole('editor');`,
      ].join('\n'),
      'server/index.js': [
        `const express = require('express');`,
        `const cors = require('cors');`,
        `const { expressjwt } = require('express-jwt');`,
        `import { onlyEditors } from './guards.js';`,
        `const app = express();`,
        `const gate = expressjwt({ secret: process.env.JWT_SECRET, algorithms: ['HS256'] });`,
        `const allow = cors({ origin: 'https://shop.example' });`,
        `const maybeUser = expressjwt({ secret: process.env.JWT_SECRET, algorithms: ['HS256'], credentialsRequired: false });`,
        `app.delete('/a/:id', gate, (req, res) => res.json({}));`,
        `app.delete('/b/:id', allow, (req, res) => res.json({}));`,
        `app.delete('/c/:id', onlyEditors, (req, res) => res.json({}));`,
        `app.delete('/d/:id', maybeUser, (req, res) => res.json({}));`,
        `const requireAuth = expressjwt({ secret: process.env.JWT_SECRET, algorithms: ['HS256'], credentialsRequired: false });`,
        `app.delete('/e/:id', requireAuth, (req, res) => res.json({}));`,
        `app.delete('/f/:id', expressjwt({ secret: process.env.JWT_SECRET, algorithms: ['HS256'], credentialsRequired: false }), (req, res) => res.json({}));`,
      ].join('\n'),
    });
    const by = (path: string) => routes.find((r) => r.path === path)!;
    expect(by('/a/:id').auth).toBe('required');
    expect(by('/a/:id').evidence).toContain('expressjwt({ secret');
    expect(by('/b/:id').auth).toBe('none');
    expect(by('/c/:id')).toMatchObject({ auth: 'required', roleCheck: expect.stringContaining('checks the role (server/guards.js:1)') });
    // Its name says it may let visitors through: the name is kept.
    expect(by('/d/:id').auth).toBe('unknown');
    // Made to let requests without a token through, whatever the const is called, or made in place.
    expect(by('/e/:id')).toMatchObject({ auth: 'unknown', evidence: expect.stringContaining('credentialsRequired: false') });
    expect(by('/f/:id')).toMatchObject({ auth: 'unknown', evidence: expect.stringContaining('credentialsRequired: false') });
  });

  it("`if (user)` of a user the request named finds anyone's; of the caller's own account it is a sign-in test", async () => {
    const routes = await summaryOf({
      'package.json': pkg({ express: '4.21.1', mongoose: '8.8.1' }),
      'server/index.js': [
        `const express = require('express');`,
        `const User = require('./models/user');`,
        `const app = express();`,
        `app.get('/api/users/:id', async (req, res) => {`,
        `  const user = await User.findById(req.params.id);`,
        `  if (user) { res.json(user.toJSON()); } else { return res.status(404).end(); }`,
        `});`,
        `app.get('/api/profile', async (req, res) => {`,
        `  const user = await User.findById(req.session.userId);`,
        `  if (user) { res.json(user.toJSON()); } else { return res.status(401).end(); }`,
        `});`,
      ].join('\n'),
    });
    expect(routes).toEqual(['GET /api/profile required', 'GET /api/users/:id none']);
  });

  it('opens `catchAsync(Controller.method)` to the method it wraps; a request logger is not a check', async () => {
    const routes = await routesOf({
      'package.json': pkg({ express: '4.21.1', mongoose: '8.8.1' }),
      'server/controllers/ChatController.js': [
        `import Conversation from '../models/Conversation';`,
        `export default { async getConversations(req, res) { res.json(await Conversation.find({ members: req.params.userId })); } };`,
      ].join('\n'),
      'server/routes/chat.js': [
        `import { Router } from 'express';`,
        `import ChatController from '../controllers/ChatController';`,
        `import { catchAsync } from '../middlewares/errors';`,
        `import middleware from '../utils/middleware';`,
        `const router = Router();`,
        `router.use(middleware.requestLogger);`,
        `router.get('/conversations/:userId', catchAsync(ChatController.getConversations));`,
        `export default router;`,
      ].join('\n'),
      'server/index.js': [`import express from 'express';`, `import chat from './routes/chat';`, `const app = express();`, `app.use('/chat', chat);`].join('\n'),
    });
    expect(routes.map((r) => [r.path, r.auth, r.handler.name, r.touches.map((t) => t.code)])).toEqual([['/chat/conversations/:userId', 'none', 'getConversations', ['Conversation.find']]]);
  });

  it('a middleware whose 401 runs only when a session was sent (or in its catch) lets visitors through; one that rejects a missing session does not', async () => {
    const mw = (name: string, body: string) => [`export const ${name} = async (req, res, next) => {`, `  try {`, `    const { userId } = getAuth(req);`, body, `    return next();`, `  } catch (error) {`, `    return next(new UnauthorizedError('Unauthorized'));`, `  }`, `};`].join('\n');
    const routes = await routesOf({
      'package.json': pkg({ express: '5.1.0', '@clerk/express': '1.7.0' }),
      'server/auth.js': [
        `import { clerkClient, getAuth } from '@clerk/express';`,
        `import { UnauthorizedError } from './errors.js';`,
        mw('attachUser', `    if (userId) {\n      const user = await clerkClient.users.getUser(userId);\n      if (!user) return next(new UnauthorizedError('Unauthorized'));\n      req.user = { id: user.id };\n    }`),
        mw('requireUser', `    if (!userId) return next(new UnauthorizedError('Unauthorized'));\n    req.user = { id: userId };`),
      ].join('\n'),
      'server/index.js': [
        `import express from 'express';`,
        `import { attachUser, requireUser } from './auth.js';`,
        `import { deleteBlob } from './storage.js';`,
        `const app = express();`,
        `app.delete('/api/media/:blobName', attachUser, async (req, res) => res.json(await deleteBlob(req.params.blobName)));`,
        `app.delete('/api/files/:blobName', requireUser, async (req, res) => res.json(await deleteBlob(req.params.blobName)));`,
      ].join('\n'),
    });
    expect(routes.map((r) => `${r.method} ${r.path} ${r.auth}`)).toEqual(['DELETE /api/media/:blobName unknown', 'DELETE /api/files/:blobName required']);
  });

  it("a sign-up or sign-in named with whom it is for in one word (`/therapistregister`) is public; a page about them is not", async () => {
    const routes = await summaryOf({
      'package.json': EXPRESS,
      'server/index.js': [`import express from 'express';`, `const app = express();`, ...['/therapistregister', '/adminlogin', '/therapists', '/registered-users'].map((p) => `app.post('${p}', async (req, res) => res.json({ ok: true }));`)].join('\n'),
    });
    expect(routes).toEqual(['POST /adminlogin none public', 'POST /registered-users none', 'POST /therapistregister none public', 'POST /therapists none']);
  });

  it('follows calls into the methods of a class: through the instance a file exports, an instance the handler makes, and `this`', async () => {
    const routes = await routesOf({
      'package.json': pkg({ express: '4.21.1', mongoose: '8.8.1' }),
      'server/services/userService.js': [
        `const User = require('../models/User');`,
        `class UserService {`,
        `  async remove(id) { return User.findByIdAndDelete(id); }`,
        `}`,
        `module.exports = new UserService();`,
      ].join('\n'),
      'server/services/reports.js': [
        `const Report = require('../models/Report');`,
        `class Reports {`,
        `  async purge(id) { return this.drop(id); }`,
        `  async drop(id) { return Report.deleteMany({ owner: id }); }`,
        `  async count(id) { return Report.countDocuments({ owner: id }); }`,
        `}`,
        `module.exports = Reports;`,
      ].join('\n'),
      'server/index.js': [
        `const express = require('express');`,
        `const userService = require('./services/userService');`,
        `const Reports = require('./services/reports');`,
        `const app = express();`,
        `app.delete('/users/:id', async (req, res) => res.json(await userService.remove(req.params.id)));`,
        `app.delete('/reports/:id', async (req, res) => { const reports = new Reports(); res.json(await reports.purge(req.params.id)); });`,
        `app.get('/reports', async (req, res) => { const reports = new Reports(); res.json({ ok: !!reports }); });`,
      ].join('\n'),
    });
    expect(routes.map((r) => `${r.method} ${r.path} ${r.touches.map((t) => `${t.kind}:${t.target ?? ''}`).join(',')}`)).toEqual(['DELETE /users/:id write:user,write:User', 'DELETE /reports/:id write:Report', 'GET /reports ']);
  });

  it('upload middleware (a multer instance kept in a project file) says nothing about sign-in', async () => {
    const routes = await summaryOf({
      'package.json': pkg({ express: '4.21.1', multer: '1.4.5-lts.1', mongoose: '8.8.1' }),
      'middlewares/uploadMiddleware.js': `const multer = require('multer');\nconst upload = multer({ dest: 'public/img' });\nexports.uploadUserPhoto = upload.single('photo');\n`,
      'routes/profile.js': [
        `const express = require('express');`,
        `const uploadMiddleware = require('../middlewares/uploadMiddleware');`,
        `const Profile = require('../models/Profile');`,
        `const router = express.Router();`,
        `router.post('/profiles', uploadMiddleware.uploadUserPhoto, async (req, res) => res.json(await Profile.create({ photo: req.file.path })));`,
        `module.exports = router;`,
      ].join('\n'),
    });
    expect(routes).toEqual(['POST /profiles none']);
  });

  it('reads handlers that are methods of a controller class: exported as an instance, as the class, or made locally', async () => {
    const routes = await routesOf({
      'package.json': EXPRESS,
      'server/auth.js': AUTH_MIDDLEWARE,
      'server/controllers/brands.js': [
        `const { Brand } = require('../models');`,
        `class BrandController {`,
        `  async create(req, res) { res.json(await Brand.create({ name: req.body.name })); }`,
        `  list = async (req, res) => res.json(await Brand.findAll());`,
        `  format(brand) { return brand.name; }`,
        `}`,
        `module.exports = new BrandController();`,
      ].join('\n'),
      'server/controllers/users.ts': [
        `import { requireAuth } from '../auth.js';`,
        `import { User } from '../models';`,
        `export class UserController {`,
        `  static async remove(req, res) { res.json(await User.destroy({ where: { id: req.params.id } })); }`,
        `}`,
      ].join('\n'),
      'server/index.js': [
        `const express = require('express');`,
        `const brands = require('./controllers/brands');`,
        `const { UserController } = require('./controllers/users');`,
        `const { requireAuth } = require('./auth');`,
        `class HealthController { static check(req, res) { res.json({ ok: true }); } }`,
        `const health = new HealthController();`,
        `const app = express();`,
        `app.post('/api/brands', brands.create);`,
        `app.get('/api/brands', brands.list);`,
        `app.delete('/api/users/:id', requireAuth, UserController.remove);`,
        `app.get('/api/ping', health.check);`,
        `const users = new UserController();`,
        `app.delete('/api/users-open/:id', (req, res) => users.remove(req, res));`,
      ].join('\n'),
    });
    const summary = routes.map((r) => `${r.method} ${r.path} ${r.auth} ${r.touches.map((t) => `${t.kind}:${t.target}`).join(',')}`).sort();
    expect(summary).toEqual(['DELETE /api/users-open/:id none write:User', 'DELETE /api/users/:id required write:User', 'GET /api/brands none read:Brand', 'GET /api/ping none ', 'POST /api/brands none write:Brand']);
  });

  it('reads raw SQL a helper writes into a local constant before it runs it, and only SQL', async () => {
    const routes = await routesOf({
      'package.json': pkg({ express: '4.21.1', pg: '8.13.1' }),
      'server/db/bank.js': [
        `const pool = require('./pool');`,
        `async function addValue(email, value) {`,
        `  const statement = \`\n    UPDATE account SET balance = balance + $2\n    WHERE email = $1;\n  \`;`,
        `  return pool.query(statement, [email, value]);`,
        `}`,
        `async function ping() {`,
        `  const label = 'health';`,
        `  return pool.query(label);`,
        `}`,
        `module.exports = { addValue, ping };`,
      ].join('\n'),
      'server/index.js': [
        `const express = require('express');`,
        `const bank = require('./db/bank');`,
        `const app = express();`,
        `app.post('/add', async (req, res) => res.json(await bank.addValue(req.body.email, req.body.value)));`,
        `app.get('/ping', async (req, res) => res.json(await bank.ping()));`,
      ].join('\n'),
    });
    expect(routes.map((r) => `${r.method} ${r.path} ${r.touches.map((t) => `${t.kind}:${t.target ?? ''}`).join(',')}`)).toEqual(['POST /add write:account', 'GET /ping ']);
  });

  it('follows a method a controller inherits from its base class in another file; a controller called by name is no model', async () => {
    const routes = await routesOf({
      'package.json': pkg({ express: '4.21.1', pg: '8.13.1' }),
      'server/controllers/Controller.js': [
        `const pool = require('../db');`,
        `class Controller {`,
        `  constructor(table) { this.table = table; }`,
        `  async remove(req, res) { await pool.query('DELETE FROM posts WHERE id = $1', [req.params.id]); res.end(); }`,
        `}`,
        `module.exports = { Controller };`,
      ].join('\n'),
      'server/controllers/PostController.js': [
        `const { Controller } = require('./Controller');`,
        `class PostController extends Controller {`,
        `  constructor() { super('posts'); }`,
        `  async list(req, res) { res.json([]); }`,
        `}`,
        `module.exports = new PostController();`,
      ].join('\n'),
      'server/index.js': [
        `const express = require('express');`,
        `const PostController = require('./controllers/PostController');`,
        `const app = express();`,
        `app.delete('/posts/:id', (req, res) => PostController.remove(req, res));`,
        `app.post('/posts', (req, res) => PostController.create(req, res));`,
      ].join('\n'),
    });
    expect(routes.map((r) => `${r.method} ${r.path} ${r.touches.map((t) => `${t.kind}:${t.target ?? ''}`).join(',')}`)).toEqual(['DELETE /posts/:id write:posts', 'POST /posts ']);
  });

  it('follows a service a controller makes in its constructor, and the base class the service extends', async () => {
    const routes = await routesOf({
      'package.json': pkg({ express: '4.21.1', mongoose: '8.8.1' }),
      'server/services/AppService.js': `class AppService {\n  constructor(model) { this.model = model; }\n  async deleteById(id) { return this.model.findByIdAndDelete(id); }\n}\nmodule.exports = AppService;\n`,
      'server/services/userService.js': `const AppService = require('./AppService');\nconst User = require('../models/User');\nclass UserService extends AppService {\n  constructor() { super(User); }\n  async rename(id, name) { return User.findByIdAndUpdate(id, { name }); }\n}\nmodule.exports = UserService;\n`,
      'server/controllers/userController.js': `const UserService = require('../services/userService');\nclass UserController {\n  constructor() { this.userService = new UserService(); }\n  async rename(req, res) { res.json(await this.userService.rename(req.params.id, req.body.name)); }\n  async remove(req, res) { res.json(await this.userService.deleteById(req.params.id)); }\n}\nmodule.exports = UserController;\n`,
      'server/index.js': `const express = require('express');\nconst UserController = require('./controllers/userController');\nconst app = express();\nconst users = new UserController();\napp.put('/users/:id', users.rename);\napp.delete('/users/:id', users.remove);\n`,
    });
    expect(routes.map((r) => `${r.method} ${r.path} ${r.touches.map((t) => `${t.kind}:${t.target ?? ''}`).join(',')}`)).toEqual(['PUT /users/:id write:User', 'DELETE /users/:id write:user,write:']);
  });
});


describe('a read of the signed-in user that throws without one', () => {
  it('counts `req.user.id` read before the write as a sign-in check, unless a middleware puts a user there itself', async () => {
    const routes = await routesOf({
      'package.json': EXPRESS,
      'server/routes.js': [
        `const router = require('express').Router();`,
        `const mockUser = (req, res, next) => { req.user = { id: 'mock-user-id-123' }; next(); };`,
        `router.post('/posts', async (req, res) => {`,
        `  const user = req.user;`,
        `  res.json(await Post.create({ author: user.id, title: req.body.title }));`,
        `});`,
        `router.post('/drafts', async (req, res) => {`,
        `  const draft = await Draft.create({ title: req.body.title });`,
        `  res.json({ draft, by: req.user.id });`,
        `});`,
        `router.post('/notes', async (req, res) => res.json(await Note.create({ author: req.user?.id, text: req.body.text })));`,
        `router.post('/orders', mockUser, async (req, res) => res.json(await Order.create({ owner: req.user.id })));`,
        `module.exports = router;`,
      ].join('\n'),
    });
    expect(routes.map((r) => [r.method, r.path, r.auth])).toEqual([
      ['POST', '/posts', 'required'],
      ['POST', '/drafts', 'none'],
      ['POST', '/notes', 'none'],
      ['POST', '/orders', 'none'],
    ]);
    expect(routes[0].evidence).toContain('`user.id` throws when no one is signed in');
  });
});
