import type { ImportBinding } from '../dataflow/modules.js';
import type { ServerlessHttpFunction } from './serverless.js';

export type AuthState = 'required' | 'none' | 'unknown';

/** Something a handler does to stored data or money, found in its body or the project helpers it calls. */
export interface Touch {
  /**
   * `ai`: a call to a paid AI model (OpenAI, Anthropic, Gemini…), billed to the app's key on every request;
   * `email`: an e-mail sent through the app's mail provider to a recipient, with a subject or body, the request chose.
   */
  kind: 'write' | 'read' | 'payment' | 'ai' | 'email';
  /** Table, model, collection or class, when the code names it; for `ai` and `email`, the provider. */
  target?: string;
  /** The target holds user accounts or profiles. */
  userData: boolean;
  /** A role or admin flag is written from a non-constant value (`role: req.body.role`). */
  roleWrite?: boolean;
  /** The lines of the innermost `if` branch or `switch` case of its function it is made in (`if (req.method === 'PUT') { … }`). */
  branch?: { from: number; to: number };
  file: string;
  line: number;
  /** The call as written, shortened: `supabase.from('notes').insert`. */
  code: string;
  /** The keys the call selects records by (`where: { id, userId }`, `.eq('id', …)`), with where each value comes from. */
  filters?: FilterKey[];
  /** Supabase calls: through a service-role client (`supabaseAdmin`), which bypasses row-level security, or a user-scoped one. */
  supabaseClient?: 'service-role' | 'user';
  /** PocketBase calls (`pb.collection('links').update`): the collection's API rules decide unless the client is a superuser. */
  pocketbase?: boolean;
  /** An ownership check in the same function (`if (note.userId !== user.id) return 403`), with its line. */
  ownerCheck?: string;
  /** A read whose result is only tested (`if (taken) return 409`): it says whether a record exists, and hands out none. */
  existenceOnly?: boolean;
  /** A record created for the user the request names (`Bid.insert({ bidderSub: req.body.bidderSub })`). */
  createdFor?: FilterKey;
  /** A new record made only of fields the code names (`insert({ name, email, message })`), none saying whom it is for. */
  addsNamedFields?: boolean;
  /** Done in a helper after its own sign-in check, which hands back nothing without one: only for signed-in callers. */
  signedInOnly?: boolean;
  /** The write only adds one to a view or visit counter (`data: { viewCount: { increment: 1 } }`): open by design. */
  counterOnly?: boolean;
  /**
   * A Stripe checkout, payment link or unconfirmed payment intent that names no account (`checkout.sessions.create({
   * line_items: [{ price: PRICE_ID }] })`): the visitor pays it on Stripe's page, with their own card, so an open
   * route that makes one moves no one else's money.
   */
  payerPresent?: boolean;
}

/** An argument passed to a project function: as written, and what it was read from (`id` → `req.params.id`). */
export interface CallArgument {
  value: string;
  source: string;
  /** An object literal passed (`deleteComment({ userId, commentId })`): what each of its keys holds. */
  members?: Record<string, CallArgument>;
}

/** One key of a query filter: `id: req.params.id`, `.eq('user_id', user.id)`. */
export interface FilterKey {
  key: string;
  /** The value as written, shortened. */
  value: string;
  /** Traced through local variables: the request (params, query, body) or the signed-in user. */
  from?: 'request' | 'session';
  /** The request or session expression the value was traced to. */
  source?: string;
}

/** A proof found in code, always with its place. */
export interface Evidence {
  text: string;
  file: string;
  line: number;
}

