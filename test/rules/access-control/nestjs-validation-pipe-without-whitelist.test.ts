import { ruleTester } from '../../helpers/rule-tester.js';

const NEST = JSON.stringify({ name: 'api', dependencies: { '@nestjs/common': '^10.3.0', '@nestjs/core': '^10.3.0' } });
const main = (pipe: string) =>
  `import { NestFactory } from '@nestjs/core';\nimport { ValidationPipe } from '@nestjs/common';\nimport { AppModule } from './app.module';\nasync function bootstrap() {\n  const app = await NestFactory.create(AppModule);\n  app.useGlobalPipes(${pipe});\n  await app.listen(3000);\n}\nbootstrap();\n`;

ruleTester('nestjs-validation-pipe-without-whitelist', {
  valid: [
    { name: 'global pipe with whitelist', files: { 'package.json': NEST, 'src/main.ts': main(`new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true })`) } },
    { name: 'options from a shared constant', files: { 'package.json': NEST, 'src/main.ts': main(`new ValidationPipe(VALIDATION_OPTIONS)`).replace(`import { AppModule }`, `import { VALIDATION_OPTIONS } from './validation';\nimport { AppModule }`) } },
    {
      name: 'a route-level pipe when the global pipe already whitelists',
      files: {
        'package.json': NEST,
        'src/main.ts': main(`new ValidationPipe({ whitelist: true })`),
        'src/users/users.controller.ts': `import { Body, Controller, Post, UsePipes, ValidationPipe } from '@nestjs/common';\n@Controller('users')\nexport class UsersController {\n  @Post()\n  @UsePipes(new ValidationPipe({ transform: true }))\n  create(@Body() dto: unknown) {\n    return dto;\n  }\n}\n`,
      },
    },
    {
      name: 'an APP_PIPE provider with whitelist',
      files: {
        'package.json': NEST,
        'src/app.module.ts': `import { Module, ValidationPipe } from '@nestjs/common';\nimport { APP_PIPE } from '@nestjs/core';\n@Module({ providers: [{ provide: APP_PIPE, useValue: new ValidationPipe({ whitelist: true, transform: true }) }] })\nexport class AppModule {}\n`,
      },
    },
    { name: 'a ValidationPipe class that is not Nest', files: { 'package.json': NEST, 'src/pipes.ts': `import { ValidationPipe } from './my-pipes';\nexport const pipe = new ValidationPipe();\n` } },
  ],
  invalid: [
    { name: 'global pipe without options', files: { 'package.json': NEST, 'src/main.ts': main(`new ValidationPipe()`) }, errors: [{ messageId: 'noWhitelist', line: 6 }] },
    { name: 'global pipe with transform only', files: { 'package.json': NEST, 'src/main.ts': main(`new ValidationPipe({ transform: true })`) }, errors: [{ messageId: 'noWhitelist', line: 6 }] },
    { name: 'whitelist turned off', files: { 'package.json': NEST, 'src/main.ts': main(`new ValidationPipe({ whitelist: false, transform: true })`) }, errors: [{ messageId: 'whitelistOff', line: 6 }] },
    {
      name: 'an APP_PIPE provider without whitelist, and a parameter pipe',
      files: {
        'package.json': NEST,
        'src/app.module.ts': `import { Module, ValidationPipe } from '@nestjs/common';\nimport { APP_PIPE } from '@nestjs/core';\n@Module({ providers: [{ provide: APP_PIPE, useValue: new ValidationPipe({ transform: true }) }] })\nexport class AppModule {}\n`,
        'src/users/users.controller.ts': `import { Body, Controller, Post, ValidationPipe } from '@nestjs/common';\nimport { CreateUserDto } from './dto';\n@Controller('users')\nexport class UsersController {\n  @Post()\n  create(@Body(new ValidationPipe()) dto: CreateUserDto) {\n    return dto;\n  }\n}\n`,
      },
      errors: [
        { messageId: 'noWhitelist', line: 3, file: 'src/app.module.ts' },
        { messageId: 'noWhitelist', line: 6, file: 'src/users/users.controller.ts' },
      ],
    },
  ],
});
