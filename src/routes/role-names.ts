/**
 * Which roles a role check lets through, read from the names it compares with (`role !== 'recruiter'`,
 * `authorize('seller')`), and whether any of them is one that anybody may hold rather than an admin's.
 */

/** Role names that reach every record by design: an admin, a moderator, a workspace's owner. */
export const PRIVILEGED_ROLE = /admin|owner|staff|moderator|super|manager|editor|root|support|operator/i;

/** Calls whose arguments are the roles they let through: `requireRole('seller')`, `hasRole(user, ['recruiter'])`. */
export const ROLE_NAMED_CALL = /(^|\.)(requireRoles?|hasRoles?|checkRoles?)$/;
const QUOTED_NAME = /['"`]([\w-]+)['"`]|\b[A-Z]\w*Roles?\.([A-Za-z_]\w*)/g;

/** The role names written in a piece of code: quoted (`'recruiter'`) or an enum's member (`UserRole.RECRUITER`). */
export function roleNames(code: string): string[] {
  return [...code.matchAll(QUOTED_NAME)].map((m) => m[1] ?? m[2]);
}

/**
 * The roles a role test lets through. In a refusal (`if (role !== 'recruiter') throw`) the names compared with `!==`
 * or listed in a negated `includes`; around the work (`if (role === 'recruiter') { … }`) those compared with `===`.
 * Names a refusal turns away (`if (role === 'banned') throw`) say nothing about who gets in.
 */
export function rolesLetThrough(test: string, refuses: boolean): string[] {
  const out: string[] = [];
  // Only the parts that test a role: `job.status !== 'draft'` beside it names no role.
  const roleParts = test.split(/&&|\|\|/).filter((part) => /role|type/i.test(part)).join(' && ');
  for (const m of roleParts.matchAll(/((?:['"`][\w-]+['"`]|\b[A-Z]\w*Roles?\.\w+)\s*([!=]==?))|([!=]==?)\s*((?:['"`][\w-]+['"`]|\b[A-Z]\w*Roles?\.\w+))/g)) {
    const negated = (m[2] ?? m[3]).startsWith('!');
    if (negated === refuses) out.push(...roleNames(m[1] ?? m[4]));
  }
  for (const m of roleParts.matchAll(/(!?)\s*\[([^\]]*)\]\s*\.includes\(/g)) if ((m[1] === '!') === refuses) out.push(...roleNames(m[2]));
  return out;
}

/** A role middleware made by a call naming the roles it lets through (`authorize('seller')`, `restrictTo('admin', 'seller')`). */
export function ordinaryRoleOfCall(call: string): string | undefined {
  const paren = call.indexOf('(');
  return paren > 0 && /role|restrictTo|^authori[sz]e$/i.test(call.slice(0, paren).split('.').pop()!) ? ordinaryRoleOf(roleNames(call.slice(paren))) : undefined;
}

/** The first of these roles that reaches no record by its nature (`recruiter`, `seller`, `teacher`): not an admin's. */
export function ordinaryRoleOf(roles: readonly string[]): string | undefined {
  return roles.find((r) => !PRIVILEGED_ROLE.test(r));
}
