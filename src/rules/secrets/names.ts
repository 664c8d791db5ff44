/**
 * Does a variable, property or environment name say "secret"? `JWT_SECRET`, `apiKey`, `x-api-key`,
 * `clientSecret`, `DB_PASS` do; `NEXT_PUBLIC_SUPABASE_ANON_KEY`, `API_URL`, `tokenExpiry`, `passwordMinLength`
 * do not.
 */

/** `STRIPE_SECRET_KEY` → [stripe, secret, key]; `apiKey` → [api, key]; `x-api-key` → [x, api, key]. */
export function splitWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

/** One of these words is enough. */
const STRONG = new Set([
  'secret', 'secrets', 'password', 'passwords', 'passwd', 'passphrase', 'pwd', 'token', 'tokens', 'credential', 'credentials',
  'creds', 'apikey', 'apikeys', 'accesstoken', 'authtoken', 'refreshtoken', 'secretkey', 'privatekey', 'accesskey',
  'clientsecret', 'jwtsecret', 'sessionsecret', 'bearer', 'authorization', 'servicerole', 'servicekey',
]);

/** Two consecutive words that make a secret name. */
const PAIRS: ReadonlyArray<readonly [string, string]> = [
  ['api', 'key'], ['access', 'key'], ['private', 'key'], ['secret', 'key'], ['signing', 'key'], ['encryption', 'key'],
  ['encrypt', 'key'], ['crypto', 'key'], ['master', 'key'], ['service', 'key'], ['service', 'role'], ['admin', 'key'],
  ['write', 'key'], ['hmac', 'key'], ['session', 'key'], ['auth', 'key'], ['app', 'key'],
];

/** `<provider>_KEY`: the provider word says which service the key opens. */
const PROVIDER_WORDS = new Set([
  'openai', 'anthropic', 'claude', 'stripe', 'resend', 'sendgrid', 'mailgun', 'postmark', 'twilio', 'groq', 'gemini',
  'mistral', 'replicate', 'huggingface', 'hf', 'pinecone', 'supabase', 'clerk', 'github', 'gitlab', 'aws', 'jwt',
  'deepseek', 'xai', 'cohere', 'elevenlabs', 'perplexity', 'together', 'fireworks', 'openrouter', 'brevo', 'slack',
  'discord', 'telegram', 'shopify', 'square', 'paypal', 'braintree', 'vercel', 'netlify', 'linear', 'notion',
  'airtable', 'sentry', 'doppler', 'planetscale', 'neon', 'upstash', 'twitch', 'cloudflare', 'firebase', 'mapbox',
  'algolia', 'razorpay', 'paystack', 'lemonsqueezy', 'deepgram', 'assemblyai', 'tavily', 'serper', 'serpapi',
  'langchain', 'langsmith', 'voyage', 'jina', 'cohere', 'pusher', 'ably', 'livekit', 'mux', 'uploadthing', 'cloudinary',
  'imagekit', 'contentful', 'sanity', 'strapi', 'hubspot', 'intercom', 'mailchimp', 'convertkit', 'loops', 'plunk',
  'nextauth', 'auth', 'session', 'cookie', 'encryption', 'hmac', 'signing', 'webhook', 'cron', 'admin', 'master',
]);

/** Any of these words means the value is not a secret: identifiers, URLs, settings about secrets, public keys. */
const NEGATIVE = new Set([
  'public', 'publishable', 'pub', 'anon', 'anonymous', 'id', 'ids', 'url', 'uri', 'urls', 'endpoint', 'endpoints',
  'host', 'hostname', 'domain', 'origin', 'name', 'names', 'length', 'len', 'type', 'types', 'format', 'path', 'paths',
  'file', 'filename', 'dir', 'header', 'headers', 'field', 'fields', 'label', 'placeholder', 'example', 'sample',
  'hint', 'prefix', 'suffix', 'pattern', 'regex', 'mask', 'masked', 'hash', 'hashed', 'policy', 'strength', 'min',
  'max', 'minimum', 'maximum', 'required', 'error', 'errors', 'message', 'messages', 'msg', 'reset', 'forgot',
  'confirm', 'confirmation', 'input', 'visible', 'visibility', 'show', 'hidden', 'toggle', 'expiry', 'expires',
  'expiration', 'exp', 'ttl', 'timeout', 'lifetime', 'age', 'duration', 'count', 'limit', 'version', 'route', 'page',
  'link', 'button', 'text', 'title', 'icon', 'color', 'class', 'style', 'storage', 'cache', 'event', 'events',
  'audience', 'issuer', 'algorithm', 'alg', 'scope', 'scopes', 'status', 'state', 'mode', 'kind', 'region', 'column',
  'table', 'schema', 'query', 'param', 'params', 'index', 'validator', 'validation', 'rule', 'rules', 'ref', 'enabled',
  'disabled', 'size', 'rounds', 'cost', 'iterations', 'usage', 'callback', 'redirect', 'env', 'var', 'variable',
  'site', 'csrf', 'xsrf', 'mock', 'fake', 'dummy', 'demo', 'tokenizer', 'location', 'bucket', 'project',
  'account', 'user', 'username', 'email', 'login', 'owner', 'client', 'tenant',
]);

