import type { AllowStatement, MatchBlock, SecurityRules } from '../../firebase/types.js';

/** What a path holds, judged from its names: per-user or private data, clearly public content, or unknown. */
export type PathKind = 'everything' | 'private' | 'user' | 'public' | 'unknown';

/** Collections that hold one user's data or private exchanges. */
const PRIVATE = new Set([
  'orders', 'messages', 'chats', 'conversations', 'payments', 'carts', 'cart', 'notifications', 'private',
  'invoices', 'addresses', 'subscriptions', 'transactions', 'bookings', 'appointments', 'wallets', 'tokens',
  'secrets', 'billing', 'purchases', 'inbox', 'dms', 'medical', 'health', 'journal', 'journals', 'diary',
  'entries', 'notes', 'todos', 'tasks', 'contacts', 'leads', 'customers', 'sessions', 'apikeys', 'api_keys',
  'userdata', 'user_data', 'uploads', 'documents', 'files', 'settings', 'preferences',
]);
/** Collections whose documents belong to one user each. */
const USER = new Set(['users', 'user', 'profiles', 'profile', 'accounts', 'account', 'members', 'userprofiles', 'user_profiles', 'customers']);
/** Content meant for everyone to read. */
const PUBLIC = new Set([
  'public', 'products', 'posts', 'articles', 'categories', 'tags', 'catalog', 'catalogue', 'menu', 'menus',
  'blog', 'blogs', 'pages', 'faq', 'faqs', 'announcements', 'events', 'news', 'listings', 'reviews', 'recipes',
  'courses', 'lessons', 'plans', 'pricing', 'leaderboard', 'leaderboards', 'stats', 'images', 'assets',
  'static', 'media', 'avatars', 'thumbnails', 'banners', 'locations', 'stores', 'shops', 'restaurants',
  'features', 'changelog', 'docs', 'content', 'items', 'collections', 'authors', 'books', 'movies', 'songs',
  'tracks', 'albums', 'artists', 'games', 'jobs', 'properties', 'services', 'testimonials', 'config', 'settings_public',
  // Listings a marketplace or booking site shows to every visitor.
  'homes', 'rentals', 'hotels', 'venues', 'apartments', 'ads', 'vehicles', 'cars',
  // What a community app shows: comments, communities, videos of posts.
  'comments', 'communities', 'videos',
]);
/** What users publish for others to see, in a folder of their own. */
const PUBLISHED = new Set(['public', 'posts', 'articles', 'blog', 'blogs', 'reviews', 'recipes', 'listings', 'products', 'avatars', 'thumbnails', 'banners']);
const USER_WILDCARD = /^(?:uid|userid|user_id|user|owner|ownerid|owner_id|accountid|account_id|profileid|customerid|memberid|authorid)$/i;

/** Literal names on a path, without the service prefixes (`/databases/{database}/documents`, `/b/{bucket}/o`). */
export function literalSegments(fullPath: string): string[] {
  const path = fullPath.replace(/^\/databases\/\{\w+\}\/documents/, '').replace(/^\/b\/\{\w+\}\/o/, '');
  return path.split('/').filter((s) => s && !s.startsWith('{'));
}

/** The wildcard that names the user (`{userId}`, `{uid}`), if any. */
export function userWildcard(match: MatchBlock): string | undefined {
  return [...match.wildcards].reverse().find((w) => USER_WILDCARD.test(w));
}

/** A name and the words it is made of (`site-content`: `content`; `user_uploads`: `uploads`). */
function wordsOf(name: string): string[] {
  const words = name.split(/[-_.]/).filter(Boolean);
  return words.length > 1 ? [name, ...words] : [name];
}

