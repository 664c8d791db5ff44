import { isScript } from '../../classify/types.js';
import { defineFileFact, defineProjectFact } from '../../model/facts.js';
import type { ProjectModel, SourceFile } from '../../model/types.js';
import { escapeRegExp } from '../../engine/escape-regexp.js';
import { modelKey } from '../../model/model-key.js';

export { modelKey };

/** The columns of one database model, as declared in the project. */
export interface ModelInfo {
  name: string;
  file: string;
  fields: Set<string>;
  /** Fields the ORM leaves out of reads by default (Mongoose `select: false`). */
  hidden: Set<string>;
  /** The model serialises itself through a transform (`toJSON`), so returning a row does not return every field. */
  transformed: boolean;
  /** Prisma relation fields, by name, to the model they hold (`author` → `User`). */
  relations?: Map<string, string>;
}

/** Fields that grant rights or money when a client can set them. */
export const PRIVILEGED_FIELD = /^(?:roles?|user_?role|account_?type|user_?type|is_?admin|admin|is_?staff|staff|is_?moderator|is_?superuser|superuser|is_?super_?admin|permissions?|scopes?|balance|credits?|credit_?balance|credits?_?(?:remaining|left|available)|(?:remaining|available)_?credits|plan|tier|subscription(?:_?(?:status|tier|plan))?|is_?subscribed|is_?verified|verified|email_?verified(?:_?at)?|is_?premium|premium|is_?pro|password(?:_?hash)?|hashed_?password|owner|owner_?id|user_?id|author_?id|created_?by|tenant_?id|org(?:anization)?_?id|account_?id|stripe_?customer_?id|is_?approved|approved|is_?banned|banned|quota|points|(?:xp|reward|loyalty|bonus|total)_?points|xp|coins?|gems?|tokens?_?balance|wallet(?:_?balance)?|payment_?status|is_?paid|paid|amount_?paid)$/i;
/** Privileged fields that say whose row it is or hold a password (other rules' findings), not what a user may do. */
const NOT_A_GRANT = /^(?:owner|owner_?id|user_?id|author_?id|created_?by|tenant_?id|org(?:anization)?_?id|account_?id|password(?:_?hash)?|hashed_?password)$/i;
/** Names of one id (`id`, `_id`, `userId`, `insertID`, `user_id`): an id, never a record. */
export const ID_NAME = /^(?:_?id|[a-z][a-zA-Z0-9]*(?:Id|ID)|[a-z0-9_]+_id)$/;
/** Shared catalogue data that nobody owns: products, plans, categories, courses and the like. */
export const CATALOGUE = /^(?:products?|plans?|prices?|categor(?:y|ies)|tags?|countr(?:y|ies)|currenc(?:y|ies)|languages?|features?|faqs?|templates?|courses?|lessons?|problems?|exercises?)$/i;

/** Rights, as opposed to money or standing: in a column, or in a policy condition (`has_role(auth.uid(), 'admin')`). */
export const RIGHTS = /admin|role|staff|moderator|superuser|permission|scope|account_?type|user_?type/i;

/** A column that grants rights, money or standing when users set it on their own row (`role`, `is_admin`, `credits`, `plan`). */
export function isGrantColumn(column: string): boolean {
  return PRIVILEGED_FIELD.test(column) && !NOT_A_GRANT.test(column);
}

/** Fields whose values are secrets: returning them leaks credentials. */
export const SECRET_FIELD = /^(?:password(?:_?hash|_?digest)?|hashed_?password|pass_?hash|encrypted_?password|salt|token|tokens|(?:access|refresh|reset|reset_?password|verification|verify|session|auth|api|confirm(?:ation)?|invite|magic|id|remember)_?token|(?:lost|forgot|reset)_?password_?(?:hash|token|code)|(?:api|secret|private)_?key|secret|client_?secret|otp(?:_?secret|_?code)?|mfa_?secret|totp_?secret|two_?factor_?secret|recovery_?codes?)$/i;