/** Words that weaken a single `auth`/`key` hint but not a strong word (`userPassword` is still a password). */
const WEAK_ONLY_NEGATIVE = new Set(['account', 'user', 'username', 'email', 'login', 'owner', 'client', 'tenant', 'project']);

export type SecretNameStrength = 'strong' | 'key' | undefined;

/**
 * How strongly a name says "secret": `strong` for secret/password/token words and pairs like api+key, `key` for
 * `<provider>_KEY`, undefined when it does not (or names something about a secret: length, URL, expiry, public key).
 */
export function secretNameStrength(name: string): SecretNameStrength {
  const words = splitWords(name);
  // Sentences used as keys (message catalogues) are not variable names.
  if (words.length === 0 || words.length > 6) return undefined;
  if (name === 'PWD' || name === 'OLDPWD') return undefined; // the shell's working directory
  const hardNegative = words.some((w) => NEGATIVE.has(w) && !WEAK_ONLY_NEGATIVE.has(w));
  if (hardNegative) return undefined;
  const strong =
    words.some((w) => STRONG.has(w)) ||
    words[words.length - 1] === 'pass' ||
    (words[words.length - 1] === 'auth' && words.length <= 2) ||
    PAIRS.some(([a, b]) => words.some((w, i) => w === a && words[i + 1] === b));
  if (strong) return 'strong';
  // `client`, `user`… only matter when nothing but a weak hint remains: `userPassword` stays a secret.
  if (words.some((w) => WEAK_ONLY_NEGATIVE.has(w))) return undefined;
  const last = words[words.length - 1];
  if (last === 'key' && words.length >= 2 && PROVIDER_WORDS.has(words[words.length - 2])) return 'key';
  if (last === 'key' && words.length >= 3 && PROVIDER_WORDS.has(words[0])) return 'key';
  return undefined;
}

export function isSecretName(name: string): boolean {
  return secretNameStrength(name) !== undefined;
}

/** Signing secrets: a known fallback lets anyone forge sessions or tokens (worse than a broken API call). */
export function isSigningSecretName(name: string): boolean {
  const words = splitWords(name);
  const joined = words.join('_');
  return /jwt|session|cookie|nextauth|auth_secret|signing|hmac|encryption|encrypt|crypto|csrf_secret|webhook|app_secret|secret_key_base|master/.test(joined);
}

/** Provider words naming a service the app calls out to, as opposed to secrets the app checks itself. */
const OUTBOUND = new Set([...PROVIDER_WORDS].filter((w) => !['jwt', 'auth', 'session', 'cookie', 'encryption', 'hmac', 'signing', 'webhook', 'cron', 'admin', 'master', 'nextauth'].includes(w)));

/**
 * `OPENAI_API_KEY`, `RESEND_API_KEY`: a key for a third-party API. A stub fallback for such a key only breaks
 * the calls; it grants nobody access to the app (unlike a stub `JWT_SECRET` or `API_KEY` the app checks).
 */
export function isOutboundKeyName(name: string): boolean {
  const words = splitWords(name).filter((w) => !['next', 'public', 'vite', 'react', 'app', 'expo'].includes(w));
  return words.length >= 2 && OUTBOUND.has(words[0]) && !isSigningSecretName(name) && !words.includes('webhook');
}

/** `DATABASE_URL`, `MONGODB_URI`, `REDIS_URL`, `PG_CONNECTION_STRING`: a value that may hold a password. */
export function isConnectionName(name: string): boolean {
  const words = splitWords(name);
  const locator = words.some((w) => w === 'url' || w === 'uri' || w === 'dsn' || w === 'connection' || w === 'conn' || w === 'connectionstring');
  const store = words.some((w) => /^(database|db|mongo|mongodb|postgres|postgresql|pg|mysql|mariadb|redis|sql|amqp|rabbitmq|rabbit|cockroach|mssql|kv|cache)$/.test(w));
  return locator && store;
}
