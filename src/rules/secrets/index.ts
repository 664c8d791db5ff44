import type { Rule } from '../../engine/rule.js';
import { envFileCommitted } from './env-file-committed.js';
import { genericHardcodedSecret } from './generic-hardcoded-secret.js';
import { hardcodedSecret } from './hardcoded-secret.js';
import { hardcodedSecretFallback } from './hardcoded-secret-fallback.js';
import { hardcodedSigningSecret } from './hardcoded-signing-secret.js';
import { hardcodedCredentialCheck } from './hardcoded-credential-check.js';
import { insecureRandomSecret } from './insecure-random-secret.js';
import { seededAccountPassword } from './seeded-account-password.js';
import { secretLogged } from './secret-logged.js';
import { credentialLogged } from './credential-logged.js';
import { secretInResponse } from './secret-in-response.js';

/** Rules of the secrets family, in the order they are documented. */
export const SECRETS_RULES: readonly Rule[] = [hardcodedSecret, genericHardcodedSecret, hardcodedSecretFallback, hardcodedSigningSecret, hardcodedCredentialCheck, insecureRandomSecret, seededAccountPassword, secretLogged, credentialLogged, secretInResponse, envFileCommitted];
