import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { memberPath, objectProperty, patternNames, propertyName, staticString } from '../engine/ast-utils.js';
import type { AstNode } from '../parse/types.js';
import { chainOf, chainText, fileTest, isFunction, outerCalls, shorten, textOf, unwrap, walk, type ChainStep, type FunctionNode } from './ast.js';
import { addsNamedFields, BODY_FIELD, comparesRequestWithSession, createdForKey, recordsTestedAgainstCaller, filterKey, filterKeysOf, isOwnerCall, isOwnerComparison, originOf, recordAliases, recordClientParameters, recordLoopAliases, recordParameterAliases, resolve, type Aliases, type ClientParams } from './filters.js';
import { mayCharge, noteClientAmount, noteRequestArguments, requestSource } from './amounts.js';
import { mayCredit, noteCredit } from './credits.js';
import { chainedRoleWrite, CHAT_TARGET, countsViewOnly, fromCaller, isStoreReference, parentDocuments, relaysMail, ROLE_KEY, sqlTagTouch, storageTouch, touchOf, writesRole } from './touches.js';
import type { CallArgument, Evidence, FunctionFacts, Touch } from './types.js';
import { escapeRegExp } from '../engine/escape-regexp.js';
import { alwaysExits } from '../dataflow/guards.js';
import { ordinaryRoleOf, rolesLetThrough, roleNames, ROLE_NAMED_CALL } from './role-names.js';

