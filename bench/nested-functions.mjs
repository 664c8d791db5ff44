// Rules that look at a whole function body once per call they check (a jwt.decode, a jwt.sign, a record saved after
// Object.assign) must not rescan that body every time: these generated servers have hundreds of such calls in one
// function, or in functions nested 60 deep. Each scan runs in its own process (bench/measure.mjs).
// Usage: npm run build && node bench/nested-functions.mjs
// Target (printed, not asserted): each scan under 3 CPU seconds; before the per-function caches they took 4–22 s.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const cases = {
  'jwt.decode in 60 nested functions': {
    deps: { express: '4.18.2', jsonwebtoken: '9.0.0' },
    files: {
      'src/server.js': (() => {
        const out = ["const jwt = require('jsonwebtoken');", 'module.exports = function outer(req, res) {'];
        for (let d = 0; d < 60; d++) {
          out.push(`function f${d}(x${d}) {`);
          for (let k = 0; k < 6; k++) out.push(`  const t${d}_${k} = jwt.decode(x${d}); if (t${d}_${k}.exp) x${d}.push(t${d}_${k}.exp + ${k});`);
        }
        return [...out, ...Array(60).fill('}'), '};'].join('\n');
      })(),
    },
  },
  '1,500 jwt.sign calls in one function': {
    deps: { express: '4.18.2', jsonwebtoken: '9.0.0' },
    files: {
      'src/server.js': ["const jwt = require('jsonwebtoken');", 'module.exports = function outer(req, res) {', ...Array.from({ length: 1500 }, (_, k) => `  const p${k} = { sub: req.user.id, n: ${k} }; res.write(jwt.sign(p${k}, process.env.SECRET, { algorithm: 'HS256' }));`), '};'].join('\n'),
    },
  },
  '800 records assigned from req.body and saved in one handler': {
    deps: { express: '4.18.2', mongoose: '7.0.0' },
    files: {
      'src/models/user.js': "const mongoose = require('mongoose'); module.exports = mongoose.model('User', new mongoose.Schema({ name: String, isAdmin: Boolean }));",
      'src/server.js': ["const express = require('express');", "const User = require('./models/user');", 'const app = express();', "app.post('/x', async (req, res) => {", ...Array.from({ length: 800 }, (_, k) => `  const u${k} = await User.findById(req.params.id); Object.assign(u${k}, req.body); await u${k}.save();`), '  res.json({ ok: true });', '});'].join('\n'),
    },
  },
};

const here = import.meta.dirname;
for (const [name, { deps, files }] of Object.entries(cases)) {
  const root = mkdtempSync(join(tmpdir(), 'vibeaudit-nested-'));
  try {
    writeFileSync(join(root, 'package.json'), JSON.stringify({ name: 'bench', version: '1.0.0', dependencies: deps }));
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(join(root, path, '..'), { recursive: true });
      writeFileSync(join(root, path), text + '\n');
    }
    const line = execFileSync(process.execPath, [join(here, 'measure.mjs'), 'scan', root], { encoding: 'utf8' }).trim().split('\n').pop();
    const { cpuSeconds, findings } = JSON.parse(line);
    console.log(`${name}: ${cpuSeconds.toFixed(2)} CPU s, ${findings} findings ${cpuSeconds < 3 ? 'ok' : 'OVER the 3 s target'}`);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}
