import { expandCondition, shortCondition } from '../../firebase/conditions.js';
import type { SecurityRules } from '../../firebase/types.js';
import { offsetToPosition } from '../../engine/make-finding.js';
import { defineTextRule } from '../../engine/rule.js';
import type { SourceFile } from '../../model/types.js';
import { allAllows, allMatchBlocks, displayPath, literalSegments } from './firebase-paths.js';
import { firestoreHeldFields, type HeldField } from './firestore-held-fields.js';
import { RIGHTS } from './model-fields.js';
import { escapeRegExp } from '../../engine/escape-regexp.js';

/** The caller's own document: `/databases/$(database)/documents/users/$(request.auth.uid)`. */
const OWN_DOC = /\/databases\/\$\(database\)\/documents\/(\w+)\/\$\(request\.auth\.uid\)/;

/** A field the rules read from the caller's own document to decide access, with where. */
interface TrustedField {
  collection: string;
  field: string;
  line: number;
  /** The text that reads it, shortened. */
  read: string;
}

/**
 * Firestore rules that grant access by a field of the caller's own user document (`get(/…/users/$(request.auth.uid))
 * .data.role == 'admin'`, through a helper such as `getUserData().role`), while the same rules let users write
 * that document themselves (`allow update: if request.auth.uid == userId`) with nothing keeping the field as it
 * was: one write from the browser makes a user an admin, or moves them into another tenant.
 */
