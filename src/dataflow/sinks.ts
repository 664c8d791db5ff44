import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { memberPath, objectProperty, propertyName, staticString } from '../engine/ast-utils.js';
import type { AstNode } from '../parse/types.js';
import type { SinkKind, SourceKind, Val } from './types.js';

/** Which untrusted sources matter to each sink kind. The page URL only matters to browser sinks, an LLM's text to execution, SQL and HTML. */
export const ACCEPTS: Record<SinkKind, readonly SourceKind[]> = {
  sql: ['request', 'message', 'llm', 'tool'],
  nosql: ['request', 'message', 'tool'],
  command: ['request', 'message', 'llm', 'tool'],
  code: ['request', 'message', 'llm', 'browser', 'tool'],
  path: ['request', 'message', 'archive', 'tool'],
  ssrf: ['request', 'message', 'tool'],
  xss: ['request', 'message', 'llm', 'browser'],
  redirect: ['request', 'browser'],
  'prototype-pollution': ['request', 'message'],
  regex: ['request', 'message', 'tool'],
  prompt: ['request', 'message'],
};

export interface CallFacts {
  node: TSESTree.CallExpression | TSESTree.NewExpression;
  isNew: boolean;
  /** Callee as written: `pool.query`, `exec`, `this.db.query`. */
  path?: string;
  /** Callee with its import resolved: `child_process.exec`, `fs.promises.readFile`, `axios.get`. */
  canonical?: string;
  method?: string;
  /** The receiver's own name: `pool` for `this.pool.query`, `getDb` for `getDb().query`. */
  receiverName?: string;
  /** Earlier calls of a fluent chain: `supabase.from('t').select().or(x)` → ['from', 'select']. */
  chain: string[];
  args: Val[];
}

export interface SinkMatch {
  kind: SinkKind;
  label: string;
  /** Arguments that must not carry taint. */
  args: number[];
  /** Only text built from pieces counts (a whole value is a column name or key, not code). */
  builtOnly?: boolean;
  /** The arguments are options objects, of which only this property reaches the sink (`{ filter }`). */
  property?: string;
  /** Cookies do not count: the site's own script set them (a theme picker), and another site cannot. */
  notCookies?: boolean;
  /** The arguments are an LLM call's options, of which only the system prompt counts (`system`, `role: 'system'` messages). */
  systemPrompt?: boolean;
}

const DB_RECEIVER = /^(?:db|database|pool|client|conn|connection|sql|knex|sequelize|pg|mysql|sqlite|tx|trx|transaction|manager|entityManager|em|dataSource|datasource|queryRunner|repo|repository|getDb|getPool|getConnection|getClient|connect)$|(?:Db|DB|Pool|Client|Connection|Repository|Manager|Database)$/;
const SQL_ALWAYS = new Set(['$queryRawUnsafe', '$executeRawUnsafe', 'whereRaw', 'orWhereRaw', 'andWhereRaw', 'havingRaw', 'orHavingRaw', 'orderByRaw', 'groupByRaw', 'joinRaw', 'fromRaw']);
const SQLITE_METHODS = new Set(['prepare', 'exec', 'run', 'all', 'get', 'each']);
const TYPEORM_WHERE = new Set(['where', 'andWhere', 'orWhere', 'having', 'andHaving', 'orHaving', 'orderBy', 'addOrderBy', 'select', 'addSelect', 'innerJoin', 'leftJoin']);
const MONGO_METHODS = new Set(['find', 'findOne', 'findOneAndUpdate', 'findOneAndDelete', 'findOneAndReplace', 'findOneAndRemove', 'updateOne', 'updateMany', 'deleteOne', 'deleteMany', 'replaceOne', 'countDocuments', 'count', 'exists', 'remove', 'aggregate']);
const FS_ARG0 = new Set(['readFile', 'readFileSync', 'writeFile', 'writeFileSync', 'appendFile', 'appendFileSync', 'createReadStream', 'createWriteStream', 'unlink', 'unlinkSync', 'rm', 'rmSync', 'rmdir', 'rmdirSync', 'mkdir', 'mkdirSync', 'readdir', 'readdirSync', 'open', 'openSync', 'outputFile', 'outputFileSync', 'readJson', 'readJsonSync', 'writeJson', 'writeJsonSync', 'remove', 'removeSync', 'truncate', 'truncateSync', 'readlink', 'symlink']);
const FS_ARG01 = new Set(['copyFile', 'copyFileSync', 'rename', 'renameSync', 'copy', 'copySync', 'move', 'moveSync', 'cp', 'cpSync', 'link', 'linkSync']);
/** Template engines' functions that compile a template given as text (not Handlebars or Mustache: no JavaScript in theirs). */
const TEMPLATE_SOURCE = /^(?:ejs|pug|jade)\.(?:render|compile|compileClient)$|^(?:eta|nunjucks)\.(?:renderString|compile)$|^(?:lodash|lodash-es|underscore|_)\.template$|^(?:lodash\.template|lodash\/template|lodash-es\/template)(?:\.default)?$/;
const HTTP_CLIENT_METHODS = new Set(['get', 'post', 'put', 'patch', 'delete', 'head', 'options', 'request', 'stream']);
const RESPONSE = /^(?:res|response|resp|ctx|context|reply|c)$/;
const MERGE_FUNCS = /^(?:lodash|lodash-es|_)[./](?:merge|mergeWith|defaultsDeep)$|^(?:merge-deep|deep-extend|lodash\.mergewith|lodash\.defaultsdeep|mixin-deep|defaults-deep|merge\.recursive)$/;
const SET_FUNCS = /^(?:lodash|lodash-es|_)[./](?:set|setWith|zipObjectDeep)$|^(?:lodash\.setwith|set-value|dot-prop\.setProperty|dset)$/;

