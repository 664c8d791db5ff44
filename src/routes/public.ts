import type { FunctionFacts, Touch } from './types.js';
import { IDENTITY_KEY } from './auth.js';
import { CREATE_METHODS, MADE_RECORD_ID, PROVIDER_ID_KEY } from './filters.js';
import { modelKey } from '../model/model-key.js';

const SIGN_IN = /(^|[/._-])(login|log-in|signin|sign-in|signup|sign-up|register|registration|logout|log-out|signout|sign-out|forgot[-_]?password|forgot|reset[-_]?password|password[-_]?reset|verify-email|magic-link|otp|refresh|refresh-token|(?<!(?:push|device|fcm|expo|payment|card)[._-])token|(?<!(?:checkout|portal|billing|payment|stripe|paypal)[._-])session)([/._-]|$)/i;
/** Handler names, with the suffixes actions and controllers take (`loginAction`, `registerUser`, `signUpHandler`). */
const SIGN_IN_NAMES = /^(login|logIn|signIn|signUp|signup|register|logout|signOut|forgotPassword|resetPassword|requestPasswordReset|verifyEmail|sendMagicLink|refreshToken|signInWith\w*)(?:Action|User|Handler)?$/;
/** Names that start with a sign-in word, for whom it signs in: `loginStudent`, `registerTeacher`, `signUp_admin`. */
const SIGN_IN_PREFIX = /^(?:login|logIn|signIn|signUp|signup|register|logout|signOut|forgotPassword|resetPassword|requestPasswordReset|verifyEmail)(?=[A-Z_]|$)/;

/** One word for whom and how: `/therapistregister`, `/adminlogin`, `/student-signup` is caught by SIGN_IN. */
const WHO_SIGNS_IN = /(^|\/)(?:admin|user|student|teacher|therapist|doctor|patient|customer|vendor|seller|buyer|staff|employee|member|client|owner|driver|rider|agent|partner|company|business)(?:login|register|signup|signin|logout)(\/|$)/i;

/** A route or entry point for signing in, up or out, or resetting a password, by its path or handler name. */
export function isSignInRoute(path: string): boolean {
  // A scheduled job's endpoint is no sign-in, whatever it cleans up (`/api/cron/delete-expired-otp`).
  if (SCHEDULED.test(path)) return false;
  // Signing up as an admin (`/adminsignup`, `/register-admin`) is how anyone would become one: no sign-in to leave open.
  if (ADMIN_SIGN_UP.test(path)) return false;
  // (`RegisterAction`, `LoginHandler`: names written in PascalCase read as their camelCase.)
  const written = entryName(path);
  const name = written.charAt(0).toLowerCase() + written.slice(1);
  // (`loginFormAction`, `signInWithEmail`; not `registerVehicle`, which may register anything.)
  return SIGN_IN.test(path) || WHO_SIGNS_IN.test(path) || SIGN_IN_NAMES.test(name) || (SIGN_IN_PREFIX.test(name) && !name.startsWith('register')) || SIGN_IN_NAMES.test(path.split('/').pop() ?? '');
}

const ADMIN_SIGN_UP = /admin[\w-]*(?:sign-?up|register)|(?:sign-?up|register)[\w-]*admin/i;
const SCHEDULED = /(^|\/)(?:cron|crons|cron-jobs|scheduled)(\/|$)/i;

/** Paths that name only signing in or up, with nothing about a password, a session or a token that a PUT or DELETE could change. */
const ONLY_SIGN_IN_OR_UP = /^\/?(?:[\w-]+\/)*(?:login|log-in|signin|sign-in|signup|sign-up|register|registration)\/?$/i;

/**
 * A handler at a sign-in or sign-up address that does something else: a PUT or DELETE there (`PUT /api/Signup`
 * rewriting any account by its id, `DELETE /api/Signup`), or a GET there that reads user records (a list of every
 * account). (A PUT to a password-reset address, a DELETE of a session, stay open by design.)
 */
function notSignIn(method: string, path: string, touches: readonly Touch[]): boolean {
  if (!ONLY_SIGN_IN_OR_UP.test(path.replace(/\/:[^/]+|\/\[[^\]]+\]/g, ''))) return false;
  if (/^(?:PUT|PATCH|DELETE)$/.test(method)) return touches.some((t) => t.kind !== 'read');
  return method === 'GET' && /(?:signup|sign-up|register|registration)\/?$/i.test(path) && touches.some((t) => t.kind === 'read' && t.userData);
}

