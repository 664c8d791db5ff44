import type { FlowStep } from '../engine/finding.js';
import type { Origin, SinkKind, Taint, Val } from './types.js';

/** Bounds that keep the analysis linear on generated or hostile code. */
export const MAX_ORIGINS = 4;
export const MAX_TRAIL = 8;

export const CLEAN: Val = {};

export function isTainted(v: Val | undefined): boolean {
  return !!v?.taint && v.taint.length > 0;
}

export function originKey(o: Origin): string {
  return `${o.kind}:${o.param ?? ''}${o.serverField ? '.' : ''}${o.keysOf ? 'k' : ''}${o.field !== undefined ? `.${o.field}` : ''}:${o.label}:${o.safeFor.join(',')}`;
}

/** Union of origins, first seen wins, capped. */
export function unionTaint(...taints: (Taint | undefined)[]): Taint | undefined {
  let out: Origin[] | undefined;
  const seen = new Set<string>();
  for (const t of taints) {
    if (!t) continue;
    for (const o of t) {
      const key = originKey(o);
      if (seen.has(key)) continue;
      seen.add(key);
      (out ??= []).push(o);
      if (out.length >= MAX_ORIGINS) return out;
    }
  }
  return out;
}

/** Join of values at a merge point: taint is unioned, text facts hold only if they hold on every side. */
export function joinVals(...vals: (Val | undefined)[]): Val {
  const present = vals.filter((v): v is Val => !!v);
  if (present.length === 0) return CLEAN;
  if (present.length === 1) return present[0];
  const taint = unionTaint(...present.map((v) => v.taint));
  const shape = present.find((v) => v.shape)?.shape;
  const fn = present.find((v) => v.fn)?.fn;
  const tainted = present.filter(isTainted);
  // An object from one branch or another (`let conversation; … conversation = { _id, ...draft }`) keeps what
  // reached it only through its fields.
  const fieldOnly = tainted.some((v) => v.fieldOnly) ? fieldsOfParts(tainted.map((val) => ({ key: undefined, val }))) : undefined;
  return {
    taint,
    shape,
    fn,
    // Text from one branch and an object from another (`query = select` or `query = { text: select, values }`): what
    // the request reached is an object, if every tainted part is one.
    object: present.every((v) => v.object) || (tainted.length > 0 && tainted.every((v) => v.object)) || undefined,
    built: tainted.some((v) => v.built) || undefined,
    html: present.some((v) => v.html) || undefined,
    anchored: tainted.length > 0 && tainted.every((v) => v.anchored) ? true : undefined,
    // (`next.startsWith('/') && … ? next : '/home'`: the checked branch is the only one the request reaches.)
    rooted: tainted.length > 0 && tainted.every((v) => v.rooted) ? true : undefined,
    ...(fieldOnly ? { fieldOnly } : {}),
  };
}

/**
 * The object after `obj.field = …` wrote `written` into it (`field` undefined: a computed key). Like a join, the
 * object as a whole now carries that taint; origins new to it are remembered as reaching it through `field` only.
 */
export function withFieldWrite(obj: Val | undefined, field: string | undefined, written: Taint): Val {
  const joined = joinVals(obj, { taint: written });
  const before = obj?.fieldOnly;
  if (field === undefined) {
    // A write under a key we cannot name may be read through any field: its origins now belong to the whole.
    if (!before) return joined;
    const now = new Set(written.map(originKey));
    const fieldOnly = new Map([...before].map(([f, t]) => [f, t.filter((o) => !now.has(originKey(o)))] as const));
    return { ...joined, fieldOnly };
  }
  const fieldOrigins = new Set([...(before?.values() ?? [])].flat().map(originKey));
  const whole = new Set((obj?.taint ?? []).map(originKey).filter((k) => !fieldOrigins.has(k)));
  const fresh = written.filter((o) => !whole.has(originKey(o)));
  const fieldOnly = new Map(before);
  fieldOnly.set(field, unionTaint(before?.get(field), fresh) ?? []);
  return { ...joined, fieldOnly };
}

/**
 * An object literal from its parts, in order: named properties (`key`) and spreads or computed keys (`key`
 * undefined). Its taint is all of theirs; origins that reach it only under named keys (a spread object's own
 * named fields keep theirs) are remembered by field, so `{ _id: insertedId, ...draft }.\_id` is not `draft.role`.
 */
