import { describe, expect, it } from 'vitest';
import { pkg, routesOf, summaryOf } from './helpers.js';

const HAPI = pkg({ '@hapi/hapi': '21.3.10', 'hapi-auth-jwt2': '10.6.0', mongoose: '8.8.0' });
/** A file of route objects a route loader registers, with `basePath` as a constant of the file. */
const ROUTES = [
  `import OrdersController from './orders.controllers';`,
  `const basePath = '/orders';`,
  `export default [`,
  `  { method: 'GET', path: basePath, handler: OrdersController.list },`,
  `  { method: 'GET', path: \`\${basePath}/{id}\`, handler: OrdersController.detail, options: { auth: { strategy: 'jwt', mode: 'try' } } },`,
  `  { method: ['PUT', 'PATCH'], path: \`\${basePath}/{id}\`, options: { auth: 'jwt', handler: async (request, h) => Order.findByIdAndUpdate(request.params.id, { status: request.payload.status }) } },`,
  `  { method: 'POST', path: '/signup', config: { auth: false }, handler: async (request) => User.create({ email: request.payload.email }) },`,
  `];`,
  ``,
].join('\n');

describe('hapi route objects', () => {
  it("lists routes given to server.route or exported for a loader; each route's auth option decides, else nothing asks for credentials", async () => {
    const routes = await summaryOf({ 'package.json': HAPI, 'src/api/orders/orders.routes.js': ROUTES, 'src/api/orders/orders.controllers.js': `export default { list: async () => Order.find(), detail: async (request) => Order.findById(request.params.id) };\n` });
    expect(routes).toEqual(['GET /orders none', 'GET /orders/:id none', 'POST /signup none public', 'PUT|PATCH /orders/:id required']);
  });

  it('the default strategy of the server, set in a plugin whose file is named like a configuration, covers the routes that say nothing', async () => {
    const files = {
      'package.json': HAPI,
      'src/api/orders/orders.routes.js': ROUTES,
      'src/config/auth.config.js': [`import HapiAuthJWT from 'hapi-auth-jwt2';`, `export const plugin = {`, `  name: 'authenticate',`, `  async register(server) {`, `    await server.register({ plugin: HapiAuthJWT });`, `    server.auth.strategy('jwt', 'jwt', { key: process.env.JWT_SECRET, validate });`, `    server.auth.default('jwt');`, `  },`, `};`, ``].join('\n'),
    };
    const routes = await routesOf(files);
    expect(routes.map((r) => `${r.method} ${r.path} ${r.auth}`)).toEqual(['GET /orders required', 'GET /orders/:id none', 'PUT|PATCH /orders/:id required', 'POST /signup none']);
    expect(routes[0].evidence).toBe("`server.auth.default('jwt')` makes every route ask for credentials unless it says otherwise (src/config/auth.config.js:7)");
  });

  it('objects with a method and a path in a package without hapi are not routes', async () => {
    expect(await summaryOf({ 'package.json': pkg({ express: '4.21.1' }), 'src/menu.js': `export const items = [{ method: 'GET', path: '/orders', handler: 'list' }];\n` })).toEqual([]);
  });
});
