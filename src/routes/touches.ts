import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { memberPath, propertyName, staticString } from '../engine/ast-utils.js';
import type { AstNode } from '../parse/types.js';
import { chainOf, fileTest, shorten, textOf, unwrap, type ChainStep } from './ast.js';
import { DENO_KV_NAME, ENTITY_MANAGER, originOf, propertyValue, resolve, sqlInsertColumns, type Aliases } from './filters.js';
import type { Touch } from './types.js';

/** Firebase Admin's account calls, reads first: the Supabase client's own `auth.getUser()`/`updateUser()` (the caller's) are not among them. */
const FIREBASE_ACCOUNTS = /^(?:(listUsers|getUsers|getUserByEmail|getUserByPhoneNumber)|createUser|deleteUser|deleteUsers|importUsers|revokeRefreshTokens)$/;
const FIREBASE_ADMIN = /firebase-admin/;
const PRISMA_WRITE = new Set(['create', 'createMany', 'createManyAndReturn', 'update', 'updateMany', 'upsert', 'delete', 'deleteMany']);
/** Names a Prisma client goes by: `prisma`, `db`, a transaction's `tx`, `prismaService`, `databaseService`, `dbClient`. */
const PRISMA_CLIENT = /^(?:prisma\w*|\w+Prisma|db|tx|trx|database(?:Service|Client)?|db(?:Service|Client))$/i;
/** Reads that return records. A count (`count`, `countDocuments`) says how many, not what: it is not a touch. */
const PRISMA_READ = new Set(['findMany', 'findUnique', 'findUniqueOrThrow', 'findFirst', 'findFirstOrThrow', 'aggregate', 'groupBy']);
const MODEL_WRITE = new Set([
  'create', 'insertMany', 'bulkCreate', 'findByIdAndUpdate', 'findOneAndUpdate', 'findOneAndReplace', 'findByIdAndDelete', 'findByIdAndRemove',
  'findOneAndDelete', 'findOneAndRemove', 'updateOne', 'updateMany', 'replaceOne', 'deleteOne', 'deleteMany', 'destroy', 'update', 'upsert',
  'insert', 'save', 'remove', 'delete', 'increment', 'decrement', 'insertOne', 'findOrCreate',
]);
/** Objection.js query-builder methods that write. */
const OBJECTION_WRITE = new Set(['del', 'insert', 'insertAndFetch', 'insertGraph', 'insertGraphAndFetch', 'update', 'updateAndFetch', 'updateAndFetchById', 'patch', 'patchAndFetch', 'patchAndFetchById', 'delete', 'deleteById', 'upsertGraph', 'upsertGraphAndFetch', 'relate', 'unrelate', 'increment', 'decrement']);
const MONGO_WRITE = ['insertOne', 'insertMany', 'updateOne', 'updateMany', 'deleteOne', 'deleteMany', 'replaceOne', 'findOneAndUpdate', 'findOneAndDelete', 'findOneAndReplace', 'bulkWrite'];
/** Lower-case receivers of `findOne`/`updateOne` that are not MongoDB collections. */
const NOT_COLLECTIONS = /^(?:this|self|array|arr|list|items|lodash|_|res|response|req|request|ctx|cache|map|state)$/i;
/** An entity manager's writes that take the entity class first. */
const ENTITY_MANAGER_WRITE = new Set(['insert', 'update', 'upsert', 'delete', 'softDelete', 'restore', 'increment', 'decrement', 'nativeInsert', 'nativeUpdate', 'nativeDelete', 'insertMany', 'create', 'save', 'remove']);
const MODEL_READ = new Set(['find', 'findOne', 'findById', 'findOrFail', 'findByOrFail', 'findOneOrFail', 'findOneByOrFail', 'findAll', 'findByPk', 'findAndCountAll', 'aggregate', 'findOneBy', 'findBy', 'findAndCount', 'findMany']);
const NOT_MODELS = new Set([
  'Object', 'Array', 'JSON', 'Math', 'Promise', 'Date', 'Response', 'NextResponse', 'Request', 'Headers', 'Buffer', 'Number', 'String', 'Reflect',
  'Map', 'Set', 'WeakMap', 'URL', 'URLSearchParams', 'Intl', 'Symbol', 'Error', 'Parse', 'Stripe', 'Sentry', 'React', 'Deno', 'Bun', 'Atomics', 'Proxy',
  'Reflect', 'Crypto', 'FormData', 'Blob', 'File', 'RegExp', 'BigInt', 'Boolean', 'Function', 'ReadableStream', 'TextEncoder', 'TextDecoder',
]);
/** What holds a database client as a field: a tRPC or Hono context, a service (`ctx.db`, `this.db`). */
const HOLDS_DB = /^(?:ctx|context|this|opts)$/;
const DB_ROOTS = /^(db|database|pg|mysql|sqlite|postgres|neon|turso|libsql|kysely|tx|trx|knex|sql|pool|client|conn|connection|prisma|drizzle|orm|em|entityManager|manager|dataSource|supabase\w*|sb|admin\w*)$/i;
const RAW_SQL_METHODS = new Set(['query', 'execute', 'run', 'all', 'get', 'one', 'many', 'none', 'any', 'oneOrNone', 'manyOrNone', 'exec', '$queryRaw', '$executeRaw', '$queryRawUnsafe', '$executeRawUnsafe', 'unsafe', 'queryObject', 'queryArray']);
const SQL_WRITE = /^\s*(insert|update|delete|upsert|merge|replace|alter|drop|truncate|create)\b/i;
const SQL_READ = /^\s*(select|with)\b/i;
/** A constant holding a statement, named for what it does and to which table: `DELETE_USER`, `GET_POSTS_BY_AUTHOR`. */
const NAMED_STATEMENT = /^(INSERT|CREATE|ADD|UPDATE|DELETE|REMOVE|SELECT|GET|FIND|LIST|FETCH|COUNT)_([A-Z][A-Z0-9]*)(?:_[A-Z0-9_]*)?$/;
/** Controllers, services and routers of layered code: `UsersController.create(req, res)` runs a handler, not a model's create. */
const LAYER_NAME = /(?:Controller|Service|Handler|Router|Middleware|Helper|Utils?)$/;
const FIRESTORE_WRITE = new Set(['setDoc', 'addDoc', 'updateDoc', 'deleteDoc']);
const FIRESTORE_READ = new Set(['getDoc', 'getDocs']);
/** Firebase Realtime Database: what a reference (`db.ref('users/' + uid)`, modular `ref(db, path)`) is written and read with. */
const RTDB_WRITE = new Set(['set', 'update', 'push', 'remove', 'transaction', 'setWithPriority', 'runTransaction']);
const RTDB_READ = new Set(['once', 'get']);
/** What holds a Realtime Database: `db`, `rtdb`, `database`, `admin.database()`, `firebase.database()`. */
const RTDB_HOLDER = /^(?:db|rtdb|database|realtimeDb|realtimeDatabase|firebaseDb|adminDb|admin|firebase|firebaseAdmin)$/;
const PAYMENT_PATH = /(^|\.)(paymentIntents|charges|refunds|payouts|transfers|subscriptions|invoices|setupIntents|paymentLinks|sessions)\.(create|update|cancel|del|confirm|capture)$/;
const USER_TARGET = /^(auth\.)?(users?|profiles?|accounts?|members?|customers?|admins?|user_?profiles?|user_?roles?|roles?)$/i;
/** Tables of chat messages, whose `role` column is the speaker's (OpenAI's `user` / `assistant`). */
export const CHAT_TARGET = /messages?$|chats?$|conversations?$|prompts?$|completions?$|chat_?history$|transcripts?$|transcriptions?$/i;
export const ROLE_KEY = /^(role|roles|isAdmin|is_admin|admin|isSuperuser|is_superuser|isSuperAdmin|isStaff|is_staff|permissions|user_role|userRole|accountType|account_type)$/;

