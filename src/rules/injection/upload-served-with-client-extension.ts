import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { isScript } from '../../classify/types.js';
import { calleePath, moduleConstants, propertyName, topLevelFunction } from '../../engine/ast-utils.js';
import { defineAstRule } from '../../engine/rule.js';
import { defineFileFact } from '../../model/facts.js';
import type { AstNode } from '../../parse/types.js';
import { bare, isFunction, walk } from '../access-control/ast-helpers.js';

/**
 * Uploads saved with the file name or extension the client sent, into a folder the app serves as static files
 * (CWE-434, CWE-79): multer's `diskStorage({ filename: (req, file, cb) => cb(null, file.originalname) })` with
 * `app.use('/uploads', express.static('uploads'))`. Static servers pick the content type by extension, so an uploaded
 * `.html` or `.svg` is served as a page of the site and its scripts run there. Left out: names and extensions the
 * server picks, a `fileFilter` that checks the extension, folders nothing serves, and multer's own random names (`dest`).
 */

/** Static file servers, with the folder they serve: express, serve-static, NestJS, koa-static, Hono. */
const STATIC_CALL = /\b(?:express\.static|serveStatic|useStaticAssets|koaStatic|staticServe|serveStaticFiles)\s*\(((?:[^()]|\([^()]*\))*)\)/g;
/** NestJS's `ServeStaticModule.forRoot({ rootPath })`, `@fastify/static`'s `root`. */
const ROOT_OPTION = /\b(?:rootPath|root)\s*:\s*((?:path\.)?(?:join|resolve)\((?:[^()]|\([^()]*\))*\)|['"`][^'"`]*['"`])/g;
const STRING_LITERAL = /(['"`])([^'"`$]*)\1/g;

/** The folders a file serves as static files, each as its path segments (`path.join(__dirname, '..', 'uploads')` → uploads). */
const servedFolders = defineFileFact(
  'folders served as static files',
  (f): string[][] | undefined => {
    if (!isScript(f.language) || (f.role !== 'server' && f.role !== 'shared') || !/static|rootPath/i.test(f.text)) return undefined;
    const found: string[][] = [];
    for (const m of f.text.matchAll(STATIC_CALL)) found.push(segmentsOf([...m[1].matchAll(STRING_LITERAL)].map((s) => s[2])));
    if (/ServeStaticModule|@fastify\/static|fastify-static/.test(f.text)) for (const m of f.text.matchAll(ROOT_OPTION)) found.push(segmentsOf([...m[1].matchAll(STRING_LITERAL)].map((s) => s[2])));
    const named = found.filter((s) => s.length > 0);
    return named.length ? named : undefined;
  },
  (parts) => parts.flatMap(([, folders]) => folders),
);

/** Server files that give multer a `fileFilter`: one of them may be the filter of a storage made in another file. */
const filesWithFileFilter = defineFileFact(
  'files with an upload fileFilter',
  (f) => (isScript(f.language) && f.role !== 'test' && f.text.includes('fileFilter') ? f.path : undefined),
  (parts) => parts.map(([, path]) => path),
);

interface Storage {
  /** The `filename` property whose function keeps what the client sent. */
  at: TSESTree.Property;
  destination: string[];
  /** The options object the storage is given in (`{ storage: diskStorage(…), fileFilter }`), if in place. */
  options?: TSESTree.ObjectExpression;
  /** The variable it is kept in (`const storage = multer.diskStorage(…)`), to find where it is given to multer. */
  name?: string;
}

/** Calls that take multer's options: `multer({ storage, fileFilter })`, NestJS's `FileInterceptor('file', { … })`. */
const MULTER_OPTIONS = /(?:^|\.)multer$|^(?:File|Files|FileFields|AnyFiles)Interceptor$/;

export const uploadServedWithClientExtension = defineAstRule({
  id: 'upload-served-with-client-extension',
  messageIds: ['unchecked', 'mimeOnly'],
  // (`src/config/multer.config.ts` is classified as a tool's configuration by its name.)
  appliesTo: { roles: ['server', 'shared', 'config'] },
  triggers: ['diskStorage'],
  create({ file, model, report }) {
    const storages: Storage[] = [];
    const filters: AstNode[] = [];
    const uses: TSESTree.ObjectExpression[] = [];
    return {
      CallExpression(node) {
        const callee = calleePath(node) ?? '';
        if (MULTER_OPTIONS.test(callee)) {
          const options = bare(node.arguments[callee.endsWith('Interceptor') ? 1 : 0] as AstNode | undefined);
          if (options?.type === 'ObjectExpression') uses.push(options);
          return;
        }
        if (!/(?:^|\.)diskStorage$/.test(callee)) return;
        const options = bare(node.arguments[0] as AstNode);
        if (options?.type !== 'ObjectExpression') return;
        const props = new Map<string, TSESTree.Property>();
        for (const p of options.properties) if (p.type === 'Property') props.set(propertyName(p) ?? '', p);
        const filename = props.get('filename');
        const destination = props.get('destination');
        if (!filename || !destination || !keepsClientName(filename.value as AstNode, moduleConstants(file.ast))) return;
        const folder = destinationOf(destination.value as AstNode, moduleConstants(file.ast));
        if (!folder?.length) return;
        const holder = node.parent?.type === 'Property' && node.parent.parent?.type === 'ObjectExpression' ? node.parent.parent : undefined;
        const name = node.parent?.type === 'VariableDeclarator' && node.parent.id.type === 'Identifier' ? node.parent.id.name : undefined;
        storages.push({ at: filename, destination: folder, options: holder, name });
      },
      Property(node) {
        if (propertyName(node) === 'fileFilter') filters.push(node.value as AstNode);
      },
      'Program:exit'() {
        if (!storages.length) return;
        const served = servedFolders(model);
        for (const storage of storages) {
          const folder = served.find((s) => storage.destination.includes(s[s.length - 1]));
          if (!folder) continue;
          // The filters of the options the storage is given in: in place, or where this file hands its variable to multer.
          // A storage this file does not hand to multer may get any filter of this file, or one in another file.
          const given = storage.options ? [storage.options] : uses.filter((o) => o.properties.some((p) => p.type === 'Property' && propertyName(p) === 'storage' && p.value.type === 'Identifier' && p.value.name === storage.name));
          let checks: ('extension' | 'mime' | 'none')[];
          if (given.length) checks = given.map((o) => filterOf(o, file));
          else if (filters.length) checks = [filters.map((f) => filterKind(f, file)).sort(byStrength)[0]];
          else if (filesWithFileFilter(model).some((p) => p !== file.path)) continue;
          else checks = ['none'];
          // The weakest use decides: one upload route without the check is enough.
          checks.sort(byStrength).reverse();
          if (checks[0] === 'extension') continue;
          report({
            messageId: checks[0] === 'mime' ? 'mimeOnly' : 'unchecked',
            node: storage.at,
            data: { destination: storage.destination.join('/'), served: folder.join('/') },
          });
        }
      },
    };
  },
});

/** A `filename` callback that names the file with what the client sent: its name, its extension, or its MIME type. */
function keepsClientName(value: AstNode, constants: ReadonlyMap<string, AstNode>): boolean {
  let fn = bare(value);
  if (fn?.type === 'Identifier') fn = bare(constants.get(fn.name));
  if (!fn || !isFunction(fn)) return false;
  let client = false;
  let checked = false;
  walk(fn.body as AstNode, (n) => {
    if (n.type === 'MemberExpression' && /^(?:originalname|mimetype)$/.test(propertyName(n) ?? '')) client = true;
    // A test of the name or type inside the callback (`/\.(png|jpe?g)$/i.test(ext)`, `allowed.includes(ext)`); a regex
    // that only cleans the name (`originalname.replace(/\s/g, '')`) is none.
    if (n.type === 'CallExpression' && n.callee.type === 'MemberExpression' && /^(?:test|match|includes|has|indexOf)$/.test(propertyName(n.callee) ?? '')) checked = true;
  });
  return client && !checked;
}

/** Where the files go, as path segments: `'uploads/'`, `path.join(__dirname, '../uploads')`, `(req, file, cb) => cb(null, 'public/img')`. */
function destinationOf(value: AstNode, constants: ReadonlyMap<string, AstNode>): string[] | undefined {
  let v = bare(value);
  if (v?.type === 'Identifier') v = bare(constants.get(v.name));
  if (!v) return undefined;
  if (isFunction(v)) {
    // The folder the callback hands to `cb(null, …)`.
    const cb = v.params[2]?.type === 'Identifier' ? v.params[2].name : undefined;
    let given: AstNode | undefined;
    walk(v.body as AstNode, (n) => {
      if (!given && n.type === 'CallExpression' && n.callee.type === 'Identifier' && n.callee.name === cb && n.arguments.length >= 2) given = n.arguments[1] as AstNode;
    });
    return given ? literalsPath(given, constants) : undefined;
  }
  return literalsPath(v, constants);
}

/** The string literals of an expression joined as a path, constants followed once (`const uploadDir = path.join(__dirname, '..', 'uploads')`). */
function literalsPath(node: AstNode, constants: ReadonlyMap<string, AstNode>, followed = false): string[] {
  const parts: string[] = [];
  walk(node, (n) => {
    if (n.type === 'Literal' && typeof n.value === 'string') parts.push(n.value);
    else if (n.type === 'TemplateLiteral') for (const q of n.quasis) parts.push(q.value.cooked ?? '');
    else if (n.type === 'Identifier' && !followed && !(n.parent?.type === 'MemberExpression' && n.parent.object === n) && !(n.parent?.type === 'CallExpression' && n.parent.callee === n)) {
      const bound = bare(constants.get(n.name));
      if (bound) parts.push(...literalsPath(bound, constants, true));
    }
  });
  return segmentsOf(parts);
}

function segmentsOf(parts: string[]): string[] {
  return parts.flatMap((p) => p.split(/[\\/]+/)).filter((s) => s && s !== '.' && s !== '..');
}

const STRENGTH = { extension: 2, mime: 1, none: 0 } as const;
/** Strongest check first. */
function byStrength(a: keyof typeof STRENGTH, b: keyof typeof STRENGTH): number {
  return STRENGTH[b] - STRENGTH[a];
}

/** What the `fileFilter` of multer's options checks ('none' without one). */
function filterOf(options: TSESTree.ObjectExpression, file: { text: string; ast?: TSESTree.Program }): 'extension' | 'mime' | 'none' {
  const filter = options.properties.find((p): p is TSESTree.Property => p.type === 'Property' && propertyName(p) === 'fileFilter');
  return filter ? filterKind(filter.value as AstNode, file) : 'none';
}

/** What a `fileFilter` checks: the file's extension or name, only the MIME type the client sent, or neither. */
function filterKind(filter: AstNode, file: { text: string; ast?: TSESTree.Program }): 'extension' | 'mime' | 'none' {
  let fn: AstNode | undefined = bare(filter);
  // `fileFilter: imageFilter`, defined at the top of this file.
  if (fn?.type === 'Identifier') fn = topLevelFunction(file.ast, fn.name) ?? fn;
  if (!fn) return 'none';
  const code = file.text.slice(fn.range[0], fn.range[1]);
  if (/originalname|extname|\bext\b|\.name\b/.test(code)) return 'extension';
  if (/mimetype/.test(code)) return 'mime';
  // A filter defined elsewhere (imported, or made by a call) is given the benefit of the doubt.
  return fn.type === 'Identifier' || fn.type === 'MemberExpression' || fn.type === 'CallExpression' ? 'extension' : 'none';
}