/** The name an entry point's path ends in: a server action's, a Cloud Function's, a GraphQL field's, a Convex function's (`api.users.registerUser`). */
function entryName(path: string): string {
  return path.replace(/^\(server action\) /, '').replace(/^\/functions\//, '').replace(/^(?:Query|Mutation|Subscription)\./, '').replace(/^api\.(?:[\w$-]+\.)+/, '');
}

/** A function named for signing in, up or out, or resetting a password: open by design. */
export function isSignInName(name: string): boolean {
  return SIGN_IN_NAMES.test(name) || SIGN_IN_PREFIX.test(name);
}
/** `/api/auth/demo`, `/auth/guest`: signing in to a demo or guest account, which anyone may do. */
const GUEST_SIGN_IN = /(^|\/)auth\/(?:demo|guest|anonymous)(?:-login|-session)?(\/|$)/i;
const HEALTH = /(^|\/)(health|healthz|healthcheck|health-check|status|ping|ready|readiness|live|liveness|version)$/i;
const CALLBACK = /(^|\/)(callback|oauth|sso)(\/|$)|\/auth\/\*$/i;
const CONTENT_WORDS = new Set(['product', 'products', 'pricing', 'price', 'prices', 'plans', 'plan', 'menu', 'blog', 'blogs', 'post', 'posts', 'article', 'articles', 'faq', 'faqs', 'testimonials', 'categories', 'category', 'catalog', 'catalogue', 'features', 'docs', 'changelog', 'public', 'landing', 'events', 'reviews', 'tags', 'sitemap', 'rss', 'feed', 'og', 'listings', 'listing', 'ads', 'homes', 'rentals', 'recipes', 'recipe', 'services', 'courses', 'gallery', 'galleries', 'portfolio', 'portfolios', 'availability']);
/** What visitors send through a site's public forms: a message, a booking, a sign-up to a list. */
const PUBLIC_FORM_WORDS = new Set(['contact', 'feedback', 'newsletter', 'waitlist', 'inquiry', 'inquiries', 'enquiry', 'enquiries', 'lead', 'leads', 'book', 'booking', 'bookings', 'appointment', 'appointments', 'reservation', 'reservations', 'rsvp', 'quote', 'quotes']);
/** The collection of accounts, posted to: `/users`, `/api/accounts`. */
const ACCOUNTS = /(^|\/)(?:users?|accounts?|members?|customers?)\/?$/i;
/** A GraphQL mutation or server action that adds an account, by its name: `createUser`, `addAccount`. */
const ACCOUNT_MUTATION = /^(?:create|add|new)(?:User|Account|Member|Customer)(?:Action)?$/;
/** A call that adds a record or an account, by the method it ends in: `User.create`, `this.usersService.create`, `.insert`. */
const MAKES = new RegExp(`\\.\\s*(?:${[...CREATE_METHODS, 'save', 'register', 'signUp', 'signup'].join('|')})$`);
const READS = new Set(['GET', 'HEAD', 'QUERY', 'CALL', 'ANY', 'ACTION']);

function words(s: string): string[] {
  return s
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z]+/)
    .filter(Boolean);
}

/** A header or query parameter compared with a key the server keeps (auth.ts), rather than a payload's signature. */
const SHARED_SECRET = /compares a (?:header|query parameter|request field) with a secret/;

