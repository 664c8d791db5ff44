import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { calleePath, envVarRead, memberPath, propertyName, staticString } from '../../engine/ast-utils.js';
import { defineAstRule } from '../../engine/rule.js';
import type { AstNode } from '../../parse/types.js';
import { clientFileFacts, destructuredEnvReads, inServerCode, recordBinding, roleData, unwrap, valueSource, type Bindings, type ClientFileFacts } from './client-code.js';
import { isSupabaseServiceRoleName } from './env-names.js';
import { isReportedPublicSecretRead, publicSecretEnv } from './public-env.js';
import { jwtRole } from './secret-values.js';

const CLIENT_FACTORIES = new Set(['createClient', 'createBrowserClient', 'createServerClient']);
const SERVICE_ROLE_IDENTIFIER = /service_?role|service_?key|supabase_?(?:admin|secret)_?key|sb_?secret/i;

/** `x.auth.admin.method(…)`: the admin API, which needs the service-role key. */
function adminCall(node: TSESTree.CallExpression): string | undefined {
  const callee = node.callee.type === 'ChainExpression' ? node.callee.expression : node.callee;
  if (callee.type !== 'MemberExpression') return undefined;
  const admin = callee.object;
  if (admin.type !== 'MemberExpression' || propertyName(admin) !== 'admin') return undefined;
  const auth = admin.object;
  if (auth.type !== 'MemberExpression' || propertyName(auth) !== 'auth') return undefined;
  const method = propertyName(callee);
  return method ? `${memberPath(auth) ?? '…auth'}.admin.${method}` : undefined;
}

/** A Supabase secret key written as a literal: a JWT whose role is service_role, or a new-style `sb_secret_` key. */
function secretKeyKind(value: string): string | undefined {
  if (jwtRole(value) === 'service_role') return 'service-role key (a JWT whose role is service_role)';
  if (/^sb_secret_[A-Za-z0-9_-]{10,}$/.test(value.trim())) return 'secret key (sb_secret_…)';
  return undefined;
}

export const supabaseServiceRoleInClient = defineAstRule({
  id: 'supabase-service-role-in-client',
  messageIds: ['serviceRoleEnv', 'serviceRoleLiteral', 'serviceRoleArgument', 'adminApi'],
  // Shared files count only for `createBrowserClient(url, key)`: that client exists only in browsers.
  appliesTo: { roles: ['client', 'shared'] },
  // A JWT literal (both parts start `eyJ`), an `sb_secret_` literal, an env read, a client factory call, or `.auth.admin.…`.
  triggers: ['eyJ', 'sb_secret_', 'env', 'createClient', 'createBrowserClient', 'createServerClient', 'admin'],
  create({ file, model, report }) {
    const shared = file.role === 'shared';
    let facts: ClientFileFacts | undefined;
    let reportedAdmin = false;
    const bindings: Bindings = new Map();
    const factoryCalls: TSESTree.CallExpression[] = [];
    const where = roleData(file);

    const checkLiteral = (node: AstNode) => {
      if (!facts || shared || inServerCode(node, facts)) return;
      const value = staticString(node);
      if (!value || value.length < 20) return;
      const kind = secretKeyKind(value);
      if (kind) report({ messageId: 'serviceRoleLiteral', data: { ...where, kind }, node, secrets: [value] });
    };
    const envRead = (node: AstNode, destructured?: string) => {
      if (!facts || shared) return;
      const name = destructured ?? envVarRead(node);
      if (!name || !isSupabaseServiceRoleName(name) || inServerCode(node, facts)) return;
      if (destructured ? publicSecretEnv(name, file, model) : isReportedPublicSecretRead(node, file, model)) return;
      report({ messageId: 'serviceRoleEnv', data: { ...where, name }, node });
    };

    return {
      Program(node) {
        facts = clientFileFacts(node);
      },
      VariableDeclarator(node) {
        recordBinding(bindings, node);
        for (const read of destructuredEnvReads(node)) envRead(read.node, read.name);
      },
      Literal(node) {
        if (typeof node.value === 'string') checkLiteral(node);
      },
      TemplateLiteral(node) {
        if (node.expressions.length === 0) checkLiteral(node);
      },
      MemberExpression(node) {
        envRead(node);
      },
      CallExpression(node) {
        if (!facts) return;
        if (calleePath(node) === 'Deno.env.get') envRead(node);
        const path = calleePath(node);
        const name = path?.slice(path.lastIndexOf('.') + 1);
        if (name && CLIENT_FACTORIES.has(name) && node.arguments.length >= 2) factoryCalls.push(node);
        const admin = adminCall(node);
        if (admin && !shared && !reportedAdmin && !inServerCode(node, facts)) {
          reportedAdmin = true;
          report({ messageId: 'adminApi', data: { ...where, call: `${admin}()` }, node });
        }
      },
      'Program:exit'() {
        if (!facts) return;
        // createClient(url, serviceKey) where serviceKey is neither an env read nor a literal (both reported
        // where they appear): an imported or passed-in value whose name says it is the service-role key.
        for (const call of factoryCalls) {
          if (inServerCode(call, facts)) continue;
          if (shared) {
            browserClientInSharedFile(call);
            continue;
          }
          const key = unwrap(call.arguments[1] as AstNode);
          if (!key || (key.type !== 'Identifier' && key.type !== 'MemberExpression')) continue;
          if (envVarRead(key)) continue;
          const source = valueSource(key, bindings);
          if (source.envName || source.literal !== undefined) continue;
          const label = memberPath(key);
          if (!label || !SERVICE_ROLE_IDENTIFIER.test(label)) continue;
          report({ messageId: 'serviceRoleArgument', data: { ...where, key: label, call: `${calleePath(call)}(…)` }, node: key });
        }
      },
    };

    /** `createBrowserClient(url, serviceRoleKey)` in a file of unknown role: the key goes to a browser-only client. */
    function browserClientInSharedFile(call: TSESTree.CallExpression) {
      const path = calleePath(call) ?? '';
      if (!path.endsWith('createBrowserClient')) return;
      const keyNode = call.arguments[1] as AstNode;
      const source = valueSource(keyNode, bindings);
      const data = { ...where, reason: 'the key goes to `createBrowserClient`, which only runs in browsers' };
      if (source.envName && isSupabaseServiceRoleName(source.envName) && !publicSecretEnv(source.envName, file, model)) {
        report({ messageId: 'serviceRoleEnv', data: { ...data, name: source.envName }, node: keyNode });
      } else if (source.literal && secretKeyKind(source.literal)) {
        report({ messageId: 'serviceRoleLiteral', data: { ...data, kind: secretKeyKind(source.literal)! }, node: keyNode, secrets: [source.literal] });
      }
    }
  },
});