/** How the label of a Supabase (PostgREST) filter string ends: `.or() filter of a Supabase query`. */
export const POSTGREST_FILTER = 'filter of a Supabase query';

/** How the label of a PocketBase filter string ends: `getList() filter of a PocketBase query`. */
export const POCKETBASE_FILTER = 'filter of a PocketBase query';
/** PocketBase record queries, by where their filter goes: the first argument, or the `filter` of an options argument. */
const POCKETBASE_LISTS: Record<string, { args: number[]; property?: string }> = {
  getFirstListItem: { args: [0] },
  getList: { args: [2], property: 'filter' },
  getFullList: { args: [0, 1], property: 'filter' },
};

/** PostgREST operators whose value is one literal, whatever it holds: `.filter('user_id', 'eq', value)`. */
const POSTGREST_LITERAL_OPS = new Set(['eq', 'neq', 'gt', 'gte', 'lt', 'lte', 'like', 'ilike', 'match', 'imatch', 'is', 'fts', 'plfts', 'phfts', 'wfts']);

/**
 * The value of a Supabase `.filter(column, operator, value)` compared with a literal operator: PostgREST reads it as
 * one value (it is only a list or conditions after `in`, `cs`, `or` and the like), so it adds no conditions.
 */
export function literalFilterValue(sink: SinkMatch, index: number, operator: TSESTree.Node | undefined): boolean {
  return index === 2 && sink.label.endsWith(`.filter() ${POSTGREST_FILTER}`) && operator?.type === 'Literal' && POSTGREST_LITERAL_OPS.has(String(operator.value));
}

