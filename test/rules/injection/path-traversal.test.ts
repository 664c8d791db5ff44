import { ruleTester } from '../../helpers/rule-tester.js';

const pkg = (deps: Record<string, string>) => JSON.stringify({ name: 'api', dependencies: deps });
const EXPRESS = pkg({ express: '^4.19.2' });

/** An Express router file, with fs, path and a ROOT folder, and one route whose body is `lines`. */
const route = (lines: string[]) =>
  [
    `import { Router } from 'express';`,
    `import fs from 'node:fs';`,
    `import path from 'node:path';`,
    `export const files = Router();`,
    `const ROOT = path.resolve('uploads');`,
    `files.get('/files/:name', async (req, res) => {`,
    ...lines.map((l) => `  ${l}`),
    `});`,
    ``,
  ].join('\n');

ruleTester('path-traversal', {
  valid: [
    {
      name: 'path.basename keeps only the file name',
      files: { 'package.json': EXPRESS, 'server/routes/files.ts': route([`res.send(fs.readFileSync(path.join(ROOT, path.basename(req.params.name))));`]) },
    },
    {
      name: 'the resolved path is checked against the root',
      files: {
        'package.json': EXPRESS,
        'server/routes/files.ts': route([`const full = path.resolve(ROOT, String(req.query.file));`, `if (!full.startsWith(ROOT + path.sep)) return res.status(403).end();`, `res.send(fs.readFileSync(full));`]),
      },
    },
    {
      name: 'a root check with a block that returns',
      files: {
        'package.json': EXPRESS,
        'server/routes/files.ts': route([`const full = path.normalize(path.join(ROOT, String(req.query.p)));`, `if (!full.startsWith(ROOT)) {`, `  res.status(403).end();`, `  return;`, `}`, `res.send(await fs.promises.readFile(full));`]),
      },
    },
    {
      name: "names containing '..' are rejected",
      files: {
        'package.json': EXPRESS,
        'server/routes/files.ts': route([`const name = String(req.query.name);`, `if (name.includes('..')) return res.status(400).end();`, `res.send(fs.readFileSync(path.join(ROOT, name)));`]),
      },
    },
    {
      name: 'sendFile and download with a root option, and constant paths',
      files: {
        'package.json': EXPRESS,
        'server/routes/files.ts': route([`res.sendFile(req.params.name, { root: ROOT });`, `res.download(req.params.name, 'report.pdf', { root: ROOT });`, `res.sendFile(path.join(ROOT, 'index.html'));`]),
      },
    },
    {
      name: 'numbers and sanitize-filename',
      files: {
        'package.json': pkg({ express: '^4.19.2', 'sanitize-filename': '^1.6.3' }),
        'server/routes/files.ts': route([`fs.readFileSync(path.join(ROOT, \`\${Number(req.query.id)}.json\`));`, `fs.writeFileSync(path.join(ROOT, sanitize(req.body.name)), req.body.content);`]).replace(
          `import path from 'node:path';`,
          `import path from 'node:path';\nimport sanitize from 'sanitize-filename';`,
        ),
      },
    },
    {
      name: 'paths multer chose for a NestJS upload',
      files: {
        'package.json': pkg({ '@nestjs/core': '^10.4.0', '@nestjs/platform-express': '^10.4.0' }),
        'src/files.controller.ts': `import { Controller, Post, UploadedFile, UseInterceptors } from '@nestjs/common';\nimport { FileInterceptor } from '@nestjs/platform-express';\nimport * as fs from 'node:fs';\n@Controller('files')\nexport class FilesController {\n  @Post()\n  @UseInterceptors(FileInterceptor('file', { dest: 'uploads/' }))\n  upload(@UploadedFile() file: Express.Multer.File) {\n    const data = fs.readFileSync(file.path);\n    fs.unlinkSync(file.destination + '/' + file.filename);\n    return { size: data.length };\n  }\n}\n`,
      },
    },
    {
      name: 'paths multer chose for an upload',
      files: {
        'package.json': pkg({ express: '^4.19.2', multer: '^1.4.5-lts.1' }),
        'server/routes/upload.ts': `import { Router } from 'express';\nimport multer from 'multer';\nimport fs from 'node:fs';\nconst upload = multer({ dest: 'uploads/' });\nexport const r = Router();\nr.post('/avatar', upload.single('avatar'), (req, res) => {\n  const data = fs.readFileSync(req.file!.path);\n  fs.unlinkSync(req.file.path);\n  res.json({ size: data.length, name: req.file.filename });\n});\n`,
      },
    },
    {
      // Ghost's upload middleware: the helper reads the path multer set on the file it is given.
      name: 'an upload passed whole to a helper that deletes its path on disk',
      files: {
        'package.json': pkg({ express: '^4.19.2', multer: '^1.4.5-lts.1' }),
        'server/middleware/upload.js': `const fs = require('fs-extra');\nconst multer = require('multer');\nconst upload = multer({ dest: '/tmp' });\nconst deleteSingleFile = (file) => {\n  if (!file.path) return;\n  fs.unlink(file.path).catch(() => {});\n};\nconst removeAll = (files) => files.forEach(deleteSingleFile);\nmodule.exports = (req, res, next) => upload.single('file')(req, res, () => {\n  res.on('finish', () => (req.files ? removeAll(req.files) : deleteSingleFile(req.file)));\n  next();\n});\n`,
      },
    },
    {
      name: 'paths of uploaded files reached through a copy of req.files',
      files: {
        'package.json': pkg({ express: '^4.19.2', multer: '^1.4.5-lts.1' }),
        'server/middleware/cleanup.js': `const fs = require('fs');\nmodule.exports = function cleanup(req, res, next) {\n  const uploaded = req.files || [];\n  res.on('finish', () => {\n    uploaded.forEach((f) => fs.unlink(f.path, () => {}));\n    for (const f of uploaded) fs.unlinkSync(f.destination + '/' + f.filename);\n  });\n  next();\n};\n`,
      },
    },
    {
      name: 'a request value only in the file content',
      files: { 'package.json': EXPRESS, 'server/routes/files.ts': route([`fs.writeFileSync(path.join(ROOT, 'notes.txt'), req.body.text);`, `res.end();`]) },
    },
    {
      name: 'archive entries checked against the target folder, or reduced to their base name',
      files: {
        'package.json': pkg({ 'adm-zip': '^0.5.14' }),
        'server/lib/extract.ts': `import AdmZip from 'adm-zip';\nimport fs from 'node:fs';\nimport path from 'node:path';\nexport function extract(upload: Buffer, dest: string) {\n  const root = path.resolve(dest);\n  for (const entry of new AdmZip(upload).getEntries()) {\n    const target = path.resolve(root, entry.entryName);\n    if (!target.startsWith(root + path.sep)) continue;\n    fs.writeFileSync(target, entry.getData());\n  }\n  for (const entry of new AdmZip(upload).getEntries()) {\n    fs.writeFileSync(path.join(root, path.basename(entry.entryName)), entry.getData());\n  }\n}\n`,
      },
    },
    {
      name: "Nuxt: a path parameter of h3's event checked against the folder first, and a context value that is not a parameter",
      files: {
        'package.json': pkg({ nuxt: '^3.12.0' }),
        'server/api/storage/[...].ts': `import fs from 'node:fs';\nimport { resolve, sep } from 'node:path';\nconst ROOT = resolve('./storage');\nexport default defineEventHandler((event) => {\n  const file = resolve(ROOT, event.context.params._);\n  if (!file.startsWith(ROOT + sep)) throw createError({ statusCode: 400 });\n  return sendStream(event, fs.createReadStream(file));\n});\n`,
        'server/api/me.get.ts': `import fs from 'node:fs';\nexport default defineEventHandler((event) => fs.readFileSync('./avatars/' + event.context.user.id + '.png'));\n`,
      },
    },
  ],
  invalid: [
    {
      name: "Nuxt: h3's path parameters as the router put them on the event (`event.context.params`)",
      files: {
        'package.json': pkg({ nuxt: '^3.12.0' }),
        'server/api/storage/[...].ts': `import fs from 'node:fs';\nimport { sendStream } from 'h3';\nexport default defineEventHandler((event) => {\n  const path = event.context.params._;\n  return sendStream(event, fs.createReadStream('./storage/' + path));\n});\n`,
      },
      errors: [{ messageId: 'request', line: 5 }],
    },
    {
      name: 'fs calls with URL parameters, the query string and the body',
      files: {
        'package.json': EXPRESS,
        'server/routes/files.ts': route([
          `const data = fs.readFileSync(path.join(ROOT, req.params.name));`,
          `const raw = await fs.promises.readFile(\`./data/\${req.query.file}\`, 'utf8');`,
          `await fs.promises.unlink(path.join(ROOT, req.body.name));`,
          `fs.writeFileSync(ROOT + '/' + req.body.name, req.body.content);`,
          `res.send(data + raw);`,
        ]),
      },
      errors: [
        { messageId: 'request', line: 7 },
        { messageId: 'request', line: 8 },
        { messageId: 'request', line: 9 },
        { messageId: 'request', line: 10 },
      ],
    },
    {
      name: 'sendFile and download without a root',
      files: {
        'package.json': EXPRESS,
        'server/routes/files.ts': route([`if (req.query.download) return res.download(String(req.query.path));`, `res.sendFile(path.resolve('public', String(req.query.f)));`]),
      },
      errors: [
        { messageId: 'request', line: 7 },
        { messageId: 'request', line: 8 },
      ],
    },
    {
      name: 'fs/promises imported by name, destructured body',
      files: {
        'package.json': EXPRESS,
        'server/routes/notes.ts': `import express from 'express';\nimport { readFile, writeFile } from 'node:fs/promises';\nconst app = express();\napp.put('/notes', async (req, res) => {\n  const { name, text } = req.body;\n  await writeFile(\`notes/\${name}.md\`, text);\n  res.send(await readFile(\`notes/\${name}.md\`, 'utf8'));\n});\n`,
      },
      errors: [
        { messageId: 'request', line: 6 },
        { messageId: 'request', line: 7 },
      ],
    },
    {
      name: 'the original name of an upload',
      files: {
        'package.json': pkg({ express: '^4.19.2', multer: '^1.4.5-lts.1' }),
        'server/routes/upload.ts': `import { Router } from 'express';\nimport multer from 'multer';\nimport fs from 'node:fs';\nimport path from 'node:path';\nconst upload = multer({ dest: 'tmp/' });\nexport const r = Router();\nr.post('/doc', upload.single('doc'), (req, res) => {\n  fs.renameSync(req.file.path, path.join('public/docs', req.file.originalname));\n  res.end();\n});\n`,
      },
      errors: [{ messageId: 'request', line: 8 }],
    },
    {
      name: 'a helper given an upload, and one given the body, that use a name the client chose',
      files: {
        'package.json': pkg({ express: '^4.19.2', multer: '^1.4.5-lts.1' }),
        'server/routes/upload.js': `const fs = require('fs');\nconst keep = (file) => fs.renameSync(file.path, 'public/' + file.originalname);\nconst remove = (file) => fs.unlinkSync(file.path);\nconst router = require('express').Router();\nrouter.post('/doc', (req, res) => {\n  keep(req.file);\n  remove(req.body);\n  res.end();\n});\nmodule.exports = router;\n`,
      },
      // Reported at the sinks, in the helpers.
      errors: [
        { messageId: 'request', line: 2 },
        { messageId: 'request', line: 3 },
      ],
    },
    {
      name: 'the original name of each upload, through a loop',
      files: {
        'package.json': pkg({ express: '^4.19.2', multer: '^1.4.5-lts.1' }),
        'server/routes/upload.js': `const fs = require('fs');\nconst path = require('path');\nconst router = require('express').Router();\nrouter.post('/docs', (req, res) => {\n  const files = req.files;\n  files.forEach((f) => fs.renameSync(f.path, path.join('public', f.originalname)));\n  res.end();\n});\nmodule.exports = router;\n`,
      },
      errors: [{ messageId: 'request', line: 6 }],
    },
    {
      name: 'a Next.js dynamic route segment',
      files: {
        'package.json': pkg({ next: '^14.2.0' }),
        'app/api/docs/[slug]/route.ts': `import { promises as fs } from 'node:fs';\nimport path from 'node:path';\nexport async function GET(_req: Request, { params }: { params: { slug: string } }) {\n  const file = path.join(process.cwd(), 'content', params.slug + '.md');\n  return new Response(await fs.readFile(file, 'utf8'));\n}\n`,
      },
      errors: [{ messageId: 'request', line: 5 }],
    },
    {
      name: 'a helper in another file reads the file',
      files: {
        'package.json': EXPRESS,
        'server/lib/storage.ts': `import fs from 'node:fs/promises';\nimport path from 'node:path';\nconst ROOT = path.resolve('storage');\nexport async function readUserFile(name: string) {\n  return fs.readFile(path.join(ROOT, name), 'utf8');\n}\n`,
        'server/routes/storage.ts': `import express from 'express';\nimport { readUserFile } from '../lib/storage';\nconst app = express();\napp.get('/file', async (req, res) => {\n  res.send(await readUserFile(String(req.query.name)));\n});\n`,
      },
      errors: [{ messageId: 'request', line: 5, file: 'server/lib/storage.ts' }],
    },
    {
      name: 'a helper in the same file',
      files: {
        'package.json': EXPRESS,
        'server/routes/files.ts': route([`res.send(load(req.params.name));`]) + `function load(name: string) {\n  return fs.readFileSync(path.join(ROOT, name));\n}\n`,
      },
      errors: [{ messageId: 'request', line: 10 }],
    },
    {
      name: 'a WebSocket message names the file',
      files: {
        'package.json': pkg({ ws: '^8.17.0' }),
        'server/ws.ts': `import { WebSocketServer } from 'ws';\nimport fs from 'node:fs';\nconst wss = new WebSocketServer({ port: 8080 });\nwss.on('connection', (ws) => {\n  ws.on('message', (raw) => {\n    const msg = JSON.parse(raw.toString());\n    ws.send(fs.readFileSync('logs/' + msg.file, 'utf8'));\n  });\n});\n`,
      },
      errors: [{ messageId: 'message', line: 7 }],
    },
    {
      name: 'zip slip with adm-zip, unzipper and yauzl',
      files: {
        'package.json': pkg({ 'adm-zip': '^0.5.14', unzipper: '^0.11.6', yauzl: '^3.1.3' }),
        'server/lib/extract.ts': `import AdmZip from 'adm-zip';\nimport fs from 'node:fs';\nimport path from 'node:path';\nimport unzipper from 'unzipper';\nexport function extract(upload: Buffer, dest: string) {\n  for (const entry of new AdmZip(upload).getEntries()) {\n    fs.writeFileSync(path.join(dest, entry.entryName), entry.getData());\n  }\n}\nexport function extractStream(stream: NodeJS.ReadableStream, dest: string) {\n  stream.pipe(unzipper.Parse()).on('entry', (entry) => {\n    entry.pipe(fs.createWriteStream(path.join(dest, entry.path)));\n  });\n}\n`,
        'server/lib/unzip.js': `const yauzl = require('yauzl');\nconst fs = require('fs');\nconst path = require('path');\nfunction unzip(file, dest) {\n  yauzl.open(file, { lazyEntries: true }, (err, zipfile) => {\n    zipfile.on('entry', (entry) => {\n      const target = path.join(dest, entry.fileName);\n      zipfile.openReadStream(entry, (e, s) => s.pipe(fs.createWriteStream(target)));\n    });\n  });\n}\nmodule.exports = { unzip };\n`,
      },
      errors: [
        { messageId: 'archive', line: 7, file: 'server/lib/extract.ts' },
        { messageId: 'archive', line: 12, file: 'server/lib/extract.ts' },
        { messageId: 'archive', line: 8, file: 'server/lib/unzip.js' },
      ],
    },
    {
      name: 'zip slip with tar-stream',
      files: {
        'package.json': pkg({ 'tar-stream': '^3.1.7' }),
        'server/lib/untar.ts': `import tar from 'tar-stream';\nimport fs from 'node:fs';\nimport path from 'node:path';\nexport function untar(dest: string) {\n  const extract = tar.extract();\n  extract.on('entry', (header, stream, next) => {\n    stream.pipe(fs.createWriteStream(path.join(dest, header.name)));\n    stream.on('end', next);\n  });\n  return extract;\n}\n`,
      },
      errors: [{ messageId: 'archive', line: 7 }],
    },
    {
      name: 'the template file EJS renders named by the request',
      files: {
        'package.json': pkg({ express: '^4.19.2', ejs: '^3.1.10' }),
        'routes/sendmail.js': "const express = require('express');\nconst ejs = require('ejs');\nconst path = require('path');\nconst router = express.Router();\nrouter.post('/', async (req, res) => {\n  const html = await ejs.renderFile(req.body.template, JSON.parse(req.body.data));\n  const safe = await ejs.renderFile(path.join(__dirname, '../views/mail.ejs'), { name: req.body.name });\n  res.json({ html, safe });\n});\nmodule.exports = router;\n",
      },
      errors: [{ messageId: 'request', line: 6 }],
    },
  ],
});