export function objectOfParts(parts: readonly { key: string | undefined; val: Val }[]): Val {
  const taint = unionTaint(...parts.map((p) => p.val.taint));
  if (!taint) return { object: true };
  const fieldOnly = fieldsOfParts(parts);
  return fieldOnly ? { taint, object: true, fieldOnly } : { taint, object: true };
}

/** What of the parts' taint reaches only under named fields, by field (parts without a key are whole values). */
function fieldsOfParts(parts: readonly { key: string | undefined; val: Val }[]): Map<string, Taint> | undefined {
  const byField = new Map<string, Taint>();
  const whole = new Set<string>();
  for (const { key, val } of parts) {
    if (!val.taint) continue;
    if (key !== undefined) {
      byField.set(key, unionTaint(byField.get(key), val.taint) ?? []);
      continue;
    }
    // A spread: what its fields alone carry stays theirs, the rest belongs to the whole.
    const own = new Set([...(val.fieldOnly?.values() ?? [])].flat().map(originKey));
    for (const o of val.taint) if (!own.has(originKey(o))) whole.add(originKey(o));
    for (const [f, t] of val.fieldOnly ?? []) byField.set(f, unionTaint(byField.get(f), t) ?? []);
  }
  if (!byField.size) return undefined;
  return new Map([...byField].map(([f, t]) => [f, t.filter((o) => !whole.has(originKey(o)))] as const));
}

/** The field of a write under a key the server chose but we cannot name (`changes[column] = value`): any read may find it. */
export const COMPUTED_FIELD = '[computed]';

/**
 * The origins the keys of an object may carry: what reached it as a whole (a spread, the request's body), not what
 * was written only under fields it names itself (`{ price: body.price }` has the key `price`, whatever its value).
 */
export function keysTaint(obj: Val): Taint | undefined {
  if (!obj.taint || !obj.fieldOnly) return obj.taint;
  const named = new Set([...obj.fieldOnly.values()].flat().map(originKey));
  const taint = obj.taint.filter((o) => !named.has(originKey(o)));
  return taint.length ? taint : undefined;
}

/** The taint of an object's keys, its parameters' origins marked as read through the keys (see Origin.keysOf). */
export function keysOfTaint(obj: Val): Taint | undefined {
  return keysTaint(obj)?.map((o) => (o.kind === 'param' && !o.keysOf ? { ...o, keysOf: true } : o));
}

/** The origins reading `obj.key` gives (`key` undefined: a computed key): not those written only into other fields. */
export function fieldRead(obj: Val, key: string | undefined): Taint | undefined {
  if (!obj.fieldOnly || key === undefined || !obj.taint) return obj.taint;
  const keep = new Set([...(obj.fieldOnly.get(key) ?? []), ...(obj.fieldOnly.get(COMPUTED_FIELD) ?? [])].map(originKey));
  const drop = new Set<string>();
  for (const [field, taint] of obj.fieldOnly) if (field !== key) for (const o of taint) if (!keep.has(originKey(o))) drop.add(originKey(o));
  const taint = obj.taint.filter((o) => !drop.has(originKey(o)));
  return taint.length ? taint : undefined;
}

/** Keep the first steps (where the data came from) and the last ones (where it went). */
export function appendStep(trail: readonly FlowStep[], step: FlowStep): FlowStep[] {
  const last = trail[trail.length - 1];
  if (last && last.file === step.file && last.range.startLine === step.range.startLine && last.message === step.message) return [...trail];
  const next = [...trail, step];
  if (next.length <= MAX_TRAIL) return next;
  return [...next.slice(0, 2), ...next.slice(next.length - (MAX_TRAIL - 2))];
}

export function withStep(taint: Taint | undefined, step: FlowStep): Taint | undefined {
  return taint?.map((o) => ({ ...o, trail: appendStep(o.trail, step) }));
}

/** The value is made safe for these sink kinds (all kinds: pass `'all'`). */
export function sanitize(val: Val, kinds: readonly SinkKind[] | 'all'): Val {
  if (kinds === 'all' || !val.taint) return kinds === 'all' ? { fn: val.fn } : val;
  const taint = val.taint.map((o) => ({ ...o, safeFor: [...new Set([...o.safeFor, ...kinds])].sort() as SinkKind[] }));
  return { ...val, taint };
}

/** Origins still dangerous for a sink kind. */
export function dangerousFor(taint: Taint | undefined, kind: SinkKind): Origin[] {
  return taint ? taint.filter((o) => !o.safeFor.includes(kind)) : [];
}
