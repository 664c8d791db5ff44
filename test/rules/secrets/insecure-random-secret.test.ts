import { ruleTester } from '../../helpers/rule-tester.js';

const SERVER = JSON.stringify({ name: 'api', dependencies: { express: '^4.19.2' } });
const WEB = JSON.stringify({ name: 'web', dependencies: { react: '^18.3.0' } });

ruleTester('insecure-random-secret', {
  valid: [
    {
      name: 'crypto for secrets, Math.random for delays, indexes, colours, LLM token counts and React keys',
      files: {
        'package.json': SERVER,
        'server/lib/util.js': `const crypto = require('crypto');\nconst resetToken = crypto.randomBytes(32).toString('hex');\nconst otp = crypto.randomInt(0, 1000000);\nconst retryDelay = 100 + Math.random() * 100;\nconst tokenIndex = Math.floor(Math.random() * tokens.length);\nconst maxTokens = 500 + Math.floor(Math.random() * 10);\nconst pick = (list) => list[Math.floor(Math.random() * list.length)];\nmodule.exports = { resetToken, otp, retryDelay, tokenIndex, maxTokens, pick };\n`,
        'src/List.tsx': `export const items = (xs: string[]) => xs.map((x) => ({ key: Math.random(), label: x, color: \`hsl(\${Math.random() * 360}, 50%, 50%)\` }));\n`,
      },
    },
    {
      name: 'a function returning a random number for something else, and test fixtures',
      files: {
        'package.json': WEB,
        'src/lib/demo.ts': `export function randomAvatarIndex() {\n  return Math.floor(Math.random() * 12);\n}\nexport const jobs = {\n  async scheduleTokenCleanup() {\n    const minute = Math.floor(Math.random() * 60);\n    return minute;\n  },\n};\nexport const sendOtp = async (email: string) => {\n  const delay = Math.random() * 1000;\n  return delay;\n};\n`,
        'src/__tests__/otp.test.ts': `const otp = Math.floor(100000 + Math.random() * 900000);\n`,
      },
    },
    {
      name: 'plain codes that are no secrets: a barcode, a short random code outside any reset, a spinner',
      files: {
        'package.json': SERVER,
        'server/lib/codes.js': "exports.label = () => {\n  const barCode = Math.floor(Math.random() * 1000000);\n  const code = Math.random().toString(36).slice(2, 6);\n  const spin = Math.random() * 1000;\n  return { barCode, code, spin };\n};\n",
      },
    },
  ],
  invalid: [
    {
      name: 'a code of many random digits, and a plain code made in a reset handler',
      files: {
        'package.json': SERVER,
        'server/controllers/reset.js': "function generateCode() {\n  return Math.floor(100000 + Math.random() * 900000).toString();\n}\nasync function requestPasswordReset(req, res) {\n  const code = Math.random().toString(36).slice(2, 8);\n  await saveResetCode(req.body.email, code);\n  res.json({ ok: true });\n}\nmodule.exports = { generateCode, requestPasswordReset };\n",
      },
      errors: [
        { messageId: 'madeWithMathRandom', line: 2 },
        { messageId: 'madeWithMathRandom', line: 5 },
      ],
    },
    {
      name: 'OTPs, temporary passwords and reset tokens made with Math.random',
      files: {
        'package.json': SERVER,
        'server/utils/otp.js': `function generateOTP() {\n  return Math.floor(100000 + Math.random() * 900000).toString();\n}\nconst makeInviteCode = () => Math.random().toString(36).slice(2, 10);\nexports.reset = async (user) => {\n  const tempPassword = \`Temp\${Math.random().toString(36).slice(-8)}1!\`;\n  user.resetToken = Math.random().toString(36).substring(2);\n  return { tempPassword, session: { sessionId: Math.random().toString(36) } };\n};\nmodule.exports.generateOTP = generateOTP;\n`,
      },
      errors: [
        { messageId: 'madeWithMathRandom', line: 2 },
        { messageId: 'madeWithMathRandom', line: 4 },
        { messageId: 'madeWithMathRandom', line: 6 },
        { messageId: 'madeWithMathRandom', line: 7 },
        { messageId: 'madeWithMathRandom', line: 8 },
      ],
    },
    {
      name: 'a one-time code made in the browser',
      files: { 'package.json': WEB, 'src/lib/api.ts': `export async function sendCode(email: string) {\n  const otp = Math.floor(100000 + Math.random() * 900000).toString();\n  await fetch('/api/otp', { method: 'POST', body: JSON.stringify({ email, otp }) });\n}\n` },
      errors: [{ messageId: 'madeWithMathRandom', line: 2 }],
    },
  ],
});