/** Why a route is deliberately open, or undefined when nothing says so. */
export function publicReason(method: string, path: string, handler: FunctionFacts | undefined, touches: Touch[]): string | undefined {
  const name = entryName(path);
  if (handler?.signature) {
    const what = SHARED_SECRET.test(handler.signature.text) && !/hook|sign/i.test(handler.signature.text) ? 'only callers that send the shared secret get through' : 'webhook whose signature is checked';
    return `${what}: ${handler.signature.text} (${handler.signature.file}:${handler.signature.line})`;
  }
  // A payment confirmed with the provider, when what it writes is found by what the provider returned (the order
  // in the session's metadata, or the session's own id), not by ids the caller chose.
  if (handler?.paymentCheck && !touches.some((t) => t.kind !== 'read' && t.filters?.some((f) => f.from === 'request' && !PROVIDER_ID_KEY.test(f.key)))) {
    return `payment confirmed with the provider before anything is written: ${handler.paymentCheck.text} (${handler.paymentCheck.file}:${handler.paymentCheck.line})`;
  }
  if (handler?.devOnly) return `works only in development: ${handler.devOnly.text} (${handler.devOnly.file}:${handler.devOnly.line})`;
  if (handler?.tokenCheck) return `only the holder of a secret token gets through: ${handler.tokenCheck.text} (${handler.tokenCheck.file}:${handler.tokenCheck.line})`;
  if (isSignInRoute(path) && !notSignIn(method, path, touches)) return 'sign-in, sign-up and password-reset endpoints are open by design';
  if (GUEST_SIGN_IN.test(path)) return 'a demo or guest sign-in, open by design';
  // A probe reads; `PUT /api/laundry/status` changing a booking's status is no health check.
  if (HEALTH.test(path) && !/^(?:PUT|PATCH|DELETE)$/.test(method) && !touches.some((t) => t.kind !== 'read')) return 'health or status check';
  if (CALLBACK.test(path)) return 'sign-in callback (OAuth, magic link) that must be reachable before sign-in';
  // A public form: everything it does is add a new record of fields the code names, not an account, for no one the
  // request names. Reading or changing records, or writing the client's object as it came, still needs sign-in.
  const onlyAdds = touches.length > 0 && touches.every((t) => (t.kind === 'write' && t.addsNamedFields && !t.userData && !t.createdFor && !t.roleWrite) || (t.kind === 'read' && t.existenceOnly));
  if (onlyAdds && touches.some((t) => t.kind === 'write') && words(`${path} ${name}`).some((w) => PUBLIC_FORM_WORDS.has(w))) return 'a form for visitors: it only adds a new record (a message, a booking, a sign-up to a list)';
  // `POST /users`, or a `createUser` mutation or server action, that only adds an account is a sign-up. A role from the body, the body written
  // whole or a record found by the request's id is still reported, by the rules about those.
  // (A sign-up may first look the account up by its e-mail or user name, to say it is taken.)
  // (And may make the new account's own records beside it, a cart or a profile, and read the new account back.)
  const makesAccount = (t: Touch) => t.kind === 'write' && t.userData && MAKES.test(t.code) && !t.filters?.length && !t.roleWrite;
  const takenCheck = (t: Touch) => t.kind === 'read' && (t.existenceOnly || (!!t.filters?.length && t.filters.every((f) => IDENTITY_KEY.test(f.key)) && touches.some((w) => makesAccount(w) && !!w.target && !!t.target && modelKey(w.target) === modelKey(t.target))));
  const besideAccount = (t: Touch) => (t.kind === 'write' && MAKES.test(t.code) && !t.filters?.length && !t.roleWrite) || (t.kind === 'read' && !!t.filters?.length && t.filters.every((f) => MADE_RECORD_ID.test(f.source ?? '')));
  const onlyMakesAccount = touches.some(makesAccount) && touches.every((t) => makesAccount(t) || takenCheck(t) || besideAccount(t));
  if (onlyMakesAccount && ((method === 'POST' && ACCOUNTS.test(path)) || ((method === 'MUTATION' || method === 'ACTION') && ACCOUNT_MUTATION.test(name)))) return 'sign-up: it only adds a new account';
  const writes = touches.some((t) => t.kind !== 'read');
  if (READS.has(method) && !writes) {
    if (path === '/' || path === '') return 'home page';
    if (words(path).some((w) => CONTENT_WORDS.has(w)) && !touches.some((t) => t.userData)) return 'read-only public content';
    // A route that only reads catalogue tables, whatever its path says (`GET /:q` searching `Product`).
    if (touches.length > 0 && touches.every((t) => !!t.target && !t.userData && CONTENT_WORDS.has(words(t.target).pop() ?? ''))) return 'read-only public content';
  }
  return undefined;
}

export function isWebhookPath(path: string): boolean {
  return /webhook|hooks?\//i.test(path);
}
