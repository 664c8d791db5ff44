import { calleePath } from '../../engine/ast-utils.js';
import { defineAstRule } from '../../engine/rule.js';
import { shorten } from '../../routes/ast.js';
import type { AstNode } from '../../parse/types.js';
import { enclosingFunction } from '../access-control/ast-helpers.js';
import { envBoundNames, envSecretIn, envSecretLocals } from './env-secret-values.js';
import { developmentOnly } from '../development-branch.js';

/**
 * A secret from the environment written to the logs (CWE-532): `console.log('key', process.env.STRIPE_SECRET_KEY)`,
 * `` logger.info(`secret ${process.env.JWT_SECRET}`) ``, a local holding it, or the whole `process.env`. Hosting
 * dashboards, log drains and error trackers keep logs and show them to everyone on the project. Left out: what only
 * says whether it is set or what kind it is (`!!process.env.X`, `.length`, `.startsWith('sk_test_')`, a comparison),
 * settings that are not secrets, and development-only branches.
 */

/** Logging calls: the console, and the loggers apps make (`logger`, pino's and Fastify's `log`, NestJS's `this.logger`). */
export const LOG_CALL = /^(?:console|logger|log|this\.logger|this\.log|fastify\.log|app\.log|server\.log|req\.log|request\.log|ctx\.log|c\.var\.logger)\.(?:log|info|debug|warn|error|trace|dir|table|fatal|verbose)$/;
export const secretLogged = defineAstRule({
  id: 'secret-logged',
  messageIds: ['secret', 'wholeEnv'],
  appliesTo: { roles: ['server', 'shared'] },
  triggers: ['process.env', 'Deno.env', 'Bun.env', 'import.meta.env'],
  create({ file, report }) {
    const bound = envBoundNames(file.text, file.ast);
    // The locals holding secrets in the function around a node (found once per function, for both rules that ask).
    const localsOf = (call: AstNode) => envSecretLocals(enclosingFunction(call) as AstNode | undefined, file.ast);
    return {
      CallExpression(node) {
        if (!LOG_CALL.test(calleePath(node) ?? '')) return;
        for (const arg of node.arguments) {
          const leak = envSecretIn(arg as AstNode, (name) => (bound.has(name) ? localsOf(node).get(name) : undefined));
          if (!leak) continue;
          if (developmentOnly(node, file.text)) return;
          if (leak.whole) report({ messageId: 'wholeEnv', node, data: { code: shorten(file.text.slice(node.range[0], node.range[1]), 80) } });
          else report({ messageId: 'secret', node, data: { name: leak.name, what: leak.what, code: shorten(file.text.slice(node.range[0], node.range[1]), 80) } });
          return;
        }
      },
    };
  },
});
