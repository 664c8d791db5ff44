import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { memberPath, programOf, propertyName, staticString } from '../../engine/ast-utils.js';
import { defineAstRule } from '../../engine/rule.js';
import type { AstNode } from '../../parse/types.js';
import { shorten } from '../../routes/ast.js';
import { bare, enclosingFunction, functionName, methodName, variableReferences } from './ast-helpers.js';
import { cookieWrite } from './cookie-writes.js';

/** What a cookie's name says it holds, when that is who the caller is or what they may do. */
type Kind = 'admin' | 'role' | 'signedIn' | 'identity';

/** Names of values that prove something only when checked: tokens, session ids, signatures, codes. */
const OPAQUE = /token|jwt|sess|sid$|key|secret|hash|sig|csrf|xsrf|nonce|otp|code|bearer|refresh|state|verifier|challenge|ticket/i;
/** `userId`, `user_email`, `adminId`, `currentUserId`, `uid`: an account, by id, e-mail or name. */
const IDENTITY = /^(?:(?:current|loggedin|auth)?(?:user|account|member|customer|owner|admin|student|teacher|doctor|patient|employee|seller|buyer|vendor)(?:id|uid|email|mail|name)|(?:current|loggedin|auth)?(?:user|account|member|customer)|uid|email|username)$/;
const ADMIN = /admin|superuser|staff|moderator/;
/** A role or a paid plan: `role`, `userRole`, `accountType`, `isPremium`; `type` and `level` only as an account's. */
const ROLE = /^(?:(?:user|account|member)?(?:role|roles|permission|permissions|plan|tier)|(?:user|account|member)(?:type|level)|(?:is|has)(?:premium|pro|paid|subscribed|vip|verified)|premium|subscription)$/;
const SIGNED_IN = /^(?:is|user)?(?:loggedin|signedin|authenticated|authed|auth|authorized|authorised|login|logged)$/;

/** Names that end in an account's id or e-mail, whatever they start with: `session_user_id`, `authUserId`. */
const ENDS_IN_IDENTITY = /(?:user|account|member|customer|owner|admin|student|teacher|patient|employee)(?:id|uid|email)$/;

export function cookieKind(name: string): Kind | undefined {
  const n = name.toLowerCase().replace(/[\s_\-.]/g, '');
  if (ENDS_IN_IDENTITY.test(n)) return 'identity';
  if (OPAQUE.test(name)) return undefined;
  if (IDENTITY.test(n)) return 'identity';
  if (ADMIN.test(n)) return 'admin';
  if (ROLE.test(n)) return 'role';
  if (SIGNED_IN.test(n)) return 'signedIn';
  return undefined;
}

/** The kind of a cookie of any name by the fixed value it is compared with: a word of sign-in, an admin role, or `true` for a session's. */
function constantKind(name: string, comparedWith: string | undefined): Kind | undefined {
  if (comparedWith === undefined) return undefined;
  if (/^(?:authenticated|authori[sz]ed|logged_?in|signed_?in)$/i.test(comparedWith)) return /admin/i.test(name) ? 'admin' : 'signedIn';
  if (/^(?:admin|administrator|super_?admin|superuser)$/i.test(comparedWith)) return 'admin';
  if (OPAQUE.test(name) && /^(?:true|1|yes|ok|valid)$/i.test(comparedWith)) return /admin/i.test(name) ? 'admin' : 'signedIn';
  return undefined;
}

