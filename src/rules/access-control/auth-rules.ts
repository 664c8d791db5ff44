import type { Rule } from '../../engine/rule.js';
import { excessiveDataExposure } from './excessive-data-exposure.js';
import { jwtDecodeWithoutVerify } from './jwt-decode-without-verify.js';
import { jwtVerifyWeak } from './jwt-verify-weak.js';
import { jwtWithoutExpiry } from './jwt-without-expiry.js';
import { massAssignment } from './mass-assignment.js';
import { nestjsValidationPipeWithoutWhitelist } from './nestjs-validation-pipe-without-whitelist.js';
import { oneTimeCodeInResponse } from './one-time-code-in-response.js';
import { checkWithoutReturn } from './check-without-return.js';
import { forgeableAuthCookie } from './forgeable-auth-cookie.js';
import { identityFromRequestHeader } from './identity-from-request-header.js';
import { authBypassByRequestHeader } from './auth-bypass-by-request-header.js';
import { graphqlSecretField } from './graphql-secret-field.js';
import { passwordCheckNotAwaited } from './password-check-not-awaited.js';
import { plaintextPassword } from './plaintext-password.js';
import { weakPasswordHash } from './weak-password-hash.js';
import { signupRoleFromClient } from './signup-role-from-client.js';
import { feathersServiceWithoutAuth } from './feathers-service-without-auth.js';
import { pocketbaseSharedClientAuth } from './pocketbase-shared-client-auth.js';
import { socketIdentityFromClient } from './socket-identity-from-client.js';
import { socketRoomWithoutCheck } from './socket-room-without-check.js';
import { supabaseGetsessionOnServer } from './supabase-getsession-on-server.js';
import { webhookWithoutSignatureCheck } from './webhook-without-signature-check.js';

/** Access-control rules about tokens, passwords, webhooks and what request bodies and responses carry, in the order they are documented. */
export const AUTH_RULES: readonly Rule[] = [
  jwtDecodeWithoutVerify,
  jwtVerifyWeak,
  jwtWithoutExpiry,
  plaintextPassword,
  weakPasswordHash,
  passwordCheckNotAwaited,
  checkWithoutReturn,
  forgeableAuthCookie,
  identityFromRequestHeader,
  authBypassByRequestHeader,
  graphqlSecretField,
  supabaseGetsessionOnServer,
  webhookWithoutSignatureCheck,
  oneTimeCodeInResponse,
  socketRoomWithoutCheck,
  socketIdentityFromClient,
  pocketbaseSharedClientAuth,
  massAssignment,
  signupRoleFromClient,
  feathersServiceWithoutAuth,
  nestjsValidationPipeWithoutWhitelist,
  excessiveDataExposure,
];
