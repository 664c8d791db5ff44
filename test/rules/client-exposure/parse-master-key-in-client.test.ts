import { ruleTester } from '../../helpers/rule-tester.js';

const PARSE_WEB = '{ "name": "parse-web", "dependencies": { "react-scripts": "5.0.1", "parse": "5.0.0" } }';
const PARSE_VITE = '{ "name": "parse-vite", "dependencies": { "vite": "5.4.0", "parse": "5.0.0" } }';
const PARSE_SERVER = '{ "name": "parse-api", "dependencies": { "parse-server": "7.0.0", "express": "4.19.0" } }';

ruleTester('parse-master-key-in-client', {
  valid: [
    {
      name: 'client initialised with app id and JavaScript key',
      files: { 'package.json': PARSE_WEB, 'src/parse.js': "import Parse from 'parse';\nParse.initialize(process.env.REACT_APP_PARSE_APP_ID, process.env.REACT_APP_PARSE_JS_KEY);\n" },
    },
    {
      name: 'an explicit undefined third argument',
      files: { 'package.json': PARSE_WEB, 'src/parse.js': "import Parse from 'parse';\nParse.initialize('appId', 'jsKey', undefined);\n" },
    },
    {
      name: 'Cloud Code uses the master key',
      files: {
        'package.json': PARSE_WEB,
        'cloud/main.js': "Parse.Cloud.define('wipe', async () => {\n  const q = new Parse.Query('Post');\n  const posts = await q.find({ useMasterKey: true });\n  Parse.Cloud.useMasterKey();\n});\n",
      },
    },
    {
      name: 'parse-server package',
      files: {
        'package.json': PARSE_SERVER,
        'index.js': "const { ParseServer } = require('parse-server');\nnew ParseServer({ appId: 'x', masterKey: process.env.PARSE_MASTER_KEY, serverURL: 'http://localhost:1337/parse' });\n",
      },
    },
    {
      name: 'Node server code initialising the SDK with the master key',
      files: { 'package.json': PARSE_SERVER, 'jobs/cleanup.js': "const Parse = require('parse/node');\nParse.initialize(process.env.APP_ID, undefined, process.env.PARSE_MASTER_KEY);\n" },
    },
    {
      name: 'useMasterKey: false',
      files: { 'package.json': PARSE_VITE, 'src/api.ts': "export const opts = { useMasterKey: false };\n" },
    },
    {
      name: 'a public-prefixed master key read is left to secret-in-public-env',
      files: { 'package.json': PARSE_WEB, 'src/parse.js': "import Parse from 'parse';\nParse.initialize('appId', 'jsKey', process.env.REACT_APP_PARSE_MASTER_KEY);\n" },
    },
  ],
  invalid: [
    {
      name: 'master key as the third argument',
      files: { 'package.json': PARSE_WEB, 'src/parse.js': "import Parse from 'parse';\nimport { APP_ID, JS_KEY, MASTER_KEY } from './config';\n\nParse.initialize(APP_ID, JS_KEY, MASTER_KEY);\n" },
      errors: [{ messageId: 'initializeWithMasterKey', line: 4 }],
    },
    {
      name: 'a literal master key (the same line reported once)',
      files: { 'package.json': PARSE_VITE, 'src/lib/parse.ts': "import Parse from 'parse/dist/parse.min.js';\nParse.initialize('myAppId', 'myJsKey', 'q8Zr3LmX0pT7vK2wN5yB');\n" },
      errors: [{ messageId: 'initializeWithMasterKey', line: 2 }],
    },
    {
      name: 'Parse.masterKey assignment from a non-public env var',
      files: { 'package.json': PARSE_VITE, 'src/lib/parse.ts': "import Parse from 'parse';\nParse.masterKey = import.meta.env.PARSE_MASTER_KEY;\n" },
      errors: [{ messageId: 'masterKeySet', line: 2 }],
    },
    {
      name: 'useMasterKey in client queries (once per file)',
      files: {
        'package.json': PARSE_VITE,
        'src/pages/Admin.tsx': "import Parse from 'parse';\nexport async function load() {\n  const users = await new Parse.Query(Parse.User).find({ useMasterKey: true });\n  return new Parse.Query('Order').find({ useMasterKey: true });\n}\n",
      },
      errors: [{ messageId: 'useMasterKey', line: 3 }],
    },
    {
      name: 'Parse.Cloud.useMasterKey() in the browser',
      files: { 'package.json': PARSE_WEB, 'src/admin.js': 'Parse.Cloud.useMasterKey();\n' },
      errors: [{ messageId: 'useMasterKey', line: 1 }],
    },
    {
      name: 'master key env read in React Native',
      files: { 'package.json': '{ "dependencies": { "expo": "51.0.0", "react-native": "0.74.0", "parse": "5.0.0" } }', 'lib/parse.ts': "import Parse from 'parse/react-native';\nconst key = process.env.PARSE_MASTER_KEY;\n" },
      errors: [{ messageId: 'masterKeyEnv', line: 2 }],
    },
    {
      name: 'CoreManager.set MASTER_KEY',
      files: { 'package.json': PARSE_WEB, 'src/parse.js': "import Parse from 'parse';\nParse.CoreManager.set('MASTER_KEY', window.MK);\n" },
      errors: [{ messageId: 'masterKeySet', line: 2 }],
    },
  ],
});

