import { isAlwaysTrue } from '../../database/expressions.js';
import { databaseOf } from '../../database/index.js';
import type { DatabaseState, Origin, Policy, Table } from '../../database/types.js';
import type { ProjectContext, ReportDescriptor } from '../../engine/rule.js';

/** Report at the statement that made the state what it is (its first line). */
export function reportAt<M extends string>(ctx: ProjectContext<M>, origin: Origin, d: Omit<ReportDescriptor<M>, 'offsets'>): void {
  const { start, end } = origin.statement;
  const nl = origin.file.text.indexOf('\n', start);
  ctx.report(origin.file, { ...d, offsets: { start, end: nl < 0 || nl > end ? end : nl } });
}

export function databasesOf(ctx: ProjectContext<string>): DatabaseState[] {
  return databaseOf(ctx.model).projects.map((p) => p.database);
}

export function qualified(t: { schema: string; name: string }): string {
  return `${t.schema}.${t.name}`;
}

/** API roles that hold any privilege on the object, a column privilege of a table included (`public` means every role). */
export function apiRolesWithAccess(object: { privileges: Map<string, Set<string>>; updateColumns?: Map<string, Set<string>>; insertColumns?: Map<string, Set<string>> }): string[] {
  const holds = (role: string) => [object.privileges, object.updateColumns, object.insertColumns].some((byRole) => byRole?.get(role)?.size);
  if (holds('public')) return ['anon', 'authenticated'];
  return ['anon', 'authenticated'].filter(holds);
}

export function isExposed(db: DatabaseState, t: { schema: string }): boolean {
  return db.exposedSchemas.includes(t.schema);
}

/** The policy applies to requests of these API roles. */
export function apiRolesOf(policy: Policy): string[] {
  if (policy.roles.includes('public')) return ['anon', 'authenticated'];
  return policy.roles.filter((r) => r === 'anon' || r === 'authenticated');
}

/** Who holds the access, in words: the anon key ships in the web app, so `anon` means anyone. */
export function holders(roles: string[]): string {
  return roles.includes('anon') ? 'anyone with the public anon key' : 'any signed-in user';
}

export function audience(roles: string[]): string {
  return roles.includes('anon') ? 'anyone, signed in or not,' : 'any signed-in user';
}

const OWNER_COLUMN = /^(?:user_id|owner_id|owner|author_id|created_by|creator_id|profile_id|account_id|customer_id|member_id|uploaded_by|uploader_id|sender_id|recipient_id|buyer_id|seller_id|patient_id|student_id|employee_id|[a-z]+_user_id)$/i;

/** Columns that say whose row it is: named like an owner, or referencing `auth.users`. */
export function ownerColumns(table: Table): string[] {
  return [...new Set([...table.authUserColumns, ...table.columns.filter((c) => OWNER_COLUMN.test(c))])];
}

// Whole words of a column name (`email`, `client_email`, `billing_address`, `phone_number`).
const PERSONAL_WORD = /(?:^|_)(?:e?mail|phone|mobile|telephone|address|street|postcode|zip|dob|birthday|birth_?date|ssn|passport|iban|salary|income|password|diagnosis)(?:$|_)/i;
const SECRET_COLUMN = /^(?:api_key|access_token|refresh_token|secret|private_key)$/i;
const PRIVATE_TABLE = /^(?:messages?|chats?|conversations?|orders?|payments?|invoices?|transactions?|clients?|customers?|contacts?|leads?|patients?|appointments?|bookings?|notes?|documents?|subscriptions?|private_.*|.*_secrets?|.*_tokens?|api_keys?|users?|accounts?)$/i;

/**
 * Tables whose rows the app shows to its other users by design: public profiles, posts and comments, game lobbies
 * and their players, scores, reviews, listings.
 */
const SHARED_CONTENT_TABLE = /^(?:(?:public_)?profiles?|posts?|comments?|replies|threads?|forums?|articles?|blog_posts?|stories|recipes?|reviews?|ratings?|likes?|reactions?|votes?|follows?|followers?|(?:game_)?rooms?|lobb(?:y|ies)|games?|matches|(?:game_|room_)?players?|(?:player_)?scores?|leaderboards?|listings?|products?|categories|tags?|events?|courses?|lessons?|channels?)$/i;

/** A table of content meant for the app's other users (by its name), holding nothing personal or secret. */
export function sharedContent(table: Table): boolean {
  return SHARED_CONTENT_TABLE.test(table.name) && !privateDataEvidence(table);
}

/** Why a table holds data that should not be world-readable, or undefined when nothing says so. */
export function privateDataEvidence(table: Table): string | undefined {
  const personal = table.columns.filter((c) => PERSONAL_WORD.test(c) || SECRET_COLUMN.test(c));
  if (personal.length) return `its ${personal.slice(0, 3).map((c) => `\`${c}\``).join(', ')} column${personal.length > 1 ? 's' : ''}`;
  if (PRIVATE_TABLE.test(table.name)) return `its name says it holds private records`;
  return undefined;
}

export function usingOf(policy: Policy): unknown {
  return policy.command === 'insert' ? policy.withCheck : policy.using;
}

/** The row filter of the policy is `true` (or, for INSERT, the check is `true`). */
export function letsEveryRowThrough(policy: Policy): boolean {
  if (policy.command === 'insert') return isAlwaysTrue(policy.withCheck);
  return isAlwaysTrue(policy.using) || (policy.using === undefined && isAlwaysTrue(policy.withCheck));
}
