import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { FlowStep } from '../engine/finding.js';
import { memberPath, objectProperty, propertyName } from '../engine/ast-utils.js';
import type { PackageInfo } from '../model/types.js';
import type { AstNode } from '../parse/types.js';
import type { ImportBinding } from './modules.js';
import { own } from './sanitizers.js';
import type { Origin, RequestShape, SinkKind, SourceKind, Val } from './types.js';

/** Members of a request object that carry client input, and what their type already rules out. */
const REQUEST_MEMBERS: Record<string, readonly SinkKind[]> = {
  body: [],
  query: [],
  files: [],
  file: [],
  rawBody: [],
  data: [],
  object: [],
  input: [],
  // next-safe-action's validated input (its type is checked by the schema, its content is not).
  parsedInput: [],
  clientInput: [],
  bindArgsParsedInputs: [],
  // Always strings: no Mongo operator objects, no prototype keys.
  params: ['nosql', 'prototype-pollution'],
  headers: ['nosql', 'prototype-pollution'],
  cookies: ['nosql', 'prototype-pollution'],
  signedCookies: ['nosql', 'prototype-pollution'],
  // The request's own URL and host lead back to this site; their query and path parts do not (see URL_PARTS).
  url: ['nosql', 'prototype-pollution', 'redirect'],
  originalUrl: ['nosql', 'prototype-pollution', 'redirect'],
  path: ['nosql', 'prototype-pollution'],
  hostname: ['nosql', 'prototype-pollution', 'redirect'],
  host: ['nosql', 'prototype-pollution', 'redirect'],
  nextUrl: ['nosql', 'prototype-pollution', 'redirect'],
  searchParams: ['nosql', 'prototype-pollution'],
};

/** Parts of a URL a client writes freely: reading one from the request's own URL gives a value that can go anywhere. */
export const URL_PARTS = new Set(['searchParams', 'search', 'query', 'hash', 'pathname', 'username', 'password']);

/** Methods of a request object (Fetch Request, Hono's c.req, Express req.get) that return client input. */
const REQUEST_METHODS: Record<string, readonly SinkKind[]> = {
  json: [],
  formData: [],
  text: ['nosql', 'prototype-pollution'],
  arrayBuffer: ['nosql', 'prototype-pollution'],
  blob: ['nosql', 'prototype-pollution'],
  parseBody: [],
  // Oak before v13: `ctx.request.body({ type: 'json' }).value`.
  body: [],
  query: ['nosql', 'prototype-pollution'],
  queries: ['nosql', 'prototype-pollution'],
  param: ['nosql', 'prototype-pollution'],
  header: ['nosql', 'prototype-pollution'],
  get: ['nosql', 'prototype-pollution'],
  // Hono's validated input: its type is checked, its content is not.
  valid: ['nosql', 'prototype-pollution'],
};

/** Fields of an uploaded file (multer, multer-s3, express-fileupload, formidable) that the server sets. */
const UPLOAD_SERVER_FIELDS = new Set(['path', 'filename', 'destination', 'tempFilePath', 'filepath', 'newFilename', 'size', 'key', 'location', 'bucket', 'etag', 'encoding', 'md5', 'truncated']);

const ARCHIVE_MEMBERS = new Set(['path', 'fileName', 'entryName', 'name']);

/**
 * A `message` event (`addEventListener('message', …)`) reaches code running in a browser window, frame or worker:
 * what it starts there is the visitor's own request, file or query, not the server's, so server-side sinks are
 * out of its reach. In the page it stays dangerous (HTML, code, redirects, merges).
 */
const WINDOW_MESSAGE_SAFE_FOR: readonly SinkKind[] = ['command', 'nosql', 'path', 'sql', 'ssrf'];

/** Nested request objects: Koa's ctx.request, Hono's c.req, the `event` of SvelteKit's hook argument (`{ event, resolve }`). */
const NESTED_REQUEST = new Set(['request', 'req', 'event']);

export function sourceOrigin(kind: SourceKind, label: string, step: FlowStep, safeFor: readonly SinkKind[] = [], heuristic?: boolean): Origin {
  return { kind, label, trail: [step], safeFor: [...safeFor].sort(), heuristic };
}

/**
 * Chat-bot libraries: a file that imports one handles what users write to the bot (Telegraf, grammY,
 * node-telegram-bot-api, discord.js, Slack's Bolt).
 */
const CHAT_LIBRARY = /^(?:telegraf|grammy|node-telegram-bot-api|discord\.js|@discordjs\/[\w-]+|@slack\/bolt|@sapphire\/framework|eris|oceanic\.js|whatsapp-web\.js|tmi\.js)(?:\/|$)/;

export function importsChatLibrary(imports: ReadonlyMap<string, ImportBinding>): boolean {
  for (const b of imports.values()) if (CHAT_LIBRARY.test(b.source)) return true;
  return false;
}

