import { isScript } from '../../classify/types.js';
import { escapeRegExp } from '../../engine/escape-regexp.js';
import { defineFileFact } from '../../model/facts.js';

/** A project function or method that writes one of its parameters whole into a record. */
export interface HelperWrite {
  param: number;
  /** The table or model it writes, when the write names one (`db.insert(users)`, `User.create`). */
  model?: string;
}

/** The values of a write: one name, or its spread among named keys (`{ id: randomUUID(), ...data }`). */
const VALUES = String.raw`(?:\{\s*(?:[\w$]+\s*(?::[^,{}()]+(?:\([^()]*\))?)?,\s*)*\.\.\.\s*)?([A-Za-z_$][\w$]*)\s*[,)}]`;
/** Classes whose `create` or constructor is no database's. */
const NOT_MODELS = /^(?:Object|Array|Promise|Reflect|Map|Set|WeakMap|Date|JSON|Math|Buffer|URL|URLSearchParams|Error|\w+Error|Symbol|Proxy|Intl|Number|String|Boolean|Response|Request|Headers|FormData|Blob|File|Stripe|OpenAI|Anthropic|Resend|TextEncoder|TextDecoder|RegExp|Function|AbortController|EventEmitter)$/;
/**
 * Writes whose values are one name (or its spread), with the model they name: Drizzle's `insert(users).values(user)`
 * and `update(t).set(data)`, `User.create(data)` and `new User(data)`, Prisma's `create({ data })`, Supabase's
 * `.from('posts').insert(post)`, MongoDB's `insertOne(doc)`.
 */
const WHOLE_WRITES: readonly RegExp[] = [
  new RegExp(String.raw`\b(?:insert|update)\(\s*([\w$.]+)\s*\)\s*\.(?:values|set)\(\s*${VALUES}`, 'g'),
  new RegExp(String.raw`\b([A-Z][\w$]*)\s*\.\s*(?:create|insertMany|bulkCreate|build)\(\s*${VALUES}`, 'g'),
  new RegExp(String.raw`\bnew\s+([A-Z][\w$]*)\(\s*${VALUES}`, 'g'),
  new RegExp(String.raw`\.([a-z][\w$]*)\s*\.\s*(?:create|update|upsert)\(\s*\{[^{}]*?\bdata\s*:\s*${VALUES}`, 'g'),
  new RegExp(String.raw`\.from\(\s*['"]([\w.]+)['"]\s*\)\s*\.(?:insert|upsert|update)\(\s*${VALUES}`, 'g'),
  new RegExp(String.raw`\b([A-Za-z_$][\w$]*)\s*\.\s*(?:insertOne|insertMany)\(\s*${VALUES}`, 'g'),
];
/** A record put in a store the class keeps: `this.users.set(id, user)`. */
const MAP_SET = /\bthis\.([A-Za-z_$][\w$]*)\.set\([^,()]+,\s*([A-Za-z_$][\w$]*)\s*\)/g;
/**
 * A function's or method's head: `async createUser(user: InsertUser): Promise<User> {`, `function save(data) {`,
 * `export const add = async (item) => {`, `addItem: async (item) => {`.
 */
const HEAD = /(?:\bfunction\s+([A-Za-z_$][\w$]*)\s*|\b([A-Za-z_$][\w$]*)\s*[=:]\s*(?:async\s+)?(?:function\s*)?|(?:^|[\s;{}])(?:(?:public|private|protected|static|async)\s+)*([A-Za-z_$][\w$]*)\s*)(?:<[^<>()]*>\s*)?\(([^()]*)\)\s*(?::[^{=;]{1,200})?(?:=>\s*)?\{/g;
const NOT_NAMES = /^(?:if|for|while|switch|catch|with|return|function|async|await|new|typeof|else|do|try)$/;
/** Database methods the rule reads as writes already: a project method of that name would be counted twice. */
const DATABASE_METHOD = /^(?:create|insert|insertOne|insertMany|update|updateOne|updateMany|upsert|save|set|values|build|bulkCreate|merge|replaceOne|findByIdAndUpdate|findOneAndUpdate)$/;

/**
 * Project functions and methods that write a parameter whole, by name: a storage layer's `createUser(user)` that
 * runs `db.insert(users).values(user)`, a model file's `addItem(data)` that runs `new Item(data).save()`. A route
 * that passes them the request body writes it whole as surely as if it made the call itself. Read from the text of
 * server files (the functions of other files have no syntax tree when a file is checked): the head nearest before a
 * write is taken as its function.
 */
export const helperWholeWrites = defineFileFact(
  'helper whole writes',
  (file): Record<string, HelperWrite> | undefined => {
    if (!isScript(file.language) || file.role !== 'server' || file.buildOutput) return undefined;
    const text = file.text;
    if (!/\.(?:values|create|insert|insertOne|insertMany|set|upsert|bulkCreate|build)\(|\bnew\s+[A-Z]/.test(text)) return undefined;
    let out: Record<string, HelperWrite> | undefined;
    for (const m of WHOLE_WRITES.flatMap((re) => [...text.matchAll(re)])) {
      const [, model, name] = m;
      if (NOT_MODELS.test(model)) continue;
      const head = headBefore(text, m.index!);
      if (!head || DATABASE_METHOD.test(head.name)) continue;
      const param = head.params.indexOf(name);
      if (param >= 0) (out ??= {})[head.name] ??= { param, ...(model ? { model: model.split('.').pop() } : {}) };
    }
    // An in-memory store (Replit's `MemStorage`): `const user = { ...insertUser, id }; this.users.set(id, user)`.
    if (text.includes('this.')) {
      for (const m of text.matchAll(MAP_SET)) {
        const [, model, name] = m;
        const head = headBefore(text, m.index);
        if (!head || DATABASE_METHOD.test(head.name)) continue;
        let param = head.params.indexOf(name);
        if (param < 0) {
          const made = new RegExp(String.raw`\b(?:const|let)\s+${escapeRegExp(name)}\s*(?::[^=;]{1,200})?=\s*${VALUES}`).exec(text.slice(head.at, m.index));
          param = made ? head.params.indexOf(made[1]) : -1;
        }
        if (param >= 0) (out ??= {})[head.name] ??= { param, model };
      }
    }
    return out;
  },
  (parts): Map<string, HelperWrite> => {
    const out = new Map<string, HelperWrite>();
    for (const [, writes] of parts) for (const [name, w] of Object.entries(writes)) if (!out.has(name)) out.set(name, w);
    return out;
  },
);

/** The function head nearest before `at` (within 4,000 characters): its name, parameter names and where its body starts. */
function headBefore(text: string, at: number): { name: string; params: string[]; at: number } | undefined {
  const from = Math.max(0, at - 4000);
  const window = text.slice(from, at);
  let last: RegExpExecArray | undefined;
  HEAD.lastIndex = 0;
  for (let m = HEAD.exec(window); m; m = HEAD.exec(window)) {
    const name = m[1] ?? m[2] ?? m[3];
    if (name && !NOT_NAMES.test(name)) last = m;
  }
  if (!last) return undefined;
  const params = last[4].split(',').map((p) => /^\s*(?:\.\.\.)?([A-Za-z_$][\w$]*)/.exec(p)?.[1] ?? '');
  return { name: (last[1] ?? last[2] ?? last[3])!, params, at: from + last.index + last[0].length };
}