/** Every model the project declares (Mongoose, Prisma, Drizzle, Sequelize, TypeORM, SQL migrations), by `modelKey`. */
export const projectModels = defineFileFact(
  'database-models',
  (file): Map<string, ModelInfo> | undefined => {
    const out = new Map<string, ModelInfo>();
    if (file.path.endsWith('.prisma')) prismaModels(file, out);
    else if (file.language === 'sql') sqlTables(file, out);
    else if (isScript(file.language) && file.role !== 'test' && file.role !== 'build-output' && /Schema|Table|@Entity|\.define|\.init/.test(file.text)) textModels(file, out);
    return out.size ? out : undefined;
  },
  (parts): Map<string, ModelInfo> => {
    // Merged in path order as if read in one pass: the first file to declare a model names it.
    const out = new Map<string, ModelInfo>();
    for (const [, models] of parts) {
      for (const info of models.values()) {
        add(out, info.name, info.file, info.fields, info.hidden, info.transformed);
        if (info.relations) for (const [field, to] of info.relations) (out.get(modelKey(info.name))!.relations ??= new Map()).set(field, to);
      }
    }
    return out;
  },
);

/**
 * The model a name stands for (by `modelKey`: `User`, `users`, `UserSchema`), if the project declares one. A fact
 * of its own per model: a migration or schema that adds another table keeps the results of files that never
 * name it.
 */
export function projectModel(model: ProjectModel, name: string): ModelInfo | undefined {
  return modelByKey(model, modelKey(name));
}

const modelByKey = defineProjectFact('database model', (model, key) => projectModels(model).get(key));

function add(out: Map<string, ModelInfo>, name: string, file: string, fields: Iterable<string>, hidden: Iterable<string> = [], transformed = false): void {
  const key = modelKey(name);
  const existing = out.get(key);
  if (existing) {
    for (const f of fields) existing.fields.add(f);
    for (const h of hidden) existing.hidden.add(h);
    existing.transformed ||= transformed;
  } else out.set(key, { name, file, fields: new Set(fields), hidden: new Set(hidden), transformed });
}

function prismaModels(file: SourceFile, out: Map<string, ModelInfo>): void {
  const models = [...file.text.matchAll(/^\s*model\s+(\w+)\s*\{([^}]*)\}/gm)];
  const names = new Set(models.map((m) => m[1]));
  for (const m of models) {
    const fields = [...m[2].matchAll(/^\s*(\w+)\s+\w/gm)].map((f) => f[1]);
    add(out, m[1], file.path, fields);
    // `author User @relation(…)`, `posts Post[]`: fields whose type is another model of the schema.
    for (const r of m[2].matchAll(/^\s*(\w+)\s+(\w+)(?:\[\])?\??(?=\s|$)/gm)) {
      if (names.has(r[2])) (out.get(modelKey(m[1]))!.relations ??= new Map()).set(r[1], r[2]);
    }
  }
}

function sqlTables(file: SourceFile, out: Map<string, ModelInfo>): void {
  for (const m of file.text.matchAll(/create\s+table\s+(?:if\s+not\s+exists\s+)?(?:"?\w+"?\.)?"?(\w+)"?\s*\(([\s\S]*?)\);/gi)) {
    const fields = m[2].split(/,\s*\n/).map((line) => /^\s*"?(\w+)"?\s+\w/.exec(line)?.[1]).filter((f): f is string => !!f && !/^(?:constraint|primary|unique|foreign|check)$/i.test(f));
    add(out, m[1], file.path, fields);
  }
}

interface ObjectKeys {
  fields: string[];
  hidden: string[];
  /** Offset just after the closing brace. */
  end: number;
}

/**
 * Top-level keys of the object literal whose `{` is at `open`, read from the text. ASTs are dropped once a
 * file is processed, so a project-wide index of models has to work from text; a small scanner that skips
 * strings, comments and nested brackets is enough for schema declarations.
 */