/** What vibeaudit learns from one function body: the handler, a middleware, a helper. */
export interface FunctionFacts {
  name?: string;
  file: string;
  startLine: number;
  endLine: number;
  /** The body verifies a token or session and rejects the request otherwise. */
  auth?: Evidence;
  /** The handler returns at once outside development (`if (process.env.NODE_ENV !== 'development') return`). */
  devOnly?: Evidence;
  /** That check is only a read of the signed-in user that throws without one (`request.user.id`). */
  authByDeref?: boolean;
  /** The function puts a user on the request itself (`req.user = …`), whoever calls. */
  setsUser?: boolean;
  /** Role keys the function sets to a fixed value (`data.is_admin = false`): a role a helper it calls read from the request is overwritten. */
  fixedRoles?: string[];
  /** The body checks a role, admin flag or permission and rejects otherwise. */
  role?: Evidence;
  /** A role that check lets through and that reaches no record by itself (`'recruiter'`, `'seller'`): every holder passes. */
  ordinaryRole?: string;
  /** The sign-in guard only returns nothing (`if (!session) return null`): for a helper, its caller must check. */
  authHandsBack?: boolean;
  /** The body reads a token or session but lets the request through without one (optional auth). */
  optionalAuth?: Evidence;
  /**
   * Fields of the request body the function sets from something other than the request (`req.body.userId =
   * decoded.id` in an auth middleware): behind it, the handler's `req.body.userId` is not the client's.
   */
  setsBody?: string[];
  /** A webhook signature check (`stripe.webhooks.constructEvent`, svix, an HMAC compared in constant time). */
  signature?: Evidence;
  /**
   * The body finds a record by a secret token the request carries (an invitation, reset or verification link) and
   * turns the request away when none matches: only whoever holds the token gets through.
   */
  tokenCheck?: Evidence;
  /**
   * The body asks the payment provider about a payment the request names (`stripe.checkout.sessions.retrieve(id)`)
   * and checks that it is paid: a caller cannot make up a payment.
   */
  paymentCheck?: Evidence;
  /** The body acts on a provider's payment event (`case 'checkout.session.completed'`). */
  paymentEvent?: Evidence;
  /** Stored balances the body adds to (`credits: profile.credits + 10`, `{ $inc: { credits } }`, `rpc('add_credits')`). */
  credits?: (Evidence & { field: string })[];
  /** A stored balance the body takes from (`uCoins: FieldValue.increment(-cost)`, `wallet.balance -= amount`): what it grants is paid for in it. */
  debits?: Evidence;
  /** A lookup, record or test that makes a payment handled twice do nothing (`.eq('stripe_session_id', id)`, `if (alreadyProcessed)`). */
  paymentRecord?: Evidence;
  /** A payment whose amount the request chose (`unit_amount: item.price * 100` with `item` from the body). */
  clientAmount?: ClientAmount;
  /** A user found by the e-mail or name the request gives, then signed in with nothing else checked. */
  signInByName?: SignInByName;
  /** A payment of an amount the function's caller passes in: the helper behind `createPaymentIntent(amount)`. */
  chargedParam?: ChargedParam;
  /** Amounts from the request, chosen by the buyer, passed to project helpers that may charge them. */
  requestArguments?: RequestArgument[];
  /** Credits or a plan granted as the request says (`credits: profile.credits + PLANS[body.plan].credits`). */
  clientGrant?: ClientGrant;
  /** A stored balance taken from by an amount the request or the function's caller chose (`sender.balance -= amount`). */
  debitAmount?: DebitAmount;
  /**
   * Names the function turns away when not above zero (`if (amount <= 0) return 400`, `Math.abs(amount)`), and keys a
   * schema of its file requires to be positive (`amount: z.number().positive()`), with the request field each is read from.
   */
  positiveChecks?: string[];
  /** The function validates its input with a schema (`schema.parse(body)`, `validationResult(req)`): the keys the schemas of its file define. */
  validatesInput?: { schemaKeys: string[] };
  touches: Touch[];
  /** Paths a sign-in guard is limited to or skips (`!pathname.startsWith('/login')`, `/^\/app/.test(path)`), in Next.js middleware; `*` before one means "contains" (an unanchored regex). */
  pathScope?: { only: string[]; except: string[] };
  /** The same for the role check (`if (pathname.startsWith('/admin') && !ADMIN_ROLES.includes(role)) throw error(403)`). */
  rolePathScope?: { only: string[]; except: string[] };
  /** Project functions it calls, by local name (`requireUser`, `db.createNote` as `db.createNote`; `this.cartService.add` as `cartService.add`). */
  calls: string[];
  /** The arguments of the first call of each of `calls`, with where each comes from. */
  callArgs?: Record<string, (CallArgument | null)[]>;
  /** Its parameters' names, in order (`''` for a destructured one). */
  params?: string[];
  /** For each destructured parameter, by position, the local name of each key it takes (`({ commentId: id })`). */
  paramKeys?: Record<number, Record<string, string>>;
  /** The line each of `calls` is first called on. */
  callLines?: Record<string, number>;
  /** The function is `async`: what it throws reaches only a caller that awaits it. */
  async?: boolean;
  /** Calls made as statements of their own, without `await` (`protectRoute(event);`). */
  unawaited?: string[];
  /** Calls whose result is taken apart at once (`const { id } = getUser(ctx)`), which throws when it is null. */
  dereferenced?: string[];
}