/** Variables that hold a request's cookies by their name alone (`isAdmin(cookies)`, `const cookieStore = cookies()`). */
const BAG_NAME = /^(?:cookies|cookieStore|cookieJar|parsedCookies|reqCookies|requestCookies|allCookies)$/;
/** Calls that give the request's cookies: Next's `cookies()`, `parseCookies(req)` (nookies), `cookie.parse(header)`. */
const BAG_CALL = /^(?:cookies|parseCookies|parseCookie|getCookies|cookie\.parse|cookies\.parse|nookies\.get|Cookie\.parse)$/;
/** Libraries that read the browser's own cookies, in components. */
const BROWSER_COOKIES = /(?:from\s*|require\(\s*)['"](?:react-cookie|universal-cookie|js-cookie)['"]/;
/** Methods of a cookie store that are not cookies. */
const STORE_METHODS = new Set(['get', 'getAll', 'set', 'has', 'delete', 'clear', 'toString', 'size', 'entries', 'keys', 'values', 'forEach', 'length']);

/** Calls a value passes through unchanged for this rule's purpose: conversions and id wrappers. */
const TRANSPARENT = /^(?:Buffer\.from|atob|String|Number|parseInt|parseFloat|BigInt|decodeURIComponent|decodeURI|unescape|ObjectId|toObjectId|JSON\.parse|trim|toLowerCase|toUpperCase|toString)$/;
/** Calls that check a value before trusting it (a signed token, a sealed session, a server-side session lookup). */
const VERIFY = /verify|decode|unsign|unseal|decrypt|validate|introspect|getIronSession|findSession|getSession|sessionFrom|fromToken|checkToken/i;
/** Calls that look records up or change them: database, ORM, query builder and SQL calls. */
const LOOKUP = /^(?:find|get|fetch|load|select|query|update|delete|remove|destroy|insert|upsert|create|save|where|eq|match|exec|execute|run|all|read|lookup|count|aggregate|doc|child|ref|from|filter|bind|by)/i;
/** Calls that make a token or a session for someone: `jwt.sign`, `createAccessToken`, `createSession`. */
const MINT = /^(?:sign|signJwt|issue\w*|mint\w*|create\w*(?:Token|Session|Jwt)|generate\w*(?:Token|Jwt)|\w*(?:Token|Jwt)For)$/i;
/** Functions whose answer is a permission check: `isAdmin(cookies)`, `requireAuth`, `checkAdmin`. */
const CHECK_FUNCTION = /^(?:is|has|check|require|verify|ensure|can|protect|guard|auth|must|only|assert)/i;
/** A default that makes up a value when the cookie is missing: an anonymous visitor's id, not an account. */
const MADE_UP = /uuid|nanoid|random|cuid|generate|createId/i;

interface Uses {
  /** The test of an `if`, ternary or loop, or the answer of a check function, that reads the value. */
  decision?: AstNode;
  /** The value was tested as missing (`if (!userId)`): a sign-in check. */
  missingTest?: boolean;
  /** The literal it is compared with (`'true'`, `'admin'`). */
  comparedWith?: string;
  /** A database or lookup call it selects records for, or a call that makes a token for it. */
  lookup?: TSESTree.CallExpression | TSESTree.TaggedTemplateExpression;
  /** That call makes a token or session for the value (`createAccessToken(cookies.email)`). */
  mintsToken?: boolean;
  /** Kept on the request for later handlers (`req.userId = …`, `event.locals.user = …`). */
  stored?: AstNode;
  /** Checked, or made up when missing: this cookie proves nothing by its value alone, by design. */
  checked?: boolean;
}

/** A request's cookies: `req.cookies`, `cookies()`, a variable holding them. Not Koa's `ctx.cookies`, which are signed when the app has keys. */
function isBag(node: AstNode | null | undefined, bags: ReadonlySet<string>, browserCookies: boolean): boolean {
  const n = bare(node);
  if (!n) return false;
  if (n.type === 'MemberExpression') {
    if (n.computed || propertyName(n) !== 'cookies' || n.object.type === 'ThisExpression') return false;
    const owner = memberPath(n.object);
    return owner !== 'ctx' && !owner?.endsWith('.ctx');
  }
  // A variable called `cookies` in code that reads the browser's own cookies (`const [cookies] = useCookies()`) is not a request's.
  if (n.type === 'Identifier') return bags.has(n.name) || (!browserCookies && BAG_NAME.test(n.name));
  if (n.type === 'CallExpression') return BAG_CALL.test(memberPath(n.callee) ?? '');
  return false;
}

/** The cookie a node reads, and the expression that is its value: `req.cookies.userId`, `cookies().get('role')?.value`, `getCookie(c, 'uid')`. */
function cookieRead(node: AstNode, bags: ReadonlySet<string>, browserCookies: boolean): { name: string; value: AstNode } | undefined {
  if (node.type === 'MemberExpression') {
    if (!isBag(node.object, bags, browserCookies)) return undefined;
    const name = node.computed ? staticString(node.property as AstNode) : propertyName(node);
    const p = node.parent;
    if (!name || STORE_METHODS.has(name) || (p?.type === 'CallExpression' && p.callee === node)) return undefined;
    // Written, not read: `req.cookies.userId = …`.
    if (p?.type === 'AssignmentExpression' && p.left === node) return undefined;
    return { name, value: node };
  }
  if (node.type !== 'CallExpression') return undefined;
  const callee = node.callee;
  let name: string | undefined;
  if (callee.type === 'MemberExpression' && propertyName(callee) === 'get' && isBag(callee.object, bags, browserCookies)) name = staticString(node.arguments[0] as AstNode);
  // hono/cookie, h3 (Nuxt): `getCookie(c, 'name')`, `getCookie(event, 'name')`; not `getSignedCookie`.
  else if (callee.type === 'Identifier' && callee.name === 'getCookie' && node.arguments.length >= 2) name = staticString(node.arguments[1] as AstNode);
  if (!name) return undefined;
  // Next's RequestCookie: `cookies().get('x')?.value`.
  let value: AstNode = node;
  const up = value.parent?.type === 'ChainExpression' ? value.parent : value;
  const p = up.parent;
  if (p?.type === 'MemberExpression' && p.object === up && propertyName(p) === 'value') value = p;
  return { name, value };
}

/** Follow a cookie's value up through conversions, comparisons and variables to what the code does with it. */
function follow(start: AstNode, uses: Uses, depth: number): void {
  let cur = start;
  let negated = false;
  for (let steps = 0; steps < 40; steps++) {
    const p = cur.parent;
    if (!p) return;
    switch (p.type) {
      case 'ChainExpression':
      case 'TSAsExpression':
      case 'TSNonNullExpression':
      case 'TSSatisfiesExpression':
      case 'AwaitExpression':
        cur = p;
        continue;
      case 'MemberExpression': {
        if (p.object !== cur) return;
        // A method called on the value: `role.includes('admin')`, `userId.toString()`.
        const call = p.parent;
        if (call?.type === 'CallExpression' && call.callee === p) {
          const method = propertyName(p) ?? '';
          if (/^(?:includes|startsWith|endsWith|equals|localeCompare)$/.test(method)) uses.comparedWith ??= staticString(call.arguments[0] as AstNode) ?? 'a value';
          else if (!TRANSPARENT.test(method)) return;
          cur = call as AstNode;
          continue;
        }
        // `.value` of a RequestCookie, `.id` of a parsed user: still the cookie's content.
        cur = p;
        continue;
      }
      case 'LogicalExpression': {
        const other = p.left === cur ? p.right : p.left;
        const o = bare(other as AstNode);
        if (o?.type === 'CallExpression' && MADE_UP.test(memberPath(o.callee) ?? '')) {
          uses.checked = true;
          return;
        }
        cur = p;
        continue;
      }
      case 'UnaryExpression':
        if (p.operator === '!') negated = !negated;
        else if (p.operator !== 'typeof') return;
        cur = p;
        continue;
      case 'BinaryExpression': {
        if (!['===', '!==', '==', '!='].includes(p.operator)) {
          // `'…' + userId` builds a query or a path: the value goes on inside it.
          if (p.operator !== '+') return;
          cur = p;
          continue;
        }
        const other = bare((p.left === cur ? p.right : p.left) as AstNode);
        const literal = other?.type === 'Literal' ? String(other.value) : other?.type === 'Identifier' && other.name === 'undefined' ? 'undefined' : undefined;
        if (literal === undefined) return;
        if (literal === 'undefined' || literal === 'null' || literal === '') {
          if (p.operator.startsWith('=')) negated = !negated;
        } else uses.comparedWith ??= literal;
        cur = p;
        continue;
      }
      case 'CallExpression': {
        const name = memberPath(p.callee as AstNode) ?? methodName(p) ?? '';
        const method = methodName(p) ?? '';
        if (p.callee === cur) return;
        if (TRANSPARENT.test(name) || TRANSPARENT.test(method)) {
          cur = p;
          continue;
        }
        if (VERIFY.test(name)) {
          uses.checked = true;
          return;
        }
        // `roles.includes(role)`, `['admin', 'owner'].includes(role)`.
        if (method === 'includes' || method === 'has') {
          uses.comparedWith ??= 'a listed value';
          cur = p;
          continue;
        }
        if (/cookie|header|param/i.test(method)) return;
        // `createAccessToken(cookies.email)`, `jwt.sign({ id })`: a token for whoever the cookie names.
        if (MINT.test(method)) {
          uses.lookup ??= p;
          uses.mintsToken ??= true;
        } else if (LOOKUP.test(method)) uses.lookup ??= p;
        return;
      }
      case 'NewExpression':
        if (!TRANSPARENT.test(memberPath(p.callee as AstNode) ?? '')) return;
        cur = p;
        continue;
      case 'Property':
        if (p.value !== cur) return;
        cur = p.parent as AstNode;
        continue;
      case 'ArrayExpression':
      case 'TemplateLiteral':
      case 'ObjectExpression':
        cur = p;
        continue;
      case 'TaggedTemplateExpression':
        if (/sql/i.test(memberPath(p.tag as AstNode) ?? '')) uses.lookup ??= p;
        return;
      case 'IfStatement':
      case 'ConditionalExpression':
      case 'WhileStatement':
      case 'DoWhileStatement':
        if (p.test !== cur) return;
        uses.decision ??= cur;
        if (negated && uses.comparedWith === undefined) uses.missingTest = true;
        return;
      case 'ReturnStatement':
      case 'ArrowFunctionExpression': {
        if (p.type === 'ArrowFunctionExpression' && p.body !== cur) return;
        const fn = enclosingFunction(cur);
        const fnName = fn && functionName(fn);
        if (fnName && CHECK_FUNCTION.test(fnName)) uses.decision ??= cur;
        return;
      }
      case 'VariableDeclarator':
        if (p.init !== cur || p.id.type !== 'Identifier' || depth >= 2) return;
        followName(p.id, uses, depth);
        return;
      case 'AssignmentExpression': {
        if (p.right !== cur) return;
        if (p.left.type === 'Identifier') {
          if (depth < 2) followName(p.left, uses, depth);
          return;
        }
        // Kept on the request or its locals, where later handlers take it as proven.
        if (/^(?:req|request|event\.locals|ctx\.state|locals|context\.locals)\b/.test(memberPath(p.left as AstNode) ?? '')) uses.stored ??= p;
        return;
      }
      default:
        return;
    }
  }
}

/** Every later read of a variable the value was given to, in its function. */
function followName(id: TSESTree.Identifier, uses: Uses, depth: number): void {
  const scope = enclosingFunction(id as AstNode)?.body ?? programOf(id as AstNode);
  if (!scope) return;
  for (const ref of variableReferences(scope as AstNode).get(id.name) ?? []) {
    if (ref === id || ref.range[0] < id.range[0]) continue;
    // Given another value: what follows reads that one (and reading on would make a file of such lines quadratic).
    const p = ref.parent;
    if ((p?.type === 'VariableDeclarator' && p.id === ref) || (p?.type === 'AssignmentExpression' && p.left === ref)) return;
    follow(ref, uses, depth + 1);
    if (uses.checked) return;
  }
}

/** Names of a session or sign-in cookie: what the server takes as the caller's proof of who they are. */
const SESSION_NAME = /sess|sid$|auth|login|logged|token|jwt|connect/i;
/** An account's own id or e-mail as a value: `user.id`, `user._id.toString()`, `String(user.id)`, `userId`, `existingUser.email`. */
const ACCOUNT_VALUE = /^(?:String\()?(?:(?:\w*user|\w*User|account|member|customer|profile|u|data\.user|result\.user)\.(?:id|_id|uid|email|username)|userId|user_id|uid|accountId)(?:\.toString\(\)|\.toHexString\(\))?\)?$/;

const WHAT: Record<Exclude<Kind, 'identity'>, string> = { admin: 'who is an admin', role: 'what the caller may do', signedIn: 'who is signed in' };

/**
 * Who the caller is, or what they may do, read from a plain cookie: `if (req.cookies.isAdmin === 'true')`,
 * `User.findById(req.cookies.userId)`, `cookies().get('role')?.value === 'admin'`. A cookie is whatever the browser
 * sends: anyone can set it in devtools or with `curl -b` and pass the check or act as another user (CWE-565, CWE-639).
 * Tokens and session ids (checked by `jwt.verify`, a session lookup) are not reported, nor signed cookies
 * (`req.signedCookies`, `getSignedCookie`, Koa's `ctx.cookies`).
 */
export const forgeableAuthCookie = defineAstRule({
  id: 'forgeable-auth-cookie',
  messageIds: ['flag', 'identity', 'idSession'],
  appliesTo: { roles: ['server', 'shared'] },
  triggers: ['cookie', 'Cookie'],
  create({ file, report }) {
    const bags = new Set<string>();
    const browserCookies = BROWSER_COOKIES.test(file.text);
    const reads: { name: string; kind: Kind | undefined; read: AstNode; value: AstNode }[] = [];
    const writes: TSESTree.CallExpression[] = [];
    /** The file's string constants, for cookie names kept in one (`const SESSION_COOKIE = 'pp_session'`). */
    const constants = new Map<string, string>();
    const consider = (node: AstNode) => {
      const read = cookieRead(node, bags, browserCookies);
      if (read) reads.push({ name: read.name, kind: cookieKind(read.name), read: node, value: read.value });
      else if (node.type === 'CallExpression' && !browserCookies) writes.push(node);
    };
    return {
      VariableDeclarator(node) {
        const constant = node.id.type === 'Identifier' ? staticString(node.init as AstNode) : undefined;
        if (constant !== undefined && node.id.type === 'Identifier') constants.set(node.id.name, constant);
        if (node.id.type === 'Identifier' && isBag(node.init as AstNode, bags, browserCookies)) bags.add(node.id.name);
        // `const { userId } = req.cookies`: each name is a read.
        if (node.id.type === 'ObjectPattern' && isBag(node.init as AstNode, bags, browserCookies)) {
          for (const prop of node.id.properties) {
            if (prop.type !== 'Property') continue;
            const name = prop.computed ? staticString(prop.key as AstNode) : propertyName(prop);
            const local = prop.value.type === 'AssignmentPattern' ? prop.value.left : prop.value;
            if (name && local.type === 'Identifier') reads.push({ name, kind: cookieKind(name), read: prop as AstNode, value: local as AstNode });
          }
        }
      },
      MemberExpression: consider,
      CallExpression: consider,
      'Program:exit'() {
        // A session cookie that holds the account's id as it is: whoever sets it to another id is signed in as them.
        for (const call of writes) {
          // A session cookie that holds the account's id as it is, not signed, sealed or made into a token:
          // `res.cookie('session', user.id)`, `cookies().set(SESSION_COOKIE, userId)`, `setCookie(c, 'auth', user.id)`.
          const write = cookieWrite(call, constants);
          if (!write || write.signed || !SESSION_NAME.test(write.name) || cookieKind(write.name) === 'identity') continue;
          const valueText = file.text.slice(write.value.range[0], write.value.range[1]).replace(/\s+/g, '');
          if (!ACCOUNT_VALUE.test(valueText)) continue;
          report({ messageId: 'idSession', node: call as AstNode, data: { name: write.name, value: shorten(valueText, 40) }, confidence: 'high' });
        }
        for (const { name, kind: named, read, value } of reads) {
          const uses: Uses = {};
          if (value.type === 'Identifier' && value.parent?.type !== 'MemberExpression') followName(value as TSESTree.Identifier, uses, 0);
          else follow(value, uses, 0);
          // Whatever its name, a cookie compared with a fixed word of sign-in (`vk_session === 'authenticated'`) is one.
          const kind = named ?? constantKind(name, uses.comparedWith);
          if (uses.checked || !kind) continue;
          const label = shorten(file.text.slice(read.range[0], read.range[1]));
          if (kind === 'identity') {
            const use = uses.lookup ?? uses.stored ?? (uses.missingTest ? uses.decision : undefined);
            if (!use) continue;
            const call = uses.lookup && `\`${shorten(file.text.slice(use.range[0], use.range[1]), 50)}\``;
            const how = uses.mintsToken ? `a token is made for it by ${call}` : call ? `it selects the records of ${call}` : uses.stored ? 'it is kept on the request as the signed-in user' : 'its presence is the sign-in check';
            report({ messageId: 'identity', node: read, data: { read: label, name, how, line: use.loc.start.line }, confidence: uses.lookup || uses.stored ? 'high' : 'medium' });
            continue;
          }
          const decided = uses.decision ?? uses.stored;
          // A cookie by a flag's name that selects records is a token of some kind, not a flag.
          if (!decided || uses.lookup) continue;
          const setTo = uses.comparedWith !== undefined ? `\`${uses.comparedWith}\`` : 'any value';
          report({
            messageId: 'flag',
            node: read,
            data: { read: label, name, what: WHAT[kind], value: setTo, line: decided.loc.start.line },
            severity: kind === 'admin' || /admin|owner|super/i.test(uses.comparedWith ?? '') ? 'critical' : 'high',
            confidence: uses.comparedWith !== undefined || kind === 'admin' ? 'high' : 'medium',
          });
        }
      },
    };
  },
});