export function objectKeys(text: string, open: number): ObjectKeys {
  const fields: string[] = [];
  const hidden: string[] = [];
  let depth = 0;
  let i = open;
  let expectKey = false;
  let current: string | undefined;
  let valueStart = 0;
  const closeValue = (at: number) => {
    if (current && /\bselect\s*:\s*false\b/.test(text.slice(valueStart, at))) hidden.push(current);
    current = undefined;
  };
  for (; i < text.length; i++) {
    const ch = text[i];
    if (ch === '"' || ch === "'" || ch === '`') {
      const q = ch;
      const startStr = i;
      for (i++; i < text.length && text[i] !== q; i++) if (text[i] === '\\') i++;
      if (depth === 1 && expectKey && /^\s*:/.test(text.slice(i + 1))) {
        current = text.slice(startStr + 1, i);
        fields.push(current);
        valueStart = i + 1;
        expectKey = false;
      }
      continue;
    }
    if (ch === '/' && text[i + 1] === '/') {
      i = text.indexOf('\n', i);
      if (i < 0) break;
      continue;
    }
    if (ch === '/' && text[i + 1] === '*') {
      i = text.indexOf('*/', i + 2) + 1;
      if (i <= 0) break;
      continue;
    }
    if (ch === '{' || ch === '[' || ch === '(') {
      depth++;
      if (depth === 1) expectKey = true;
      continue;
    }
    if (ch === '}' || ch === ']' || ch === ')') {
      depth--;
      if (depth === 0) {
        closeValue(i);
        return { fields, hidden, end: i + 1 };
      }
      continue;
    }
    if (depth === 1 && ch === ',') {
      closeValue(i);
      expectKey = true;
      continue;
    }
    if (depth === 1 && expectKey && /[A-Za-z_$]/.test(ch)) {
      const m = /^[A-Za-z_$][\w$]*/.exec(text.slice(i, i + 100))!;
      const after = text.slice(i + m[0].length, i + m[0].length + 50);
      if (/^\s*[:,}]/.test(after) || /^\s*\(/.test(after)) {
        if (!/^\s*\(/.test(after)) {
          current = m[0];
          fields.push(current);
          valueStart = i + m[0].length;
        }
        expectKey = false;
      }
      i += m[0].length - 1;
    }
  }
  return { fields, hidden, end: text.length };
}

/** `new Schema({…})`, `new mongoose.Schema({…})`, and `mongoose.Schema({…})` without `new` (which Mongoose allows). */
const MONGOOSE_SCHEMA = /(?:(?:const|let|var)\s+(\w+)\s*(?::[^=]*)?=\s*)?(?:new\s+(?:mongoose\.)?|\bmongoose\.)Schema\s*(?:<[^>]*>\s*)?\(\s*\{/g;
const MONGOOSE_MODEL = /\bmodel\s*(?:<[^>]*>)?\(\s*['"](\w+)['"]\s*,\s*(\w+)/g;
const DRIZZLE_TABLE = /(?:(?:const|let|var)\s+(\w+)\s*=\s*)?(?:pg|mysql|sqlite)Table\s*\(\s*['"](\w+)['"]\s*,\s*\{/g;
const DRIZZLE_CREATOR = /(?:const|let|var)\s+(\w+)\s*=\s*(?:pg|mysql|sqlite)TableCreator\s*\(/g;
const CONVEX_TABLE = /(?:\b(\w+)\s*:\s*|(?:const|let)\s+(\w+)\s*=\s*)defineTable\s*\(\s*\{/g;
const SEQUELIZE_DEFINE = /\.define\s*\(\s*['"](\w+)['"]\s*,\s*\{/g;
const SEQUELIZE_INIT = /\b([A-Z]\w*)\.init\s*\(\s*\{/g;
const TYPEORM_ENTITY = /@Entity\s*\([^)]*\)\s*(?:export\s+)?(?:default\s+)?class\s+(\w+)(?:[^\w{][^{]*)?\{/g;
const TYPEORM_COLUMN = /@\w*Column\s*\(([^)]*)\)\s*(?:(?:public|private|protected|readonly|declare)\s+)*(\w+)/g;

/**
 * What every match of a pattern below contains, looked for first: the patterns that start with an optional
 * declaration are tried at every position of the text, and some files that mention a schema are megabytes of bundle.
 */
const SCHEMA_CALL = /Schema\s*(?:<[^>]*>\s*)?\(\s*\{/;
const hasDrizzleTable = (text: string) => text.includes('pgTable') || text.includes('mysqlTable') || text.includes('sqliteTable');

function textModels(file: SourceFile, out: Map<string, ModelInfo>): void {
  const text = file.text;
  const schemas = new Map<string, { fields: string[]; hidden: string[]; transformed: boolean }>();
  for (const m of SCHEMA_CALL.test(text) ? text.matchAll(MONGOOSE_SCHEMA) : []) {
    const keys = objectKeys(text, m.index! + m[0].length - 1);
    const options = text.slice(keys.end, keys.end + 400).split(/\)\s*;/)[0];
    const name = m[1] ?? `schema${schemas.size}`;
    const transformed = /\btoJSON\b|\btoObject\b/.test(options) || new RegExp(`\\b${escapeRegExp(name)}\\.(?:set\\(\\s*['"]toJSON|methods\\.toJSON|options\\.toJSON)`).test(text);
    schemas.set(name, { fields: keys.fields, hidden: keys.hidden, transformed });
    // `mongoose.model('User', new Schema({…}))`
    const inline = /\bmodel\s*(?:<[^>]*>)?\(\s*['"](\w+)['"]\s*,\s*$/.exec(text.slice(Math.max(0, m.index! - 80), m.index!));
    if (inline) add(out, inline[1], file.path, keys.fields, keys.hidden, transformed);
  }
  const linked = new Set<string>();
  for (const m of text.matchAll(MONGOOSE_MODEL)) {
    const s = schemas.get(m[2]);
    if (!s) continue;
    linked.add(m[2]);
    add(out, m[1], file.path, s.fields, s.hidden, s.transformed);
  }
  for (const [name, s] of schemas) if (!linked.has(name) && !name.startsWith('schema')) add(out, name, file.path, s.fields, s.hidden, s.transformed);
  for (const m of hasDrizzleTable(text) ? text.matchAll(DRIZZLE_TABLE) : []) {
    const { fields } = objectKeys(text, m.index! + m[0].length - 1);
    add(out, m[2], file.path, fields);
    if (m[1]) add(out, m[1], file.path, fields);
  }
  // Tables made by a table creator (create-t3-app's `createTable = pgTableCreator((name) => \`app_${name}\`)`).
  for (const c of text.includes('TableCreator') ? text.matchAll(DRIZZLE_CREATOR) : []) {
    for (const m of text.matchAll(new RegExp(String.raw`(?:(?:const|let|var)\s+(\w+)\s*=\s*)?\b${c[1]}\s*\(\s*['"](\w+)['"]\s*,\s*\{`, 'g'))) {
      const { fields } = objectKeys(text, m.index! + m[0].length - 1);
      add(out, m[2], file.path, fields);
      if (m[1]) add(out, m[1], file.path, fields);
    }
  }
  // Convex: `defineSchema({ tasks: defineTable({ text: v.string(), userId: v.id('users') }) })`, or a table kept in
  // a constant first (`const users = defineTable({…})`).
  if (text.includes('defineTable')) {
    for (const m of text.matchAll(CONVEX_TABLE)) add(out, m[1] ?? m[2], file.path, objectKeys(text, m.index! + m[0].length - 1).fields);
  }
  for (const m of text.matchAll(SEQUELIZE_DEFINE)) add(out, m[1], file.path, objectKeys(text, m.index! + m[0].length - 1).fields);
  for (const m of text.includes('.init') ? text.matchAll(SEQUELIZE_INIT) : []) add(out, m[1], file.path, objectKeys(text, m.index! + m[0].length - 1).fields);
  for (const m of text.matchAll(TYPEORM_ENTITY)) {
    const open = m.index! + m[0].length - 1;
    const body = text.slice(open, objectKeys(text, open).end);
    const fields: string[] = [];
    const hidden: string[] = [];
    for (const c of body.matchAll(TYPEORM_COLUMN)) {
      fields.push(c[2]);
      if (/\bselect\s*:\s*false\b/.test(c[1])) hidden.push(c[2]);
    }
    add(out, m[1], file.path, fields, hidden, /@Exclude\s*\(/.test(body));
  }
}

/** Fields of `info` matching `re` that a read returns, in declaration order. */
export function matchingFields(info: ModelInfo | undefined, re: RegExp, includeHidden = true): string[] {
  if (!info) return [];
  return [...info.fields].filter((f) => re.test(f) && (includeHidden || !info.hidden.has(f)));
}
