import { defineAstRule } from '../../engine/rule.js';
import { isSignInName } from '../../routes/public.js';
import { cloudFunction } from './parse-cloud-code.js';

/**
 * A Cloud Function (`Parse.Cloud.define`) that uses the master key while nothing checks who is calling:
 * any visitor can call it, and the master key skips every ACL and class-level permission. Triggers and jobs
 * are not reported: triggers run on a save the client was already allowed to make, jobs need the master key.
 */
export const parseMasterKeyWithoutUserCheck = defineAstRule({
  id: 'parse-master-key-without-user-check',
  messageIds: ['masterKeyWithoutUser'],
  // Any package: Cloud Code deployed to a host often declares no dependency on Parse (see parse-cloud-function-without-user).
  appliesTo: { roles: ['server', 'shared'] },
  // A master-key use is a `useMasterKey: true` property or a `Cloud.useMasterKey()` call.
  triggers: ['useMasterKey'],
  create({ report }) {
    return {
      CallExpression(node) {
        const fn = cloudFunction(node);
        // Signing in, up or out is open by design (`loginStudent`, `register`).
        if (!fn || isSignInName(fn.name) || fn.masterKeyUses.length === 0 || fn.validatorChecksUser || fn.handlerChecksUser) return;
        report({ messageId: 'masterKeyWithoutUser', data: { name: fn.name }, node: fn.masterKeyUses[0] });
      },
    };
  },
});
