import { ruleTester } from '../../helpers/rule-tester.js';

const df = (lines: string[], path = 'Dockerfile') => ({ [path]: lines.join('\n') + '\n' });
const TAIL = ['USER node', 'CMD ["node", "server.js"]'];

ruleTester('dockerfile-unpinned-base', {
  valid: [
    { name: 'version tag', files: df(['FROM node:20.18-alpine', ...TAIL]) },
    { name: 'digest without tag', files: df([`FROM node@sha256:${'b'.repeat(64)}`, ...TAIL]) },
    { name: 'multi-stage alias and scratch', files: df(['FROM golang:1.23 AS build', 'RUN go build -o /app', 'FROM scratch', 'COPY --from=build /app /app', 'FROM build AS test', 'USER 1000', 'CMD ["/app"]']) },
    { name: 'global ARG with a pinned default', files: df(['ARG NODE_VERSION=20.18', 'FROM node:${NODE_VERSION}-alpine', ...TAIL]) },
    { name: 'registry with a port and a tag', files: df(['FROM registry.local:5000/team/node:20', ...TAIL]) },
    { name: 'a distribution codename pins its release', files: df(['FROM debian:bookworm-slim', ...TAIL]) },
  ],
  invalid: [
    { name: 'no tag', files: df(['FROM node', ...TAIL]), errors: [{ messageId: 'noTag', line: 1 }] },
    { name: 'latest, with a platform flag', files: df(['FROM --platform=linux/amd64 node:latest AS base', ...TAIL]), errors: [{ messageId: 'latest', line: 1 }] },
    { name: 'registry port without tag in a second stage', files: df(['FROM node:20 AS build', 'RUN npm ci', 'FROM registry.local:5000/team/runtime', ...TAIL], 'docker/api.Dockerfile'), errors: [{ messageId: 'noTag', line: 3 }] },
    { name: 'a variant without a version, in each stage', files: df(['FROM node:alpine AS build', 'RUN npm ci', 'FROM node:lts-slim', ...TAIL]), errors: [{ messageId: 'noVersion', line: 1 }, { messageId: 'noVersion', line: 3 }] },
    { name: 'ARG default latest', files: df(['ARG BASE=python:latest', 'FROM $BASE', ...TAIL], 'Containerfile'), errors: [{ messageId: 'latest', line: 2 }] },
  ],
});

ruleTester('dockerfile-runs-as-root', {
  valid: [
    { name: 'USER node before CMD', files: df(['FROM node:20', 'WORKDIR /app', ...TAIL]) },
    { name: 'user set in an earlier stage the final one builds on', files: df(['FROM node:20 AS base', 'USER node', 'FROM base', 'CMD ["node", "server.js"]']) },
    { name: 'distroless nonroot base', files: df(['FROM node:20 AS build', 'RUN npm ci', 'FROM gcr.io/distroless/nodejs20-debian12:nonroot', 'CMD ["server.js"]']) },
    { name: 'entrypoint drops privileges with gosu', files: df(['FROM node:20', 'COPY entrypoint.sh /', 'RUN chmod +x /entrypoint.sh # uses gosu node', 'ENTRYPOINT ["/entrypoint.sh"]']) },
    { name: 'devcontainer', files: df(['FROM node:20', 'CMD ["sleep", "infinity"]'], '.devcontainer/Dockerfile') },
  ],
  invalid: [
    { name: 'no USER at all', files: df(['FROM node:20-alpine', 'WORKDIR /app', 'COPY . .', 'CMD ["node", "server.js"]']), errors: [{ messageId: 'noUser', line: 4 }] },
    { name: 'USER only in the build stage', files: df(['FROM node:20 AS build', 'USER node', 'RUN npm ci', 'FROM node:20-slim', 'COPY --from=build /app /app', 'ENTRYPOINT ["node", "/app/server.js"]']), errors: [{ messageId: 'noUser', line: 6 }] },
    { name: 'switches back to root', files: df(['FROM node:20', 'USER node', 'RUN npm ci', 'USER root', 'CMD ["node", "server.js"]']), errors: [{ messageId: 'rootUser', line: 4 }] },
    { name: 'no CMD: reported at FROM', files: df(['FROM python:3.12', 'COPY . /app']), errors: [{ messageId: 'noUser', line: 1 }] },
  ],
});

ruleTester('dockerfile-add-from-url', {
  valid: [
    { name: 'ADD with checksum', files: df(['FROM alpine:3.20', 'ADD --checksum=sha256:24454f830cdb571e2c4ad15481119c43b3cafd48dd869a9b2945d1036d1dc68d https://example.com/x /x', ...TAIL]) },
    { name: 'ADD of a local archive and COPY', files: df(['FROM alpine:3.20', 'ADD vendor.tar.gz /opt/', 'COPY https.txt /x', ...TAIL]) },
  ],
  invalid: [
    { name: 'https download', files: df(['FROM alpine:3.20', 'ADD https://github.com/x/y/releases/download/v1/tool /usr/local/bin/tool', ...TAIL]), errors: [{ messageId: 'addUrl', line: 2 }] },
    { name: 'plain http in exec form, continued', files: df(['FROM alpine:3.20', 'ADD ["http://downloads.example.com/agent.tgz", \\', '  "/opt/"]', ...TAIL]), errors: [{ messageId: 'addHttp', line: 2 }] },
  ],
});

ruleTester('dockerfile-secret-in-env', {
  valid: [
    { name: 'secret file path, public build var, placeholder', files: df(['FROM node:20', 'ENV JWT_SECRET_FILE=/run/secrets/jwt NEXT_PUBLIC_API_KEY=pk_test_123', 'ENV API_KEY=changeme', ...TAIL]) },
    { name: 'env copying a runtime variable and non-secret args', files: df(['FROM node:20', 'ARG NODE_ENV=production', 'ENV SESSION_SECRET=${SESSION_SECRET}', ...TAIL]) },
    { name: 'secret mount', files: df(['FROM node:20', 'RUN --mount=type=secret,id=npm,env=NPM_TOKEN npm ci', ...TAIL]) },
    { name: 'a builder stage\u2019s stand-in signing secret, set so that the build passes', files: df(['FROM node:20 AS build', 'ENV NEXTAUTH_SECRET=dummy JWT_SECRET=', 'RUN npm run build', 'FROM node:20-slim', 'COPY --from=build /app /app', ...TAIL]) },
  ],
  invalid: [
    { name: 'ENV literal, key=value form', files: df(['FROM node:20', 'ENV NODE_ENV=production STRIPE_SECRET_KEY=sk_live_51Habc9Xq2LmN8pQ4rT6vW1yZ', ...TAIL]), errors: [{ messageId: 'envLiteral', line: 2 }] },
    { name: 'ENV literal, legacy form', files: df(['FROM node:20', 'ENV DB_PASSWORD s3cr3t-Pa55w0rd!', ...TAIL]), errors: [{ messageId: 'envLiteral', line: 2 }] },
    { name: 'a signing secret\u2019s guessable stand-in in the image that runs', files: df(['FROM node:21.7.3', 'WORKDIR /app', 'ENV JWT_SECRET=secret', ...TAIL]), errors: [{ messageId: 'envDefault', line: 3 }] },
    { name: 'ARG without and with default', files: df(['FROM node:20', 'ARG NPM_TOKEN', 'ARG GITHUB_TOKEN=ghp_0123456789abcdefABCDEF0123456789abcd', ...TAIL]), errors: [{ messageId: 'argSecret', line: 2 }, { messageId: 'argSecret', line: 3 }] },
  ],
});
