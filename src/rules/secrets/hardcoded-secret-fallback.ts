import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { calleePath, envVarRead, memberPath, parentOf, propertyName, staticString } from '../../engine/ast-utils.js';
import { defineAstRule, type FileContext } from '../../engine/rule.js';
import type { AstNode } from '../../parse/types.js';
import { overlapsRaw } from './file-secrets.js';
import { isConnectionName, isOutboundKeyName, isSecretName } from './names.js';
import { isKnownPublicValue, isPlaceholderValue } from './values.js';

type Ctx = FileContext<'fallback' | 'connectionFallback'>;

/** `configService.get('JWT_SECRET')`, `config.get('jwt.secret')`, `env('APP_KEY')`: config readers with a name. */
const CONFIG_GETTER = /(?:^|\.)(?:configService|config|ConfigService|env|Env|environment)\.get$|^(?:env|getEnv|getenv|readEnv)$/;
/** Objects holding validated environment variables (`env.JWT_SECRET` from t3-env, zod or `const { env } = process`). */
const ENV_HOLDERS = new Set(['env', 'ENV', 'serverEnv', 'processEnv']);
const ENV_OBJECTS = new Set(['process.env', 'import.meta.env', 'Bun.env']);

function unwrap(node: AstNode): AstNode {
  let n = node;
  while (n.type === 'ChainExpression' || n.type === 'TSNonNullExpression' || n.type === 'TSAsExpression' || n.type === 'TSSatisfiesExpression') n = n.expression as AstNode;
  return n;
}

/** The environment variable a node reads, by any of the usual routes. */
function envNameOf(node: AstNode): string | undefined {
  const n = unwrap(node);
  const direct = envVarRead(n);
  if (direct) return direct;
  if (n.type === 'MemberExpression') {
    const object = memberPath(n.object as AstNode);
    return object && ENV_HOLDERS.has(object) ? propertyName(n) : undefined;
  }
  if (n.type === 'CallExpression') {
    const callee = calleePath(n);
    if (callee && CONFIG_GETTER.test(callee)) return staticString(n.arguments[0] as AstNode);
  }
  return undefined;
}

/** Names read on the left of `a || b || 'x'`. */
function envNamesIn(node: AstNode): string[] {
  const n = unwrap(node);
  if (n.type === 'LogicalExpression' && (n.operator === '||' || n.operator === '??')) return [...envNamesIn(n.left as AstNode), ...envNamesIn(n.right as AstNode)];
  const name = envNameOf(n);
  return name ? [name] : [];
}

const BUILD_STUB = /dummy|placeholder|stub|build|not[-_ ]?(?:set|configured|provided)|missing|unset|none|fake|mock/i;

const URL_PASSWORD = /^[a-z][a-z0-9+.-]*:\/\/[^\s:@/]*:([^\s@/]+)@([^\s/:?#]+)/i;

function check(ctx: Ctx, names: string[], literalNode: AstNode | null | undefined): void {
  if (!literalNode || names.length === 0) return;
  const literal = staticString(literalNode);
  if (literal === undefined || literal.trim() === '') return;
  const [start, end] = literalNode.range;
  // A provider-format key there is reported by hardcoded-secret; a public key is fine to default to.
  if (overlapsRaw(ctx.file, start, end) || isKnownPublicValue(literal)) return;
  const secretName = names.find((n) => isSecretName(n));
  // `OPENAI_API_KEY || 'dummy-key-for-build'`: a stub for a third-party key only makes its calls fail.
  if (secretName && isOutboundKeyName(secretName) && (isPlaceholderValue(literal) || BUILD_STUB.test(literal))) return;
  if (secretName) {
    ctx.report({
      messageId: 'fallback',
      data: { name: secretName, file: ctx.file.path },
      node: literalNode,
      secrets: [literal],
      // A stub key for a third-party API breaks calls; a known signing secret, password or own API key lets people in.
      severity: isOutboundKeyName(secretName) ? 'medium' : 'high',
    });
    return;
  }
  const connection = names.find((n) => isConnectionName(n));
  const url = connection ? URL_PASSWORD.exec(literal) : null;
  if (!connection || !url) return;
  const local = /^(?:localhost|127\.\d+\.\d+\.\d+|0\.0\.0\.0|host\.docker\.internal|[^.]+)$/i.test(url[2]);
  ctx.report({
    messageId: 'connectionFallback',
    data: { name: connection, file: ctx.file.path },
    node: literalNode,
    secrets: [url[1], literal],
    severity: local ? 'medium' : 'high',
  });
}

/** `const { JWT_SECRET = 'dev' } = process.env` or `function f({ X = 'y' } = process.env)`. */
function envObjectOf(pattern: AstNode | undefined): boolean {
  const holder = pattern ? parentOf(pattern) : undefined;
  if (!holder) return false;
  const source = holder.type === 'VariableDeclarator' ? holder.init : holder.type === 'AssignmentPattern' || holder.type === 'AssignmentExpression' ? holder.right : undefined;
  if (!source) return false;
  const path = memberPath(unwrap(source as AstNode));
  if (path && (ENV_OBJECTS.has(path) || ENV_HOLDERS.has(path))) return true;
  const s = unwrap(source as AstNode);
  return s.type === 'CallExpression' && memberPath(s.callee as AstNode) === 'Deno.env.toObject';
}

/**
 * A secret read from the environment with a hard-coded fallback: `process.env.JWT_SECRET || 'dev-secret'`,
 * `?? '…'`, destructuring defaults from `process.env`, `configService.get('JWT_SECRET', '…')`. When the variable
 * is missing in production, the app runs with a value anyone reading the code knows.
 */
export const hardcodedSecretFallback = defineAstRule({
  id: 'hardcoded-secret-fallback',
  messageIds: ['fallback', 'connectionFallback'],
  appliesTo: { roles: ['client', 'server', 'shared', 'config'] },
  // Every reported name is read through process.env / import.meta.env / Bun.env / Deno.env, an `env`, `ENV`,
  // `serverEnv` or `processEnv` holder, or a config getter (`configService.get`, `getEnv`, `environment.get`…).
  triggers: ['env', 'Env', 'ENV', 'config', 'Config'],
  create(ctx) {
    return {
      LogicalExpression(node) {
        if (node.operator !== '||' && node.operator !== '??') return;
        check(ctx, envNamesIn(node.left as AstNode), node.right as AstNode);
      },
      ConditionalExpression(node) {
        // process.env.X ? process.env.X : 'fallback'
        const tested = envNameOf(node.test as AstNode);
        if (tested && envNameOf(node.consequent as AstNode) === tested) check(ctx, [tested], node.alternate as AstNode);
      },
      CallExpression(node) {
        // configService.get('JWT_SECRET', 'fallback')
        const callee = calleePath(node);
        if (!callee || !CONFIG_GETTER.test(callee) || node.arguments.length < 2) return;
        const name = staticString(node.arguments[0] as AstNode);
        if (name) check(ctx, [name], node.arguments[1] as AstNode);
      },
      AssignmentPattern(node) {
        const holder = parentOf(node);
        if (holder?.type !== 'Property') return;
        const pattern = parentOf(holder);
        if (pattern?.type !== 'ObjectPattern' || !envObjectOf(pattern)) return;
        const name = propertyName(holder as TSESTree.Property);
        if (name) check(ctx, [name], node.right as AstNode);
      },
    };
  },
});
