import { defineTaintRule } from './taint-rule.js';

/** Request data in an LLM's system prompt (OWASP LLM01, CWE-1427): the caller writes the instructions the model obeys. */
export const llmSystemPromptInjection = defineTaintRule({ id: 'llm-system-prompt-injection', sink: 'prompt', messageIds: ['request', 'message'] });
