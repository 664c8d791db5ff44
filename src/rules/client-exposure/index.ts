import type { Rule } from '../../engine/rule.js';
import { bundlerExposesSecretEnv } from './bundler-exposes-secret-env.js';
import { firebaseAdminInClient } from './firebase-admin-in-client.js';
import { llmApiKeyInBrowser } from './llm-api-key-in-browser.js';
import { parseMasterKeyInClient } from './parse-master-key-in-client.js';
import { secretInPublicEnv } from './secret-in-public-env.js';
import { staticFilesExposeSource } from './static-files-expose-source.js';
import { supabaseServiceRoleInClient } from './supabase-service-role-in-client.js';

/** Rules of the client-exposure family, in the order they are documented. */
export const CLIENT_EXPOSURE_RULES: readonly Rule[] = [
  supabaseServiceRoleInClient,
  secretInPublicEnv,
  bundlerExposesSecretEnv,
  llmApiKeyInBrowser,
  firebaseAdminInClient,
  parseMasterKeyInClient,
  staticFilesExposeSource,
];
