import { readFileSync } from 'node:fs';

const manifest = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string; homepage?: string };

export const TOOL = {
  name: 'vibeaudit',
  version: manifest.version,
  informationUri: 'https://github.com/vibeaudit/vibeaudit',
} as const;
