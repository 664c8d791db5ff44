import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { staticString } from '../../engine/ast-utils.js';
import { expandCondition, isAlwaysTrue, signedInOnly, testModeExpiry } from '../../firebase/conditions.js';
import type { AllowStatement } from '../../firebase/types.js';
import { defineProjectFact } from '../../model/facts.js';
import type { ProjectModel, SourceFile } from '../../model/types.js';
import type { AstNode } from '../../parse/types.js';
import { allAllows, pathKind, type PathKind } from './firebase-paths.js';

/** Firestore modular API calls and the rules method each needs. */
export const FIRESTORE_CALLS: Record<string, string> = { setDoc: 'create', updateDoc: 'update', deleteDoc: 'delete', addDoc: 'create', getDoc: 'get', getDocs: 'list' };
const METHOD_GROUP: Record<string, string> = { create: 'write', update: 'write', delete: 'write', get: 'read', list: 'read' };

/** `doc(db, 'users', uid, 'notes', id)`, `collection(db, 'notes')`, `query(collection(db, 'notes'), where(…))`: path segments, `*` where dynamic. */
export function firestorePath(node: AstNode | undefined): string[] | undefined {
  if (!node || node.type !== 'CallExpression' || node.callee.type !== 'Identifier') return undefined;
  const name = node.callee.name;
  if (name === 'query') return firestorePath(node.arguments[0] as AstNode);
  if (name !== 'doc' && name !== 'collection') return undefined;
  const args = node.arguments.slice(1) as AstNode[];
  const out: string[] = [];
  for (const a of args) {
    const s = staticString(a);
    if (s === undefined) out.push('*');
    else out.push(...s.split('/').filter(Boolean));
  }
  // `doc(collection(db, 'notes'))` (a new id) and `doc(collectionRef, id)`.
  if (args.length === 0 && node.arguments[0]) return firestorePath(node.arguments[0] as AstNode);
  if (out.length === 0 || out[0] === '*') return undefined;
  return out;
}

/** Segments of a match path after `/databases/{database}/documents`, matching one document path. */
function matches(fullPath: string, path: string[]): boolean {
  const rule = fullPath.replace(/^\/databases\/\{\w+\}\/documents/, '').split('/').filter(Boolean);
  for (let i = 0; i < rule.length; i++) {
    const r = rule[i];
    if (/^\{\w+=\*\*\}$/.test(r)) return path.length > i;
    if (i >= path.length) return false;
    if (r.startsWith('{')) continue;
    if (r !== path[i]) return false;
  }
  return rule.length === path.length;
}

const rulesFiles = new WeakMap<ProjectModel, SourceFile[]>();

/** Files holding Firestore security rules, found once per scan. */
function firestoreRulesFiles(model: ProjectModel): SourceFile[] {
  let files = rulesFiles.get(model);
  if (!files) {
    files = model.files.filter((f) => f.securityRules && (!f.securityRules.service || f.securityRules.service === 'cloud.firestore'));
    rulesFiles.set(model, files);
  }
  return files;
}

/*
 * What browser code may do is asked of the rules files as project facts, depended on by their answers: an edit of
 * the rules redoes the files whose queries it opens or closes, not every file (src/cache/reuse.ts).
 */
const rulesPresent = defineProjectFact('firestore rules present', (model) => firestoreRulesFiles(model).length > 0);

/** The project has Firestore security rules. */
export function hasFirestoreRules(model: ProjectModel): boolean {
  return rulesPresent(model);
}

export interface FirestoreAccess {
  kind: 'anyone' | 'signed-in';
  /** The `allow` statement that lets them through, and the rules file it is in. */
  allow: { methods: string[]; condition?: string; line: number; column: number };
  file: string;
  pathKind: PathKind;
}

const access = defineProjectFact('firestore access', (model, arg): FirestoreAccess | undefined => {
  const at = arg.indexOf('\0');
  const path = arg.slice(0, at).split('/');
  const method = arg.slice(at + 1);
  // A collection reference (odd segment count) is queried or added to: its documents are one segment deeper.
  const docPath = path.length % 2 === 1 ? [...path, '*'] : path;
  let best: { kind: FirestoreAccess['kind']; allow: AllowStatement; file: SourceFile } | undefined;
  for (const file of firestoreRulesFiles(model)) {
    const rules = file.securityRules!;
    for (const allow of allAllows(rules)) {
      if (!allow.methods.some((m) => m === method || m === METHOD_GROUP[method])) continue;
      if (!matches(allow.match.fullPath, docPath)) continue;
      const open = allow.condition === undefined || isAlwaysTrue(allow.condition) || !!testModeExpiry(allow.condition);
      const kind = open ? 'anyone' : signedInOnly(expandCondition(allow.condition!, allow.match, rules.functions)) ? 'signed-in' : undefined;
      if (kind && (!best || (best.kind === 'signed-in' && kind === 'anyone'))) best = { kind, allow, file };
    }
  }
  if (!best) return undefined;
  const { methods, condition, line, column } = best.allow;
  return { kind: best.kind, allow: { methods, condition, line, column }, file: best.file.path, pathKind: pathKind(best.allow.match) };
});

/** The weakest `allow` that covers the operation on that path, when it lets anyone or any signed-in user through. */
export function firestoreAccess(model: ProjectModel, path: string[], method: string): FirestoreAccess | undefined {
  return access(model, `${path.join('/')}\0${method}`);
}

export function isFirestoreCall(node: TSESTree.CallExpression): string | undefined {
  return node.callee.type === 'Identifier' ? FIRESTORE_CALLS[node.callee.name] : undefined;
}
