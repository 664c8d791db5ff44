import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { calleePath, memberPath, objectProperty, propertyName, staticString } from '../../engine/ast-utils.js';
import { defineAstRule } from '../../engine/rule.js';
import { bundlerEnvFill } from '../../model/bundler-config.js';
import type { AstNode } from '../../parse/types.js';
import { clientFileFacts, inServerCode, recordBinding, roleData, unwrap, valueSource, type Bindings, type ClientFileFacts, type ValueSource } from './client-code.js';
import { isReportedPublicSecretRead } from './public-env.js';
import { looksRandom, secretValueKind } from './secret-values.js';

/** A literal that is a real key, not `'dummy'`, `'not-needed'` or `'sk-...'` left for a proxy. */
function looksLikeKey(value: string): boolean {
  const v = value.replace(/^(?:Bearer|Token)\s+/i, '');
  return !!secretValueKind(v) || looksRandom(v);
}

interface Sdk {
  module: RegExp;
  /** Exported names that build a client ('default' for the default export). */
  names: RegExp;
  /** Option names that carry the key; `positional` when the key is the first argument. */
  keyOptions: string[];
  positional?: boolean;
}

/** LLM SDKs and the way each is given its API key. */
const SDKS: Sdk[] = [
  { module: /^openai$/, names: /^(?:default|OpenAI|AzureOpenAI|Configuration)$/, keyOptions: ['apiKey'] },
  { module: /^@anthropic-ai\/sdk$/, names: /^(?:default|Anthropic)$/, keyOptions: ['apiKey', 'authToken'] },
  { module: /^groq-sdk$/, names: /^(?:default|Groq)$/, keyOptions: ['apiKey'] },
  { module: /^@mistralai\/mistralai$/, names: /^(?:default|Mistral|MistralClient)$/, keyOptions: ['apiKey'], positional: true },
  { module: /^@google\/generative-ai$/, names: /^GoogleGenerativeAI$/, keyOptions: ['apiKey'], positional: true },
  { module: /^@google\/genai$/, names: /^GoogleGenAI$/, keyOptions: ['apiKey'] },
  { module: /^cohere-ai$/, names: /^(?:CohereClient|CohereClientV2)$/, keyOptions: ['token'] },
  { module: /^together-ai$/, names: /^(?:default|Together)$/, keyOptions: ['apiKey'] },
  { module: /^replicate$/, names: /^(?:default|Replicate)$/, keyOptions: ['auth'] },
  { module: /^@huggingface\/inference$/, names: /^(?:HfInference|InferenceClient)$/, keyOptions: ['accessToken'], positional: true },
  { module: /^(?:elevenlabs|@elevenlabs\/elevenlabs-js)$/, names: /^(?:ElevenLabsClient|default)$/, keyOptions: ['apiKey'] },
  { module: /^@ai-sdk\/[\w-]+$|^@openrouter\/ai-sdk-provider$/, names: /^create[A-Z]\w*$/, keyOptions: ['apiKey'] },
  { module: /^@langchain\/(?:openai|anthropic|google-genai|groq|mistralai)$/, names: /^Chat\w+$|^\w+Embeddings$/, keyOptions: ['apiKey', 'openAIApiKey', 'anthropicApiKey'] },
];

/** Provider APIs a browser should never call with a key of its own. */
const LLM_HOSTS = /\b(api\.openai\.com|api\.anthropic\.com|api\.groq\.com|api\.mistral\.ai|generativelanguage\.googleapis\.com|api\.deepseek\.com|openrouter\.ai\/api|api\.perplexity\.ai|api\.x\.ai|api\.together\.xyz|api\.cohere\.(?:ai|com)|api\.elevenlabs\.io|api\.replicate\.com|api-inference\.huggingface\.co|api\.fireworks\.ai|api\.deepgram\.com|api\.assemblyai\.com)/;
const KEY_HEADERS = new Set(['authorization', 'x-api-key', 'api-key', 'xi-api-key', 'x-goog-api-key']);
const HTTP_CALLS = /^(?:fetch|window\.fetch|globalThis\.fetch|axios|axios\.(?:get|post|put|request)|ky|ky\.(?:get|post)|ofetch|\$fetch|got\.post)$/;

