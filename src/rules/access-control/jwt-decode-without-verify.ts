import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { memberPath, propertyName, staticString } from '../../engine/ast-utils.js';
import { defineAstRule } from '../../engine/rule.js';
import { collectImports, type ImportBinding } from '../../dataflow/modules.js';
import type { AstNode } from '../../parse/types.js';
import { bare, enclosingFunction, functionName, methodName, patternNames, walk, type FunctionNode } from './ast-helpers.js';
import { jwtCall, jwtCallLabel } from './jwt-calls.js';
import { nodeMemo } from '../../parse/node-memo.js';
import { defineProjectFact } from '../../model/facts.js';

/** Calls that read a token's claims without checking its signature (Cloudflare Workers' `@tsndr/cloudflare-worker-jwt` has `decode` beside `verify`). */
const DECODERS = new Set(['jsonwebtoken.decode', 'jose.decodeJwt', 'jwt-decode.decode', '@tsndr/cloudflare-worker-jwt.decode']);
/** Where an identity is stored for later handlers: `req.user`, `res.locals.user`, `ctx.state.user`, `event.locals.user`. */
const IDENTITY_TARGET = /^(?:req|request|ctx\.state|ctx|context|res\.locals|event\.locals|locals|c)\.\w+|\.(?:user|userId|auth|session|currentUser|claims)$/;
/** Calls that load or change records by a value: an identity used here selects whose data is touched. */
const LOOKUP = /^(?:find\w*|get\w*|eq|match|where|select|update\w*|delete\w*|upsert|load\w*|fetch\w*|query|doc|child|ref)$/;
const ROLE_CLAIM = /^(?:role|roles|isAdmin|is_admin|admin|permissions|scope|scopes|groups|plan|tier|app_metadata|user_role)$/;
/** Helpers whose answer is the caller: `getUser`, `currentSession`, and the token read for its claims (`decodeJwt`, `parseToken`). */
const IDENTITY_FN = /user|session|auth|identity|principal|viewer|current|claims|^me$|jwt|token/i;

/** Serverless Framework, AWS SAM and SST configuration: where a project says which functions API Gateway fronts. */
const GATEWAY_CONFIG = /(?:^|\/)(?:serverless\.(?:ya?ml|ts|js|json)|template\.ya?ml|sst\.config\.[cm]?[jt]s|stacks\/[^/]+\.[cm]?[jt]s)$/;
const DECLARES_AUTHORIZER = /\bauthorizers?\b|defaultAuthorizer|\baws_iam\b|AWS_IAM|CognitoAuthorizer|DefaultAuthorizer/i;
/** A Lambda authorizer's own code: it answers API Gateway with a policy for the caller. */
const AUTHORIZER_CODE = /\bprincipalId\b|\bmethodArn\b|\brouteArn\b|\bpolicyDocument\b|\bisAuthorized\b/;

/**
 * Folders of projects whose API Gateway verifies tokens before their functions run (an authorizer declared in
 * `serverless.yml`, SAM's `template.yaml` or SST's stacks): a handler there may read the verified token's claims
 * by decoding it again, as the Serverless and AWS guides do.
 */
const gatewayAuthorizerDirs = defineProjectFact('API Gateway authorizers', (model) =>
  model.files.filter((f) => GATEWAY_CONFIG.test(f.path) && DECLARES_AUTHORIZER.test(f.text)).map((f) => f.path.slice(0, f.path.lastIndexOf('/') + 1).replace(/stacks\/$/, '')),
);

/** Verifying calls per function, found once: every decode call in a file checks its enclosing functions again. */
const verifyCalls = nodeMemo<AstNode, AstNode[]>('jwt verify calls');

/** A verification anywhere in the function: `jwt.verify`, `jwtVerify`, `verifyIdToken`, `verifyToken(…)`. */
function verifiesInFunction(scope: AstNode, except: AstNode): boolean {
  let calls = verifyCalls.get(scope);
  if (!calls) {
    const found: AstNode[] = [];
    walk(scope, (n) => {
      if ((n.type === 'CallExpression' || n.type === 'NewExpression') && /verif/i.test(methodName(n) ?? '')) found.push(n);
    });
    verifyCalls.set(scope, (calls = found));
  }
  return calls.some((c) => c !== except);
}

/** A verify in this function or one around it: `jwt.verify(token, key, (err) => { req.user = jwt.decode(token) })`. */
function verifiedAround(fn: FunctionNode, call: AstNode): boolean {
  for (let f: FunctionNode | undefined = fn; f; f = enclosingFunction(f)) if (verifiesInFunction(f, call)) return true;
  return false;
}

/** The outermost expression a reference is part of, through member reads and type casts. */
function climb(node: AstNode): { top: AstNode; props: string[] } {
  let cur = node;
  const props: string[] = [];
  for (;;) {
    const p = cur.parent;
    if (!p) break;
    if (p.type === 'MemberExpression' && p.object === cur) {
      const name = propertyName(p);
      if (name) props.push(name);
      cur = p;
    } else if (p.type === 'TSAsExpression' || p.type === 'TSNonNullExpression' || p.type === 'ChainExpression' || p.type === 'AwaitExpression') cur = p;
    else break;
  }
  return { top: cur, props };
}

