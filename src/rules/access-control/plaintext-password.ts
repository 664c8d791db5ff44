import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { convertedFrom, memberPath, patternNames, propertyName, staticString } from '../../engine/ast-utils.js';
import { defineAstRule } from '../../engine/rule.js';
import { isScript } from '../../classify/types.js';
import { defineFileFact } from '../../model/facts.js';
import type { AstNode } from '../../parse/types.js';
import { nodeMemo } from '../../parse/node-memo.js';
import { bare, chainLabel, isFunction, isRequestBody, methodName, outermostFunctions, rootName, walk, type FunctionNode } from './ast-helpers.js';
import { databaseWrite, NOT_A_DATABASE } from './database-writes.js';
import { projectModel } from './model-fields.js';

/** A slow password hash (or a library for one) named in code: bcrypt, argon2, scrypt, PBKDF2. */
export const PASSWORD_HASHING = /\bbcrypt(?:js)?\b|\bargon2\b|\bscrypt(?:Sync)?\s*\(|\bpbkdf2(?:Sync)?\s*\(|from\s+['"]@node-rs\/(?:argon2|bcrypt)['"]/;

/** Columns and fields that hold a user's password. */
const STORED_FIELD = /^(?:password|passwd|pass|pwd|user_?password|user_?pass)$/i;
/** Variables that hold a password someone typed. */
export const PASSWORD_NAME = /^(?:(?:user|plain|plaintext|raw|current|old|new|candidate|entered|input|given|provided|typed|login|admin|account)_?)?(?:password|passwd|pass|pwd|pw)$/i;
/** Objects that hold settings rather than users. */
const SETTINGS = /^(?:config|conf|cfg|settings|env|options|opts|process|credentials)$/i;
/** Parameters that hold what a client sent: a server action's form, tRPC's `input`, Auth.js `credentials`, a DTO. */
const INPUT_PARAM = /^(?:body|credentials|creds|input|values|formData|form|payload|dto|fields|\w+Dto|\w+Input|\w+Body|\w+Form|\w+Credentials|\w+FormData)$/i;
/** Request members a client writes: `req.body`, `req.query`, `request.params`, `ctx.request.body`. */
const REQUEST_INPUT = /^(?:req|request|ctx|ctx\.request|context\.request|c\.req|event)\.(?:body|query|params)(?:\.|$)/;
/** Queries that find a record by the fields of their filter. */
const LOOKUP = /^(?:find|findOne|findFirst|findUnique|findAll|findOneBy|findBy|findFirstOrThrow|findUniqueOrThrow|findOneOrFail|findAndCountAll|count|countDocuments|exists|findOneAndUpdate|where|andWhere|orWhere|match|eq)$/;
/** SQL that finds a row by its password, or writes one. */
const SQL_LOOKUP = /\b(?:where|and|or)\b[^;]*?\b(?:password|passwd|pwd|user_?password)\b["`\]]?\s*=\s*(?:\?|\$\d+|:\w+|@\w+|'?\$\{)/i;
const SQL_WRITE = /\binsert\s+into\b[^;]*\b(?:password|passwd|pwd|user_?password)\b|\bupdate\b[^;]*\bset\b[^;]*\b(?:password|passwd|pwd|user_?password)\b["`\]]?\s*=/i;

/** Whether any code of the project hashes passwords (a model hook, a helper): then a write may be hashed where we do not look. */
const projectHashesPasswords = defineFileFact(
  'password hashing',
  (file) => (isScript(file.language) && file.role !== 'test' && file.role !== 'build-output' && PASSWORD_HASHING.test(file.text) ? true : undefined),
  (parts) => parts.length > 0,
);

interface Binding {
  param?: boolean;
  /** The initialiser of a plain `const x = …`. */
  init?: AstNode;
  /** The object a destructured name was taken from. */
  from?: AstNode;
}

interface FunctionFacts {
  bindings: Map<string, Binding[]>;
  /** Names and member paths given a new value by a call (`password = await hash(password)`): no longer what was typed. */
  rewritten: Set<string>;
}

const functionFacts = nodeMemo<FunctionNode, FunctionFacts>('plaintext-password bindings');

function factsOf(fn: FunctionNode): FunctionFacts {
  const cached = functionFacts.get(fn);
  if (cached) return cached;
  const facts: FunctionFacts = { bindings: new Map(), rewritten: new Set() };
  const bind = (name: string, b: Binding) => {
    const list = facts.bindings.get(name);
    if (list) list.push(b);
    else facts.bindings.set(name, [b]);
  };
  walk(fn, (n) => {
    if (isFunction(n)) for (const p of n.params) for (const name of patternNames(p as AstNode)) bind(name, { param: true });
    if (n.type === 'VariableDeclarator') {
      if (n.id.type === 'Identifier') bind(n.id.name, { init: bare(n.init) });
      else for (const name of patternNames(n.id)) bind(name, { from: bare(n.init) });
    }
    if (n.type === 'AssignmentExpression' && n.operator === '=' && containsCall(n.right)) {
      const target = n.left.type === 'Identifier' ? n.left.name : memberPath(n.left);
      if (target) facts.rewritten.add(target);
    }
  });
  functionFacts.set(fn, facts);
  return facts;
}

function containsCall(node: AstNode): boolean {
  let found = false;
  walk(node, (n) => {
    if (n.type === 'CallExpression' || n.type === 'NewExpression') found = true;
    return !found && !isFunction(n);
  });
  return found;
}

/** The value a text was converted from (`String(x)`, `x.trim()`, `x as string`), past `await`. */
function unwrapText(node: AstNode | null | undefined): AstNode | undefined {
  const n = bare(node);
  return n && bare(convertedFrom(n));
}

/** Reads one function's code: where a password someone typed is, and what a stored one looks like. */
class PasswordReader {
  private readonly facts: FunctionFacts;
  constructor(fn: FunctionNode) {
    this.facts = factsOf(fn);
  }

  /** What the client sent, or part of it: the request body, a form, a server action's or tRPC's input. */
  fromClient(node: AstNode | null | undefined, depth = 0): boolean {
    const n = unwrapText(node);
    if (!n || depth > 4) return false;
    if (isRequestBody(n)) return true;
    if (n.type === 'MemberExpression') return REQUEST_INPUT.test(memberPath(n) ?? '') || this.fromClient(n.object, depth + 1);
    if (n.type === 'CallExpression') {
      // `schema.parse(req.body)`, `safeParse(await req.json())`, `validate(body)`.
      const m = methodName(n) ?? '';
      if (/^(?:parse|parseAsync|safeParse|safeParseAsync|validate|validateAsync|cast)$/.test(m)) return n.arguments.some((a) => this.fromClient(a as AstNode, depth + 1));
      return false;
    }
    if (n.type !== 'Identifier') return false;
    const bindings = this.facts.bindings.get(n.name);
    if (!bindings) return false;
    return bindings.some((b) => (b.param ? INPUT_PARAM.test(n.name) : this.fromClient(b.init ?? b.from, depth + 1)));
  }

  /** A password as typed: not hashed, not read from a stored record. */
  typed(node: AstNode | null | undefined, depth = 0): boolean {
    const n = unwrapText(node);
    if (!n || depth > 4) return false;
    if (n.type === 'Identifier') {
      if (!PASSWORD_NAME.test(n.name) || this.facts.rewritten.has(n.name)) return false;
      const bindings = this.facts.bindings.get(n.name);
      if (!bindings) return false;
      return bindings.every((b) => {
        if (b.param) return true;
        if (b.from) return this.fromClient(b.from, depth + 1) || this.isParam(b.from);
        // A hash of it (`const password = md5(req.body.password)`) is a call, neither of these.
        return !!b.init && (this.fromClient(b.init, depth + 1) || this.typed(b.init, depth + 1));
      });
    }
    if (n.type === 'MemberExpression') {
      const name = propertyName(n);
      const path = memberPath(n);
      return !!name && PASSWORD_NAME.test(name) && !(path && this.facts.rewritten.has(path)) && this.fromClient(n.object, depth + 1);
    }
    // `formData.get('password')`
    if (n.type === 'CallExpression' && methodName(n) === 'get' && n.callee.type === 'MemberExpression') {
      const key = staticString(n.arguments[0] as AstNode);
      return !!key && PASSWORD_NAME.test(key) && /form|data|params/i.test(rootName(n.callee.object) ?? '');
    }
    return false;
  }

  private isParam(node: AstNode): boolean {
    return node.type === 'Identifier' && !!this.facts.bindings.get(node.name)?.some((b) => b.param);
  }

  /**
   * `user.password` of a record this code did not get from the client (`this.password` in a model method); not a
   * setting (`config.admin.password`, `ADMIN.password`), which is another concern.
   */
  stored(node: AstNode | null | undefined): boolean {
    const n = bare(node);
    if (n?.type !== 'MemberExpression') return false;
    const name = n.computed ? staticString(n.property as AstNode) : propertyName(n);
    if (!name || !STORED_FIELD.test(name)) return false;
    const object = bare(n.object);
    if (object?.type === 'ThisExpression') return true;
    const root = object && rootName(object);
    return !!root && !SETTINGS.test(root) && root !== root.toUpperCase() && !this.fromClient(object);
  }

  /** The text of a string or template, or of the `const` a name was given (`const sql = '…'; db.query(sql, […])`). */
  text(node: AstNode | undefined): SqlText | undefined {
    const n = bare(node);
    if (n?.type !== 'Identifier') return sqlText(n);
    const bindings = this.facts.bindings.get(n.name);
    return bindings?.length === 1 && !this.facts.rewritten.has(n.name) ? sqlText(bindings[0].init) : undefined;
  }
}

type Shape = 'compare' | 'lookup' | 'store';

const TRIGGER_TEST = /pass|pwd/i;

export const plaintextPassword = defineAstRule({
  id: 'plaintext-password',
  messageIds: ['compare', 'lookup', 'lookupSql', 'store', 'storeSql'],
  appliesTo: { roles: ['server', 'shared', 'client'] },
  triggers: [TRIGGER_TEST],
  create({ file, model, report }) {
    const fns: FunctionNode[] = [];
    return {
      ...outermostFunctions(fns),
      'Program:exit'() {
        let hashingKnown: boolean | undefined;
        const hashingElsewhere = () => (hashingKnown ??= projectHashesPasswords(model));
        const reported = new Set<AstNode>();
        const hit = (node: AstNode, shape: Shape, messageId: 'compare' | 'lookup' | 'lookupSql' | 'store' | 'storeSql', data: Record<string, string>) => {
          if (reported.has(node)) return;
          reported.add(node);
          report({ messageId, node, data, confidence: shape === 'store' ? 'medium' : 'high' });
        };
        for (const fn of fns) {
          // Every finding's code names a password: subtrees whose text does not are skipped, and a function is read
          // for its bindings only when one does.
          const spots = triggerSpots(file.text, fn.range[0], fn.range[1]);
          if (spots.length === 0) continue;
          let lazy: PasswordReader | undefined;
          walk(fn, (n) => {
            if (!mentions(spots, n.range[0], n.range[1])) return false;
            const reader = (lazy ??= new PasswordReader(fn));
            if (n.type === 'BinaryExpression' && /^[!=]==?$/.test(n.operator)) {
              const [typed, stored] = reader.typed(n.left) && reader.stored(n.right) ? [n.left, n.right] : reader.typed(n.right) && reader.stored(n.left) ? [n.right, n.left] : [];
              if (typed && stored) hit(n, 'compare', 'compare', { typed: code(typed), stored: code(stored) });
            }
            if (n.type === 'CallExpression') {
              const lookup = lookupOf(n, reader);
              if (lookup) hit(n, 'lookup', lookup.sql ? 'lookupSql' : 'lookup', { call: lookup.label });
              else {
                const write = writeOf(n, reader, hashingElsewhere);
                if (write) hit(n, 'store', write.sql ? 'storeSql' : 'store', { call: write.label });
              }
            }
            if (n.type === 'NewExpression' && n.callee.type === 'Identifier' && /^[A-Z]/.test(n.callee.name) && !NOT_A_DATABASE.test(n.callee.name) && projectModel(model, n.callee.name) && hasPasswordField(n.arguments[0] as AstNode, reader) && !hashingElsewhere()) {
              hit(n, 'store', 'store', { call: `new ${n.callee.name}(…)` });
            }
            // `user.password = newPassword` on a loaded record.
            if (n.type === 'AssignmentExpression' && n.operator === '=' && reader.stored(n.left) && bare((n.left as TSESTree.MemberExpression).object)?.type !== 'ThisExpression' && reader.typed(n.right) && !hashingElsewhere()) {
              hit(n, 'store', 'store', { call: `${code(n.left)} = …` });
            }
          });
        }
      },
    };
  },
});

const TRIGGER = /pass|pwd/gi;

/** Offsets of the rule's trigger within `[from, to)` of the text, in order. */
function triggerSpots(text: string, from: number, to: number): number[] {
  const out: number[] = [];
  for (const m of text.slice(from, to).matchAll(TRIGGER)) out.push(from + m.index);
  return out;
}

/** Whether one of the sorted offsets falls within `[start, end)`. */
function mentions(spots: readonly number[], start: number, end: number): boolean {
  let lo = 0;
  let hi = spots.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (spots[mid] < start) lo = mid + 1;
    else hi = mid;
  }
  return lo < spots.length && spots[lo] < end;
}

/** A query that looks a record up by the password as typed. */
function lookupOf(call: TSESTree.CallExpression, reader: PasswordReader): { label: string; sql?: boolean } | undefined {
  const m = methodName(call) ?? '';
  const args = call.arguments as AstNode[];
  if (LOOKUP.test(m)) {
    // `.eq('password', password)`, `.where('password', '==', password)`
    const key = staticString(args[0]);
    if (key !== undefined) {
      if (STORED_FIELD.test(key) && args.length >= 2 && reader.typed(args[args.length - 1])) return { label: `${calleeText(call)}('${key}', …)` };
    } else if (hasPasswordField(args[0], reader, true)) return { label: `${calleeText(call)}(…)` };
  }
  const sql = reader.text(args[0]);
  if (sql && SQL_LOOKUP.test(sql.text) && passesTyped(call, sql, reader)) return { label: `${calleeText(call)}(…)`, sql: true };
  return undefined;
}

/** A write of the password as typed into a record, in a project that never hashes one. */
function writeOf(call: TSESTree.CallExpression, reader: PasswordReader, hashingElsewhere: () => boolean): { label: string; sql?: boolean } | undefined {
  const sql = reader.text(call.arguments[0] as AstNode);
  if (sql && SQL_WRITE.test(sql.text) && passesTyped(call, sql, reader) && !hashingElsewhere()) return { label: `${calleeText(call)}(…)`, sql: true };
  const write = databaseWrite(call, (v) => hasPasswordField(v, reader));
  return write && !hashingElsewhere() ? { label: write.label } : undefined;
}

/** An object literal (or a filter's nested `where`) with a password key whose value is the password as typed. */
function hasPasswordField(node: AstNode | null | undefined, reader: PasswordReader, nested = false, depth = 0): boolean {
  const n = bare(node);
  if (depth > 3) return false;
  // `insert([{ email, password }])`, `$or: [{ … }]`
  if (n?.type === 'ArrayExpression') return n.elements.some((e) => e?.type === 'ObjectExpression' && hasPasswordField(e, reader, nested, depth + 1));
  if (n?.type !== 'ObjectExpression') return false;
  return n.properties.some((p) => {
    if (p.type !== 'Property') return false;
    const key = p.computed ? staticString(p.key as AstNode) : propertyName(p);
    if (key && STORED_FIELD.test(key) && reader.typed(p.value as AstNode)) return true;
    return nested && hasPasswordField(p.value as AstNode, reader, nested, depth + 1);
  });
}

interface SqlText {
  text: string;
  expressions: AstNode[];
}

function sqlText(node: AstNode | undefined): SqlText | undefined {
  const n = bare(node);
  if (n?.type === 'Literal' && typeof n.value === 'string') return { text: n.value, expressions: [] };
  if (n?.type === 'TemplateLiteral') return { text: n.quasis.map((q) => q.value.cooked ?? q.value.raw).join('${}'), expressions: n.expressions as AstNode[] };
  if (n?.type === 'TaggedTemplateExpression') return sqlText(n.quasi);
  return undefined;
}

/** The call's other arguments (or a parameter array) or the text's own interpolations hold the password as typed. */
function passesTyped(call: TSESTree.CallExpression, sql: SqlText, reader: PasswordReader): boolean {
  const values: AstNode[] = [...sql.expressions];
  for (const a of call.arguments.slice(1) as AstNode[]) {
    const v = bare(a);
    if (v?.type === 'ArrayExpression') values.push(...(v.elements.filter((e) => e && e.type !== 'SpreadElement') as AstNode[]));
    else if (v) values.push(v);
  }
  return values.some((v) => reader.typed(v));
}

function calleeText(call: TSESTree.CallExpression): string {
  return chainLabel(call.callee);
}

function code(node: AstNode): string {
  const n = unwrapText(node) ?? node;
  if (n.type === 'CallExpression') return `${memberPath(n.callee) ?? 'get'}(…)`;
  return memberPath(n) ?? (n.type === 'Identifier' ? n.name : '…');
}
