import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { memberPath, staticString } from '../engine/ast-utils.js';
import type { AstNode, Program } from '../parse/types.js';
import { analyzeFunction } from './auth.js';
import { walk } from './ast.js';
import type { ComposedDecorator, DirectEntry } from './types.js';

const VERBS: Record<string, string> = { Get: 'GET', Post: 'POST', Put: 'PUT', Patch: 'PATCH', Delete: 'DELETE', All: 'ALL', Options: 'OPTIONS', Head: 'HEAD' };
/** GraphQL resolver classes (`@Resolver()`, NestJS or type-graphql): their queries, mutations and subscriptions. */
const OPERATIONS: Record<string, string> = { Query: 'QUERY', Mutation: 'MUTATION', Subscription: 'SUBSCRIPTION' };
const PUBLIC = /^(Public|IsPublic|SkipAuth|AllowAnonymous|Anonymous|NoAuth|PublicRoute|Unprotected|AllowUnauthenticated|PublicEndpoint|SkipJwt)$/;
const ROLES = /^(Roles|Role|RequireRoles|RequireRole|RequirePermissions|Permissions|Permission|CheckPolicies|HasRoles|AdminOnly|Admin|CheckAbilities)$/;
export const GUARD_AUTH = /auth|jwt|session|clerk|firebase|supabase|logged|passport|bearer|token|access|user|signed/i;
export const GUARD_ROLE = /role|admin|permission|polic|casl|abilit|acl|staff|owner/i;

interface Decorated {
  name: string;
  args: AstNode[];
  line: number;
  text: string;
}

function decoratorsOf(node: { decorators?: TSESTree.Decorator[] }, text: string): Decorated[] {
  return (node.decorators ?? []).map((d) => {
    const e = d.expression;
    const name = e.type === 'CallExpression' ? (memberPath(e.callee as AstNode) ?? '') : (memberPath(e as AstNode) ?? '');
    return { name, args: e.type === 'CallExpression' ? (e.arguments as AstNode[]) : [], line: d.loc.start.line, text: text.slice(d.range[0], d.range[1]) };
  });
}

function guardNames(decorators: Decorated[], text: string): { name: string; line: number }[] {
  return decorators.filter((d) => d.name === 'UseGuards').flatMap((d) => d.args.map((a) => ({ name: text.slice(a.range[0], a.range[1]).replace(/^new\s+/, ''), line: d.line })));
}

function pathArg(d: Decorated | undefined): string {
  const a = d?.args[0];
  if (!a) return '';
  if (a.type === 'ObjectExpression') {
    const p = a.properties.find((x) => x.type === 'Property' && x.key.type === 'Identifier' && x.key.name === 'path') as TSESTree.Property | undefined;
    return staticString(p?.value as AstNode) ?? '';
  }
  if (a.type === 'ArrayExpression') return staticString(a.elements[0] as AstNode) ?? '';
  return staticString(a) ?? '';
}

/** `@Query(() => [User], { name: 'users' })`: the operation's name when the options give one. */
function operationName(d: Decorated): string | undefined {
  const options = d.args.find((a) => a.type === 'ObjectExpression') as TSESTree.ObjectExpression | undefined;
  const p = options?.properties.find((x) => x.type === 'Property' && x.key.type === 'Identifier' && x.key.name === 'name') as TSESTree.Property | undefined;
  return staticString(p?.value as AstNode);
}

/** Route path parts joined with single slashes: `joinPath('/api/', 'users')` is `/api/users`. */
export function joinPath(...parts: string[]): string {
  const p = parts.map((s) => s.replace(/^\/+|\/+$/g, '')).filter(Boolean).join('/');
  return `/${p}`;
}

