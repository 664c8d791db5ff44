/** A Socket.IO server (`server.js`); `auth` adds an io.use middleware verifying the handshake token. The events start at line 13. */
export function socketServer(auth: boolean, events: string[]): Record<string, string> {
  return {
    'package.json': JSON.stringify({ name: 'app', dependencies: { 'socket.io': '4.8.1', mongoose: '8.8.1', jsonwebtoken: '9.0.2' } }),
    'server.js': [
      `const jwt = require('jsonwebtoken');`,
      `const { Server } = require('socket.io');`,
      `const Bid = require('./models/Bid');`,
      `const io = new Server(3000);`,
      auth ? `io.use((socket, next) => {` : `// no middleware`,
      auth ? `  try { socket.user = jwt.verify(socket.handshake.auth.token, process.env.JWT_SECRET); next(); }` : `//`,
      auth ? `  catch { next(new Error('unauthorized')); }` : `//`,
      auth ? `});` : `//`,
      `io.on('connection', (socket) => {`,
      `  socket.on('join', (auctionId) => socket.join(auctionId));`,
      `  socket.on('typing', (room) => socket.to(room).emit('typing'));`,
      `  socket.on('disconnect', () => {});`,
      ...events.map((l) => `  ${l}`),
      `});`,
    ].join('\n'),
  };
}
