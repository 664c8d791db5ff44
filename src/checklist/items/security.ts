import { hitEvidence, type ProjectFacts } from '../facts.js';
import { fail, notApplicable, pass, some, warn } from '../outcome.js';
import type { CheckItem } from '../types.js';
import { PASSWORD_HASHING } from '../../rules/access-control/plaintext-password.js';

type Facts = ProjectFacts;

/** Configuration files where hosting platforms and Next.js set response headers. */
const HEADER_CONFIG = /(?:^|\/)(?:next\.config\.[cm]?[jt]s|vercel\.json|netlify\.toml|_headers|firebase\.json|nginx\.conf)$/;

/** Server code that is only per-request platform functions (Supabase Edge, Firebase, Netlify…): the platform terminates HTTP. */
function onlyPlatformFunctions(f: Facts): boolean {
  return !f.longRunning && !f.frameworks.has('nextjs');
}

const securityHeaders: CheckItem = {
  id: 'security-headers',
  group: 'security',
  title: 'Security headers are set',
  why: 'Headers such as Content-Security-Policy, X-Frame-Options and Strict-Transport-Security stop whole classes of attacks (clickjacking, script injection, downgrade to HTTP) in every browser, for one line of setup.',
  fix: 'Express: `app.use(helmet())`; Fastify: `@fastify/helmet`; Hono: `secureHeaders()`; Next.js: an `async headers()` block in `next.config.js` (or middleware) that sets them.',
  weight: 2,
  evaluate(f) {
    if (!f.hasServer) return notApplicable('No server code.');
    if (onlyPlatformFunctions(f)) return notApplicable('Only platform functions (JSON APIs); the platform serves the pages.');
    const config = f.files(HEADER_CONFIG);
    const hits = f.search([...f.server, ...config], /\bhelmet\s*\(|\bsecureHeaders\s*\(|['"](?:Content-Security-Policy|X-Frame-Options|Strict-Transport-Security)['"]/i);
    if (hits.length) return pass('Security headers are configured.', some(hits.map((h) => hitEvidence(h))));
    const dep = f.dependencyEvidence(['helmet', '@fastify/helmet', 'koa-helmet'], (n) => `\`${n}\` is installed but never called`);
    if (dep) return warn('A security-headers package is installed but not used in server code.', [dep]);
    return fail('No security headers are set: no helmet, secureHeaders() or header configuration was found.');
  },
};

/** `cors({ origin: true, credentials: true })` and friends: any site can make authenticated calls. */
const CORS_CALL = /\bcors\s*\([^)]*\)|\benableCors\s*\([^)]*\)|['"]Access-Control-Allow-Origin['"]\s*[:,][^,)\n}]+/g;

const corsRestricted: CheckItem = {
  id: 'cors-restricted',
  group: 'security',
  title: 'CORS only allows your own origins',
  why: 'CORS decides which other websites may call your API from a visitor\'s browser. Allowing every origin, worse with credentials, lets any site read your users\' data with their session.',
  fix: 'List the origins that may call the API: `cors({ origin: [\'https://app.example.com\'], credentials: true })`. Never combine `origin: true` or `*` with `credentials: true`.',
  weight: 2,
  evaluate(f) {
    if (!f.hasServer) return notApplicable('No server code.');
    const hits = f.search(f.server, CORS_CALL);
    if (!hits.length) return pass('No CORS headers are sent, so browsers only allow same-origin calls.');
    const reflectAll = hits.filter((h) => /origin\s*:\s*(?:true|['"]\*['"])|\(\s*\)$/.test(h.raw) || /Allow-Origin['"]\s*[:,]\s*['"]\*['"]/.test(h.raw) || /Allow-Origin['"]\s*[:,]\s*(?:req|request)\.headers/.test(h.raw));
    const withCredentials = reflectAll.filter((h) => /credentials\s*:\s*true/.test(h.raw) || /Allow-Origin['"]\s*[:,]\s*(?:req|request)\.headers/.test(h.raw));
    if (withCredentials.length) return fail('Every origin is allowed together with credentials: any website can act with your users\' sessions.', some(withCredentials.map((h) => hitEvidence(h))));
    if (reflectAll.length) return warn('Every origin may call the API. Fine for a public, token-authenticated API; otherwise list your origins.', some(reflectAll.map((h) => hitEvidence(h))));
    return pass('CORS is limited to configured origins.', some(hits.map((h) => hitEvidence(h))));
  },
};

const RATE_LIMIT_PACKAGES = ['express-rate-limit', 'rate-limiter-flexible', '@fastify/rate-limit', '@upstash/ratelimit', 'hono-rate-limiter', 'koa-ratelimit', 'koa2-ratelimit', '@nestjs/throttler', 'express-slow-down', 'next-rate-limit', '@arcjet/next', '@arcjet/node', '@arcjet/bun', '@arcjet/deno'];

const rateLimiting: CheckItem = {
  id: 'rate-limiting',
  group: 'security',
  title: 'Rate limiting on auth and API routes',
  why: 'Without a limit, one script can try thousands of passwords a minute, scrape every record, or run up your database, email and AI bills.',
  fix: 'Express: `app.use(\'/api\', rateLimit({ windowMs: 60_000, limit: 100 }))` with a tighter limit on login and signup; Next.js or serverless: `@upstash/ratelimit`; NestJS: `ThrottlerModule`.',
  weight: 2,
  evaluate(f) {
    if (!f.hasServer) return notApplicable('No server code.');
    const hits = f.search(f.server, /\brateLimit\s*\(|\bslowDown\s*\(|\bRateLimiter\w*\s*\(|\bRatelimit\s*\(|new\s+Ratelimit\b|\bThrottlerModule\b|@Throttle\s*\(|\barcjet\s*\(|register\(\s*(?:import\(['"]@fastify\/rate-limit['"]\)|rateLimit|fastifyRateLimit)/);
    if (hits.length) return pass('Requests are rate limited.', some(hits.map((h) => hitEvidence(h))));
    const dep = f.dependencyEvidence(RATE_LIMIT_PACKAGES, (n) => `\`${n}\` is installed but not applied`);
    if (dep) return warn('A rate-limiting package is installed but no limiter is applied in server code.', [dep]);
    return fail('No rate limiting was found on any route.');
  },
};

const VALIDATION_USE = /\bz\.(?:object|string|number|array|enum|union)\s*\(|\bJoi\.(?:object|string|number)\s*\(|\byup\.(?:object|string)\s*\(|\bv\.(?:object|string|pipe)\s*\(|@Is(?:String|Int|Email|Number|Boolean|UUID|NotEmpty|Optional)\s*\(|\bnew\s+ValidationPipe\b|\bajv\.compile\s*\(|\bcelebrate\s*\(|\b(?:body|query|param|check)\s*\(\s*['"][\w.]+['"]\s*\)\s*\.\s*(?:is|not|trim|escape|optional|exists)|\bschema\s*:\s*\{\s*(?:body|querystring|params)\s*:|\bType\.Object\s*\(|\bzValidator\s*\(|\btype\s*\(\s*\{/;
const VALIDATION_PACKAGES = ['zod', 'joi', 'yup', 'valibot', 'class-validator', 'ajv', 'express-validator', 'superstruct', '@sinclair/typebox', 'celebrate', 'arktype', '@vinejs/vine', 'runtypes', 'io-ts'];

const inputValidation: CheckItem = {
  id: 'input-validation',
  group: 'security',
  title: 'Request input is validated on the server',
  why: 'Checks in the browser can be skipped by calling the API directly. Without server-side validation, wrong types and unexpected fields reach the database (mass assignment, NoSQL operators, crashes).',
  fix: 'Validate every request body, query and params with a schema on the server (`const body = Schema.parse(await req.json())` with zod, `ValidationPipe` with class-validator DTOs in NestJS, Fastify route schemas).',
  weight: 2,
  evaluate(f) {
    if (!f.hasServer) return notApplicable('No server code.');
    const hits = f.search(f.server, VALIDATION_USE);
    if (hits.length) return pass('Server code validates input with a schema.', some(hits.map((h) => hitEvidence(h))));
    const client = f.search(f.code.filter((x) => x.role === 'client'), VALIDATION_USE);
    if (client.length) return warn('Input is validated only in browser code; the API accepts whatever it is sent.', some(client.map((h) => hitEvidence(h))));
    const dep = f.dependencyEvidence(VALIDATION_PACKAGES, (n) => `\`${n}\` is installed`);
    return fail('No schema validation of request input was found in server code.', dep ? [dep] : []);
  },
};

/** Server code handles passwords itself (not a hosted auth provider). */
const OWN_PASSWORDS = /\b(?:req|request|ctx\.request)\.body\.password\b|\{[^}]*\bpassword\b[^}]*\}\s*=\s*(?:await\s+)?(?:req|request|ctx\.request)(?:\.body|\.json\(\))|\bpassword\s*:\s*\{\s*type\s*:|\bpassword\s+(?:String|TEXT|VARCHAR)|\bpassword(?:Hash|_hash)?\s+(?:text|varchar)/i;

const passwordHashing: CheckItem = {
  id: 'password-hashing',
  group: 'security',
  title: 'Passwords are hashed with bcrypt, argon2 or scrypt',
  why: 'If the database leaks, plain or fast-hashed (MD5, SHA) passwords are recovered in minutes and reused on your users\' other accounts.',
  fix: 'Hash with `bcrypt.hash(password, 12)` or `argon2.hash(password)` and compare with `bcrypt.compare`; or hand sign-in to a provider (Supabase Auth, Clerk, Auth.js).',
  weight: 3,
  evaluate(f) {
    if (!f.hasServer) return notApplicable('No server code.');
    const own = f.search([...f.server, ...f.files(/\.(?:sql|prisma)$/)], OWN_PASSWORDS);
    if (!own.length) return notApplicable('The app does not store passwords itself (sign-in is handled elsewhere).');
    const hashing = f.search(f.server, PASSWORD_HASHING);
    if (hashing.length) return pass('Passwords are hashed with a slow password hash.', some(hashing.map((h) => hitEvidence(h))));
    const weak = f.search(f.server, /createHash\s*\(\s*['"](?:md5|sha1|sha256|sha512)['"]\s*\)/);
    return fail(weak.length ? 'Passwords are hashed with a fast hash (MD5/SHA), which is cracked quickly.' : 'Passwords are handled but no password hashing library is used.', some([...own.map((h) => hitEvidence(h, 'password read or stored here')), ...weak.map((h) => hitEvidence(h))]));
  },
};

/** Statements that set cookies, with their options (up to the closing parenthesis of a short call). */
const COOKIE_SET = /\bres\.cookie\s*\([^;]{0,400}|\bcookies\(\)\s*\.set\s*\([^;]{0,400}|\bcookies\.set\s*\([^;]{0,400}|\bsetCookie\s*\([^;]{0,400}|\bsession\s*\(\s*\{[^;]{0,600}|\bcookieSession\s*\(\s*\{[^;]{0,600}/g;
const SENSITIVE_COOKIE = /token|session|auth|jwt|sid|refresh|session\s*\(|cookieSession/i;

const cookieFlags: CheckItem = {
  id: 'cookie-flags',
  group: 'security',
  title: 'Session cookies are httpOnly, secure and sameSite',
  why: 'A session cookie readable by JavaScript is stolen by any script injection; one sent over plain HTTP is read on public Wi-Fi; one without sameSite rides along on requests other sites make.',
  fix: 'Set `{ httpOnly: true, secure: true, sameSite: \'lax\' }` on session and token cookies (express-session: `cookie: { … }`).',
  weight: 2,
  evaluate(f) {
    if (!f.hasServer) return notApplicable('No server code.');
    const all = f.search(f.server, COOKIE_SET, 50).filter((h) => SENSITIVE_COOKIE.test(h.raw));
    if (!all.length) return notApplicable('The server sets no session or token cookies.');
    const weak = all.filter((h) => {
      const t = h.raw;
      const httpOnly = /httpOnly\s*:\s*true/i.test(t) || (/\bsession\s*\(/.test(t) && !/httpOnly\s*:\s*false/i.test(t));
      return !httpOnly || !/secure\s*:/.test(t) || !/sameSite\s*:/i.test(t);
    });
    if (weak.length) return fail('A session or token cookie is set without httpOnly, secure or sameSite.', some(weak.map((h) => hitEvidence(h, 'cookie set here without all three flags'))));
    return pass('Session cookies carry httpOnly, secure and sameSite.', some(all.map((h) => hitEvidence(h, 'cookie flags set here'))));
  },
};

const csrfProtection: CheckItem = {
  id: 'csrf-protection',
  group: 'security',
  title: 'CSRF protection where cookies authenticate',
  why: 'When the browser sends the session cookie automatically, another website can submit forms to your API as the signed-in user (change email, transfer credits) unless requests are checked.',
  fix: 'Set `sameSite: \'lax\'` or `\'strict\'` on the session cookie and add a CSRF token (`csrf-csrf`, `@fastify/csrf-protection`) on state-changing routes; or authenticate with an `Authorization` header instead of cookies.',
  weight: 2,
  evaluate(f) {
    if (!f.hasServer) return notApplicable('No server code.');
    const cookieAuth = f.search(f.server, /\bsession\s*\(\s*\{|\bcookieSession\s*\(|\bpassport\.session\s*\(|\bgetIronSession\s*\(|\bres\.cookie\s*\(\s*['"](?:token|jwt|session|auth|access_token|refreshToken|refresh_token)['"]/);
    if (!cookieAuth.length) return notApplicable('Sessions are not cookie-based (or are handled by a framework that checks the origin, such as Next.js server actions).');
    const csrf = f.search(f.server, /\bcsrf\w*\s*\(|\bcsurf\b|\bdoubleCsrf\s*\(|\blusca\b|csrf-protection|\bsameSite\s*:\s*['"](?:strict|lax)['"]/i);
    if (csrf.length) return pass('Cookie sessions are protected against cross-site requests.', some(csrf.map((h) => hitEvidence(h))));
    return fail('Sessions ride on cookies and no CSRF token or sameSite setting was found.', some(cookieAuth.map((h) => hitEvidence(h, 'cookie-based session'))));
  },
};

const BIG_LIMIT = /\blimit\s*:\s*['"]?(\d+(?:\.\d+)?)\s*(mb|gb)['"]?/gi;

const bodySizeLimit: CheckItem = {
  id: 'body-size-limit',
  group: 'security',
  title: 'Request bodies have a size limit',
  why: 'A server that accepts huge bodies can be knocked over by a few large requests: parsing them fills memory and blocks every other user.',
  fix: 'Keep the parser defaults (Express 100 kB, Fastify 1 MB) or set a small explicit limit (`express.json({ limit: \'1mb\' })`); accept large uploads only on the upload route, streamed to storage.',
  weight: 1,
  evaluate(f) {
    if (!f.longRunning) return notApplicable('No long-running Node server; the platform limits request sizes.');
    const hits = f.search(f.server, BIG_LIMIT).filter((h) => {
      const m = /(\d+(?:\.\d+)?)\s*(mb|gb)/i.exec(h.text);
      return !!m && (m[2].toLowerCase() === 'gb' || Number(m[1]) > 10);
    });
    if (hits.length) return warn('A body parser accepts very large requests.', some(hits.map((h) => hitEvidence(h))));
    return pass('Body parsers keep a bounded size limit (the framework default or a small explicit one).');
  },
};

export const SECURITY_ITEMS: readonly CheckItem[] = [securityHeaders, corsRestricted, rateLimiting, inputValidation, passwordHashing, cookieFlags, csrfProtection, bodySizeLimit];