/** Decorators of a route that decide nothing about who may call it, and so are not worth looking up. */
const NOT_GUARDS = new Set([...Object.keys(VERBS), ...Object.keys(OPERATIONS), 'Resolver', 'Args', 'Arg', 'Ctx', 'Context', 'Parent', 'Root', 'Info', 'ResolveField', 'FieldResolver', 'Authorized', 'UseGuards', 'Controller', 'Param', 'Body', 'Query', 'Req', 'Res', 'Headers', 'HttpCode', 'Header', 'Redirect', 'Render', 'UsePipes', 'UseInterceptors', 'UseFilters', 'SetMetadata', 'Version', 'Sse']);

/**
 * `export function Auth(...roles) { return applyDecorators(Roles(...roles), UseGuards(JwtAuthGuard, RolesGuard)); }`
 * (or an arrow function): a decorator made of others, with the guards and roles it applies.
 */
function composedDecorator(node: AstNode, text: string, file: string): ComposedDecorator | undefined {
  const name = node.type === 'FunctionDeclaration' ? node.id?.name : node.type === 'VariableDeclarator' && node.id.type === 'Identifier' && (node.init?.type === 'ArrowFunctionExpression' || node.init?.type === 'FunctionExpression') ? node.id.name : undefined;
  if (!name) return undefined;
  const fn = (node.type === 'FunctionDeclaration' ? node : (node as TSESTree.VariableDeclarator).init) as AstNode;
  let found: ComposedDecorator | undefined;
  walk(fn, (n) => {
    if (found || n.type !== 'CallExpression' || memberPath(n.callee as AstNode) !== 'applyDecorators') return undefined;
    const parts = n.arguments.filter((a) => a.type === 'CallExpression').map((a) => ({ name: memberPath(a.callee as AstNode) ?? '', args: a.arguments as AstNode[], line: a.loc.start.line, text: text.slice(a.range[0], a.range[1]) }));
    const guards = guardNames(parts, text);
    const authGuard = guards.find((g) => GUARD_AUTH.test(g.name) || GUARD_ROLE.test(g.name));
    const roles = parts.find((p) => ROLES.test(p.name));
    const roleGuard = guards.find((g) => GUARD_ROLE.test(g.name));
    found = { name, file };
    if (authGuard) found.auth = authGuard;
    if (roles) found.role = { text: `\`${roles.text}\``, file, line: roles.line };
    else if (roleGuard) found.role = { text: `\`UseGuards(${roleGuard.name})\``, file, line: roleGuard.line };
    return false;
  });
  return found?.auth || found?.role ? found : undefined;
}

