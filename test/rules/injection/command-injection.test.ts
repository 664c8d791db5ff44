import { ruleTester } from '../../helpers/rule-tester.js';

const pkg = (deps: Record<string, string>) => JSON.stringify({ name: 'api', dependencies: deps });
const EXPRESS = pkg({ express: '^4.19.2' });

/** An Express router file with one route whose body is `lines`. */
const route = (lines: string[], imports: string[] = [`import { exec, execFile, execSync, spawn } from 'node:child_process';`]) =>
  [`import { Router } from 'express';`, ...imports, `export const tools = Router();`, `tools.post('/run', (req, res) => {`, ...lines.map((l) => `  ${l}`), `  res.end();`, `});`, ``].join('\n');

ruleTester('command-injection', {
  valid: [
    {
      name: 'a promise executor running a fixed command, whatever the helper is given',
      files: {
        'package.json': EXPRESS,
        'src/executors.ts': "const { execSync } = require('child_process');\nexport function run(label: string) {\n  return new Promise((resolve) => resolve({ label, out: execSync('git rev-parse HEAD').toString() }));\n}\n",
        'src/routes.ts': "import { Request, Response } from 'express';\nimport { run } from './executors';\nexport async function version(req: Request, res: Response) {\n  res.json(await run(req.body.label));\n}\n",
      },
    },
    {
      name: 'execFile and spawn with a fixed program and the value as one argument',
      files: {
        'package.json': EXPRESS,
        'server/routes/tools.ts': route([
          `execFile('ping', ['-c', '1', req.body.host]);`,
          `spawn('git', ['log', '--oneline', req.body.ref]);`,
          `spawn('sh', ['-c', 'echo "$1"', 'sh', req.body.msg]);`,
        ]),
      },
    },
    {
      name: 'an allow-list and a strict pattern before exec',
      files: {
        'package.json': EXPRESS,
        'server/routes/tools.ts': route([
          `const host = req.body.host;`,
          `if (!['a.example.com', 'b.example.com'].includes(host)) return res.status(400).end();`,
          'exec(`ping -c 1 ${host}`);',
          `if (!/^[a-z0-9-]+$/.test(req.body.name)) return res.status(400).end();`,
          `exec('npm view ' + req.body.name);`,
        ]),
      },
    },
    {
      name: 'numbers and shell quoting',
      files: {
        'package.json': pkg({ express: '^4.19.2', 'shell-quote': '^1.8.1' }),
        'server/routes/tools.ts': route(
          [`exec('ping -c ' + Number(req.body.count) + ' localhost');`, `exec('ping -c ' + parseInt(String(req.query.count), 10) + ' localhost');`, `exec('echo ' + quote([req.body.msg]));`],
          [`import { exec } from 'node:child_process';`, `import { quote } from 'shell-quote';`],
        ),
      },
    },
    {
      name: 'request data only in the options: working directory and environment',
      files: {
        'package.json': EXPRESS,
        'server/routes/tools.ts': route([`exec('git status', { cwd: req.body.dir });`, `execSync('ls', { env: { ...process.env, NAME: req.body.name } });`]),
      },
    },
    {
      name: "execa with an argument list and execa's $ template",
      files: {
        'package.json': pkg({ express: '^4.19.2', execa: '^9.1.0' }),
        'server/routes/tools.ts': route([`await execa('convert', [req.body.file, 'out.png']);`, 'await $`convert ${req.body.file} out.png`;', 'await execa({ cwd: \'/tmp\' })`convert ${req.body.file} out.png`;', 'await execa({ shell: false })`convert ${req.body.file}`;'], [`import { execa, $ } from 'execa';`]).replace(`(req, res) =>`, `async (req, res) =>`),
      },
    },
    {
      name: 'exec methods that are not child_process',
      files: {
        'package.json': pkg({ express: '^4.19.2', mongoose: '^8.4.0' }),
        'server/routes/tools.ts': route([`/a(b)/.exec(req.body.text);`, `User.find({ name: 'x' }).exec();`], [`import { User } from '../models/user';`]),
      },
    },
    {
      name: 'a constant command in a browser component',
      files: {
        'package.json': pkg({ react: '^18.3.1', vite: '^5.2.0' }),
        'src/components/Search.tsx': `export function Search() {\n  const q = new URLSearchParams(location.search).get('q');\n  return <p>{q}</p>;\n}\n`,
      },
    },
    {
      name: "a helper given an options object runs the binary the server chose, the request's URL only among its arguments",
      files: {
        'package.json': EXPRESS,
        'src/runner.js': "import { spawn } from 'node:child_process';\nexport function runProcess(command, args) {\n  return spawn(command, args, { shell: false });\n}\nexport async function analyze(options) {\n  const { binary } = options;\n  return runProcess(binary, ['--dump-json', '--', options.url]);\n}\nexport const probe = (opts) => runProcess(opts.binary, ['--version']);\n",
        'src/routes/analyze.js': "import { Router } from 'express';\nimport { analyze, probe } from '../runner.js';\nexport const r = Router();\nr.post('/analyze', async (req, res) => {\n  res.json(await analyze({ url: req.body.url, binary: process.env.YT_DLP ?? 'yt-dlp' }));\n  await probe({ binary: 'yt-dlp', url: req.body.url });\n});\n",
      },
    },
  ],
  invalid: [
    {
      name: 'a helper in another file that runs its argument inside a promise executor',
      files: {
        'package.json': EXPRESS,
        'src/executors.ts': "const { execSync } = require('child_process');\nfunction executeCommandSync(config: any) {\n  let response: any;\n  return new Promise((resolve) => {\n    try {\n      response = execSync(config);\n    } catch (error) {\n      resolve(error);\n    }\n    resolve(response.toString());\n  });\n}\nmodule.exports = { executeCommandSync };\n",
        'src/readme.ts': "import { Request, Response } from 'express';\nconst executors = require('./executors');\nexport function parse(req: Request, res: Response) {\n  const command = `curl ${req.body.url} > readme.md`;\n  executors.executeCommandSync(command).then(() => res.end());\n}\n",
      },
      errors: [{ messageId: 'request', line: 5, file: 'src/readme.ts' }],
    },
    {
      name: 'exec with a template and execSync with concatenation',
      files: {
        'package.json': EXPRESS,
        'server/routes/tools.ts': route([`const { host } = req.body;`, 'exec(`ping -c 1 ${host}`);', `execSync('convert ' + req.query.file + ' out.png');`]),
      },
      errors: [
        { messageId: 'request', line: 6 },
        { messageId: 'request', line: 7 },
      ],
    },
    {
      name: 'CommonJS require of child_process',
      files: {
        'package.json': EXPRESS,
        'server/app.js': `const express = require('express');\nconst cp = require('child_process');\nconst app = express();\napp.get('/whois', (req, res) => {\n  cp.exec('whois ' + req.query.domain, (e, out) => res.send(out));\n});\n`,
      },
      errors: [{ messageId: 'request', line: 5 }],
    },
    {
      name: 'spawn with shell: true, a client-chosen program, and sh -c',
      files: {
        'package.json': EXPRESS,
        'server/routes/tools.ts': route([
          `spawn('git', ['log', req.body.ref], { shell: true });`,
          `spawn(req.body.cmd, ['--version']);`,
          `spawn('sh', ['-c', req.body.script]);`,
          "execFile('/bin/bash', ['-c', `tar xf ${req.body.file}`]);",
        ]),
      },
      errors: [
        { messageId: 'request', line: 5 },
        { messageId: 'request', line: 6 },
        { messageId: 'request', line: 7 },
        { messageId: 'request', line: 8 },
      ],
    },
    {
      name: 'execaCommand, execa with shell, and shelljs',
      files: {
        'package.json': pkg({ express: '^4.19.2', execa: '^9.1.0', shelljs: '^0.8.5' }),
        'server/routes/tools.ts': route(
          [`await execaCommand('convert ' + req.body.file);`, "await execa(`convert ${req.body.file}`, { shell: true });", `shell.exec('git clone ' + req.body.repo);`],
          [`import { execa, execaCommand } from 'execa';`, `import shell from 'shelljs';`],
        ).replace(`(req, res) =>`, `async (req, res) =>`),
      },
      errors: [
        { messageId: 'request', line: 6 },
        { messageId: 'request', line: 7 },
        { messageId: 'request', line: 8 },
      ],
    },
    {
      name: "execa's template form with a shell",
      files: {
        'package.json': pkg({ express: '^4.19.2', execa: '^9.1.0' }),
        'server/routes/tools.ts': route(['await execa({ shell: true, cwd: root })`ls ${req.query.dir}`;', 'await $({ shell: true })`convert ${req.body.file} out.png`;'], [`import { execa, $ } from 'execa';`, `const root = '/srv';`]).replace(`(req, res) =>`, `async (req, res) =>`),
      },
      errors: [
        { messageId: 'request', line: 6 },
        { messageId: 'request', line: 7 },
      ],
    },
    {
      name: 'a helper in another file runs the command',
      files: {
        'package.json': EXPRESS,
        'server/lib/git.ts': `import { execSync } from 'node:child_process';\nexport function checkout(branch: string) {\n  return execSync('git checkout ' + branch).toString();\n}\n`,
        'server/routes/git.ts': `import express from 'express';\nimport { checkout } from '../lib/git';\nconst app = express();\napp.post('/checkout', (req, res) => {\n  res.send(checkout(req.body.branch));\n});\n`,
      },
      errors: [{ messageId: 'request', line: 3, file: 'server/lib/git.ts' }],
    },
    {
      name: 'a helper in the same file',
      files: {
        'package.json': EXPRESS,
        'server/routes/tools.ts': route([`convert(req.body.file);`]) + "function convert(file: string) {\n  exec(`convert ${file} out.png`);\n}\n",
      },
      errors: [{ messageId: 'request', line: 9 }],
    },
    {
      name: 'a WebSocket message',
      files: {
        'package.json': pkg({ ws: '^8.17.0' }),
        'server/ws.ts': `import { WebSocketServer } from 'ws';\nimport { exec } from 'node:child_process';\nconst wss = new WebSocketServer({ port: 8080 });\nwss.on('connection', (ws) => {\n  ws.on('message', (msg) => {\n    exec('say ' + msg.toString());\n  });\n});\n`,
      },
      errors: [{ messageId: 'message', line: 6 }],
    },
    {
      name: 'an AI agent runs the command the model wrote',
      files: {
        'package.json': pkg({ next: '^14.2.0', openai: '^4.47.0' }),
        'app/api/agent/route.ts': `import OpenAI from 'openai';\nimport { execSync } from 'node:child_process';\nconst openai = new OpenAI();\nexport async function POST(req: Request) {\n  const { task } = await req.json();\n  const r = await openai.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: task }] });\n  const cmd = r.choices[0].message.content ?? '';\n  return Response.json({ out: execSync(cmd).toString() });\n}\n`,
      },
      errors: [{ messageId: 'llm', line: 8 }],
    },
    {
      name: 'a helper given an options object runs the binary the request named in that field',
      files: {
        'package.json': EXPRESS,
        'src/runner.js': "import { spawn } from 'node:child_process';\nexport function runProcess(command, args) {\n  return spawn(command, args, { shell: false });\n}\nexport async function analyze(options) {\n  const { binary } = options;\n  return runProcess(binary, ['--dump-json', '--', options.url]);\n}\nexport const probe = (opts) => runProcess(opts.binary, ['--version']);\n",
        'src/routes/analyze.js': "import { Router } from 'express';\nimport { analyze, probe } from '../runner.js';\nexport const r = Router();\nr.post('/analyze', async (req, res) => {\n  res.json(await analyze({ url: 'https://example.com/v', binary: req.body.tool }));\n});\n",
      },
      errors: [
        { messageId: 'request', line: 3, file: 'src/runner.js' },
      ],
    },
    {
      name: "a helper given the request's body spread into its options object runs the binary it names",
      files: {
        'package.json': EXPRESS,
        'src/runner.js': "import { spawn } from 'node:child_process';\nexport function runProcess(command, args) {\n  return spawn(command, args, { shell: false });\n}\nexport async function analyze(options) {\n  const { binary } = options;\n  return runProcess(binary, ['--dump-json', '--', options.url]);\n}\nexport const probe = (opts) => runProcess(opts.binary, ['--version']);\n",
        'src/routes/analyze.js': "import { Router } from 'express';\nimport { analyze, probe } from '../runner.js';\nexport const r = Router();\nr.post('/analyze', async (req, res) => {\n  await probe({ ...req.body });\n});\n",
      },
      errors: [
        { messageId: 'request', line: 3, file: 'src/runner.js' },
      ],
    },
  ],
});
