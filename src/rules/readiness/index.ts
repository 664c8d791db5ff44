import type { Rule } from '../../engine/rule.js';
import { corsAnyOriginWithCredentials } from './cors-any-origin-with-credentials.js';
import { tlsVerificationDisabled } from './tls-verification-disabled.js';
import { authCookieWithoutHttpOnly } from './auth-cookie-without-httponly.js';
import { errorDetailsInResponse } from './error-details-in-response.js';

/** Production-readiness rules: settings left as they were in development, in the order they are documented. */
export const READINESS_RULES: readonly Rule[] = [tlsVerificationDisabled, corsAnyOriginWithCredentials, authCookieWithoutHttpOnly, errorDetailsInResponse];
