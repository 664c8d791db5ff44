import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { objectProperty } from '../engine/ast-utils.js';
import type { Evidence, FunctionFacts } from './types.js';

/** Options of sign-in middleware that let requests without a token through: express-jwt, express-openid-connect / express-oauth2-jwt-bearer, koa-jwt. */
const LENIENT_OPTIONS: [string, boolean][] = [['credentialsRequired', false], ['authRequired', false], ['passthrough', true]];

/** The option by which a middleware made by this call lets visitors without a sign-in through (`credentialsRequired: false`). */
export function lenientOption(call: TSESTree.CallExpression): string | undefined {
  for (const arg of call.arguments) {
    if (arg.type !== 'ObjectExpression') continue;
    for (const [key, value] of LENIENT_OPTIONS) {
      const p = objectProperty(arg, key);
      if (p?.value.type === 'Literal' && p.value.value === value) return `${key}: ${value}`;
    }
  }
  return undefined;
}

/** Middleware from packages, known to reject requests without a valid sign-in. */
const KNOWN_AUTH: { test: RegExp; sources?: RegExp; what: string }[] = [
  { test: /^passport\.authenticate$/, what: 'Passport authenticates the request' },
  { test: /^(expressjwt|expressJwt|jwt|jwk|koaJwt)$/, sources: /^(express-jwt|koa-jwt|hono\/jwt|hono\/jwk|@hono\/.*)$/, what: 'verifies a JWT' },
  { test: /^auth$/, sources: /^(express-oauth2-jwt-bearer|express-openid-connect)$/, what: 'verifies the access token' },
  { test: /^(requiresAuth|requireAuth|ClerkExpressRequireAuth|ensureLoggedIn|ensureAuthenticated|bearerAuth|basicAuth|verifyJWT|withApiAuthRequired|withPageAuthRequired)$/, what: 'rejects requests without a valid sign-in' },
  { test: /^\w+\.(authenticate|verifyJWT|auth|requireAuth|jwtAuth)$/, what: 'Fastify auth decorator' },
];
const NOT_AUTH = /^(cors|helmet|json|urlencoded|raw|text|static|bodyParser|morgan|compression|cookieParser|cookies?|rateLimit|rateLimiter|\w*[lL]imiter|limiter|multer|upload\w*|single|array|fields|any|validate(?!Session|Token|User|Auth|Jwt|JWT|Login|Access|Api[kK]ey)\w*|celebrate|zValidator|validator|logger|\w+Logger|\w*[eE]rrorHandler|unknownEndpoint|notFound(?:Handler)?|csrf\w*|csurf|session|cache\w*|timeout|connect(?:To)?(?:Db|DB|Database|Mongo|MongoDB|Mongoose)|(?:db|mongo|mongoose|mongodb)Connect(?:ion)?|with(?:Db|DB|Database|Mongo|MongoDB|Mongoose|Prisma)|express\.\w+|bodyParser\.\w+|upload\.\w+|\w+\.(single|array|fields|none|any))$/;
/** Names of middleware that may let visitors without a sign-in through. */
export const OPTIONAL_NAME = /optional|maybe|attach|populate|(?<!up)load|extract|parse|decode|identify|clerkMiddleware|withSession|getSession/i;
const AUTH_NAME = /(auth|protect|jwt|token|loggedin|signedin|requireuser|requiresession|requirelogin|requiresignin|ensureuser|firebaseuser|verifyuser|currentuser|validatesession|validateuser|checksession|verifysession)/i;
const ROLE_WORD = /(admin|role|permission|authorize|rbac|acl|staff|superuser|owner|policy)/i;
const ROLE_NAME = { test: (name: string) => ROLE_WORD.test(name) || /^can([A-Z]|$)/.test(name) };

export interface MiddlewareVerdict {
  auth?: string;
  role?: string;
  unknown?: string;
  /** Not auth (body parser, CORS…): says nothing either way. */
  neutral?: boolean;
  /** The shared secret or signature the middleware checks, when that is its only check: callers prove they hold a key, not who they are. */
  signature?: Evidence;
  /** It puts a user on the request without checking anything: a handler behind it always finds one. */
  setsUser?: boolean;
  /** Body fields a sign-in check sets from the verified token or session (FunctionFacts.setsBody): the caller's own. */
  callerBody?: string[];
}

/** Judge a middleware by what its definition does or, without one, by what it is called and where it comes from. */
export function judgeMiddleware(name: string, source: string | undefined, facts: FunctionFacts | undefined, helperAuth?: string): MiddlewareVerdict {
  const short = name.split('.').pop() ?? name;
  if (facts) {
    const out: MiddlewareVerdict = {};
    if (facts.auth) out.auth = `${facts.auth.text} (${facts.auth.file}:${facts.auth.line})`;
    else if (helperAuth) out.auth = helperAuth;
    // A shared secret or signature the caller must send (`if (key !== env.ADMIN_KEY) return 403`): only holders get through.
    else if (facts.signature) {
      out.auth = `${facts.signature.text} (${facts.signature.file}:${facts.signature.line})`;
      out.signature = facts.signature;
    }
    if (facts.role) {
      out.role = `${facts.role.text} (${facts.role.file}:${facts.role.line})`;
      // A role check turns away visitors without a user as well.
      out.auth ??= out.role;
    }
    if (!out.auth && !out.role) {
      if (facts.optionalAuth) out.unknown = `reads the sign-in (${facts.optionalAuth.text}) but lets requests without one through`;
      else out.neutral = true;
    }
    if (!out.auth && facts.setsUser) out.setsUser = true;
    // What a check that turns away visitors without a sign-in puts in the body comes from their token or session.
    if (facts.auth && facts.setsBody?.length) out.callerBody = facts.setsBody;
    return out;
  }
  if (NOT_AUTH.test(name) || NOT_AUTH.test(short)) return { neutral: true };
  for (const k of KNOWN_AUTH) {
    if (k.test.test(name) && (!k.sources || (source && k.sources.test(source)))) return { auth: `${k.what}`, role: ROLE_NAME.test(name) ? name : undefined };
  }
  const role = ROLE_NAME.test(short) ? `\`${name}\` (a role check, judged by its name)` : undefined;
  if (OPTIONAL_NAME.test(short)) return { unknown: `\`${name}\` may let visitors without a sign-in through` };
  if (AUTH_NAME.test(short) || role) return { auth: `\`${name}\` (judged by its name; its definition is not in the scanned code)`, role };
  return { unknown: `\`${name}\` (definition not found)` };
}