/** A middleware or handler as written at a registration: an inline function or a reference. */
export type HandlerRef = (
  | { kind: 'inline'; facts: FunctionFacts; line: number }
  | {
      kind: 'ref';
      name: string;
      line: number;
      /** Arguments of a call such as `requireRole('admin')`, as written. */
      call?: string;
      /** The option of the call that lets requests without a sign-in through (`credentialsRequired: false`). */
      lenient?: string;
    }
) & {
  /** Paths the middleware skips, as express-unless lists them (`jwt({…}).unless({ path: ['/login'] })`). */
  unless?: string[];
};

export type ServerFramework = 'express' | 'hono' | 'koa' | 'fastify' | 'elysia';

export interface Registration {
  kind: 'route' | 'use' | 'mount' | 'hook';
  /** Local name of the app or router it is registered on. */
  target: string;
  framework: ServerFramework;
  method?: string;
  path?: string;
  handlers: HandlerRef[];
  /** For mounts: the local name (or require specifier) of the router mounted. */
  mounted?: {
    name: string;
    require?: string;
    /** `@fastify/autoload`: the folder whose plugins are mounted (project-relative), each under its sub-folder's path when `byFolder`. */
    dir?: string;
    byFolder?: boolean;
  };
  line: number;
  order: number;
}

/** An app or router object created in a file. */
export interface AppObject {
  name: string;
  framework: ServerFramework;
  isRouter: boolean;
  /** Koa `new Router({ prefix })`, Hono `.basePath()`. */
  prefix?: string;
}

/** An entry point found whole in one file (Next.js, NestJS, tRPC, platforms); auth may still need linking. */
export interface DirectEntry {
  method: string;
  path: string;
  line: number;
  framework: string;
  handler: FunctionFacts;
  /** Names of middleware, guards or wrappers, as written. */
  middleware: string[];
  /** Auth decided in the file (a guard, a decorator, an option), or left to the linker. */
  auth?: { state: AuthState; evidence: Evidence };
  role?: Evidence;
  /** Deliberately public by a decorator or option (`@Public()`). */
  publicBy?: string;
  /** Parse triggers and jobs: in the inventory, never a route finding. */
  trigger?: boolean;
  /** The handler is a function named here or imported (`Mutation: { createPost }`), found when routes are linked. */
  handlerRef?: string;
  /** NestJS: the route's and its class's other decorators, by name; one may apply guards (`@Auth()`, see `ComposedDecorator`). */
  decorators?: string[];
  /** tRPC: the middleware or procedure named for admins that the procedure is built on, where its definition was found. */
  adminGuard?: { name: string; file: string; line: number };
  /** NestJS: the roles are declared by a decorator (`@Roles('ADMIN')`) only, and no guard named on the route is a roles guard. */
  rolesDeclaredOnly?: boolean;
  /** NestJS: the roles declared that no guard reads (no roles guard on the route, global or composed), set when linked. */
  unreadRoles?: Evidence;
}

