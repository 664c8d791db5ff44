import type { Rule } from '../../engine/rule.js';
import { actionsExcessivePermissions } from './actions-excessive-permissions.js';
import { actionsPullRequestTargetCheckout } from './actions-pull-request-target-checkout.js';
import { actionsScriptInjection } from './actions-script-injection.js';
import { actionsSecretEchoed } from './actions-secret-echoed.js';
import { actionsUnpinned } from './actions-unpinned.js';
import { composeDatabaseDefaultPassword } from './compose-database-default-password.js';
import { dockerfileAddFromUrl } from './dockerfile-add-from-url.js';
import { dockerfileRunsAsRoot } from './dockerfile-runs-as-root.js';
import { dockerfileSecretInEnv } from './dockerfile-secret-in-env.js';
import { dockerfileUnpinnedBase } from './dockerfile-unpinned-base.js';

/** Rules on CI workflows, container images and compose files, in the order they are documented. */
export const PIPELINE_RULES: readonly Rule[] = [
  actionsUnpinned,
  actionsPullRequestTargetCheckout,
  actionsExcessivePermissions,
  actionsScriptInjection,
  actionsSecretEchoed,
  dockerfileUnpinnedBase,
  dockerfileRunsAsRoot,
  dockerfileAddFromUrl,
  dockerfileSecretInEnv,
  composeDatabaseDefaultPassword,
];
