import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { memberPath, propertyName } from '../../engine/ast-utils.js';
import { defineAstRule, hasTrigger } from '../../engine/rule.js';
import { collectImports, type ImportBinding } from '../../dataflow/modules.js';
import type { AstNode } from '../../parse/types.js';
import { bare, chainCalls, chainLabel, enclosingFunction, isRequestBody, outermostFunctions, methodName, receiverPath, rootName, walk, type FunctionNode } from './ast-helpers.js';
import { dependencyOf } from '../../model/package-facts.js';
import { matchingFields, PRIVILEGED_FIELD, projectModel } from './model-fields.js';
import { nodeMemo } from '../../parse/node-memo.js';
import { databaseWrite, NOT_A_DATABASE, type Write } from './database-writes.js';
import { helperWholeWrites } from './helper-writes.js';

/** A tRPC input schema that checks nothing of the object: `z.custom<Prisma.PaymentCreateArgs>()`, `z.any()`, `z.record(z.any())`. */
const UNCHECKED_INPUT = /\.input\(\s*z\.(?:custom|any|unknown|record)\b/;

/** Writes that make a new record: `new User(…)`, `User.create(…)`, `insertOne`. */
const CREATES = /^new |\.(?:create|createMany|insert|insertOne|insertMany)\(/;
const PASSWORD_FIELD = /^(?:password(?:_?hash)?|hashed_?password)$/i;

export const massAssignment = defineAstRule({
  id: 'mass-assignment',
  messageIds: ['privileged', 'wholeBody'],
  appliesTo: { roles: ['server'] },
  // Every write reported carries the request body: `.body`, `.json()`, `.parseBody()`, `JSON.parse(…)`,
  // `Object.fromEntries(…)` (see isRequestBody), a NestJS `@Body()` parameter or a tRPC input nothing checks.
  triggers: ['body', 'Body', 'json', 'JSON', 'fromEntries', UNCHECKED_INPUT],
  create({ file, model, report }) {
    let imports: ReadonlyMap<string, ImportBinding> = new Map();
    const fns: FunctionNode[] = [];
    const mongoose = !!(dependencyOf(file, model, 'mongoose').dependency ?? dependencyOf(file, model, 'sequelize').dependency);
    return {
      Program(node) {
        imports = collectImports(node);
      },
      ...outermostFunctions(fns),
      'Program:exit'() {
        const reported = new Set<AstNode>();
        for (const fn of fns) {
          // What holds for the file holds for each function: every write reported is found in one function's text.
          if (!hasTrigger(massAssignment, file.text.slice(fn.range[0], fn.range[1])) && !uncheckedInputParam(fn)) continue;
          for (const w of writesIn(fn)) {
            if (reported.has(w.call)) continue;
            reported.add(w.call);
            const info = w.model ? projectModel(model, w.model) : undefined;
            // `{ ...req.body, userId: session.user.id }`: keys written after the spread are the server's.
            // A new record's password is the one its sign-up form sends: only a change of an existing one is privileged.
            const privileged = matchingFields(info, PRIVILEGED_FIELD).filter((f) => !overriddenKeys(w.value).has(f) && !(CREATES.test(w.label) && PASSWORD_FIELD.test(f)));
            const source = sourceText(w.value);
            if (privileged.length > 0) {
              report({ messageId: 'privileged', node: w.call, data: { sink: w.label, source, model: info!.name, fields: privileged.slice(0, 4).map((f) => `\`${f}\``).join(', ') }, severity: 'high' });
            } else report({ messageId: 'wholeBody', node: w.call, data: { sink: w.label, source }, severity: 'medium' });
          }
        }
      },
    };

    /** Writes in one function whose values are the whole request body. */
    function writesIn(fn: FunctionNode): Write[] {
      const whole = new Set<string>();
      for (const p of fn.params) if (isWholeBodyParam(p)) whole.add(paramName(p)!);
      const input = uncheckedInputParam(fn);
      if (input) whole.add(input);
      const isWhole = (node: AstNode | null | undefined): boolean => {
        const n = bare(node);
        if (!n) return false;
        if (isRequestBody(n)) return true;
        if (n.type === 'Identifier') return whole.has(n.name) || (local.get(n.name) ?? []).some((scope) => within(n, scope));
        if (n.type === 'ObjectExpression') return n.properties.some((p) => p.type === 'SpreadElement' && isWhole(p.argument));
        if (n.type === 'ArrayExpression') return n.elements.some((e) => e?.type !== 'SpreadElement' && isWhole(e as AstNode));
        if (n.type === 'CallExpression' && memberPath(n.callee) === 'Object.assign') return n.arguments.some((a) => isWhole(a as AstNode));
        return false;
      };
      const writes: Write[] = [];
      const assigned = new Map<string, AstNode>();
      // Names given the body inside a nested function (one route handler of many in `registerRoutes(app)`) hold it
      // there only: another handler's `data` of the same name is its own.
      const local = new Map<string, AstNode[]>();
      const hold = (name: string, at: AstNode) => {
        const scope = enclosingFunction(at);
        if (!scope || scope === fn) whole.add(name);
        else local.set(name, [...(local.get(name) ?? []), scope as AstNode]);
      };
      walk(fn.body, (n) => {
        if (n.type === 'VariableDeclarator' && n.init) {
          if (n.id.type === 'Identifier' && isWhole(n.init)) hold(n.id.name, n);
          else if (n.id.type === 'ObjectPattern' && isWhole(n.init)) {
            // `const { id, ...updates } = req.body`: the rest is still the body, unless the privileged keys were taken out.
            const rest = n.id.properties.find((p) => p.type === 'RestElement');
            const picked = n.id.properties.flatMap((p) => (p.type === 'Property' ? [propertyName(p) ?? ''] : []));
            if (rest?.type === 'RestElement' && rest.argument.type === 'Identifier' && !picked.some((k) => PRIVILEGED_FIELD.test(k))) hold(rest.argument.name, n);
          }
        }
        if (n.type === 'AssignmentExpression' && n.left.type === 'Identifier' && isWhole(n.right)) hold(n.left.name, n);
        if (n.type === 'CallExpression') {
          // `Object.assign(user, req.body)` / `user.set(req.body)` followed by `user.save()`.
          const path = memberPath(n.callee) ?? '';
          const target = path === 'Object.assign' ? bare(n.arguments[0] as AstNode) : methodName(n) === 'set' && n.arguments.length === 1 && n.callee.type === 'MemberExpression' ? bare(n.callee.object) : undefined;
          const values = path === 'Object.assign' ? n.arguments.slice(1) : n.arguments;
          if (target?.type === 'Identifier' && values.some((a) => isWhole(a as AstNode))) assigned.set(target.name, n);
          const w = databaseWrite(n, isWhole) ?? helperWrite(n, isWhole);
          if (w) writes.push(w);
        }
        if (n.type === 'NewExpression' && mongoose && n.callee.type === 'Identifier' && /^[A-Z]/.test(n.callee.name) && !NOT_A_DATABASE.test(n.callee.name) && isModelName(n.callee.name) && isWhole(n.arguments[0] as AstNode)) {
          writes.push({ call: n, value: n.arguments[0] as AstNode, label: `new ${n.callee.name}(…)`, model: n.callee.name });
        }
        return undefined;
      });
      // Assigned into a loaded record, then saved.
      if (assigned.size > 0) {
        walk(fn.body, (n) => {
          if (n.type !== 'CallExpression' || methodName(n) !== 'save') return undefined;
          const recv = n.callee.type === 'MemberExpression' ? bare(n.callee.object) : undefined;
          const saved = recv?.type === 'Identifier' && assigned.has(recv.name) ? recv.name : (n.arguments.map((a) => bare(a as AstNode)).find((a) => a?.type === 'Identifier' && assigned.has(a.name)) as TSESTree.Identifier | undefined)?.name;
          if (saved) {
            const at = assigned.get(saved)! as TSESTree.CallExpression;
            const label = memberPath(at.callee) === 'Object.assign' ? `Object.assign(${saved}, …)` : `${saved}.set(…)`;
            writes.push({ call: at, value: at.arguments.at(-1) as AstNode, label, model: loadedModel(fn, saved) });
          }
          return undefined;
        });
      }
      return writes;
    }

    /** `storage.createUser({ ...req.body })`: a project function that writes that parameter whole (helper-writes.ts). */
    function helperWrite(call: TSESTree.CallExpression, isWhole: (n: AstNode | null | undefined) => boolean): Write | undefined {
      const name = call.callee.type === 'MemberExpression' ? methodName(call) : call.callee.type === 'Identifier' ? call.callee.name : undefined;
      const helper = name ? helperWholeWrites(model).get(name) : undefined;
      const value = helper && (call.arguments[helper.param] as AstNode | undefined);
      if (!helper || !value || !isWhole(value)) return undefined;
      return { call, value, label: `${chainLabel(call.callee as AstNode)}(…)`, model: helper.model };
    }

    function isModelName(name: string): boolean {
      const b = imports.get(name);
      return (b !== undefined && /^(?:\.|@\/|~\/)/.test(b.source)) || projectModel(model, name) !== undefined;
    }

    function isWholeBodyParam(p: TSESTree.Parameter): boolean {
      // NestJS `@Body() body: any` (a DTO class is checked by the ValidationPipe rule instead).
      const decorators = 'decorators' in p ? p.decorators ?? [] : [];
      const body = decorators.some((d) => d.expression.type === 'CallExpression' && memberPath(d.expression.callee) === 'Body' && d.expression.arguments.length === 0);
      if (!body) return false;
      const type = p.type === 'Identifier' ? p.typeAnnotation?.typeAnnotation : undefined;
      return !type || type.type === 'TSAnyKeyword' || type.type === 'TSUnknownKeyword' || type.type === 'TSObjectKeyword' || type.type === 'TSTypeLiteral' || (type.type === 'TSTypeReference' && memberPath(type.typeName as AstNode) === 'Record');
    }
  },
});

/**
 * The local name of a tRPC procedure's `input` when its schema checks nothing of the object
 * (`.input(z.custom<Prisma.PaymentCreateArgs>()).mutation(({ ctx, input }) => …)`): the client's object as sent.
 */
function uncheckedInputParam(fn: FunctionNode): string | undefined {
  const call = fn.parent;
  if (call?.type !== 'CallExpression' || call.arguments[0] !== fn || !/^(?:mutation|query)$/.test(methodName(call) ?? '')) return undefined;
  const inputCall = chainCalls(call).find((c) => methodName(c) === 'input');
  const schema = zodBuilder(inputCall?.arguments[0] as AstNode | undefined);
  if (!schema || !/^z\.(?:custom|any|unknown|record)$/.test(schema.name)) return undefined;
  // `z.record(z.string(), z.number())` checks every value: only a record of anything is unchecked.
  if (schema.name === 'z.record' && !schema.args.some((a) => /^z\.(?:any|unknown)$/.test(zodBuilder(a)?.name ?? ''))) return undefined;
  const param = fn.params[0];
  if (param?.type !== 'ObjectPattern') return undefined;
  const prop = param.properties.find((p) => p.type === 'Property' && propertyName(p) === 'input') as TSESTree.Property | undefined;
  return prop?.value.type === 'Identifier' ? prop.value.name : undefined;
}

/** `z.custom<T>()` → `z.custom` with its arguments. */
function zodBuilder(node: AstNode | undefined): { name: string; args: AstNode[] } | undefined {
  const n = bare(node);
  const name = n?.type === 'CallExpression' ? memberPath(n.callee) : undefined;
  return n?.type === 'CallExpression' && name ? { name, args: n.arguments as AstNode[] } : undefined;
}

/** Per function, found once: one handler can save many loaded records. */
const loadedModels = nodeMemo<FunctionNode, Map<string, string>>('loaded models');

/** The model a variable was loaded from: `const user = await User.findById(id)` → `User`; `repo.findOneBy` on `getRepository(Order)` → `Order`. */
function loadedModel(fn: FunctionNode, name: string): string | undefined {
  let models = loadedModels.get(fn);
  if (!models) {
    // The first declaration of each name that names a model wins.
    const found = new Map<string, string>();
    walk(fn.body, (n) => {
      if (n.type !== 'VariableDeclarator' || n.id.type !== 'Identifier' || found.has(n.id.name)) return undefined;
      const init = bare(n.init);
      if (init?.type !== 'CallExpression') return undefined;
      const root = rootName(init.callee);
      const model = root && /^[A-Z]/.test(root) ? root : receiverPath(init)?.split('.').pop();
      if (model) found.set(n.id.name, model);
      return undefined;
    });
    loadedModels.set(fn, (models = found));
  }
  return models.get(name);
}

function overriddenKeys(value: AstNode): Set<string> {
  const n = bare(value);
  const out = new Set<string>();
  if (n?.type !== 'ObjectExpression') return out;
  const spread = n.properties.findIndex((p) => p.type === 'SpreadElement');
  for (const p of n.properties.slice(spread + 1)) if (p.type === 'Property' && propertyName(p)) out.add(propertyName(p)!);
  return out;
}

function paramName(p: TSESTree.Parameter): string | undefined {
  return p.type === 'Identifier' ? p.name : undefined;
}

function sourceText(value: AstNode): string {
  const n = bare(value);
  if (n?.type === 'Identifier') return `\`${n.name}\``;
  if (n?.type === 'ObjectExpression') return 'a spread of the request body';
  const path = n && memberPath(n.type === 'CallExpression' ? n.callee : n);
  return path ? `\`${path}${n?.type === 'CallExpression' ? '()' : ''}\`` : 'the request body';
}

/** The node is inside `scope` (by its parents). */
function within(node: AstNode, scope: AstNode): boolean {
  for (let cur: AstNode | undefined = node; cur; cur = (cur as { parent?: AstNode }).parent) if (cur === scope) return true;
  return false;
}
