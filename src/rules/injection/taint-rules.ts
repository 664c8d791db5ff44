import type { Rule } from '../../engine/rule.js';
import { codeInjection } from './code-injection.js';
import { llmSystemPromptInjection } from './llm-system-prompt-injection.js';
import { commandInjection } from './command-injection.js';
import { nosqlInjection } from './nosql-injection.js';
import { openRedirect } from './open-redirect.js';
import { pathTraversal } from './path-traversal.js';
import { prototypePollution } from './prototype-pollution.js';
import { regexInjection } from './regex-injection.js';
import { sqlInjection } from './sql-injection.js';
import { ssrf } from './ssrf.js';
import { xss } from './xss.js';

/** Injection rules answered by the data-flow pass (src/dataflow). */
export const TAINT_RULES: readonly Rule[] = [sqlInjection, nosqlInjection, commandInjection, codeInjection, pathTraversal, ssrf, xss, openRedirect, prototypePollution, regexInjection, llmSystemPromptInjection];
