import { describe, expect, it } from 'vitest';
import { parseDockerfile, splitFlags } from '../../src/parse/dockerfile.js';

describe('parseDockerfile', () => {
  it('joins continuation lines, skips comments inside them and keeps line numbers', () => {
    const text = ['# syntax=docker/dockerfile:1', 'FROM node:20 AS build', 'RUN apt-get update \\', '  # a comment', '  && apt-get install -y curl', 'user node', ''].join('\n');
    const ins = parseDockerfile(text);
    expect(ins.map((i) => [i.keyword, i.args, i.line, i.endLine])).toEqual([
      ['FROM', 'node:20 AS build', 2, 2],
      ['RUN', 'apt-get update && apt-get install -y curl', 3, 5],
      ['USER', 'node', 6, 6],
    ]);
    expect(text.slice(ins[0].start, ins[0].end)).toBe('FROM node:20 AS build');
    expect(text.slice(ins[0].argsStart, ins[0].end)).toBe('node:20 AS build');
  });

  it('honours the escape directive and CRLF line endings', () => {
    const ins = parseDockerfile('# escape=`\r\nFROM mcr.microsoft.com/windows `\r\n  :ltsc2022\r\nRUN dir c:\\\r\n');
    expect(ins.map((i) => [i.keyword, i.args, i.line])).toEqual([
      ['FROM', 'mcr.microsoft.com/windows :ltsc2022', 2],
      ['RUN', 'dir c:\\', 4],
    ]);
  });

  it('keeps heredoc bodies inside their instruction', () => {
    const ins = parseDockerfile('FROM alpine:3.20\nRUN <<EOF\nUSER root\nEOF\nCMD ["sh"]\n');
    expect(ins.map((i) => [i.keyword, i.line, i.endLine])).toEqual([
      ['FROM', 1, 1],
      ['RUN', 2, 4],
      ['CMD', 5, 5],
    ]);
  });

  it('splits leading flags from words', () => {
    expect(splitFlags('--platform=$BUILDPLATFORM --link node:20 AS base')).toEqual({ flags: new Map([['platform', '$BUILDPLATFORM'], ['link', '']]), words: ['node:20', 'AS', 'base'] });
  });
});
