import { ruleTester } from '../../helpers/rule-tester.js';

const pkg = (version: string) => JSON.stringify({ name: 'api', dependencies: { 'parse-server': version, express: '4.21.1' } });
const server = (version: string, options: string) => ({
  'package.json': pkg(version),
  'index.js': `const { ParseServer } = require('parse-server');\nconst api = new ParseServer({\n  appId: process.env.APP_ID,\n${options}\n});\n`,
});

ruleTester('parse-server-insecure-options', {
  valid: [
    { name: 'v7 defaults are safe', files: server('^7.3.0', '  serverURL: process.env.SERVER_URL,') },
    { name: 'v5 with safe options set', files: server('5.6.0', "  allowClientClassCreation: false,\n  masterKeyIps: ['10.0.0.4'],") },
    { name: 'unknown version reports only explicit settings', files: server('latest', '  serverURL: process.env.SERVER_URL,') },
    { name: 'options spread from elsewhere', files: server('4.10.0', '  ...sharedOptions,') },
    { name: 'enableAnonymousUsers false', files: server('7.0.0', '  enableAnonymousUsers: false,') },
    {
      name: "Parse Server 2's function with safe options, and its live-query server",
      files: {
        'package.json': pkg('^2.8.4'),
        'app.js': "var ParseServer = require('parse-server').ParseServer;\nvar api = ParseServer({\n  appId: process.env.APP_ID,\n  masterKeyIps: ['10.0.0.4'],\n  allowClientClassCreation: false\n});\nParseServer.createLiveQueryServer(httpServer, { allowClientClassCreation: true });\n",
      },
    },
  ],
  invalid: [
    {
      name: "Parse Server 2's function, called without new",
      files: {
        'package.json': pkg('^2.8.4'),
        'app.js': "var ParseServer = require('parse-server').ParseServer;\nvar api = ParseServer({\n  appId: process.env.APP_ID,\n  masterKeyIps: ['10.0.0.4'],\n  allowClientClassCreation: true\n});\n",
      },
      errors: [{ messageId: 'clientClassCreation', line: 5 }],
    },
    {
      name: 'master key from anywhere and class creation on',
      files: server('^7.3.0', "  masterKeyIps: ['0.0.0.0/0', '::/0'],\n  allowClientClassCreation: true,\n  enableAnonymousUsers: true,"),
      errors: [
        { messageId: 'masterKeyIpsOpen', line: 4 },
        { messageId: 'clientClassCreation', line: 5 },
        { messageId: 'anonymousUsers', line: 6 },
      ],
    },
    {
      name: 'Parse Server 5 defaults, options in a variable',
      files: {
        'package.json': pkg('~5.4.0'),
        'index.js': "const { ParseServer } = require('parse-server');\nconst config = { appId: 'x', serverURL: process.env.URL };\nconst api = new ParseServer(config);\n",
      },
      errors: [
        { messageId: 'clientClassCreationDefault', line: 3 },
        { messageId: 'masterKeyIpsDefault', line: 3 },
      ],
    },
    {
      name: 'Parse Server 6 still allows client class creation by default',
      files: { 'package.json': pkg('6.4.0'), 'server.js': "import { ParseServer } from 'parse-server';\nParseServer.startApp({ appId: 'x', masterKeyIps: ['127.0.0.1'] });\n" },
      errors: [{ messageId: 'clientClassCreationDefault', line: 2 }],
    },
  ],
});