/**
 * A package that depends on a chat-bot library: its helpers get the bot's updates from the handlers (`SaveText(ctx)`).
 * `ctx` is a Koa or Hono context in a package that also depends on one of those.
 */
export function chatPackage(pkg: PackageInfo | undefined): ChatConventions | undefined {
  if (!pkg) return undefined;
  // Asked for every file of the package: the answer is kept with the package.
  if (chatOfPackage.has(pkg)) return chatOfPackage.get(pkg);
  const deps = Object.keys(pkg.dependencies);
  const chat = deps.some((d) => CHAT_LIBRARY.test(d))
    ? { ctx: !deps.some((d) => /^(?:koa|@koa\/router|koa-router|hono|@hono\/[\w-]+|@nestjs\/core)$/.test(d)), imported: false }
    : undefined;
  chatOfPackage.set(pkg, chat);
  return chat;
}
const chatOfPackage = new WeakMap<PackageInfo, ChatConventions | undefined>();

/** How a file's code receives bot updates: see `chatByConvention`. */
export interface ChatConventions {
  /** A parameter named `ctx` is a bot's context (no web framework of the package shares the name). */
  ctx: boolean;
  /**
   * The file imports the library itself: parameters typed as an update (`ChatInputCommandInteraction`, Telegraf's
   * `Context`), command modules (`{ data, execute }`) and handlers registered on any client hold one.
   */
  imported: boolean;
}

/** Parts of a bot update that hold more of the update: `ctx.message`, `ctx.update.callback_query`, `interaction.options`. */
const CHAT_NESTED = new Set(['message', 'msg', 'update', 'editedMessage', 'edited_message', 'channelPost', 'channel_post', 'callbackQuery', 'callback_query', 'inlineQuery', 'inline_query', 'options', 'fields', 'command', 'event', 'action', 'view', 'shortcut', 'state', 'values']);
/** What a user writes: message text and captions, button data, inline queries, regex matches, command arguments, Slack payloads. */
const CHAT_TEXT = new Set(['text', 'content', 'cleanContent', 'caption', 'data', 'query', 'match', 'payload', 'args', 'body', 'value', 'selected_option', 'customId']);
/** Methods that return what a user typed: discord.js options and modal fields. Numbers, users and channels are Discord's. */
const CHAT_METHODS = new Set(['getString', 'getFocused', 'get', 'getTextInputValue', 'getSubcommand', 'getAttachment']);

/** Reading `members` (non-empty, static) from a request-shaped value. */
export function memberOfShape(shape: RequestShape, members: string[], step: (label: string) => FlowStep): Val | undefined {
  const first = members[0];
  if (shape.members === 'archive-entry') {
    if (!ARCHIVE_MEMBERS.has(first)) return undefined;
    const label = [shape.name, first].filter(Boolean).join('.');
    return { taint: [sourceOrigin('archive', label, step(`\`${label}\` is a file name taken from the archive`), [], shape.heuristic)] };
  }
  if (shape.members === 'event') {
    if (first !== 'data') return undefined;
    const label = [shape.name, 'data'].filter(Boolean).join('.');
    return { taint: [sourceOrigin(shape.kind, label, step(`\`${label}\` is a message from another window or client`), WINDOW_MESSAGE_SAFE_FOR, shape.heuristic)] };
  }
  if (shape.members === 'chat') {
    if (CHAT_NESTED.has(first)) {
      const inner: RequestShape = { ...shape, name: shape.name ? `${shape.name}.${first}` : first };
      return members.length === 1 ? { shape: inner } : memberOfShape(inner, members.slice(1), step);
    }
    if (!CHAT_TEXT.has(first)) return undefined;
    const label = [shape.name, ...members.slice(0, 2)].filter(Boolean).join('.');
    return { taint: [sourceOrigin(shape.kind, label, step(`\`${label}\` is what a user wrote to the bot`), [], shape.heuristic)] };
  }
  if (NESTED_REQUEST.has(first)) {
    const inner: RequestShape = { ...shape, name: shape.name ? `${shape.name}.${first}` : first };
    return members.length === 1 ? { shape: inner } : memberOfShape(inner, members.slice(1), step);
  }
  // An uploaded file's path on disk and generated name are the server's; its original name and content are not.
  if ((first === 'file' || first === 'files') && members.slice(1).some((m) => UPLOAD_SERVER_FIELDS.has(m))) return {};
  let safe = own(REQUEST_MEMBERS, first);
  if (!safe) return undefined;
  if (first === 'headers' && members[1]?.toLowerCase() === 'host') safe = [...safe, 'redirect'];
  if (members.slice(1).some((m) => URL_PARTS.has(m))) safe = safe.filter((k) => k !== 'redirect');
  const label = [shape.name, ...members.slice(0, 3)].filter(Boolean).join('.');
  const origin = sourceOrigin(shape.kind, label, step(describe(shape, label)), safe, shape.heuristic);
  // `req.nextUrl.origin`: this site's own scheme and host, as `new URL(request.url).origin` is.
  const ownSite = members.length === 2 && members[1] === 'origin' && safe.includes('redirect') ? { ownOrigin: true } : {};
  return { taint: [first === 'file' || first === 'files' ? { ...origin, upload: true } : origin], ...ownSite };
}

