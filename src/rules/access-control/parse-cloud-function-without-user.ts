import { calleePath } from '../../engine/ast-utils.js';
import { defineAstRule } from '../../engine/rule.js';
import { isSignInName } from '../../routes/public.js';
import { cloudFunction } from './parse-cloud-code.js';

/**
 * A Cloud Function that saves or deletes objects but neither requires a user (`requireUser: true`) nor
 * reads `request.user`: anyone with the public app id can call it. Functions that use the master key
 * are left to parse-master-key-without-user-check, so one defect gives one finding.
 */
export const parseCloudFunctionWithoutUser = defineAstRule({
  id: 'parse-cloud-function-without-user',
  messageIds: ['writesWithoutUser'],
  // Not limited to packages that depend on Parse: Cloud Code deployed to a host (Back4App, a parse-server image)
  // often has no package.json, or one without Parse, which the host provides as a global.
  appliesTo: { roles: ['server', 'shared'] },
  // Cloud Functions are `….Cloud.define(…)` calls.
  triggers: ['Cloud'],
  create({ report }) {
    return {
      CallExpression(node) {
        const fn = cloudFunction(node);
        // Signing in, up or out is open by design (`loginStudent`, `register`).
        if (!fn || isSignInName(fn.name) || fn.writes.length === 0 || fn.masterKeyUses.length > 0 || fn.validatorChecksUser || fn.handlerChecksUser) return;
        const write = fn.writes[0];
        const what = calleePath(write) ?? `…${write.callee.type === 'MemberExpression' && write.callee.property.type === 'Identifier' ? `.${write.callee.property.name}` : ''}`;
        report({ messageId: 'writesWithoutUser', data: { name: fn.name, write: `${what}()`, line: write.loc.start.line }, node: fn.call.callee });
      },
    };
  },
});
