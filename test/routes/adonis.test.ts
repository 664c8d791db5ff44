import { describe, expect, it } from 'vitest';
import { pkg, routesOf, summaryOf } from './helpers.js';

const ADONIS = pkg({ '@adonisjs/framework': '5.0.9', '@adonisjs/auth': '3.0.7', '@adonisjs/lucid': '6.1.3' });

describe('AdonisJS routes', () => {
  it('verbs, resources and groups, with the middleware chained on them and on their groups; controllers named by a string are found in app/Controllers/Http', async () => {
    const routes = await routesOf({
      'package.json': ADONIS,
      'start/routes.js': [
        `const Route = use('Route')`,
        `Route.post('login', 'SessionController.store').middleware('guest')`,
        `Route.get('galleries/:id', 'GalleryController.show')`,
        `Route.delete('events/:id', 'EventController.destroy').middleware(['auth'])`,
        `Route.group(() => {`,
        `  Route.resource('photos', 'PhotoController').apiOnly().except(['show', 'update'])`,
        `}).prefix('api/v1').middleware(['auth:jwt'])`,
      ].join('\n'),
      'app/Controllers/Http/GalleryController.js': `'use strict'\nconst Gallery = use('App/Models/Gallery')\nclass GalleryController {\n  async show({ params }) {\n    return Gallery.findOrFail(params.id)\n  }\n}\nmodule.exports = GalleryController\n`,
      'app/Controllers/Http/EventController.js': `'use strict'\nconst Event = use('App/Models/Event')\nclass EventController {\n  async destroy({ params }) {\n    const event = await Event.find(params.id)\n    return event.delete()\n  }\n}\nmodule.exports = EventController\n`,
    });
    expect(routes.map((r) => `${r.method} ${r.path} ${r.auth} ${r.handler.file}:${r.handler.startLine}`)).toEqual([
      'POST /login none start/routes.js:2',
      'GET /galleries/:id none app/Controllers/Http/GalleryController.js:4',
      'DELETE /events/:id required app/Controllers/Http/EventController.js:4',
      'GET /api/v1/photos required start/routes.js:6',
      'POST /api/v1/photos required start/routes.js:6',
      'DELETE /api/v1/photos/:id required start/routes.js:6',
    ]);
    expect(routes[1].touches.map((t) => `${t.kind}:${t.target}`)).toEqual(['read:Gallery']);
    expect(routes[2].evidence).toBe('the `auth` middleware (start/routes.js:4)');
  });

  it('a `Route` object in a package without AdonisJS is not its router', async () => {
    expect(await summaryOf({ 'package.json': pkg({ express: '4.21.1' }), 'src/nav.js': `const Route = makeNav();\nRoute.get('home', 'HomePage.render');\n` })).toEqual([]);
  });
});