/** How a decoded value (or a claim read from it) is used for access, in words; undefined when it is not. */
function authorizationUse(expr: AstNode, props: string[], fn: FunctionNode | undefined): string | undefined {
  // Timing claims and the header say nothing about who the caller is: refresh and expiry checks read them.
  if (props.some((p) => /^(?:exp|iat|nbf|header)$/.test(p))) return undefined;
  let cur: AstNode = expr;
  // A Lambda authorizer's answer: API Gateway takes `principalId` as the caller.
  if (cur.parent?.type === 'Property' && cur.parent.value === cur && propertyName(cur.parent) === 'principalId') return 'is handed to API Gateway as the caller (`principalId`)';
  // A claim in an object literal or template is still the claim: climb to where the literal goes.
  while (cur.parent && (cur.parent.type === 'Property' || cur.parent.type === 'ObjectExpression' || cur.parent.type === 'TemplateLiteral' || cur.parent.type === 'SpreadElement')) cur = cur.parent;
  const p = cur.parent;
  if (!p) return undefined;
  if (p.type === 'AssignmentExpression' && p.right === cur) {
    const target = memberPath(p.left);
    if (target && IDENTITY_TARGET.test(target)) return `is stored as \`${target}\``;
  }
  if ((p.type === 'CallExpression' || p.type === 'NewExpression') && p.arguments.includes(cur as TSESTree.CallExpressionArgument)) {
    const name = methodName(p) ?? '';
    if (LOOKUP.test(name)) return `selects the records \`${memberPath(p.callee) ?? name}(…)\` reads or changes`;
    const header = p.arguments.length === 2 && p.arguments[1] === cur ? staticString(p.arguments[0] as AstNode) : undefined;
    if (name === 'set' && header && /user|role|auth|account|tenant/i.test(header)) return `is forwarded as the \`${header}\` header`;
  }
  const claim = props.find((x) => ROLE_CLAIM.test(x));
  if (claim) {
    for (let up: AstNode | undefined = cur; up && up !== fn; up = up.parent) {
      if ((up.parent?.type === 'IfStatement' || up.parent?.type === 'ConditionalExpression') && up.parent.test === up) return `decides access by its \`${claim}\` claim`;
      if (up.type === 'BinaryExpression' || (up.type === 'CallExpression' && methodName(up) === 'includes')) return `decides access by its \`${claim}\` claim`;
    }
  }
  if (p.type === 'ReturnStatement' || (p.type === 'ArrowFunctionExpression' && p.body === cur)) {
    const name = fn && functionName(fn);
    if (name && IDENTITY_FN.test(name)) return `is returned by \`${name}()\` as the signed-in user`;
  }
  return undefined;
}

export const jwtDecodeWithoutVerify = defineAstRule({
  id: 'jwt-decode-without-verify',
  messageIds: ['decodedIdentity'],
  // A shared module (a Next.js `lib/` file: no client or server signal) counts when it decodes with jsonwebtoken,
  // which needs Node's crypto and so runs on the server; jose and jwt-decode also run in browsers.
  appliesTo: { roles: ['server', 'shared'] },
  // Decoders are found through the file's own imports of these modules (jose's by its export name).
  triggers: ['jsonwebtoken', 'decodeJwt', 'jwt-decode', 'cloudflare-worker-jwt'],
  create({ file, model, report }) {
    const shared = file.role === 'shared';
    let imports: ReadonlyMap<string, ImportBinding> = new Map();
    const calls: TSESTree.CallExpression[] = [];
    return {
      Program(node) {
        imports = collectImports(node);
      },
      CallExpression(node) {
        if (imports.size === 0) return;
        const kind = jwtCall(node, imports);
        if (kind && DECODERS.has(kind) && (!shared || kind === 'jsonwebtoken.decode')) calls.push(node);
      },
      'Program:exit'() {
        if (calls.length === 0) return;
        if (!AUTHORIZER_CODE.test(file.text) && gatewayAuthorizerDirs(model).some((dir) => file.path.startsWith(dir))) return;
        for (const call of calls) {
          const fn = enclosingFunction(call);
          if (!fn || verifiedAround(fn, call)) continue;
          const use = firstUse(call, fn);
          if (use) report({ messageId: 'decodedIdentity', node: call, data: { call: jwtCallLabel(call), use: use.text, line: use.line } });
        }
      },
    };
  },
});

function firstUse(call: TSESTree.CallExpression, fn: FunctionNode): { text: string; line: number } | undefined {
  const direct = climb(call);
  const text = authorizationUse(direct.top, direct.props, fn);
  if (text) return { text, line: direct.top.loc.start.line };
  const decl = bare(direct.top) === call ? direct.top.parent : undefined;
  const names = decl?.type === 'VariableDeclarator' && decl.init === direct.top ? patternNames(decl.id) : decl?.type === 'AssignmentExpression' && decl.left.type === 'Identifier' ? [decl.left.name] : [];
  if (names.length === 0) return undefined;
  let found: { text: string; line: number } | undefined;
  walk(fn.body, (n) => {
    if (found) return false;
    if (n.type !== 'Identifier' || !names.includes(n.name) || n.range[0] < call.range[1]) return undefined;
    const parent = n.parent;
    if (parent?.type === 'MemberExpression' && parent.property === n && !parent.computed) return undefined;
    if (parent?.type === 'Property' && parent.key === n && !parent.shorthand) return undefined;
    const ref = climb(n);
    const t = authorizationUse(ref.top, ref.props, fn);
    if (t) found = { text: t, line: n.loc.start.line };
    return undefined;
  });
  return found;
}