/** A GraphQL server (`new ApolloServer({ context })`) or its endpoint (`app.use('/graphql', …)`): what decides for every resolver. */
export interface GraphqlServer {
  file: string;
  line: number;
  /** Its `context` function turns away requests without a valid token or session. */
  auth?: Evidence;
  /** Something vibeaudit does not read decides (middleware in front, graphql-shield, an auth directive). */
  unknown?: Evidence;
}

/** A NestJS decorator composed with `applyDecorators(Roles(…), UseGuards(JwtAuthGuard, RolesGuard))`, and where. */
export interface ComposedDecorator {
  name: string;
  file: string;
  /** The guard it applies that checks sign-in (or a role, which needs one), and the line. */
  auth?: { name: string; line: number };
  /** The roles or role guard it applies. */
  role?: Evidence;
}

/** Next.js `middleware.ts` (or SvelteKit's `handle` hook): which paths it covers and whether it turns away visitors without a session. */
export interface NextMiddleware {
  file: string;
  dir: string;
  /**
   * SvelteKit's `handle` hook (src/hooks.server.ts), which runs before its endpoints and actions as middleware does;
   * a Nuxt server middleware (`server/middleware/*.ts`), which runs before every server route; Astro's `onRequest`;
   * a Cloudflare Pages Functions `_middleware`, which runs before the routes of its folder.
   */
  framework?: 'sveltekit' | 'nuxt' | 'astro' | 'cloudflare-pages' | 'fresh';
  matchers?: string[];
  /** Auth decided by a known wrapper (`next-auth/middleware`, Clerk `auth.protect()`). */
  auth?: Evidence;
  /** The middleware hands the decision to configuration vibeaudit does not read (Auth.js `authorized`). */
  unknown?: Evidence;
  /** Project functions the middleware calls (the Supabase `updateSession` helper). */
  calls: string[];
  facts?: FunctionFacts;
  /** Paths the auth applies to, when the code limits it (`pathname.startsWith('/dashboard')`). */
  only?: string[];
  except?: string[];
}

/** Everything the route inventory needs from one file, taken while its AST is in memory. */
export interface FileRouteFacts {
  file: string;
  imports: ReadonlyMap<string, ImportBinding>;
  /** Top-level functions read while the file was analysed (Convex functions, action clients), by local name. */
  functions: Map<string, FunctionFacts>;
  /** The other top-level functions, read when linking asks (src/routes/unread-functions.ts): where each is in the file. */
  unread?: Map<string, [number, number]>;
  /**
   * The content hash of the file when it has unread functions: what they will say depends on the whole text, so
   * the facts kept for the project rules change with it (src/cache/stored.ts, `recordParts`).
   */
  unreadIn?: string;
  /** Export name → local name (`default` included). A class or its instance names the class: its handler methods are `Class.method`. */
  exports: Map<string, string>;
  /** Top-level objects made from a class (`const users = new UsersController()`), by variable name: the class name. */
  instances?: Map<string, string>;
  /** What the file passes on from other modules: one name (`export { a as b } from`) or all of them (`export * from`). */
  reexports?: { source: string; name?: string; imported?: string }[];
  /** Top-level consts made by a call (`const gate = expressjwt({ … })`), by name: the callee, the call as written and its line. */
  madeBy?: Map<string, { callee: string; call: string; line: number; lenient?: string }>;
  /** Classes of this file by the class they extend (`class PostController extends Controller`): what they inherit. */
  superclasses?: Map<string, string>;
  apps: AppObject[];
  registrations: Registration[];
  entries: DirectEntry[];
  nextMiddleware?: NextMiddleware;
  /** Client files: API calls gated by an admin or password check in the browser. */
  clientCalls?: ClientGuardedCall[];
  /** NestJS global guards (`APP_GUARD`, `useGlobalGuards`). */
  globalGuards: { name: string; line: number }[];
  /** NestJS decorators made of others with `applyDecorators` that apply guards or roles (`@Auth()`). */
  composedDecorators?: ComposedDecorator[];
  /** GraphQL servers set up here, and what decides for all their resolvers. */
  graphqlServers?: GraphqlServer[];
  /** Socket servers set up here (`io.on('connection', …)`, `wss.on('connection', …)`) and what decides who may connect. */
  socketServers?: SocketServer[];
  /**
   * Lambda functions this file configures for the Serverless Framework (aws-nodejs-typescript's per-function
   * `index.ts`: `export default { handler: \`${handlerPath(__dirname)}/handler.main\`, events: [{ http: … }] }`), with
   * their handler's module resolved from the scanned folder.
   */
  lambdaFunctions?: ServerlessHttpFunction[];
  /** hapi: the server's default auth strategy set here (`server.auth.default('jwt')`), which every route of the package asks for unless it says otherwise. */
  hapiDefaultAuth?: Evidence;
}

