import { isScript } from '../../classify/types.js';
import { escapeRegExp } from '../../engine/escape-regexp.js';
import { offsetToPosition } from '../../engine/make-finding.js';
import { defineFileFact } from '../../model/facts.js';
import type { SourceFile } from '../../model/types.js';
import { isGrantColumn, objectKeys } from './model-fields.js';

/** A field that grants rights or money, written into a collection's documents by the project's code. */
export interface HeldField {
  collection: string;
  field: string;
  file: string;
  line: number;
}

/** Grant columns that are not rights or money on the user's own document: ids, who made it, states others decide. */
const NOT_HELD = /(?:^|_)id$|[a-z]Id$|(?:^|_)by$|[a-z]By$|^owner$|verified|password|approved|banned|payment_?status|amount_?paid/i;

/** `db.collection('users').doc(uid).set({`, `.update({`, and the modular `setDoc(doc(db, 'users', uid), {`. */
const DIRECT = /\.collection\(\s*['"`](\w+)['"`]\s*\)\s*\.doc\([^;{}]{0,200}?\)\s*\.(?:set|update|create)\(\s*\{|\b(?:setDoc|updateDoc)\(\s*doc\(\s*[\w.]+\s*,\s*['"`](\w+)['"`][^;{}]{0,200}?\)\s*,\s*\{/g;
/** A document reference kept in a local: `const userRef = db.collection('users').doc(uid)`, `doc(db, 'users', uid)`, `db.doc(\`users/${uid}\`)`. */
const REF = /\b(?:const|let|var)\s+(\w+)\s*=\s*(?:[\w.]+(?:\(\))?\.collection\(\s*['"`](\w+)['"`]\s*\)\s*\.doc\(|doc\(\s*[\w.]+\s*,\s*['"`](\w+)['"`]|[\w.]+(?:\(\))?\.doc\(\s*['"`](\w+)\/)/g;

/**
 * The grant fields (`role`, `credits`, `plan`, `isPremium`) the project's code writes into each Firestore collection's
 * documents: what a user's own document holds, which rules letting its owner write it must keep as they were.
 */
export const firestoreHeldFields = defineFileFact(
  'firestore fields the code writes',
  (f: SourceFile): HeldField[] | undefined => {
    if (!isScript(f.language) || f.role === 'test' || f.role === 'build-output' || !/\b(?:set|update|setDoc|updateDoc|create)\(/.test(f.text) || !/\bdoc\(|\.doc\(|collection\(/.test(f.text)) return undefined;
    const out: HeldField[] = [];
    const text = f.text;
    const add = (collection: string, open: number) => {
      // (A dotted key names a field inside one: `'credits.wallet'` is `credits`.)
      for (const key of objectKeys(text, open).fields) {
        const field = key.split('.')[0];
        if (isGrantColumn(field) && !NOT_HELD.test(field) && !out.some((h) => h.collection === collection && h.field === field)) out.push({ collection, field, file: f.path, line: offsetToPosition(f, open).line });
      }
    };
    for (const m of text.matchAll(DIRECT)) add(m[1] ?? m[2], m.index + m[0].length - 1);
    for (const m of text.matchAll(REF)) {
      const name = escapeRegExp(m[1]);
      const collection = m[2] ?? m[3] ?? m[4];
      // Its writes: `userRef.update({`, `updateDoc(userRef, {`, a transaction's or batch's `t.set(userRef, {`.
      const writes = new RegExp(String.raw`\b${name}\.(?:set|update)\(\s*\{|\b(?:setDoc|updateDoc)\(\s*${name}\s*,\s*\{|\.(?:set|update)\(\s*${name}\s*,\s*\{`, 'g');
      // Looked for in the lines after the declaration (a handler's own), not the rest of the file for every reference.
      const near = text.slice(m.index, m.index + 6000);
      for (const w of near.matchAll(writes)) add(collection, m.index + w.index + w[0].length - 1);
    }
    return out.length ? out : undefined;
  },
  (parts) => parts.flatMap(([, held]) => held),
);
