import { bucketOnlyCondition } from '../../database/expressions.js';
import { defineProjectRule } from '../../engine/rule.js';
import { apiRolesOf, audience, databasesOf, reportAt } from './supabase-model.js';

/**
 * Policies on `storage.objects` whose condition only names the bucket: they cover every file in it, not the
 * caller's own folder. A public bucket serves files by URL without any policy, so a SELECT policy there only
 * adds listing of every file name.
 */
const PUBLIC_CONTENT_BUCKET = /(?:^|[-_])(?:public|avatars?|images?|img|thumbnails?|banners?|logos?|covers?|assets|static|products?|blog|posts?)(?:$|[-_])/i;

export const supabaseStoragePolicyTooBroad = defineProjectRule({
  id: 'supabase-storage-policy-too-broad',
  messageIds: ['listing', 'readAll', 'writeAll'],
  check(ctx) {
    for (const db of databasesOf(ctx)) {
      for (const policy of db.storagePolicies) {
        const granted = apiRolesOf(policy);
        if (!policy.permissive || granted.length === 0) continue;
        const reads = policy.command === 'select' || policy.command === 'all';
        const condition = bucketOnlyCondition(policy.command === 'insert' ? policy.withCheck : policy.using ?? policy.withCheck);
        if (!condition) continue;
        // `auth.uid() IS NOT NULL` beside the bucket: granted to everyone, usable by signed-in users only.
        const roles = condition.signedIn ? granted.filter((r) => r !== 'anon') : granted;
        const bucket = condition.bucket === undefined ? undefined : db.buckets.get(condition.bucket);
        const name = condition.bucket ?? 'every bucket';
        const data = { policy: policy.name, bucket: name, who: audience(roles) };
        // Uploading into a bucket as a signed-in user is the usual pattern; anonymous uploads, and changing or deleting anyone's files, are not.
        const writes = policy.command === 'update' || policy.command === 'delete' || policy.command === 'all' || (policy.command === 'insert' && roles.includes('anon'));
        if (writes) reportAt(ctx, policy.origin, { messageId: 'writeAll', data: { ...data, what: policy.command === 'insert' ? 'upload files to' : 'overwrite or delete any file in' } });
        // A bucket whose name says it holds what the site shows everyone (`avatars`, `product-images`) is public by
        // intent, where the migrations do not say (made from the dashboard, or in a block not read here).
        else if (reads && (bucket?.public || (bucket === undefined && PUBLIC_CONTENT_BUCKET.test(name)))) reportAt(ctx, policy.origin, { messageId: 'listing', data, severity: 'medium' });
        else if (reads) reportAt(ctx, policy.origin, { messageId: 'readAll', data });
      }
    }
  },
});
