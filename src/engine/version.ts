import { readFileSync } from 'node:fs';
import { packageFile } from './package-files.js';

const manifest = JSON.parse(readFileSync(packageFile('package.json'), 'utf8')) as { version: string; homepage?: string };

export const TOOL = {
  name: 'vibeaudit',
  version: manifest.version,
  informationUri: 'https://github.com/vibeaudit/vibeaudit',
} as const;
