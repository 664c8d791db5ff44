import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../src/config/types.js';
import { decodeSource, lineStartsOf, looksMinified } from '../../src/discover/read.js';
import { scanVirtual } from '../../src/engine/scan.js';
import { AWS_ID } from '../rules/secrets/fakes.js';

const PREFIX = '//# sourceMappingURL=data:application/json;charset=utf-8;base64,';
/** Base 64 as an inline source map holds it: long, one line, with `/` and `+` among the letters. */
const base64 = (length: number, inside = '') => {
  const filler = 'eyJ2ZXJzaW9uIjozLCJuYW1lcyI6WyJfZXhwcmVzcyJdLCJzb3VyY2VzIjpbIi4uL3NyYy9h/+';
  const half = filler.repeat(Math.ceil(length / 2 / filler.length)).slice(0, length / 2);
  return `${half}${inside}${half}`;
};
const bytes = (text: string) => Buffer.from(text, 'utf8');

describe('decodeSource', () => {
  it('leaves out the data of an inline source map the file ends with, and keeps the comment and the lines', () => {
    const code = '"use strict";\nconst x = 1;\n';
    for (const marker of [PREFIX, '//@ sourceMappingURL=data:application/json;base64,']) {
      for (const end of ['', '\n', '\r\n', '\n\n']) {
        const text = decodeSource(bytes(`${code}${marker}${base64(8000)}${end}`));
        expect(text).toBe(`${code}${marker}${end}`);
      }
    }
  });

  it('keeps the data when anything but base 64 follows it, or it is not an inline map at the end', () => {
    const cases = [
      // Code after the map: the comment is not the file's end.
      `${PREFIX}${base64(8000)}\nmodule.exports = 1;\n`,
      // In a string (a closing quote follows), or a map written by code.
      `const map = "${PREFIX}${base64(8000)}";\n`,
      `emit("${PREFIX}" + ${JSON.stringify(base64(8000))});\n`,
      // Not base 64 (URL-encoded JSON), and a map in a file of its own.
      `//# sourceMappingURL=data:application/json,${'%7B%22version%22%3A3%7D'.repeat(400)}\n`,
      `x();\n//# sourceMappingURL=index.js.map\n`,
      // Not a comment: `//#` must open it.
      `x = a/# sourceMappingURL=data:application/json;base64,${base64(8000)}\n`,
    ];
    for (const text of cases) expect(decodeSource(bytes(text))).toBe(text);
  });

  it('reads UTF-8 code before the map as decodeText does (a BOM dropped, characters intact)', () => {
    const code = '\ufeffconst greeting = "héllo – 你好";\n';
    expect(decodeSource(bytes(`${code}${PREFIX}${base64(4000)}\n`))).toBe(`${code.slice(1)}${PREFIX}\n`);
  });

  it('judges a compiled file by its code, not by the length of its map', () => {
    const code = 'exports.a = 1;\n'.repeat(20);
    const withMap = `${code}${PREFIX}${base64(20000)}\n`;
    expect(looksMinified(withMap)).toBe(true);
    expect(looksMinified(decodeSource(bytes(withMap)))).toBe(false);
  });
});

describe('compiled files with inline source maps in a scan', () => {
  // tsc with inlineSourceMap, or Babel: readable code, one file per source, its map at the end.
  const compiled = (code: string, inside = '') => `"use strict";\n${code}${PREFIX}${base64(30000, inside)}\n`;
  const handler = `const express = require("express");\nconst router = express.Router();\nrouter.post("/users", async (req, res) => {\n  res.json(await db.user.create({ data: req.body }));\n});\nmodule.exports = router;\n`;

  it('parses their code and runs the server rules on it, as for a file with a map of its own', async () => {
    const files = { 'package.json': JSON.stringify({ name: 'api', dependencies: { express: '^4.19.0' } }), 'lib/routes/users.js': compiled(handler) };
    const result = await scanVirtual(files, { config: defaultConfig(), offline: true });
    expect(result.files.find((f) => f.path === 'lib/routes/users.js')).toMatchObject({ role: 'server' });
    expect(result.findings.filter((f) => f.ruleId === 'mass-assignment').map((f) => [f.file, f.range.startLine])).toEqual([['lib/routes/users.js', 5]]);
  });

  it('reports nothing that only the base 64 of the map spells', async () => {
    // An AWS access key ID inside the data, between two base-64 slashes: matched there, it reads as one.
    const lookalike = `/${AWS_ID}/`;
    const files = { 'package.json': JSON.stringify({ name: 'api', dependencies: { express: '^4.19.0' } }), 'lib/index.js': compiled('exports.ok = true;\n', lookalike), 'lib/key.js': `exports.key = "${AWS_ID}";\n` };
    const result = await scanVirtual(files, { config: defaultConfig(), offline: true });
    expect(result.findings.filter((f) => f.ruleId === 'hardcoded-secret').map((f) => f.file)).toEqual(['lib/key.js']);
  });
});

describe('lineStartsOf', () => {
  it('counts each line break the parsers count, alone in a file or mixed', () => {
    expect(lineStartsOf('a\nb\n')).toEqual([0, 2, 4]);
    expect(lineStartsOf('a\rb')).toEqual([0, 2]);
    expect(lineStartsOf('a\r\nb')).toEqual([0, 3]);
    expect(lineStartsOf('a\u2028b')).toEqual([0, 2]);
    expect(lineStartsOf('a\u2029b\nc')).toEqual([0, 2, 4]);
    expect(lineStartsOf('é\nb')).toEqual([0, 2]);
    expect(lineStartsOf('')).toEqual([0]);
  });
});
