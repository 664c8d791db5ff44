import { describe, expect, it } from 'vitest';
import { findingsOf } from '../helpers/rule-tester.js';
import { pkg, routesOf, summaryOf } from './helpers.js';

const SERVERLESS_YML = [
  'service: notes',
  'provider:',
  '  name: aws',
  '  runtime: nodejs20.x',
  'functions:',
  '  authorize:',
  '    handler: src/auth.handler',
  '  createNote:',
  '    handler: src/notes/create.handler',
  '    events:',
  '      - http:',
  '          method: post',
  '          path: notes',
  '          authorizer: authorize',
  '  deleteNote:',
  '    handler: src/notes/delete.main',
  '    events:',
  '      - httpApi: DELETE /notes/{id}',
  '  listNotes:',
  '    handler: src/notes/list.handler',
  '    events:',
  '      - http:',
  '          method: get',
  '          path: notes',
  '          private: true',
  '',
].join('\n');

const FILES = {
  'package.json': pkg({ '@aws-sdk/lib-dynamodb': '3.699.0', 'aws-sdk': '2.1692.0' }),
  'serverless.yml': SERVERLESS_YML,
  'src/notes/create.ts': `import { DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';\nconst db = DynamoDBDocumentClient.from(new DynamoDBClient({}));\nexport const handler = async (event) => {\n  await db.send(new PutCommand({ TableName: 'notes', Item: { userId: event.requestContext.authorizer.principalId, ...JSON.parse(event.body) } }));\n  return { statusCode: 201 };\n};\n`,
  'src/notes/delete.js': `const AWS = require('aws-sdk');\nconst docClient = new AWS.DynamoDB.DocumentClient();\nmodule.exports.main = async (event) => {\n  await docClient.delete({ TableName: 'notes', Key: { noteId: event.pathParameters.id } }).promise();\n  return { statusCode: 204 };\n};\n`,
  'src/notes/list.js': `const AWS = require('aws-sdk');\nconst docClient = new AWS.DynamoDB.DocumentClient();\nexports.handler = async () => ({ statusCode: 200, body: JSON.stringify((await docClient.scan({ TableName: 'notes' }).promise()).Items) });\n`,
};

describe('Serverless Framework services', () => {
  it("lists serverless.yml's HTTP functions at their handlers, behind the authorizer or API key an event declares", async () => {
    expect(await summaryOf(FILES)).toEqual(['DELETE /notes/:id none', 'GET /notes required', 'POST /notes required']);
    const routes = await routesOf(FILES);
    expect(routes.map((r) => `${r.method} ${r.file}:${r.line} ${r.touches.map((t) => `${t.kind}:${t.target}`).join(',')}`).sort()).toEqual([
      'DELETE src/notes/delete.js:3 write:notes',
      'GET src/notes/list.js:3 read:notes',
      'POST src/notes/create.ts:3 write:notes',
    ]);
    expect(routes.find((r) => r.method === 'POST')?.evidence).toMatch(/authorizer `authorize`/);
  });

  it('reports a DynamoDB delete that API Gateway lets anyone call', async () => {
    expect((await findingsOf('route-without-auth', { files: FILES })).map((f) => `${f.file}:${f.range.startLine} ${f.messageId}`)).toEqual(['src/notes/delete.js:3 writes']);
  });

  it("reads an AWS SAM template's Api events, with the authorizer of the event or of the template's Globals; a user id from the query string is no sign-in", async () => {
    const template = [
      'AWSTemplateFormatVersion: 2010-09-09',
      'Transform: AWS::Serverless-2016-10-31',
      'Globals:',
      '  Api:',
      '    Auth:',
      '      DefaultAuthorizer: CognitoAuth',
      'Resources:',
      '  ListNotes:',
      '    Type: AWS::Serverless::Function',
      '    Properties:',
      '      CodeUri: backend/',
      '      Handler: src/list.handler',
      '      Environment:',
      '        Variables:',
      '          TABLE: !Ref NotesTable',
      '      Events:',
      '        Api:',
      '          Type: Api',
      '          Properties:',
      '            Path: /notes',
      '            Method: GET',
      '  PublicNotes:',
      '    Type: AWS::Serverless::Function',
      '    Properties:',
      '      CodeUri: backend/',
      '      Handler: src/public.handler',
      '      Events:',
      '        Api:',
      '          Type: Api',
      '          Properties:',
      '            Path: /users/{userId}/notes',
      '            Method: GET',
      '            Auth:',
      '              Authorizer: NONE',
      '',
    ].join('\n');
    const lister = `import { DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';\nconst db = DynamoDBDocumentClient.from(new DynamoDBClient({}));\nexport const handler = async (event) => {\n  const userId = event?.queryStringParameters?.userId ?? event.pathParameters?.userId;\n  if (!userId) return { statusCode: 400 };\n  return { statusCode: 200, body: JSON.stringify(await db.send(new QueryCommand({ TableName: 'notes', KeyConditionExpression: 'userId = :u', ExpressionAttributeValues: { ':u': userId } }))) };\n};\n`;
    const files = { 'package.json': pkg({ '@aws-sdk/lib-dynamodb': '3.699.0' }), 'template.yaml': template, 'backend/src/list.mjs': lister, 'backend/src/public.mjs': lister };
    expect(await summaryOf(files)).toEqual(['GET /notes required', 'GET /users/:userId/notes none']);
  });

  it("reads the per-function configs of aws-nodejs-typescript (index.ts beside the handler), the handler wrapped by middy", async () => {
    const index = (event: string) => `import { handlerPath } from '@libs/handler-resolver';\nexport default {\n  handler: \`\${handlerPath(__dirname)}/handler.main\`,\n  events: [{ http: { method: 'delete', path: 'member/{id}', ${event} } }],\n};\n`;
    const handler = `import { middyfy } from '@libs/lambda';\nimport { removeMember } from '@libs/database';\nconst deleteMember = async (event) => {\n  await removeMember(event.pathParameters.id);\n  return { statusCode: 204 };\n};\nexport const main = middyfy(deleteMember);\n`;
    const summary = await summaryOf({
      'package.json': pkg({ '@middy/core': '5.5.1' }),
      'src/functions/open/index.ts': index('cors: true'),
      'src/functions/open/handler.ts': handler,
      'src/functions/guarded/index.ts': index(`authorizer: 'auth'`),
      'src/functions/guarded/handler.ts': handler,
    });
    expect(summary).toEqual(['DELETE /member/:id none', 'DELETE /member/:id required']);
  });
});
