import { ruleTester } from '../../helpers/rule-tester.js';

const PKG = '{ "name": "api", "dependencies": { "parse-server": "7.3.0" } }';
const cloud = (code: string) => ({ 'package.json': PKG, 'cloud/main.js': code });

ruleTester('parse-master-key-without-user-check', {
  valid: [
    { name: 'requireUser validator', files: cloud("Parse.Cloud.define('a', async (req) => {\n  return new Parse.Query('Order').find({ useMasterKey: true });\n}, { requireUser: true });\n") },
    { name: 'role requirement', files: cloud("Parse.Cloud.define('a', async () => {\n  return new Parse.Query('Order').find({ useMasterKey: true });\n}, { requireAnyUserRoles: ['staff'] });\n") },
    { name: 'request.user checked in the handler', files: cloud("Parse.Cloud.define('a', async (request) => {\n  if (!request.user) throw new Error('sign in');\n  return new Parse.Query('Order').find({ useMasterKey: true });\n});\n") },
    { name: 'destructured user', files: cloud("Parse.Cloud.define('a', async ({ user, params }) => {\n  if (!user) throw new Error('x');\n  return new Parse.Query('Order').get(params.id, { useMasterKey: true });\n});\n") },
    { name: 'a handler that refuses unless the caller used the master key', files: cloud("Parse.Cloud.define('health', async (request) => {\n  const { useMasterKey } = request;\n  if (!useMasterKey) throw new Parse.Error(Parse.Error.OPERATION_FORBIDDEN, 'Master key required');\n  return new Parse.Query('Folder').find({ useMasterKey: true });\n});\nParse.Cloud.define('stats', async (request) => {\n  if (!request.master) throw new Error('master only');\n  return new Parse.Query('Order').count({ useMasterKey: true });\n});\n") },
    { name: 'jobs and triggers', files: cloud("Parse.Cloud.job('nightly', async () => {\n  await new Parse.Query('Order').find({ useMasterKey: true });\n});\nParse.Cloud.afterSave('Order', async (request) => {\n  await request.object.get('customer').fetch({ useMasterKey: true });\n});\n") },
    { name: 'no master key', files: cloud("Parse.Cloud.define('menu', async () => new Parse.Query('Product').find());\n") },
    { name: 'a sign-in function, open by design', files: cloud("Parse.Cloud.define('loginStudent', async (request) => {\n  const user = await new Parse.Query('Student').equalTo('email', request.params.email).first();\n  user.set('lastLogin', new Date());\n  await user.save(null, { useMasterKey: true });\n});\n") },
  ],
  invalid: [
    {
      name: 'master key in an open function',
      files: cloud("Parse.Cloud.define('deleteOrder', async (request) => {\n  const order = await new Parse.Query('Order').get(request.params.id, { useMasterKey: true });\n  await order.destroy({ useMasterKey: true });\n});\n"),
      errors: [{ messageId: 'masterKeyWithoutUser', line: 2 }],
    },
    {
      name: 'Parse.Cloud.useMasterKey() and a validator that does not require a user',
      files: cloud("Parse.Cloud.define('stats', async (request) => {\n  Parse.Cloud.useMasterKey();\n  return new Parse.Query('_User').count();\n}, { requireUser: false, fields: ['day'] });\n"),
      errors: [{ messageId: 'masterKeyWithoutUser', line: 2 }],
    },
    {
      name: 'Cloud Code deployed to a host, with no package.json (Parse is a global there)',
      files: { 'cloud/main.js': "Parse.Cloud.define('updateUser', async (req) => {\n  const user = await new Parse.Query(Parse.User).get(req.params.id, { useMasterKey: true });\n  await user.save({ ...req.params }, { useMasterKey: true });\n});\nParse.Cloud.define('me', async (req) => {\n  if (!req.user) throw new Error('sign in');\n  return new Parse.Query('Order').equalTo('owner', req.user).find({ useMasterKey: true });\n});\n" },
      errors: [{ messageId: 'masterKeyWithoutUser', line: 2 }],
    },
  ],
});
