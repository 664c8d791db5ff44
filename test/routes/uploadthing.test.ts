import { describe, expect, it } from 'vitest';
import { pkg, routesOf } from './helpers.js';
import { findingsOf } from '../helpers/rule-tester.js';

const PKG = pkg({ next: '14.2.0', uploadthing: '6.13.0', '@uploadthing/react': '6.7.0', 'next-auth': '4.24.7', '@prisma/client': '5.22.0' });
/** An UploadThing file router (`app/api/uploadthing/core.ts`) with `routes` as its properties, after `before`. */
const core = (before: string[], routes: string[]) =>
  [`import { createUploadthing, type FileRouter } from 'uploadthing/next';`, `import { getServerSession } from 'next-auth';`, `import { prisma } from '@/lib/db';`, `const f = createUploadthing();`, ...before, `export const ourFileRouter = {`, ...routes, `} satisfies FileRouter;`, ``].join('\n');

describe('UploadThing file routes', () => {
  it('each route is an upload endpoint judged by its middleware; what onUploadComplete writes is the route\'s too', async () => {
    const routes = await routesOf({
      'package.json': PKG,
      'app/api/uploadthing/core.ts': core(
        [],
        [
          `  avatar: f({ image: { maxFileSize: '4MB' } })`,
          `    .middleware(async () => {`,
          `      const session = await getServerSession();`,
          `      if (!session?.user) throw new Error('Unauthorized');`,
          `      return { userId: session.user.id };`,
          `    })`,
          `    .onUploadComplete(async ({ metadata, file }) => { await prisma.photo.create({ data: { url: file.url, userId: metadata.userId } }); }),`,
          `  attachment: f({ pdf: { maxFileSize: '16MB' } }).onUploadComplete(async ({ file }) => { await prisma.file.create({ data: { url: file.url } }); }),`,
        ],
      ),
    });
    expect(routes.map((r) => `${r.method} ${r.path} ${r.auth} ${r.line} ${r.touches.map((t) => `${t.kind}:${t.target}`).join(',')}`)).toEqual([
      'POST /api/uploadthing?slug=avatar required 6 write:storage:uploadthing,write:photo',
      'POST /api/uploadthing?slug=attachment none 13 write:storage:uploadthing,write:file',
    ]);
  });

  it("the template's placeholder auth returns a made-up user for everyone: the check after it stops no one", async () => {
    const files = {
      'package.json': PKG,
      'src/app/api/uploadthing/core.js': core(
        [`const auth = (req) => ({ id: 'fakeId' });`],
        [`  imageUploader: f({ image: { maxFileSize: '4MB' } })`, `    .middleware(async ({ req }) => {`, `      const user = await auth(req);`, `      if (!user) throw new Error('Unauthorized');`, `      return { userId: user.id };`, `    })`, `    .onUploadComplete(async () => {}),`],
      ),
    };
    const [route] = await routesOf(files);
    expect(`${route.auth} ${route.evidence}`).toBe("none `auth` is a placeholder that returns the same made-up user for every caller (`{ id: 'fakeId' }`), so the check after it passes for anyone (src/app/api/uploadthing/core.js:5)");
    expect((await findingsOf('route-without-auth', { files })).map((f) => `${f.file}:${f.range.startLine}`)).toEqual(['src/app/api/uploadthing/core.js:7']);
  });
});
