/**
 * A Next.js route handler that finds the signed-in user with Auth.js, turns away visitors without one, reads the body
 * into `body`, then runs `body` (the argument). `head` (imports, a schema) goes between the imports and the handler.
 */
export const nextRoute = (body: string, head?: string) =>
  [
    `import { auth } from '@/auth';`,
    `import { prisma } from '@/lib/prisma';`,
    ...(head === undefined ? [] : [head]),
    `export async function POST(req: Request) {`,
    `  const session = await auth();`,
    `  if (!session?.user?.id) return new Response('Unauthorized', { status: 401 });`,
    `  const body = await req.json();`,
    body,
    `  return Response.json({ ok: true });`,
    `}`,
    ``,
  ].join('\n');

/** The line `nextRoute`'s body starts on, after `head`'s lines. */
export const nextBodyLine = (head?: string) => 7 + (head === undefined ? 0 : head.split('\n').length);
