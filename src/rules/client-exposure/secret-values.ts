import { scanForSecrets } from '../secrets/detectors.js';
import { decodeJwtPayload, isPlaceholderValue, looksRandom } from '../secrets/values.js';

export { isPlaceholderValue, looksRandom };

/**
 * Detector rows whose values are public by design or harmless alone in a browser: Google API keys (browser
 * keys for Maps and Firebase look the same as server keys) and AWS access key IDs (useless without the secret).
 */
const PUBLIC_IN_BROWSER = new Set(['google-api-key', 'aws-access-key-id']);

/**
 * What secret a value is by its format, using the secrets family's detector table ("a Stripe secret key"), or
 * undefined. `name` gives the detectors the context some of them need (`NAME=value`).
 */
export function secretValueKind(value: string, name = 'VALUE'): string | undefined {
  const v = value.trim();
  if (v.length < 8 || isPlaceholderValue(v)) return undefined;
  const prefix = `${name}=`;
  for (const m of scanForSecrets(prefix + v)) {
    if (m.start < prefix.length || PUBLIC_IN_BROWSER.has(m.detectorId)) continue;
    return `${/^[AEIOU]/i.test(m.provider) ? 'an' : 'a'} ${m.provider} ${m.label}`;
  }
  return undefined;
}

/** The role claim of a JWT (Supabase keys are JWTs whose `role` is `anon` or `service_role`), if it is one. */
export function jwtRole(value: string): string | undefined {
  const role = decodeJwtPayload(value.trim())?.role;
  return typeof role === 'string' ? role : undefined;
}
