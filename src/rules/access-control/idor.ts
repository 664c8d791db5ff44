import { defineProjectRule, type ProjectContext } from '../../engine/rule.js';
import type { ProjectModel } from '../../model/types.js';
import type { FilterKey, RouteEntry, Touch } from '../../routes/types.js';
import { IDENTITY_KEY } from '../../routes/auth.js';
import { PROVIDER_ID_KEY } from '../../routes/filters.js';
import { isUserTarget } from '../../routes/touches.js';
import { CATALOGUE, ID_NAME, modelKey, projectModel, type ModelInfo } from './model-fields.js';
import { parseClassKind } from './parse-class-kind.js';
import { findTable, operationOf, tableAccess, type Operation } from './supabase-access.js';
import { isAdminRoute, lineRange, routeLabel, routeLocation } from './route-facts.js';
import { apiRolesOf, ownerColumns } from './supabase-model.js';
import { columnsOf } from '../../database/expressions.js';
import type { Table } from '../../database/types.js';

/** Keys that name one record: an id's name (`id`, `_id`, `noteId`, `order_id`), `uuid` or `slug`. */
const ID_KEY = { test: (key: string) => ID_NAME.test(key) || key === 'uuid' || key === 'slug' };
/** Keys that say whose record it is: a condition on them scopes the query to someone. */
export const OWNER_KEY =
  /^(?:userId|user_id|ownerId|owner_id|owner|authorId|author_id|author|createdBy|created_by|createdById|created_by_id|creatorId|creator_id|user|uid|profileId|profile_id|accountId|account_id|tenantId|tenant_id|orgId|org_id|organizationId|organization_id|workspaceId|workspace_id|teamId|team_id|memberId|member_id|customerId|customer_id)$/;
/** Fields listing the people a record is shared with: `users`, `members`, `participants`, `memberIds`. */
const MEMBERS_KEY = /^(?:users|members|participants|memberIds|member_ids|participantIds|participant_ids|userIds|user_ids|collaborators)$/;
/** Shared catalogue data read by id on purpose: no owner to check. */

/** The filter key that picks a record by a request value, when nothing scopes the query to the caller. */
function requestId(touch: Touch): FilterKey | undefined {
  const filters = touch.filters ?? [];
  if (ownerScoped(touch)) return undefined;
  return filters.find((f) => f.from === 'request' && ID_KEY.test(f.key) && !PROVIDER_ID_KEY.test(f.key));
}


/**
 * A user record changed or deleted where the request says which account (`prisma.user.update({ where: { email:
 * input.email } })`): the signed-in caller names whose account, as with an id. Reading one by e-mail is how people
 * are found (an invitation, a share), so only changes count.
 */
function requestAccount(touch: Touch, op: Operation): FilterKey | undefined {
  if (!touch.userData || (op !== 'update' && op !== 'delete') || ownerScoped(touch)) return undefined;
  // The keys a sign-in names an account by, but a display name, which many share.
  return (touch.filters ?? []).find((f) => f.from === 'request' && IDENTITY_KEY.test(f.key) && f.key !== 'name');
}

/**
 * A key naming a parent record that belongs to nobody (`courtId` of a `Court` model with no owner field): reading
 * the records listed under it (the bookings of a court) is a listing, not a reach into someone's record.
 */
function sharedParent(model: ProjectModel, key: string): boolean {
  const parent = /^([a-z][a-zA-Z0-9]*)Id$|^([a-z0-9_]+)_id$/.exec(key);
  if (!parent || OWNER_KEY.test(key)) return false;
  const info = projectModel(model, parent[1] ?? parent[2]);
  // A channel of a workspace someone owns belongs to them too.
  return !!info && !ownsItself(info) && !ownedThroughParent(model, info);
}

