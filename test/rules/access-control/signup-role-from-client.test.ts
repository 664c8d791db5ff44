import { describe, expect, it } from 'vitest';
import { findingsOf, ruleTester } from '../../helpers/rule-tester.js';

const pkg = (deps: Record<string, string>) => JSON.stringify({ name: 'api', dependencies: deps });
const API = pkg({ express: '^4.21.0', zod: '^3.23.8', joi: '^17.13.0', yup: '^1.4.0' });
const NEST = pkg({ '@nestjs/core': '^10.4.0', 'class-validator': '^0.14.1' });

ruleTester('signup-role-from-client', {
  valid: [
    {
      name: 'account types anyone may pick, a fixed role, and no role at all',
      files: {
        'package.json': API,
        'server/validation/auth.ts': [
          `import { z } from 'zod';`,
          `import Joi from 'joi';`,
          `export const registerSchema = z.object({ email: z.string().email(), role: z.enum(['student', 'teacher']) });`,
          `export const signupSchema = Joi.object({ email: Joi.string().email(), role: Joi.string().valid('buyer', 'seller').required() });`,
          `export const registrationSchema = z.object({ email: z.string().email(), role: z.literal('user') });`,
          `export const signUpInput = z.object({ email: z.string().email(), password: z.string().min(8) });`,
          `export const registerRole = z.string().default('user');`,
          // Other privilege-sounding keys are reported only when they list an admin value: a free string is not a role.
          `export const registerCompanySchema = z.object({ accountType: z.string(), permissions: z.string().optional() });`,
        ].join('\n'),
      },
    },
    {
      name: "schemas for admins' own forms, and a role string limited to a pattern",
      files: {
        'package.json': API,
        'server/validation/users.ts': [
          `import { z } from 'zod';`,
          `export const createUserSchema = z.object({ email: z.string().email(), role: z.enum(['admin', 'user']) });`,
          `export const updateRoleSchema = z.object({ role: z.enum(['admin', 'user']), isAdmin: z.boolean() });`,
          `export const registerSchema = z.object({ email: z.string().email(), role: z.string().regex(/^(user|guest)$/) });`,
        ].join('\n'),
      },
    },
    {
      name: 'a registration DTO whose role enum has no admin member',
      files: {
        'package.json': NEST,
        'src/auth/register.dto.ts': `import { IsEnum, IsEmail } from 'class-validator';\nexport enum AccountType { PERSONAL = 'personal', BUSINESS = 'business' }\nexport class RegisterDto {\n  @IsEmail() email: string;\n  @IsEnum(AccountType) role: AccountType;\n}\n`,
      },
    },
  ],
  invalid: [
    {
      name: 'zod, Joi and yup sign-up schemas that list an admin role, and a zod admin flag',
      files: {
        'package.json': API,
        'server/validation/auth.ts': [
          `import { z } from 'zod';`,
          `import Joi from 'joi';`,
          `import * as yup from 'yup';`,
          `export const registerSchema = z.object({`,
          `  email: z.string().email(),`,
          `  role: z.enum(['admin', 'user']).optional(),`,
          `}).strict();`,
          `export const signupSchema = Joi.object({ email: Joi.string().email(), role: Joi.string().valid('user', 'admin') });`,
          `export const signUpValidation = yup.object().shape({ email: yup.string().email(), roles: yup.array().of(yup.string().oneOf(['user', 'moderator'])) });`,
          `export const registerUserSchema = z.object({ email: z.string().email(), isAdmin: z.boolean().default(false) });`,
          `export const registerBodySchema = z.object({ body: z.object({ email: z.email(), role: z.enum(['customer', 'owner', 'admin']).default('customer') }) });`,
        ].join('\n'),
      },
      errors: [
        { messageId: 'schemaAllowsRole', line: 6 },
        { messageId: 'schemaAllowsRole', line: 8 },
        { messageId: 'schemaAllowsRole', line: 9 },
        { messageId: 'schemaAllowsRole', line: 10 },
        { messageId: 'schemaAllowsRole', line: 11 },
      ],
    },
    {
      name: 'enums defined beside the schema: a TypeScript enum, a const object, an array',
      files: {
        'package.json': API,
        'server/validation/auth.ts': [
          `import { z } from 'zod';`,
          `export enum Role { User = 'USER', Admin = 'ADMIN' }`,
          `const ROLES = ['user', 'admin'] as const;`,
          `export const registerSchema = z.object({ role: z.nativeEnum(Role) });`,
          `export const signupSchema = z.object({ role: z.enum(ROLES) });`,
        ].join('\n'),
      },
      errors: [
        { messageId: 'schemaAllowsRole', line: 4 },
        { messageId: 'schemaAllowsRole', line: 5 },
      ],
    },
    {
      name: 'NestJS registration DTOs: an enum with an admin member, an IsIn list, a flag, and a free string',
      files: {
        'package.json': NEST,
        'src/auth/register.dto.ts': [
          `import { IsBoolean, IsEnum, IsIn, IsOptional, IsString } from 'class-validator';`,
          `export enum Role { USER = 'user', ADMIN = 'admin' }`,
          `export class RegisterDto {`,
          `  @IsOptional() @IsEnum(Role) role?: Role;`,
          `  @IsBoolean() isAdmin: boolean;`,
          `}`,
          `export class SignUpDto {`,
          `  @IsIn(['user', 'admin']) role: string;`,
          `}`,
          `export class RegistrationInput {`,
          `  @IsString() role: string;`,
          `}`,
        ].join('\n'),
      },
      errors: [
        { messageId: 'schemaAllowsRole', line: 4 },
        { messageId: 'schemaAllowsRole', line: 5 },
        { messageId: 'schemaAllowsRole', line: 8 },
        { messageId: 'schemaAllowsRole', line: 11 },
      ],
    },
  ],
});

describe('signup-role-from-client messages', () => {
  it('names the schema, the key and the admin value, and says a free string is a guess', async () => {
    const found = await findingsOf('signup-role-from-client', {
      files: {
        'package.json': API,
        'server/validation/auth.ts': `import { z } from 'zod';\nexport const registerSchema = z.object({ role: z.enum(['user', 'admin']) });\nexport const signupSchema = z.object({ role: z.string().optional() });\n`,
      },
    });
    expect(found.map((f) => [f.message, f.confidence])).toEqual([
      ['`registerSchema` validates sign-ups and lets the client set `role` to `admin`: anyone can sign up with admin rights. Drop `role` from the sign-up schema and set it on the server.', 'medium'],
      ['`signupSchema` validates sign-ups and lets the client set `role` to any role, `admin` included: anyone can sign up with admin rights. Drop `role` from the sign-up schema and set it on the server.', 'low'],
    ]);
  });
});
