import { ALL_PUBLIC_ENV_PREFIXES } from '../../frameworks/index.js';

/** Why a variable name says it holds a secret, in words for a message ("an OpenAI API key"). */
export interface SecretName {
  what: string;
  /** 'medium' for names that are usually but not always secret (a bare `..._TOKEN`). */
  confidence: 'high' | 'medium';
}

/** Last words that name a setting rather than a credential: `SUPABASE_URL`, `FIREBASE_PROJECT_ID`, `ADMIN_EMAIL`. */
const NON_CREDENTIAL_SUFFIX = new Set([
  'URL', 'URLS', 'URI', 'ENDPOINT', 'HOST', 'HOSTNAME', 'DOMAIN', 'ID', 'IDS', 'SID', 'REGION', 'ZONE', 'BUCKET', 'DSN',
  'NAME', 'PATH', 'MODE', 'ENV', 'ENVIRONMENT', 'VERSION', 'ENABLED', 'DISABLED', 'PORT', 'TIMEOUT', 'EMAIL', 'ADDRESS',
  'SYMBOL', 'DECIMALS', 'PROJECT', 'ORG', 'ORGANIZATION', 'TEAM', 'LOCALE', 'LANG', 'TITLE', 'COLOR', 'THEME', 'SIZE',
  'LIMIT', 'COUNT', 'FLAG', 'FEATURE', 'PAGE', 'ROUTE', 'ROUTES', 'REDIRECT', 'CALLBACK', 'ORIGIN', 'BASE', 'PREFIX',
  'SUFFIX', 'LENGTH', 'EXPIRY', 'EXPIRES', 'TTL', 'INTERVAL', 'DELAY', 'DEBUG', 'LEVEL', 'TYPE', 'FORMAT', 'VISIBLE',
  'REQUIRED', 'MODEL', 'TEMPERATURE', 'TOKENS', 'HEADER', 'FIELD', 'COLUMN', 'TABLE', 'SCHEMA', 'CHANNEL', 'TOPIC',
  'LABEL', 'TEXT', 'MESSAGE', 'PHONE', 'NUMBER', 'USERNAME', 'USER', 'LOGIN', 'AUDIENCE', 'ISSUER', 'SCOPE', 'SCOPES',
  'STRATEGY', 'PROVIDER', 'PROVIDERS', 'BRANCH', 'SHA', 'COMMIT', 'BUILD', 'RELEASE', 'STAGE', 'TIER', 'PLAN', 'PRICE',
  'CURRENCY', 'LOCATION', 'LATITUDE', 'LONGITUDE', 'ZOOM', 'STYLE', 'ICON', 'LOGO', 'IMAGE', 'DIR', 'FILE', 'FOLDER',
]);

/** Words of a database connection setting: with a URL/URI suffix they name a connection string with a password. */
const DATABASE_WORDS = new Set(['DATABASE', 'DB', 'POSTGRES', 'POSTGRESQL', 'PG', 'PSQL', 'MONGO', 'MONGODB', 'MYSQL', 'MARIADB', 'REDIS', 'KV', 'DIRECT', 'NEON', 'PLANETSCALE', 'COCKROACH', 'TURSO', 'LIBSQL', 'SQL', 'AMQP', 'RABBITMQ']);

