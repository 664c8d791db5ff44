import { describe, expect, it } from 'vitest';
import { pkg, routesOf } from './helpers.js';

/** `key=from:source` for every filter of each touch of one Next.js dynamic route handler whose body is `lines`. */
async function filtersOf(lines: string[]): Promise<string[]> {
  const routes = await routesOf({
    'package.json': pkg({ next: '15.0.3' }),
    'app/api/notes/[id]/route.ts': [`export async function PATCH(req: Request, { params }: { params: { id: string } }) {`, ...lines.map((l) => `  ${l}`), `}`].join('\n'),
  });
  return routes[0].touches.map((t) => `${t.target}: ${(t.filters ?? []).map((f) => `${f.key}=${f.from ?? '?'}:${f.source ?? f.value}`).join(' ')}${t.supabaseClient ? ` [${t.supabaseClient}]` : ''}${t.ownerCheck ? ' [owner checked]' : ''}`);
}

describe('filter keys of each touch', () => {
  it('follows values through validators and parsers, which return what they were given', async () => {
    expect(
      await filtersOf([
        `const parsed = NoteSchema.safeParse(await req.json());`,
        `const { orderId } = parsed.data;`,
        `const input = await TagSchema.parseAsync(JSON.parse(await req.text()));`,
        `await prisma.order.update({ where: { id: orderId }, data: { paid: true } });`,
        `await prisma.tag.delete({ where: { id: input.tagId } });`,
        `const count = Number.parseInt(process.env.LIMIT ?? '10');`,
        `await prisma.log.findMany({ where: { level: count } });`,
      ]),
    ).toEqual(['order: id=request:req.json().data.orderId', 'tag: id=request:req.text().tagId', "log: level=?:Number.parseInt(process.env.LIMIT ?? '10')"]);
  });

  it('reads one value looked up in several columns (OR, $or) as a key of each, and not alternatives of different values', async () => {
    expect(
      await filtersOf([
        `const { login } = await req.json();`,
        `await prisma.user.findFirst({ where: { OR: [{ email: login }, { username: login }] } });`,
        `await User.findOne({ $or: [{ _id: params.id }, { slug: params.id }] });`,
        `await prisma.note.findMany({ where: { OR: [{ ownerId: login }, { isPublic: true }] } });`,
      ]),
    ).toEqual(['user: email=request:req.json().login username=request:req.json().login', 'User: _id=request:params.id slug=request:params.id', 'note: ']);
  });

  it('does not take names that only start like the caller (`messageId`, `memberId`) for the caller', async () => {
    expect(await filtersOf([`async function load(messageId, memberId, me) { return prisma.message.findMany({ where: { id: messageId, memberId, userId: me.id } }); }`, `await load(params.id, params.memberId);`])).toEqual([
      'message: id=?:messageId memberId=?:memberId userId=session:me.id',
    ]);
  });

  it("reads the where of Drizzle's relational queries (an eq() call; a callback is not read)", async () => {
    expect(
      await filtersOf([
        `await db.query.messages.findMany({ where: and(eq(messages.channelId, params.id), eq(messages.userId, user.id)) });`,
        `await db.query.posts.findFirst({ where: (p, { eq }) => eq(p.id, params.id) });`,
      ]),
    ).toEqual(['messages: channelId=request:params.id userId=session:user.id', 'posts: ']);
  });

  it('follows local variables back to the request or the session', async () => {
    expect(
      await filtersOf([
        `const session = await getServerSession();`,
        `const { id } = params;`,
        `const body = await req.json();`,
        `const userId = session.user.id;`,
        `await prisma.note.update({ where: { id, userId }, data: body });`,
        `await prisma.tag.delete({ where: { id: body.tagId } });`,
        `await Order.findById(new URL(req.url).searchParams.get('order'));`,
      ]),
    ).toEqual([
      'note: id=request:params.id userId=session:getServerSession().user.id',
      'tag: id=request:req.json().tagId',
      "Order: id=request:new URL(req.url).searchParams.get('order')",
    ]);
  });

  it('sees through conversions of the value (String, Number, trim, toLowerCase) and reads ilike', async () => {
    expect(
      await filtersOf([
        `const body = await req.json();`,
        `await supabase.from('invites').select('*').eq('token', String(body.token).trim()).maybeSingle();`,
        `await supabase.from('notes').delete().eq('id', Number(params.id));`,
        `await supabase.from('users').select('id').ilike('email', body.email.toLowerCase());`,
      ]),
    ).toEqual([
      'invites: token=request:req.json().token [user]',
      'notes: id=request:params.id [user]',
      'users: email=request:req.json().email [user]',
    ]);
  });

  it('reads Supabase chains, Drizzle, knex, raw SQL and Mongoose filters, and the client used', async () => {
    expect(
      await filtersOf([
        `const supabaseAdmin = createClient(url, process.env.SUPABASE_SERVICE_ROLE_KEY);`,
        `const { data: { user } } = await supabase.auth.getUser();`,
        `await supabaseAdmin.from('notes').delete().eq('id', params.id).eq('user_id', user.id);`,
        `await supabase.from('notes').select('*').match({ id: params.id });`,
        `await db.update(notes).set({ done: true }).where(and(eq(notes.id, params.id), eq(notes.userId, user.id)));`,
        `await knex('notes').where({ id: params.id }).del();`,
        `await pool.query('DELETE FROM notes WHERE id = $1 AND user_id = $2', [params.id, user.id]);`,
        `await Note.deleteOne({ _id: params.id, owner: user._id });`,
      ]),
    ).toEqual([
      'notes: id=request:params.id user_id=session:supabase.auth.getUser().data.user.id [service-role]',
      'notes: id=request:params.id [user]',
      'notes: id=request:params.id userId=session:supabase.auth.getUser().data.user.id',
      // knex: the `where` read and the `del` write both carry the filter.
      'notes: id=request:params.id',
      'notes: id=request:params.id',
      'notes: id=request:params.id user_id=session:supabase.auth.getUser().data.user.id',
      'Note: _id=request:params.id owner=session:supabase.auth.getUser().data.user._id',
    ]);
  });

  it('marks the touches of a function that compares the owner and rejects', async () => {
    expect(
      await filtersOf([
        `const note = await prisma.note.findUnique({ where: { id: params.id } });`,
        `if (note.userId !== user.id) return Response.json({ error: 'Forbidden' }, { status: 403 });`,
      ]),
    ).toEqual(['note: id=request:params.id [owner checked]']);
  });
});
