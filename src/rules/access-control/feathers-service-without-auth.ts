import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { calleePath, memberPath, objectProperty, propertyName, staticString } from '../../engine/ast-utils.js';
import { defineAstRule } from '../../engine/rule.js';
import type { AstNode } from '../../parse/types.js';
import { bare, walk } from './ast-helpers.js';

/**
 * A Feathers service whose hooks let a client call a method that changes data (`create`, `update`, `patch`,
 * `remove`), or read the users, without signing in (CWE-306): no `authenticate('jwt')` in `before.all`, `around.all` or
 * that method's hooks. A method left out of the hooks object has none, and Feathers' database services answer every
 * method over REST and websockets (`PATCH /boards/:id`), so it is open. Left out: the users service's `create` (a
 * sign-up), the authentication service, methods turned off for clients (`disallow('external')`), and services that
 * list the methods they expose without it.
 */

const METHODS = ['find', 'get', 'create', 'update', 'patch', 'remove'] as const;
type Method = (typeof METHODS)[number];
const WRITES: readonly Method[] = ['create', 'update', 'patch', 'remove'];
/** Hooks that turn away a request without a valid sign-in: `authenticate('jwt')`, a project hook named for it. */
const AUTH_HOOK = /(?:^|\.)(?:authenticate|requireAuth\w*|isAuthenticated|ensureAuthenticated|verifyToken|checkAuth\w*|restrictToAuthenticated|jwtAuth)$/;
/** Hooks that take the method away from clients: `disallow('external')`, `disallow()`. */
const DISALLOW = /(?:^|\.)disallow$/;
const USERS = /^users?$/i;

export const feathersServiceWithoutAuth = defineAstRule({
  id: 'feathers-service-without-auth',
  messageIds: ['open'],
  appliesTo: { roles: ['server', 'shared'] },
  triggers: [/\b(?:before|around)['"]?\s*:/],
  create({ file, report }) {
    const feathers = file.text.includes('@feathersjs') || file.text.includes('feathers-') || /(?:^|\/)services\/[^/]+\/[^/]+\.hooks\.[cm]?[jt]s$/.test(file.path);
    return {
      ObjectExpression(node) {
        if (!feathers) return;
        const hooks = hooksObject(node as AstNode);
        if (!hooks) return;
        const service = serviceName(node as AstNode, file.path);
        if (!service || /^auth(?:entication)?$/i.test(service)) return;
        const exposed = exposedMethods(file.text);
        const open = METHODS.filter((m) => (WRITES.includes(m) ? !(m === 'create' && USERS.test(service)) : USERS.test(service)) && exposed.has(m) && !guarded(hooks, m));
        if (!open.length) return;
        report({ messageId: 'open', node: hooks.at, data: { service, methods: open.map((m) => `\`${m}\``).join(', '), verbs: open.map((m) => restVerb(m, service)).join(', ') } });
      },
    };
  },
});

interface Hooks {
  before?: TSESTree.ObjectExpression;
  around?: TSESTree.ObjectExpression;
  /** Where they are written: the `around` key if there is one, else `before`. */
  at: AstNode;
}

/** `{ before: { all: [...], find: [...], … }, after: {…} }`: the hooks object of a service, with its `before` and `around` parts. */
function hooksObject(node: AstNode): Hooks | undefined {
  if (node.type !== 'ObjectExpression') return undefined;
  const part = (key: string) => {
    const v = bare(objectProperty(node, key)?.value as AstNode | undefined);
    return v?.type === 'ObjectExpression' && v.properties.some((p) => p.type === 'Property' && ['all', ...METHODS].includes(propertyName(p) ?? '')) ? v : undefined;
  };
  const before = part('before');
  const around = part('around');
  if (!before && !around) return undefined;
  const out: Hooks = { before, around, at: objectProperty(node, around ? 'around' : 'before') as AstNode };
  // Exported as the service's hooks (`module.exports = {…}`, `export default {…}`) or given to `.hooks({…})`.
  const parent = node.parent as AstNode | undefined;
  const exported = parent?.type === 'ExportDefaultDeclaration' || (parent?.type === 'AssignmentExpression' && memberPath(parent.left as AstNode) === 'module.exports');
  const given = parent?.type === 'CallExpression' && parent.callee.type === 'MemberExpression' && propertyName(parent.callee) === 'hooks';
  return exported || given ? out : undefined;
}

/** The service the hooks are for: `app.service('boards').hooks(…)`, or the folder of `services/boards/boards.hooks.js`. */
function serviceName(node: AstNode, path: string): string | undefined {
  const parent = node.parent as AstNode | undefined;
  if (parent?.type === 'CallExpression' && parent.callee.type === 'MemberExpression') {
    const target = bare(parent.callee.object as AstNode);
    if (target?.type === 'CallExpression' && /(?:^|\.)service$/.test(calleePath(target) ?? '')) {
      const name = staticString(target.arguments[0] as AstNode | undefined);
      if (name) return name.replace(/^\//, '');
    }
  }
  return /(?:^|\/)services\/([^/]+)\//.exec(path)?.[1];
}

/** The methods a service file says it exposes (`methods: ['find', 'get', 'create']`), or all of them. */
function exposedMethods(text: string): Set<Method> {
  const listed = /\bmethods\s*:\s*\[([^\]]*)\]/.exec(text)?.[1];
  if (!listed) return new Set(METHODS);
  return new Set(METHODS.filter((m) => new RegExp(`['"\`]${m}['"\`]`).test(listed)));
}

/** Whether a sign-in check (or a block on clients) runs before the method: in `all`, or in the method's own hooks. */
function guarded(hooks: Hooks, method: Method): boolean {
  return [hooks.before, hooks.around].some((part) => part && ['all', method].some((key) => hookList(part, key).some(checksCaller)));
}

function hookList(part: TSESTree.ObjectExpression, key: string): AstNode[] {
  const v = bare(objectProperty(part, key)?.value as AstNode | undefined);
  if (v?.type === 'ArrayExpression') return v.elements.filter((e): e is NonNullable<typeof e> => !!e && e.type !== 'SpreadElement') as AstNode[];
  return v ? [v] : [];
}

/** A hook that checks the caller: `authenticate('jwt')`, `iff(isProvider('external'), authenticate('jwt'))`, `disallow('external')`. */
function checksCaller(hook: AstNode): boolean {
  let found = false;
  walk(hook, (n) => {
    if (found) return false;
    const name = n.type === 'CallExpression' ? calleePath(n) : n.type === 'Identifier' || n.type === 'MemberExpression' ? memberPath(n) : undefined;
    if (name && (AUTH_HOOK.test(name) || DISALLOW.test(name))) found = true;
    return undefined;
  });
  return found;
}

/** The REST call a method answers: `PATCH /boards/:id`. */
function restVerb(method: Method, service: string): string {
  const [verb, id] = ({ find: ['GET', ''], get: ['GET', '/:id'], create: ['POST', ''], update: ['PUT', '/:id'], patch: ['PATCH', '/:id'], remove: ['DELETE', '/:id'] } as const)[method];
  return `\`${verb} /${service}${id}\``;
}
