import { describe, expect, it } from 'vitest';
import { findingsOf, ruleTester } from '../../helpers/rule-tester.js';
import { ANON, STRIPE_LIVE } from './fakes.js';

ruleTester('hardcoded-secret-fallback', {
  valid: [
    { name: 'non-secret settings', filename: 'server/index.ts', code: "const port = process.env.PORT || 3000;\nconst env = process.env.NODE_ENV ?? 'development';\nconst api = process.env.API_URL || 'http://localhost:4000';\nconst level = process.env.LOG_LEVEL || 'info';\n" },
    { name: 'empty fallback', filename: 'server/ai.ts', code: "const key = process.env.OPENAI_API_KEY || '';\nconst s = process.env.JWT_SECRET ?? ``;\n" },
    { name: 'required secret', filename: 'server/auth.ts', code: "const secret = process.env.JWT_SECRET;\nif (!secret) throw new Error('JWT_SECRET is not set');\n" },
    { name: 'fallback to another variable', filename: 'server/auth.ts', code: 'const secret = process.env.JWT_SECRET || process.env.AUTH_SECRET;\n' },
    { name: 'test files', filename: 'test/auth.test.ts', code: "const secret = process.env.JWT_SECRET || 'test-secret';\n" },
    { name: 'public anon key default', filename: 'src/lib/supabase.ts', code: `const key = import.meta.env.VITE_SUPABASE_ANON_KEY || "${ANON}";\n` },
    { name: 'provider-format fallback is reported by hardcoded-secret', filename: 'server/pay.ts', code: `const key = process.env.STRIPE_SECRET_KEY || "${STRIPE_LIVE}";\n` },
    { name: 'connection string without password', filename: 'server/db.ts', code: "const url = process.env.MONGODB_URI || 'mongodb://localhost:27017/app';\nconst redis = process.env.REDIS_URL ?? 'redis://localhost:6379';\n" },
    { name: 'expiry and algorithm settings', filename: 'server/auth.ts', code: "const expiresIn = process.env.JWT_EXPIRES_IN || '7d';\nconst alg = process.env.JWT_ALGORITHM || 'HS256';\nconst header = process.env.API_KEY_HEADER || 'x-api-key';\n" },
    { name: 'a real remote database password is reported by hardcoded-secret', filename: 'server/db.ts', code: "const url = process.env.MONGODB_URI ?? 'mongodb+srv://app:pa55word@cluster0.abcd.mongodb.net/app';\n" },
    { name: 'build-time stub for a third-party key', filename: 'lib/openai.ts', code: "export const openai = new OpenAI({ apiKey: process.env.OPENAI_API_KEY || 'dummy-key-for-build' });\nconst resend = new Resend(process.env.RESEND_API_KEY ?? 'placeholder');\n" },
    { name: 'destructuring defaults from a non-env object', filename: 'server/x.ts', code: "const { timeout = '30s' } = options;\n" },
  ],
  invalid: [
    { name: '|| with a dev secret', filename: 'server/auth.ts', code: "import jwt from 'jsonwebtoken';\nconst secret = process.env.JWT_SECRET || 'dev-secret';\n", errors: [{ messageId: 'fallback', line: 2, severity: 'high' }] },
    { name: '?? with changeme', filename: 'server/session.ts', code: "app.use(session({ secret: process.env.SESSION_SECRET ?? 'changeme' }));\n", errors: [{ messageId: 'fallback', line: 1, severity: 'high' }] },
    { name: 'destructuring default from process.env', filename: 'server/config.ts', code: "const {\n  PORT = '3000',\n  JWT_SECRET = 'supersecret',\n} = process.env;\n", errors: [{ messageId: 'fallback', line: 3 }] },
    { name: 'parameter default from process.env', filename: 'server/config.ts', code: "export function load({ NEXTAUTH_SECRET = 'secret' } = process.env) {\n  return NEXTAUTH_SECRET;\n}\n", errors: [{ messageId: 'fallback', line: 1 }] },
    { name: 'import.meta.env admin password is high', filename: 'server/api.ts', code: "const key = import.meta.env.ADMIN_PASSWORD || 'admin123';\n", errors: [{ messageId: 'fallback', line: 1, severity: 'high' }] },
    { name: 'Deno.env.get', filename: 'supabase/functions/hook/index.ts', code: "const secret = Deno.env.get('WEBHOOK_SECRET') ?? 'local-webhook-secret';\n", errors: [{ messageId: 'fallback', line: 1 }] },
    { name: 'NestJS config default argument', filename: 'src/auth/auth.module.ts', code: "JwtModule.registerAsync({ useFactory: (config: ConfigService) => ({ secret: config.get('JWT_SECRET', 'secretKey') }) });\n", errors: [{ messageId: 'fallback', line: 1 }] },
    { name: 'config getter with ||', filename: 'src/auth/jwt.strategy.ts', code: "const secret = this.configService.get('JWT_SECRET') || 'defaultSecret';\n", errors: [{ messageId: 'fallback', line: 1 }] },
    { name: 'ternary on the same variable', filename: 'server/auth.ts', code: "const secret = process.env.JWT_SECRET ? process.env.JWT_SECRET : 'fallback-secret';\n", errors: [{ messageId: 'fallback', line: 1 }] },
    { name: 'chained fallbacks', filename: 'server/auth.ts', code: "const secret = process.env.AUTH_SECRET || process.env.NEXTAUTH_SECRET || 'x';\n", errors: [{ messageId: 'fallback', line: 1 }] },
    { name: 'validated env object', filename: 'server/auth.ts', code: "const secret = env.COOKIE_SECRET ?? 'cookie-secret';\n", errors: [{ messageId: 'fallback', line: 1 }] },
    { name: 'database URL with password on localhost', filename: 'server/db.ts', code: "const url = process.env.DATABASE_URL || 'postgres://postgres:postgres@localhost:5432/app';\n", errors: [{ messageId: 'connectionFallback', line: 1, severity: 'medium' }] },
    { name: 'database URL with a default password on a remote host', filename: 'server/db.ts', code: "const url = process.env.MONGODB_URI ?? 'mongodb+srv://app:password@cluster0.abcd.mongodb.net/app';\n", errors: [{ messageId: 'connectionFallback', line: 1, severity: 'high' }] },
    { name: "the app's own API key with a placeholder fallback", filename: 'server/middleware.ts', code: "if (req.headers['x-api-key'] !== (process.env.API_KEY || 'changeme')) res.status(401).end();\n", errors: [{ messageId: 'fallback', line: 1 }] },
    { name: 'a third-party key with a real-looking fallback', filename: 'server/mail.ts', code: "const resend = new Resend(process.env.RESEND_API_KEY || 'a8Kd93jfQ0pL2mZx');\n", errors: [{ messageId: 'fallback', line: 1, severity: 'medium' }] },
    { name: 'client code too', filename: 'src/components/Admin.tsx', code: "const pass = process.env.REACT_APP_ADMIN_PASSWORD || 'letmein';\nexport default function Admin() { return null; }\n", errors: [{ messageId: 'fallback', line: 1 }] },
  ],
});

describe('hardcoded-secret-fallback details', () => {
  it('names the variable and redacts the fallback value', async () => {
    const [f] = await findingsOf('hardcoded-secret-fallback', { filename: 'server/auth.ts', code: "const secret = process.env.JWT_SECRET || 'dev-secret-0f3a9c';\n" });
    expect(f.message).toContain('`JWT_SECRET`');
    expect(f.snippet).not.toContain('dev-secret-0f3a9c');
    expect(f.message).not.toContain('dev-secret-0f3a9c');
  });

  it('keeps its own words when the fallback is one of them, and still hides the value in the code', async () => {
    const [f] = await findingsOf('hardcoded-secret-fallback', { filename: 'server/auth.ts', code: "const key = process.env.JWT_SECRET || 'secret';\n" });
    expect(f.message).toContain('a secret anyone reading the code knows');
    expect(f.snippet).not.toContain("'secret'");
  });
});
