import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { calleePath, envVarRead, memberPath, propertyName } from '../../engine/ast-utils.js';
import { defineAstRule } from '../../engine/rule.js';
import type { AstNode } from '../../parse/types.js';
import { bare } from '../access-control/ast-helpers.js';
import { developmentOnly } from '../development-branch.js';

/**
 * TLS certificate checks switched off (CWE-295): `rejectUnauthorized: false` in a connection's or an HTTPS agent's
 * options, `strictSSL: false`, a `checkServerIdentity` that accepts every host, or
 * `NODE_TLS_REJECT_UNAUTHORIZED = '0'` for the whole process. The traffic is still encrypted, but to whoever answers:
 * anyone on the network path can stand in for the server and read or change what is sent, credentials included.
 * Left out: code that switches them off only in development (`if (process.env.NODE_ENV !== 'production')`), and
 * values that are not a literal `false` (`rejectUnauthorized: process.env.NODE_ENV === 'production'`).
 */

/** Clients of databases and caches, whose TLS options are `ssl` / `tls` (pg, postgres.js, mysql2, knex, Sequelize, TypeORM, ioredis, MongoDB). */
const DATABASE_CLIENT = /(?:^|\.)(?:Pool|Client|postgres|neon|knex|Knex|Sequelize|createConnection|createPool|DataSource|createClient|Redis|MongoClient|connect|drizzle|PrismaPg|createKysely|Kysely)$/;
/** Keys of options objects that hold a database connection's TLS settings. */
const DB_TLS_KEY = /^(?:ssl|tls|dialectOptions|connection|extra|socket|options)$/;

export const tlsVerificationDisabled = defineAstRule({
  id: 'tls-verification-disabled',
  messageIds: ['processWide', 'database', 'connection'],
  appliesTo: { roles: ['server', 'shared', 'config'] },
  triggers: ['rejectUnauthorized', 'NODE_TLS_REJECT_UNAUTHORIZED', 'strictSSL', 'checkServerIdentity'],
  create({ file, report }) {
    return {
      AssignmentExpression(node) {
        // `process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0'`.
        if (envVarRead(node.left as AstNode) === 'NODE_TLS_REJECT_UNAUTHORIZED' && isZero(node.right as AstNode)) {
          if (!developmentOnly(node, file.text)) report({ messageId: 'processWide', node, severity: 'high', data: { code: 'NODE_TLS_REJECT_UNAUTHORIZED = 0' } });
          return;
        }
        // `https.globalAgent.options.rejectUnauthorized = false`, `agent.options.rejectUnauthorized = false`.
        const target = memberPath(node.left as AstNode) ?? '';
        if (/(?:^|\.)rejectUnauthorized$/.test(target) && isFalse(node.right as AstNode) && !developmentOnly(node, file.text)) {
          report({ messageId: /globalAgent/.test(target) ? 'processWide' : 'connection', node, ...(/globalAgent/.test(target) ? { severity: 'high' as const } : {}), data: { code: `${target} = false`, what: 'this agent' } });
        }
      },
      Property(node) {
        const key = propertyName(node);
        const value = node.value as AstNode;
        const off = (key === 'rejectUnauthorized' || key === 'strictSSL') && isFalse(value);
        const anyHost = key === 'checkServerIdentity' && acceptsEveryHost(value);
        if ((!off && !anyHost) || developmentOnly(node, file.text)) return;
        const code = anyHost ? 'checkServerIdentity: () => undefined' : `${key}: false`;
        const client = clientOf(node);
        if (client?.database) report({ messageId: 'database', node, severity: 'low', data: { code, what: `\`${client.label}\`` } });
        else report({ messageId: 'connection', node, data: { code, what: client ? `\`${client.label}\`` : 'this connection' } });
      },
    };
  },
});

function isFalse(node: AstNode): boolean {
  const v = bare(node);
  if (!v) return false;
  if (v.type === 'Literal') return v.value === false || v.value === 0;
  // `!1`, minified.
  return v.type === 'UnaryExpression' && v.operator === '!' && v.argument.type === 'Literal' && v.argument.value === 1;
}

function isZero(node: AstNode): boolean {
  const v = bare(node);
  return v?.type === 'Literal' && (v.value === 0 || v.value === '0' || v.value === false || v.value === 'false');
}

/** `() => undefined`, `() => null`, `() => {}`: a host check that never objects. */
function acceptsEveryHost(node: AstNode): boolean {
  const v = bare(node);
  if (v?.type !== 'ArrowFunctionExpression' && v?.type !== 'FunctionExpression') return false;
  const body = v.body as AstNode;
  if (body.type === 'BlockStatement') return body.body.length === 0 || (body.body.length === 1 && body.body[0].type === 'ReturnStatement' && (!body.body[0].argument || isNothing(body.body[0].argument as AstNode)));
  return isNothing(body);
}

function isNothing(node: AstNode): boolean {
  return (node.type === 'Identifier' && node.name === 'undefined') || (node.type === 'Literal' && node.value === null);
}

/**
 * The call or `new` whose options hold the property, and whether it makes a database or cache client: the
 * property sits under `ssl` / `tls` / `dialectOptions` of a `new Pool(…)`, `postgres(…)`, `new Sequelize(…)`.
 */
function clientOf(property: TSESTree.Property): { label: string; database: boolean } | undefined {
  let underTlsKey = false;
  for (let cur: AstNode | undefined = property.parent; cur; cur = cur.parent) {
    if (cur.type === 'Property' && DB_TLS_KEY.test(propertyName(cur) ?? '')) underTlsKey = true;
    if (cur.type === 'CallExpression' || cur.type === 'NewExpression') {
      const label = calleePath(cur as TSESTree.CallExpression) ?? memberPath(cur.callee as AstNode) ?? '';
      if (!label) return undefined;
      return { label: cur.type === 'NewExpression' ? `new ${label}()` : `${label}()`, database: underTlsKey && DATABASE_CLIENT.test(label) };
    }
    if (cur.type === 'Program' || cur.type.includes('Function')) break;
  }
  // An options object kept in a variable first (`const config = { ssl: { rejectUnauthorized: false } }`).
  return underTlsKey ? { label: 'the database connection', database: true } : undefined;
}
