import { ruleTester } from '../../helpers/rule-tester.js';

const PKG = '{ "name": "api", "dependencies": { "parse-server": "7.3.0" } }';
const cloud = (code: string) => ({ 'package.json': PKG, 'cloud/main.js': code });

ruleTester('parse-cloud-function-without-user', {
  valid: [
    { name: 'requireUser', files: cloud("Parse.Cloud.define('add', async (request) => {\n  const o = new Parse.Object('Review');\n  return o.save(null, { sessionToken: request.user.getSessionToken() });\n}, { requireUser: true });\n") },
    { name: 'request.user checked', files: cloud("Parse.Cloud.define('add', async (request) => {\n  if (!request.user) throw new Parse.Error(209, 'sign in');\n  return new Parse.Object('Review').save();\n});\n") },
    { name: 'read-only function', files: cloud("Parse.Cloud.define('menu', async () => {\n  const q = new Parse.Query('Product');\n  return q.find();\n});\n") },
    { name: 'master key use is the other rule', files: cloud("Parse.Cloud.define('wipe', async () => {\n  const all = await new Parse.Query('Log').find({ useMasterKey: true });\n  await Parse.Object.destroyAll(all, { useMasterKey: true });\n});\n") },
    {
      name: 'the request handed to helpers that check who calls',
      files: cloud("function requireUser(req) {\n  if (!req.user) throw new Parse.Error(209, 'sign in');\n  return req.user;\n}\nasync function requireRole(req, roles) {\n  const user = requireUser(req);\n  if (!roles.includes(user.get('role'))) throw new Parse.Error(119, 'forbidden');\n}\nParse.Cloud.define('approve', async (req) => {\n  await requireRole(req, ['admin']);\n  const d = await new Parse.Query('Deposit').get(req.params.id);\n  d.set('status', 'approved');\n  await d.save();\n});\nParse.Cloud.define('join', async (req) => {\n  const user = requireUser(req);\n  await new Parse.Object('Entry').save({ owner: user });\n});\n"),
    },
    { name: 'a validator function', files: cloud("Parse.Cloud.define('add', async () => new Parse.Object('Ping').save(), (req) => { if (!req.user) throw new Error('x'); });\n") },
  ],
  invalid: [
    {
      name: 'Cloud Code with a package.json that does not name Parse (Back4App provides it)',
      files: { 'package.json': '{ "name": "cloud", "dependencies": { "lodash": "4.17.21" } }', 'cloud/main.js': "Parse.Cloud.define('addReview', async (request) => {\n  const review = new Parse.Object('Review');\n  review.set('text', request.params.text);\n  return review.save();\n});\nParse.Cloud.define('myReviews', async (request) => {\n  if (!request.user) throw new Error('sign in');\n  const review = new Parse.Object('Review');\n  return review.save({ owner: request.user });\n});\n" },
      errors: [{ messageId: 'writesWithoutUser', line: 1 }],
    },
    {
      name: 'the request handed to a helper that does not say it checks anyone',
      files: cloud("Parse.Cloud.define('addReview', async (request) => {\n  logRequest(request);\n  const review = new Parse.Object('Review');\n  return review.save({ text: request.params.text });\n});\n"),
      errors: [{ messageId: 'writesWithoutUser', line: 1 }],
    },
    {
      name: 'saves without a user',
      files: cloud("// reviews\nParse.Cloud.define('addReview', async (request) => {\n  const review = new Parse.Object('Review');\n  review.set('text', request.params.text);\n  return review.save();\n});\n"),
      errors: [{ messageId: 'writesWithoutUser', line: 2 }],
    },
    {
      name: 'destroys without a user, in TypeScript',
      files: { 'package.json': PKG, 'cloud/functions.ts': "Parse.Cloud.define('removeItem', async (request: Parse.Cloud.FunctionRequest) => {\n  const item = await new Parse.Query('Item').get(request.params.id);\n  await item.destroy();\n}, { fields: { id: { required: true } } });\n" },
      errors: [{ messageId: 'writesWithoutUser', line: 1 }],
    },
  ],
});