export const firebaseRulesPrivilegedFieldSelfUpdate = defineTextRule({
  id: 'firebase-rules-privileged-field-self-update',
  messageIds: ['selfWrite', 'heldField', 'grantCollection'],
  appliesTo: { roles: ['config'] },
  check({ file, model, report }) {
    const rules = file.securityRules;
    if (!rules || (rules.service && rules.service !== 'cloud.firestore')) return;
    const trusted = /\bget\s*\(/.test(file.text) ? trustedFields(rules, file) : [];
    // The grant fields the app's code keeps in the documents (`credits`, `role`, `plan`), which the rules may never read.
    const held = firestoreHeldFields(model);
    if (trusted.length === 0 && held.length === 0 && !GRANT_COLLECTION.test(file.text)) return;
    for (const allow of allAllows(rules)) {
      if (allow.condition === undefined || !allow.methods.some((m) => m === 'update' || m === 'create' || m === 'write')) continue;
      const collection = literalSegments(allow.match.fullPath).pop();
      const wildcard = allow.match.path.match(/\{(\w+)\}$/)?.[1];
      const fields = trusted.filter((t) => t.collection === collection);
      const heldHere = held.filter((h) => h.collection === collection && !fields.some((t) => t.field === h.field));
      const grants = fields.length === 0 && heldHere.length === 0 && GRANT_COLLECTION.test(collection ?? '');
      if (!wildcard || (fields.length === 0 && heldHere.length === 0 && !grants) || allow.match.recursive) continue;
      const expanded = expandCondition(allow.condition, allow.match, rules.functions);
      // The document's owner may write it: `request.auth.uid == userId`, also as a function's argument, which
      // inlining puts in parentheses (`isOwner(userId)` is `request.auth.uid == (userId)`).
      const w = escapeRegExp(wildcard);
      const owner = new RegExp(`request\\.auth\\.uid\\s*==\\s*(?:\\(\\s*)?${w}\\b|(?<![\\w.])(?:\\(\\s*)?${w}(?:\\s*\\))?\\s*==\\s*request\\.auth\\.uid`).test(expanded);
      if (!owner) continue;
      // A collection that is itself a grant (`user_credits/{userId}`, `subscriptions/{uid}`), written by its owner with
      // nothing said about what the new document holds.
      if (grants) {
        if (/request\.resource\.data/.test(expanded)) continue;
        report({
          messageId: 'grantCollection',
          data: { methods: allow.methods.join(', '), path: displayPath(allow.match), condition: shortCondition(allow.condition), collection: collection!, write: allow.methods.every((m) => m === 'create') ? 'setDoc' : 'updateDoc' },
          offsets: { start: allow.start, end: allow.end },
          severity: 'high',
        });
        continue;
      }
      // Rights first: they are what the finding is about when both kinds are open. Fields the rules trust come before
      // those the code only keeps in the document.
      const byRights = (x: { field: string }, y: { field: string }) => Number(RIGHTS.test(y.field)) - Number(RIGHTS.test(x.field));
      const trustedOpen = fields.filter((f) => !pinned(expanded, f.field)).sort(byRights);
      const open: (TrustedField | HeldField)[] = trustedOpen.length ? trustedOpen : heldHere.filter((h) => !pinned(expanded, h.field)).sort(byRights);
      if (open.length === 0) continue;
      const first = open[0];
      const rights = open.some((f) => RIGHTS.test(f.field));
      const trustedBy = 'read' in first ? first : undefined;
      report({
        messageId: trustedBy ? 'selfWrite' : 'heldField',
        data: {
          methods: allow.methods.join(', '),
          path: displayPath(allow.match),
          condition: shortCondition(allow.condition),
          fields: [...new Set(open.map((f) => `\`${f.field}\``))].join(', '),
          field: first.field,
          write: allow.methods.every((m) => m === 'create') ? 'setDoc' : 'updateDoc',
          collection: collection!,
          ...(trustedBy
            ? { read: trustedBy.read, line: String(trustedBy.line), gain: rights ? 'the rights that value grants, an admin role included' : 'access to whatever that value opens, another team or tenant included' }
            : { where: `${(first as HeldField).file}:${first.line}`, gain: rights ? 'an admin role or whatever rights it holds' : 'as many credits, or as good a plan, as they like' }),
        },
        offsets: { start: allow.start, end: allow.end },
        severity: rights ? 'critical' : 'high',
      });
    }
  },
});

/** Collections whose documents are a user's credits, balance or plan, by their name: `user_credits`, `wallets`, `subscriptions`. */
const GRANT_COLLECTION = /(?:^|_|\b)(?:credits?|wallets?|balances?|subscriptions?|entitlements?|quotas?|coins|points)\b/i;

/**
 * Fields read from the caller's own document: `get(/…/users/$(request.auth.uid)).data.role`, or through a function
 * that returns that document's data (`getUserData().role`, `'role' in getUserData()`).
 */
function trustedFields(rules: SecurityRules, file: SourceFile): TrustedField[] {
  const out: TrustedField[] = [];
  const text = file.text;
  const add = (collection: string, field: string, at: number, read: string) => {
    if (field !== 'data' && !out.some((t) => t.collection === collection && t.field === field)) out.push({ collection, field, line: offsetToPosition(file, at).line, read: shortCondition(read) });
  };
  // Functions returning the caller's own document (or its data), by name; or any user's, called with the caller's
  // id (`function userDoc(uid) { return get(/…/users/$(uid)); }` read as `userDoc(request.auth.uid).data.role`).
  const accessors = new Map<string, { collection: string; data: boolean; args: string }>();
  for (const f of [...rules.functions, ...allMatchBlocks(rules).flatMap((b) => b.functions)]) {
    if (!/\bget\s*\(/.test(f.body)) continue;
    const doc = OWN_DOC.exec(f.body);
    const data = /\)\s*\.data\b/.test(f.body);
    if (doc) accessors.set(f.name, { collection: doc[1], data, args: '' });
    else if (f.params.length === 1) {
      const byParam = new RegExp(String.raw`\/databases\/\$\(database\)\/documents\/(\w+)\/\$\(\s*${escapeRegExp(f.params[0])}\s*\)`).exec(f.body);
      if (byParam) accessors.set(f.name, { collection: byParam[1], data, args: String.raw`request\.auth\.uid\s*` });
    }
  }
  const direct = /get\(\s*\/databases\/\$\(database\)\/documents\/(\w+)\/\$\(request\.auth\.uid\)\s*\)\s*\.data\s*(?:\.(\w+)|\[\s*['"](\w+)['"]\s*\])/g;
  for (const m of text.matchAll(direct)) add(m[1], m[2] ?? m[3], m.index, m[0]);
  for (const [name, { collection, data, args }] of accessors) {
    const member = data ? '' : String.raw`\s*\.data`;
    // Reads of the value first (`getUserData().role == 'admin'`), then tests that it is there (`'role' in getUserData()`).
    const read = new RegExp(String.raw`\b${escapeRegExp(name)}\(\s*${args}\)${member}\s*(?:\.(\w+)|\[\s*['"](\w+)['"]\s*\])`, 'g');
    for (const m of text.matchAll(read)) add(collection, m[1] ?? m[2], m.index, m[0]);
    for (const m of text.matchAll(new RegExp(String.raw`['"](\w+)['"]\s+in\s+${escapeRegExp(name)}\(\s*${args}\)${member}`, 'g'))) add(collection, m[1], m.index, m[0]);
  }
  return out;
}

/**
 * The write keeps the field as it was or limits what may change: `request.resource.data.role == resource.data.role`,
 * `!request.resource.data.diff(resource.data).affectedKeys().hasAny(['role'])`, `…affectedKeys().hasOnly(['name'])`,
 * `request.resource.data.keys().hasOnly([…])`.
 */
function pinned(expanded: string, field: string): boolean {
  if (/\.(?:affectedKeys|keys)\(\)\s*\.hasOnly\(/.test(expanded)) return true;
  const f = escapeRegExp(field);
  const named = new RegExp(String.raw`request\.resource\.data\s*(?:\.${f}\b|\[\s*['"]${f}['"]\s*\])|affectedKeys\(\)\s*\.has(?:Any|All)\(\s*\[[^\]]*['"]${f}['"]`);
  return named.test(expanded);
}
