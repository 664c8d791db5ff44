import { ruleTester } from '../../helpers/rule-tester.js';

const PKG = JSON.stringify({ name: 'api', dependencies: { '@feathersjs/feathers': '^4.5.17', '@feathersjs/authentication': '^4.5.17', 'feathers-mongoose': '^8.5.1' } });
const hooks = (service: string, before: string) => ({
  'package.json': PKG,
  [`src/services/${service}/${service}.hooks.js`]: [
    `const { authenticate } = require('@feathersjs/authentication').hooks;`,
    `const { iff, isProvider, disallow } = require('feathers-hooks-common');`,
    `module.exports = {`,
    `  before: {`,
    before,
    `  },`,
    `  after: { all: [] },`,
    `};`,
  ].join('\n'),
});

ruleTester('feathers-service-without-auth', {
  valid: [
    { name: 'every method authenticated in all', files: hooks('boards', `    all: [authenticate('jwt')],\n    find: [], get: [], create: [], update: [], patch: [], remove: [],`) },
    {
      name: "the users service: sign-up open, the rest authenticated (one through iff), update taken from clients",
      files: hooks('users', `    find: [authenticate('jwt')],\n    get: [iff(isProvider('external'), authenticate('jwt'))],\n    create: [],\n    update: [disallow('external')],\n    patch: [authenticate('jwt')],\n    remove: [authenticate('jwt')],`),
    },
    { name: 'reads of a service that is not the users', files: hooks('posts', `    find: [],\n    get: [],\n    create: [authenticate('jwt')],\n    update: [authenticate('jwt')],\n    patch: [authenticate('jwt')],\n    remove: [authenticate('jwt')],`) },
    {
      name: 'a Feathers 5 service that exposes only reads, its hooks given to app.service().hooks()',
      files: {
        'package.json': PKG,
        'src/services/messages/messages.ts': [
          `import { authenticate } from '@feathersjs/authentication';`,
          `export const message = (app) => {`,
          `  app.use('messages', new MessageService(getOptions(app)), { methods: ['find', 'get'], events: [] });`,
          `  app.service('messages').hooks({ around: { all: [] }, before: { all: [], find: [], get: [] } });`,
          `};`,
        ].join('\n'),
      },
    },
  ],
  invalid: [
    {
      name: 'the users service with patch left out, and a board service whose writes have no sign-in',
      files: {
        ...hooks('users', `    all: [],\n    find: [authenticate('jwt')],\n    get: [authenticate('jwt')],\n    create: [],\n    update: [authenticate('jwt')],\n    // patch: [authenticate('jwt')],\n    remove: [authenticate('jwt')],`),
        ...hooks('boards', `    all: [],\n    find: [authenticate('jwt')],\n    get: [authenticate('jwt')],\n    create: [],\n    update: [],\n    patch: [],\n    remove: [],`),
      },
      errors: [
        { messageId: 'open', line: 4, file: 'src/services/boards/boards.hooks.js' },
        { messageId: 'open', line: 4, file: 'src/services/users/users.hooks.js' },
      ],
    },
    {
      name: 'a Feathers 5 service whose around hooks authenticate reads only',
      files: {
        'package.json': PKG,
        'src/services/notes/notes.ts': [
          `import { authenticate } from '@feathersjs/authentication';`,
          `export const note = (app) => {`,
          `  app.use('notes', new NoteService(getOptions(app)), { methods: ['find', 'get', 'create', 'patch', 'remove'], events: [] });`,
          `  app.service('notes').hooks({`,
          `    around: { all: [], find: [authenticate('jwt')], get: [authenticate('jwt')] },`,
          `    before: { all: [] },`,
          `  });`,
          `};`,
        ].join('\n'),
      },
      errors: [{ messageId: 'open', line: 5 }],
    },
  ],
});