/** `file.path` of an uploaded file: set by the upload middleware, not by the client. */
export function isUploadServerField(key: string): boolean {
  return UPLOAD_SERVER_FIELDS.has(key);
}

/** Calling `method` on a request-shaped value: `request.json()`, `c.req.query('q')`, `req.get('host')`. */
export function methodOfShape(shape: RequestShape, method: string, step: (label: string) => FlowStep): Val | undefined {
  if (shape.members === 'chat') {
    if (!CHAT_METHODS.has(method)) return undefined;
    const label = `${shape.name}.${method}()`;
    return { taint: [sourceOrigin(shape.kind, label, step(`\`${label}\` returns what a user wrote to the bot`), [], shape.heuristic)] };
  }
  if (shape.members && shape.members !== 'request') return undefined;
  const safe = own(REQUEST_METHODS, method);
  if (!safe) return undefined;
  const label = `${shape.name}.${method}()`;
  return { taint: [sourceOrigin(shape.kind, label, step(describe(shape, label)), safe, shape.heuristic)] };
}

function describe(shape: RequestShape, label: string): string {
  if (shape.kind === 'message') return `\`${label}\` is a message sent by a client`;
  return `\`${label}\` is read from the request`;
}

/** Page-URL reads in the browser: `location.search`, `window.location.hash`, `document.referrer`. */
const BROWSER_PATHS = /^(?:window\.|document\.|globalThis\.|self\.)?location\.(?:href|search|hash|pathname)$|^document\.(?:URL|documentURI|referrer|baseURI)$|^window\.name$/;

export function browserSource(path: string, step: (label: string) => FlowStep): Val | undefined {
  if (!BROWSER_PATHS.test(path)) return undefined;
  // The page's own path always starts with `/`: no `javascript:` URL, only `//host` leaves the site.
  const rooted = path.endsWith('.pathname') ? { rooted: true } : {};
  return { taint: [sourceOrigin('browser', path, step(`\`${path}\` comes from the page URL, which anyone can craft`), ['nosql', 'prototype-pollution'])], ...rooted };
}

/** The method names of every method call `sourceCall` answers (calls of a plain name are told apart by the name). */
export const SOURCE_CALL_METHODS = new Set(['create', 'generateContent', 'sendMessage', 'invoke', 'getEntries']);

/** Calls whose result is untrusted text: an LLM's answer, the browser's URL parameters, an archive's entries. */
export function sourceCall(path: string | undefined, method: string | undefined, step: (label: string) => FlowStep): Val | undefined {
  const p = path ?? '';
  const receiver = p.slice(0, Math.max(0, p.lastIndexOf('.')));
  if (/(?:^|\.)(?:chat\.completions\.create|completions\.create|messages\.create|responses\.create|generateContent|sendMessage|invoke)$/.test(p) && /openai|anthropic|claude|gpt|llm|model|client|\bai\b|gemini|chat|groq|mistral|chain|agent/i.test(receiver)) {
    return llm(`${p}()`, step);
  }
  if (/^(?:generateText|generateObject|streamText|streamObject)$/.test(p)) return llm(`${p}()`, step);
  if (p === 'useSearchParams' || p === 'useParams' || p === 'useRouter().query') {
    return { taint: [sourceOrigin('browser', `${p}()`, step(`\`${p}()\` returns values from the page URL, which anyone can craft`), ['nosql', 'prototype-pollution'])] };
  }
  if (method === 'getEntries') return { taint: [sourceOrigin('archive', `${p}()`, step(`\`${p}()\` lists the names inside an uploaded archive`))] };
  return undefined;
}

