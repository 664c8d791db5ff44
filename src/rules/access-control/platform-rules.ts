import type { Rule } from '../../engine/rule.js';
import { firebaseDataconnectOpenOperation } from './firebase-dataconnect-open-operation.js';
import { firebaseRulesMissingOwnerCheck } from './firebase-rules-missing-owner-check.js';
import { firebaseRulesOpen } from './firebase-rules-open.js';
import { firebaseRulesPrivilegedFieldSelfUpdate } from './firebase-rules-privileged-field-self-update.js';
import { firebaseRulesTestMode } from './firebase-rules-test-mode.js';
import { hasuraPermissionTooBroad } from './hasura-permission-too-broad.js';
import { parseClassPermissionsPublicWrite } from './parse-class-permissions-public-write.js';
import { parseCloudFunctionWithoutUser } from './parse-cloud-function-without-user.js';
import { parseDashboardInsecure } from './parse-dashboard-insecure.js';
import { parseMasterKeyWithoutUserCheck } from './parse-master-key-without-user-check.js';
import { parseServerInsecureOptions } from './parse-server-insecure-options.js';
import { payloadCollectionAccess } from './payload-collection-access.js';

/** Access-control rules for backend platforms' own security settings: Firebase rules files, Parse Server, Payload CMS and Hasura. */
export const PLATFORM_ACCESS_RULES: readonly Rule[] = [
  firebaseRulesOpen,
  firebaseRulesTestMode,
  firebaseRulesMissingOwnerCheck,
  firebaseRulesPrivilegedFieldSelfUpdate,
  firebaseDataconnectOpenOperation,
  parseMasterKeyWithoutUserCheck,
  parseCloudFunctionWithoutUser,
  parseServerInsecureOptions,
  parseDashboardInsecure,
  parseClassPermissionsPublicWrite,
  payloadCollectionAccess,
  hasuraPermissionTooBroad,
];