export const llmApiKeyInBrowser = defineAstRule({
  id: 'llm-api-key-in-browser',
  messageIds: ['dangerouslyAllowBrowser', 'keyInBrowser', 'directApiCall'],
  // Shared files (no client or server signal) count only when they switch the SDK's browser guard off.
  appliesTo: { roles: ['client', 'shared'] },
  // An SDK imported in this file from one of SDKS' modules, or a request whose URL (in this file) names one of LLM_HOSTS.
  triggers: ['openai', 'anthropic', 'groq', 'mistral', 'generative', 'genai', 'cohere', 'together', 'replicate', 'huggingface', 'elevenlabs', '@ai-sdk/', 'openrouter', 'deepseek', 'perplexity', 'api.x.ai', 'fireworks', 'deepgram', 'assemblyai'],
  create({ file, model, report }) {
    const shared = file.role === 'shared';
    let facts: ClientFileFacts | undefined;
    const bindings: Bindings = new Map();
    const clients: { node: TSESTree.NewExpression | TSESTree.CallExpression; sdk: Sdk; label: string }[] = [];
    const requests: { node: TSESTree.CallExpression; host: string }[] = [];
    const where = roleData(file);

    /** The SDK a `new X(…)` / `createX(…)` builds, from this file's imports. */
    const sdkOf = (node: TSESTree.NewExpression | TSESTree.CallExpression): { sdk: Sdk; label: string } | undefined => {
      const callee = unwrap(node.callee as AstNode);
      if (!callee || !facts) return undefined;
      let imported: { source: string; imported: string } | undefined;
      if (callee.type === 'Identifier') imported = facts.imports.get(callee.name);
      else if (callee.type === 'MemberExpression' && callee.object.type === 'Identifier') {
        const ns = facts.imports.get(callee.object.name);
        const name = propertyName(callee);
        if (ns && name && (ns.imported === '*' || ns.imported === 'default')) imported = { source: ns.source, imported: name };
      }
      if (!imported) return undefined;
      const sdk = SDKS.find((s) => s.module.test(imported!.source) && s.names.test(imported!.imported));
      return sdk ? { sdk, label: `${node.type === 'NewExpression' ? 'new ' : ''}${memberPath(callee) ?? imported.imported}(…)` } : undefined;
    };

    return {
      Program(node) {
        facts = clientFileFacts(node);
      },
      VariableDeclarator(node) {
        recordBinding(bindings, node);
      },
      NewExpression(node) {
        const found = facts && sdkOf(node);
        if (found) clients.push({ node, ...found });
      },
      CallExpression(node) {
        const found = facts && sdkOf(node);
        if (found) clients.push({ node, ...found });
        const path = calleePath(node);
        if (!path || !HTTP_CALLS.test(path)) return;
        const url = urlText(unwrap(node.arguments[0] as AstNode), bindings);
        const host = url && LLM_HOSTS.exec(url)?.[1];
        if (host) requests.push({ node, host });
      },
      'Program:exit'() {
        if (!facts) return;
        for (const c of clients) if (!inServerCode(c.node, facts)) checkClient(c.node, c.sdk, c.label);
        if (!shared) for (const r of requests) if (!inServerCode(r.node, facts)) checkRequest(r.node, r.host);
      },
    };

    function optionsOf(node: TSESTree.NewExpression | TSESTree.CallExpression): TSESTree.ObjectExpression | undefined {
      const first = unwrap(node.arguments[0] as AstNode);
      if (first?.type === 'ObjectExpression') return first;
      if (first?.type === 'Identifier') {
        const b = bindings.get(first.name);
        const init = b && 'init' in b ? unwrap(b.init) : undefined;
        if (init?.type === 'ObjectExpression') return init;
      }
      return undefined;
    }

    function describeKey(source: ValueSource): string {
      if (source.envName) {
        // `process.env.API_KEY` in a Vite app only has a value because the bundler config puts one there.
        const filled = bundlerEnvFill(model, source.envName);
        const via = !filled ? '' : filled.envName !== source.envName ? ` (which \`${filled.file}\` fills with \`${filled.envName}\`)` : ` (which \`${filled.file}\` puts into the bundle)`;
        return `the environment variable \`${source.envName}\`${via}`;
      }
      if (source.literal !== undefined) return 'a key written in the code';
      return 'a key supplied at run time';
    }

    function checkClient(node: TSESTree.NewExpression | TSESTree.CallExpression, sdk: Sdk, label: string) {
      const options = optionsOf(node);
      const keyProp = options ? sdk.keyOptions.map((k) => objectProperty(options, k)).find(Boolean) : undefined;
      const first = unwrap(node.arguments[0] as AstNode);
      const keyNode = keyProp ? (keyProp.value as AstNode) : sdk.positional && first && first.type !== 'ObjectExpression' ? first : undefined;
      const dangerous = options ? objectProperty(options, 'dangerouslyAllowBrowser') : undefined;
      const allowsBrowser = !!dangerous && !(unwrap(dangerous.value as AstNode)?.type === 'Literal' && (unwrap(dangerous.value as AstNode) as TSESTree.Literal).value === false);
      const baseUrl = options ? (objectProperty(options, 'baseURL') ?? objectProperty(options, 'baseUrl')) : undefined;
      const ownProxy = !!baseUrl && !LLM_HOSTS.test(urlText(unwrap(baseUrl.value as AstNode), bindings) ?? '');
      if (!keyNode) return;

      const source = valueSource(keyNode, bindings);
      if (source.literal !== undefined && !looksLikeKey(source.literal)) return;
      const runtimeKey = !source.envName && source.literal === undefined;
      // A key from the user (bring-your-own-key) or the app's session, sent to the app's own proxy: no secret of ours.
      if (runtimeKey && (ownProxy || !allowsBrowser)) return;
      if (shared && (runtimeKey || !allowsBrowser)) return;
      const secrets = source.literal ? [source.literal] : [];
      const reason = shared ? '`dangerouslyAllowBrowser: true` says it is meant for browsers' : where.reason;
      const data = { ...where, reason, client: label, key: describeKey(source) };
      const lower = runtimeKey ? ({ severity: 'medium', confidence: 'low' } as const) : shared ? ({ confidence: 'medium' } as const) : {};
      if (allowsBrowser && dangerous) {
        report({ messageId: 'dangerouslyAllowBrowser', data, node: dangerous, secrets, ...lower });
        return;
      }
      // The read itself is reported by secret-in-public-env when its public name says it is secret.
      if (isReportedPublicSecretRead(unwrap(keyNode), file, model)) return;
      report({ messageId: 'keyInBrowser', data, node: keyNode, secrets });
    }

    function checkRequest(node: TSESTree.CallExpression, host: string) {
      const found = findKeyValue(node, 0);
      if (!found) return;
      const source = valueSource(found, bindings);
      if (source.literal !== undefined && !looksLikeKey(source.literal)) return;
      if (!source.envName && source.literal === undefined) return;
      if (isReportedPublicSecretRead(unwrap(found), file, model)) return;
      const secrets = source.literal ? [source.literal.replace(/^(?:Bearer|Token)\s+/i, '')] : [];
      report({ messageId: 'directApiCall', data: { ...where, host, key: describeKey(source) }, node, secrets });
    }

    /** The key sent with a request: an Authorization / x-api-key header, or `?key=` in the URL (Gemini REST). */
    function findKeyValue(root: AstNode, depth: number): AstNode | undefined {
      if (depth > 3) return undefined;
      const stack: AstNode[] = [root];
      while (stack.length) {
        const n = stack.pop()!;
        if (n.type === 'Property') {
          const name = propertyName(n)?.toLowerCase();
          if (name && KEY_HEADERS.has(name)) return keyExpression(n.value as AstNode);
        }
        if (n.type === 'TemplateLiteral') {
          const i = n.quasis.findIndex((q) => /[?&]key=$/.test(q.value.cooked ?? ''));
          if (i >= 0 && n.expressions[i]) return n.expressions[i] as AstNode;
        }
        if (n.type === 'Identifier' && n !== root) {
          const b = bindings.get(n.name);
          const init = b && 'init' in b ? unwrap(b.init) : undefined;
          if (init && (init.type === 'ObjectExpression' || init.type === 'TemplateLiteral')) {
            const inner = findKeyValue(init, depth + 1);
            if (inner) return inner;
          }
          continue;
        }
        if (n.type === 'ArrowFunctionExpression' || n.type === 'FunctionExpression') continue;
        for (const [k, v] of Object.entries(n)) {
          if (k === 'parent' || k === 'loc' || k === 'range') continue;
          if (Array.isArray(v)) for (const c of v) if (c && typeof c === 'object' && 'type' in c) stack.push(c as AstNode);
          if (v && typeof v === 'object' && !Array.isArray(v) && 'type' in v) stack.push(v as AstNode);
        }
      }
      return undefined;
    }
  },
});