/** Calls that throw or answer 401 themselves when the token or session is missing or forged. */
const ENFORCING = /(^|\.)(jwtVerify|verifyIdToken|verifySessionCookie|verifyAccessToken|protect|requireAuth|requireUser|requireSession|verifyJwt|verifyJWT|requireUserSession|requireAuthentication|requireAuthenticated|requireLogin|requireLoggedIn|requireSignedIn|ensureAuthenticated|ensureLoggedIn)$/;
/** `verify` imported by name from a JWT library (`import { verify } from 'hono/jwt'`): it throws on a bad token. */
const JWT_VERIFY_IMPORT = /\bimport\s*\{[^}]*\bverify\b[^}]*\}\s*from\s*['"](hono\/jwt|hono\/utils\/jwt\/jwt|jsonwebtoken|jose|@tsndr\/cloudflare-worker-jwt|https:\/\/deno\.land\/x\/djwt(?:@[\w.]+)?\/mod\.ts|(?:jsr:)?@zaubrik\/djwt(?:@[\w.^~]+)?)['"]|\{[^}]*\bverify\b[^}]*\}\s*=\s*require\(\s*['"](jsonwebtoken)['"]\s*\)/;
/** Hono's auth middleware factories, imported by name. */
const HONO_AUTH_IMPORT = /\bimport\s*\{([^}]*\b(?:jwt|jwk|bearerAuth|basicAuth)\b[^}]*)\}\s*from\s*['"](hono\/(?:jwt|jwk|bearer-auth|basic-auth))['"]/;
let honoImportOf: { text: string; match: RegExpExecArray | null } | undefined;

/** The file's import of a Hono auth middleware, looked up once per file (every curried call `f(…)(…)` asks). */
function honoAuthImport(text: string): RegExpExecArray | null {
  if (honoImportOf?.text !== text) honoImportOf = { text, match: text.includes('hono/') ? HONO_AUTH_IMPORT.exec(text) : null };
  return honoImportOf.match;
}
/** Convex calls that run another of the project's functions, by its reference (`internal.tasks.create`). */
const CONVEX_RUN = /(?:^|\.)(?:runQuery|runMutation|runAction)$/;
const CONVEX_SCHEDULE = /(?:^|\.)scheduler\.(?:runAfter|runAt)$/;
/**
 * A record a helper looks up by what it was given (`const user = await this.findOne(userId)`, `findOne({ where: { id } })`):
 * whoever that is, not the session's (unless the lookup itself reads the session).
 */
function foundByParameter(init: string | undefined, parameters: readonly string[]): boolean {
  return !!init && init.includes('(') && originOf(init) !== 'session' && parameters.some((name) => !PROOF_PARAMETER.test(name) && new RegExp(`\\b${escapeRegExp(name)}\\b`).test(init));
}

/** A token, key or session id handed to a helper: a record found by it is a sign-in (`findUnique({ where: { token } })`). */
const PROOF_PARAMETER = /token|key|secret|session|sid|jwt|cookie|auth|header|bearer|credential/i;

/** Parameters that are the request, its context or the response: not values a caller hands a helper. */
const REQUEST_PARAMETER = /^(?:req|request|ctx|c|event|context|res|reply|response|next|_\w*)$/;

/** Parameters named for an account's id, which the session is otherwise guessed from. */
const ID_PARAMETER = /^(?:userId|user_id|userID|uid|currentUserId|ownerId|accountId)$/;

/** Arguments that may carry a value from the request or the session (not literals, functions or object literals). */
const PASSED_VALUE = new Set(['Identifier', 'MemberExpression', 'ChainExpression', 'AwaitExpression', 'CallExpression', 'TSAsExpression', 'TSNonNullExpression']);
/** Calls of the platform and the response, never of a project helper: their arguments are not kept. */
const NOT_A_HELPER = /^(?:console|JSON|Math|Object|Array|Promise|Number|String|Date|process|res|reply|NextResponse|Response|logger|fetch)$/;

/** An argument of a call, as written and as read (where it comes from is asked only of calls that reach a helper). */
function argumentOrigin(arg: AstNode, text: string, aliases: Aliases): CallArgument | null {
  if (arg.type === 'ObjectExpression') return objectArgument(arg, text, aliases);
  if (!PASSED_VALUE.has(arg.type)) return null;
  const value = textOf(text, arg);
  return value.length > 200 ? null : { value, source: resolve(value, aliases) };
}

/** An object literal of named values passed to a helper (`{ userId, commentId: c.req.param('id') }`), key by key. */
function objectArgument(arg: TSESTree.ObjectExpression, text: string, aliases: Aliases): CallArgument | null {
  const members: Record<string, CallArgument> = {};
  for (const p of arg.properties) {
    const key = p.type === 'Property' && !p.computed ? propertyName(p) : undefined;
    const value = key && p.type === 'Property' ? argumentOrigin(p.value as AstNode, text, aliases) : null;
    if (value && !value.members) members[key!] = value;
  }
  return Object.keys(members).length ? { value: '{…}', source: '{…}', members } : null;
}

/**
 * Firebase's Auth service, not the signed-in user: `admin.auth()`, `firebase.auth()`, `getAuth()` from
 * `firebase-admin/auth` or `firebase/auth` (Clerk's `getAuth(req)` reads the request's user).
 */
function firebaseAuthService(call: TSESTree.CallExpression, path: string, text: string): boolean {
  if (call.arguments.length > 0) return false;
  if (/^(?:admin|firebase|firebaseAdmin|adminApp|firebaseApp|app)\.auth$/.test(path)) return true;
  return path === 'getAuth' && /['"]firebase(?:-admin)?\/auth['"]/.test(text);
}

/**
 * A value the caller chose (`fromCaller`), unless it is a local the server set to one of its own words:
 * `const role = playerCount === 0 ? 'admin' : 'player'`.
 */
function callerValue(node: AstNode, text: string, aliases: Aliases): boolean {
  const chosen = node.type === 'Identifier' && aliases.has(node.name) ? SERVER_WORDS.exec(aliases.get(node.name)!.trim()) : null;
  // Unless the request decides between them (`body.isAdmin ? 'admin' : 'user'`).
  if (chosen && !(chosen[1] && requestSource(chosen[1], aliases, NO_ELEMENTS))) return false;
  return fromCaller(node, text);
}
/** A literal, or a choice between literals (with what decides it). */
const SERVER_WORDS = /^(?:(?:([^?'"`]*)\?\s*)?(['"`])[\w -]*\2\s*:\s*(['"`])[\w -]*\3|(['"`])[\w -]*\4)$/;
const NO_ELEMENTS: ReadonlyMap<string, string> = new Map();

/** Calls that read the signed-in user and return null without one: the code must still reject. */
const SOFT = /(^|\.)(getServerSession|getSession|getUser|getClaims|currentUser|auth|getAuth|validateSession|validateRequest|getIronSession|getToken|getKindeServerSession|getCurrentUser|getAuthUserId|getUserIdentity|getUserSession|serverSupabaseUser|getSessionUser|getLoggedInUser|isAuthenticated|isLoggedIn|verifySession|getUserFromRequest|authenticate|get(?:Api|Login|Auth|Current|LoggedIn)(?:User)?Session|get(?:Api|Auth|Session)User)$/;
/** Stripe objects fetched from Stripe by id: what they say (paid or not, for which order) comes from Stripe, not the caller. */
const PAYMENT_LOOKUP = /\.(?:checkout\.sessions|paymentIntents|charges|setupIntents|invoices|subscriptions)\.retrieve$/;
const PAID_STATUS = /\.(?:payment_status|status)\s*[!=]==?\s*['"`](?:paid|succeeded|complete|active|no_payment_required|success|successful|captured|COMPLETED)['"`]/;
/** Providers' endpoints that say whether a payment the request names went through: Paystack, Flutterwave, Razorpay, PayPal. */
const PAYMENT_VERIFY_URL = /api\.paystack\.co\/transaction\/verify|api\.flutterwave\.com\/v3\/transactions\/[^'"`]*verify|api\.razorpay\.com\/v1\/(?:payments|orders)\/|api(?:-m)?\.(?:sandbox\.)?paypal\.com\/v2\/checkout\/orders\//;
const SIGNATURE = /(^|\.)(constructEvent|constructEventAsync|timingSafeEqual|verifyHeader|validateWebhook|validateRequest|validatePaymentVerification|(?:verify|validate)\w*(?:Signature|Webhook))$/;
/** A negated sign-in fact: `!user`, `!session?.user`, `!req.user`, `!context.auth`, `!request.auth`, PocketBase's `!pb.authStore.isValid`. */
const USER_WORD = /^(user|session|auth|authStore|userId|user_id|uid|currentUser|claims|decoded|payload|principal|identity|viewer|authUser|sessionUser|me|isAuthenticated|isLoggedIn|loggedIn|signedIn|authenticated|jwtPayload|authContext|authCtx|authSession|currentSession)$/;
const ROLE_TEST = /\b(role|roles|isAdmin|is_admin|admin|permissions?|isStaff|is_staff|isSuperuser|is_superuser|superuser|isOwner|scopes?|app_metadata)\b|\b[A-Za-z]\w*_roles?\b|\b[a-z]\w*Roles?\b|\bROLES?_[A-Z_]+\b/;
/** Tables that hold who has which role (the `user_roles` table Lovable and Supabase's RBAC guide set up, `admins`), and the columns naming one user. */
const ROLE_TABLES = '(?:public\\.)?(?:user_?roles?|roles|admins?|admin_?(?:users|profiles|accounts|members)|user_?permissions|permissions|staff|staff_?members|moderators)';
const USER_COLUMNS = '(?:user_?id|uid|profile_?id|id|auth_?id)';
/** `has`, `can`, `cannot` ask about rights only on an ability, a user or a role (`ability.can('manage', …)`), not on any Set. */
const GENERIC_CHECK = /(^|\.)(can|cannot|has)$/;
const PERMISSION_SUBJECT = /abilit|permission|role|user|acl|access|polic|guard|admin|staff|moderat|manage/i;
const ROLE_CALL = /(^|\.)(requireRole|requireRoles|hasRole|hasRoles|checkRole|checkRoles|requireAdmin|isAdmin|assertAdmin|ensureAdmin|authorize|can|cannot|hasPermission|checkPermission|checkPermissions|requirePermission|has)$/;

/**
 * What each function body was found to do, by its node: a file's top-level functions are read for the route linker,
 * and the same functions again as the entry points of Next.js, SvelteKit, Nuxt, Remix or Astro. One walk serves both.
 */
const analyzed = new WeakMap<object, FunctionFacts>();

/** A check named as one (`checkUserRole`, `assertCanEdit`, `ensureMember`) given the caller and something else. */
const CHECK_CALL = /^(?:assert|ensure|check|verify|require|authorize|authorise|can)[A-Z_]\w*$/;
const CALLER_NAME = /^(?:user|currentUser|authUser|sessionUser|me|caller|requester|actor|viewer)$/;

/** `checkUserRole(user, blog)`: a helper handed the caller and a record, by its name a check that throws when it fails. */
function checksCallerAgainst(call: TSESTree.CallExpression, path: string, text: string, aliases: Aliases): boolean {
  const name = path.split('.').pop() ?? '';
  if (!CHECK_CALL.test(name) || call.arguments.length < 2 || !call.arguments.every((a) => a.type === 'Identifier' || a.type === 'MemberExpression')) return false;
  const caller = (a: TSESTree.CallExpressionArgument) => {
    const written = textOf(text, a as AstNode);
    const from = resolve(written, aliases);
    return CALLER_NAME.test(written) || from === 'currentUser' || originOf(from) === 'session' || SIGNED_IN_USER.test(from);
  };
  return call.arguments.some(caller) && call.arguments.some((a) => !caller(a));
}

/** Cheaply, whether a member's object may be the signed-in user: its root is a request, a session read, or a local of one. */
function mayHoldUser(held: AstNode, softNames: ReadonlySet<string>, aliases: Aliases): boolean {
  let root = held;
  while (root.type === 'MemberExpression') root = root.object as AstNode;
  if (root.type !== 'Identifier') return false;
  if (USER_HOLDER.test(root.name) || softNames.has(root.name)) return true;
  const alias = aliases.get(root.name);
  return alias !== undefined && /\buser\b|currentUser/.test(alias);
}
const USER_HOLDER = /^(?:req|request|ctx|context|event|locals)$/;

interface LineRange {
  from: number;
  to: number;
}

/**
 * The lines of the innermost `if` branch or `switch` case a node is in, within its function; undefined when it is
 * in none (it then runs for every request the function serves). `try` blocks and loops do not count as branches.
 */
function branchOf(ancestors: readonly AstNode[]): LineRange | undefined {
  for (let i = ancestors.length - 1; i > 0; i--) {
    const a = ancestors[i];
    if (isFunction(a)) return undefined;
    const parent = ancestors[i - 1];
    if (a.type === 'SwitchCase' || (parent.type === 'IfStatement' && a !== parent.test)) return { from: a.loc.start.line, to: a.loc.end.line };
  }
  return undefined;
}

/** Whether `node` runs whenever the function does: not in a branch, a loop, a `try`, a callback, or the right of `&&`. */
function alwaysRuns(node: AstNode, ancestors: readonly AstNode[], fn: AstNode): boolean {
  const from = ancestors.indexOf(fn);
  for (let i = from + 1; i < ancestors.length; i++) {
    const a = ancestors[i];
    const child = ancestors[i + 1] ?? node;
    if (isFunction(a) || a.type === 'SwitchStatement' || a.type === 'TryStatement' || a.type === 'CatchClause' || a.type === 'ForStatement' || a.type === 'ForOfStatement' || a.type === 'ForInStatement' || a.type === 'WhileStatement' || a.type === 'DoWhileStatement') return false;
    if ((a.type === 'IfStatement' || a.type === 'ConditionalExpression') && child !== a.test) return false;
    if (a.type === 'LogicalExpression' && child === a.right) return false;
  }
  return true;
}

const usesFirebaseAdmin = fileTest(/firebase-admin/);

/** The caller's role or admin flag read from their token, session or user: `context.auth.token.admin`, `session.user.role`. */
const CALLERS_ROLE = /\b(?:auth|token|claims|user|session|currentUser|me)\b[\w$.?]*\.(?:role|roles|admin|isAdmin|is_admin)\b/;

/** A test that something is not so: `x !== true`, `!isAdmin`, `role != 'admin'`. */
const NEGATED_TEST = /!==?|^\s*!/;

/** A test that holds in production: `NODE_ENV !== 'development'`, `NODE_ENV === 'production'`. */
const PRODUCTION_TEST = /^process\.env\.NODE_ENV(?:!==?['"`]development['"`]|===?['"`]production['"`])$|^(?:['"`]development['"`]!==?|['"`]production['"`]===?)process\.env\.NODE_ENV$/;

/** The user a sign-in middleware or context puts on the request when, and only when, someone is signed in. */
const SIGNED_IN_USER = /^(?:req|request|ctx\.state|ctx|context|event\.locals|locals)\.(?:user|currentUser)$/;

/**
 * Read one function body for auth, role checks, signature checks and data touched. Read once per function node; a
 * read whose parameters are the client's (`clientParams`) is its own.
 */
export function analyzeFunction(fn: FunctionNode | TSESTree.MethodDefinition['value'], text: string, file: string, name?: string, opts: { clientParams?: ClientParams } = {}): FunctionFacts {
  if (opts.clientParams) return readFunction(fn, text, file, name, opts);
  const known = analyzed.get(fn);
  if (known) return known.name === name ? known : { ...known, name };
  const facts = readFunction(fn, text, file, name, opts);
  analyzed.set(fn, facts);
  return facts;
}

function readFunction(fn: FunctionNode | TSESTree.MethodDefinition['value'], text: string, file: string, name: string | undefined, opts: { clientParams?: ClientParams }): FunctionFacts {
  const facts: FunctionFacts = { name, file, startLine: fn.loc.start.line, endLine: fn.loc.end.line, touches: [], calls: [] };
  if (fn.async) facts.async = true;
  let enforcing: Evidence | undefined;
  let guardHandsBack = false;
  let soft: Evidence | undefined;
  let rejection: Evidence | undefined;
  // Rejections that say the caller is not signed in (401, 403, a redirect to the sign-in page), and tests of what the
  // session read answered: with a read of the session, they make a sign-in check; a 404 or a validation error does not.
  let authRejection: Evidence | undefined;
  let softRejection: Evidence | undefined;
  const softNames = new Set<string>();
  let guard: Evidence | undefined;
  let roleTest: Evidence | undefined;
  let roleRefusal = false;
  let roleCall: Evidence | undefined;
  let roleTestOrdinary: string | undefined;
  let roleCallOrdinary: string | undefined;
  const ev = (node: AstNode, what: string): Evidence => ({ text: what, file, line: node.loc.start.line });
  // Where local values come from, for the filter keys of each touch (`const { id } = req.params`).
  const aliases: Aliases = new Map();
  let ownerCheck: (Evidence & { scope?: LineRange }) | undefined;
  const callerBranches: { from: number; to: number; text: string }[] = [];
  // Records found by a touch, by the local names they are bound to; and those a check tested against the caller.
  const recordTouches = new Map<string, Touch>();
  const recordChecks = new Map<string, Evidence & { scope?: LineRange }>();
  const signedInBranches: { from: number; to: number; at: Evidence }[] = [];
  const readUses = new Map<string, { touch: Touch; after: number; tests: number; other: number }>();
  // A helper's `userId` parameter is whatever its caller passes, not the session its name suggests: marked, so that
  // nothing is taken from the name (the route inventory binds it to what each call passes).
  const plainParameters = fn.params.flatMap((p) => (p.type === 'Identifier' && !p.decorators?.length && !REQUEST_PARAMETER.test(p.name) ? [p.name] : []));
  for (const name of plainParameters) if (ID_PARAMETER.test(name)) aliases.set(name, `#${name}`);
  recordParameterAliases(fn.params, text, aliases);
  if (opts.clientParams) recordClientParameters(fn.params, aliases, opts.clientParams);
  const params = fn.params.map((p) => (p.type === 'Identifier' ? p.name : p.type === 'AssignmentPattern' && p.left.type === 'Identifier' ? p.left.name : p.type === 'TSParameterProperty' && p.parameter.type === 'Identifier' ? p.parameter.name : ''));
  if (params.some(Boolean)) facts.params = params;
  fn.params.forEach((p, i) => {
    if (p.type !== 'ObjectPattern') return;
    const keys: Record<string, string> = {};
    for (const prop of p.properties) if (prop.type === 'Property' && !prop.computed && prop.value.type === 'Identifier') keys[propertyName(prop) ?? ''] = prop.value.name;
    if (Object.keys(keys).length) (facts.paramKeys ??= {})[i] = keys;
  });
  // Records looked up by values from the request, by the local names they are bound to, with the lookup: `!user`
  // after `User.findOne({ email: req.params.email })` is not a sign-in check. Those found by a secret token are.
  const requestRecords = new Map<string, Evidence>();
  const tokenRecords = new Map<string, Evidence>();
  // Users looked up by who the request says they are (`User.findOne({ email })`), and where such a user is signed in.
  const identityRecords = new Map<string, { lookup: Evidence; key: string }>();
  let signedInByName: { record: { lookup: Evidence; key: string }; issue: Evidence } | undefined;
  // The handler calls `save()` somewhere (read once, when a document is first built with a role).
  let savesDocuments: boolean | undefined;
  // A login token whose claims are what the request says (`new SignJWT(body)`, `jwt.sign({ email: req.body.email })`).
  let signedFromRequest: { issue: Evidence; claims: string } | undefined;
  // A session or login given to an account the code names (`req.session.user = DEV_USER`, `req.login(DEMO_USER)`).
  let signedInFixed: { issue: Evidence; account: string } | undefined;
  const signsInFixed = (node: AstNode, label: string, account: AstNode | undefined) => {
    if (!signedInFixed && account && fixedAccount(account)) signedInFixed = { issue: ev(node, `\`${shorten(label, 60)}\``), account: shorten(textOf(text, account), 40) };
  };
  const signsRequestClaims = (node: AstNode, label: string, claims: AstNode | undefined) => {
    const key = claims && requestClaim(claims, text, aliases);
    if (key && !signedFromRequest) signedFromRequest = { issue: ev(node, `\`${shorten(label, 60)}\``), claims: key };
  };
  const issuesFor = (node: AstNode, label: string, argsText: string) => {
    if (signedInByName || identityRecords.size === 0) return;
    const found = [...identityRecords].find(([name]) => new RegExp(`(?<![\\w$.])${escapeRegExp(name)}\\b`).test(argsText));
    if (found) signedInByName = { record: found[1], issue: ev(node, `\`${shorten(label, 60)}\``) };
  };

  // Local constants holding text (a SQL statement written out before it is run) or a reference to stored documents,
  // and instances of classes made here
  // (`const bank = new BankService()`, whose `bank.addValue(…)` is a call of `BankService.addValue`).
  const locals = { texts: new Map<string, AstNode>(), refs: new Map<string, AstNode>() };
  const localInstances = new Map<string, string>();
  // Objects written out first (`const mailOptions = { to, subject, text }`), for the call they are handed to.
  const localObjects = new Map<string, TSESTree.ObjectExpression>();
  // Tests kept in a local (`const isMember = chama.members.some((m) => m.userId === user._id)`), read where it is tested.
  const localTests = new Map<string, AstNode>();
  const recordLocal = (name: string, init: AstNode | null) => {
    if (init?.type === 'ObjectExpression') localObjects.set(name, init);
    if (init && (init.type === 'CallExpression' || init.type === 'BinaryExpression' || init.type === 'LogicalExpression')) localTests.set(name, init);
    if (init?.type === 'TemplateLiteral' || (init?.type === 'Literal' && typeof init.value === 'string')) locals.texts.set(name, init);
    if (init && isStoreReference(init)) locals.refs.set(name, init);
    const made = init?.type === 'AwaitExpression' ? init.argument : init;
    if (made?.type === 'NewExpression' && made.callee.type === 'Identifier') localInstances.set(name, made.callee.name);
  };

  // `if (process.env.NODE_ENV !== 'development') return …` first: the handler does its work only in development.
  const firstStatements = fn.body?.type === 'BlockStatement' ? fn.body.body.slice(0, 3) : [];
  const devGate = firstStatements.find((st): st is TSESTree.IfStatement => st.type === 'IfStatement' && !st.alternate && PRODUCTION_TEST.test(textOf(text, st.test as AstNode).replace(/\s+/g, '')) && alwaysExits(st.consequent));
  if (devGate) facts.devOnly = ev(devGate as AstNode, `\`if (${shorten(textOf(text, devGate.test as AstNode), 50)})\` returns before anything else outside development`);
  // `request.user.id`, `session.user.id` (not `?.`): without a signed-in user it throws, so nothing after it runs.
  let userDeref: { at: Evidence; offset: number } | undefined;
  // Where each touch's call ends: a dereference in its arguments runs before it.
  const touchEnds = new Map<Touch, number>();
  // `const user = await ctx.db.get(args.userId); if (user.role === 'admin') throw …`: the role of a record the request
  // named, not the caller's. (Every record the test reads was found by the request's values alone.)
  const othersRecordOnly = (test: AstNode): boolean => {
    const names = [...textOf(text, test).matchAll(/[A-Za-z_$][\w$]*/g)].map((m) => m[0]).filter((n) => recordTouches.has(n));
    return names.length > 0 && names.every((n) => {
      const filters = recordTouches.get(n)!.filters ?? [];
      return filters.length > 0 && filters.every((f) => f.from === 'request');
    });
  };
  // `if (userId) { …; if (!user) return 401 }`: a check that runs only when a sign-in was sent turns away nobody who
  // sent none.
  // (Nor does one in a `catch`: a session read such as `getAuth(req)` answers null for a visitor, it does not throw.)
  const onlyWhenSignedIn = (node: AstNode, ancestors: readonly AstNode[]): boolean =>
    ancestors.some((a) => a.type === 'CatchClause') ||
    ancestors.some((a, i) => a.type === 'IfStatement' && (ancestors[i + 1] ?? node) === a.consequent && affirmsSignIn(a.test as AstNode) && !negatedNames(a.test as AstNode).length && !(a.alternate && hasRejection(a.alternate as AstNode, text)));
  // `if (!isMember) return 403`: the test the local holds.
  const testedThroughLocal = (test: AstNode): string[] | undefined => {
    const held = bareName(test);
    const init = held ? localTests.get(held) : undefined;
    return init ? recordsTestedAgainstCaller(init, text, aliases) : undefined;
  };
  const visitNode = (node: AstNode, ancestors: AstNode[]): boolean | void => {
    // `return authHeader === \`Bearer ${process.env.CRON_SECRET}\``: a helper that answers whether the caller sent the secret.
    if (node.type === 'ReturnStatement' && node.argument && (node.argument.type === 'BinaryExpression' || node.argument.type === 'LogicalExpression')) {
      const sentIn = comparesSentWithSecret(node.argument as AstNode, text, aliases);
      if (sentIn) facts.signature ??= ev(node, `\`return ${shorten(textOf(text, node.argument as AstNode), 50)}\` compares a ${sentIn} with a secret`);
    }
    // A middleware that puts a made-up user on the request (`req.user = { id: 'mock-user' }`): handlers behind it always have one.
    // (Not one that sets the user a token names, which may be none.)
    if (node.type === 'AssignmentExpression' && node.right.type === 'ObjectExpression' && SIGNED_IN_USER.test(memberPath(node.left as AstNode) ?? '')) facts.setsUser = true;
    if (node.type === 'MemberExpression' && !userDeref && !node.optional && mayHoldUser(node.object as AstNode, softNames, aliases)) {
      const held = node.object as AstNode;
      const path = memberPath(held);
      const from = path && resolve(path, aliases);
      const root = path && /^[A-Za-z_$][\w$]*/.exec(path)?.[0];
      const signedIn = !!from && (SIGNED_IN_USER.test(from) || (!!root && softNames.has(root) && (path === root ? /user|session/i.test(root) : path === `${root}.user`)));
      if (signedIn && !textOf(text, node).includes('?.') && alwaysRuns(node, ancestors, fn as AstNode)) userDeref = { at: ev(node, `\`${shorten(textOf(text, node), 40)}\` throws when no one is signed in, before the handler touches anything`), offset: node.range[0] };
    }
    // Where a read's result is used: only in tests (`if (taken) return 409`) says whether it exists, and hands out nothing.
    if (node.type === 'Identifier' && readUses.size) {
      const use = readUses.get(node.name);
      if (use && node.range[0] >= use.after && !isPropertyName(node, ancestors[ancestors.length - 1])) {
        if (ancestors.some((a, i) => (a.type === 'IfStatement' || a.type === 'ConditionalExpression') && (ancestors[i + 1] ?? node) === a.test)) use.tests++;
        else use.other++;
      }
    }
    if (node.type === 'ForOfStatement') recordLoopAliases(node, text, aliases);
    if (node.type === 'VariableDeclarator') {
      recordAliases(node, text, aliases);
      if (node.id.type === 'Identifier') recordLocal(node.id.name, node.init as AstNode | null);
      // `const member = await getMember(ctx, workspaceId, userId)`: the caller's own record, found by their id.
      if (node.id.type === 'Identifier' && callerRecordCall(node.init as AstNode | null, text, aliases)) aliases.set(node.id.name, 'currentUser');
    }
    if (node.type === 'CallExpression') {
      const { root, steps } = chainOf(node);
      const path = chainText({ root, steps }).replace(/^\./, '');
      const callee = memberPath(node.callee as AstNode) ?? path;
      // `this.cartService.addItem(…)`: a method of a service the class was given (NestJS injection), by the property's name.
      const called = root === 'this' ? thisCall(callee, name) : root ? instanceCall(callee, localInstances) : undefined;
      if (called) {
        facts.calls.push(called);
        (facts.callLines ??= {})[called] ??= node.loc.start.line;
        if (ancestors[ancestors.length - 1]?.type === 'ExpressionStatement') (facts.unawaited ??= []).push(called);
        if (dereferencesResult(node, ancestors)) (facts.dereferenced ??= []).push(called);
        // Where each argument comes from, for the helper's parameters (`getCart(req.params.userId)`).
        if (node.arguments.length && !facts.callArgs?.[called] && !NOT_A_HELPER.test(root ?? '')) (facts.callArgs ??= {})[called] = node.arguments.map((a) => argumentOrigin(a as AstNode, text, aliases));
      }
      // Convex: `ctx.runMutation(internal.tasks.create, {…})`, `ctx.scheduler.runAfter(0, internal.emails.send, {…})`.
      const ref = CONVEX_RUN.test(path) ? node.arguments[0] : CONVEX_SCHEDULE.test(path) ? node.arguments[1] : undefined;
      const refPath = ref && memberPath(ref as AstNode);
      if (refPath && /^(?:api|internal)\./.test(refPath)) facts.calls.push(refPath);
      // `ctx.runQuery(api.invitations.byToken, { token })` with the request's token: a lookup by a secret it carries.
      const runArgs = CONVEX_RUN.test(path) ? node.arguments[1] : undefined;
      if (runArgs?.type === 'ObjectExpression' && runArgs.properties.some((p) => p.type === 'Property' && SECRET_TOKEN_KEY.test(propertyName(p) ?? '') && originOf(resolve(textOf(text, p.value as AstNode), aliases)) === 'request')) {
        for (const name of boundNames(ancestors)) tokenRecords.set(name, ev(node, `\`${shorten(textOf(text, node))}\``));
      }
      // Hono's auth middleware called in place: `jwt({ secret })(c, next)`, `bearerAuth({ token })(c, next)`, or made
      // first (`const jwtMiddleware = jwt({ secret: c.env.JWT_SECRET }); return jwtMiddleware(c, next)`, as Hono's docs do).
      const madeBy = node.callee.type === 'Identifier' ? /^([A-Za-z_$][\w$]*)\s*\(/.exec(resolve(node.callee.name, aliases))?.[1] : undefined;
      const factory = node.callee.type === 'CallExpression' && node.callee.callee.type === 'Identifier' ? node.callee.callee.name : madeBy;
      const made = factory && honoAuthImport(text);
      if (made && made[1].split(',').some((n) => n.trim().split(/\s+as\s+/).pop() === factory)) {
        enforcing ??= ev(node, `\`${factory}()\` from \`${made[2]}\` turns away requests without a valid token`);
        const within = [...ancestors].reverse().find((a) => a.type === 'IfStatement') as TSESTree.IfStatement | undefined;
        if (within) facts.pathScope ??= pathScopeOf(textOf(text, within.test as AstNode), aliases);
      }
      if ((/(^|\.)verify$/.test(path) && /jwt|jsonwebtoken|jose|token|JWT/.test(root ?? '')) || path === 'validateJwt') enforcing ??= ev(node, `\`${shorten(callee)}\` verifies the token`);
      else if (path === 'verify' && JWT_VERIFY_IMPORT.test(text)) {
        const from = JWT_VERIFY_IMPORT.exec(text)!;
        enforcing ??= ev(node, `\`verify\` (${from[1] ?? from[2]}) verifies the token`);
      }
      else if (ENFORCING.test(path)) enforcing ??= ev(node, `\`${shorten(callee)}()\` rejects requests without a valid sign-in`);
      // (`getUser(req.params.id)` reads the user the request names, not the signed-in one.)
      else if (SOFT.test(path) && !firebaseAuthService(node, path, text) && !node.arguments.some((a) => originOf(resolve(textOf(text, a as AstNode), aliases)) === 'request')) {
        soft ??= ev(node, `\`${shorten(callee)}()\` reads the signed-in user`);
        // What it answers (`const { data, error } = await supabase.auth.getUser()`): a test of it is a sign-in test.
        for (const name of boundNames(ancestors)) softNames.add(name);
      }
      if (SIGNATURE.test(path) || (/(^|\.)verify$/.test(path) && /^(wh|webhook|svix|hook)/i.test(root ?? '')) || /(?:^|\.)subtle\.verify$/.test(path)) facts.signature ??= ev(node, `\`${shorten(callee)}\` checks the signature`);
      if (PAYMENT_LOOKUP.test(path) && /stripe/i.test(root ?? '') && PAID_STATUS.test(textOf(text, fn as AstNode))) facts.paymentCheck ??= ev(node, `\`${shorten(callee)}\` asks Stripe for the payment, and the handler checks its status`);
      if (root === 'fetch' && node.arguments[0] && PAYMENT_VERIFY_URL.test(textOf(text, node.arguments[0] as AstNode)) && PAID_STATUS.test(textOf(text, fn as AstNode))) facts.paymentCheck ??= ev(node, '`fetch` asks the payment provider about the payment, and the handler checks its status');
      if (!roleCall && ROLE_CALL.test(path) && node.arguments.length > 0 && (!GENERIC_CHECK.test(path) || PERMISSION_SUBJECT.test(textOf(text, node)))) {
        roleCall = ev(node, `\`${shorten(textOf(text, node))}\``);
        if (ROLE_NAMED_CALL.test(path)) roleCallOrdinary = ordinaryRoleOf(roleNames(node.arguments.map((a) => textOf(text, a as AstNode)).join(',')));
      }
      if (/\.rpc$/.test(path) && /admin|role/i.test(staticString(node.arguments[0] as AstNode) ?? '')) roleCall ??= ev(node, `\`${shorten(textOf(text, node))}\``);
      // better-auth's admin plugin, given the caller's headers, refuses callers without an admin role itself.
      if (BETTER_AUTH_ADMIN.test(path) && node.arguments[0]?.type === 'ObjectExpression' && objectProperty(node.arguments[0], 'headers')) roleCall ??= ev(node, `\`${shorten(callee)}\` (better-auth's admin plugin) checks the caller's admin role`);
      if (isRejectCall(node, path)) {
        rejection ??= ev(node, `\`${shorten(textOf(text, node))}\``);
        if (isAuthRejection(node, path, text) && !onlyWhenSignedIn(node, ancestors)) authRejection ??= rejection;
      }
      // Parse: `.set('role', x)` with a value the caller chose.
      if (/\.set$/.test(path) && ROLE_KEY.test(staticString(node.arguments[0] as AstNode) ?? '') && node.arguments[1] && callerValue(node.arguments[1] as AstNode, text, aliases)) {
        facts.touches.push(roleTouch(node, text, file, root));
      }
      if (isOwnerCall(path) || checksCallerAgainst(node, path, text, aliases)) ownerCheck ??= { ...ev(node, `\`${shorten(textOf(text, node))}\``), scope: branchOf(ancestors) };
      // Counts like a role test: with a rejection somewhere in the handler.
      if (isRoleLookup(steps, (v) => !notTheCaller('', resolve(textOf(text, v), aliases)))) roleTest ??= ev(node, `\`${shorten(textOf(text, node))}\` looks up the caller's role`);
      // An e-mail counts only when the request chose both whom it goes to and what it says.
      const found = touchOf(node, text, file, locals, () => outerCalls(node, ancestors).map((c) => propertyName(c.member) ?? '')) ?? (mayStore(text) ? storageTouch(node, text, file) : undefined);
      const touch = found?.kind === 'email' && !relaysMail(node, text, aliases, localObjects) ? undefined : found;
      if (touch) {
        // (A subcollection's documents are found under their parent's: `users/{uid}/notifications/{id}`.)
        const filters = [...filterKeysOf(node, ancestors), ...parentDocuments(node, locals).map((n) => ({ key: 'parent', node: n }))].map((k) => filterKey(k.key, k.node, text, aliases));
        if (filters.length) touch.filters = filters;
        // `const review = await Review.findByPk(id); …; await review.save()`: the record the read found by its id, changed.
        // (Not one found by an e-mail the handler set from the session, `req.body.email = req.user.email`; nor a count
        // kept on it, as tickets left on an event: `event.availableTickets -= qty; await event.save()`.)
        const loaded = root && steps.length === 1 && INSTANCE_WRITE.has(steps[0].name) ? recordTouches.get(root) : undefined;
        const byId = loaded?.filters?.some((f) => /^_?id$|Id$|_id$/.test(f.key));
        if (touch.kind === 'write' && loaded?.kind === 'read' && loaded.target && byId && !touch.filters && (INSTANCE_DELETE.has(steps[0].name) || setsFieldsOf(fn as AstNode, root!))) {
          touch.target = loaded.target;
          touch.userData = loaded.userData;
          if (loaded.filters) touch.filters = loaded.filters;
        }
        const createdFor = touch.kind === 'write' ? createdForKey(node, text, aliases) : undefined;
        if (createdFor) touch.createdFor = createdFor;
        if (touch.kind === 'write' && addsNamedFields(node)) touch.addsNamedFields = true;
        if (touch.kind === 'write' && countsViewOnly(node)) touch.counterOnly = true;
        if (touch.kind === 'write' && !touch.roleWrite && chainedRoleWrite(outerCalls(node, ancestors), touch.target, text)) touch.roleWrite = true;
        // Supabase names the table as a string (`.from('notes')`); Drizzle passes a table object.
        if (root && steps.some((s) => s.name === 'from' && s.args?.[0] && staticString(s.args[0] as AstNode) !== undefined)) touch.supabaseClient = supabaseClientOf(root, aliases, text);
        if (isPocketBaseCall(root, steps, aliases, text)) touch.pocketbase = true;
        // A function the caller's own client runs is for its own checks (or SECURITY DEFINER, which the SQL rules judge).
        const rpc = root !== undefined && steps.length === 1 && steps[0].name === 'rpc';
        if (!rpc || supabaseClientOf(root, aliases, text) === 'service-role') {
          facts.touches.push(touch);
          touchEnds.set(touch, node.range[1]);
        }
        for (const name of boundNames(ancestors)) {
          recordTouches.set(name, touch);
          if (touch.kind === 'read') readUses.set(name, { touch, after: node.range[1], tests: 0, other: 0 });
        }
        // `if (await User.findOne({ email }))`: a read tested in place says only whether a record exists.
        if (touch.kind === 'read' && testedInPlace(node, ancestors)) touch.existenceOnly = true;
        // The caller's own account, found by who the session says they are (`.withIndex('by_clerkId', (q) =>
        // q.eq('clerkId', identity.subject))`): what it holds is the caller's.
        if (touch.kind === 'read' && touch.userData && filters.some((f) => f.from === 'session') && filters.every((f) => f.from !== 'request')) {
          for (const name of boundNames(ancestors)) aliases.set(name, 'currentUser');
        }
        // (Sequelize's `findOrCreate` finds the record first, and makes it only when there is none.)
        if ((touch.kind === 'read' || /\.findOrCreate$/.test(touch.code)) && filters.length && filters.every((f) => f.from !== 'session') && filters.some((f) => f.from === 'request')) {
          const lookup = ev(node, `\`${shorten(textOf(text, node))}\``);
          const byToken = filters.some((f) => SECRET_TOKEN_KEY.test(f.key) && f.from === 'request');
          for (const name of boundNames(ancestors)) (byToken ? tokenRecords : requestRecords).set(name, lookup);
          // A lookup by the password too (`where: { email, password }`) checks it, however badly (plaintext-password's matter).
          const identity = filters.some((f) => SECRET_KEY.test(f.key)) ? undefined : filters.find((f) => f.from === 'request' && IDENTITY_KEY.test(f.key));
          if (identity && touch.userData) for (const name of boundNames(ancestors)) identityRecords.set(name, { lookup, key: identity.key });
        }
      }
      if (mayCredit(text)) noteCredit(node, ancestors, fn as AstNode, text, aliases, facts, touch);
      if (identityRecords.size && issuesSession(path, root)) issuesFor(node, `${callee}(…)`, node.arguments.map((a) => textOf(text, a as AstNode)).join(','));
      if (/^(?:req|request)\.(?:login|logIn)$/.test(path)) signsInFixed(node, `${callee}(…)`, node.arguments[0] as AstNode | undefined);
      if (/(?:^|\.)(?:sign|signAsync)$/.test(path) && /jwt|jsonwebtoken|token/i.test(root ?? '')) signsRequestClaims(node, `${callee}(…)`, node.arguments[0] as AstNode | undefined);
      // Firebase Admin: `auth().createCustomToken(uid)`, a sign-in token for whichever user it names.
      if (/(?:^|\.)createCustomToken$/.test(path) && usesFirebaseAdmin(text)) {
        if (identityRecords.size) issuesFor(node, `${callee}(…)`, node.arguments.map((a) => textOf(text, a as AstNode)).join(','));
        signsRequestClaims(node, `${callee}(…)`, node.arguments[0] as AstNode | undefined);
      }
      if (mayCredit(text) && mayCharge(root, steps[steps.length - 1]?.name, text)) noteClientAmount(node, fn as AstNode, text, aliases, facts);
      if (root && root !== 'this' && mayCredit(text)) noteRequestArguments(node, callee, fn as AstNode, text, aliases, facts);
    } else if (node.type === 'NewExpression') {
      const callee = memberPath(node.callee as AstNode) ?? '';
      const stored = mayStore(text) ? storageTouch(node, text, file) : undefined;
      if (stored) facts.touches.push(stored);
      // Mongoose: `new User({ …, role: role || 'user' })`, stored by a later `save()`.
      if (node.callee.type === 'Identifier' && /^[A-Z]/.test(callee) && !CHAT_TARGET.test(callee) && writesRole(node, text) && (savesDocuments ??= /\.save\(/.test(textOf(text, fn as AstNode)))) {
        facts.touches.push(roleTouch(node, text, file, callee));
      }
      // jose: `new SignJWT({ sub: user.id })`.
      if (callee === 'SignJWT' && identityRecords.size) issuesFor(node, 'new SignJWT(…)', node.arguments.map((a) => textOf(text, a as AstNode)).join(','));
      if (callee === 'SignJWT') signsRequestClaims(node, 'new SignJWT(…)', node.arguments[0] as AstNode | undefined);
      if (/(Unauthorized|Forbidden)(Exception|Error)$|AuthenticationError|TRPCError|HttpsError/.test(callee)) {
        rejection ??= ev(node, `\`new ${callee}\``);
        if ((!/TRPCError|HttpsError/.test(callee) || /UNAUTHORIZED|FORBIDDEN|unauthenticated|permission-denied/.test(textOf(text, node))) && !onlyWhenSignedIn(node, ancestors)) authRejection ??= rejection;
      }
      if (/Response$/.test(callee) && node.arguments.some((a) => isAuthStatus(a as AstNode))) {
        rejection ??= ev(node, `\`new ${callee}(…)\` with an auth status`);
        if (!onlyWhenSignedIn(node, ancestors)) authRejection ??= rejection;
      }
      if (/^Parse\.Query$/.test(callee) && staticString(node.arguments[0] as AstNode) === '_Role') roleCall ??= ev(node, '`Parse.Role` query');
      if (/^Parse\.Query$/.test(callee) && /Role/.test(textOf(text, node))) roleCall ??= ev(node, '`Parse.Role` query');
    } else if (node.type === 'TaggedTemplateExpression') {
      const touch = sqlTagTouch(node, text, file);
      if (touch) {
        facts.touches.push(touch);
        touchEnds.set(touch, node.range[1]);
        for (const name of boundNames(ancestors)) recordTouches.set(name, touch);
      }
    } else if (node.type === 'ThrowStatement') {
      rejection ??= ev(node, '`throw`');
    } else if (node.type === 'ReturnStatement' && node.argument && comparesWithHmac(node.argument as AstNode, text, aliases)) {
      // A helper that answers whether the signature matches (`return signature === expectedSignature`).
      facts.signature ??= ev(node, `\`${shorten(textOf(text, node as AstNode), 50)}\` compares the signature with an HMAC of the payload`);
    } else if (node.type === 'AssignmentExpression' && node.left.type === 'MemberExpression') {
      const prop = node.left.property.type === 'Identifier' ? node.left.property.name : undefined;
      // `req.session.userId = user.id`: a session cookie for the user.
      const target = memberPath(node.left as AstNode) ?? '';
      // `req.body.userId = decoded.id`: the request's own field replaced with something it did not send.
      const bodyField = BODY_FIELD.exec(target)?.[1];
      if (bodyField && node.operator === '=' && originOf(resolve(textOf(text, node.right as AstNode), aliases)) !== 'request') (facts.setsBody ??= []).push(bodyField);
      if (identityRecords.size && /^(?:req|request|ctx)\.session\b/.test(target)) issuesFor(node, `${target} = …`, textOf(text, node.right as AstNode));
      if (SESSION_USER.test(target)) signsInFixed(node, `${target} = …`, node.right as AstNode);
      if (prop && ROLE_KEY.test(prop) && callerValue(node.right as AstNode, text, aliases) && !/req|request|ctx|res/.test(memberPath(node.left.object as AstNode) ?? '')) {
        facts.touches.push(roleTouch(node, text, file, memberPath(node.left.object as AstNode)));
      } else if (prop && ROLE_KEY.test(prop) && node.operator === '=' && unwrap(node.right as AstNode).type === 'Literal') (facts.fixedRoles ??= []).push(prop);
    } else if (node.type === 'IfStatement' || node.type === 'ConditionalExpression') {
      const test = node.test;
      const rejects = hasRejection(node.consequent as AstNode, text) || (!!node.alternate && hasRejection(node.alternate as AstNode, text));
      // `if (error) throw error` after `supabase.auth.getUser()`: no session is an error there.
      // (A test for the answer's absence, or for its error; `if (user) { … return … }` is the other way round.)
      if (rejects && softNames.size && !onlyWhenSignedIn(node, ancestors) && (negatedNames(test as AstNode).some((n) => softNames.has(n)) || mentionsAny(test as AstNode, new Set([...softNames].filter((n) => /err/i.test(n)))))) {
        softRejection ??= ev(node, `\`if (${shorten(textOf(text, test as AstNode), 50)})\``);
      }
      // `if (user) { … } else return 401`: the sign-in test the other way round.
      const elseRejects = !!node.alternate && hasRejection(node.alternate as AstNode, text) && !hasRejection(node.consequent as AstNode, text);
      // (Not `if (user)` of a user the request named: `const user = await User.findById(req.params.id)` finds anyone's.)
      const affirmed = affirmsSignIn(test as AstNode) && !othersRecordOnly(test as AstNode);
      if (elseRejects && affirmed && !guard) guard = ev(node, `\`if (${shorten(textOf(text, test as AstNode), 50)})\` lets only signed-in visitors through`);
      // `if (user) { … }` with no else: what the branch does is done for signed-in visitors only.
      else if (node.type === 'IfStatement' && !node.alternate && affirmed && !negatedNames(test as AstNode).length) {
        signedInBranches.push({ from: node.consequent.loc.start.line, to: node.consequent.loc.end.line, at: ev(node, `\`if (${shorten(textOf(text, test as AstNode), 50)})\` wraps everything the handler changes or reads, so only signed-in visitors reach it`) });
      }
      // `if (signature !== Deno.env.get('WEBHOOK_SECRET')) return 401`: a shared secret the caller must send.
      const sentIn = rejects ? comparesSentWithSecret(test as AstNode, text, aliases) : undefined;
      if (sentIn) facts.signature ??= ev(node, `\`if (${shorten(textOf(text, test as AstNode), 50)})\` compares a ${sentIn} with a secret`);
      // Razorpay's and most providers' documented check: an HMAC of the payload, compared with the signature sent.
      // Turned away on a mismatch, or the work done only on a match (`if (hash == req.headers['x-paystack-signature']) { … }`).
      const onMatch = test.type === 'BinaryExpression' && (test.operator === '===' || test.operator === '==');
      if ((rejects || onMatch) && comparesWithHmac(test as AstNode, text, aliases)) facts.signature ??= ev(node, `\`if (${shorten(textOf(text, test as AstNode), 50)})\` compares the signature with an HMAC of the payload`);
      // `!userId` with `userId` from the body, or from what a payment provider keeps (`session.metadata.userId` of a
      // Stripe checkout): neither says who is calling.
      const negated = negatedNames(test as AstNode);
      const fromRequest = negated.some((n) => notTheCaller(n, resolve(n, aliases)) || foundByParameter(aliases.get(n), plainParameters));
      // Also a value of any name whose absence is answered 401 (Elysia's `if (!profile) { set.status = 401; return 'Unauthorized' }`).
      // (Not a header or token merely sent: `if (!token) return res.status(401)` before anything verifies it.)
      const signInTest = (negatesSignIn(test as AstNode) && !testsHeaderOnly(test as AstNode, text, aliases)) || (negated.length > 0 && !negated.some((n) => SENT_CREDENTIAL.test(`${n} ${resolve(n, aliases)}`)) && answersUnauthorized(node.consequent as AstNode, text));
      if (rejects && signInTest && !guard && !fromRequest && !onlyWhenSignedIn(node, ancestors) && !negatedName(test as AstNode, requestRecords) && !negatedName(test as AstNode, tokenRecords)) {
        guard = ev(node, `\`if (${shorten(textOf(text, test as AstNode), 50)})\` turns away visitors who are not signed in`);
        facts.pathScope = pathScopeOf(textOf(text, test as AstNode), aliases);
        if (node.type === 'IfStatement' && handsBackNothing(node.consequent as AstNode)) guardHandsBack = true;
      }
      // `if (session != undefined) return await ctx.next(); … return new Response('Unauthorized', { status: 401 })`:
      // only signed-in visitors are handed on, the rest are answered 401 after the test.
      if (!guard && node.type === 'IfStatement' && !node.alternate && HANDS_ON.test(textOf(text, node.consequent as AstNode).replace(/\s+/g, '')) && affirmsPresence(test as AstNode) && rejectsAfter(node, ancestors, text)) {
        guard = ev(node, `\`if (${shorten(textOf(text, test as AstNode), 50)})\` hands on only signed-in visitors and answers the rest 401`);
      }
      // `if (chat.sellerId === userId) { await ctx.db.patch(…) }`: the branch acts only on the caller's own record.
      const tested = recordsTestedAgainstCaller(test as AstNode, text, aliases) ?? testedThroughLocal(test as AstNode);
      if (!rejects && node.type === 'IfStatement' && !/!|\|\|/.test(textOf(text, test as AstNode)) && tested) {
        callerBranches.push({ from: node.consequent.loc.start.line, to: node.consequent.loc.end.line, text: `\`if (${shorten(textOf(text, test as AstNode), 50)})\` (line ${node.loc.start.line}) lets only the record's owner through` });
      }
      if (rejects && (isOwnerComparison(textOf(text, test as AstNode)) || comparesRequestWithSession(test as AstNode, text, aliases))) ownerCheck ??= { ...ev(node, `\`if (${shorten(textOf(text, test as AstNode), 50)})\` checks the owner`), scope: branchOf(ancestors) };
      // The records tested: touches of their tables count as checked (`if (message.senderId !== user.id) throw`),
      // not every touch of the handler (a class checked is not a student of it).
      else if (rejects && tested) {
        for (const name of tested) {
          if (!recordChecks.has(name)) recordChecks.set(name, { ...ev(node, `\`if (${shorten(textOf(text, test as AstNode), 50)})\` checks that the caller owns or belongs to \`${name}\``), scope: branchOf(ancestors) });
          // The request's value that found it now names a record of the caller's (`class_id` once
          // `cls.teacher_id === user.id` held): a record matched against it is the caller's too.
          for (const f of recordTouches.get(name)?.filters ?? []) if (f.from !== 'session' && /^[A-Za-z_$][\w$]*$/.test(f.value)) aliases.set(f.value, `currentUser.${f.value}`);
        }
      }
      if (!roleTest && ROLE_TEST.test(textOf(text, test as AstNode)) && (rejects || node.type === 'IfStatement') && !notCallersRole(test as AstNode, text, aliases) && !othersRecordOnly(test as AstNode)) {
        roleTest = ev(node, `\`if (${shorten(textOf(text, test as AstNode), 50)})\` checks the role`);
        roleTestOrdinary = ordinaryRoleOf(rolesLetThrough(textOf(text, test as AstNode), hasRejection(node.consequent as AstNode, text)));
        facts.rolePathScope = pathScopeOf(textOf(text, test as AstNode), aliases);
        // `if (context.auth.token.admin !== true) return { error: 'Only admins' }`: a callable function's refusal is what it returns.
        if (node.type === 'IfStatement' && NEGATED_TEST.test(textOf(text, test as AstNode)) && CALLERS_ROLE.test(textOf(text, test as AstNode)) && alwaysExits(node.consequent)) roleRefusal = true;
      }
      // `if (existing) return 409`: a sign-up, which signs in the account it goes on to create.
      if (rejects && identityRecords.size) identityRecords.delete(textOf(text, test as AstNode).trim());
      const lookup = rejects && tokenRecords.size ? negatedName(test as AstNode, tokenRecords) : undefined;
      if (lookup) facts.tokenCheck ??= { ...lookup, text: `${lookup.text} finds the record by the token in the request, and \`if (${shorten(textOf(text, test as AstNode), 50)})\` (line ${node.loc.start.line}) turns the request away when none matches` };
    }
    if (node.type !== 'CallExpression' && mayCredit(text)) noteCredit(node, ancestors, fn as AstNode, text, aliases, facts, undefined);
    return true;
  };
  walk(fn as AstNode, (node, ancestors) => {
    const before = facts.touches.length;
    const goOn = visitNode(node, ancestors);
    // The branch each touch is made in: what is checked in one branch says nothing of a touch in another.
    if (facts.touches.length > before) {
      const branch = branchOf(ancestors);
      if (branch) for (let i = before; i < facts.touches.length; i++) facts.touches[i].branch ??= branch;
    }
    return goOn;
  });
  const roleRejects = !!rejection || !!guard || roleRefusal;
  if (roleTest && roleRejects) {
    facts.role = roleTest;
    if (roleTestOrdinary) facts.ordinaryRole = roleTestOrdinary;
  } else if (roleCall) {
    facts.role = roleCall;
    if (roleCallOrdinary) facts.ordinaryRole = roleCallOrdinary;
  }
  if (enforcing) facts.auth = enforcing;
  else if (guard) {
    facts.auth = guard;
    if (guardHandsBack) facts.authHandsBack = true;
  }
  else if (soft && (softRejection ?? authRejection)) {
    const by = (softRejection ?? authRejection)!;
    facts.auth = { ...soft, text: `${soft.text} and the code rejects otherwise (${by.text}, line ${by.line})` };
  }
  // (Not in a middleware, whose `next()` hands visitors on to the handler whatever the branch did.)
  else if (soft && facts.touches.length && signedInBranches.length && !passesOn(fn) && facts.touches.every((t) => signedInBranches.some((b) => t.line >= b.from && t.line <= b.to))) {
    facts.auth = signedInBranches.find((b) => facts.touches.some((t) => t.line >= b.from && t.line <= b.to))!.at;
  }
  else if (userDeref && facts.touches.length && facts.touches.every((t) => (touchEnds.has(t) ? touchEnds.get(t)! > userDeref!.offset : t.line >= userDeref!.at.line))) {
    facts.auth = userDeref.at;
    facts.authByDeref = true;
  }
  else if (soft) facts.optionalAuth = soft;
  // Signed in with nothing but a name: no password, provider token, one-time code or secret link was checked.
  // What the handler checks, without its comments: a check commented out (`// const ok = await bcrypt.compare(…)`) is none.
  const code = (signedInByName || signedFromRequest || signedInFixed) && withoutComments(textOf(text, fn as AstNode));
  if (signedInByName && !facts.tokenCheck && !CREDENTIAL_CHECK.test(code as string)) {
    const { record, issue } = signedInByName;
    facts.signInByName = { ...issue, lookup: record.lookup, key: record.key };
  }
  // A token made of what the request claims, in a handler that neither checks a credential nor creates the account it
  // names (a sign-up), nor mails the token (a verification link).
  else if (signedFromRequest && !facts.tokenCheck && !facts.auth && !CREDENTIAL_CHECK.test(code as string) && !MAILS.test(code as string) && !facts.touches.some((t) => (t.kind === 'write' && t.userData) || t.kind === 'email')) {
    facts.signInByName = { ...signedFromRequest.issue, lookup: signedFromRequest.issue, key: signedFromRequest.claims, claims: true };
  }
  // A fixed account (a development or demo login) signed in for whoever calls, outside a development-only gate.
  else if (signedInFixed && !facts.tokenCheck && !facts.auth && !facts.devOnly && !CREDENTIAL_CHECK.test(code as string)) {
    facts.signInByName = { ...signedInFixed.issue, lookup: signedInFixed.issue, key: signedInFixed.account, fixed: true };
  }
  facts.calls = [...new Set(facts.calls)];
  if (facts.unawaited) facts.unawaited = [...new Set(facts.unawaited)];
  if (facts.dereferenced) facts.dereferenced = [...new Set(facts.dereferenced)];
  // A check covers the touches of the branch it is in (`if (req.method === 'GET') { … if (note.userId !== uid) … }`
  // says nothing of the PUT branch beside it), or of the whole function.
  const covers = (scope: LineRange | undefined, t: Touch) => !scope || t.file !== file || (t.line >= scope.from && t.line <= scope.to);
  if (ownerCheck) for (const t of facts.touches) if (covers(ownerCheck.scope, t)) t.ownerCheck ??= `${ownerCheck.text} (line ${ownerCheck.line})`;
  for (const [name, check] of recordChecks) {
    const found = recordTouches.get(name);
    // A record the handler did not read itself (a helper's): the check covers what the handler touches.
    for (const t of facts.touches) if ((!found || sameRecord(t, found)) && covers(check.scope, t)) t.ownerCheck ??= `${check.text} (line ${check.line})`;
  }
  for (const use of readUses.values()) if (use.tests > 0 && use.other === 0) use.touch.existenceOnly = true;
  for (const b of callerBranches) for (const t of facts.touches) if (t.line >= b.from && t.line <= b.to) t.ownerCheck ??= b.text;
  return facts;
}

/** A name as a property (`x.note`, `{ note: 1 }`), not a use of the variable. */
function isPropertyName(node: AstNode, parent: AstNode | undefined): boolean {
  if (parent?.type === 'MemberExpression') return parent.property === node && !parent.computed;
  if (parent?.type === 'Property') return parent.key === node && !parent.computed && !parent.shorthand;
  return false;
}

/** Two touches of one table, or of records named by the same value (`ctx.db.get(args.id)`, `ctx.db.patch(args.id, …)`). */
function sameRecord(a: Touch, b: Touch): boolean {
  if (a.target !== undefined && a.target === b.target) return true;
  return !!a.filters?.some((f) => b.filters?.some((g) => g.key === f.key && g.value === f.value));
}

/** Helpers named for a user or a membership: given the caller's id, what they return is the caller's. */
const CALLER_RECORD_HELPER = /(?:member|user|profile|account|participant)(?:ship)?(?:OrThrow|ById|ByUserId|For\w*)?$/i;

function callerRecordCall(init: AstNode | null, text: string, aliases: Aliases): boolean {
  const call = init && unwrap(init);
  if (call?.type !== 'CallExpression') return false;
  const name = memberPath(call.callee as AstNode)?.split('.').pop() ?? '';
  return CALLER_RECORD_HELPER.test(name) && call.arguments.some((a) => a.type !== 'SpreadElement' && originOf(resolve(textOf(text, a as AstNode), aliases)) === 'session');
}

/** The call is an `if`'s test itself, through `await` and `!` only. */
function testedInPlace(call: AstNode, ancestors: readonly AstNode[]): boolean {
  let cur = call;
  for (let i = ancestors.length - 1; i >= 0; i--) {
    const a = ancestors[i];
    if (a.type === 'AwaitExpression' || (a.type === 'UnaryExpression' && a.operator === '!')) cur = a;
    else return a.type === 'IfStatement' && a.test === cur;
  }
  return false;
}

/** `supabaseAdmin`, `createAdminClient()`, or a client made in this file with the service-role key: it bypasses RLS. */
function supabaseClientOf(root: string, aliases: Aliases, text: string): 'service-role' | 'user' {
  const resolved = resolve(root, aliases);
  // Any key, with the caller's own token sent instead (`{ global: { headers: { Authorization: authHeader } } }`): the
  // database runs the queries as the caller, under their row-level security.
  const name = /^[A-Za-z_$][\w$]*/.exec(resolved)?.[0];
  const made = /^createClient\b/.test(resolved) ? resolved : name ? new RegExp(`\\b${name.replace(/\$/g, '\\$')}\\s*=\\s*createClient\\s*(?:<[^>]*>)?\\(([^;]{0,400})`).exec(text)?.[1] : undefined;
  const forwarded = made && FORWARDED_AUTH.exec(made);
  if (forwarded && !SERVICE_KEY.test(forwarded[1]) && CALLER_TOKEN.test(withNamesResolved(forwarded[1], aliases, text))) return 'user';
  if (/admin|service/i.test(resolved)) return 'service-role';
  // `createClient(url, key)` with `const key = Deno.env.get('SUPABASE_SERVICE_ROLE_KEY')` declared in the handler.
  if (/^createClient\b/.test(resolved) && SERVICE_KEY.test(withNamesResolved(resolved.replace(/^createClient/, ''), aliases, text))) return 'service-role';
  if (!name) return 'user';
  return made && SERVICE_KEY.test(withNamesResolved(made, aliases, text)) ? 'service-role' : 'user';
}

/** `global: { headers: { Authorization: … } }` in a client's options, with the value it sends. */
const FORWARDED_AUTH = /\bglobal\s*:\s*\{\s*headers\s*:\s*\{\s*['"`]?Authorization['"`]?\s*:\s*([^,}]+)/i;
/** The token the request came with: its `Authorization` header. */
const CALLER_TOKEN = /headers\.get\(\s*['"`]authorization['"`]|headers\[\s*['"`]authorization['"`]|headers\.authorization|\bauthHeader\b/i;

/** The service-role key, by the names it goes by in env variables and code. */
const SERVICE_KEY = /service_?role|serviceRole|SECRET_KEY|secretKey/i;

/**
 * The arguments of a client's creation with the names in them followed one step: to the value a local holds in the
 * handler, or to a declaration in the file (`const supabaseKey = Deno.env.get('SUPABASE_SERVICE_ROLE_KEY')!`).
 */
function withNamesResolved(args: string, aliases: Aliases, text: string): string {
  let out = args;
  for (const name of new Set(args.match(/(?<![\w$.'"`])[A-Za-z_$][\w$]*/g) ?? [])) {
    const local = aliases.get(name);
    if (local !== undefined) out += ` ${local}`;
    else {
      const declared = new RegExp(`\\b(?:const|let|var)\\s+${name.replace(/\$/g, '\\$')}\\s*(?::[^=]{1,80})?=\\s*([^;\\n]{1,200})`).exec(text);
      if (declared) out += ` ${declared[1]}`;
    }
  }
  return out;
}

/** `pb.collection('links').update(…)`, `locals.pb.collection(…)`: a PocketBase client, by its name or the file's import. */
function isPocketBaseCall(root: string | undefined, steps: ChainStep[], aliases: Aliases, text: string): boolean {
  const at = steps.findIndex((s) => s.name === 'collection' && s.args?.length === 1 && staticString(s.args[0] as AstNode) !== undefined);
  if (!root || at < 0) return false;
  const client = resolve([root, ...steps.slice(0, at).map((s) => s.name)].join('.'), aliases);
  return /(?:^|\.)(?:pb|pocketbase)$/i.test(client) || importsPocketBase(text);
}

/** Files that import the PocketBase SDK: asked at every `collection(…)` touch, tested once per file. */
const importsPocketBase = fileTest(/from\s+['"]pocketbase['"]|require\(\s*['"]pocketbase['"]\s*\)/);

function roleTouch(node: AstNode, text: string, file: string, target?: string): Touch {
  return { kind: 'write', target, userData: true, roleWrite: true, file, line: node.loc.start.line, code: shorten(textOf(text, node)) };
}

/** Files that may store objects in S3 or an S3-compatible bucket, Workers bindings, Cloudinary, Vercel KV or DynamoDB. */
const mayStore = fileTest(/aws-sdk|Object(?:s|sV2)?Command|getSignedUrl|\benv\.\w+\.(?:put|delete|get|list|head)\(|\.uploader\.|\.api\.delete_|@vercel\/kv|dynamodb|Deno\.(?:openKv|Kv)\b/i);

/**
 * Filter keys that say who someone claims to be: what a sign-in form asks for besides the password, what a sign-up
 * checks is not taken, and a sign-in provider's id for the user (`kakaoId`, `google_id`, `firebaseUid`).
 */
export const IDENTITY_KEY = /^(?:e?mail|email_?address|user_?name|username|name|login|phone|phone_?number|mobile|handle|(?:google|github|facebook|kakao|naver|apple|discord|twitter|line|oauth|social|firebase|clerk|auth0|telegram)_?(?:id|uid|user_?id|sub))$/i;
/** Filter keys that hold something only the person has: a password, a PIN, a one-time code, a token. */
const SECRET_KEY = /pass|pwd|pin$|otp|code|secret|hash|token/i;

/** The session's user: `req.session.user`, `req.session.userId`, `ctx.session.account`. */
const SESSION_USER = /^(?:req|request|ctx)\.session\.(?:user|userId|user_id|uid|account|accountId|currentUser)$/;

/** An account written in the code: a constant's name (`DEV_USER`), a literal id, or an object of literals. */
function fixedAccount(node: AstNode): boolean {
  if (node.type === 'Identifier') return /^[A-Z][A-Z0-9]*_[A-Z0-9_]*$/.test(node.name) && /USER|ACCOUNT|ADMIN|DEMO|DEV|TEST|GUEST/.test(node.name);
  if (node.type === 'Literal') return typeof node.value === 'string' || typeof node.value === 'number';
  return node.type === 'ObjectExpression' && node.properties.length > 0 && node.properties.every((p) => p.type === 'Property' && (p.value.type === 'Literal' || (p.value.type === 'ArrayExpression' && p.value.elements.every((e) => e?.type === 'Literal'))));
}

/**
 * Calls that sign someone in: `jwt.sign`, the app's own `generateToken(user._id)` or `createSession(user)`,
 * Passport's `req.login(user)`.
 */
function issuesSession(path: string, root: string | undefined): boolean {
  if (/(?:^|\.)(?:sign|signAsync)$/.test(path)) return /jwt|jsonwebtoken|jose|token/i.test(root ?? '') || path === 'sign';
  const name = path.split('.').pop() ?? '';
  return /^(?:generate|create|sign|issue|make|send|createSend|get)(?:Access|Auth|Session|Jwt|JWT|Login)?(?:Token|Tokens|Jwt|JWT|Session|Cookie)(?:Response|AndSend)?$/.test(name) || /^(?:req|request)\.(?:login|logIn)$/.test(path) || /^(?:setAuthCookie|setSessionCookie|setTokenCookie)$/.test(name);
}

/** Code without its comments (line comments not after `:`, so `https://` in a string stays). */
export function withoutComments(code: string): string {
  return code.replace(/\/\*[\s\S]*?\*\//g, ' ').replace(/(^|[^:\\'"`])\/\/[^\n]*/g, '$1');
}

/** A mail sent from the handler: a token made there is a link to mail, not a sign-in. */
const MAILS = /\b(?:sendMail|sendEmail|send_?mail|sgMail\.send|emails\.send|messages\.create|sendVerification\w*|sendReset\w*|sendMagic\w*)\s*\(/i;

/** Claims that say who a token is for, or what they may do. */
const IDENTITY_CLAIM = /^(?:id|_id|sub|userId|user_id|uid|email|username|userName|role|isAdmin|is_admin)$/;

/**
 * Whether a token's claims are the request's own: the parsed body itself, its spread, or an identity claim taken
 * from it (`{ email: req.body.email }`). Answers the claim, or `the whole body`.
 */
function requestClaim(claims: AstNode, text: string, aliases: Aliases): string | undefined {
  const node = unwrap(claims);
  // The request's value itself, not a record found by it (`user._id` of `User.findOne({ email: req.body.email })`).
  const fromRequest = (n: AstNode) => {
    const value = resolve(textOf(text, n), aliases);
    return originOf(value) === 'request' && !/\b(?:find|get|select|query|where|from|fetch|create|insert|upsert|save)\w*\s*\(/i.test(value);
  };
  if (node.type === 'Identifier' || node.type === 'AwaitExpression' || node.type === 'CallExpression' || node.type === 'MemberExpression') return fromRequest(node) ? 'the whole body' : undefined;
  if (node.type !== 'ObjectExpression') return undefined;
  for (const p of node.properties) {
    if (p.type === 'SpreadElement' && fromRequest(p.argument as AstNode)) return 'the whole body';
    if (p.type !== 'Property') continue;
    const key = propertyName(p);
    if (key && IDENTITY_CLAIM.test(key) && fromRequest(p.value as AstNode)) return key;
  }
  return undefined;
}

/** better-auth's admin plugin endpoints, which check the session's role: `auth.api.setRole({ body, headers })`. */
const BETTER_AUTH_ADMIN = /(?:^|\.)api\.(?:setRole|banUser|unbanUser|removeUser|listUsers|impersonateUser|createUser|setUserPassword|updateUser|revokeUserSessions?|listUserSessions)$/;

/**
 * What proves who is signing in: a password compared with its hash (also Bun's `Bun.password.verify`), a provider's ID token verified or its code
 * exchanged, a one-time code, Supabase or Firebase doing the sign-in, or a development-only route.
 */
const CREDENTIAL_CHECK =
  /\b(?:bcrypt|bcryptjs|argon2|scrypt|pbkdf2)\b|\bcompare(?:Sync)?\s*\(|\bpassword\.verify(?:Sync)?\s*\(|[\w$]*password[\w$]*\s*\(|\.password\s*[!=]==?|[!=]==?\s*[\w$.]*\.password\b|passwordMatch|timingSafeEqual|verifyIdToken|verifyIdentityToken|getTokenInfo|tokeninfo|userinfo|\bjwt\.verify|jwtVerify|verify(?:Otp|OTP|Code|Token|Magic)|\botp\b|\btotp\b|authenticator\.(?:check|verify)|speakeasy|verification_?code|login_?code|\.getToken\s*\(|access_token|signInWith(?:Password|IdToken|Otp)|authenticate\s*\(|NODE_ENV/i;

/** Filter keys that hold a secret handed out in a link or to a client: `invitationToken`, `reset_token`, `tokenHash`. */
const SECRET_TOKEN_KEY = /token(?:_?hash(?:ed)?)?$/i;

/** The local names a value is bound to by the declaration it is the initialiser of (within the same function). */
function boundNames(ancestors: readonly AstNode[]): string[] {
  for (let i = ancestors.length - 1; i >= 0; i--) {
    const a = ancestors[i];
    if (isFunction(a)) return [];
    if (a.type === 'VariableDeclarator') return patternNames(a.id as AstNode);
  }
  return [];
}

/** Roles of chat messages: `message.role === 'assistant'` is about the conversation, not the caller. */
const CHAT_ROLE = /\brole\s*[!=]==?\s*['"`](?:user|assistant|system|tool|model|function|developer)['"`]|['"`](?:user|assistant|system|tool|model|function|developer)['"`]\s*[!=]==?\s*[\w.?[\]]*\brole\b/;

/**
 * A test that mentions roles without asking the caller's: a chat message's role, or a listing of everyone's roles
 * (`const { data: roles } = await supabase.from('user_roles').select('user_id').in('role', […])`, then `if (roles)`).
 */
function notCallersRole(test: AstNode, text: string, aliases: Aliases): boolean {
  const written = textOf(text, test);
  if (CHAT_ROLE.test(written)) return true;
  const names = [...written.matchAll(/[A-Za-z_$][\w$]*/g)].map((m) => m[0]).filter((n) => aliases.has(n));
  return names.length > 0 && names.every((n) => {
    const from = resolve(n, aliases);
    return ROLE_TABLE_QUERY.test(from) && !CALLER_FILTER.test(from);
  });
}

const ROLE_TABLE_QUERY = new RegExp(`\\.from\\(\\s*['"\`]${ROLE_TABLES}['"\`]\\s*\\)`, 'i');
const CALLER_FILTER = new RegExp(`\\.(?:eq|match)\\(\\s*['"\`]${USER_COLUMNS}['"\`]`, 'i');


const HEADER_READ = /\b(?:req|request|c\.req|ctx|event)\.(?:headers?\b|get\()|\bheaders\.get\(/;
/** A query parameter read: `req.query.key`, `request.nextUrl.searchParams.get('key')`, `c.req.query('key')`. */
const QUERY_READ = /\b(?:req|request|ctx)\.query\b|\bc\.req\.query\(|\bsearchParams\.get\(/;
const ENV_READ = /\b(?:process\.env|Deno\.env\.get|import\.meta\.env|env)\b/;
/** What the server keeps as a secret, by its variable's name. */
const SECRET_NAME = /(?:SECRET|PASSWORD|PASSWD|TOKEN|API_?KEY|ADMIN_?KEY)\b/i;

/**
 * `header !== secret` (either order, through local names) where one side is a request header (or a query parameter:
 * `searchParams.get('API_ROUTE_SECRET') !== process.env.API_ROUTE_SECRET`) and the other the environment. What the
 * caller sent it in, or undefined.
 */
function comparesSentWithSecret(test: AstNode, text: string, aliases: Aliases): 'header' | 'query parameter' | 'request field' | undefined {
  if (test.type === 'LogicalExpression') return comparesSentWithSecret(test.left, text, aliases) ?? comparesSentWithSecret(test.right, text, aliases);
  if (test.type !== 'BinaryExpression' || !['!==', '!=', '===', '=='].includes(test.operator)) return undefined;
  const sides = [test.left, test.right].map((n) => resolve(textOf(text, n as AstNode), aliases));
  const sent = (x: string) => HEADER_READ.test(x) || QUERY_READ.test(x);
  // A field of the body against a secret by its name (`pw !== env.ADMIN_PASSWORD`): the admin form's password.
  if (!sides.some(sent)) return sides.some((x) => originOf(x) === 'request') && sides.some((x) => ENV_READ.test(x) && SECRET_NAME.test(x) && originOf(x) !== 'request') ? 'request field' : undefined;
  // The secret read into a constant at the top of the file: `const ADMIN_KEY = process.env.ADMIN_API_KEY`.
  // (Also a template around it: `Bearer ${secret}` with `const secret = process.env.CRON_SECRET`.)
  const secret = (n: AstNode, x: string) =>
    (ENV_READ.test(x) && !sent(x)) ||
    (n.type === 'Identifier' && ENV_READ.test(topConstantText(n, text) ?? '')) ||
    (n.type === 'TemplateLiteral' && n.expressions.some((e) => e.type === 'Identifier' && ENV_READ.test(resolve(e.name, aliases))));
  if (!secret(test.left as AstNode, sides[0]) && !secret(test.right as AstNode, sides[1])) return undefined;
  return sides.some((x) => HEADER_READ.test(x)) ? 'header' : 'query parameter';
}

/** The `const` lines of the file last read, by name: read once per file however many checks ask. */
let constantsOf: { text: string; values: Map<string, string> } | undefined;

/** What a constant of the file is set to, as written on its line (`const ADMIN_KEY = process.env.ADMIN_API_KEY`). */
function topConstantText(id: TSESTree.Identifier, text: string): string | undefined {
  if (constantsOf?.text !== text) {
    const values = new Map<string, string>();
    for (const m of text.matchAll(/(?:^|\n)[ \t]*(?:export[ \t]+)?const[ \t]+([A-Za-z_$][\w$]*)[ \t]*(?::[^=\n]{1,80})?=([^\n]{1,200})/g)) if (!values.has(m[1])) values.set(m[1], m[2]);
    constantsOf = { text, values };
  }
  return constantsOf.values.get(id.name);
}

/** An HMAC computed here: `createHmac('sha256', secret).update(…).digest('hex')`, Web Crypto's `subtle.sign('HMAC', …)`. */
const HMAC = /\bcreateHmac\s*\(|\bsubtle\.sign\s*\(\s*['"`]HMAC|\bhmac\w*\s*\(/i;

/** `expected !== signature` (either order, through local names) where one side is an HMAC computed in the handler. */
function comparesWithHmac(test: AstNode, text: string, aliases: Aliases): boolean {
  if (test.type === 'LogicalExpression') return comparesWithHmac(test.left, text, aliases) || comparesWithHmac(test.right, text, aliases);
  if (test.type === 'UnaryExpression' && test.operator === '!') return comparesWithHmac(test.argument as AstNode, text, aliases);
  if (test.type !== 'BinaryExpression' || !['!==', '!=', '===', '=='].includes(test.operator)) return false;
  const sides = [test.left, test.right].map((n) => (n.type === 'Literal' ? undefined : resolve(textOf(text, n as AstNode), aliases)));
  return sides.every((x) => x !== undefined) && sides.some((x) => HMAC.test(x!));
}

/** The local names `test` finds missing: `!invite`, `!invite || expired`, `invite == null`, `!data?.user` → data. */
function negatedNames(test: AstNode): string[] {
  if (test.type === 'LogicalExpression' && test.operator === '||') return [...negatedNames(test.left), ...negatedNames(test.right)];
  let operand: AstNode | undefined;
  if (test.type === 'UnaryExpression' && test.operator === '!') operand = test.argument as AstNode;
  else if (test.type === 'BinaryExpression' && (test.operator === '==' || test.operator === '===')) {
    const nothing = (n: AstNode) => (n.type === 'Literal' && n.value === null) || (n.type === 'Identifier' && n.name === 'undefined');
    operand = nothing(test.right as AstNode) ? (test.left as AstNode) : nothing(test.left as AstNode) ? (test.right as AstNode) : undefined;
  }
  const name = operand && /^[A-Za-z_$][\w$]*/.exec(memberPath(operand) ?? '')?.[0];
  return name ? [name] : [];
}

/** The first of `names` that `test` finds missing, with what it holds. */
function negatedName(test: AstNode, names: ReadonlyMap<string, Evidence>): Evidence | undefined {
  for (const name of negatedNames(test)) if (names.has(name)) return names.get(name);
  return undefined;
}

/** A role table's name, and a column naming one user, written whole. */
const ROLE_TABLE = new RegExp(`^${ROLE_TABLES}$`, 'i');
const USER_COLUMN = new RegExp(`^${USER_COLUMNS}$`, 'i');

/**
 * A query of one user's role in a Supabase roles table: `.from('user_roles').select('role').eq('user_id',
 * user.id).eq('role', 'admin')`. A listing of every role (no filter by user) is not one.
 */
function isRoleLookup(steps: readonly { name: string; args?: readonly TSESTree.CallExpressionArgument[] }[], isCaller: (value: AstNode) => boolean): boolean {
  const arg = (i: number, step: (typeof steps)[number]) => staticString(step.args?.[i] as AstNode);
  const table = steps.find((s) => s.name === 'from');
  if (!table || !ROLE_TABLE.test(arg(0, table) ?? '')) return false;
  // By a user the caller is: not one from the request or one the handler found or made with the admin API.
  const byUser = steps.some((s) => s.name === 'eq' && USER_COLUMN.test(arg(0, s) ?? '') && !!s.args?.[1] && isCaller(s.args[1] as AstNode));
  const readsRole = steps.some((s) => (s.name === 'eq' || s.name === 'in') && /^roles?$/i.test(arg(0, s) ?? '')) || steps.some((s) => s.name === 'select' && /\brole\b/.test(arg(0, s) ?? ''));
  // A table of admins or staff: having a row in it is the role (`admin_profiles` where `user_id` is the caller).
  const membership = /admin|staff|moderator/i.test(arg(0, table) ?? '');
  return byUser && (readsRole || membership);
}

/** A rejection that turns away someone not signed in: a 401 or 403, `unauthorized()`, a redirect to the sign-in page. */
function isAuthRejection(node: TSESTree.CallExpression, path: string, text: string): boolean {
  if (/(^|\.)(unauthorized|forbidden)$/.test(path)) return true;
  if (/(^|\.)redirect$/.test(path)) return node.arguments.some((a) => /log-?in|sign-?in|auth|sign-?up|register|unauthori[sz]ed/i.test(textOf(text, a as AstNode)));
  return !/(^|\.)notFound$/.test(path) && node.arguments.some((a) => isAuthStatus(a as AstNode));
}

/** Whether a test reads one of `names` (`error`, `data.user`, `!session`). */
function mentionsAny(test: AstNode, names: ReadonlySet<string>): boolean {
  let found = false;
  walk(test, (n) => {
    if (found) return false;
    if (n.type === 'Identifier' && names.has(n.name)) found = true;
    // Not the property names of member expressions (`x.error`).
    if (n.type === 'MemberExpression') {
      walk(n.object as AstNode, (m) => {
        if (m.type === 'Identifier' && names.has(m.name)) found = true;
        return !found;
      });
      return false;
    }
    return !found;
  });
  return found;
}

function isRejectCall(node: TSESTree.CallExpression, path: string): boolean {
  // SvelteKit's `error(401, …)` and `fail(403)` too.
  if (/(^|\.)(redirect|unauthorized|forbidden|notFound|sendStatus|status|code|throw|json|send|text|error|fail)$/.test(path)) {
    if (/(^|\.)(redirect|unauthorized|forbidden|notFound)$/.test(path)) return true;
    return node.arguments.some((a) => isAuthStatus(a as AstNode));
  }
  if (path === 'Response.json' || path === 'NextResponse.json') return node.arguments.some((a) => isAuthStatus(a as AstNode));
  return false;
}

function isAuthStatus(node: AstNode): boolean {
  if (node.type === 'Literal') return node.value === 401 || node.value === 403;
  if (node.type === 'ObjectExpression') return node.properties.some((p) => p.type === 'Property' && p.key.type === 'Identifier' && p.key.name === 'status' && isAuthStatus(p.value as AstNode));
  return false;
}

/** A credential as the request sent it, not yet checked: a header, a cookie, a token or key. */
const SENT_CREDENTIAL = /headers?|authorization|cookie|token|bearer|jwt|key|secret|auth\b/i;

/** The branch answers 401: `set.status = 401` (Elysia), `res.status(401)`, `error(401)`, `c.json(…, 401)`, `new Response(…, { status: 401 })`. */
function answersUnauthorized(node: AstNode, text: string): boolean {
  return /\bstatus\s*=\s*401\b|\bstatus\(\s*401\s*\)|\berror\(\s*401\b|,\s*401\s*\)|status:\s*401\b/.test(textOf(text, node));
}

function hasRejection(node: AstNode, text: string): boolean {
  let found = false;
  walk(node, (n) => {
    if (found || isFunction(n)) return false;
    if (n.type === 'ReturnStatement' || n.type === 'ThrowStatement') found = true;
    else if (n.type === 'CallExpression') {
      const path = chainText(chainOf(n));
      if (isRejectCall(n, path)) found = true;
    } else if (n.type === 'NewExpression' && /Response/.test(textOf(text, n.callee as AstNode)) && n.arguments.some((a) => isAuthStatus(a as AstNode))) found = true;
    return !found;
  });
  return found;
}

/** A value read from a payment provider's object: `stripe.checkout.sessions.retrieve(id).metadata.userId`, `….metadata`. */
const PROVIDER_DATA = /\b(?:stripe|paypal|razorpay|paystack|lemonsqueezy|polar)\b[\w$.?]*\.(?:retrieve|get|fetch|list)\b|\.metadata\b/i;

/**
 * A user the handler makes or looks up through the admin API (`supabaseAdmin.auth.admin.createUser(…)`, a sign-up):
 * `if (!newUser.user)` tests that call's answer, not who is calling.
 */
const MADE_USER = /\.admin\.\w+\s*\(|\b(?:createUser|signUp|inviteUserByEmail|generateLink)\s*\(/;

/** Words for a verified token's contents, which are as often an API's answer (`const payload = await res.json()`). */
const TOKEN_CONTENT = /^(?:payload|decoded|claims)$/;

/**
 * A name tested as if it were the signed-in caller that says nothing about the caller: read from the request, from a
 * payment provider's object, or a `payload` that comes from anything but a token or session.
 */
function notTheCaller(name: string, resolved: string): boolean {
  if (originOf(resolved) === 'request' || PROVIDER_DATA.test(resolved) || MADE_USER.test(resolved)) return true;
  return TOKEN_CONTENT.test(name) && resolved !== name && !/verify|decode|jwt|token|session|auth|claims/i.test(resolved);
}

/**
 * `if (!session) return null;`: the branch hands the caller nothing instead of turning the request away. In a helper
 * (`getCurrentUser()`), whoever calls it must check what comes back.
 */
function handsBackNothing(branch: AstNode): boolean {
  const st = branch.type === 'BlockStatement' && branch.body.length === 1 ? branch.body[0] : branch;
  if (st.type !== 'ReturnStatement') return false;
  const arg = st.argument as AstNode | null;
  return !arg || (arg.type === 'Literal' && (arg.value === null || arg.value === false)) || (arg.type === 'Identifier' && arg.name === 'undefined');
}

/**
 * A test of what a request header holds and nothing more: `if (!auth.startsWith('Bearer '))` with `auth` read from the
 * `Authorization` header. Anyone can send `Bearer x`; only a check of the token itself says who is calling.
 */
function testsHeaderOnly(test: AstNode, text: string, aliases: Aliases): boolean {
  if (test.type === 'LogicalExpression') return testsHeaderOnly(test.left, text, aliases) && testsHeaderOnly(test.right, text, aliases);
  let operand = test.type === 'UnaryExpression' && test.operator === '!' ? (test.argument as AstNode) : undefined;
  // `!auth.startsWith('Bearer ')`, `!auth.includes('Bearer')`: what the header starts with.
  if (operand?.type === 'CallExpression' && operand.callee.type === 'MemberExpression') operand = operand.callee.object as AstNode;
  const name = operand && /^[A-Za-z_$][\w$]*/.exec(memberPath(operand) ?? '')?.[0];
  return !!name && HEADER_READ.test(resolve(name, aliases));
}

/** `!user`, `!session?.user`, `user == null`, `error || !data.user`, `!req.isAuthenticated()`. */
function negatesSignIn(test: AstNode): boolean {
  // `!user || error` rejects without a user; `!user && !isPublicPath` too, on the paths the other side leaves.
  if (test.type === 'LogicalExpression' && (test.operator === '||' || test.operator === '&&')) return negatesSignIn(test.left) || negatesSignIn(test.right);
  if (test.type === 'UnaryExpression' && test.operator === '!') return mentionsSignIn(test.argument as AstNode);
  if (test.type === 'BinaryExpression' && ['==', '===', '!=', '!=='].includes(test.operator)) {
    const other = test.right.type === 'Literal' && test.right.value === null ? test.left : test.right.type === 'Identifier' && test.right.name === 'undefined' ? test.left : undefined;
    return test.operator.startsWith('=') && !!other && mentionsSignIn(other as AstNode);
  }
  return false;
}

/** A branch that hands the request on, its spaces taken out: `return next()`, `return await ctx.next()`, `return NextResponse.next()`. */
const HANDS_ON = /^\{?return(?:await)?(?:(?:ctx|context|c|event|NextResponse)\.)?next\(\);?\}?$/;

/** A test that the sign-in is there: `session`, `user && …`, `session != undefined`, `userId !== null`. */
function affirmsPresence(test: AstNode): boolean {
  if (test.type === 'BinaryExpression' && (test.operator === '!=' || test.operator === '!==')) {
    const absent = (n: AstNode) => (n.type === 'Literal' && n.value === null) || (n.type === 'Identifier' && n.name === 'undefined');
    return (absent(test.right as AstNode) && mentionsSignIn(test.left as AstNode)) || (absent(test.left as AstNode) && mentionsSignIn(test.right as AstNode));
  }
  return affirmsSignIn(test);
}

/** The statements after `node` in its block answer 401: what visitors who failed its test get. */
function rejectsAfter(node: AstNode, ancestors: readonly AstNode[], text: string): boolean {
  const block = ancestors[ancestors.length - 1];
  if (block?.type !== 'BlockStatement') return false;
  const rest = block.body.slice(block.body.indexOf(node as TSESTree.Statement) + 1);
  return rest.some((st) => answersUnauthorized(st as AstNode, text));
}

/** The name a test is of, negated or not: `isMember`, `!isMember`. */
function bareName(test: AstNode): string | undefined {
  const inner = test.type === 'UnaryExpression' && test.operator === '!' ? test.argument : test;
  return inner.type === 'Identifier' ? inner.name : undefined;
}

/** A middleware: a parameter after the first is `next` (Express's third, Koa's second), and it calls it. */
function passesOn(fn: FunctionNode | TSESTree.MethodDefinition['value']): boolean {
  const next = fn.params.find((p, i) => i > 0 && p.type === 'Identifier' && p.name === 'next') as TSESTree.Identifier | undefined;
  if (!next || !fn.body) return false;
  let called = false;
  walk(fn.body as AstNode, (n) => {
    if (called) return false;
    if (n.type === 'CallExpression' && n.callee.type === 'Identifier' && n.callee.name === 'next') called = true;
    return undefined;
  });
  return called;
}

/** `user`, `user && typeof user.id === 'string'`, `session?.user`: true only when the caller is signed in. */
function affirmsSignIn(test: AstNode): boolean {
  if (test.type === 'LogicalExpression' && test.operator === '&&') return affirmsSignIn(test.left) || affirmsSignIn(test.right);
  return test.type !== 'UnaryExpression' && test.type !== 'BinaryExpression' && test.type !== 'LogicalExpression' && mentionsSignIn(test);
}

function mentionsSignIn(node: AstNode): boolean {
  let cur: AstNode = node;
  for (;;) {
    if (cur.type === 'ChainExpression' || cur.type === 'TSNonNullExpression' || cur.type === 'AwaitExpression') cur = (cur as { expression?: AstNode; argument?: AstNode }).expression ?? (cur as TSESTree.AwaitExpression).argument;
    else if (cur.type === 'CallExpression') cur = cur.callee;
    else break;
  }
  const path = memberPath(cur);
  if (!path) return false;
  // `!(await getAuthUserId(ctx))`: the session read itself, tested.
  return path.split('.').some((part) => USER_WORD.test(part)) || SOFT.test(path);
}

/** `!pathname.startsWith('/login')` excludes a path from the guard; `pathname.startsWith('/dashboard')` limits it. */
function pathScopeOf(test: string, aliases: Aliases): FunctionFacts['pathScope'] {
  const only: string[] = [];
  const except: string[] = [];
  for (const m of test.matchAll(/(!?)\s*[\w.?]*\.startsWith\(\s*['"`]([^'"`]+)['"`]\s*\)/g)) (m[1] ? except : only).push(m[2]);
  // `c.req.path.includes('protected')`: `*` marks "contains".
  for (const m of test.matchAll(/(!?)\s*[\w.?]*(?:path|pathname|url)\??\.includes\(\s*['"`]([^'"`]+)['"`]\s*\)/gi)) (m[1] ? except : only).push(`*${m[2]}`);
  // `/\/protected/.test(path)`, or a regex kept in a local (`const pattern = /^\/dashboard/`): `*` marks "contains".
  for (const m of test.matchAll(/(!?)\s*(\/(?:\\\/|[^/\s])+\/[gimsuy]*|[A-Za-z_$][\w$]*)\.test\(\s*[\w.?]*(?:path|pathname)\s*\)/gi)) {
    const literal = /^\/(\^?)((?:\\\/|[\w-])+)\/[gimsuy]*$/.exec(m[2].startsWith('/') ? m[2] : resolve(m[2], aliases));
    if (literal) (m[1] ? except : only).push(`${literal[1] ? '' : '*'}${literal[2].replace(/\\\//g, '/')}`);
  }
  return only.length || except.length ? { only, except } : undefined;
}

/**
 * What a call through `this` names, as the route linker finds functions: `this.cartService.addItem` is a method of a
 * service the class was given (NestJS injection), by the property's name; `this.findUser` is another method of the
 * function's own class or object (`Repo.findUser` when the function read is `Repo.byEmail`).
 */
function thisCall(callee: string, name: string | undefined): string | undefined {
  const injected = /^this\.([A-Za-z_$][\w$]*\.[A-Za-z_$][\w$]*)$/.exec(callee)?.[1];
  if (injected) return injected;
  const own = /^this\.([A-Za-z_$][\w$]*)$/.exec(callee)?.[1];
  const owner = name && name.includes('.') ? name.slice(0, name.lastIndexOf('.')) : undefined;
  return own && owner ? `${owner}.${own}` : undefined;
}

/** A method call on an instance the function made (`bank.check(…)` after `const bank = new BankService()`), by its class. */
function instanceCall(callee: string, instances: ReadonlyMap<string, string>): string {
  const m = /^([A-Za-z_$][\w$]*)\.([A-Za-z_$][\w$]*)$/.exec(callee);
  const made = m && instances.get(m[1]);
  return made ? `${made}.${m[2]}` : callee;
}

/** A record's own methods that write it back: Mongoose's and Sequelize's `save`, `destroy`, `remove`, `deleteOne`, `update`. */
const INSTANCE_WRITE = new Set(['save', 'destroy', 'remove', 'deleteOne', 'update', 'updateOne', 'set', 'restore']);
const INSTANCE_DELETE = new Set(['destroy', 'remove', 'deleteOne']);

/**
 * The function sets fields of the record `name` holds, beyond counting on them: `review.body = body`,
 * `item[key] = req.body[key]`, `doc.set(updates)`, `Object.assign(doc, body)`, or its own `update(…)`.
 */
function setsFieldsOf(fn: AstNode, name: string): boolean {
  let found = false;
  walk(fn, (n) => {
    if (found) return false;
    if (n.type === 'AssignmentExpression' && n.operator === '=' && n.left.type === 'MemberExpression' && n.left.object.type === 'Identifier' && n.left.object.name === name) found = true;
    else if (n.type === 'CallExpression') {
      const path = memberPath(n.callee as AstNode);
      if (path === `${name}.set` || path === `${name}.update` || path === `${name}.updateOne` || (path === 'Object.assign' && n.arguments[0]?.type === 'Identifier' && n.arguments[0].name === name)) found = true;
    }
    return undefined;
  });
  return found;
}

/**
 * The call's result (awaited or not) is taken apart at once: `const { id } = getUser(ctx)`, `getUser(ctx).id`. A
 * helper that answers null without a sign-in then throws a TypeError, which turns the request away.
 */
function dereferencesResult(call: AstNode, ancestors: readonly AstNode[]): boolean {
  let i = ancestors.length - 1;
  let value: AstNode = call;
  if (ancestors[i]?.type === 'AwaitExpression') value = ancestors[i--];
  const up = ancestors[i];
  if (up?.type === 'VariableDeclarator') return up.init === value && up.id.type === 'ObjectPattern' && up.id.properties.length > 0;
  return up?.type === 'MemberExpression' && up.object === value && !up.optional;
}
