import { ruleTester } from '../../helpers/rule-tester.js';

const PKG = JSON.stringify({ name: 'chat', dependencies: { 'socket.io': '^4.7.5', express: '^4.19.2', jsonwebtoken: '^9.0.2' } });
/** A connection callback around `body`, in a server file that imports Socket.IO. */
const server = (body: string, before = '') => `import { Server } from 'socket.io';\nconst users = {};\nconst online = new Map();\nconst io = new Server(3000);\n${before}io.on('connection', (socket) => {\n${body}});\n`;

ruleTester('socket-identity-from-client', {
  valid: [
    {
      name: 'the id comes from a token the middleware verified',
      files: {
        'package.json': PKG,
        'server/socket.js': server(`  users[socket.data.userId] = socket.id;\n  online.set(socket.data.userId, socket.id);\n`, `io.use((socket, next) => {\n  socket.data.userId = jwt.verify(socket.handshake.auth.token, process.env.JWT_SECRET).id;\n  next();\n});\n`),
      },
    },
    {
      name: 'a claimed id compared with the verified one before it is used',
      files: {
        'package.json': PKG,
        'server/socket.js': server(`  const { userId } = socket.handshake.auth;\n  const verified = jwt.verify(socket.handshake.auth.token, process.env.JWT_SECRET);\n  if (verified.id !== userId) return socket.disconnect();\n  users[userId] = socket.id;\n`),
      },
    },
    {
      name: 'handshake fields that name no user (a room, a locale), and a token stored as it is',
      files: {
        'package.json': PKG,
        'server/socket.js': server(`  const room = socket.handshake.query.room;\n  socket.locale = socket.handshake.query.lang;\n  users[room] = socket.id;\n  socket.token = socket.handshake.auth.token;\n`),
      },
    },
  ],
  invalid: [
    {
      name: 'the online-users map of the MERN chat tutorial, and a Map keyed by the claimed id',
      files: {
        'package.json': PKG,
        'server/socket.js': server(`  const userId = socket.handshake.query.userId;\n  if (userId != 'undefined') users[userId] = socket.id;\n  online.set(socket.handshake.query.userId, socket);\n`),
      },
      errors: [
        { messageId: 'claimedIdentity', line: 7 },
        { messageId: 'claimedIdentity', line: 8 },
      ],
    },
    {
      name: 'the claimed id stored on the socket, destructured from the auth fields in io.use',
      files: {
        'package.json': PKG,
        'server/socket.ts': `import { Server } from 'socket.io';\nexport function attach(io: Server) {\n  io.use((socket, next) => {\n    const { userId, token } = socket.handshake.auth;\n    if (!token) return next(new Error('no token'));\n    socket.data.userId = userId;\n    next();\n  });\n}\n`,
      },
      errors: [{ messageId: 'claimedIdentity', line: 6 }],
    },
  ],
});
