import { describe, expect, it } from 'vitest';
import { findingsOf, ruleTester } from '../../helpers/rule-tester.js';

const PKG = JSON.stringify({ name: 'api', dependencies: { express: '^4.21.1', multer: '^1.4.5-lts.1' } });
const HEAD = "const path = require('path');\nconst express = require('express');\nconst multer = require('multer');\nconst app = express();\n";
const server = (code: string, more: Record<string, string> = {}) => ({ 'package.json': PKG, 'server/index.js': code, ...more });
const ORIGINAL = "const storage = multer.diskStorage({\n  destination: (req, file, cb) => cb(null, 'uploads/'),\n  filename: (req, file, cb) => cb(null, Date.now() + '-' + file.originalname),\n});\n";

ruleTester('upload-served-with-client-extension', {
  valid: [
    {
      name: 'the folder kept in a path.join constant and served by another file, with the extension checked',
      files: {
        'package.json': PKG,
        'backend/routes/documents.js': "const path = require('path');\nconst multer = require('multer');\nconst uploadDir = path.join(__dirname, '..', 'uploads');\nconst storage = multer.diskStorage({\n  destination: (req, file, cb) => cb(null, uploadDir),\n  filename: (req, file, cb) => cb(null, Date.now() + '-' + file.originalname.replace(/\\s+/g, '_')),\n});\nmodule.exports = multer({ storage, fileFilter: (req, file, cb) => cb(null, /\\.(png|jpe?g|pdf)$/i.test(path.extname(file.originalname))) });\n",
        'backend/server.js': "const path = require('path');\nconst express = require('express');\nconst app = express();\napp.use('/uploads', express.static(path.join(__dirname, 'uploads')));\nmodule.exports = app;\n",
      },
    },
    { name: 'a name and extension the server picks', files: server(`${HEAD}const storage = multer.diskStorage({\n  destination: 'uploads/',\n  filename: (req, file, cb) => cb(null, Date.now() + '.png'),\n});\napp.use('/uploads', express.static('uploads'));\n`) },
    { name: "multer's own random names", files: server(`${HEAD}const upload = multer({ dest: 'uploads/' });\napp.use('/uploads', express.static('uploads'));\n`) },
    { name: 'a folder nothing serves', files: server(`${HEAD}${ORIGINAL}const upload = multer({ storage });\napp.use(express.static('public'));\n`) },
    { name: 'a fileFilter that checks the extension', files: server(`${HEAD}${ORIGINAL}const upload = multer({ storage, fileFilter: (req, file, cb) => cb(null, /\\.(png|jpe?g)$/i.test(path.extname(file.originalname))) });\napp.use('/uploads', express.static(path.join(__dirname, 'uploads')));\n`) },
    {
      name: 'a check of the name inside the filename callback',
      files: server(`${HEAD}const storage = multer.diskStorage({\n  destination: 'uploads',\n  filename: (req, file, cb) => {\n    const ext = path.extname(file.originalname).toLowerCase();\n    if (!['.png', '.jpg'].includes(ext)) return cb(new Error('type'));\n    cb(null, Date.now() + ext);\n  },\n});\napp.use('/uploads', express.static('uploads'));\n`),
    },
    {
      name: 'a storage exported to a file that gives it a fileFilter',
      files: {
        'package.json': PKG,
        'src/multerConfig.js': "const multer = require('multer');\nconst storage = multer.diskStorage({\n  destination: 'uploads',\n  filename: (req, file, cb) => cb(null, file.originalname),\n});\nmodule.exports = { storage };\n",
        'src/routes.js': "const express = require('express');\nconst multer = require('multer');\nconst { storage } = require('./multerConfig');\nconst imageFilter = require('./imageFilter');\nconst upload = multer({ storage, fileFilter: imageFilter });\nconst router = express.Router();\nrouter.use('/files', express.static('uploads'));\nmodule.exports = router;\n",
      },
    },
  ],
  invalid: [
    {
      name: 'the folder kept in a constant built with path.join, served by another file under another expression',
      files: {
        'package.json': PKG,
        'backend/routes/documents.js': "const path = require('path');\nconst multer = require('multer');\nconst uploadDir = path.join(__dirname, '..', 'uploads');\nconst storage = multer.diskStorage({\n  destination: (req, file, cb) => cb(null, uploadDir),\n  filename: (req, file, cb) => cb(null, Date.now() + '-' + file.originalname.replace(/\\s+/g, '_')),\n});\nmodule.exports = multer({ storage });\n",
        'backend/server.js': "const path = require('path');\nconst express = require('express');\nconst app = express();\napp.use('/uploads', express.static(path.join(__dirname, 'uploads')));\nmodule.exports = app;\n",
      },
      errors: [{ messageId: 'unchecked', line: 6, file: 'backend/routes/documents.js' }],
    },
    {
      name: 'the original name, served from the same folder',
      files: server(`${HEAD}${ORIGINAL}const upload = multer({ storage });\napp.use('/uploads', express.static('uploads'));\napp.post('/avatar', upload.single('avatar'), (req, res) => res.json({ url: '/uploads/' + req.file.filename }));\n`),
      errors: [{ messageId: 'unchecked', line: 7, severity: 'high' }],
    },
    {
      name: 'a new name with the client extension, saved under a served public folder, served from another file',
      files: {
        'package.json': PKG,
        'src/upload.js': "const path = require('path');\nconst multer = require('multer');\nconst { v4: uuid } = require('uuid');\nmodule.exports = multer({\n  storage: multer.diskStorage({\n    destination: path.join(__dirname, '..', 'public', 'images'),\n    filename: (req, file, cb) => cb(null, uuid() + path.extname(file.originalname)),\n  }),\n});\n",
        'src/app.js': "const path = require('path');\nconst express = require('express');\nconst app = express();\napp.use(express.static(path.join(__dirname, '..', 'public')));\nmodule.exports = app;\n",
      },
      errors: [{ messageId: 'unchecked', line: 7, file: 'src/upload.js' }],
    },
    {
      name: 'a method-style storage with a cleaned original name, in a folder worked out from the root',
      files: server(`${HEAD}const storage = multer.diskStorage({\n  destination(req, file, cb) {\n    const root = path.normalize(\`\${__dirname}/..\`);\n    cb(null, \`\${root}/uploads/\`);\n  },\n  filename(req, file, cb) {\n    cb(null, \`\${Date.now()}_\${file.originalname.replace(/\\s/g, '')}\`);\n  },\n});\napp.use('/uploads', express.static('uploads'));\n`),
      errors: [{ messageId: 'unchecked', line: 10 }],
    },
    {
      name: 'a storage handed to multer without a filter in its own file, beside a filter of another upload elsewhere',
      files: {
        'package.json': PKG,
        'middlewares/multer-file.js': "const multer = require('multer');\nconst storage = multer.diskStorage({\n  destination: './public/files',\n  filename: function (_req, file, cb) {\n    const extension = file.originalname.slice(file.originalname.lastIndexOf('.'));\n    cb(null, Date.now() + extension);\n  },\n});\nconst upload = multer({ storage: storage });\nmodule.exports = { upload };\n",
        'imagen/fileUpload.js': "const multer = require('multer');\nconst fileFilter = function (req, file, cb) {\n  cb(null, ['image/png', 'image/jpeg'].includes(file.mimetype));\n};\nmodule.exports = multer({ storage: multer.memoryStorage(), fileFilter });\n",
        'models/server.js': "const express = require('express');\nconst app = express();\napp.use(express.static('public'));\nmodule.exports = app;\n",
      },
      errors: [{ messageId: 'unchecked', line: 4, file: 'middlewares/multer-file.js' }],
    },
    {
      name: 'a storage in a NestJS config file, handed to an interceptor in another file',
      files: {
        'package.json': JSON.stringify({ name: 'api', dependencies: { '@nestjs/core': '^10.4.0', '@nestjs/platform-express': '^10.4.0', multer: '^1.4.5-lts.1' } }),
        'src/config/multer.config.ts': "import { extname } from 'path';\nimport * as multer from 'multer';\nexport const storage = multer.diskStorage({\n  destination: './uploads',\n  filename: (req, file, cb) => cb(null, Date.now() + extname(file.originalname)),\n});\n",
        'src/main.ts': "import { NestFactory } from '@nestjs/core';\nimport { join } from 'path';\nimport { AppModule } from './app.module';\nasync function bootstrap() {\n  const app = await NestFactory.create(AppModule);\n  app.useStaticAssets(join(__dirname, '..', 'uploads'), { prefix: '/uploads/' });\n  await app.listen(3000);\n}\nbootstrap();\n",
        'src/products/products.controller.ts': "import { Controller, Post, UseInterceptors } from '@nestjs/common';\nimport { FileInterceptor } from '@nestjs/platform-express';\nimport { storage } from '../config/multer.config';\n@Controller('products')\nexport class ProductsController {\n  @Post()\n  @UseInterceptors(FileInterceptor('image', { storage: storage }))\n  create() {}\n}\n",
      },
      errors: [{ messageId: 'unchecked', line: 5, file: 'src/config/multer.config.ts' }],
    },
    {
      name: 'a MIME-type filter kept in a constant',
      files: server(`${HEAD}${ORIGINAL}const imageOnly = function (req, file, cb) {\n  cb(null, file.mimetype === 'image/png');\n};\nconst upload = multer({ storage, fileFilter: imageOnly });\napp.use('/uploads', express.static('uploads'));\n`),
      errors: [{ messageId: 'mimeOnly', line: 7 }],
    },
    {
      name: 'a filter of the MIME type only, and an extension from the MIME type, in a NestJS interceptor',
      files: {
        'package.json': JSON.stringify({ name: 'api', dependencies: { '@nestjs/core': '^10.4.0', '@nestjs/platform-express': '^10.4.0', multer: '^1.4.5-lts.1' } }),
        'src/main.ts': "import { NestFactory } from '@nestjs/core';\nimport { NestExpressApplication } from '@nestjs/platform-express';\nimport { join } from 'path';\nimport { AppModule } from './app.module';\nasync function bootstrap() {\n  const app = await NestFactory.create<NestExpressApplication>(AppModule);\n  app.useStaticAssets(join(__dirname, '..', 'uploads'), { prefix: '/uploads' });\n  await app.listen(3000);\n}\nbootstrap();\n",
        'src/files.controller.ts': "import { Controller, Post, UploadedFile, UseInterceptors } from '@nestjs/common';\nimport { FileInterceptor } from '@nestjs/platform-express';\nimport { diskStorage } from 'multer';\n@Controller('files')\nexport class FilesController {\n  @Post()\n  @UseInterceptors(FileInterceptor('file', {\n    storage: diskStorage({\n      destination: './uploads',\n      filename: (req, file, cb) => cb(null, `${Date.now()}.${file.mimetype.split('/')[1]}`),\n    }),\n    fileFilter: (req, file, cb) => cb(null, file.mimetype.startsWith('image/')),\n  }))\n  upload(@UploadedFile() file: Express.Multer.File) {\n    return { url: `/uploads/${file.filename}` };\n  }\n}\n",
      },
      errors: [{ messageId: 'mimeOnly', line: 10, file: 'src/files.controller.ts' }],
    },
  ],
});

describe('upload-served-with-client-extension messages', () => {
  it('name the folder saved to and the folder served', async () => {
    const [f] = await findingsOf('upload-served-with-client-extension', { files: server(`${HEAD}${ORIGINAL}app.use('/uploads', express.static(path.join(__dirname, '..', 'uploads')));\n`) });
    expect(f.message).toContain('Uploads are saved under `uploads` with the name or extension the client sent, nothing checks it, and `uploads` is served by the app');
  });
});
