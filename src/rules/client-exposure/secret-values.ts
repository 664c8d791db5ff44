/**
 * Values whose format alone says they are secret. This is a short list of formats that matter when they reach a
 * browser; the secrets family holds the full detector table.
 */
const SECRET_FORMATS: [RegExp, string][] = [
  [/^sk-ant-(?:api|admin)\d{2}-[A-Za-z0-9_-]{20,}$/, 'an Anthropic API key'],
  [/^sk-or-v1-[A-Za-z0-9]{32,}$/, 'an OpenRouter API key'],
  [/^sk-(?:proj-|svcacct-|admin-)?[A-Za-z0-9_-]{20,}$/, 'an OpenAI-style secret key'],
  [/^(?:sk|rk)_(?:live|test)_[A-Za-z0-9]{16,}$/, 'a Stripe secret key'],
  [/^sb_secret_[A-Za-z0-9_-]{16,}$/, 'a Supabase secret key'],
  [/^gsk_[A-Za-z0-9]{32,}$/, 'a Groq API key'],
  [/^xai-[A-Za-z0-9]{32,}$/, 'an xAI API key'],
  [/^pplx-[A-Za-z0-9]{32,}$/, 'a Perplexity API key'],
  [/^hf_[A-Za-z0-9]{30,}$/, 'a Hugging Face token'],
  [/^r8_[A-Za-z0-9]{30,}$/, 'a Replicate API token'],
  [/^(?:ghp|gho|ghu|ghs|ghr)_[A-Za-z0-9]{30,}$|^github_pat_[A-Za-z0-9_]{30,}$/, 'a GitHub token'],
  [/^xox[baprs]-[A-Za-z0-9-]{10,}$/, 'a Slack token'],
  [/^re_[A-Za-z0-9]{8,}_[A-Za-z0-9]{16,}$/, 'a Resend API key'],
  [/^SG\.[\w-]{16,}\.[\w-]{16,}$/, 'a SendGrid API key'],
  [/^sk\.eyJ[\w-]+\.[\w-]+$/, 'a Mapbox secret token'],
  [/-----BEGIN (?:[A-Z]+ )?PRIVATE KEY-----/, 'a private key'],
];

const PLACEHOLDER = /your|xxx|placeholder|example|changeme|change[-_ ]?me|replace|insert|todo|dummy|<[^>]*>|\.\.\.|\*\*\*|^\$\{|^\$[A-Z_]+$|^(?:null|undefined|none|false|true)$/i;

/** A value someone left to be filled in (`your-key-here`, `sk-...`, `<secret>`, `${VAR}`), not a real credential. */
export function isPlaceholderValue(value: string): boolean {
  const v = value.trim();
  if (v.length < 8) return true;
  if (PLACEHOLDER.test(v)) return true;
  if (/^(.)\1+$/.test(v.replace(/^[a-z]+[-_]/i, ''))) return true;
  return false;
}

/** The role claim of a JWT (Supabase keys are JWTs whose `role` is `anon` or `service_role`), if it is one. */
export function jwtRole(value: string): string | undefined {
  const parts = value.trim().split('.');
  if (parts.length !== 3 || !parts[0].startsWith('eyJ')) return undefined;
  try {
    const payload = JSON.parse(Buffer.from(parts[1].replace(/-/g, '+').replace(/_/g, '/'), 'base64').toString('utf8')) as unknown;
    if (payload && typeof payload === 'object' && typeof (payload as { role?: unknown }).role === 'string') return (payload as { role: string }).role;
  } catch {
    return undefined;
  }
  return undefined;
}

/** A database URL with a password in it: `postgres://user:pass@host/db`. */
function databaseUrlWithPassword(value: string): boolean {
  const m = /^(?:postgres(?:ql)?|mysql|mariadb|mongodb(?:\+srv)?|rediss?|amqps?):\/\/[^:/\s@]+:([^@\s]+)@/.exec(value.trim());
  return !!m && !isPlaceholderValue(m[1].padEnd(8, '_')) && !/^\$|^\{/.test(m[1]) && m[1] !== 'password';
}

/** What secret a value is by its format alone, or undefined (placeholders are never secret). */
export function secretValueKind(value: string): string | undefined {
  const v = value.trim();
  if (jwtRole(v) === 'service_role') return 'a Supabase service-role key';
  if (databaseUrlWithPassword(v)) return 'a database connection string with a password';
  if (isPlaceholderValue(v)) return undefined;
  return SECRET_FORMATS.find(([re]) => re.test(v))?.[1];
}