/** h3's request helpers, each taking the event first: what they return is the client's. */
const H3_READERS: Record<string, { what: string; safeFor: readonly SinkKind[] }> = {
  readBody: { what: 'the request body', safeFor: [] },
  readValidatedBody: { what: 'the request body', safeFor: [] },
  readRawBody: { what: 'the raw request body', safeFor: ['nosql', 'prototype-pollution'] },
  readFormData: { what: 'the submitted form', safeFor: ['nosql', 'prototype-pollution'] },
  readMultipartFormData: { what: 'the uploaded form', safeFor: ['nosql', 'prototype-pollution'] },
  // Query strings and path parameters are strings (h3 does not nest `a[b]=c`); headers and cookies likewise.
  getQuery: { what: 'the query string', safeFor: ['nosql', 'prototype-pollution'] },
  getValidatedQuery: { what: 'the query string', safeFor: ['nosql', 'prototype-pollution'] },
  getRouterParam: { what: 'a path parameter', safeFor: ['nosql', 'prototype-pollution'] },
  getRouterParams: { what: 'the path parameters', safeFor: ['nosql', 'prototype-pollution'] },
  getValidatedRouterParams: { what: 'the path parameters', safeFor: ['nosql', 'prototype-pollution'] },
  getHeader: { what: 'a request header', safeFor: ['nosql', 'prototype-pollution'] },
  getRequestHeader: { what: 'a request header', safeFor: ['nosql', 'prototype-pollution'] },
  getHeaders: { what: 'the request headers', safeFor: ['nosql', 'prototype-pollution'] },
  getCookie: { what: 'a cookie', safeFor: ['nosql', 'prototype-pollution'] },
  parseCookies: { what: 'the cookies', safeFor: ['nosql', 'prototype-pollution'] },
};