/** `Bearer ${key}` → key; anything else is the key itself. */
function keyExpression(value: AstNode): AstNode {
  const v = unwrap(value);
  if (v?.type === 'TemplateLiteral' && v.expressions.length === 1 && /^(?:Bearer|Token|Basic)?$/i.test((v.quasis[0].value.cooked ?? '').trim())) return v.expressions[0] as AstNode;
  return value;
}

/** The static start of a URL argument: a string, a template's text, or a const holding one. */
function urlText(node: AstNode | undefined, bindings: Bindings, depth = 0): string | undefined {
  if (!node || depth > 3) return undefined;
  const s = staticString(node);
  if (s !== undefined) return s;
  if (node.type === 'TemplateLiteral') return node.quasis.map((q) => q.value.cooked ?? '').join('…');
  if (node.type === 'Identifier') {
    const b = bindings.get(node.name);
    return b && 'init' in b ? urlText(unwrap(b.init), bindings, depth + 1) : undefined;
  }
  if (node.type === 'ObjectExpression') {
    const url = objectProperty(node, 'url');
    return url ? urlText(unwrap(url.value as AstNode), bindings, depth + 1) : undefined;
  }
  if (node.type === 'BinaryExpression' && node.operator === '+') return urlText(unwrap(node.left as AstNode), bindings, depth + 1);
  return undefined;
}
