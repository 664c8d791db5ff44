import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { calleePath, propertyName, staticString } from '../../engine/ast-utils.js';
import type { AstNode } from '../../parse/types.js';
import { walk } from './ast-helpers.js';
import { nodeMemo } from '../../parse/node-memo.js';

type FunctionNode = TSESTree.FunctionExpression | TSESTree.ArrowFunctionExpression;

/** A client-callable Cloud Function: `Parse.Cloud.define('name', handler, validator?)`. */
export interface CloudFunction {
  call: TSESTree.CallExpression;
  name: string;
  handler: FunctionNode;
  /** `requireUser`, `requireMaster`, role requirements or a validator function. */
  validatorChecksUser: boolean;
  /** The handler reads `request.user` (or a destructured `user`) or `request.master`. */
  handlerChecksUser: boolean;
  /** `useMasterKey: true` properties and `Parse.Cloud.useMasterKey()` calls in the handler. */
  masterKeyUses: AstNode[];
  /** `save`, `saveAll`, `destroy`, `destroyAll` calls in the handler. */
  writes: TSESTree.CallExpression[];
}

const VALIDATOR_KEYS = new Set(['requireUser', 'requireMaster', 'requireAnyUserRoles', 'requireAllUserRoles', 'requireUserKeys']);
const WRITE_METHODS = new Set(['save', 'saveAll', 'destroy', 'destroyAll', 'saveEventually', 'destroyEventually']);

/** Two rules ask about every Cloud Function: its handler is walked once. */
const analysed = nodeMemo<AstNode, CloudFunction>('parse cloud function');

/**
 * Request fields that say who calls: the user, or the master key. `useMasterKey` is not one Parse sets (that is
 * `master`), but a handler that refuses to run when it is unset runs for nobody.
 */
const CALLER_FIELDS = ['user', 'master', 'useMasterKey'];
/** Helpers named for checking the caller, given the whole request. */
const USER_CHECK_HELPER = /^(?:require|ensure|assert|check|verify|authenticate|authorize|authorise|must|only)(?:[A-Z_]\w*)?$|^(?:get|load)(?:Current|Signed(?:In)?|Auth(?:enticated)?|Logged(?:In)?)?User$|^(?:is|has)(?:Admin|Role|Staff)\w*$/;

export function cloudFunction(node: TSESTree.CallExpression): CloudFunction | undefined {
  const path = calleePath(node);
  if (!path || !/(?:^|\.)Cloud\.define$/.test(path)) return undefined;
  const [nameArg, handler, validator] = node.arguments as AstNode[];
  if (!handler || (handler.type !== 'FunctionExpression' && handler.type !== 'ArrowFunctionExpression')) return undefined;
  const cached = analysed.get(node);
  if (cached) return cached;
  const facts = { masterKeyUses: [] as AstNode[], writes: [] as TSESTree.CallExpression[], checksUser: false };
  const requestName = handler.params[0]?.type === 'Identifier' ? handler.params[0].name : undefined;
  const destructured = handler.params[0]?.type === 'ObjectPattern' ? handler.params[0] : undefined;
  if (destructured && destructured.properties.some((p) => p.type === 'Property' && CALLER_FIELDS.includes(propertyName(p) ?? ''))) facts.checksUser = true;
  walk(handler.body as AstNode, (n) => {
    if (n.type === 'Property' && propertyName(n) === 'useMasterKey' && n.value.type === 'Literal' && n.value.value === true) facts.masterKeyUses.push(n);
    if (n.type === 'CallExpression') {
      const p = calleePath(n);
      if (p && /(?:^|\.)Cloud\.useMasterKey$/.test(p)) facts.masterKeyUses.push(n);
      // The request handed to a helper that checks who calls: `requireUser(request)`, `await requireRole(req, ['admin'])`.
      if (requestName && p && USER_CHECK_HELPER.test(p.split('.').pop()!) && n.arguments.some((a) => a.type === 'Identifier' && a.name === requestName)) facts.checksUser = true;
      if (n.callee.type === 'MemberExpression') {
        const method = propertyName(n.callee);
        if (method && WRITE_METHODS.has(method)) facts.writes.push(n);
      }
    }
    if (n.type === 'MemberExpression' && requestName && n.object.type === 'Identifier' && n.object.name === requestName && CALLER_FIELDS.includes(propertyName(n) ?? '')) facts.checksUser = true;
    // `const { user } = request`
    if (n.type === 'VariableDeclarator' && requestName && n.init?.type === 'Identifier' && n.init.name === requestName && n.id.type === 'ObjectPattern') {
      if (n.id.properties.some((p) => p.type === 'Property' && CALLER_FIELDS.includes(propertyName(p) ?? ''))) facts.checksUser = true;
    }
  });
  const byPosition = (a: AstNode, b: AstNode) => a.range[0] - b.range[0];
  facts.masterKeyUses.sort(byPosition);
  facts.writes.sort(byPosition);
  const fn: CloudFunction = {
    call: node,
    name: staticString(nameArg) ?? '(dynamic name)',
    handler,
    validatorChecksUser: validatorChecks(validator),
    handlerChecksUser: facts.checksUser,
    masterKeyUses: facts.masterKeyUses,
    writes: facts.writes,
  };
  analysed.set(node, fn);
  return fn;
}

function validatorChecks(validator: AstNode | undefined): boolean {
  if (!validator) return false;
  // A validator function, or a validator object held in a variable, is trusted to check.
  if (validator.type !== 'ObjectExpression') return true;
  return validator.properties.some((p) => {
    if (p.type !== 'Property') return p.type === 'SpreadElement';
    const key = propertyName(p);
    if (!key || !VALIDATOR_KEYS.has(key)) return false;
    return !(p.value.type === 'Literal' && (p.value.value === false || p.value.value === null));
  });
}

