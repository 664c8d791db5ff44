import { hitEvidence } from '../facts.js';
import { fail, notApplicable, pass, some, warn } from '../outcome.js';
import type { CheckItem } from '../types.js';

const LOGGER = /\bpino\s*\(|\bwinston\.createLogger\s*\(|\bcreateLogger\s*\(|\bbunyan\.createLogger\s*\(|\blog4js\.getLogger\s*\(|\bconsola\b|\bnew\s+Logger\s*\(|from\s+['"](?:pino|winston|bunyan|log4js|tslog|consola|@logtail\/\w+|@axiomhq\/\w+|next-axiom)['"]/;

const structuredLogger: CheckItem = {
  id: 'structured-logger',
  group: 'observability',
  title: 'A structured logger, not only console.log',
  why: 'When something breaks in production you search logs by request, user and level. `console.log` lines have no level, no context and are hard to search or alert on.',
  fix: 'Use `pino` (or winston) with JSON output, log with context (`logger.info({ userId }, \'order created\')`), and keep `console.log` out of server code.',
  weight: 1,
  evaluate(f) {
    if (!f.hasServer) return notApplicable('No server code.');
    const hits = f.search(f.server, LOGGER);
    if (hits.length) return pass('A structured logger is used.', some(hits.map((h) => hitEvidence(h))));
    const consoles = f.search(f.server, /\bconsole\.(?:log|error|warn|info)\s*\(/, 200);
    if (!consoles.length) return warn('The server does not log at all.');
    return fail(`The server logs with \`console\` only (${consoles.length}${consoles.length === 200 ? '+' : ''} call${consoles.length === 1 ? '' : 's'}).`, some(consoles.map((h) => hitEvidence(h))));
  },
};

const requestLogging: CheckItem = {
  id: 'request-logging',
  group: 'observability',
  title: 'Requests are logged',
  why: 'A log line per request (method, path, status, time) is how you see an attack, a slow endpoint or a spike of errors, and what you need after an incident.',
  fix: 'Express: `app.use(pinoHttp())` or `morgan(\'combined\')`; Fastify: `Fastify({ logger: true })`; Hono: `app.use(logger())`.',
  weight: 1,
  evaluate(f) {
    if (!f.longRunning) return notApplicable('No long-running Node server; the platform logs requests.');
    const hits = f.search(f.server, /\bmorgan\s*\(|\bpinoHttp\s*\(|\bpino-http\b|\bexpressWinston\.logger\s*\(|\blogger\s*:\s*(?:true|\{|\w)|\bapp\.use\s*\(\s*logger\s*\(|\bkoaLogger\s*\(|from\s+['"]koa-logger['"]/);
    if (hits.length) return pass('Each request is logged.', some(hits.map((h) => hitEvidence(h))));
    return fail('No request logging middleware was found.');
  },
};

const errorTracking: CheckItem = {
  id: 'error-tracking',
  group: 'observability',
  title: 'Errors are reported to an error tracker',
  why: 'Users rarely report errors; they leave. An error tracker tells you about the exception the moment it happens, with the stack trace and the request.',
  fix: 'Install Sentry (`@sentry/node`, `@sentry/nextjs`) or a similar service and initialise it when the server starts.',
  weight: 2,
  evaluate(f) {
    if (!f.hasServer) return notApplicable('No server code.');
    const hits = f.search([...f.server, ...f.files(/(?:^|\/)(?:sentry\.\w+\.config|instrumentation)\.[cm]?[jt]s$/)], /\bSentry\.init\s*\(|\bBugsnag\.start\s*\(|\bnew\s+Rollbar\s*\(|\bHoneybadger\.configure\s*\(|\brequire\(\s*['"](?:dd-trace|newrelic)['"]\s*\)|from\s+['"](?:dd-trace|newrelic|@highlight-run\/\w+|@sentry\/\w+)['"]/);
    if (hits.length) return pass('An error tracker is initialised.', some(hits.map((h) => hitEvidence(h))));
    const dep = f.dependencyEvidence(['@sentry/node', '@sentry/nextjs', '@sentry/react', '@sentry/bun', '@bugsnag/js', 'rollbar', '@honeybadger-io/js', 'dd-trace', 'newrelic'], (n) => `\`${n}\` is installed`);
    if (dep) return warn('An error tracker is installed but never initialised in server code.', [dep]);
    return fail('No error tracking service is set up.');
  },
};

const auditLog: CheckItem = {
  id: 'audit-log',
  group: 'observability',
  title: 'Sensitive actions leave an audit trail',
  why: 'When an account is taken over or data disappears, you need to know who did what and when: role changes, deletions, payouts, logins.',
  fix: 'Write an `audit_log` row (actor, action, target, time, IP) for sensitive actions, in the same transaction as the action.',
  weight: 1,
  evaluate(f) {
    if (!f.hasServer) return notApplicable('No server code.');
    const hits = f.search([...f.server, ...f.files(/\.(?:sql|prisma)$/)], /\baudit[_-]?logs?\b|\bauditLog\w*|\bAuditLog\w*|\bactivity[_-]?logs?\b|\bActivityLog\b|\baudit\s*\(/i);
    if (hits.length) return pass('Sensitive actions are recorded.', some(hits.map((h) => hitEvidence(h))));
    return warn('No audit log of sensitive actions was found.');
  },
};

export const OBSERVABILITY_ITEMS: readonly CheckItem[] = [structuredLogger, requestLogging, errorTracking, auditLog];