/** The sinks a call is, given what is called and with what. */
export function callSinks(c: CallFacts): SinkMatch[] {
  const out: SinkMatch[] = [];
  const canon = c.canonical ?? c.path ?? '';
  const m = c.method ?? canon;
  const recv = c.receiverName ?? '';
  const add = (kind: SinkKind, args: number[], builtOnly?: boolean, label = c.path ?? canon, property?: string) => out.push({ kind, label, args, builtOnly, property });

  // SQL
  if (SQL_ALWAYS.has(m)) add('sql', [0]);
  else if ((m === 'raw' && (DB_RECEIVER.test(recv) || recv === 'Prisma' || canon.startsWith('drizzle-orm'))) || canon === 'Prisma.raw') add('sql', [0]);
  else if (m === 'unsafe' && (recv === 'sql' || DB_RECEIVER.test(recv))) add('sql', [0]);
  // deno-postgres names its queries by the rows they return: `client.queryObject(sql)`, `client.queryArray(sql)`.
  else if ((m === 'query' || m === 'execute' || m === 'queryObject' || m === 'queryArray') && DB_RECEIVER.test(recv) && !c.args[0]?.object) add('sql', [0]);
  else if (SQLITE_METHODS.has(m) && /^(?:db|database|sqlite|conn|connection)$|(?:Db|DB|Database)$/.test(recv)) add('sql', [0], true);
  else if (TYPEORM_WHERE.has(m) && c.chain.includes('createQueryBuilder')) add('sql', [0], true);
  else if (m === 'literal' && /^(?:sequelize|Sequelize)$/.test(recv)) add('sql', [0], true);
  else if ((m === 'or' || m === 'filter' || m === 'not') && c.chain.includes('from')) add('sql', m === 'or' ? [0] : [0, 2], m === 'or', `.${m}() ${POSTGREST_FILTER}`);
  // PocketBase: `pb.collection('posts').getList(1, 20, { filter: \`author = "${id}"\` })`. Its filter language is
  // compiled to SQL; `pb.filter('author = {:id}', { id })` binds values instead.
  else if (POCKETBASE_LISTS[m] && c.chain.includes('collection')) add('sql', POCKETBASE_LISTS[m].args, false, `${m}() ${POCKETBASE_FILTER}`, POCKETBASE_LISTS[m].property);

  // NoSQL: a filter object that a client can fill with operators.
  if (MONGO_METHODS.has(m) && recv && !/^(?:prisma|_|lodash|array|arr|list|items|Array|Object)$/i.test(recv) && !c.args[0]?.fn && !hasWhereKey(c.node.arguments[0])) {
    // `db.collection('users').findOne` has no written path: name it by the call it chains on.
    add('nosql', [0], undefined, c.path ?? `${recv}(…).${m}`);
  }
  // mapReduce, `$where`, `$function` and `$accumulator` run JavaScript on the database: code injection.
  if (m === 'mapReduce') add('code', [0, 1]);

  // OS commands
  if (/^child_process\.(?:exec|execSync)$/.test(canon) || /^shelljs\.exec$|^shell\.exec$/.test(canon) || /^execa\.(?:execaCommand|execaCommandSync|command|commandSync)$/.test(canon)) add('command', [0]);
  else if (/^child_process\.(?:spawn|spawnSync|execFile|execFileSync)$/.test(canon) || /^execa(?:\.execa|\.execaSync|\.sync|\.default)?$/.test(canon)) {
    add('command', hasShellOption(c.node) || shellScriptArg(c.node) ? [0, 1] : [0]);
  }

  // Code
  if (canon === 'eval' || canon === 'window.eval' || canon === 'globalThis.eval' || canon === 'Function' || canon === 'window.Function') add('code', c.node.arguments.map((_a, i) => i));
  else if (/^vm\.(?:runInNewContext|runInThisContext|runInContext|compileFunction|Script)$/.test(canon)) add('code', [0]);
  // `safe-eval` is `vm` with a context: its sandbox is escaped through `this.constructor.constructor`. The `eval` package runs code as a module.
  else if (/^(?:safe-eval|eval)(?:\.default)?$/.test(canon)) add('code', [0]);
  else if (/^(?:window\.|globalThis\.)?(?:setTimeout|setInterval|setImmediate)$/.test(canon) && !c.args[0]?.fn) add('code', [0]);
  // A template is a program for the engines that run JavaScript in it (EJS, Pug, Eta, lodash's `template`, Nunjucks,
  // whose sandbox is escaped through constructors): a client-written template runs on the server.
  else if (TEMPLATE_SOURCE.test(canon)) add('code', [0]);

  // Paths
  const fsModule = /^(?:fs|fs\.promises)\.(\w+)$/.exec(canon);
  if (fsModule && FS_ARG0.has(fsModule[1])) add('path', [0]);
  else if (fsModule && FS_ARG01.has(fsModule[1])) add('path', [0, 1]);
  else if ((m === 'sendFile' || m === 'download') && /^(?:res|response)$/.test(recv) && !hasRootOption(c.node)) add('path', [0]);
  else if (canon === 'Bun.file' || /^Deno\.(?:readTextFile|readFile|writeTextFile|writeFile|remove|open)$/.test(canon)) add('path', [0]);
  // The template file an engine reads (and runs: see TEMPLATE_SOURCE).
  else if (/^(?:ejs|pug|jade)\.(?:renderFile|compileFile)$/.test(canon)) add('path', [0]);

  // SSRF
  // `$fetch` is Nuxt's (ofetch), global in its server and app code.
  if (/^(?:fetch|\$fetch|\$fetch\.raw|ofetch|ofetch\.raw|window\.fetch|globalThis\.fetch|node-fetch|node-fetch\.default|undici\.fetch|undici\.request|cross-fetch|isomorphic-fetch|got|ky|axios|request|needle|superagent|phin)$/.test(canon)) add('ssrf', [0]);
  else if (/^(?:axios|got|ky|superagent|needle|request|undici)\.(\w+)$/.test(canon) && HTTP_CLIENT_METHODS.has(m)) add('ssrf', [0]);
  else if (/^(?:http|https)\.(?:get|request)$/.test(canon)) add('ssrf', [0]);
  // Link previews fetch the page they are given: `ogs({ url })`, `getLinkPreview(url)`, `unfurl(url)`, `urlMetadata(url)`.
  else if (/^(?:open-graph-scraper|url-metadata|link-preview-generator)(?:\.default)?$|^link-preview-js\.getLinkPreview$|^unfurl\.js\.unfurl$/.test(canon)) add('ssrf', [0]);
  // Feed readers fetch the feed they are given: rss-parser's `parser.parseURL(url)`.
  else if (m === 'parseURL' && c.args.length > 0) add('ssrf', [0]);
  // A headless browser on the server opening the page it is given: Puppeteer's and Playwright's `page.goto(url)`.
  else if (m === 'goto' && /^(?:page|\w+Page)$/.test(recv)) add('ssrf', [0]);

  // XSS
  const res = responseOf(c);
  if (RESPONSE.test(res.recv) && (m === 'send' || m === 'write' || m === 'end') && res.recv !== 'c' && res.recv !== 'ctx' && res.recv !== 'context') {
    // Express sends a string as text/html unless told otherwise; Fastify's reply and Node's res.end as text/plain.
    const html = res.type !== undefined ? HTML_TYPE.test(res.type) : (m === 'send' && res.recv !== 'reply') || c.args[0]?.html;
    if (!c.args[0]?.object && html) add('xss', [0], undefined, c.path ?? `${res.recv}.${m}`);
  } else if (m === 'html' && recv === 'c') add('xss', [0]);
  else if ((canon === 'document.write' || canon === 'document.writeln')) add('xss', [0]);
  else if (m === 'insertAdjacentHTML') add('xss', [1], undefined, c.path ?? 'insertAdjacentHTML');
  // SvelteKit's `resolve(event, { transformPageChunk: ({ html }) => html.replace('data-theme=""', \`data-theme="${theme}"\`) })`:
  // what replaces a part of the page is HTML.
  else if ((m === 'replace' || m === 'replaceAll') && inPageTransform(c.node)) out.push({ kind: 'xss', label: c.path ?? 'transformPageChunk', args: [1], notCookies: true });
  else if (m === 'html' && (recv === '$' || recv === 'jQuery' || /^\$/.test(recv))) add('xss', [0], undefined, c.path ?? '$(…).html');
  else if (c.isNew && /^(?:Response|next\/server\.NextResponse)$/.test(canon)) {
    const type = initContentType(c.node.arguments[1]);
    if (type !== undefined ? HTML_TYPE.test(type) : c.args[0]?.html) add('xss', [0]);
  }

  // Open redirect
  if (m === 'redirect' && RESPONSE.test(res.recv)) add('redirect', [c.node.arguments.length - 1], undefined, c.path ?? `${res.recv}.redirect`);
  else if (/^(?:next\/navigation\.)?(?:redirect|permanentRedirect)$/.test(canon) || /^(?:@remix-run\/(?:node|cloudflare|deno|server-runtime)|react-router)\.(?:redirect|redirectDocument|replace)$/.test(canon) || /^(?:next\/server\.)?NextResponse\.redirect$/.test(canon) || canon === 'Response.redirect') add('redirect', [0]);
  else if (/^(?:window\.|document\.)?location\.(?:assign|replace)$/.test(canon) || canon === 'window.open') add('redirect', [0]);
  else if ((m === 'push' || m === 'replace') && /^(?:router|navigate)$/.test(recv)) add('redirect', [0]);
  else if (canon === 'navigate') add('redirect', [0]);

  // Prototype pollution
  // Only library functions (imported, or the global `_` / `$`): a local `merge` is followed into its body.
  const lib = (c.canonical ?? (/^(?:_|\$|jQuery)\./.test(c.path ?? '') ? c.path : undefined))?.replace(/\.default$/, '');
  if (lib && MERGE_FUNCS.test(lib)) add('prototype-pollution', c.node.arguments.map((_a, i) => i).slice(1), undefined, lib);
  else if (lib && SET_FUNCS.test(lib)) add('prototype-pollution', [1], undefined, lib);
  else if (lib && /^(?:\$|jQuery|jquery)\.extend$|^extend$/.test(lib) && c.node.arguments[0]?.type === 'Literal' && c.node.arguments[0].value === true) add('prototype-pollution', c.node.arguments.map((_a, i) => i).slice(2), undefined, lib);

  // Regular expressions built from input
  if (canon === 'RegExp') add('regex', [0]);

  // An LLM's system prompt: `openai.chat.completions.create({ messages: [{ role: 'system', content }] })`, Anthropic's
  // `messages.create({ system })`, the AI SDK's `generateText({ system })`, Gemini's `systemInstruction`.
  if (LLM_CALL.test(c.path ?? '') || LLM_FUNCTION.test(canon)) out.push({ kind: 'prompt', label: `the system prompt of ${c.path ?? canon}`, args: [0], systemPrompt: true });
  else if (/(?:^|\.)SystemMessage$/.test(canon) && c.isNew) add('prompt', [0], undefined, `new ${c.path ?? 'SystemMessage'}`);
  return out;
}