/** Services whose API keys, tokens and keys are secret (billing or data access) even though they are called "API key". */
const SECRET_PROVIDERS: [RegExp, string][] = [
  [/OPENAI|OPEN_AI/, 'OpenAI'],
  [/ANTHROPIC|CLAUDE/, 'Anthropic'],
  [/(^|_)GROQ(_|$)/, 'Groq'],
  [/MISTRAL/, 'Mistral'],
  [/COHERE/, 'Cohere'],
  [/GEMINI|GOOGLE_?GENERATIVE_?AI|GOOGLE_?AI(_|$)|(^|_)GENAI(_|$)|VERTEX/, 'Google Gemini'],
  [/PERPLEXITY|(^|_)PPLX(_|$)/, 'Perplexity'],
  [/DEEPSEEK/, 'DeepSeek'],
  [/(^|_)(XAI|GROK)(_|$)/, 'xAI'],
  [/TOGETHER_?AI|(^|_)TOGETHER(_|$)/, 'Together AI'],
  [/FIREWORKS/, 'Fireworks AI'],
  [/REPLICATE/, 'Replicate'],
  [/HUGGING_?FACE|(^|_)HF(_|$)/, 'Hugging Face'],
  [/ELEVEN_?LABS/, 'ElevenLabs'],
  [/DEEPGRAM/, 'Deepgram'],
  [/ASSEMBLY_?AI/, 'AssemblyAI'],
  [/OPEN_?ROUTER/, 'OpenRouter'],
  [/STABILITY/, 'Stability AI'],
  [/PINECONE/, 'Pinecone'],
  [/LANG_?(CHAIN|SMITH)/, 'LangChain'],
  [/TAVILY|SERPAPI|SERPER|FIRECRAWL|(^|_)EXA(_|$)|BROWSERLESS/, 'search/scraping API'],
  [/RESEND/, 'Resend'],
  [/SEND_?GRID/, 'SendGrid'],
  [/MAILGUN/, 'Mailgun'],
  [/POSTMARK/, 'Postmark'],
  [/BREVO|SENDINBLUE/, 'Brevo'],
  [/MAILCHIMP|MANDRILL/, 'Mailchimp'],
  [/TWILIO/, 'Twilio'],
  [/LEMON_?SQUEEZY/, 'Lemon Squeezy'],
  [/GITHUB|GITLAB/, 'GitHub/GitLab'],
  [/SLACK/, 'Slack'],
  [/DISCORD/, 'Discord'],
  [/TELEGRAM/, 'Telegram'],
  [/(^|_)VERCEL(_|$)/, 'Vercel'],
  [/NETLIFY/, 'Netlify'],
  [/CLOUDFLARE/, 'Cloudflare'],
  [/UPSTASH/, 'Upstash'],
  [/AIRTABLE/, 'Airtable'],
  [/NOTION/, 'Notion'],
  [/HUBSPOT/, 'HubSpot'],
  [/UPLOADTHING/, 'UploadThing'],
  [/(^|_)ABLY(_|$)/, 'Ably'],
  [/APPWRITE/, 'Appwrite'],
  [/ONESIGNAL_REST|REST_API_KEY/, 'REST API'],
  [/NEW_?RELIC/, 'New Relic'],
];

/** More services, only to name them in messages ("a Stripe secret"). */
const OTHER_PROVIDERS: [RegExp, string][] = [
  [/STRIPE/, 'Stripe'], [/CLERK/, 'Clerk'], [/AUTH0/, 'Auth0'], [/PAYPAL/, 'PayPal'], [/PAYSTACK/, 'Paystack'],
  [/RAZORPAY/, 'Razorpay'], [/PLAID/, 'Plaid'], [/(^|_)AWS(_|$)/, 'AWS'], [/FIREBASE/, 'Firebase'], [/GOOGLE/, 'Google'],
  [/RECAPTCHA/, 'reCAPTCHA'], [/CLOUDINARY/, 'Cloudinary'], [/PUSHER/, 'Pusher'], [/LIVEKIT/, 'LiveKit'],
  [/NEXTAUTH|(^|_)AUTH(_|$)/, 'auth'], [/(^|_)JWT(_|$)/, 'JWT'], [/WEBHOOK/, 'webhook'],
];

/** Services whose keys and tokens are designed to be shipped to browsers. */
const PUBLIC_PROVIDERS = /MAPBOX|MIXPANEL|CESIUM|ROLLBAR|POSTHOG|AMPLITUDE|SEGMENT|INTERCOM|GOOGLE_?MAPS|MAPS|RECAPTCHA_SITE|TURNSTILE_SITE|HCAPTCHA_SITE|REVENUECAT|LAUNCHDARKLY|STATSIG|ALGOLIA_SEARCH|SEARCH_ONLY|GOOGLE_?ANALYTICS|(^|_)GA(_|$)|GTM|HOTJAR|CLARITY|PLAUSIBLE|UMAMI|VAPID_PUBLIC|STOREFRONT|CONTENTFUL_(?:DELIVERY_|CDA_)?(?:ACCESS_)?TOKEN$|STORYBLOK|DATOCMS|PRISMIC/;

const KEYISH = new Set(['KEY', 'KEYS', 'APIKEY', 'TOKEN', 'SECRET', 'PAT', 'AUTH', 'CREDENTIALS', 'CREDENTIAL']);

/** Strip one public prefix (`NEXT_PUBLIC_`, `VITE_`, …) for the name analysis. */
function withoutPublicPrefix(upper: string): string {
  const prefix = [...ALL_PUBLIC_ENV_PREFIXES].sort((a, b) => b.length - a.length).find((p) => upper.startsWith(p));
  return prefix ? upper.slice(prefix.length) : upper;
}

/**
 * Whether an environment variable's name says its value is a secret. Names are not proof, so the rules that use
 * this only report where the name is clear: `STRIPE_SECRET_KEY`, `SUPABASE_SERVICE_ROLE_KEY`, `OPENAI_API_KEY`,
 * `DATABASE_URL`; never `SUPABASE_ANON_KEY`, `STRIPE_PUBLISHABLE_KEY`, `FIREBASE_API_KEY`, `..._URL`, `..._ID`.
 */
