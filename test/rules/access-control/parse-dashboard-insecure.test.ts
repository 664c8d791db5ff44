import { describe, expect, it } from 'vitest';
import { findingsOf, ruleTester } from '../../helpers/rule-tester.js';

const pkg = JSON.stringify({ name: 'api', dependencies: { 'parse-server': '7.3.0', 'parse-dashboard': '6.0.0', express: '4.21.1' } });
const APPS = "  apps: [{ serverURL: process.env.SERVER_URL, appId: process.env.APP_ID, masterKey: process.env.MASTER_KEY, appName: 'Crumb' }],";
const dashboard = (config: string, options = '') => ({
  'package.json': pkg,
  'index.js': `const ParseDashboard = require('parse-dashboard');\nconst dashboard = new ParseDashboard({\n${APPS}\n${config}\n}${options ? `, ${options}` : ''});\napp.use('/dashboard', dashboard);\n`,
});

ruleTester('parse-dashboard-insecure', {
  valid: [
    { name: 'credentials from the environment, hashed', files: dashboard('  users: [{ user: process.env.DASH_USER, pass: process.env.DASH_PASS }],\n  useEncryptedPasswords: true,', '{ cookieSessionSecret: process.env.SECRET }') },
    { name: 'bcrypt hash literal with encryption on', files: dashboard("  users: [{ user: 'ops', pass: '$2b$12$Qm1G0tq3kq8G7yXb2y1rUe6rR0Yy3oU7Zx7b7V7nQ6m8wq1Jm2G5e' }],\n  useEncryptedPasswords: true,") },
    { name: 'password from env without encryption', files: dashboard('  users: [{ user: process.env.DASH_USER, pass: process.env.DASH_PASS }],', '{ allowInsecureHTTP: false }') },
    { name: 'trustProxy instead of allowInsecureHTTP', files: dashboard('  users: [{ user: process.env.DASH_USER, pass: process.env.DASH_PASS }],\n  trustProxy: 1,') },
    { name: 'insecure HTTP only outside production', files: dashboard('  users: [{ user: process.env.DASH_USER, pass: process.env.DASH_PASS }],', "{ allowInsecureHTTP: process.env.NODE_ENV !== 'production' }") },
    { name: 'config spread from elsewhere is not judged', files: dashboard('  ...dashboardUsers,') },
    { name: 'users built by a function', files: dashboard('  users: loadUsers(),') },
    {
      name: 'standalone config file with hashed passwords',
      files: {
        'package.json': pkg,
        'parse-dashboard-config.json': JSON.stringify({ apps: [{ serverURL: 'https://api.example.com/parse', appId: 'crumb', masterKey: 'x', appName: 'Crumb' }], users: [{ user: 'ops', pass: '$2b$12$Qm1G0tq3kq8G7yXb2y1rUe6rR0Yy3oU7Zx7b7V7nQ6m8wq1Jm2G5e' }], useEncryptedPasswords: true }, null, 2),
      },
    },
    { name: 'other JSON with an apps list', files: { 'package.json': pkg, 'config/apps.json': JSON.stringify({ apps: [{ name: 'web' }] }) } },
    {
      name: 'not a Parse project',
      files: {
        'package.json': JSON.stringify({ name: 'x', dependencies: { express: '4.21.1' } }),
        'index.js': "const d = new ParseDashboard({ apps: [], users: [{ user: 'admin', pass: 'admin' }] }, { allowInsecureHTTP: true });\n",
      },
    },
  ],
  invalid: [
    {
      name: 'default credentials over plain HTTP',
      files: dashboard("  users: [{ user: 'admin', pass: 'admin' }],", '{ allowInsecureHTTP: true }'),
      errors: [
        { messageId: 'weakPassword', line: 4, severity: 'critical' },
        { messageId: 'insecureHttp', line: 5, severity: 'high' },
      ],
    },
    {
      name: 'password containing the app name, and a strong plain-text one',
      files: dashboard("  users: [\n    { user: 'owner', pass: 'crumb2024!' },\n    { user: 'ops', pass: 'v9#Lq2!wZr7@pT' },\n  ],"),
      errors: [
        { messageId: 'weakPassword', line: 5 },
        { messageId: 'plainPassword', line: 6 },
      ],
    },
    {
      name: 'module imported under another name, called without new',
      files: {
        'package.json': pkg,
        'admin.ts': [
          "import Dashboard from 'parse-dashboard';",
          "app.use('/admin', Dashboard({ apps: [{ appId: 'shop', serverURL: '/parse', masterKey: process.env.MK }], users: [{ user: 'shop', pass: 'shop2024' }] }, { allowInsecureHTTP: true }));",
          '',
        ].join('\n'),
      },
      errors: [
        { messageId: 'weakPassword', line: 2 },
        { messageId: 'insecureHttp', line: 2 },
      ],
    },
    {
      name: 'session secret in the code',
      files: dashboard('  users: [{ user: process.env.DASH_USER, pass: process.env.DASH_PASS }],', "{ cookieSessionSecret: 'keyboard cat' }"),
      errors: [{ messageId: 'sessionSecretInCode', line: 5 }],
    },
    {
      name: 'standalone config file with default and plain-text passwords',
      files: {
        'package.json': pkg,
        'parse-dashboard-config.json': [
          '{',
          '  "apps": [{ "serverURL": "https://api.example.com/parse", "appId": "crumb", "masterKey": "x", "appName": "Crumb" }],',
          '  "users": [',
          '    { "user": "admin", "pass": "password123" },',
          '    { "user": "ops", "pass": "v9#Lq2!wZr7@pT" }',
          '  ]',
          '}',
          '',
        ].join('\n'),
      },
      errors: [
        { messageId: 'weakPassword', line: 4 },
        { messageId: 'plainPassword', line: 5 },
      ],
    },
    {
      name: 'standalone config file without users',
      files: { 'package.json': pkg, 'dashboard/config.json': '{\n  "apps": [{ "serverURL": "http://localhost:1337/parse", "appId": "crumb", "masterKey": "x" }]\n}\n' },
      errors: [{ messageId: 'noUsers', line: 2 }],
    },
    {
      name: 'no users at all',
      files: dashboard("  trustProxy: 1,"),
      errors: [{ messageId: 'noUsers', line: 2 }],
    },
    {
      name: 'dev mode switches the login off (no separate no-users finding)',
      files: dashboard('', '{ dev: true, cookieSessionSecret: process.env.SECRET }'),
      errors: [{ messageId: 'devMode', line: 5 }],
    },
    {
      name: 'config and options in variables, ES module import',
      files: {
        'package.json': pkg,
        'server.mjs': [
          "import ParseDashboard from 'parse-dashboard';",
          'const options = { allowInsecureHTTP: true };',
          "const config = { apps: [], users: [{ user: 'admin', pass: 'password' }] };",
          'export const dashboard = new ParseDashboard(config, options);',
          '',
        ].join('\n'),
      },
      errors: [
        { messageId: 'insecureHttp', line: 2 },
        { messageId: 'weakPassword', line: 3 },
      ],
    },
  ],
});

describe('parse-dashboard-insecure redaction', () => {
  it('never prints the password', async () => {
    const found = await findingsOf('parse-dashboard-insecure', { files: dashboard("  users: [{ user: 'ops', pass: 'v9#Lq2!wZr7@pT' }],") });
    expect(found).toHaveLength(1);
    expect(JSON.stringify(found)).not.toContain('v9#Lq2!wZr7@pT');
    expect(found[0]!.message).toContain('`ops`');
  });
});