export type SocketKind = 'socket.io' | 'ws';

/**
 * A socket server's connection: a check that verifies the client (`io.use` middleware, `verifyClient`, the `upgrade`
 * handler, the connection callback), or middleware by name.
 */
export interface SocketServer {
  kind: SocketKind;
  /** Line of `io.on('connection', …)`; 0 when the file only adds middleware. */
  line: number;
  auth?: Evidence;
  /** `io.use(authenticateSocket)`: middleware passed by name, judged as route middleware is. */
  middleware: string[];
}

/** A call from browser code to an API path, made only after an admin or password check done in the browser. */
export interface ClientGuardedCall {
  method: string;
  /** Path as written, `${…}` replaced by `:param` (`/api/users/:param`). */
  url: string;
  line: number;
  code: string;
  guard: string;
  guardLine: number;
  kind: 'role' | 'password';
}

/** One entry point of the app, as `vibeaudit routes` lists it and rules read it. */
export interface RouteEntry {
  method: string;
  path: string;
  file: string;
  line: number;
  framework: string;
  handler: { file: string; startLine: number; endLine: number; name?: string };
  middleware: string[];
  auth: AuthState;
  /** What proves the auth decision, with file:line. */
  evidence: string;
  /** Why the route is deliberately open (login, health, verified webhook…). */
  public?: string;
  /** Role or admin check protecting it, with file:line. */
  roleCheck?: string;
  /** A role the handler's role check lets through that grants no reach over every record (`'recruiter'`). */
  ordinaryRole?: string;
  /** Values of the request by which a middleware or guard found the caller's membership (the `workspaceId` requested). */
  memberOf?: FilterKey[];
  /** A guard named for admins that it is built on (tRPC's `adminProcedure`), with file:line: an admin route, whatever its path. */
  adminGuard?: string;
  /** NestJS: roles declared (`@Roles('ADMIN')`, with file:line) that no guard reads, so they restrict nothing. */
  unreadRoles?: string;
  /** The handler checks who is calling without a session: a webhook signature or shared secret, or a secret token. */
  callerProof?: 'signature' | 'token';
  /** What the handler does to data and money. */
  touches: Touch[];
  /** Parse triggers and jobs: listed, never reported as routes. */
  trigger?: boolean;
  /** A rate limiter in front of the handler or called in it (`rateLimit()` middleware, `ratelimit.limit(ip)`). */
  rateLimit?: string;
  /** Browser code that calls this route only behind an admin or password check of its own. */
  clientGuards?: (ClientGuardedCall & { file: string })[];
  /** The handler adds to a stored balance once a payment is proved. */
  paymentCredit?: PaymentCredit;
  /** The handler (or a helper it calls) charges an amount the request chose. */
  clientAmount?: ClientAmount;
  /** A user found by what the request claims (an e-mail) and signed in without a password or token being checked. */
  signInByName?: SignInByName;
  /** The buyer's browser confirms a payment, and the handler grants what the request says was bought. */
  paymentGrant?: { proof: Evidence; grant: ClientGrant };
  /** Credits, a plan or a paid order granted as the request says, with no payment proved or started. */
  unpaidGrant?: ClientGrant;
  /** A balance taken from by an amount the request chose, never checked to be above zero. */
  clientDebit?: DebitAmount;
}