/** NestJS controllers (and NestJS or type-graphql GraphQL resolvers): routes with their class and method guards, roles and `@Public()` opt-outs; global guards; composed decorators. */
export function collectNest(ast: Program, text: string, file: string): { entries: DirectEntry[]; globalGuards: { name: string; line: number }[]; composed: ComposedDecorator[] } {
  const entries: DirectEntry[] = [];
  const globalGuards: { name: string; line: number }[] = [];
  const composed: ComposedDecorator[] = [];
  const composes = text.includes('applyDecorators');
  walk(ast, (node, ancestors) => {
    // Composed decorators are declared at the top of a module (exported or not): nested functions are not read.
    if (composes && ancestors.length <= 3 && (node.type === 'FunctionDeclaration' || node.type === 'VariableDeclarator')) {
      const made = composedDecorator(node, text, file);
      if (made) composed.push(made);
    }
    if (node.type === 'Property' && node.key.type === 'Identifier' && node.key.name === 'provide' && memberPath(node.value as AstNode) === 'APP_GUARD') {
      // { provide: APP_GUARD, useClass: JwtAuthGuard } — the sibling property names the guard.
      return;
    }
    if (node.type === 'ObjectExpression') {
      const provide = node.properties.find((p) => p.type === 'Property' && p.key.type === 'Identifier' && p.key.name === 'provide') as TSESTree.Property | undefined;
      if (provide && memberPath(provide.value as AstNode) === 'APP_GUARD') {
        const use = node.properties.find((p) => p.type === 'Property' && p.key.type === 'Identifier' && /^use(Class|Existing|Factory|Value)$/.test(p.key.name)) as TSESTree.Property | undefined;
        globalGuards.push({ name: use ? text.slice(use.value.range[0], use.value.range[1]) : 'APP_GUARD', line: node.loc.start.line });
      }
    }
    if (node.type === 'CallExpression' && /\.useGlobalGuards$/.test(memberPath(node.callee as AstNode) ?? '')) {
      for (const a of node.arguments) globalGuards.push({ name: text.slice(a.range[0], a.range[1]).replace(/^new\s+/, ''), line: node.loc.start.line });
    }
    if (node.type !== 'ClassDeclaration') return;
    const classDecorators = decoratorsOf(node, text);
    const controller = classDecorators.find((d) => d.name === 'Controller' || d.name === 'Resolver');
    if (!controller) return;
    const graphql = controller.name === 'Resolver';
    const prefix = graphql ? '' : pathArg(controller);
    // type-graphql: `@Authorized()` needs a signed-in user (with roles when it names them), checked by the `authChecker`.
    const classAuthorized = classDecorators.find((d) => d.name === 'Authorized');
    const classGuards = guardNames(classDecorators, text);
    const classPublic = classDecorators.find((d) => PUBLIC.test(d.name));
    const classRoles = classDecorators.find((d) => ROLES.test(d.name));
    for (const member of node.body.body) {
      if (member.type !== 'MethodDefinition' || member.value.type !== 'FunctionExpression') continue;
      const decorators = decoratorsOf(member, text);
      const verb = decorators.find((d) => (graphql ? d.name in OPERATIONS : d.name in VERBS));
      if (!verb) continue;
      const name = member.key.type === 'Identifier' ? member.key.name : undefined;
      const authorized = decorators.find((d) => d.name === 'Authorized') ?? classAuthorized;
      const guards = [...classGuards, ...guardNames(decorators, text)];
      const roles = decorators.find((d) => ROLES.test(d.name)) ?? classRoles;
      const publicBy = decorators.find((d) => PUBLIC.test(d.name)) ?? classPublic;
      const handler = analyzeFunction(member.value, text, file, name);
      const authGuard = guards.find((g) => GUARD_AUTH.test(g.name) || GUARD_ROLE.test(g.name));
      const roleGuard = guards.find((g) => GUARD_ROLE.test(g.name));
      const entry: DirectEntry = {
        method: graphql ? OPERATIONS[verb.name] : VERBS[verb.name],
        path: graphql ? `${verb.name}.${operationName(verb) ?? name ?? '?'}` : joinPath(prefix, pathArg(verb)),
        line: verb.line,
        framework: 'nestjs',
        handler,
        middleware: guards.map((g) => g.name),
      };
      if (authGuard) entry.auth = { state: 'required', evidence: { text: `\`@UseGuards(${authGuard.name})\``, file, line: authGuard.line } };
      else if (authorized) entry.auth = { state: 'required', evidence: { text: `\`${authorized.text}\``, file, line: authorized.line } };
      if (authorized?.args.length && !roles) entry.role = { text: `\`${authorized.text}\``, file, line: authorized.line };
      if (roles) {
        entry.role = { text: `\`${roles.text}\``, file, line: roles.line };
        // Guards named for authentication only read no roles (whether one does is decided where guards are known).
        if (!roleGuard && guards.every((g) => GUARD_AUTH.test(g.name))) entry.rolesDeclaredOnly = true;
      } else if (roleGuard) entry.role = { text: `\`@UseGuards(${roleGuard.name})\``, file, line: roleGuard.line };
      if (publicBy) entry.publicBy = `marked \`${publicBy.text}\` (${file}:${publicBy.line})`;
      const others = [...decorators, ...classDecorators].map((d) => d.name).filter((n) => /^[A-Z]\w*$/.test(n) && !NOT_GUARDS.has(n) && !PUBLIC.test(n) && !ROLES.test(n) && !n.startsWith('Api'));
      if (others.length) entry.decorators = [...new Set(others)];
      entries.push(entry);
    }
  });
  return { entries, globalGuards, composed };
}
