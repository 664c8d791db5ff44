import { describe, expect, it } from 'vitest';
import { isParseMasterKeyName, isSupabaseServiceRoleName, secretEnvName } from '../../../src/rules/client-exposure/env-names.js';

describe('secretEnvName', () => {
  it.each([
    ['NEXT_PUBLIC_OPENAI_API_KEY', 'an OpenAI key'],
    ['VITE_OPENAI_KEY', 'an OpenAI key'],
    ['VITE_OPEN_AI_KEY', 'an OpenAI key'],
    ['REACT_APP_ANTHROPIC_API_KEY', 'an Anthropic key'],
    ['VITE_GEMINI_API_KEY', 'a Google Gemini key'],
    ['GEMINI_API_KEY', 'a Google Gemini key'],
    ['EXPO_PUBLIC_GROQ_API_KEY', 'a Groq key'],
    ['VITE_STRIPE_SECRET_KEY', 'a Stripe secret'],
    ['VITE_STRIPE_SK', 'a Stripe secret key'],
    ['NEXT_PUBLIC_SUPABASE_SERVICE_ROLE_KEY', 'a Supabase service-role key'],
    ['VITE_SUPABASE_SERVICE_KEY', 'a Supabase secret key'],
    ['NEXT_PUBLIC_DATABASE_URL', 'a database connection string (with its password)'],
    ['VITE_REDIS_URL', 'a database connection string (with its password)'],
    ['VITE_POSTGRES_PRISMA_URL', 'a database connection string (with its password)'],
    ['NEXT_PUBLIC_MONGODB_URI', 'a database connection string (with its password)'],
    ['VITE_DB_PASSWORD', 'a password'],
    ['VITE_SMTP_PASS', 'a password'],
    ['VITE_PARSE_MASTER_KEY', 'a master key'],
    ['NEXT_PUBLIC_FIREBASE_PRIVATE_KEY', 'a private key'],
    ['VITE_FIREBASE_SERVICE_ACCOUNT', 'a service-account credential'],
    ['NEXT_PUBLIC_ADMIN_API_KEY', 'an admin credential'],
    ['VITE_HASURA_ADMIN_SECRET', 'a secret'],
    ['NEXT_PUBLIC_NEXTAUTH_SECRET', 'an auth secret'],
    ['NEXT_PUBLIC_JWT_SECRET', 'a JWT secret'],
    ['VITE_ENCRYPTION_KEY', 'a signing, encryption or server key'],
    ['NEXT_PUBLIC_RESEND_API_KEY', 'a Resend key'],
    ['VITE_SENDGRID_API_KEY', 'a SendGrid key'],
    ['VITE_TWILIO_AUTH_TOKEN', 'a Twilio key'],
    ['NEXT_PUBLIC_GITHUB_TOKEN', 'a GitHub/GitLab key'],
    ['VITE_REPLICATE_API_TOKEN', 'a Replicate key'],
    ['VITE_API_TOKEN', 'an access token'],
    ['VITE_APPWRITE_API_KEY', 'an Appwrite key'],
    ['VITE_EMAILJS_PRIVATE_KEY', 'a private key'],
    ['NEXT_PUBLIC_CONTENTFUL_MANAGEMENT_TOKEN', 'an access token'],
    ['VITE_RAZORPAY_KEY_SECRET', 'a Razorpay secret'],
    ['openaiApiKey', 'an OpenAI key'],
  ])('%s is a secret name (%s)', (name, what) => {
    expect(secretEnvName(name)?.what).toBe(what);
  });

  it.each([
    'NEXT_PUBLIC_SUPABASE_ANON_KEY', 'VITE_SUPABASE_URL', 'VITE_SUPABASE_KEY', 'NEXT_PUBLIC_SUPABASE_PUBLISHABLE_KEY',
    'VITE_STRIPE_PUBLISHABLE_KEY', 'NEXT_PUBLIC_STRIPE_PUBLIC_KEY', 'VITE_STRIPE_PK', 'VITE_STRIPE_KEY',
    'NEXT_PUBLIC_FIREBASE_API_KEY', 'NEXT_PUBLIC_FIREBASE_PROJECT_ID', 'VITE_FIREBASE_AUTH_DOMAIN',
    'NEXT_PUBLIC_GOOGLE_MAPS_API_KEY', 'NEXT_PUBLIC_MAPBOX_TOKEN', 'NEXT_PUBLIC_MAPBOX_ACCESS_TOKEN',
    'NEXT_PUBLIC_POSTHOG_KEY', 'NEXT_PUBLIC_SENTRY_DSN', 'NEXT_PUBLIC_ALGOLIA_SEARCH_KEY', 'VITE_ALGOLIA_SEARCH_ONLY_API_KEY',
    'NEXT_PUBLIC_RECAPTCHA_SITE_KEY', 'NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY', 'NEXT_PUBLIC_VAPID_PUBLIC_KEY',
    'NEXT_PUBLIC_GOOGLE_CLIENT_ID', 'VITE_API_URL', 'VITE_API_KEY', 'NEXT_PUBLIC_OPENAI_MODEL', 'VITE_OPENAI_BASE_URL',
    'NEXT_PUBLIC_ADMIN_EMAIL', 'VITE_PASSWORD_MIN_LENGTH', 'NEXT_PUBLIC_TOKEN_ADDRESS', 'VITE_MAX_TOKENS',
    'VITE_SECRET_SANTA_ENABLED', 'NEXT_PUBLIC_SUPABASE_REDIRECT_URL', 'NEXT_PUBLIC_MIXPANEL_TOKEN', 'NODE_ENV',
    'VITE_TWILIO_ACCOUNT_SID', 'NEXT_PUBLIC_SHOPIFY_STOREFRONT_ACCESS_TOKEN', 'NEXT_PUBLIC_CONTENTFUL_ACCESS_TOKEN',
    'VITE_EMAILJS_PUBLIC_KEY', 'VITE_EMAILJS_SERVICE_ID', 'VITE_FIREBASE_MESSAGING_SENDER_ID', 'VITE_FIREBASE_DATABASE_URL', 'NEXT_PUBLIC_UPSTASH_REDIS_REST_URL', 'VITE_RAZORPAY_KEY_ID', 'NEXT_PUBLIC_APP_NAME', 'EXPO_PUBLIC_REVENUECAT_API_KEY', 'NEXT_PUBLIC_PRIVATE_ROUTES',
  ])('%s is not a secret name', (name) => {
    expect(secretEnvName(name)).toBeUndefined();
  });

  it('rates a bare ..._TOKEN lower than an explicit secret', () => {
    expect(secretEnvName('VITE_API_TOKEN')?.confidence).toBe('medium');
    expect(secretEnvName('VITE_STRIPE_SECRET_KEY')?.confidence).toBe('high');
  });
});

describe('provider-specific names', () => {
  it('recognises Supabase service-role names', () => {
    expect(['SUPABASE_SERVICE_ROLE_KEY', 'SUPABASE_SERVICE_KEY', 'SUPABASE_SECRET_KEY', 'VITE_SERVICE_ROLE', 'SB_SECRET_KEY'].every(isSupabaseServiceRoleName)).toBe(true);
    expect(['SUPABASE_ANON_KEY', 'SUPABASE_URL', 'SERVICE_URL'].some(isSupabaseServiceRoleName)).toBe(false);
  });
  it('recognises Parse master key names', () => {
    expect(['PARSE_MASTER_KEY', 'MASTER_KEY', 'REACT_APP_MASTERKEY'].every(isParseMasterKeyName)).toBe(true);
    expect(['PARSE_JS_KEY', 'PARSE_APP_ID', 'MASTER_URL'].some(isParseMasterKeyName)).toBe(false);
  });
});
