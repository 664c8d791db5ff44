import { describe, expect, it } from 'vitest';
import { findingsOf, ruleTester } from '../../helpers/rule-tester.js';

const PKG = JSON.stringify({ name: 'api', dependencies: { express: '^4.21.1', pg: '^8.13.0', axios: '^1.7.7', sequelize: '^6.37.5' } });
const server = (code: string) => ({ 'package.json': PKG, 'server/index.js': code });

ruleTester('tls-verification-disabled', {
  valid: [
    { name: 'an agent that trusts a private CA', files: server("const https = require('https');\nconst fs = require('fs');\nconst agent = new https.Agent({ ca: fs.readFileSync('ca.pem') });\n") },
    { name: 'certificate checks kept on explicitly', files: server("const https = require('https');\nconst agent = new https.Agent({ rejectUnauthorized: true });\nprocess.env.NODE_TLS_REJECT_UNAUTHORIZED = '1';\n") },
    { name: 'switched off only outside production', files: server("const { Pool } = require('pg');\nif (process.env.NODE_ENV !== 'production') process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0';\nconst pool = new Pool({ ssl: process.env.NODE_ENV === 'development' ? { rejectUnauthorized: false } : true });\n") },
    { name: 'the else of a production test, and a dev flag', files: server("const https = require('https');\nconst agent = process.env.NODE_ENV === 'production' ? new https.Agent() : new https.Agent({ rejectUnauthorized: false });\nif (isDev) process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0';\n") },
    { name: 'a value decided at run time, not a literal false', files: server("const { Pool } = require('pg');\nconst pool = new Pool({ ssl: { rejectUnauthorized: process.env.DB_SSL_STRICT === 'true' } });\n") },
    { name: 'a host check that does check', files: server("const tls = require('tls');\nconst socket = tls.connect(443, 'api.example.com', { checkServerIdentity: (host, cert) => tls.checkServerIdentity(host, cert) });\n") },
    { name: 'test code', files: { 'package.json': PKG, 'test/api.test.js': "const https = require('https');\nconst agent = new https.Agent({ rejectUnauthorized: false });\n" } },
    { name: 'browser code, where the option means nothing', files: { 'package.json': JSON.stringify({ name: 'web', dependencies: { react: '^18.3.1', vite: '^5.4.0' } }), 'src/App.jsx': "export const opts = { rejectUnauthorized: false };\nexport default function App() { return null; }\n" } },
  ],
  invalid: [
    {
      name: 'NODE_TLS_REJECT_UNAUTHORIZED for the whole process',
      files: server("// a certificate error on the dev machine\nprocess.env.NODE_TLS_REJECT_UNAUTHORIZED = '0';\nrequire('./app').listen(3000);\n"),
      errors: [{ messageId: 'processWide', line: 2, severity: 'high' }],
    },
    {
      name: 'an HTTPS agent given to axios',
      files: server("const https = require('https');\nconst axios = require('axios');\nconst client = axios.create({ httpsAgent: new https.Agent({ rejectUnauthorized: false }) });\n"),
      errors: [{ messageId: 'connection', line: 3, severity: 'medium' }],
    },
    {
      name: 'the global agent, and a host check that accepts every host',
      files: server("const https = require('https');\nconst tls = require('tls');\nhttps.globalAgent.options.rejectUnauthorized = false;\nconst socket = tls.connect(443, 'api.example.com', { checkServerIdentity: () => undefined });\n"),
      errors: [
        { messageId: 'processWide', line: 3, severity: 'high' },
        { messageId: 'connection', line: 4, severity: 'medium' },
      ],
    },
    {
      name: 'database connections: pg, Sequelize, and options kept in a variable first',
      files: server("const { Pool } = require('pg');\nconst { Sequelize } = require('sequelize');\nconst pool = new Pool({ connectionString: process.env.DATABASE_URL, ssl: { rejectUnauthorized: false } });\nconst sequelize = new Sequelize(process.env.DATABASE_URL, { dialectOptions: { ssl: { require: true, rejectUnauthorized: false } } });\nconst config = { host: 'db', ssl: { rejectUnauthorized: false } };\nmodule.exports = { pool, sequelize, config };\n"),
      errors: [
        { messageId: 'database', line: 3, severity: 'low' },
        { messageId: 'database', line: 4, severity: 'low' },
        { messageId: 'database', line: 5, severity: 'low' },
      ],
    },
    {
      name: 'switched off in production only, and in a branch that also runs in a production-like setting',
      files: server("const https = require('https');\nconst { Pool } = require('pg');\nconst pool = new Pool({ ssl: process.env.NODE_ENV !== 'production' ? false : { rejectUnauthorized: false } });\nlet agent;\nif (process.env.NODE_ENV === 'development' || process.env.NODE_ENV === 'production_self') agent = new https.Agent({ rejectUnauthorized: false });\n"),
      errors: [
        { messageId: 'database', line: 3 },
        { messageId: 'connection', line: 5 },
      ],
    },
    {
      name: 'the request library’s strictSSL',
      files: server("const request = require('request');\nrequest({ url: 'https://api.example.com', strictSSL: false }, () => {});\n"),
      errors: [{ messageId: 'connection', line: 2 }],
    },
  ],
});

describe('tls-verification-disabled messages', () => {
  it('name the setting and the client it is given to', async () => {
    const [agent] = await findingsOf('tls-verification-disabled', { files: server("const https = require('https');\nconst agent = new https.Agent({ rejectUnauthorized: false });\n") });
    expect(agent.message).toContain('`rejectUnauthorized: false` makes `new https.Agent()` accept any certificate');
    const [db] = await findingsOf('tls-verification-disabled', { files: server("const { Pool } = require('pg');\nconst pool = new Pool({ ssl: { rejectUnauthorized: false } });\n") });
    expect(db.message).toContain('in the TLS options of `new Pool()` accepts any certificate');
    expect(db.message).toContain('(`ssl: { ca }`)');
  });
});
