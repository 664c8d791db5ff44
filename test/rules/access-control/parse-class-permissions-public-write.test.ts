import { ruleTester } from '../../helpers/rule-tester.js';

const pkg = JSON.stringify({ name: 'api', dependencies: { 'parse-server': '7.3.0', express: '4.21.1' } });
const defined = (definitions: string) => ({
  'package.json': pkg,
  'index.js': `const { ParseServer } = require('parse-server');\nconst server = new ParseServer({\n  appId: process.env.APP_ID,\n  schema: {\n    definitions: [\n${definitions}\n    ],\n  },\n});\n`,
});

ruleTester('parse-class-permissions-public-write', {
  valid: [
    { name: 'public reads of a public class', files: defined("      { className: 'Post', classLevelPermissions: { find: { '*': true }, get: { '*': true }, count: { '*': true }, create: { requiresAuthentication: true } } },") },
    { name: 'writes limited to a role, addField closed', files: defined("      { className: 'Order', classLevelPermissions: { find: { requiresAuthentication: true }, update: { 'role:Staff': true }, delete: { 'role:Staff': true }, addField: {} } },") },
    { name: 'sign-up and device registration need public create', files: defined("      { className: '_User', classLevelPermissions: { create: { '*': true } } },\n      { className: '_Installation', classLevelPermissions: { create: { '*': true } } },") },
    { name: "'*': false is not public", files: defined("      { className: 'Payment', classLevelPermissions: { find: { '*': false }, update: { '*': false } } },") },
    {
      name: 'setCLP with role-only writes',
      files: { 'package.json': pkg, 'cloud/schema.js': "const schema = new Parse.Schema('Message');\nschema.setCLP({ find: { requiresAuthentication: true }, create: { requiresAuthentication: true } });\nawait schema.update();\n" },
    },
    {
      name: 'JSON schema export with safe permissions',
      files: { 'package.json': pkg, 'schema/classes.json': JSON.stringify([{ className: 'Product', fields: {}, classLevelPermissions: { find: { '*': true }, get: { '*': true }, create: { 'role:Admin': true } } }], null, 2) },
    },
    {
      name: 'a schema map keyed by class name: sign-up needs public create on _User',
      files: { 'package.json': pkg, 'scripts/schema.js': "const schemas = {\n  _User: { fields: { role: { type: 'String' } }, classLevelPermissions: { create: { '*': true } } },\n  Document: { fields: {}, classLevelPermissions: { find: { requiresAuthentication: true }, create: { 'role:Admin': true } } },\n};\nmodule.exports = schemas;\n" },
    },
    {
      name: 'CLPs in a test file',
      files: { 'package.json': pkg, 'test/schema.test.js': "const fixture = { className: 'Order', classLevelPermissions: { update: { '*': true }, addField: { '*': true } } };\n" },
    },
    {
      name: 'not a Parse project',
      files: { 'package.json': JSON.stringify({ name: 'x', dependencies: { express: '4.21.1' } }), 'x.js': "const c = { className: 'Order', classLevelPermissions: { update: { '*': true } } };\n" },
    },
  ],
  invalid: [
    {
      name: 'defined schema opening writes and addField on orders',
      files: defined("      {\n        className: 'Order',\n        classLevelPermissions: {\n          find: { '*': true },\n          update: { '*': true },\n          addField: { '*': true },\n        },\n      },"),
      errors: [
        { messageId: 'publicReadUserData', line: 9, severity: 'high' },
        { messageId: 'publicWrite', line: 10, severity: 'high' },
        { messageId: 'publicAddField', line: 11, severity: 'high' },
      ],
    },
    {
      name: 'public create on a public class is medium',
      files: defined("      { className: 'Review', classLevelPermissions: { find: { '*': true }, create: { '*': true } } },"),
      errors: [{ messageId: 'publicWrite', line: 6, severity: 'medium' }],
    },
    {
      name: 'definitions held in variables, CLP declared below',
      files: {
        'package.json': pkg,
        'schema.js': [
          "const UserProfile = { className: 'UserProfile', fields: { bio: { type: 'String' } }, classLevelPermissions: openCLP };",
          "const openCLP = { get: { '*': true }, delete: { '*': true } };",
          'module.exports = { definitions: [UserProfile] };',
          '',
        ].join('\n'),
      },
      errors: [
        { messageId: 'publicReadUserData', line: 2 },
        { messageId: 'publicWrite', line: 2 },
      ],
    },
    {
      name: 'setCLP in Cloud Code on a schema variable',
      files: {
        'package.json': pkg,
        'cloud/migrate.js': [
          "const schema = new Parse.Schema('ChatMessage');",
          'schema.setCLP({',
          "  find: { '*': true },",
          "  create: { '*': true },",
          '});',
          'await schema.save(null, { useMasterKey: true });',
          '',
        ].join('\n'),
      },
      errors: [
        { messageId: 'publicReadUserData', line: 3 },
        { messageId: 'publicWrite', line: 4 },
      ],
    },
    {
      name: 'chained new Parse.Schema().setCLP, addField only',
      files: { 'package.json': pkg, 'scripts/setup.js': "new Parse.Schema('Product').setCLP({ find: { '*': true }, addField: { '*': true } });\n" },
      errors: [{ messageId: 'publicAddField', line: 1 }],
    },
    {
      name: 'dashboard JSON export',
      files: {
        'package.json': pkg,
        'schema/export.json': [
          '{ "results": [',
          '  { "className": "Post", "classLevelPermissions": { "find": { "*": true } } },',
          '  { "className": "_Session",',
          '    "classLevelPermissions": {',
          '      "find": { "*": true },',
          '      "delete": { "*": true }',
          '    } }',
          '] }',
          '',
        ].join('\n'),
      },
      errors: [
        { messageId: 'publicReadUserData', line: 5 },
        { messageId: 'publicWrite', line: 6 },
      ],
    },
  ],
});
