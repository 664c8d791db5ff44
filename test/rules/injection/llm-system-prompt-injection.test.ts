import { describe, expect, it } from 'vitest';
import { findingsOf, ruleTester } from '../../helpers/rule-tester.js';

const EXPRESS = JSON.stringify({ name: 'api', dependencies: { express: '^4.21.1', openai: '^4.70.0', '@anthropic-ai/sdk': '^0.30.0' } });
const NEXT = JSON.stringify({ name: 'web', dependencies: { next: '^14.2.0', react: '^18.3.0', ai: '^4.0.0', '@ai-sdk/openai': '^1.0.0', '@google/generative-ai': '^0.21.0' } });
const express = (code: string) => ({ 'package.json': EXPRESS, 'server/routes/chat.js': code });

const HEAD = "const router = require('express').Router();\nconst OpenAI = require('openai');\nconst openai = new OpenAI({ apiKey: process.env.OPENAI_API_KEY });\n";

ruleTester('llm-system-prompt-injection', {
  valid: [
    {
      name: "request text only in the user's message, with a fixed system prompt",
      files: express(`${HEAD}router.post('/chat', async (req, res) => {\n  const completion = await openai.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'system', content: 'You are a helpful assistant.' }, { role: 'user', content: req.body.message }] });\n  res.json(completion.choices[0].message);\n});\nmodule.exports = router;\n`),
    },
    {
      name: 'a prompt chosen from a fixed list, a number, and a prompt read from the database',
      files: express(`${HEAD}const PERSONAS = { tutor: 'You are a tutor.', coach: 'You are a coach.' };\nrouter.post('/chat', async (req, res) => {\n  const persona = ['tutor', 'coach'].includes(req.body.persona) ? req.body.persona : 'tutor';\n  const bot = await db.bot.findUnique({ where: { id: req.body.botId } });\n  await openai.chat.completions.create({ model: 'gpt-4o-mini', messages: [\n    { role: 'system', content: PERSONAS[persona] },\n    { role: 'system', content: \`Answer in at most \${Number(req.body.words)} words.\` },\n    { role: 'system', content: bot.systemPrompt },\n    { role: 'user', content: req.body.message },\n  ] });\n  res.end();\n});\nmodule.exports = router;\n`),
    },
    {
      name: "the AI SDK's prompt and messages, not its system",
      files: { 'package.json': NEXT, 'app/api/chat/route.ts': "import { streamText } from 'ai';\nimport { openai } from '@ai-sdk/openai';\nconst SYSTEM = 'You are a support bot for Acme.';\nexport async function POST(req: Request) {\n  const { messages, prompt } = await req.json();\n  const result = streamText({ model: openai('gpt-4o-mini'), system: SYSTEM, messages });\n  await streamText({ model: openai('gpt-4o-mini'), system: SYSTEM, prompt });\n  return result.toDataStreamResponse();\n}\n" },
    },
    {
      name: "Anthropic's and Gemini's system prompts kept in the code, the request's text as the user's",
      files: {
        'package.json': NEXT,
        'app/api/anthropic/route.ts': "import Anthropic from '@anthropic-ai/sdk';\nconst anthropic = new Anthropic();\nconst SYSTEM = 'You design UI components.';\nexport async function POST(req: Request) {\n  const { prompt } = await req.json();\n  return Response.json(await anthropic.messages.create({ model: 'claude-3-5-sonnet-latest', max_tokens: 1024, system: SYSTEM, messages: [{ role: 'user', content: prompt }] }));\n}\n",
        'app/api/gemini/route.ts': "import { GoogleGenerativeAI } from '@google/generative-ai';\nconst genAI = new GoogleGenerativeAI(process.env.GEMINI_API_KEY!);\nexport async function POST(req: Request) {\n  const body = await req.json();\n  const model = genAI.getGenerativeModel({ model: 'gemini-1.5-flash', systemInstruction: 'Answer briefly.' });\n  return Response.json(await model.generateContent(body.question));\n}\n",
      },
    },
  ],
  invalid: [
    {
      name: 'an OpenAI system message built from the body, also through a list made before the call and a helper',
      files: express(`${HEAD}async function ask(messages) {\n  const r = await openai.chat.completions.create({ model: 'gpt-4o-mini', messages });\n  return r.choices[0].message.content;\n}\nrouter.post('/npc', async (req, res) => {\n  const { character, personality, text } = req.body;\n  const messages = [\n    { role: 'system', content: \`You are \${character}. Personality: \${personality}\` },\n    { role: 'user', content: text },\n  ];\n  res.json({ text: await ask(messages) });\n});\nmodule.exports = router;\n`),
      errors: [{ messageId: 'request', line: 11 }],
    },
    {
      name: "Anthropic's system, the AI SDK's system and Gemini's systemInstruction",
      files: {
        'package.json': NEXT,
        'app/api/anthropic/route.ts': "import Anthropic from '@anthropic-ai/sdk';\nconst anthropic = new Anthropic();\nexport async function POST(req: Request) {\n  const { designSystem, prompt } = await req.json();\n  const msg = await anthropic.messages.create({ model: 'claude-3-5-sonnet-latest', max_tokens: 1024, system: buildSystemPrompt(designSystem), messages: [{ role: 'user', content: prompt }] });\n  return Response.json(msg);\n}\nfunction buildSystemPrompt(ds: { colors: string }) {\n  return `Use these colours: ${ds.colors}`;\n}\n",
        'app/api/agent/route.ts': "import { streamText } from 'ai';\nimport { openai } from '@ai-sdk/openai';\nexport async function POST(req: Request) {\n  const { messages, systemPrompt } = await req.json();\n  const result = streamText({ model: openai('gpt-4o'), system: systemPrompt, messages });\n  return result.toDataStreamResponse();\n}\n",
        'app/api/gemini/route.ts': "import { GoogleGenerativeAI } from '@google/generative-ai';\nconst genAI = new GoogleGenerativeAI(process.env.GEMINI_API_KEY!);\nexport async function POST(req: Request) {\n  const body = await req.json();\n  const model = genAI.getGenerativeModel({ model: 'gemini-1.5-flash', systemInstruction: body.instructions });\n  return Response.json(await model.generateContent(body.question));\n}\n",
      },
      errors: [
        { messageId: 'request', line: 5, file: 'app/api/agent/route.ts' },
        { messageId: 'request', line: 5, file: 'app/api/anthropic/route.ts' },
        { messageId: 'request', line: 5, file: 'app/api/gemini/route.ts' },
      ],
    },
    {
      name: "agents: the AI SDK's and OpenAI's Agents SDK's",
      files: {
        'package.json': JSON.stringify({ name: 'web', dependencies: { next: '^15.0.0', react: '^19.0.0', ai: '^5.0.0', '@openai/agents': '^0.1.0' } }),
        'app/api/agent/route.ts': "import { Experimental_Agent as Agent } from 'ai';\nexport async function POST(req: Request) {\n  const { messages, model, systemPrompt } = await req.json();\n  const agent = new Agent({ model, system: systemPrompt, tools: {} });\n  return agent.respond({ messages });\n}\n",
        'app/api/support/route.ts': "import { Agent, run } from '@openai/agents';\nexport async function POST(req: Request) {\n  const { instructions, question } = await req.json();\n  const agent = new Agent({ name: 'Support', instructions: `Be brief. ${instructions}` });\n  return Response.json((await run(agent, question)).finalOutput);\n}\n",
      },
      errors: [
        { messageId: 'request', line: 4, file: 'app/api/agent/route.ts' },
        { messageId: 'request', line: 4, file: 'app/api/support/route.ts' },
      ],
    },
  ],
});

describe('llm-system-prompt-injection messages', () => {
  it('name the source and the system prompt', async () => {
    const [f] = await findingsOf('llm-system-prompt-injection', { files: express(`${HEAD}router.post('/c', async (req, res) => {\n  await openai.chat.completions.create({ model: 'm', messages: [{ role: 'developer', content: req.body.rules }] });\n  res.end();\n});\nmodule.exports = router;\n`) });
    expect(f.message).toContain('is written into the content of a `system` message to an LLM');
    expect(f.message).toContain('req.body');
  });
});