/** Methods of the LLM clients (OpenAI and the APIs that copy it, Anthropic, Gemini) that take a system prompt in their options. */
const LLM_CALL = /\.(?:chat\.completions\.(?:create|stream|parse)|beta\.chat\.completions\.(?:create|stream|parse)|responses\.(?:create|stream)|messages\.(?:create|stream)|getGenerativeModel|models\.generateContent(?:Stream)?)$/;
/** The Vercel AI SDK's generation functions and agents, and the agents of OpenAI's Agents SDK and Mastra. */
const LLM_FUNCTION = /^ai\.(?:generateText|streamText|generateObject|streamObject|Experimental_Agent|Agent|ToolLoopAgent)$|^@openai\/agents\.Agent$|^@mastra\/core(?:\/agent)?\.Agent$/;

const HTML_TYPE = /html|xml|svg/i;
/** Response methods that return the response, so a chain `res.status(404).type('html').send(x)` still sends. */
const RESPONSE_CHAIN = new Set(['status', 'type', 'contentType', 'set', 'header', 'setHeader', 'headers', 'code', 'append', 'cookie', 'clearCookie', 'vary', 'location', 'links', 'attachment']);

/** The response object a call is made on (through a fluent chain) and the content type the chain sets. */
function responseOf(c: CallFacts): { recv: string; type?: string } {
  let type: string | undefined;
  let obj: TSESTree.Node | undefined = c.node.callee.type === 'MemberExpression' ? c.node.callee.object : undefined;
  while (obj?.type === 'CallExpression' && obj.callee.type === 'MemberExpression') {
    const name = propertyName(obj.callee);
    if (!name || !RESPONSE_CHAIN.has(name)) return { recv: c.receiverName ?? '' };
    type ??= contentTypeArg(name, obj.arguments);
    obj = obj.callee.object;
  }
  const root = obj && memberPath(obj as AstNode);
  return { recv: root ? root.split('.').pop()! : c.receiverName ?? '', type };
}