export function pathKind(match: MatchBlock): PathKind {
  const segments = literalSegments(match.fullPath).map((s) => s.toLowerCase());
  if (segments.length === 0 && match.recursive) return 'everything';
  if (segments.some((s) => wordsOf(s).some((w) => PRIVATE.has(w)))) return 'private';
  if (segments.some((s) => USER.has(s))) return 'user';
  const last = segments[segments.length - 1];
  const lastWords = last === undefined ? [] : wordsOf(last);
  // A user's folder of what they publish (Storage's `/posts/{userId}/…`): the wildcard says who wrote it, not who may see it.
  const wildcard = userWildcard(match);
  // `profile-images/{userId}/…`, `avatar_pics/…`: the pictures every page shows beside a user's name.
  const profilePictures = lastWords.some((w) => w === 'profile' || w === 'avatar') && lastWords.some((w) => /^(?:images?|pictures?|photos?|pics?)$/.test(w));
  if (wildcard) return (profilePictures || lastWords.some((w) => PUBLISHED.has(w))) && !match.fullPath.endsWith(`{${wildcard}}`) ? 'public' : 'user';
  return segments.includes('public') || lastWords.some((w) => PUBLIC.has(w)) ? 'public' : 'unknown';
}

/** Path kind for a Realtime Database node path (`['users', '$uid']`). */
export function rtdbPathKind(path: string[]): PathKind {
  if (path.length === 0) return 'everything';
  const names = path.filter((p) => !p.startsWith('$')).map((p) => p.toLowerCase());
  if (names.some((s) => PRIVATE.has(s))) return 'private';
  if (path.some((p) => p.startsWith('$') && USER_WILDCARD.test(p.slice(1))) || names.some((s) => USER.has(s))) return 'user';
  const last = names[names.length - 1];
  if (names.includes('public') || (last !== undefined && PUBLIC.has(last))) return 'public';
  return 'unknown';
}

const READS = new Set(['read', 'get', 'list']);
const WRITES = new Set(['write', 'create', 'update', 'delete']);

export function writes(allow: AllowStatement): boolean {
  return allow.methods.some((m) => WRITES.has(m));
}
export function reads(allow: AllowStatement): boolean {
  return allow.methods.some((m) => READS.has(m));
}

/** "read and change", "change", "read": what the statement lets someone do, in words. */
export function actionWords(allow: AllowStatement): string {
  const r = reads(allow);
  const w = writes(allow);
  if (r && w) return 'read and change';
  if (w) return allow.methods.every((m) => m === 'create') ? 'create' : allow.methods.every((m) => m === 'delete') ? 'delete' : 'change';
  return 'read';
}

/** Every `match` block of a rules file, nested ones included, outer blocks first. */
export function allMatchBlocks(rules: SecurityRules): MatchBlock[] {
  const out: MatchBlock[] = [];
  const visit = (blocks: MatchBlock[]) => {
    for (const b of blocks) {
      out.push(b);
      visit(b.matches);
    }
  };
  visit(rules.matches);
  return out;
}

/**
 * Every `allow` statement of a rules file that can apply to something: not those of a Firestore block whose path
 * names a collection (`/players/{playerId}/avatar`, an odd number of segments), which matches no document.
 */
export function allAllows(rules: SecurityRules): AllowStatement[] {
  const firestore = /firestore/.test(rules.service ?? '');
  return allMatchBlocks(rules).flatMap((b) => (firestore && namesCollection(b) ? [] : b.allows));
}

/** A Firestore match path below `/documents` with an odd number of segments and no `{name=**}`: a collection's path. */
function namesCollection(match: MatchBlock): boolean {
  const below = /^\/databases\/[^/]+\/documents((?:\/[^/]+)*)$/.exec(match.fullPath)?.[1];
  return !match.recursive && !!below && below.split('/').length % 2 === 0;
}

/** The path as a reader knows it: `/users/{userId}` rather than the full `/databases/{database}/documents/…`. */
export function displayPath(match: MatchBlock): string {
  const path = match.fullPath.replace(/^\/databases\/\{\w+\}\/documents/, '').replace(/^\/b\/\{\w+\}\/o/, '');
  return path || match.fullPath;
}

export function rtdbDisplayPath(path: string[]): string {
  return `/${path.join('/')}`;
}
