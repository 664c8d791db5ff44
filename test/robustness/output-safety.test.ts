import { beforeAll, describe, expect, it } from 'vitest';
import { fakeToken } from '../../src/rules/secrets/fake.js';
import { runCli } from '../helpers/run-cli.js';
import { tempProject } from '../helpers/temp-project.js';

const key = (seed: string) => fakeToken('sk_' + 'live_', 99, 'b62', `output-safety-${seed}`);
const ESC = '\x1b';
const CLEAR = `${ESC}[2J`;
const RED = `${ESC}[31m`;
const TITLE = `${ESC}]0;pwned\x07`;
const RLO = '\u202e';
const HTML = '<img src=x onerror=alert(1)>';
const LINK = '](http://evil)';
const HOSTILE = `${LINK} ${HTML} \`\`\` | ${RED}red${CLEAR}${TITLE}${RLO}\b\r`;

/** Names and contents a hostile pull request could add. */
const FILES = {
  'package.json': JSON.stringify({ name: 'hostile', dependencies: { express: '4.19.2' } }),
  [`src/${CLEAR}clear${TITLE}.ts`]: `export const stripe = '${key('name-escape')}';\n`,
  [`src/[click](javascript:alert(1))${HTML}|pipe\`tick.ts`]: `export const stripe = '${key('name-markdown')}';\n`,
  'src/new\nline.ts': `export const stripe = '${key('name-newline')}';\n`,
  'src/content.ts': `export const stripe = '${key('content')}'; // ${HOSTILE}\n`,
  'src/routes.ts': [
    "import express from 'express';",
    "import { db } from './db';",
    'const app = express();',
    `app.get('/q', async (req, res) => res.json(await db.query("SELECT * FROM t WHERE a = '${HOSTILE.replace(/[\r\b]/g, '')}' AND b = " + req.query.b)));`,
    'app.listen(3000);',
    '',
  ].join('\n'),
};

/** Control characters other than the newline, and bidirectional overrides. */
const UNSAFE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;
const SGR = /\x1b\[[0-9;]*m/g;

/** Markdown with fenced blocks and code spans removed: what a renderer would treat as markup. */
function outsideCode(md: string): string {
  const noFences = md.replace(/^(`{3,})[^\n]*\n[\s\S]*?\n\1$/gm, '');
  return noFences.replace(/(?<!`|\\)(`+)(?!`)[\s\S]*?(?<!`)\1(?!`)/g, '');
}

describe('output safety: scanned content cannot drive the terminal or inject markdown', () => {
  let root: string;
  let openFindings: number;
  beforeAll(() => {
    root = tempProject(FILES);
    const json = runCli(['scan', root, '--format', 'json', '--offline']);
    const result = JSON.parse(json.stdout) as { findings: { file: string; suppression?: unknown }[] };
    openFindings = result.findings.filter((f) => !f.suppression).length;
    // Every hostile file produced a finding, so each one reaches the outputs below.
    for (const file of Object.keys(FILES).filter((f) => f.startsWith('src/') && f !== 'src/routes.ts')) {
      expect(result.findings.map((f) => f.file), JSON.stringify(file)).toContain(file);
    }
  }, 60_000);

  it('escapes control characters, ANSI sequences and bidi overrides in terminal output, with and without colour', () => {
    const plain = runCli(['scan', root, '--offline', '--verbose']);
    expect(plain.stdout).not.toMatch(UNSAFE);
    expect(plain.stdout).toContain('\\x1b[2J');
    // A newline in a file name does not start a line of its own.
    expect(plain.stdout).toContain('src/new\\nline.ts');
    expect(plain.stdout).not.toMatch(/^line\.ts/m);
    const coloured = runCli(['scan', root, '--offline', '--verbose', '--color']);
    for (const raw of [CLEAR, `${RED}red`, TITLE, RLO]) expect(coloured.stdout).not.toContain(raw);
    expect(coloured.stdout.replace(SGR, '')).not.toMatch(UNSAFE);
    // The checklist quotes findings (file names, messages) as evidence.
    const checklist = runCli(['checklist', root, '--offline', '--verbose']);
    expect(checklist.stdout).toContain('\\x1b[2J');
    expect(checklist.stdout).not.toMatch(UNSAFE);
    expect(checklist.stdout).not.toMatch(/^line\.ts/m);
  }, 60_000);

  it('keeps compact output to one line per finding, without control characters', () => {
    const r = runCli(['scan', root, '--offline', '--format', 'compact']);
    const lines = r.stdout.split('\n').filter(Boolean);
    expect(lines).toHaveLength(openFindings);
    for (const line of lines) {
      expect(line).toMatch(/^\S.*:\d+:\d+: (critical|high|medium|low|info) [a-z0-9-]+ /);
      expect(line).not.toMatch(UNSAFE);
    }
  }, 60_000);

  it('lets no link, image or HTML from a file name, snippet or message out of code in the markdown report', () => {
    for (const args of [['scan', root, '--offline', '--format', 'markdown', '--verbose'], ['checklist', root, '--offline', '--format', 'markdown', '--verbose']]) {
      const md = runCli(args).stdout;
      expect(md).not.toMatch(UNSAFE);
      if (args[0] === 'scan') expect(md).toContain('pwned\\u202e');
      const prose = outsideCode(md);
      expect(prose, args[0]).not.toContain('<img');
      expect(prose, args[0]).not.toMatch(/(?<!\\)\]\((?:http:\/\/evil|javascript:)/);
      // A fenced block is never closed early by the snippet's own backticks.
      const fences = md.split('\n').filter((l) => /^`{3,}/.test(l));
      expect(fences.length % 2, args[0]).toBe(0);
    }
  }, 60_000);
});