/** Whether a file handles requests with h3: it imports h3 or uses its handler makers (Nuxt imports them for it). */
export function usesH3(text: string, imports: ReadonlyMap<string, ImportBinding>): boolean {
  if ((text.includes('ventHandler') || text.includes('H3Event')) && /\b(?:defineEventHandler|eventHandler)\s*\(|\bH3Event\b/.test(text)) return true;
  for (const b of imports.values()) if (b.source === 'h3') return true;
  return false;
}

/** `readBody(event)`, `getQuery(event)`, `getRouterParam(event, 'id')`: client input, in a file that uses h3. */
export function h3Source(call: TSESTree.CallExpression, path: string | undefined, step: (label: string) => FlowStep): Val | undefined {
  const reader = path ? own(H3_READERS, path) : undefined;
  if (!reader || call.arguments.length === 0 || call.arguments[0].type !== 'Identifier') return undefined;
  const name = call.arguments[1]?.type === 'Literal' ? `${path}(${call.arguments[0].name}, ${JSON.stringify(call.arguments[1].value)})` : `${path}(${call.arguments[0].name})`;
  return { taint: [sourceOrigin('request', name, step(`\`${name}\` returns ${reader.what}, which the client writes`), reader.safeFor)] };
}

/** `event.context.params.id`: h3's path parameters as the router put them on the event (what `getRouterParam` reads). */
export function h3ContextParams(path: string, step: (label: string) => FlowStep): Val | undefined {
  if (!/^(?:event|evt|e|h3Event)\.context\.params(?:\.|$)/.test(path)) return undefined;
  return { taint: [sourceOrigin('request', path, step(`\`${path}\` is a path parameter, which the client writes`), ['nosql', 'prototype-pollution'])] };
}

function llm(label: string, step: (label: string) => FlowStep): Val {
  return { taint: [sourceOrigin('llm', label, step(`\`${label}\` returns text written by a language model, which a prompt can steer`), ['nosql', 'prototype-pollution'])] };
}

export type FunctionNode = TSESTree.FunctionDeclaration | TSESTree.FunctionExpression | TSESTree.ArrowFunctionExpression;

const REQUEST_NAMES = new Set(['req', 'request', '_req', '_request']);
const REQUEST_TYPES = /^(?:Request|NextRequest|NextApiRequest|FastifyRequest|IncomingMessage|HonoRequest|ExpressRequest|express\.Request|Express\.Request)$/;
const CONTEXT_TYPES = /^(?:Context|ParameterizedContext|RouterContext|Koa\.Context|HonoContext)$/;

/** A parameter that is a request by name or type, in a function nobody registered for us to see. */
export function requestByConvention(param: TSESTree.Parameter): RequestShape | undefined {
  const id = param.type === 'AssignmentPattern' ? param.left : param;
  // `list({ body }: Request, res: Response)`: a request taken apart where it is received.
  if (id.type === 'ObjectPattern') {
    const type = id.typeAnnotation?.typeAnnotation;
    const typeName = type?.type === 'TSTypeReference' ? typeNameOf(type.typeName) : undefined;
    return typeName && REQUEST_TYPES.test(typeName) ? { kind: 'request', name: 'req' } : undefined;
  }
  if (id.type !== 'Identifier') return undefined;
  const type = id.typeAnnotation?.typeAnnotation;
  // Most parameters: untyped, and not named as a request (called for every parameter of every function).
  if (!type && !REQUEST_NAMES.has(id.name)) return undefined;
  const typeName = type?.type === 'TSTypeReference' ? typeNameOf(type.typeName) : undefined;
  if (typeName && (REQUEST_TYPES.test(typeName) || CONTEXT_TYPES.test(typeName))) return { kind: 'request', name: id.name };
  if (/^_?(?:req|request)$/.test(id.name) && !type) return { kind: 'request', name: id.name, heuristic: true };
  if (/^_?(?:req|request)$/.test(id.name) && typeName && /Request|Req$/.test(typeName)) return { kind: 'request', name: id.name };
  return undefined;
}

function typeNameOf(name: TSESTree.EntityName): string {
  if (name.type === 'Identifier') return name.name;
  if (name.type === 'TSQualifiedName') return `${typeNameOf(name.left)}.${name.right.name}`;
  return '';
}

const HTTP_VERBS = new Set(['get', 'post', 'put', 'patch', 'delete', 'del', 'all', 'head', 'options', 'use']);
const SOCKET_RECEIVER = /(?:^|\.)(?:ws|socket|websocket|wss|io|client|conn|connection)$|Socket$/i;
const LIFECYCLE_EVENTS = new Set(['connection', 'connect', 'open', 'close', 'disconnect', 'disconnecting', 'error', 'end', 'finish', 'drain', 'listening', 'upgrade']);

export interface CallbackSite {
  /** Raw callee path (`app.post`, `Parse.Cloud.define`, `ws.on`). */
  path?: string;
  method?: string;
  receiver?: string;
  /** Earlier method names of a fluent chain (`t.procedure.input(z…).mutation` → input). */
  chain: string[];
  firstArg?: TSESTree.Node;
  argIndex: number;
  /** The file imports a chat-bot library. */
  chat?: boolean;
}

/** Telegraf, grammY and node-telegram-bot-api handlers of what users send: `bot.hears(/x/, ctx => …)`, `bot.onText(re, (msg, match) => …)`. */
const BOT_HANDLERS = new Set(['hears', 'command', 'action', 'start', 'help', 'settings', 'inlineQuery', 'callbackQuery', 'onText', 'chosenInlineResult']);
/** Events that bring a user's message: Telegram's update types, discord.js's message and interaction events. */
const CHAT_EVENTS = /^(?:text|message|messageCreate|messageUpdate|interactionCreate|callback_query|inline_query|edited_message|channel_post|caption|photo|document|voice|audio|video|sticker|location|contact|poll|chosen_inline_result|(?:message|edited_message|channel_post|callback_query|inline_query)(?::[\w:]+)?|msg(?::[\w:]+)?)$/;
/** Slack's Bolt: `app.command('/todo', async ({ command, ack }) => …)`, `app.message(…)`, `app.action(…)`, `app.view(…)`. */
const SLACK_HANDLERS = new Set(['command', 'message', 'action', 'view', 'shortcut', 'event', 'options']);

/** Seeds for a chat bot's handler: the update (context, message or interaction) a user's text arrives in. */
function chatSeeds(site: CallbackSite, fn: FunctionNode): (RequestShape | 'tainted-message')[] | undefined {
  const { method = '', receiver = '' } = site;
  const update = (i: number): RequestShape => ({ kind: 'message', name: paramName(fn.params[i]) ?? '', members: 'chat' });
  const botReceiver = /(?:^|\.)(?:bot|telegraf|tgBot|telegramBot|composer)$/i.test(receiver);
  if ((botReceiver || site.chat) && BOT_HANDLERS.has(method) && (site.argIndex > 0 || /^(?:start|help|settings)$/.test(method))) {
    return method === 'onText' ? [update(0), 'tainted-message'] : [update(0)];
  }
  if (method === 'on' || method === 'once') {
    if (!botReceiver && !(site.chat && /(?:^|\.)(?:client|bot|app)$/i.test(receiver))) return undefined;
    const first = site.firstArg;
    // Telegraf's filters: `bot.on(message('text'), ctx => …)`.
    const event = first?.type === 'Literal' ? String(first.value) : first?.type === 'CallExpression' && first.callee.type === 'Identifier' ? first.callee.name : undefined;
    if (!event || !CHAT_EVENTS.test(event)) return undefined;
    return event === 'messageUpdate' ? [update(0), update(1)] : [update(0)];
  }
  if (site.chat && SLACK_HANDLERS.has(method) && /(?:^|\.)(?:app|bolt|slack\w*)$/i.test(receiver)) return [update(0)];
  return undefined;
}

/**
 * A chat-bot command module's handler (discord.js: `module.exports = { data: new SlashCommandBuilder()…, execute(interaction) }`,
 * a legacy `{ name, run(client, message, args) }`): which parameters hold the update, and which the words of the command.
 */
export function chatCommandSeeds(fn: FunctionNode): (RequestShape | 'tainted-message' | undefined)[] {
  return fn.params.map((p) => {
    const name = paramName(p);
    if (name && /^(?:interaction|int|message|msg|ctx|context)$/.test(name)) return { kind: 'message', name, members: 'chat' };
    return name === 'args' ? 'tainted-message' : undefined;
  });
}

/** Names of a command module's handler, beside its `data` or `name`. */
export const CHAT_COMMAND_HANDLER = /^(?:execute|run|callback|chatInputRun|messageRun|exec)$/;

/** Types a bot handler's parameter is given: discord.js interactions and messages, Telegraf and grammY contexts. */
const CHAT_TYPES = /^(?:\w*Interaction|Message|(?:\w*)Context|NarrowedContext|CommandContext|Filter)$/;

/**
 * A parameter that holds a bot update by its type (in a file that imports a chat-bot library), or by its name
 * (`interaction`; `ctx` where no web framework shares the name) also in the rest of a package that depends on one.
 */
export function chatByConvention(param: TSESTree.Parameter, conventions: ChatConventions): RequestShape | undefined {
  const id = param.type === 'AssignmentPattern' ? param.left : param;
  if (id.type !== 'Identifier') return undefined;
  const type = id.typeAnnotation?.typeAnnotation;
  const typeName = type?.type === 'TSTypeReference' ? typeNameOf(type.typeName) : undefined;
  const named = !type && (id.name === 'interaction' || (conventions.ctx && id.name === 'ctx'));
  return (conventions.imported && typeName && CHAT_TYPES.test(typeName)) || named ? { kind: 'message', name: id.name, members: 'chat' } : undefined;
}

/**
 * Seeds for the parameters of a function passed to a call: route handlers get a request, socket handlers get
 * a message. Undefined: not an entry point we know.
 */
export function callbackSeeds(site: CallbackSite, fn: FunctionNode): (RequestShape | 'tainted-message' | 'tool-argument' | undefined)[] | undefined {
  // A destructured parameter (`({ input }) =>`) has no name: its members are named alone.
  const name = (i: number) => paramName(fn.params[i]) ?? '';
  const { path = '', method = '', receiver = '' } = site;
  // MCP servers: a tool's handler gets the arguments the model (or any client of the server) chose:
  // `server.tool('fetch', schema, async ({ url }) => …)`, `server.registerTool(name, config, handler)`,
  // `server.setRequestHandler(CallToolRequestSchema, async (request) => request.params.arguments…)`.
  if ((method === 'tool' || method === 'registerTool') && site.argIndex > 0 && site.firstArg?.type === 'Literal' && typeof site.firstArg.value === 'string') return ['tool-argument'];
  if (method === 'setRequestHandler' && site.argIndex === 1 && site.firstArg?.type === 'Identifier' && site.firstArg.name === 'CallToolRequestSchema') return ['tool-argument'];
  const chat = chatSeeds(site, fn);
  if (chat) return chat;
  if (/^Parse\.Cloud\.\w+$/.test(path)) return [{ kind: 'request', name: name(0) }];
  if (/(?:^|\.)(?:https\.)?onRequest$/.test(path) || /^(?:Deno\.serve|serve|Bun\.serve)$/.test(path)) return [{ kind: 'request', name: name(0) }];
  if (/(?:^|\.)(?:https\.)?onCall$/.test(path)) {
    return fn.params.length >= 2 ? ['tainted-message'] : [{ kind: 'request', name: name(0) }];
  }
  if ((method === 'mutation' || method === 'query' || method === 'subscription') && (site.chain.includes('input') || /procedure$/i.test(receiver))) {
    return [{ kind: 'request', name: name(0) }];
  }
  if (isActionBuilder(method, site.chain, receiver)) return [{ kind: 'request', name: name(0) }];
  if (method === 'on' || method === 'addEventListener' || method === 'once') {
    const event = site.firstArg?.type === 'Literal' ? String(site.firstArg.value) : undefined;
    if (event === 'entry') return [{ kind: 'archive', name: name(0), members: 'archive-entry' }];
    if (method === 'addEventListener' && event === 'message') return [{ kind: 'message', name: name(0), members: 'event' }];
    if (event && !LIFECYCLE_EVENTS.has(event) && SOCKET_RECEIVER.test(receiver)) return ['tainted-message'];
    return undefined;
  }
  if (HTTP_VERBS.has(method) && receiver && (site.firstArg?.type !== 'Literal' || typeof site.firstArg.value !== 'string' || /^[/*]/.test(site.firstArg.value) || method === 'use')) {
    // Express, Fastify, Koa router, Hono: the first parameter is the request or the context holding it.
    return [{ kind: 'request', name: name(0) }];
  }
  return undefined;
}

/**
 * fastmcp's tools: `server.addTool({ name, parameters, execute: async (args, context) => … })`, whose `execute` gets the
 * arguments the model chose.
 */
export function fastmcpToolHandler(call: TSESTree.CallExpression | TSESTree.NewExpression): FunctionNode | undefined {
  if (call.callee.type !== 'MemberExpression' || propertyName(call.callee) !== 'addTool') return undefined;
  const options = call.arguments[0];
  if (options?.type !== 'ObjectExpression' || !options.properties.some((p) => p.type === 'Property' && propertyName(p) === 'name')) return undefined;
  const execute = options.properties.find((p): p is TSESTree.Property => p.type === 'Property' && propertyName(p) === 'execute');
  const fn = execute?.value;
  return fn && (fn.type === 'ArrowFunctionExpression' || fn.type === 'FunctionExpression') ? fn : undefined;
}

/** mcp-framework's tools: `class Search extends MCPTool<Input> { async execute(input) { … } }`. */
export const MCP_TOOL_CLASS = /^MCPTool$/;

/**
 * A tool an app's own AI model calls, by its function: the Vercel AI SDK's `tool({ parameters, execute })`, Mastra's
 * `createTool({ execute })`, LangChain's `tool(fn, { schema })` and `new DynamicStructuredTool({ func })`. What the
 * function gets is what the model chose, which a prompt injection can choose too.
 */
export function modelToolHandler(call: TSESTree.CallExpression | TSESTree.NewExpression, imports: ReadonlyMap<string, ImportBinding>): { fn: FunctionNode; text: boolean } | undefined {
  const callee = call.callee;
  const binding = callee.type === 'Identifier' ? imports.get(callee.name) : undefined;
  if (!binding || !MODEL_TOOL_PACKAGE.test(binding.source)) return undefined;
  const [first] = call.arguments;
  const options = first?.type === 'ObjectExpression' ? first : undefined;
  const fnOf = (node: TSESTree.Node | undefined, text = false) => (node?.type === 'ArrowFunctionExpression' || node?.type === 'FunctionExpression' ? { fn: node, text } : undefined);
  if (binding.imported === 'tool' && call.type === 'CallExpression') return fnOf(first) ?? (options && fnOf(objectProperty(options, 'execute')?.value));
  if (binding.imported === 'createTool' && options) return fnOf(objectProperty(options, 'execute')?.value);
  // `DynamicTool` (and `Tool`) take one string; `DynamicStructuredTool` an object of its schema.
  if (MODEL_TOOL_CLASS.test(binding.imported) && call.type === 'NewExpression' && options) return fnOf(objectProperty(options, 'func')?.value, !/Structured/.test(binding.imported));
  return undefined;
}
/** Packages whose tools an app's model calls: the Vercel AI SDK, Mastra, LangChain. */
const MODEL_TOOL_PACKAGE = /^(?:ai|@mastra\/core(?:\/tools)?|@langchain\/core\/tools|langchain\/tools)$/;
/** LangChain's tool classes: `new DynamicTool({ func })`, and `class Lookup extends StructuredTool { async _call(input) { … } }`. */
export const MODEL_TOOL_CLASS = /^(?:Tool|StructuredTool|DynamicTool|DynamicStructuredTool)$/;
/** Whether a class extends one of LangChain's tool classes, imported from LangChain. */
export function extendsModelTool(parent: string | undefined, imports: ReadonlyMap<string, ImportBinding>): boolean {
  const binding = parent ? imports.get(parent) : undefined;
  return !!binding && MODEL_TOOL_CLASS.test(binding.imported) && /langchain/.test(binding.source);
}

export const CONVEX_GENERATED_SERVER = /(?:^|\/)_generated\/server(?:\.[cm]?[jt]s)?$/;
const CONVEX_BUILDER = /^(?:query|mutation|action|httpAction)$/;
/** Builders a Convex project makes from the public ones (`authedMutation`, `userQuery`), named for what they make. */
const CONVEX_CUSTOM_BUILDER = /^(?!internal)\w*?(?:Query|Mutation|Action)$/;

/**
 * The handler of a public Convex function: `mutation({ args, handler })`, `query(async (ctx, args) => …)`,
 * `httpAction(async (ctx, request) => …)`, or a project builder's (`authedMutation({ handler })`) in a module that
 * imports Convex's generated server module. `internal*` functions are called by the project's own code only.
 */
export function convexHandler(call: TSESTree.CallExpression, imports: ReadonlyMap<string, ImportBinding>): { fn: FunctionNode; http: boolean } | undefined {
  if (call.callee.type !== 'Identifier') return undefined;
  const binding = imports.get(call.callee.name);
  const generated = !!binding && CONVEX_GENERATED_SERVER.test(binding.source);
  const builder = generated ? binding.imported : call.callee.name;
  if (generated ? !CONVEX_BUILDER.test(builder) : !CONVEX_CUSTOM_BUILDER.test(builder) || (binding ? !/^[./~@#]/.test(binding.source) : ![...imports.values()].some((b) => CONVEX_GENERATED_SERVER.test(b.source)))) return undefined;
  const options = call.arguments[0];
  let fn: TSESTree.Node | undefined = options;
  if (options?.type === 'ObjectExpression') fn = options.properties.find((p): p is TSESTree.Property => p.type === 'Property' && propertyName(p) === 'handler')?.value;
  if (fn?.type !== 'ArrowFunctionExpression' && fn?.type !== 'FunctionExpression') return undefined;
  return { fn, http: builder === 'httpAction' };
}

/**
 * A server action made by a builder: next-safe-action (`actionClient.schema(s).action(async ({ parsedInput }) => …)`)
 * or zsa (`createServerAction().input(s).handler(async ({ input }) => …)`). What the browser sends is the
 * handler's `parsedInput` / `input`; its `ctx` comes from the client's own middleware.
 */
export function isActionBuilder(method: string, chain: readonly string[], receiver: string): boolean {
  if (method === 'action' || method === 'stateAction') return chain.some((c) => /^(?:schema|inputSchema|bindArgsSchemas|outputSchema|metadata|use)$/.test(c)) || /actionclient$/i.test(receiver);
  return method === 'handler' && chain.includes('input') && (chain.includes('createServerAction') || chain.includes('createServerActionProcedure') || /procedure|action/i.test(receiver));
}

export function paramName(p: TSESTree.Parameter | undefined): string | undefined {
  if (!p) return undefined;
  if (p.type === 'Identifier') return p.name;
  if (p.type === 'AssignmentPattern' && p.left.type === 'Identifier') return p.left.name;
  if (p.type === 'TSParameterProperty' && p.parameter.type === 'Identifier') return p.parameter.name;
  return undefined;
}

const NEST_DECORATORS: Record<string, readonly SinkKind[] | 'request'> = {
  Body: [],
  Query: [],
  Param: ['nosql', 'prototype-pollution'],
  Headers: ['nosql', 'prototype-pollution'],
  Cookies: ['nosql', 'prototype-pollution'],
  UploadedFile: [],
  UploadedFiles: [],
  Req: 'request',
  Request: 'request',
  MessageBody: [],
  Payload: [],
};

/**
 * LoopBack 4's parameter decorators: `@param.query.string('q')`, `@param.path.string('id')`, `@requestBody()`. A
 * string is a string; a body is checked against the model's schema before the method runs. (Numbers and booleans
 * carry nothing; `@param.filter(Model)` is LoopBack's own structured filter, which its repositories read as data.)
 */
const LOOPBACK_PARAM = /^param\.(?:query|path|header)\.string$/;

/** The NestJS or LoopBack decorator of a handler parameter that makes it client input (`Body` of `@Body() dto`), with what it brings. */
function nestInput(d: TSESTree.Decorator): { callee: string; kind: readonly SinkKind[] | 'request' } | undefined {
  const expr = d.expression;
  if (expr.type !== 'CallExpression') return undefined;
  const callee = memberPath(expr.callee as AstNode);
  if (callee && LOOPBACK_PARAM.test(callee)) return { callee, kind: ['nosql', 'prototype-pollution'] };
  if (callee === 'requestBody') return { callee, kind: ['nosql', 'prototype-pollution'] };
  const kind = callee ? own(NEST_DECORATORS, callee) : undefined;
  return callee && kind ? { callee, kind } : undefined;
}

/** A parameter `nestSeed` makes client input. */
export function isNestInput(param: TSESTree.Parameter): boolean {
  return ((param as { decorators?: TSESTree.Decorator[] }).decorators ?? []).some((d) => !!nestInput(d));
}

/** NestJS handler parameters: `@Body() dto`, `@Param('id') id`, `@Req() req`. */
export function nestSeed(param: TSESTree.Parameter, step: (label: string) => FlowStep): Val | undefined {
  const decorators = (param as { decorators?: TSESTree.Decorator[] }).decorators ?? [];
  for (const d of decorators) {
    const input = nestInput(d);
    if (!input) continue;
    const { callee, kind } = input;
    const name = paramName(param) ?? 'input';
    if (kind === 'request') return { shape: { kind: 'request', name } };
    // A DTO class is validated when a ValidationPipe runs: its shape is fixed, its strings are not.
    const typed = param.type === 'Identifier' && param.typeAnnotation?.typeAnnotation.type === 'TSTypeReference';
    const safe = typed && callee === 'Body' ? ['nosql', 'prototype-pollution'] as const : kind;
    const label = `@${callee}() ${name}`;
    const origin = sourceOrigin(callee === 'MessageBody' || callee === 'Payload' ? 'message' : 'request', label, step(`\`${label}\` is client input`), safe);
    // Multer's file object, as `req.file` is: the fields it fills in are the server's.
    return { taint: [callee === 'UploadedFile' || callee === 'UploadedFiles' ? { ...origin, upload: true } : origin] };
  }
  return undefined;
}