/** Whether a filter's value is the request value `key` holds, or read from what it found (`channel.workspaceId`). */
function namesSameValue(f: FilterKey, key: FilterKey): boolean {
  const value = key.value.replace(/\s+/g, '');
  if ((f.source ?? f.value) === (key.source ?? key.value)) return true;
  const at = (f.source ?? f.value).replace(/\s+/g, '').indexOf(value);
  return value.length > 1 && at >= 0 && /[(,]/.test((f.source ?? f.value).replace(/\s+/g, '')[at - 1] ?? '');
}

/** The same value of the request, as written or by the URL parameter both read (`req.params.workspaceId ?? …`, `@Param('workspaceId')`). */
function sameRequestValue(a: FilterKey, b: FilterKey): boolean {
  if (namesSameValue(a, b)) return true;
  const param = (k: FilterKey) => /\bparams?\.(\w+)|\bparam\(\s*['"`](\w+)/.exec(k.source ?? k.value)?.slice(1).find(Boolean);
  const p = param(a);
  return !!p && p === param(b);
}

function ownerScoped(touch: Touch): boolean {
  return (touch.filters ?? []).some((f) => f.from === 'session' || (OWNER_KEY.test(f.key) && f.from !== 'request'));
}

/**
 * A lookup scoped by a value the caller's membership was found by: `findFirst({ where: { id, workspaceId } })` after
 * `workspaceMember.findUnique({ where: { workspaceId, userId: session.user.id } })`. It finds only the caller's
 * workspace's records.
 */
function memberScoped(touch: Touch, touches: readonly Touch[]): boolean {
  return (touch.filters ?? []).some((f) => f.from === 'request' && f.key !== 'id' && touches.some((m) => m !== touch && m.target !== touch.target && ownerScoped(m) && holdsFor(m, touch) && m.filters!.some((g) => g.from !== 'session' && namesSameValue(g, f))));
}

/** False when what we know of the target says it has no owner, or that RLS already scopes the query. */
function ownedAndReachable(model: ProjectModel, touch: Touch, op: Operation): { confidence: 'high' | 'medium'; via?: string } | undefined {
  const target = touch.target!;
  if (touch.supabaseClient) {
    const found = findTable(model, target);
    if (found && ownerColumns(found.table).length === 0) return undefined;
    // Rows the migrations already show to visitors (`for select to anon using (status = 'open')`) are listings by design.
    if (op === 'select' && found && publiclyListed(found.table)) return undefined;
    if (touch.supabaseClient === 'service-role') return { confidence: found ? 'high' : 'medium', via: 'service-role' };
    // A user-scoped client runs under RLS: only a table whose policy lets every signed-in user through is open.
    const access = tableAccess(model, target, op);
    if (access.kind === 'no-rls' || access.kind === 'anyone' || access.kind === 'signed-in') return { confidence: 'high', via: access.kind };
    return undefined;
  }
  // Changing a user record: the id is the owner, whatever the model's fields say.
  if (touch.userData && op !== 'select') return { confidence: 'high' };
  const info = projectModel(model, target);
  // Records shared by a list of people (a chat's `users`, a project's `members`) belong to them as much as to an owner.
  if (info && ownsItself(info)) return { confidence: 'high' };
  // A task of a project someone owns: changing it by id reaches into their project. (Reading children by id is
  // left alone: comments of a post, reviews of a product are read by everyone.)
  if (info) return op !== 'select' && ownedThroughParent(model, info) ? { confidence: 'medium' } : undefined;
  return CATALOGUE.test(modelKey(target)) || CATALOGUE.test(target) ? undefined : { confidence: 'medium' };
}

function ownsItself(info: ModelInfo): boolean {
  // Or a Prisma relation to the users' model, whatever its key is called (`users User @relation(fields: [penyanyi_id], …)`).
  return [...info.fields].some((f) => OWNER_KEY.test(f) || MEMBERS_KEY.test(f)) || [...(info.relations ?? [])].some(([, to]) => USER_MODEL.test(to));
}

/** The model of a project's accounts. */
const USER_MODEL = /^(?:User|Users|AppUser|Account|Profile|Customer|Member)$/;

/** A model with a key to a parent model that has an owner (`Task.projectId` → `Project.ownerId`), two levels at most. */
function ownedThroughParent(model: ProjectModel, info: ModelInfo, depth = 0): boolean {
  if (depth > 1) return false;
  for (const field of info.fields) {
    const parent = /^([a-z][a-zA-Z0-9]*)Id$|^([a-z0-9]+)_id$/.exec(field);
    const parentInfo = parent ? projectModel(model, parent[1] ?? parent[2]) : undefined;
    if (parentInfo && parentInfo !== info && (ownsItself(parentInfo) || ownedThroughParent(model, parentInfo, depth + 1))) return true;
  }
  return false;
}

function publiclyListed(table: Table): boolean {
  const owners = new Set(ownerColumns(table));
  return table.policies.some(
    (p) =>
      p.permissive &&
      (p.command === 'select' || p.command === 'all') &&
      apiRolesOf(p).includes('anon') &&
      !JSON.stringify(p.using ?? null).includes('"sval":"auth"') &&
      !columnsOf(p.using).some((c) => owners.has(c)),
  );
}

const VERB: Record<Operation, string> = { select: 'reads', insert: 'writes', update: 'changes', delete: 'deletes' };
const ACTION: Record<Operation, string> = { select: 'read', insert: 'overwrite', update: 'change', delete: 'delete' };

/**
 * A signed-in route that loads, changes or deletes a record by an id from the request, with no owner
 * condition in the query, no ownership check after it and no role check on the route (CWE-639).
 */
export const idor = defineProjectRule({
  id: 'idor',
  messageIds: ['byRequestId', 'serviceRole', 'weakPolicy', 'createdForOther', 'listsEveryones'],
  readsAnalysis: ['routes'],
  check(ctx) {
    for (const route of ctx.model.routes) {
      if (!candidate(route)) continue;
      reportCreatedForOther(ctx, route);
      reportListOfEveryones(ctx, route);
      const hits = route.touches
        .filter((t) => (t.kind === 'read' || t.kind === 'write') && t.target && !t.ownerCheck && !t.roleWrite)
        .map((t) => ({ touch: t, op: operationOf(t) }))
        .map(({ touch: t, op }) => ({ touch: t, key: requestId(t) ?? requestAccount(t, op), op }))
        // (Sequelize's `findOrCreate({ where })` makes the record it does not find: that is a create, judged above.)
        .filter((h): h is { touch: Touch; key: FilterKey; op: Operation } => !!h.key && h.op !== 'insert')
        // Reading another user's public profile, or published content (posts, events), by id is a common
        // design; changing it is not.
        // A slug names a page by its public address (`/posts/my-first-post`): looking one up is how pages are shown.
        // A read only tested for (`if (alreadyBooked) return 409`) hands out no record.
        // (A profile read for its public columns only is no user data to route-without-auth, and still a profile here.)
        .filter((h) => !(h.op === 'select' && (h.touch.existenceOnly || h.touch.userData || isUserTarget(h.touch.target!) || h.key.key === 'slug' || parseClassKind(h.touch.target!) === 'public' || sharedParent(ctx.model, h.key.key))))
        // `findFirst({ where: { id, userId } })` then `update({ where: { id } })`: the first query proved ownership.
        // Or the record's owner was checked at another touch of it, here or in a function the route runs (Convex's
        // `ctx.runQuery(api.chat.getThread, { threadId })`, which answers null for someone else's thread).
        .filter((h) => !route.touches.some((t) => t !== h.touch && t.target === h.touch.target && holdsFor(t, h.touch) && (ownerScoped(t) || !!t.ownerCheck || memberScoped(t, route.touches))))
        // The caller's membership looked up by the same value: `members` where `workspaceId` is the one requested (or
        // the requested channel's) and `userId` is the caller's; or the record the value names, its owner checked.
        .filter((h) => !route.touches.some((t) => t !== h.touch && holdsFor(t, h.touch) && (ownerScoped(t) || !!t.ownerCheck) && t.filters!.some((f) => f.from !== 'session' && namesSameValue(f, h.key))))
        // Or by a middleware or guard of the route (`@UseGuards(WorkspaceGuard)` looking up the caller's membership of
        // the requested workspace), for the value itself or a lookup scoped by it.
        .filter((h) => !route.memberOf?.some((m) => sameRequestValue(m, h.key) || h.touch.filters!.some((f) => f.from === 'request' && sameRequestValue(m, f))))
        .sort((a, b) => Number(a.op === 'select') - Number(b.op === 'select') || a.touch.line - b.touch.line);
      for (const hit of hits) {
        const reach = ownedAndReachable(ctx.model, hit.touch, hit.op);
        const file = ctx.model.fileByPath.get(hit.touch.file);
        const routeFile = ctx.model.fileByPath.get(route.file);
        if (!reach || !file || !routeFile) continue;
        const messageId = reach.via === 'service-role' ? 'serviceRole' : reach.via ? 'weakPolicy' : 'byRequestId';
        ctx.report(file, {
          messageId,
          data: {
            route: routeLabel(route),
            verb: VERB[hit.op],
            action: ACTION[hit.op],
            target: hit.touch.target!,
            code: hit.touch.code.replace(/\s+\./g, '.'),
            key: hit.key.key,
            source: hit.key.source ?? hit.key.value,
            rls: reach.via === 'no-rls' ? 'has row-level security turned off' : 'has a policy that lets any signed-in user through',
          },
          range: lineRange(file, hit.touch.line),
          symbol: `${route.method} ${route.path}`,
          severity: 'high',
          confidence: reach.confidence,
          related: [{ file: route.file, range: routeLocation(route, routeFile).range!, message: route.ordinaryRole ? `\`${routeLabel(route)}\` checks the role (${route.roleCheck}), but every '${route.ordinaryRole}' passes that, and it checks no ownership` : `\`${routeLabel(route)}\` requires sign-in (${route.evidence}) but checks no ownership` }],
        });
        break;
      }
    }
  },
});

/**
 * What the caller sends as the new record (the body, a JSON or form payload, an action's input). An id in the path
 * (`/users/:userId/expenses`) names a parent the route must check access to, which `byRequestId` judges.
 */
const PAYLOAD = /\b(?:body|json\(\)|formData\(\)|input|parsedInput|valid\(['"]json)/;
/**
 * Records that people make for one another by design: invitations, memberships, assignments, notifications and
 * follows name someone else on purpose.
 */
const FOR_OTHERS = /invit|member|assign|participant|collaborat|share|notif|follow|friend|subscri|recipient|mention|referr/i;

/**
 * A record the route creates for whoever the request names (`bidderSub`, `authorId`, `user_id` from the body) while
 * the caller is signed in: the caller bids, orders or posts in another user's name. Not reported when a check
 * compares that id with the caller's, or when a user-scoped Supabase client inserts (row-level security checks it).
 */
function reportCreatedForOther(ctx: ProjectContext<'createdForOther'>, route: RouteEntry): void {
  const touch = route.touches.find((t) => t.createdFor && PAYLOAD.test(t.createdFor.source ?? '') && t.target && !t.ownerCheck && t.supabaseClient !== 'user' && !FOR_OTHERS.test(t.target));
  const file = touch && ctx.model.fileByPath.get(touch.file);
  const routeFile = ctx.model.fileByPath.get(route.file);
  if (!touch || !file || !routeFile) return;
  const key = touch.createdFor!;
  ctx.report(file, {
    messageId: 'createdForOther',
    data: { route: routeLabel(route), target: touch.target!, code: touch.code.replace(/\s+\./g, '.'), key: key.key, source: key.source ?? key.value },
    range: lineRange(file, touch.line),
    symbol: `${route.method} ${route.path}`,
    severity: 'high',
    related: [{ file: route.file, range: routeLocation(route, routeFile).range!, message: `\`${routeLabel(route)}\` knows who is signed in (${route.evidence}) but takes the user from the request` }],
  });
}

/** Records people keep for themselves: a list of all of them is every user's. */
const PRIVATE_RECORDS = /^(?:contacts?|orders?|bookings?|reservations?|messages?|notes?|todos?|transactions?|payments?|invoices?|addresses?|appointments?|expenses?|journals?|diar(?:y|ies)|carts?|wallets?|conversations?|chats?)$/i;

/**
 * A signed-in `GET` route that reads a whole table of private records (`prisma.contact.findMany()`, `Order.find({})`)
 * with no condition at all, on a model that records its owner: any signed-in user gets everyone's. Not when the route
 * checks a role, nor for a Supabase client, whose row-level security decides what a list holds.
 */
function reportListOfEveryones(ctx: ProjectContext<'listsEveryones'>, route: RouteEntry): void {
  if (route.method !== 'GET' || route.roleCheck) return;
  const owned = (t: Touch) => {
    const info = t.target ? projectModel(ctx.model, t.target) : undefined;
    return !!info && ownsItself(info) && PRIVATE_RECORDS.test(modelKey(info.name));
  };
  const touch = route.touches.find((t) => t.kind === 'read' && !t.filters?.length && !t.supabaseClient && !t.existenceOnly && !t.ownerCheck && owned(t));
  const file = touch && ctx.model.fileByPath.get(touch.file);
  const routeFile = ctx.model.fileByPath.get(route.file);
  if (!touch || !file || !routeFile || route.touches.some((t) => t !== touch && t.target === touch.target && ownerScoped(t))) return;
  ctx.report(file, {
    messageId: 'listsEveryones',
    data: { route: routeLabel(route), target: touch.target!, code: touch.code.replace(/\s+\./g, '.') },
    range: lineRange(file, touch.line),
    symbol: `${route.method} ${route.path}`,
    severity: 'high',
    confidence: 'medium',
    related: [{ file: route.file, range: routeLocation(route, routeFile).range!, message: `\`${routeLabel(route)}\` requires sign-in (${route.evidence}) but reads every \`${touch.target}\` record` }],
  });
}

/**
 * Whether what one touch proved holds where another is made: not when the first is in a branch of its function (an
 * `if`, a `case`) that the other is outside of (`if (req.method === 'GET') { …owner checked… }`, then the PUT's write).
 */
function holdsFor(proof: Touch, at: Touch): boolean {
  return !proof.branch || proof.file !== at.file || (at.line >= proof.branch.from && at.line <= proof.branch.to);
}

function candidate(route: RouteEntry): boolean {
  // Open routes are route-without-auth's; role-checked and admin routes are meant to reach every record (unless the
  // role is one many users hold: any recruiter passes `role !== 'recruiter'`, not only the job's).
  return route.auth === 'required' && (!route.roleCheck || !!route.ordinaryRole) && route.callerProof !== 'signature' && !route.public && !route.trigger && !isAdminRoute(route) && route.touches.length > 0;
}
