import { ruleTester } from '../../helpers/rule-tester.js';

const compose = (service: string, path = 'docker-compose.yml') => ({ [path]: `services:\n${service}` });

ruleTester('compose-database-default-password', {
  valid: [
    { name: 'default password but port bound to loopback', files: compose(`  db:\n    image: postgres:16\n    ports:\n      - "127.0.0.1:5432:5432"\n    environment:\n      POSTGRES_PASSWORD: postgres\n`) },
    { name: 'default password without published ports', files: compose(`  db:\n    image: mysql:8\n    environment:\n      MYSQL_ROOT_PASSWORD: root\n`) },
    { name: 'password from the environment', files: compose(`  db:\n    image: postgres:16\n    ports: ["5432:5432"]\n    environment:\n      POSTGRES_PASSWORD: \${POSTGRES_PASSWORD:?required}\n`) },
    { name: 'redis with requirepass', files: compose(`  cache:\n    image: redis:7-alpine\n    command: redis-server --requirepass \${REDIS_PASSWORD}\n    ports:\n      - 6379:6379\n`) },
    { name: 'not a compose file', files: compose(`  db:\n    image: postgres:16\n    ports: ["5432:5432"]\n    environment:\n      POSTGRES_PASSWORD: postgres\n`, 'deploy/values.yml') },
  ],
  invalid: [
    { name: 'postgres default', files: compose(`  db:\n    image: postgres:16\n    ports:\n      - "5432:5432"\n    environment:\n      POSTGRES_PASSWORD: postgres\n`), errors: [{ messageId: 'defaultPassword', line: 7 }] },
    { name: 'mysql list env with weak fallback', files: compose(`  mysql:\n    image: mysql:8.0\n    ports:\n      - "3306:3306"\n    environment:\n      - MYSQL_ROOT_PASSWORD=\${DB_ROOT_PASSWORD:-root}\n`, 'compose.yaml'), errors: [{ messageId: 'defaultPassword', line: 7 }] },
    { name: 'trust auth', files: compose(`  db:\n    image: postgis/postgis:16-3.4\n    ports: ["0.0.0.0:5432:5432"]\n    environment:\n      POSTGRES_HOST_AUTH_METHOD: trust\n`), errors: [{ messageId: 'trustAuth', line: 6 }] },
    { name: 'redis and mongo without passwords', files: compose(`  redis:\n    image: redis:7\n    ports:\n      - 6379:6379\n  mongo:\n    image: mongo:7\n    ports:\n      - target: 27017\n        published: 27017\n`, 'docker-compose.dev.yml'), errors: [{ messageId: 'noPassword', line: 5 }, { messageId: 'noPassword', line: 9 }] },
  ],
});