/** `type('html')`, `set('Content-Type', 'text/plain')`, `header({ 'content-type': … })`: the type it sets. */
function contentTypeArg(method: string, args: readonly TSESTree.CallExpressionArgument[]): string | undefined {
  if (method === 'type' || method === 'contentType') return staticString(args[0] as AstNode);
  if (args[0]?.type === 'ObjectExpression') return headerValue(args[0], 'content-type');
  if (staticString(args[0] as AstNode)?.toLowerCase() === 'content-type') return staticString(args[1] as AstNode);
  return undefined;
}

function headerValue(obj: TSESTree.ObjectExpression, header: string): string | undefined {
  for (const p of obj.properties) if (p.type === 'Property' && propertyName(p)?.toLowerCase() === header) return staticString(p.value as AstNode);
  return undefined;
}

/** `new Response(body, { headers: { 'Content-Type': 'text/html' } })`: the content type it declares. */
function initContentType(init: TSESTree.Node | undefined): string | undefined {
  const headers = init?.type === 'ObjectExpression' ? objectProperty(init, 'headers')?.value : undefined;
  return headers?.type === 'ObjectExpression' ? headerValue(headers, 'content-type') : undefined;
}

function hasWhereKey(node: TSESTree.Node | undefined): boolean {
  return node?.type === 'ObjectExpression' && node.properties.some((p) => p.type === 'Property' && ['where', 'include', 'select'].includes(propertyName(p) ?? ''));
}

