import { hasDependency, type Framework } from './types.js';

/** An HTTP server framework: in a package without a front-end stack, all its code runs on the server. */
function serverFramework(name: string, packages: string[]): Framework {
  return { name, runs: 'server', enabledBy: (pkg) => hasDependency(pkg, ...packages) };
}

export const express = serverFramework('express', ['express']);
export const fastify = serverFramework('fastify', ['fastify']);
export const koa = serverFramework('koa', ['koa', '@koa/router', 'koa-router']);
export const hono = serverFramework('hono', ['hono']);
export const nestjs = serverFramework('nestjs', ['@nestjs/core']);
export const feathers = serverFramework('feathers', ['@feathersjs/feathers', '@feathersjs/express', '@feathersjs/koa', 'feathers']);
