import type { Rule } from '../../engine/rule.js';
import { redosRegex } from './redos-regex.js';
import { unescapedTemplateOutput } from './unescaped-template-output.js';
import { uploadServedWithClientExtension } from './upload-served-with-client-extension.js';

/** Rules of the injection family that need no data flow, in the order they are documented. */
export const INJECTION_RULES: readonly Rule[] = [redosRegex, unescapedTemplateOutput, uploadServedWithClientExtension];
