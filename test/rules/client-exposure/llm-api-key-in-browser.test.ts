import { ruleTester } from '../../helpers/rule-tester.js';
import { EXPO, EXPRESS, FAKE, NEXT, WORKSPACE_ROOT } from './projects.js';

const VITE_AI = '{ "name": "ai-web", "dependencies": { "vite": "5.4.0", "react": "18.3.0", "openai": "4.60.0", "@anthropic-ai/sdk": "0.30.0", "@google/genai": "1.0.0", "groq-sdk": "0.7.0", "@ai-sdk/openai": "1.0.0" } }';

ruleTester('llm-api-key-in-browser', {
  valid: [
    {
      name: 'Next.js route handler holds the key',
      files: { 'package.json': NEXT, 'app/api/chat/route.ts': "import OpenAI from 'openai';\nconst openai = new OpenAI({ apiKey: process.env.OPENAI_API_KEY });\nexport async function POST() { return Response.json({}); }\n" },
    },
    {
      name: 'browser client pointed at the app’s own proxy without a key',
      files: {
        'package.json': VITE_AI,
        'src/lib/ai.ts': "import OpenAI from 'openai';\nexport const openai = new OpenAI({ baseURL: '/api/openai', apiKey: 'not-needed', dangerouslyAllowBrowser: true });\n",
      },
    },
    {
      name: 'browser client sending the user session token to the app’s own proxy',
      files: {
        'package.json': VITE_AI,
        'src/lib/ai.ts': "import OpenAI from 'openai';\nexport function client(session: { access_token: string }) {\n  return new OpenAI({ baseURL: `${location.origin}/api/llm`, apiKey: session.access_token, dangerouslyAllowBrowser: true });\n}\n",
      },
    },
    {
      name: 'a user-supplied key without the browser override (the SDK refuses to run)',
      files: { 'package.json': VITE_AI, 'src/lib/gemini.ts': "import { GoogleGenAI } from '@google/genai';\nexport const make = (userKey: string) => new GoogleGenAI({ apiKey: userKey });\n" },
    },
    {
      name: 'the browser calls its own endpoint',
      files: { 'package.json': VITE_AI, 'src/lib/chat.ts': "export const ask = (prompt: string) => fetch('/api/chat', { method: 'POST', body: JSON.stringify({ prompt }) });\n" },
    },
    {
      name: 'a class named OpenAI that is not the SDK',
      files: { 'package.json': VITE_AI, 'src/lib/fake.ts': "class OpenAI { constructor(o: unknown) {} }\nexport const c = new OpenAI({ apiKey: import.meta.env.VITE_AI_KEY, dangerouslyAllowBrowser: true });\n" },
    },
    {
      name: 'Vercel serverless function beside a Vite app',
      files: { 'package.json': VITE_AI, 'api/chat.ts': "import Anthropic from '@anthropic-ai/sdk';\nconst a = new Anthropic({ apiKey: process.env.ANTHROPIC_API_KEY });\nexport default a;\n" },
    },
    {
      name: 'monorepo API package',
      files: {
        'package.json': WORKSPACE_ROOT,
        'packages/api/package.json': EXPRESS,
        'packages/api/src/ai.ts': "import OpenAI from 'openai';\nexport const openai = new OpenAI({ apiKey: process.env.OPENAI_API_KEY });\n",
      },
    },
    {
      name: 'Expo Router API route (+api) runs on the server',
      files: { 'package.json': EXPO, 'app/api/chat+api.ts': "import OpenAI from 'openai';\nconst openai = new OpenAI({ apiKey: process.env.OPENAI_API_KEY });\nexport async function POST() { return Response.json({}); }\n" },
    },
    {
      name: 'a public secret-named key without the override is left to secret-in-public-env',
      files: { 'package.json': VITE_AI, 'src/lib/gemini.ts': "import { GoogleGenAI } from '@google/genai';\nexport const ai = new GoogleGenAI({ apiKey: import.meta.env.VITE_GEMINI_API_KEY });\n" },
    },
    {
      name: 'a direct provider call without a key',
      files: { 'package.json': VITE_AI, 'src/lib/status.ts': "export const ping = () => fetch('https://api.openai.com/v1/models');\n" },
    },
    {
      name: 'a shared Next.js lib file without the browser override',
      files: { 'package.json': NEXT, 'lib/openai.ts': "import OpenAI from 'openai';\nexport const openai = new OpenAI({ apiKey: process.env.OPENAI_API_KEY });\n" },
    },
  ],
  invalid: [
    {
      name: 'OpenAI with dangerouslyAllowBrowser and a bundled env key',
      files: {
        'package.json': VITE_AI,
        'src/lib/openai.ts': "import OpenAI from 'openai';\n\nexport const openai = new OpenAI({\n  apiKey: import.meta.env.VITE_AI_KEY,\n  dangerouslyAllowBrowser: true,\n});\n",
      },
      errors: [{ messageId: 'dangerouslyAllowBrowser', line: 5 }],
    },
    {
      name: 'Anthropic with a literal key (redacted)',
      files: {
        'package.json': VITE_AI,
        'src/lib/claude.ts': `import Anthropic from '@anthropic-ai/sdk';\nconst KEY = '${FAKE.anthropic}';\nexport const claude = new Anthropic({ apiKey: KEY, dangerouslyAllowBrowser: true });\n`,
      },
      errors: [{ messageId: 'dangerouslyAllowBrowser', line: 3 }],
    },
    {
      name: 'Google GenAI in a Vite app with process.env.API_KEY (filled by Vite define)',
      files: { 'package.json': VITE_AI, 'services/geminiService.ts': "import { GoogleGenAI } from '@google/genai';\nconst ai = new GoogleGenAI({ apiKey: process.env.API_KEY });\nexport default ai;\n" },
      errors: [{ messageId: 'keyInBrowser', line: 2 }],
    },
    {
      name: "Next.js 'use client' component with the Vercel AI SDK provider",
      files: {
        'package.json': NEXT,
        'app/chat/page.tsx': "'use client';\nimport { createOpenAI } from '@ai-sdk/openai';\nconst key = process.env.NEXT_PUBLIC_AI_KEY;\nconst openai = createOpenAI({ apiKey: key });\n",
      },
      errors: [{ messageId: 'keyInBrowser', line: 4 }],
    },
    {
      name: 'a shared Next.js lib file that switches the browser guard off',
      files: { 'package.json': NEXT, 'lib/openai.ts': "import OpenAI from 'openai';\nexport const openai = new OpenAI({\n  apiKey: process.env.OPENAI_API_KEY,\n  dangerouslyAllowBrowser: true,\n});\n" },
      errors: [{ messageId: 'dangerouslyAllowBrowser', line: 4 }],
    },
    {
      name: 'Groq in an Expo screen',
      files: { 'package.json': EXPO, 'app/(tabs)/chat.tsx': "import Groq from 'groq-sdk';\nconst groq = new Groq({ apiKey: process.env.EXPO_PUBLIC_LLM_KEY, dangerouslyAllowBrowser: true });\n" },
      errors: [{ messageId: 'dangerouslyAllowBrowser', line: 2 }],
    },
    {
      name: 'fetch to api.openai.com with a bearer key from a const',
      files: {
        'package.json': VITE_AI,
        'src/lib/chat.ts': [
          'const apiKey = import.meta.env.VITE_AI_TOKEN_VALUE;',
          'export async function ask(prompt: string) {',
          "  const res = await fetch('https://api.openai.com/v1/chat/completions', {",
          "    method: 'POST',",
          "    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${apiKey}` },",
          '    body: JSON.stringify({ prompt }),',
          '  });',
          '  return res.json();',
          '}',
        ].join('\n'),
      },
      errors: [{ messageId: 'directApiCall', line: 3 }],
    },
    {
      name: 'Gemini REST call with ?key= in the URL',
      files: {
        'package.json': VITE_AI,
        'src/lib/gemini.ts': "const KEY = import.meta.env.VITE_G_KEY;\nexport const ask = (body: string) => fetch(`https://generativelanguage.googleapis.com/v1beta/models/gemini-pro:generateContent?key=${KEY}`, { method: 'POST', body });\n",
      },
      errors: [{ messageId: 'directApiCall', line: 2 }],
    },
    {
      name: 'bring-your-own-key with the browser guard off (medium, low confidence)',
      files: {
        'package.json': VITE_AI,
        'src/lib/openai.ts': "import OpenAI from 'openai';\nexport const make = (userKey: string) => new OpenAI({ apiKey: userKey, dangerouslyAllowBrowser: true });\n",
      },
      errors: [{ messageId: 'dangerouslyAllowBrowser', line: 2, severity: 'medium' }],
    },
    {
      name: 'Google Generative AI takes the key as its first argument',
      files: { 'package.json': '{ "dependencies": { "vite": "5.4.0", "@google/generative-ai": "0.21.0" } }', 'src/gemini.ts': "import { GoogleGenerativeAI } from '@google/generative-ai';\nexport const genAI = new GoogleGenerativeAI(import.meta.env.VITE_GOOGLE_API_KEY);\n" },
      errors: [{ messageId: 'keyInBrowser', line: 2 }],
    },
    {
      name: 'axios to the Anthropic API with a literal x-api-key',
      files: {
        'package.json': VITE_AI,
        'src/lib/claude.ts': `import axios from 'axios';\nexport const ask = (content: string) =>\n  axios.post('https://api.anthropic.com/v1/messages', { messages: [{ role: 'user', content }] }, {\n    headers: { 'x-api-key': '${FAKE.anthropic}', 'anthropic-version': '2023-06-01' },\n  });\n`,
      },
      errors: [{ messageId: 'directApiCall', line: 3 }],
    },
    {
      name: 'openai v3 Configuration in Create React App source',
      files: {
        'package.json': '{ "dependencies": { "react-scripts": "5.0.1", "openai": "3.3.0" } }',
        'src/api.js': "import { Configuration, OpenAIApi } from 'openai';\nconst configuration = new Configuration({ apiKey: process.env.REACT_APP_KEY });\nexport const openai = new OpenAIApi(configuration);\n",
      },
      errors: [{ messageId: 'keyInBrowser', line: 2 }],
    },
  ],
});