export function secretEnvName(name: string): SecretName | undefined {
  const rest = withoutPublicPrefix(name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase().replace(/[-.]/g, '_'));
  const tokens = rest.split('_').filter(Boolean);
  if (tokens.length === 0) return undefined;
  const compact = tokens.join('');
  const joined = tokens.join('_');
  const has = (t: string) => tokens.includes(t);
  const last = tokens[tokens.length - 1];

  // Firebase's Realtime Database URL is public configuration, and a REST endpoint (`UPSTASH_REDIS_REST_URL`,
  // `KV_REST_API_URL`) carries no password: its token is another variable.
  const plainEndpoint = has('FIREBASE') || has('REST') || has('API');
  if ((last === 'URL' || last === 'URI' || last === 'STRING' || last === 'DSN') && tokens.some((t) => DATABASE_WORDS.has(t)) && !plainEndpoint) {
    if (last === 'DSN' && !has('DATABASE') && !has('DB')) return undefined;
    return { what: 'a database connection string (with its password)', confidence: 'high' };
  }
  if (compact.includes('CONNECTIONSTRING') || has('CONNSTR')) return { what: 'a database connection string (with its password)', confidence: 'high' };
  if (NON_CREDENTIAL_SUFFIX.has(last)) return undefined;

  if (compact.includes('SERVICEROLE')) return { what: 'a Supabase service-role key', confidence: 'high' };
  if (has('SUPABASE') && (has('SECRET') || (has('SERVICE') && has('KEY')))) return { what: 'a Supabase secret key', confidence: 'high' };
  if (compact.includes('MASTERKEY')) return { what: 'a master key', confidence: 'high' };
  if (compact.includes('PRIVATEKEY') || (has('PRIVATE') && (has('TOKEN') || has('PEM')))) return { what: 'a private key', confidence: 'high' };
  if (compact.includes('SERVICEACCOUNT')) return { what: 'a service-account credential', confidence: 'high' };
  if (tokens.some((t) => t.includes('SECRET'))) {
    const provider = [...SECRET_PROVIDERS, ...OTHER_PROVIDERS].find(([re]) => re.test(joined))?.[1];
    return { what: provider ? `${article(provider)} ${provider} secret` : 'a secret', confidence: 'high' };
  }
  if (tokens.some((t) => t === 'PASSWORD' || t === 'PASSWD' || t === 'PWD' || t === 'PASS' || t === 'PASSPHRASE' || t.endsWith('PASSWORD'))) {
    return { what: 'a password', confidence: 'high' };
  }
  if (has('ADMIN') && tokens.some((t) => KEYISH.has(t) || t === 'SDK')) return { what: 'an admin credential', confidence: 'high' };
  if (has('CREDENTIALS') || has('CREDENTIAL')) return { what: 'credentials', confidence: 'medium' };
  if ((has('STRIPE') || has('PAYSTACK')) && (has('SK') || has('RK') || has('RESTRICTED'))) return { what: 'a Stripe secret key', confidence: 'high' };
  if (['JWT', 'ENCRYPTION', 'SIGNING', 'HMAC', 'CRYPTO', 'CIPHER', 'SESSION', 'COOKIE', 'WEBHOOK', 'DEPLOY', 'SERVER'].some(has) && (last === 'KEY' || last === 'TOKEN')) {
    return { what: 'a signing, encryption or server key', confidence: 'high' };
  }
  if (has('CERTIFICATE') && has('APP')) return { what: 'an app certificate', confidence: 'medium' };

  // Keys meant for browsers.
  if (has('ANON') || compact.includes('PUBLISHABLE') || has('PUBLIC') || has('PK') || has('CLIENT') || compact.includes('SITEKEY') || has('SITE')) return undefined;
  if (PUBLIC_PROVIDERS.test(joined)) return undefined;

  const provider = SECRET_PROVIDERS.find(([re]) => re.test(joined));
  if (provider && tokens.some((t) => KEYISH.has(t))) return { what: `${article(provider[1])} ${provider[1]} key`, confidence: 'high' };
  if (last === 'TOKEN' && tokens.length >= 2) return { what: 'an access token', confidence: 'medium' };
  return undefined;
}

function article(word: string): string {
  return /^[AEIOU]/i.test(word) ? 'an' : 'a';
}

/** Variable names that hold a Supabase service-role or secret key. */
export function isSupabaseServiceRoleName(name: string): boolean {
  const upper = name.toUpperCase();
  return upper.includes('SERVICE_ROLE') || upper.includes('SERVICEROLE') || /SUPABASE_(?:\w+_)?SECRET|SUPABASE_SERVICE_KEY|SB_SECRET/.test(upper);
}

/** Variable names that hold a Parse Server master key. */
export function isParseMasterKeyName(name: string): boolean {
  return /MASTER_?KEY/i.test(name);
}
