import { defineProjectFact } from '../model/facts.js';
import type { ProjectModel, SourceFile } from '../model/types.js';

/**
 * Oak, Deno's Koa-like server (`new Router()`, `router.get(path, ...middleware, handler)`, `app.use(router.routes())`,
 * `ctx.params`, `ctx.state`), read as Koa. Imported by URL (`https://deno.land/x/oak@v12/mod.ts`), from JSR
 * (`jsr:@oak/oak`), through an import map (`"@oak/oak": "jsr:@oak/oak@^17"`) or npm (`@oakserver/oak`).
 */
export const OAK_SOURCE = /^(?:https:\/\/deno\.land\/x\/oak(?:@[^/]+)?\/|jsr:@oak\/oak\b|npm:@oakserver\/oak\b|@oak\/oak\b|@oakserver\/oak\b|oak$)/;

/** The classes an Oak app is made of. */
export const OAK_CLASS = /^(?:Router|Application)$/;

/** A Deno dependency file re-exporting what the project uses (`deps.ts`, by convention). */
export const DENO_DEPS = /(?:^|\/)deps\.[jt]s$/;

const OAK_IN_TEXT = /["'](?:https:\/\/deno\.land\/x\/oak(?:@[^/"']+)?\/|jsr:@oak\/oak|npm:@oakserver\/oak)/;
const DENO_CONFIG = /(?:^|\/)(?:deno\.jsonc?|import_map\.json|deps\.[jt]s)$/;

/** Folders whose Deno configuration or `deps.ts` brings in Oak: their files are read as Oak when they import nothing themselves. */
const oakFolders = defineProjectFact('oak folders', (model) => {
  const out: string[] = [];
  for (const f of model.files) if (DENO_CONFIG.test(f.path) && OAK_IN_TEXT.test(f.text)) out.push(f.path.includes('/') ? f.path.slice(0, f.path.lastIndexOf('/')) : '');
  return out.sort();
});

/** The file is in a Deno project that uses Oak (a `deno.json` import map, an `import_map.json` or a `deps.ts` above it). */
export function inOakProject(file: SourceFile, model: ProjectModel): boolean {
  const folders = oakFolders(model);
  return folders.length > 0 && folders.some((dir) => dir === '' || file.path.startsWith(`${dir}/`));
}