/**
 * A balance taken from by an amount not worked out by the server: the write, the field, and where the amount comes from.
 * A negative amount taken away is added: the caller raises their own balance (and a transfer takes from the recipient).
 */
export interface DebitAmount extends Evidence {
  /** The balance field: `balance`, `credits`. */
  field: string;
  /** The request field the amount was traced to (`req.body.amount`); unset while it is a parameter not yet bound. */
  source?: string;
  /** The parameter the amount comes from, by name, with the member of it read (`amount`, or `dto` and `amount`). */
  param?: { name: string; member?: string };
  /** The amount as written and the names it is read through, which a check of it would name. */
  amount: string;
  names: string[];
  /** Only a factor of the amount comes from the request (`product.price * quantity`). */
  factor?: true;
}

/** Credits added or a plan set as the request says: the write, the field, and the request field it follows. */
export interface ClientGrant extends Evidence {
  /** The field granted, or for `order`, the key the record marked paid was chosen by. */
  field: string;
  /** The request field the grant was traced to, as text: `req.body.plan`, `(await req.json()).credits`. */
  source: string;
  /** A record marked paid (`payment_status: 'paid'`) that the request chose by its id. */
  order?: true;
  /** A paid plan or flag set to a fixed value (`isPremium: true`, `plan: 'pro'`): whoever calls gets it. */
  free?: true;
}

/** An amount charged that the buyer's request chose: the value as written, with where it was read. */
export interface ClientAmount extends Evidence {
  /** `Stripe`, `Razorpay`, `Paystack`, `Flutterwave`, `PayPal`, `Square`, `Mercado Pago`, `Mollie`. */
  provider: string;
  /** The request field the amount was traced to, as text: `req.body.price`, `req.json().items[].price`. */
  source: string;
  /** The payment call: `stripe.checkout.sessions.create`. */
  call: string;
  /** For an amount not named as a price: the request field naming what is bought (`productId`). */
  bought?: string;
  /** The payment's options are the request's own object (`stripe.checkout.sessions.create(req.body)`): the buyer wrote them all. */
  whole?: boolean;
}

/** Where a function signs in (`jwt.sign(…)`) a user it found by who the request claims to be (`lookup` by `key`). */
export interface SignInByName extends Evidence {
  lookup: Evidence;
  key: string;
  /** No user is looked up: the token's claims are the request's (`new SignJWT(body)`); `key` is the claim. */
  claims?: true;
  /** No user is looked up: a fixed account (`DEV_USER`) is signed in; `key` is how the code names it. */
  fixed?: true;
}

/** A helper's payment of an amount its caller passes in: the parameter (and member of an options object) it charges. */
export interface ChargedParam extends Evidence {
  param: number;
  member?: string;
  provider: string;
  call: string;
}

/** A buyer-chosen amount from the request passed to a project function, as argument `param` (or its `member`). */
export interface RequestArgument extends Evidence {
  /** The function called, as written: `paymentService.createPaymentIntent`. */
  call: string;
  param: number;
  member?: string;
  source: string;
  bought?: string;
}

/** A route that adds credits (tokens, a wallet balance) for a payment, and whether it remembers the payments it has handled. */
export interface PaymentCredit {
  /** `confirm`: the buyer's browser calls it with the payment's id; `webhook`: the provider posts its payment events. */
  via: 'confirm' | 'webhook';
  /** The provider lookup, signature check or event that proves the payment. */
  proof: Evidence;
  /** The first balance the handler (or a helper it calls) adds to. */
  credit: Evidence & { field: string };
  /** What makes a second delivery of the same payment do nothing, when there is something. */
  record?: Evidence;
}