/** SDK calls that run a paid model whatever their receiver is called: chat, images, speech, embeddings. */
const AI_PATH = /(?:^|\.)(?:chat\.completions\.create|completions\.create|images\.(?:generate|edit|createVariation)|audio\.(?:transcriptions|translations|speech)\.create|embeddings\.create|createChatCompletion|createCompletion|generateContent|generateContentStream|generateImages)$/;
/** Calls that run a model when they name one (`{ model: … }`): Anthropic's `messages.create` (Twilio's has none). */
const AI_WITH_MODEL = /(?:^|\.)(?:messages\.create|messages\.stream|responses\.create|generateText|streamText|generateObject|streamObject|embed|embedMany)$/;
const LANGCHAIN_CALL = /(?:^|\.)(?:invoke|stream|batch|streamEvents|runs\.(?:wait|stream|create))$/;
const LANGCHAIN_IMPORT = /['"](?:@langchain\/[\w-]+|langchain(?:\/[\w/-]+)?)['"]/;
/** Hosts of paid model APIs, called with `fetch`: OpenAI, Anthropic, Gemini, Lovable's AI gateway, OpenRouter… */
const AI_HOST = /https:\/\/(?:api\.openai\.com|api\.anthropic\.com|generativelanguage\.googleapis\.com|ai\.gateway\.lovable\.dev|openrouter\.ai\/api|api\.groq\.com|api\.mistral\.ai|api\.deepseek\.com|api\.replicate\.com|api\.together\.xyz|api\.perplexity\.ai|api\.x\.ai|api\.elevenlabs\.io|api\.stability\.ai|api\.fireworks\.ai|api\.cohere\.(?:ai|com))/;

/** Mail APIs called with `fetch`: Resend, SendGrid, Postmark, Brevo, Mailgun. */
const MAIL_HOST = /https:\/\/(api\.resend\.com\/emails|api\.sendgrid\.com\/v3\/mail\/send|api\.postmarkapp\.com\/email|api\.brevo\.com\/v3\/smtp\/email|api\.mailgun\.net)/;
/** Mail SDK calls: Resend `emails.send`, nodemailer `sendMail`, SendGrid `send`, Postmark `sendEmail`, Mailgun `messages.create`. */
const MAIL_SDK: [RegExp, RegExp, string][] = [
  [/(?:^|\.)emails\.send$/, /['"](?:npm:)?resend(?:@[^'"]*)?['"]/, 'Resend'],
  [/(?:^|\.)sendMail$/, /['"](?:npm:)?nodemailer(?:@[^'"]*)?['"]/, 'nodemailer'],
  [/^\w*(?:sg|mail|sendgrid)\w*\.send(?:Multiple)?$/i, /['"]@sendgrid\/mail['"]/, 'SendGrid'],
  [/(?:^|\.)sendEmail$/, /['"](?:npm:)?postmark(?:@[^'"]*)?['"]/, 'Postmark'],
  [/(?:^|\.)messages\.create$/, /['"](?:npm:)?mailgun(?:\.js)?(?:@[^'"]*)?['"]/, 'Mailgun'],
];

/** The file may send e-mail. */
const mayMail = fileTest(/mail|resend|sendgrid|postmark|brevo|mailgun/i);

/** Keys of a message that say where it goes, and what it says. */
const RECIPIENT = /^(?:to|To)$/;
const CONTENT = /^(?:subject|html|text|content|react|Subject|HtmlBody|TextBody|htmlContent|textContent)$/;

/** A request value that is the text of a message: `message`, `payload.content`, `body.html`. */
const MESSAGE_TEXT = /(?:^|\.)(?:message|msg|content|text|body|html|description|comment|comments|note|notes|details)$/i;

/**
 * A mail call whose recipient and whose subject or body are fields of the request, as they came (`{ to, subject,
 * html } = await req.json()`): whoever calls the route sends any message to anyone, from the app's own domain and
 * with its mail provider's reputation. A message built from a template of the app's (a password reset, an order
 * confirmation) is not one.
 */
export function relaysMail(call: TSESTree.CallExpression, text: string, aliases: Aliases, objects?: ReadonlyMap<string, TSESTree.ObjectExpression>): boolean {
  const fromRequest = (value: AstNode): boolean => {
    let v = unwrap(value);
    if (v.type === 'ArrayExpression' && v.elements.length === 1 && v.elements[0]) v = unwrap(v.elements[0] as AstNode);
    return (v.type === 'Identifier' || v.type === 'MemberExpression') && originOf(resolve(textOf(text, v), aliases)) === 'request';
  };
  // A text written around the message the request sent (`html: \`<p>${payload.message}</p>\``, or a local holding one):
  // not a greeting with the visitor's name in it.
  const inTemplate = (value: AstNode): boolean => {
    const v = unwrap(value);
    const written = v.type === 'TemplateLiteral' ? textOf(text, v) : v.type === 'Identifier' ? aliases.get(v.name) : undefined;
    if (!written?.startsWith('`')) return false;
    return [...written.matchAll(/\$\{\s*([\w$.]+)\s*\}/g)].some((m) => MESSAGE_TEXT.test(m[1]) && originOf(resolve(m[1], aliases)) === 'request');
  };
  // The whole message as the request sent it (`transporter.sendMail(await request.json())`): recipient, sender and all.
  const first = call.arguments[0] as AstNode | undefined;
  if (first && first.type !== 'ObjectExpression' && fromRequest(first)) return true;
  const message = mailMessage(call) ?? (first?.type === 'Identifier' ? objects?.get(first.name) : undefined);
  if (!message) return false;
  let to = false;
  let content = false;
  for (const p of message.properties) {
    if (p.type !== 'Property') continue;
    const key = propertyName(p) ?? '';
    if (RECIPIENT.test(key) && fromRequest(p.value as AstNode)) to = true;
    else if (CONTENT.test(key) && (fromRequest(p.value as AstNode) || inTemplate(p.value as AstNode))) content = true;
  }
  return to && content;
}

/** The message of a mail call: its options object, or the object a `fetch` sends as JSON (`body: JSON.stringify({…})`). */
function mailMessage(call: TSESTree.CallExpression): TSESTree.ObjectExpression | undefined {
  for (const arg of call.arguments) {
    if (arg.type !== 'ObjectExpression') continue;
    const body = arg.properties.find((p) => p.type === 'Property' && propertyName(p) === 'body') as TSESTree.Property | undefined;
    if (!body) return arg;
    const json = unwrap(body.value as AstNode);
    if (json.type === 'CallExpression' && memberPath(json.callee as AstNode) === 'JSON.stringify' && json.arguments[0]?.type === 'ObjectExpression') return json.arguments[0];
  }
  return undefined;
}

/** The mail provider a call sends through, or undefined when it sends no e-mail. */
function mailCall(call: TSESTree.CallExpression, dotted: string, root: string | undefined, text: string): string | undefined {
  if (root === 'fetch' && !dotted.includes('.')) {
    const url = call.arguments[0] as AstNode | undefined;
    return url ? MAIL_HOST.exec(textOf(text, url))?.[1].split('.')[1] : undefined;
  }
  return MAIL_SDK.find(([path, module]) => path.test(dotted) && module.test(text))?.[2];
}

/** The provider a call to a paid model goes to, or undefined when the call is not one. */
function aiCall(call: TSESTree.CallExpression, dotted: string, root: string | undefined, text: string): string | undefined {
  if (root === 'fetch' && !dotted.includes('.')) {
    const url = call.arguments[0] as AstNode | undefined;
    // The URL as written, or the constant it starts with (`AI_URL`, `` `${OPENAI_BASE}/chat/completions` ``).
    const lead = url?.type === 'TemplateLiteral' && url.quasis[0]?.value.raw === '' ? url.expressions[0] : url;
    const written = lead && (lead.type === 'Identifier' ? new RegExp(`\\b${lead.name.replace(/\$/g, '\\$')}\\s*=\\s*[\`'"]([^\`'"]+)`).exec(text)?.[1] : textOf(text, lead as AstNode));
    return written ? AI_HOST.exec(written)?.[0].replace(/^https:\/\//, '') : undefined;
  }
  if (AI_PATH.test(dotted)) return root ?? dotted;
  if (AI_WITH_MODEL.test(dotted) && call.arguments[0]?.type === 'ObjectExpression' && call.arguments[0].properties.some((p) => p.type === 'Property' && p.key.type === 'Identifier' && p.key.name === 'model')) return root ?? dotted;
  // Gemini's chat sessions: `model.startChat(…).sendMessage(text)`, in a file that uses Google's SDK (Telegram bots
  // and sockets have a `sendMessage` too).
  if (/(?:^|\.)sendMessage(?:Stream)?$/.test(dotted) && /['"]@google\/(?:generative-ai|genai)['"]/.test(text)) return root ?? dotted;
  // LangChain models and chains (`model.invoke(messages)`, `chain.stream(input)`) and LangGraph deployments
  // (`client.runs.wait(thread, assistant, { input })`), in a file that imports them.
  if (LANGCHAIN_CALL.test(dotted) && LANGCHAIN_IMPORT.test(text)) return root ?? dotted;
  // Replicate: `replicate.run('owner/model:version', { input })`, `replicate.predictions.create({ version, input })`.
  if (root && /^replicate$/i.test(root) && (dotted === `${root}.run` || dotted === `${root}.stream` || dotted === `${root}.predictions.create`)) return root;
  return undefined;
}

/** Postgres functions whose names say they only read. */
const READ_RPC = /^(?:get|list|fetch|search|find|count|check|is|has|can|lookup|select)(?:_|[A-Z])/;

/** AWS SDK v3 commands on S3 objects: built to be sent, or signed into a URL the caller then uses. */
const S3_COMMAND = /^(?:(Put|Delete|Copy|CreateMultipartUpload|UploadPart)Object|(DeleteObjects)|(Get)Object|(List)Objects(?:V2)?)Command$/;
/** The environment a Worker, Hono, Astro or SvelteKit handler is given: `env`, `c.env`, `platform.env`, as a path pattern. */
export const WORKER_ENV_PATH = String.raw`(?:c|ctx|context|this|platform|event\.platform|locals\.runtime)\.env|env`;
/** A Workers binding's method, by the env it comes from: `c.env.BUCKET.put`, `env.KV.get`, `platform.env.R2.delete`. */
const WORKER_BINDING = new RegExp(String.raw`^(?:${WORKER_ENV_PATH})\.([A-Za-z_]\w*)\.(put|delete|get|list|head)$`);
/** Names people give R2 buckets; a Durable Object namespace's `get` is a stub, not a read. */
const R2_NAME = /bucket|r2|storage|(?:^|_)files?$|uploads?|assets|images|media|documents?|avatars?|blobs?/i;
const KV_NAME = /(?:^|_)kv(?:_|$)|namespace|cache|store/i;
/** DynamoDB's commands (SDK v3, `@aws-sdk/lib-dynamodb` and `client-dynamodb`), the first group set for writes. */
const DYNAMO_COMMAND = /^(?:(Put|Update|Delete|BatchWrite|TransactWrite)(?:Item)?|Get|Query|Scan|BatchGet|TransactGet)(?:Item)?Command$/;
/** A DocumentClient's methods (SDK v2) on a client named for DynamoDB. */
const DYNAMO_CLIENT_CALL = /^(?:\w+\.)*(?:\w*(?:dynamo|ddb|docClient|documentClient)\w*)\.(put|update|delete|batchWrite|transactWrite|get|query|scan|batchGet)$/i;
const DYNAMO_READ = /^(?:get|query|scan|batchGet)$/;

function dynamoTouch(write: boolean, table: string | undefined, node: AstNode, file: string, code: string): Touch {
  const target = table ?? 'DynamoDB';
  return { kind: write ? 'write' : 'read', target, userData: !!table && isUserTarget(table), roleWrite: false, file, line: node.loc.start.line, code: shorten(code) };
}

/** Vercel KV's commands (Redis's), by whether they change what is kept. */
const VERCEL_KV = /^kv\.(set|setex|hset|hmset|hsetnx|del|hdel|incr|incrby|decr|decrby|lpush|rpush|lrem|sadd|srem|zadd|zrem|expire|getdel|get|hget|hgetall|mget|lrange|smembers|zrange|sismember|exists)$/;
const KV_READ = /^(?:get|hget|hgetall|mget|lrange|smembers|zrange|sismember|exists)$/;
const DENO_KV_METHOD = /^([\w$]+)\.(get|getMany|list|set|delete)$/;

/** The kind a Deno KV key starts with: written there, or a constant of the file (`const USER = 'user'`). */
function kvKind(part: AstNode | undefined, text: string): string | undefined {
  const fixed = staticString(part);
  if (fixed !== undefined || part?.type !== 'Identifier') return fixed;
  // (Read from the text: a touch is found inside its function, without the module around it.)
  return new RegExp(`\\bconst\\s+${part.name}\\s*=\\s*['"]([\\w-]+)['"]`).exec(text)?.[1];
}
/** AWS SDK v2 S3 methods, and the operations `getSignedUrl('putObject', …)` signs. */
const S3_V2_WRITE = /^(?:putObject|upload|deleteObject|deleteObjects|copyObject|createMultipartUpload)$/;
const S3_V2_READ = /^(?:getObject|listObjects|listObjectsV2)$/;

/** Cloudinary's SDK calls that store, rename or delete files in the account. */
const CLOUDINARY_WRITE = /^(?:cloudinary|cld)\w*(?:\.v2)?\.(?:uploader\.(?:upload|upload_stream|upload_large|unsigned_upload|destroy|rename|explicit)|api\.delete_(?:resources|resources_by_prefix|resources_by_tag|all_resources))$/i;

/**
 * `new PutObjectCommand({ Bucket: 'uploads', Key })`, `s3.getSignedUrl('putObject', params)`: a file stored,
 * replaced, deleted or read in an S3 bucket (or an S3-compatible one: R2, Spaces, MinIO), as `storage:<bucket>`.
 * A presigned URL counts as the operation it signs: whoever gets the URL does it. Also the other stores kept beside
 * a database: Workers bindings (R2, KV), Vercel KV, DynamoDB (its commands and DocumentClient calls) and Cloudinary.
 */
export function storageTouch(node: TSESTree.NewExpression | TSESTree.CallExpression, text: string, file: string): Touch | undefined {
  let write: boolean;
  let params: AstNode | undefined;
  if (node.type === 'NewExpression') {
    // DynamoDB's commands (`new PutCommand({ TableName: 'notes', Item })`): a record written or read.
    const dynamo = node.callee.type === 'Identifier' ? DYNAMO_COMMAND.exec(node.callee.name) : null;
    if (dynamo) {
      const params = node.arguments[0] as AstNode | undefined;
      const table = params?.type === 'ObjectExpression' ? staticString(propertyValue(params, 'TableName')) : undefined;
      return dynamoTouch(!!dynamo[1], table, node, file, `new ${node.callee.type === 'Identifier' ? node.callee.name : 'Command'}`);
    }
    const m = node.callee.type === 'Identifier' ? S3_COMMAND.exec(node.callee.name) : null;
    if (!m) return undefined;
    write = !!(m[1] || m[2]);
    params = node.arguments[0] as AstNode | undefined;
  } else {
    // Cloudflare Workers' bindings: an R2 bucket (`c.env.MY_BUCKET.put(key, body)`) or a KV namespace (`env.KV.put(…)`).
    const binding = WORKER_BINDING.exec(memberPath(node.callee as AstNode) ?? '');
    if (binding) {
      const [, name, operation] = binding;
      const bucket = R2_NAME.test(name);
      const writes = operation === 'put' || operation === 'delete';
      if (!bucket && !(KV_NAME.test(name) && writes)) return undefined;
      return { kind: writes ? 'write' : 'read', target: `${bucket ? 'storage' : 'kv'}:${name}`, userData: false, roleWrite: false, file, line: node.loc.start.line, code: shorten(textOf(text, node.callee as AstNode)) };
    }
    // Vercel KV (`import { kv } from '@vercel/kv'`), kept as a database: `kv.hset(\`user:${id}\`, { plan })`, `kv.get(key)`.
    const kvCall = VERCEL_KV.exec(memberPath(node.callee as AstNode) ?? '');
    if (kvCall && text.includes('@vercel/kv')) {
      const key = node.arguments[0] as AstNode | undefined;
      const prefix = key?.type === 'TemplateLiteral' ? key.quasis[0]?.value.cooked : staticString(key);
      const target = /^([A-Za-z_][\w-]*)[:/]/.exec(prefix ?? '')?.[1];
      const write = !KV_READ.test(kvCall[1]);
      return { kind: write ? 'write' : 'read', target: `kv:${target ?? 'keys'}`, userData: !!target && isUserTarget(target), roleWrite: false, file, line: node.loc.start.line, code: shorten(textOf(text, node.callee as AstNode)) };
    }
    // Deno KV (`const kv = await Deno.openKv()`): keys are arrays whose first part names the kind of record,
    // `kv.set(['memos', user.id, id], memo)`, `kv.list({ prefix: ['memos', uid] })`.
    // (Or one step of an atomic operation: `kv.atomic().check(entry).set(key, value).commit()`.)
    const kvChain = chainOf(node);
    const atomicStep = kvChain.steps.length > 1 && kvChain.steps[0].name === 'atomic' && /^(?:set|delete|sum)$/.test(kvChain.steps[kvChain.steps.length - 1].name) && DENO_KV_NAME.test(kvChain.root ?? '');
    const called = DENO_KV_METHOD.exec(memberPath(node.callee as AstNode) ?? '');
    const denoKv = atomicStep ? [kvChain.root!, kvChain.steps[kvChain.steps.length - 1].name] : called && DENO_KV_NAME.test(called[1]) ? [called[1], called[2]] : undefined;
    if (denoKv && (text.includes('Deno.openKv') || text.includes('Deno.Kv'))) {
      const first = node.arguments[0] as AstNode | undefined;
      const key = first?.type === 'ObjectExpression' ? propertyValue(first, 'prefix') : first;
      const head = key?.type === 'ArrayExpression' ? kvKind(key.elements[0] as AstNode | undefined, text) : undefined;
      const write = !/^(?:get|getMany|list)$/.test(denoKv[1]);
      return { kind: write ? 'write' : 'read', target: `kv:${head ?? 'keys'}`, userData: !!head && isUserTarget(head), roleWrite: false, file, line: node.loc.start.line, code: shorten(textOf(text, node.callee as AstNode)) };
    }
    // DynamoDB's DocumentClient (SDK v2): `docClient.put({ TableName, Item }).promise()`, `dynamo.query(params)`.
    const doc = DYNAMO_CLIENT_CALL.exec(memberPath(node.callee as AstNode) ?? '');
    if (doc) {
      const params = node.arguments[0] as AstNode | undefined;
      const table = params?.type === 'ObjectExpression' ? staticString(propertyValue(params, 'TableName')) : undefined;
      return dynamoTouch(!DYNAMO_READ.test(doc[1]), table, node, file, memberPath(node.callee as AstNode)!);
    }
    // Cloudinary: `cloudinary.uploader.upload(file)`, `cloudinary.v2.uploader.destroy(publicId)`, `cloudinary.api.delete_resources(ids)`.
    const path = memberPath(node.callee as AstNode) ?? '';
    if (CLOUDINARY_WRITE.test(path)) return { kind: 'write', target: 'storage:cloudinary', userData: false, roleWrite: false, file, line: node.loc.start.line, code: shorten(path) };
    const { root, steps } = chainOf(node);
    const last = steps[steps.length - 1]?.name ?? '';
    if (!root || !/s3|bucket|storage|r2|spaces|minio/i.test(root) || steps.length !== 1) return undefined;
    const signed = /^getSignedUrl(?:Promise)?$/.test(last) ? staticString(node.arguments[0] as AstNode) : undefined;
    const operation = signed ?? last;
    if (!S3_V2_WRITE.test(operation) && !S3_V2_READ.test(operation)) return undefined;
    write = S3_V2_WRITE.test(operation);
    params = node.arguments[signed ? 1 : 0] as AstNode | undefined;
  }
  const bucket = params?.type === 'ObjectExpression' ? staticString(propertyValue(params, 'Bucket')) : undefined;
  return { kind: write ? 'write' : 'read', target: `storage:${bucket ?? 'S3'}`, userData: false, roleWrite: false, file, line: node.loc.start.line, code: shorten(node.type === 'NewExpression' ? `new ${textOf(text, node.callee as AstNode)}` : textOf(text, node.callee as AstNode)) };
}

/** Clerk's Backend API calls on its users (`clerkClient.users.updateUserMetadata`), in files that use Clerk. */
const CLERK_USERS = /^(?:updateUserMetadata|updateUser|deleteUser|createUser|banUser|lockUser|getUser|getUserList)$/;
const usesClerk = fileTest(/@clerk\//);

/** A table, model or collection of user accounts or profiles (`users`, `auth.users`, `Profile`). */
export function isUserTarget(target: string): boolean {
  // A model kept under a name that says so: `userModel`, `UserSchema`, `usersCollection`.
  return USER_TARGET.test(target.replace(/^.*\./, '').replace(/(?<=.)(?:Model|Schema|Collection|Repository|Repo|Entity|Table)$/, ''));
}

/** Files that define Convex functions, whose `ctx.db` is Convex's document store. */
const convexFile = fileTest(/_generated\/server|from\s+['"]convex\/|convex-helpers/);
/** Convex's document methods, and the calls that end a query with its documents. */
const CONVEX_WRITE = new Set(['insert', 'patch', 'replace', 'delete']);
export const CONVEX_QUERY_END = new Set(['collect', 'first', 'unique', 'take', 'paginate']);

/** The table a Convex document id names by its own name (`args.taskId` → `task`), when it names one. */
export function tableOfId(id: AstNode | undefined): string | undefined {
  return /([A-Za-z][A-Za-z0-9]*?)_?Id$/.exec(memberPath(id) ?? '')?.[1];
}

/**
 * Convex: `ctx.db.insert('tasks', {…})`, `ctx.db.patch(id, {…})`, `ctx.db.get(id)`, `ctx.db.query('tasks')….collect()`.
 * A document named by its id alone (`ctx.db.delete(args.taskId)`) is in the table the id's name says, when it says
 * one; the newer forms name the table first (`ctx.db.patch('tasks', id, {…})`).
 */
function convexTouch(call: TSESTree.CallExpression, root: string | undefined, steps: ChainStep[], text: string, make: (kind: Touch['kind'], target?: string) => Touch): Touch | undefined {
  // File storage: `ctx.storage.generateUploadUrl()` hands whoever calls a URL to upload to; `delete` removes a file.
  if (steps.length === 2 && steps[0].name === 'storage' && (steps[1].name === 'generateUploadUrl' || steps[1].name === 'delete') && convexFile(text)) return make('write', 'storage:convex');
  const at = root === 'db' ? 0 : steps[0]?.name === 'db' ? 1 : -1;
  const op = steps[at];
  if (at < 0 || !op?.args || !convexFile(text)) return undefined;
  const table = staticString(op.args[0] as AstNode);
  if (op.name === 'query') return table !== undefined && steps.length > at + 1 && CONVEX_QUERY_END.has(steps[steps.length - 1].name) ? make('read', table) : undefined;
  if (steps.length !== at + 1 || (!CONVEX_WRITE.has(op.name) && op.name !== 'get')) return undefined;
  if (op.name === 'insert' && table === undefined) return undefined;
  const id = op.name === 'insert' ? undefined : (op.args[table !== undefined && op.args.length > 1 ? 1 : 0] as AstNode | undefined);
  const target = op.name !== 'insert' && (table === undefined || op.args.length < 2) ? tableOfId(id) : table;
  return make(op.name === 'get' ? 'read' : 'write', target);
}

/** What a function's local constants hold, by name, for the calls that use them. */
export interface LocalValues {
  /** Text written out first (`const q = \`SELECT … FROM users …\`; pool.query(q)`). */
  texts: ReadonlyMap<string, AstNode>;
  /** Document and collection references (`const ref = db.collection('users').doc(uid)`, `doc(db, 'users', uid)`). */
  refs: ReadonlyMap<string, AstNode>;
}

/** A reference to a Firestore or MongoDB collection or document, made to be used later (what `LocalValues.refs` holds). */
export function isStoreReference(init: AstNode): boolean {
  if (init.type !== 'CallExpression') return false;
  const { root, steps } = chainOf(init);
  if (steps.some((s) => s.name === 'collection' || s.name === 'doc') || (steps.length === 0 && (root === 'doc' || root === 'collection'))) return true;
  return rtdbPath(init) !== undefined;
}

/** A callee for messages, cut short in the middle when long so that the method it calls stays: `db.collection(…)….add`. */
function shortenCallee(code: string): string {
  const one = shorten(code, Number.MAX_SAFE_INTEGER);
  const method = /\.[\w$]{1,30}$/.exec(one)?.[0];
  return one.length > 60 && method ? `${one.slice(0, 59 - method.length)}…${method}` : shorten(one);
}

/**
 * The ids of the documents a Firestore subcollection is under, for a call on it: `uid` of
 * `db.collection('users').doc(uid).collection('notifications').doc(id).delete()`, also through a reference kept
 * in a variable. Whose they are says whose the records below them are.
 */
export function parentDocuments(call: TSESTree.CallExpression, locals?: LocalValues): AstNode[] {
  const chain = chainOf(call);
  const ref = chain.root !== undefined ? locals?.refs.get(chain.root) : undefined;
  const steps = ref ? [...chainOf(ref).steps, ...chain.steps] : chain.steps;
  let lastCollection = -1;
  steps.forEach((s, i) => {
    if (s.name === 'collection') lastCollection = i;
  });
  return steps.slice(0, Math.max(0, lastCollection)).flatMap((s) => (s.name === 'doc' && s.args?.length === 1 ? [s.args[0] as AstNode] : []));
}

/**
 * The path of a Realtime Database reference a call makes: `db.ref('users/' + uid)`, `admin.database().ref(…)`,
 * modular `ref(db, \`users/${uid}\`)`. Undefined for anything else (a Storage reference, Vue's `ref(0)`).
 */
function rtdbPath(call: AstNode | undefined): AstNode | undefined {
  if (call?.type !== 'CallExpression') return undefined;
  const { root, steps } = chainOf(call);
  if (steps.length === 0) return root === 'ref' && call.arguments.length === 2 && call.arguments[0].type === 'Identifier' && RTDB_HOLDER.test(call.arguments[0].name) ? (call.arguments[1] as AstNode) : undefined;
  const last = steps[steps.length - 1];
  const names = steps.map((s) => s.name);
  if (last.name !== 'ref' || !last.args?.length || names.includes('storage')) return undefined;
  return RTDB_HOLDER.test(root ?? '') || names.includes('database') ? (last.args[0] as AstNode) : undefined;
}

/** The top-level node a Realtime Database path names: `users` of `users/${uid}/credits`. */
function rtdbTarget(path: AstNode): string | undefined {
  const text = path.type === 'TemplateLiteral' ? path.quasis[0].value.cooked ?? '' : path.type === 'BinaryExpression' ? staticString(path.left as AstNode) ?? '' : staticString(path) ?? '';
  return /^\/?([A-Za-z_$][\w$-]*)/.exec(text)?.[1];
}

/** Columns a user's public profile shows: a read that picks only these returns nothing private. */
const PUBLIC_PROFILE_FIELD = /^(?:_?id|name|username|user_?name|display_?name|handle|slug|avatar|avatar_?url|image|image_?url|picture|photo_?url|bio|created_?at)$/i;

/** `findFirst({ columns: { id: true, name: true } })`, `findUnique({ select: { name: true, image: true } })`: only public profile columns. */
function publicProfileColumns(call: TSESTree.CallExpression): boolean {
  const options = call.arguments[0];
  if (options?.type !== 'ObjectExpression') return false;
  const pick = options.properties.find((p): p is TSESTree.Property => p.type === 'Property' && /^(?:columns|select)$/.test(propertyName(p) ?? ''));
  if (pick?.value.type !== 'ObjectExpression' || pick.value.properties.length === 0) return false;
  const hasRelation = options.properties.some((p) => p.type === 'Property' && /^(?:with|include)$/.test(propertyName(p) ?? ''));
  return !hasRelation && pick.value.properties.every((p) => p.type === 'Property' && PUBLIC_PROFILE_FIELD.test(propertyName(p) ?? '') && !(p.value.type === 'ObjectExpression'));
}

/** `$app` (and `$app.dao()` before v0.23) methods of PocketBase's hooks that read records, or write them. */
const POCKETBASE_APP = /^(?:(findRecordById|findRecordsByIds|findRecordsByFilter|findFirstRecordByData|findFirstRecordByFilter|findAllRecords|findAuthRecordByEmail|countRecords)|save|saveRecord|delete|deleteRecord)$/;

/** The collection of the record a hook saves: `$app.findRecordById("marks", id)` or `new Record(collection)` it was made by. */
function pocketBaseRecordCollection(call: TSESTree.CallExpression, text: string): string | undefined {
  const arg = call.arguments[0];
  if (arg?.type !== 'Identifier') return undefined;
  // Looked for in the text just before the call (a handler's own lines), not the whole file for every call.
  const before = text.slice(Math.max(0, call.range[0] - 4000), call.range[0]);
  const made = new RegExp(`\\b${arg.name.replace(/\$/g, '\\$')}\\s*=\\s*\\$app(?:\\.dao\\(\\))?\\.find\\w*\\(\\s*['"\`]([\\w-]+)['"\`]`).exec(before);
  return made?.[1];
}

/** The file imports Appwrite's SDK (asked once per file, however many calls). */
const usesAppwrite = fileTest(/['"`](?:node-appwrite|appwrite)['"`]/);
const APPWRITE_DOCUMENTS = /^(?:(create|update|upsert|delete|increment\w*|decrement\w*)(?:Document|Documents|Row|Rows|DocumentAttribute|RowColumn)|(list|get)(?:Documents|Document|Rows|Row))$/;
const APPWRITE_USERS = /^(?:(create\w*|delete\w*|update\w*)|(list|get|listSessions|getPrefs))$/;
const APPWRITE_FILES = /^(?:(createFile|updateFile|deleteFile)|(listFiles|getFile\w*))$/;

/** `databases.createDocument(db, 'posts', id, data)`, `users.delete(id)`, `storage.createFile(bucket, id, file)` through node-appwrite. */
function appwriteTouch(call: TSESTree.CallExpression, root: string, method: string, make: (kind: Touch['kind'], target?: string) => Touch): Touch | undefined {
  const docs = /^(?:databases|database|db|tablesDB|tables)$/i.test(root) ? APPWRITE_DOCUMENTS.exec(method) : undefined;
  if (docs) return make(docs[1] ? 'write' : 'read', staticString(call.arguments[1] as AstNode) ?? 'documents');
  const users = /^(?:users|appwriteUsers|usersApi)$/i.test(root) ? APPWRITE_USERS.exec(method) : undefined;
  if (users) return make(users[1] ? 'write' : 'read', 'auth.users');
  const files = /^(?:storage|bucket|appwriteStorage)$/i.test(root) ? APPWRITE_FILES.exec(method) : undefined;
  if (files) return make(files[1] ? 'write' : 'read', 'storage:appwrite');
  return undefined;
}

const VIEW_COUNTER = /^(?:views?|view_?count|views_?count|visits?|visit_?count|visits_?count|impressions?|clicks?|click_?count|plays?|play_?count|hits|read_?count)$/i;

/** A write that only adds one to a view counter: Prisma's `data: { views: { increment: 1 } }`, MongoDB's `{ $inc: { views: 1 } }`. */
export function countsViewOnly(call: TSESTree.CallExpression): boolean {
  const one = (v: AstNode | undefined) => v?.type === 'Literal' && v.value === 1;
  const onlyCounters = (o: AstNode | undefined, value: (v: AstNode) => boolean) =>
    o?.type === 'ObjectExpression' && o.properties.length > 0 && o.properties.every((p) => p.type === 'Property' && VIEW_COUNTER.test(propertyName(p) ?? '') && value(p.value as AstNode));
  for (const arg of call.arguments) {
    if (arg.type !== 'ObjectExpression') continue;
    const data = arg.properties.find((p): p is TSESTree.Property => p.type === 'Property' && (propertyName(p) === 'data' || propertyName(p) === '$inc'));
    if (!data || arg.properties.some((p) => p.type === 'Property' && p !== data && propertyName(p) !== 'where')) continue;
    if (propertyName(data) === '$inc') return onlyCounters(data.value as AstNode, one);
    return onlyCounters(data.value as AstNode, (v) => v.type === 'ObjectExpression' && v.properties.length === 1 && v.properties[0].type === 'Property' && propertyName(v.properties[0]) === 'increment' && one(v.properties[0].value as AstNode));
  }
  return false;
}

/** Payments the visitor completes on the provider's page, with their own card. */
const PAYER_PAYS = /(?:^|\.)(?:checkout\.sessions|paymentLinks|paymentIntents)\.create$/;
/** Keys of a payment's parameters that name an account: a saved customer (and its cards), or a user to credit. */
const ACCOUNT_KEY = /^(?:customer|client_reference_id|on_behalf_of|transfer_data|payment_method|confirm|off_session)$/;
const ACCOUNT_NAME = /user|account|customer|owner|member|org|team|workspace|uid|email/i;

/**
 * The parameters of a payment, written out, name no account: no saved customer or card, no immediate confirmation,
 * and no user or customer in its metadata for a webhook to credit.
 */
function namesNoAccount(params: AstNode | undefined): boolean {
  if (params?.type !== 'ObjectExpression') return false;
  return params.properties.every((p) => {
    if (p.type !== 'Property') return false;
    const key = propertyName(p) ?? '';
    if (ACCOUNT_KEY.test(key)) return false;
    if (key !== 'metadata' && key !== 'subscription_data' && key !== 'payment_intent_data') return true;
    const value = p.value as AstNode;
    return value.type === 'ObjectExpression' && value.properties.every((q) => q.type === 'Property' && !ACCOUNT_NAME.test(propertyName(q) ?? '') && (propertyName(q) !== 'metadata' || namesNoAccount(q.value as AstNode)));
  });
}

/**
 * What one call does to stored data or money, or undefined when it is none of those. `chained` gives the methods
 * called on the call's result, outwards (`['where', 'patch']` for `M.query()` in `M.query().where(…).patch(…)`).
 */
export function touchOf(call: TSESTree.CallExpression, text: string, file: string, locals?: LocalValues, chained?: () => string[]): Touch | undefined {
  const chain = chainOf(call);
  // `userRef.update({ credits })` after `const userRef = db.collection('users').doc(uid)`: the chain the reference was made by, then this call.
  const ref = chain.root !== undefined ? locals?.refs.get(chain.root) : undefined;
  const made = ref ? chainOf(ref) : undefined;
  const root = made ? made.root : chain.root;
  const rootCall = made ? made.rootCall : chain.rootCall;
  const steps = made ? [...made.steps, ...chain.steps] : chain.steps;
  const last = steps[steps.length - 1];
  // The call's text is taken only for a call that touches something (most calls do not).
  const make = (kind: Touch['kind'], target?: string): Touch => ({
    kind,
    target,
    // A profile read down to what every user's page shows (`columns: { id: true, name: true }`) is not user data.
    userData: !!target && isUserTarget(target) && !(kind === 'read' && publicProfileColumns(call)),
    // A chat message's `role` (`user`, `assistant`) says who wrote it, and grants nothing.
    roleWrite: kind === 'write' && !CHAT_TARGET.test(target ?? '') && writesRole(call, text),
    file,
    line: call.loc.start.line,
    code: shortenCallee(textOf(text, call.callee as AstNode).replace(/\([^()]{40,}\)/g, '(…)')),
  });
  const names = steps.map((s) => s.name);
  const dotted = [root ?? '', ...names].join('.');

  const provider = aiCall(call, dotted, root, text);
  // `fetch` alone says nothing: name the model API it calls.
  if (provider) return root === 'fetch' ? { ...make('ai', provider), code: `fetch(https://${provider}/…)` } : make('ai', provider);
  const mailer = mayMail(text) ? mailCall(call, dotted, root, text) : undefined;
  if (mailer) return make('email', mailer);
  // Firestore modular API and the raw-SQL tag forms have no member chain.
  if (!last) {
    // `updateDoc(ref, …)` after `const ref = doc(db, 'users', uid)`.
    const first = call.arguments[0] as AstNode | undefined;
    // Realtime Database, modular: `set(ref(db, 'users/' + uid), …)`, `update(userRef, …)`, `get(userRef)`.
    const rtdb = root && (RTDB_WRITE.has(root) || RTDB_READ.has(root)) ? rtdbPath(first?.type === 'Identifier' ? locals?.refs.get(first.name) : first) : undefined;
    if (rtdb) return make(RTDB_WRITE.has(root!) ? 'write' : 'read', rtdbTarget(rtdb));
    const target = () => collectionArg(first?.type === 'Identifier' ? (locals?.refs.get(first.name) ?? first) : first);
    if (root && FIRESTORE_WRITE.has(root)) return make('write', target());
    if (root && FIRESTORE_READ.has(root)) return make('read', target());
    return undefined;
  }
  const m = last.name;
  // A Postgres function called through Supabase (`supabase.rpc('deduct_credits', …)`): named for what it does.
  if (m === 'rpc' && steps.length === 1 && root && /supabase|admin|client|db/i.test(root)) {
    const fn = staticString(last.args?.[0] as AstNode);
    return fn ? make(READ_RPC.test(fn) ? 'read' : 'write', `${fn}()`) : undefined;
  }
  const convex = (root === 'db' || names[0] === 'db' || names[0] === 'storage') && convexTouch(call, root, steps, text, make);
  if (convex) return convex;
  if (PAYMENT_PATH.test(dotted) && (/stripe/i.test(dotted) || names.includes('checkout') || names.length >= 2)) {
    const touch = make('payment', [root ?? '', ...names.slice(0, -1)].filter(Boolean).join('.'));
    return PAYER_PAYS.test(dotted) && namesNoAccount(call.arguments[0] as AstNode | undefined) ? { ...touch, payerPresent: true } : touch;
  }
  // Supabase: .from('t').insert/update/upsert/delete/select, .storage.from('b').upload, auth.admin.*
  const fromStep = steps.find((s) => s.name === 'from' && s.args?.length);
  const fromArg = fromStep ? staticString(fromStep.args![0] as AstNode) : undefined;
  if (names.includes('auth') && names.includes('admin') && /^(deleteUser|updateUserById|createUser|inviteUserByEmail|listUsers|getUserById)$/.test(m)) {
    return make(/^(listUsers|getUserById)$/.test(m) ? 'read' : 'write', 'auth.users');
  }
  // Clerk's Backend API: `clerkClient.users.updateUserMetadata(id, { publicMetadata: { role } })`, where Clerk apps keep roles.
  if (names.includes('users') && CLERK_USERS.test(m) && usesClerk(text)) return make(/^get/.test(m) ? 'read' : 'write', 'auth.users');
  // Firebase Admin: `admin.auth().setCustomUserClaims(uid, { role })`, what every rule and token check reads as the user's role.
  if (m === 'setCustomUserClaims' && names.includes('auth')) return make('write', 'auth.users');
  // Firebase Admin's user accounts: `admin.auth().listUsers()`, `auth.deleteUser(uid)` with `auth` from a firebase-admin module.
  const accounts = FIREBASE_ACCOUNTS.exec(m);
  if (accounts && (names.includes('auth') || /^(?:auth|adminAuth|firebaseAuth)$/.test(root ?? '')) && FIREBASE_ADMIN.test(text)) return make(accounts[1] ? 'read' : 'write', 'auth.users');
  // PocketBase's hooks: `$app.findRecordById('notes', id)`, `$app.save(record)`, `$app.dao().deleteRecord(r)`, as a superuser.
  if (root === '$app') {
    const pb = POCKETBASE_APP.exec(m);
    if (pb) return make(pb[1] ? 'read' : 'write', staticString(call.arguments[0] as AstNode) ?? pocketBaseRecordCollection(call, text) ?? 'records');
  }
  // Appwrite's server SDK (an API key passes every permission): documents and rows, accounts, stored files.
  const appwrite = root && usesAppwrite(text) ? appwriteTouch(call, root, m, make) : undefined;
  if (appwrite) return appwrite;
  // (`Permission.update(Role.users())`, `Query.equal(…)`, `ID.unique()` build arguments, and touch nothing.)
  if (root && /^(?:Permission|Role|Query|ID)$/.test(root) && usesAppwrite(text)) return undefined;
  // `supabase.from(table)` with a table the code picks at run time: named by the expression.
  const fromAny = fromArg ?? (fromStep && names[0] === 'from' && root && /supabase|admin|client/i.test(root) && fromStep.args![0].type !== 'SpreadElement' ? `(${shorten(textOf(text, fromStep.args![0] as AstNode), 30)})` : undefined);
  if (fromStep && fromAny !== undefined) {
    const target = names.includes('storage') ? `storage:${fromAny}` : fromAny;
    if (['insert', 'update', 'upsert', 'delete', 'upload', 'remove', 'move', 'copy'].includes(m) || names.some((n) => ['insert', 'update', 'upsert', 'delete'].includes(n))) {
      return steps.findIndex((s) => ['insert', 'update', 'upsert', 'delete', 'upload', 'remove'].includes(s.name)) === steps.length - 1 ? make('write', target) : undefined;
    }
    if (m === 'select') return make('read', target);
    // Signed links to a bucket's files: to upload one where the link says, or to read one.
    if (names.includes('storage') && (m === 'createSignedUploadUrl' || m === 'createSignedUrl' || m === 'createSignedUrls' || m === 'download')) return make(m === 'createSignedUploadUrl' ? 'write' : 'read', target);
    return undefined;
  }
  // Drizzle: db.insert(t), db.update(t), db.delete(t); db.select().from(t); also through a context or a service's
  // field (create-t3-app's `ctx.db.insert(t)`, `this.db.select().from(t)`).
  const held = root && HOLDS_DB.test(root) && steps.length >= 2 && !steps[0].args && DB_ROOTS.test(steps[0].name) ? 1 : 0;
  if (root && (held || DB_ROOTS.test(root)) && last.args?.[0]?.type === 'Identifier') {
    const table = (last.args[0] as TSESTree.Identifier).name;
    if (steps.length === held + 1 && ['insert', 'update', 'delete'].includes(m)) return make('write', table);
    if (m === 'from' && names[held] === 'select') return make('read', table);
  }
  // An entity manager given the entity class first: TypeORM's `manager.delete(User, id)`, MikroORM's
  // `em.nativeDelete(Post, { id })` and `em.find(Post, {})` (also `this.em`, `orm.em`, a resolver's `@Ctx() { em }`).
  const manager = steps.length >= 2 ? steps[steps.length - 2].name : root;
  const entity = call.arguments[0];
  if (manager && ENTITY_MANAGER.test(manager) && entity?.type === 'Identifier' && /^[A-Z]/.test(entity.name)) {
    if (ENTITY_MANAGER_WRITE.has(m)) return make('write', entity.name);
    if (MODEL_READ.has(m) || m === 'count') return make('read', entity.name);
  }
  // knex('t').insert(…)
  if (rootCall && root && /^(knex|db|trx|database)$/.test(root) && steps.length >= 1) {
    const table = staticString(rootCall.arguments[0] as AstNode);
    if (table && ['insert', 'update', 'del', 'delete', 'upsert'].includes(m)) return make('write', table);
    if (table && ['select', 'first', 'where'].includes(m) && steps.length === 1) return make('read', table);
  }
  // Firestore admin and the MongoDB driver: db.collection('x').doc(id).set(…), db.collection('users').insertOne(…)
  // The innermost collection names it: `users/{uid}/notifications` in `db.collection('users').doc(uid).collection('notifications')`.
  const collectionStep = [...steps].reverse().find((s) => s.name === 'collection' && s.args?.length) ?? steps.find((s) => s.name === 'doc' && s.args?.length);
  if (collectionStep) {
    const target = staticString(collectionStep.args![0] as AstNode);
    if (['set', 'update', 'delete', 'add', 'create', ...MONGO_WRITE].includes(m)) return make('write', target);
    if (['get', 'find', 'findOne', 'aggregate', 'countDocuments', 'distinct'].includes(m)) return make('read', target);
    return undefined;
  }
  // Realtime Database, namespaced: `db.ref('users/' + uid).update(…)`, `userRef.transaction(…)` after `const userRef = db.ref(…)`.
  // (`db.ref('users').child(uid).update(…)` too.)
  const refAt = names.lastIndexOf('ref');
  const rtdbRef = refAt >= 0 && refAt < names.length - 1 && names.slice(refAt + 1, -1).every((n) => n === 'child') ? steps[refAt] : undefined;
  if (rtdbRef?.args?.length && (RTDB_WRITE.has(m) || RTDB_READ.has(m)) && !names.includes('storage') && (RTDB_HOLDER.test(root ?? '') || names.includes('database'))) {
    return make(RTDB_WRITE.has(m) ? 'write' : 'read', rtdbTarget(rtdbRef.args[0] as AstNode));
  }
  // Prisma: prisma.user.create, ctx.db.post.findMany, this.prisma.note.delete, `tx.post.create` in `$transaction`, and a
  // client a NestJS service is given under another name (`this.databaseService.order.findUnique`, `this.prismaService`).
  const dbIndex = [root ?? '', ...names].findIndex((n) => PRISMA_CLIENT.test(n) || (n === root && importedFromDb(n, text)));
  if (dbIndex >= 0 && steps.length >= 2) {
    const model = [root ?? '', ...names][[root ?? '', ...names].length - 2];
    if (PRISMA_WRITE.has(m)) return make('write', model);
    if (PRISMA_READ.has(m)) return make('read', model);
  }
  // Raw SQL: pool.query('INSERT …'), db.execute(sql`…`)
  // better-sqlite3 and Cloudflare D1 prepare the statement first: `env.DB.prepare(sql).bind(id).run()`, `.first()`.
  const prepared = steps.length >= 2 ? steps.find((s) => s.name === 'prepare' && s.args?.length) : undefined;
  if ((RAW_SQL_METHODS.has(m) || (prepared && m === 'first')) && root && (DB_ROOTS.test(root) || names.some((n) => DB_ROOTS.test(n)))) {
    const sqlArg = (prepared ?? last).args?.[0] as AstNode | undefined;
    // A statement written into a local constant first (`const q = \`SELECT … FROM users …\`; pool.query(q)`).
    const sqlText = sqlTextOf(sqlArg?.type === 'Identifier' ? (locals?.texts.get(sqlArg.name) ?? sqlArg) : sqlArg, text);
    if (sqlText && SQL_WRITE.test(sqlText)) {
      const touch = make('write', /\b(?:into|update|from)\s+"?([\w.]+)/i.exec(sqlText)?.[1]);
      const params = prepared ? (steps.find((s) => s.name === 'bind')?.args ?? last.args) : last.args?.[1]?.type === 'ArrayExpression' ? (last.args[1] as TSESTree.ArrayExpression).elements : undefined;
      if (!touch.roleWrite && !CHAT_TARGET.test(touch.target ?? '') && sqlSetsRole(sqlText, (params ?? []) as AstNode[], text)) touch.roleWrite = true;
      return touch;
    }
    if (sqlText && SQL_READ.test(sqlText)) return make('read', /\bfrom\s+"?([\w.]+)/i.exec(sqlText)?.[1]);
    // A statement kept in a constant named for what it does, often in a file of its own: `DELETE_USER`, `GET_ORDERS_BY_ID`.
    const named = sqlArg?.type === 'Identifier' ? NAMED_STATEMENT.exec(sqlArg.name) : null;
    if (named) return make(/^(?:SELECT|GET|FIND|LIST|FETCH|COUNT)$/.test(named[1]) ? 'read' : 'write', named[2].toLowerCase());
  }
  // Objection.js: `Cost.query().where('id', id).patch(body)`, `User.query().findById(id)`. The write is the call
  // that names it; a chain that writes nothing is a read, taken at its `query()`.
  if (root && names[0] === 'query' && /^[A-Z]/.test(root) && !NOT_MODELS.has(root) && !LAYER_NAME.test(root) && (steps[0].args?.length ?? 0) <= 1) {
    if (steps.length > 1) return OBJECTION_WRITE.has(m) ? make('write', root) : undefined;
    return chained?.().some((name) => OBJECTION_WRITE.has(name)) ? undefined : make('read', root);
  }
  // Mongoose / Sequelize / TypeORM models and repositories: User.create, this.usersRepository.save (and a model
  // the file names in lower case: `const order = require('../models/orderSchema')`).
  if (root && steps.length === 1 && (/^[A-Z]/.test(root) || projectImports(text).models.has(root)) && !NOT_MODELS.has(root) && !LAYER_NAME.test(root)) {
    if (MODEL_WRITE.has(m)) return make('write', root);
    if (MODEL_READ.has(m)) return make('read', root);
  }
  // The MongoDB driver with a collection kept in a variable (`const users = db.collection('users')`, or from a
  // helper): its own method names (`insertOne`, `findOne`, `find(q).toArray()`) say what it is.
  if (root && /^[a-z_$]/.test(root) && !NOT_COLLECTIONS.test(root)) {
    const collection = root.replace(/_?(?:collection|coll|col)$/i, '') || undefined;
    if (steps.length === 1 && MONGO_WRITE.includes(m)) return make('write', collection);
    if ((steps.length === 1 && m === 'findOne') || (steps.length === 2 && m === 'toArray' && (names[0] === 'find' || names[0] === 'aggregate'))) return make('read', collection);
  }
  const holder = steps.length >= 2 ? steps[steps.length - 2].name : root;
  if (holder && /(model|repo|repository)$/i.test(holder)) {
    const target = holder.replace(/(Model|Repo|Repository|model|repo|repository)$/, '').replace(/^_/, '') || undefined;
    if (MODEL_WRITE.has(m)) return make('write', target);
    if (MODEL_READ.has(m)) return make('read', target);
  }
  // Data-access objects named for their table: `userDb.updateUser(user)`, `ordersDao.findById(id)`.
  // (Not a database client itself: `db`, `firestoreDb`, `supabaseDb`; nor a store of cookies or sessions.)
  const dao = holder && /^[a-z][A-Za-z]*(?:Db|DB|Dao|DAO)$/.test(holder) && !/^(?:firestore|supabase|mongo|prisma|pg|sql|redis|kv|admin|app|main|local|my|the)(?:Db|DB)$/i.test(holder) ? holder.replace(/(?:Db|DB|Dao|DAO)$/, '') : undefined;
  if (dao) {
    if (/^(create|update|remove|delete|save|insert|upsert|add|set|increment|decrement|deduct|grant)/.test(m)) return make('write', dao);
    if (/^(find|get|list|search|count|read|fetch|load)/.test(m)) return make('read', dao);
  }
  // Services in layered code: this.usersService.remove(id), notesService.create(dto)
  if (holder && /service$/i.test(holder)) {
    // (`this.service.create(…)` in a generic base controller names no table.)
    const target = holder.replace(/service$/i, '').replace(/^_/, '') || undefined;
    if (/^(create|update|remove|delete|save|insert|upsert|add|destroy|patch|set|change|promote|ban|grant|revoke)/.test(m)) return make('write', target);
    if (/^(find|get|list|search|count|read|fetch|load)/.test(m)) return make('read', target);
  }
  // (Not a session ended or saved: `req.session.destroy()`, `req.session.save()`.)
  if ((m === 'save' || m === 'destroy' || m === 'saveAll' || m === 'destroyAll') && steps.length <= 2 && call.arguments.length <= 2 && !(steps.length === 2 && steps[0].name === 'session')) return make('write', root && /^[a-z]/.test(root) ? root : undefined);
  return undefined;
}

/** `import { client } from '@/db'`, `import db2 from '../lib/prisma'`: a client the project's database module exports. */
function importedFromDb(name: string, text: string): boolean {
  return projectImports(text).db.has(name);
}

/** A module of models: a models folder's, or a file named for a model or schema (`../models/orderSchema`). */
const MODEL_MODULE = /(?:^|\/)models?(?:\/|(?:\/index)?(?:\.[cm]?[jt]s)?$)|(?:model|schema)(?:\.[cm]?[jt]s)?$/i;

/**
 * The names a file imports from its database modules, and those it imports or requires whole from its models, for
 * the file last asked about (calls come file by file).
 */
let lastImports: { text: string; db: Set<string>; models: Set<string> } | undefined;
function projectImports(text: string): { db: Set<string>; models: Set<string> } {
  if (lastImports?.text !== text) {
    const db = new Set<string>();
    const models = new Set<string>();
    const locals = (list: string) => list.split(',').map((part) => part.trim().split(/\s+as\s+|\s*:\s*/).pop()!).filter((n) => /^[\w$]+$/.test(n));
    for (const m of text.matchAll(/\bimport\s+(?:\{([^}]*)\}|([\w$]+))\s+from\s+['"]([^'"]*)['"]/g)) {
      if (m[2] && MODEL_MODULE.test(m[3])) models.add(m[2]);
      // `import { user, order } from '../models'`: the models a Sequelize `models/index.js` collects.
      if (m[1] && MODEL_MODULE.test(m[3])) for (const local of locals(m[1])) models.add(local);
      if (!/prisma|(?:^|[/@])db(?:\/|$)|database/i.test(m[3])) continue;
      if (m[2]) db.add(m[2]);
      for (const part of (m[1] ?? '').split(',')) {
        const local = part.trim().split(/\s+as\s+/).pop();
        if (local) db.add(local);
      }
    }
    for (const m of text.matchAll(/\b(?:const|let|var)\s+([\w$]+)\s*=\s*require\s*\(\s*['"]([^'"]*)['"]/g)) if (MODEL_MODULE.test(m[2])) models.add(m[1]);
    for (const m of text.matchAll(/\b(?:const|let|var)\s*\{([^}]*)\}\s*=\s*require\s*\(\s*['"]([^'"]*)['"]/g)) if (MODEL_MODULE.test(m[2])) for (const local of locals(m[1])) models.add(local);
    // `const user = models.user` (or `db.user`) off a whole models module.
    for (const m of text.matchAll(/\b(?:const|let|var)\s+([\w$]+)\s*=\s*([\w$]+)\.([\w$]+)\s*[;\n]/g)) if (models.has(m[2]) && m[1] === m[3]) models.add(m[1]);
    lastImports = { text, db, models };
  }
  return lastImports;
}

function collectionArg(node: AstNode | undefined): string | undefined {
  if (!node) return undefined;
  if (node.type === 'CallExpression') {
    for (const a of node.arguments) {
      const s = staticString(a as AstNode);
      if (s) return s;
    }
  }
  return undefined;
}

/**
 * SQL run by its tag (postgres.js, Bun's `sql`, Neon's and Vercel's `sql`): `await sql\`DELETE FROM files WHERE id =
 * ${id}\``. A tagged statement handed to a call (`db.execute(sql\`…\`)`) is that call's.
 */
export function sqlTagTouch(node: TSESTree.TaggedTemplateExpression, text: string, file: string): Touch | undefined {
  if (!/^(?:sql|\w+\.sql)$/.test(memberPath(node.tag as AstNode) ?? '')) return undefined;
  const parent = (node as AstNode).parent;
  if (parent?.type === 'CallExpression' || parent?.type === 'NewExpression' || parent?.type === 'TaggedTemplateExpression' || parent?.type === 'TemplateLiteral') return undefined;
  const sqlText = sqlTextOf(node as AstNode, text) ?? '';
  const write = SQL_WRITE.test(sqlText);
  if (!write && !SQL_READ.test(sqlText)) return undefined;
  const target = (write ? /\b(?:into|update|from)\s+"?([\w.]+)/i : /\bfrom\s+"?([\w.]+)/i).exec(sqlText)?.[1];
  return {
    kind: write ? 'write' : 'read',
    target,
    userData: !!target && isUserTarget(target),
    roleWrite: write && !CHAT_TARGET.test(target ?? '') && sqlSetsRole(sqlText, node.quasi.expressions as AstNode[], text),
    file,
    line: node.loc.start.line,
    code: shorten(textOf(text, node as AstNode).replace(/\s+/g, ' ')),
  };
}

function sqlTextOf(node: AstNode | undefined, text: string): string | undefined {
  if (!node) return undefined;
  const s = staticString(node);
  if (s) return s;
  if (node.type === 'TemplateLiteral') return node.quasis.map((q) => q.value.cooked ?? '').join('?');
  if (node.type === 'TaggedTemplateExpression') return node.quasi.quasis.map((q) => q.value.cooked ?? '').join('?');
  if (node.type === 'Identifier') return undefined;
  return textOf(text, node).replace(/^[`'"]/, '');
}

/** Where a write keeps the row's fields, and where an auth provider keeps what its tokens carry (Clerk's `publicMetadata`, Supabase's `app_metadata`). */
const ROW_WRAPPER = /^(?:data|\$set|\$setOnInsert|set|create|update|values|fields|attributes|doc|document|record|row|changes|updates|publicMetadata|privateMetadata|app_metadata|appMetadata)$/;

/**
 * SQL that sets a role column from a parameter the caller chose: `INSERT INTO users (email, role) VALUES ($1, $2)`
 * or `UPDATE users SET role = ? WHERE id = ?` with `[email, req.body.role]`.
 */
function sqlSetsRole(sql: string, params: AstNode[], text: string): boolean {
  if (!params.length || !/\b(?:role|roles|is_?admin|admin|user_?role|is_?staff|is_?superuser|permissions|account_?type)\b/i.test(sql)) return false;
  const param = (placeholder: string, before: string) => params[/^\$\d+$/.test(placeholder) ? Number(placeholder.slice(1)) - 1 : (before.match(/\?/g) ?? []).length] as AstNode | undefined;
  if (sqlInsertColumns(sql, params).some(({ key, node }) => ROLE_KEY.test(key) && fromCaller(node, text))) return true;
  const set = /\bset\b([\s\S]*?)(?:\bwhere\b|$)/i.exec(sql);
  if (!set) return false;
  for (const m of set[1].matchAll(/"?(\w+)"?\s*=\s*(\$\d+|\?)/g)) {
    const at = param(m[2], sql.slice(0, set.index + 3 + (m.index ?? 0)));
    if (at && ROLE_KEY.test(m[1]) && fromCaller(at, text)) return true;
  }
  return false;
}

/**
 * Drizzle's values come in a call chained after the write: `db.insert(users).values({ …, role })`,
 * `db.update(users).set({ role: body.role })`. Whether those set a role from a non-constant value.
 */
export function chainedRoleWrite(outer: readonly { member: TSESTree.MemberExpression; call: TSESTree.CallExpression }[], target: string | undefined, text: string): boolean {
  if (CHAT_TARGET.test(target ?? '')) return false;
  return outer.some(({ member, call }) => member.property.type === 'Identifier' && /^(?:values|set)$/.test(member.property.name) && writesRole(call, text));
}

/** Whether a call's or constructor's arguments set a role from a value the caller chose (`{ role: req.body.role }`, Prisma `data`, Mongo `$set`). */
export function writesRole(call: TSESTree.CallExpression | TSESTree.NewExpression, text: string): boolean {
  let found = false;
  const visit = (node: AstNode | undefined) => {
    if (!node || found) return;
    if (node.type === 'ObjectExpression') {
      for (const p of node.properties) {
        if (p.type === 'Property') {
          const key = p.key.type === 'Identifier' ? p.key.name : staticString(p.key as AstNode);
          if (key && ROLE_KEY.test(key) && fromCaller(p.value as AstNode, text)) found = true;
          // Into the row an ORM writes (Prisma `data`, Mongo `$set`), not into a JSON column (`input: { role }`).
          else if (key && ROW_WRAPPER.test(key)) visit(p.value as AstNode);
        }
        // A spread of the request body (`{ ...req.body }`) is mass assignment, reported by its own rule.
      }
    }
  };
  for (const arg of call.arguments) visit(arg as AstNode);
  return found;
}

/** A value the caller chose: `req.body.role`, `input.role`, a destructured `role`, not a literal or a copy from a row. */
export function fromCaller(node: AstNode, text: string): boolean {
  if (isConstant(node)) return false;
  if (node.type === 'Identifier') return true;
  // `role || 'user'`, `role ?? 'user'`, `admin ? role : 'user'`: the caller's value whenever they send one.
  if (node.type === 'LogicalExpression' && node.operator !== '&&') return fromCaller(node.left as AstNode, text) || fromCaller(node.right as AstNode, text);
  if (node.type === 'ConditionalExpression') return fromCaller(node.consequent as AstNode, text) || fromCaller(node.alternate as AstNode, text);
  return /\b(req|request|body|input|params|query|data|dto|args|payload|formData|updates|changes|fields|ctx)\b/.test(textOf(text, node));
}

export function isConstant(node: AstNode): boolean {
  if (node.type === 'Literal') return true;
  if (node.type === 'TemplateLiteral') return node.expressions.length === 0;
  if (node.type === 'ArrayExpression') return node.elements.every((e) => !e || (e.type !== 'SpreadElement' && isConstant(e as AstNode)));
  if (node.type === 'UnaryExpression') return isConstant(node.argument as AstNode);
  if (node.type === 'Identifier') return /^[A-Z_]+$/.test(node.name) || node.name === 'undefined';
  if (node.type === 'MemberExpression') return /^[A-Z]/.test(textOfMember(node));
  return false;
}

function textOfMember(node: TSESTree.MemberExpression): string {
  return node.object.type === 'Identifier' ? node.object.name : '';
}
