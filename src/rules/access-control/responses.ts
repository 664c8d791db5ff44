import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { memberPath, propertyName } from '../../engine/ast-utils.js';
import type { AstNode } from '../../parse/types.js';
import { isScript } from '../../classify/types.js';
import { directiveOf } from '../../classify/role.js';
import { resolveImport, type ImportBinding } from '../../dataflow/modules.js';
import { defineFileFact } from '../../model/facts.js';
import type { ProjectModel } from '../../model/types.js';
import { chainLabel, classDecoratedWith, decoratorNames, methodName, type FunctionNode } from './ast-helpers.js';

/**
 * Where server code answers a request, for the rules that ask what a response carries: the calls that send one
 * (`res.json(x)`, `NextResponse.json(x)`, `c.json(x)`, `new Response(body)`) and the functions whose return value is
 * sent (server actions, tRPC procedures, handlers of frameworks that send what they return, NestJS controllers), and
 * the props a server component gives a client component.
 */

/** Responses: `res.json(x)`, `res.status(200).send(x)`, `NextResponse.json(x)`, `Response.json(x)`, `c.json(x)`, `reply.send(x)`. */
export function responseArg(call: TSESTree.CallExpression): AstNode | undefined {
  const m = methodName(call);
  // Asked of every call by several rules: the label is built only for the two methods that answer.
  if (m !== 'json' && m !== 'send') return undefined;
  const label = chainLabel(call.callee);
  if (/^(?:res|response|reply)(?:\.status\(\u2026\)|\.code\(\u2026\))?\.(?:json|send)$/.test(label)) return call.arguments[0] as AstNode;
  if (/^(?:NextResponse|Response)\.json$/.test(label) || (m === 'json' && label === 'c.json')) return call.arguments[0] as AstNode;
  return undefined;
}

/** `new Response(JSON.stringify(body), …)`, the way edge functions answer: the body. */
export function responseBody(node: TSESTree.NewExpression): AstNode | undefined {
  if (node.callee.type !== 'Identifier' || !/^(?:Response|NextResponse)$/.test(node.callee.name)) return undefined;
  const first = node.arguments[0] as AstNode | undefined;
  return first?.type === 'CallExpression' && memberPath(first.callee as AstNode) === 'JSON.stringify' ? (first.arguments[0] as AstNode | undefined) : first;
}

/** `<ProfileCard user={user} />` where ProfileCard comes from a 'use client' file: its props are serialised into the page. */
export function clientComponentOf(attr: TSESTree.JSXAttribute, imports: ReadonlyMap<string, ImportBinding>, model: ProjectModel, from: string): string | undefined {
  const el = attr.parent;
  if (el?.type !== 'JSXOpeningElement' || el.name.type !== 'JSXIdentifier') return undefined;
  const binding = imports.get(el.name.name);
  const target = binding && resolveImport(model, from, binding.source);
  const text = target ? model.fileByPath.get(target)?.text : undefined;
  return text && directiveOf(text) === 'use client' ? el.name.name : undefined;
}

/** `router.post('/forgot-password', …)`: the path a handler is registered under, when it is an argument of that call. */
export function routePathOf(fn: FunctionNode): string | undefined {
  const call = fn.parent;
  if (call?.type !== 'CallExpression') return undefined;
  const first = call.arguments[0];
  return first?.type === 'Literal' && typeof first.value === 'string' ? first.value : undefined;
}

const HTTP_DECORATOR = /^(?:Get|Post|Put|Patch|Delete|All)$/;

/** A method of a NestJS controller that handles a route (`@Post('forgot-password') forgotPassword(…) { … }`). */
export function nestRoute(fn: FunctionNode): boolean {
  const method = fn.parent;
  return method?.type === 'MethodDefinition' && decoratorNames(method.decorators).some((d) => HTTP_DECORATOR.test(d)) && classDecoratedWith(method, 'Controller');
}

/** A tRPC procedure's handler (`.mutation(async ({ input }) => …)`), whose return value is the response. */
export function procedureHandler(fn: FunctionNode): boolean {
  const call = fn.parent as TSESTree.CallExpression | undefined;
  if (call?.type !== 'CallExpression' || call.callee.type !== 'MemberExpression' || !call.arguments.includes(fn as TSESTree.CallExpressionArgument)) return false;
  return /^(?:mutation|query)$/.test(propertyName(call.callee) ?? '');
}

/** A method of an `@Injectable()` class whose result a NestJS controller method returns as it is. */
export function returnedByController(fn: FunctionNode, model: ProjectModel): boolean {
  const method = fn.parent;
  if (method?.type !== 'MethodDefinition' || !classDecoratedWith(method, 'Injectable')) return false;
  const name = propertyName(method);
  return !!name && controllerReturns(model).includes(name);
}

/** `return this.authService.forgotPassword(dto.email)` (awaited or not) in a controller: the method names returned so. */
const RETURNS_SERVICE_CALL = /\breturn\s+(?:await\s+)?this\.\w+\.(\w+)\s*\(/g;

/** Methods whose results the project's NestJS controllers return as they are. */
const controllerReturns = defineFileFact(
  'service methods controllers return',
  (f): string[] | undefined => {
    if (!isScript(f.language) || f.role === 'test' || !f.text.includes('@Controller')) return undefined;
    const names = [...new Set([...f.text.matchAll(RETURNS_SERVICE_CALL)].map((m) => m[1]))];
    return names.length ? names : undefined;
  },
  (parts) => [...new Set(parts.flatMap(([, names]) => names))].sort(),
);
