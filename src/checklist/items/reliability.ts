import { hitEvidence, type ProjectFacts } from '../facts.js';
import { fail, notApplicable, pass, some, warn } from '../outcome.js';
import type { CheckItem } from '../types.js';

const longRunningOnly = (f: ProjectFacts) => (f.longRunning ? undefined : notApplicable('No long-running Node server; the platform runs each request.'));

const healthEndpoint: CheckItem = {
  id: 'health-endpoint',
  group: 'reliability',
  title: 'A health or readiness endpoint',
  why: 'Load balancers, container platforms and uptime monitors need a cheap URL that says whether the app is up; without it a broken deploy keeps receiving traffic and nobody is told.',
  fix: 'Add `GET /health` returning 200 (and a readiness check that pings the database), and point your platform\'s health check and an uptime monitor at it.',
  weight: 1,
  evaluate(f) {
    const na = longRunningOnly(f);
    if (na) return na;
    const hits = f.search(f.server, /['"`]\/(?:api\/)?(?:health|healthz|healthcheck|health-check|ready|readyz|readiness|livez|liveness|status|ping)['"`]|\bcreateTerminus\s*\(|\bHealthCheckService\b/);
    const files = f.files(/(?:^|\/)(?:app|pages)\/api\/(?:health|healthz|status|ping)(?:\/route)?\.[jt]s$/);
    if (hits.length || files.length) return pass('A health endpoint exists.', some([...hits.map((h) => hitEvidence(h)), ...files.map((x) => ({ file: x.path, note: 'health route' }))]));
    return fail('No health or readiness endpoint was found.');
  },
};

const gracefulShutdown: CheckItem = {
  id: 'graceful-shutdown',
  group: 'reliability',
  title: 'Graceful shutdown on SIGTERM',
  why: 'Every deploy stops the old process with SIGTERM. Without a handler, requests in flight are cut off and database writes can be left half done.',
  fix: '`process.on(\'SIGTERM\', () => server.close(() => pool.end()))`, or `@godaddy/terminus` / `close-with-grace`; NestJS: `app.enableShutdownHooks()`.',
  weight: 1,
  evaluate(f) {
    const na = longRunningOnly(f);
    if (na) return na;
    const hits = f.search(f.server, /\bprocess\.(?:on|once)\s*\(\s*['"]SIGTERM['"]|\benableShutdownHooks\s*\(|\bcreateTerminus\s*\(|\bcloseWithGrace\s*\(|\bcreateHttpTerminator\s*\(|\bcreateLightship\s*\(/);
    if (hits.length) return pass('The server stops cleanly on SIGTERM.', some(hits.map((h) => hitEvidence(h))));
    return fail('No SIGTERM handler: deploys cut off requests in flight.');
  },
};

const processErrors: CheckItem = {
  id: 'process-error-handlers',
  group: 'reliability',
  title: 'Unhandled rejections and exceptions are caught and logged',
  why: 'One forgotten `await` error crashes a Node process (since Node 15) with nothing in your logs but a stack trace, or leaves it running in a broken state.',
  fix: 'Register `process.on(\'unhandledRejection\', …)` and `process.on(\'uncaughtException\', …)` that log the error (or report it to your error tracker) and exit so the platform restarts the process.',
  weight: 1,
  evaluate(f) {
    const na = longRunningOnly(f);
    if (na) return na;
    const rejection = f.search(f.server, /\bprocess\.(?:on|once)\s*\(\s*['"]unhandledRejection['"]/);
    const exception = f.search(f.server, /\bprocess\.(?:on|once)\s*\(\s*['"]uncaughtException(?:Monitor)?['"]/);
    const tracker = f.search(f.server, /\bSentry\.init\s*\(|\bBugsnag\.start\s*\(|\bnew\s+Rollbar\s*\(/);
    if ((rejection.length && exception.length) || tracker.length) return pass('Process-level errors are handled.', some([...rejection, ...exception, ...tracker].map((h) => hitEvidence(h))));
    if (rejection.length || exception.length) return warn('Only one of unhandledRejection / uncaughtException is handled.', some([...rejection, ...exception].map((h) => hitEvidence(h))));
    return fail('Unhandled rejections and uncaught exceptions are not handled.');
  },
};

const DRIVERS = ['pg', 'postgres', 'mysql', 'mysql2', 'mongoose', 'mongodb', 'knex', 'sequelize', 'typeorm', '@neondatabase/serverless', 'ioredis', 'redis'];

const dbTimeouts: CheckItem = {
  id: 'database-pool-timeouts',
  group: 'reliability',
  title: 'Database connections are pooled with timeouts',
  why: 'Without a pool limit and timeouts, a slow query or an unreachable database makes every request hang until the server runs out of connections or memory.',
  fix: 'Set pool size and timeouts where the client is created, e.g. `new Pool({ max: 10, connectionTimeoutMillis: 5000, idleTimeoutMillis: 30000, statement_timeout: 10000 })` or Mongoose `serverSelectionTimeoutMS`.',
  weight: 1,
  evaluate(f) {
    const dep = f.dependency(...DRIVERS);
    if (!dep) return notApplicable('No direct database driver (ORMs such as Prisma and hosted APIs such as Supabase manage their own pools).');
    const hits = f.search([...f.server, ...f.files(/(?:^|\/)(?:knexfile|ormconfig|data-source|database)\.[cm]?[jt]s$/)], /\b(?:connectionTimeoutMillis|idleTimeoutMillis|statement_timeout|query_timeout|connectTimeout|acquireTimeout(?:Millis)?|serverSelectionTimeoutMS|socketTimeoutMS|connectTimeoutMS|maxPoolSize|connectionLimit|idle_timeout|connect_timeout)\s*:|\bpool\s*:\s*\{/);
    if (hits.length) return pass('Database connections have limits and timeouts.', some(hits.map((h) => hitEvidence(h))));
    return warn(`\`${dep.name}\` is used with its default pool and no timeouts.`, some([f.dependencyEvidence([dep.name], (n) => `\`${n}\` dependency`)]));
  },
};

const OUTBOUND = /\bfetch\s*\(\s*(?!['"`]\/)|\baxios(?:\.(?:get|post|put|patch|delete|request|create))?\s*\(|\bgot(?:\.(?:get|post|put|patch|delete))?\s*\(|\bky(?:\.(?:get|post))?\s*\(/;
const TIMEOUT = /\bAbortSignal\.timeout\s*\(|\bsignal\s*:|\btimeout\s*:|\bheadersTimeout\s*:|\bsetTimeout\s*\(\s*\(\s*\)\s*=>\s*\w+\.abort\s*\(/;

const outboundTimeouts: CheckItem = {
  id: 'outbound-timeouts',
  group: 'reliability',
  title: 'Outbound HTTP calls have timeouts',
  why: '`fetch` and axios wait forever by default. When an API you call (payments, AI, email) hangs, your requests pile up behind it and the whole app stops answering.',
  fix: 'Give every call a deadline: `fetch(url, { signal: AbortSignal.timeout(10_000) })`, `axios.create({ timeout: 10_000 })`, got `timeout: { request: 10_000 }`.',
  weight: 1,
  evaluate(f) {
    const callers = f.server.filter((file) => OUTBOUND.test(file.text));
    if (!callers.length) return notApplicable('The server makes no outbound HTTP calls.');
    const without = callers.filter((file) => !TIMEOUT.test(file.text));
    const evidence = some(without.map((file) => f.search([file], OUTBOUND, 1)[0]).filter((h) => h !== undefined).map((h) => hitEvidence(h, `\`${h.text}\` without a timeout`)));
    if (!without.length) return pass('Files that call other services set timeouts.');
    if (without.length === callers.length) return fail('Outbound HTTP calls have no timeouts.', evidence);
    return warn('Some files call other services without a timeout.', evidence);
  },
};

const QUEUES = ['bullmq', 'bull', 'bee-queue', 'agenda', 'pg-boss', 'graphile-worker', 'node-cron', 'cron', 'node-schedule', 'inngest', '@trigger.dev/sdk', 'toad-scheduler', 'croner'];

const jobRetries: CheckItem = {
  id: 'job-retries',
  group: 'reliability',
  title: 'Background jobs retry on failure',
  why: 'A job that fails once (a timeout, a rate limit) and is never retried means an email not sent or a payment not recorded, silently.',
  fix: 'Use a queue with retries and backoff (`bullmq` `attempts: 5, backoff: { type: \'exponential\' }`, pg-boss `retryLimit`, Inngest/Trigger.dev retry by default) instead of bare timers.',
  weight: 1,
  evaluate(f) {
    const dep = f.dependency(...QUEUES);
    if (!dep) return notApplicable('No background job or scheduler library.');
    if (dep.name === 'inngest' || dep.name === '@trigger.dev/sdk') return pass(`\`${dep.name}\` retries failed steps by default.`, some([f.dependencyEvidence([dep.name], (n) => `\`${n}\` dependency`)]));
    const hits = f.search(f.server, /\b(?:attempts|retries|retryLimit|maxRetries|retry|backoff|maxAttempts)\s*:/);
    if (hits.length) return pass('Jobs are configured to retry.', some(hits.map((h) => hitEvidence(h))));
    return warn(`Jobs run with \`${dep.name}\` and no retry settings were found.`, some([f.dependencyEvidence([dep.name], (n) => `\`${n}\` dependency`)]));
  },
};

const webhookIdempotency: CheckItem = {
  id: 'webhook-idempotency',
  group: 'reliability',
  title: 'Webhooks are processed once',
  why: 'Stripe and other providers deliver the same event more than once (retries, timeouts). A handler that is not idempotent grants credits twice or sends two emails.',
  fix: 'Record each event id (`event.id`) in a table with a unique constraint and skip events already seen, or make the update idempotent (upsert keyed by the provider\'s object id).',
  weight: 1,
  evaluate(f) {
    const handlers = f.server.filter((file) => /webhook/i.test(file.path) || /\bconstructEvent(?:Async)?\s*\(|\bwebhooks?\.verify\s*\(/.test(file.text));
    if (!handlers.length) return notApplicable('No webhook handlers.');
    const idempotent = handlers.filter((file) => /\bevent\.id\b|\bevt\.id\b|idempot|processed_?events|\bupsert\s*\(|onConflict|ON CONFLICT/i.test(file.text));
    if (idempotent.length === handlers.length) return pass('Webhook handlers record or key by the event id.', idempotent.slice(0, 3).map((x) => ({ file: x.path, note: 'event id used for de-duplication' })));
    return warn('A webhook handler does not de-duplicate events.', handlers.filter((x) => !idempotent.includes(x)).slice(0, 3).map((x) => ({ file: x.path, note: 'no event id check' })));
  },
};

export const RELIABILITY_ITEMS: readonly CheckItem[] = [healthEndpoint, gracefulShutdown, processErrors, dbTimeouts, outboundTimeouts, jobRetries, webhookIdempotency];
