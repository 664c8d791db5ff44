import { isMap, isScalar, isSeq, type Node, type YAMLMap } from 'yaml';
import { defineTextRule } from '../../engine/rule.js';
import { get } from './workflow.js';

const COMPOSE_PATH = /(^|\/)(?:docker-)?compose[^/]*\.ya?ml$/i;
const DATABASES: [RegExp, string][] = [
  [/(?:^|\/)(?:postgres|postgis\/postgis|postgresql|timescale\/timescaledb[^/:]*|supabase\/postgres)(?::|@|$)/i, 'PostgreSQL'],
  [/(?:^|\/)(?:mysql|mariadb)(?::|@|$)/i, 'MySQL'],
  [/(?:^|\/)mongo(?:db)?(?::|@|$)/i, 'MongoDB'],
  [/(?:^|\/)(?:redis|redis-stack-server|valkey)(?::|@|$)/i, 'Redis'],
];
const PASSWORD_VARS = /^(?:POSTGRES_PASSWORD|MYSQL_ROOT_PASSWORD|MYSQL_PASSWORD|MARIADB_ROOT_PASSWORD|MARIADB_PASSWORD|MONGO_INITDB_ROOT_PASSWORD|REDIS_PASSWORD)$/;
/** Passwords from the images' documentation and tutorials, and the usual first guesses. */
const WEAK = new Set(['postgres', 'postgresql', 'password', 'root', 'example', 'admin', 'secret', 'mysql', 'mongo', 'mongodb', 'redis', 'pass', 'changeme', 'test', '123456', '12345678', 'password123', 'qwerty', 'user', 'mypassword', 'supersecret']);

type Loc = { start: number; end: number };

/**
 * A database container reachable from outside the host with the password from the tutorial: anyone who can
 * reach the port (the internet, on a cloud VM; Docker publishes ports past ufw) logs in as its superuser.
 */
export const composeDatabaseDefaultPassword = defineTextRule({
  id: 'compose-database-default-password',
  messageIds: ['defaultPassword', 'trustAuth', 'noPassword'],
  appliesTo: { languages: ['yaml'] },
  check({ file, report }) {
    if (!COMPOSE_PATH.test(file.path) || !file.yaml || file.parseError) return;
    const root = file.yaml.contents;
    const services = isMap(root) ? get(root, 'services') : undefined;
    if (!isMap(services)) return;
    for (const pair of services.items) {
      const svc = pair.value;
      if (!isMap(svc) || !isScalar(pair.key)) continue;
      const image = isScalar(get(svc, 'image')) ? String((get(svc, 'image') as { value: unknown }).value) : '';
      const db = DATABASES.find(([re]) => re.test(image))?.[1];
      const port = db ? publishedPort(svc) : undefined;
      if (!db || !port) continue;
      const service = String(pair.key.value);
      const env = environment(svc);
      const data = { service, db, port: port.text };
      const trust = env.get('POSTGRES_HOST_AUTH_METHOD');
      if (trust && trust.value.trim().toLowerCase() === 'trust') {
        report({ messageId: 'trustAuth', data, offsets: trust.at });
        continue;
      }
      const empty = env.get('MYSQL_ALLOW_EMPTY_PASSWORD') ?? env.get('ALLOW_EMPTY_PASSWORD');
      if (empty && /^(?:yes|true|1)$/i.test(empty.value.trim())) {
        report({ messageId: 'noPassword', data, offsets: empty.at });
        continue;
      }
      const weak = [...env].find(([name, v]) => PASSWORD_VARS.test(name) && WEAK.has(defaultOf(v.value).toLowerCase()));
      if (weak) {
        report({ messageId: 'defaultPassword', data: { ...data, variable: weak[0] }, offsets: weak[1].at });
        continue;
      }
      // Redis and MongoDB start without authentication unless told otherwise.
      const command = commandText(svc);
      if (db === 'Redis' && !/--requirepass\b|\baclfile\b|redis\.conf\b/.test(command) && !env.has('REDIS_PASSWORD')) {
        report({ messageId: 'noPassword', data, offsets: port.at });
      } else if (db === 'MongoDB' && !env.has('MONGO_INITDB_ROOT_PASSWORD') && !env.has('MONGO_INITDB_ROOT_PASSWORD_FILE') && !/--auth\b/.test(command)) {
        report({ messageId: 'noPassword', data, offsets: port.at });
      }
    }
  },
});

/** A value's fallback when it is `${VAR:-default}`; the literal itself otherwise; '' for a pure reference. */
function defaultOf(value: string): string {
  const m = /^\$\{[A-Za-z_][A-Za-z0-9_]*(?::?-([^}]*))?\}$/.exec(value.trim());
  if (m) return m[1] ?? '';
  return value.trim();
}

/** The first port published on all interfaces (not bound to loopback). */
function publishedPort(svc: YAMLMap): { text: string; at: Loc } | undefined {
  const ports = get(svc, 'ports');
  if (!isSeq(ports)) return undefined;
  for (const item of ports.items as Node[]) {
    const r = item.range;
    if (!r) continue;
    let hostIp = '';
    let text = '';
    if (isScalar(item)) {
      text = String(item.value);
      const parts = text.split(':');
      // `ip:host:container`, `[::1]:host:container`, `host:container`, `container`.
      hostIp = text.startsWith('[') ? text.slice(1, text.indexOf(']')) : parts.length >= 3 ? parts[0] : '';
    } else if (isMap(item)) {
      const ip = get(item, 'host_ip');
      hostIp = isScalar(ip) ? String(ip.value) : '';
      const published = get(item, 'published');
      text = `${isScalar(published) ? String(published.value) : ''}:${isScalar(get(item, 'target')) ? String((get(item, 'target') as { value: unknown }).value) : ''}`;
    } else continue;
    if (/^(?:127\.\d+\.\d+\.\d+|localhost|::1)$/i.test(hostIp)) continue;
    return { text, at: { start: r[0], end: r[1] } };
  }
  return undefined;
}

function environment(svc: YAMLMap): Map<string, { value: string; at: Loc }> {
  const out = new Map<string, { value: string; at: Loc }>();
  const env = get(svc, 'environment');
  if (isMap(env)) {
    for (const p of env.items) {
      if (isScalar(p.key) && isScalar(p.value) && p.value.range) out.set(String(p.key.value), { value: String(p.value.value ?? ''), at: { start: p.value.range[0], end: p.value.range[1] } });
    }
  } else if (isSeq(env)) {
    for (const item of env.items) {
      if (!isScalar(item) || !item.range) continue;
      const s = String(item.value);
      const eq = s.indexOf('=');
      if (eq > 0) out.set(s.slice(0, eq), { value: s.slice(eq + 1), at: { start: item.range[0], end: item.range[1] } });
    }
  }
  return out;
}

function commandText(svc: YAMLMap): string {
  const cmd = get(svc, 'command');
  if (isScalar(cmd)) return String(cmd.value);
  if (isSeq(cmd)) return cmd.items.map((i) => (isScalar(i) ? String(i.value) : '')).join(' ');
  return '';
}