function optionsObject(node: TSESTree.CallExpression | TSESTree.NewExpression): TSESTree.ObjectExpression | undefined {
  for (const a of node.arguments) if (a.type === 'ObjectExpression') return a;
  return undefined;
}

function hasShellOption(node: TSESTree.CallExpression | TSESTree.NewExpression): boolean {
  const options = optionsObject(node);
  const shell = options && objectProperty(options, 'shell');
  return !!shell && !(shell.value.type === 'Literal' && shell.value.value === false);
}

/**
 * execa's template form with a shell (`execa({ shell: true })\`git log ${ref}\``, `$({ shell: true })\`…\``): the
 * parts are joined into one command line for the shell, so the escaping of the plain template form is lost.
 */
export function shellTemplateTag(tag: TSESTree.Node, canon: string | undefined): boolean {
  return tag.type === 'CallExpression' && !!canon && /^execa(?:\.execa|\.execaSync|\.\$|\.\$sync|\.default)?$/.test(canon) && hasShellOption(tag);
}

const SHELLS = /^(?:\/(?:usr\/)?bin\/)?(?:sh|bash|zsh|dash|ksh|cmd|cmd\.exe|powershell|powershell\.exe|pwsh)$/;
const SCRIPT_FLAGS = new Set(['-c', '-lc', '-ic', '/c', '/C', '/s', '-Command', '-command']);

/** `spawn('sh', ['-c', script])`: the script after the flag is a command line, unless it is a constant. */
function shellScriptArg(node: TSESTree.CallExpression | TSESTree.NewExpression): boolean {
  const [program, list] = node.arguments;
  if (program?.type !== 'Literal' || typeof program.value !== 'string' || !SHELLS.test(program.value) || list?.type !== 'ArrayExpression') return false;
  const flag = list.elements.findIndex((e) => e?.type === 'Literal' && SCRIPT_FLAGS.has(String(e.value)));
  const script = flag >= 0 ? list.elements[flag + 1] : undefined;
  return !!script && script.type !== 'Literal';
}

function hasRootOption(node: TSESTree.CallExpression | TSESTree.NewExpression): boolean {
  const options = optionsObject(node);
  return !!options && !!objectProperty(options, 'root');
}

/** The call is inside the function given as SvelteKit's `transformPageChunk` option, which rewrites the HTML of the page. */
function inPageTransform(node: AstNode): boolean {
  for (let cur = (node as { parent?: AstNode }).parent, depth = 0; cur && depth < 8; cur = (cur as { parent?: AstNode }).parent, depth++) {
    if (cur.type === 'Property' && !cur.computed && cur.key.type === 'Identifier' && cur.key.name === 'transformPageChunk') return true;
    if (cur.type === 'Program') return false;
  }
  return false;
}

/** Assignments that are sinks: `el.innerHTML = x`, `location.href = x`. */
export function assignmentSink(targetPath: string | undefined, property: string | undefined): { kind: SinkKind; label: string } | undefined {
  if (property === 'innerHTML' || property === 'outerHTML' || property === 'srcdoc') return { kind: 'xss', label: property };
  if (targetPath && /^(?:window\.|document\.|self\.|top\.)?location(?:\.href)?$/.test(targetPath)) return { kind: 'redirect', label: targetPath };
  return undefined;
}

/** JSX attributes that are sinks: raw HTML, and URLs that may be `javascript:`. */
export function jsxAttributeSink(name: string): { kind: SinkKind; label: string; url: boolean } | undefined {
  if (name === 'dangerouslySetInnerHTML') return { kind: 'xss', label: 'dangerouslySetInnerHTML', url: false };
  if (name === 'href' || name === 'src' || name === 'action' || name === 'formAction') return { kind: 'xss', label: `${name} attribute`, url: true };
  return undefined;
}
