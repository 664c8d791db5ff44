import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../../src/config/types.js';
import { scanVirtual } from '../../../src/engine/scan.js';
import { ruleTester } from '../../helpers/rule-tester.js';

const PKG = JSON.stringify({ name: 'chat', dependencies: { 'socket.io': '^4.7.5', express: '^4.19.2', mongoose: '^8.4.0' } });
const NEST = JSON.stringify({ name: 'api', dependencies: { '@nestjs/core': '^10.3.0', '@nestjs/websockets': '^10.3.0', 'socket.io': '^4.7.5' } });
/** A connection callback around `body` (indented by the caller), in a server file that imports Socket.IO. */
const server = (body: string) => `const { Server } = require('socket.io');\nmodule.exports = (httpServer) => {\n  const io = new Server(httpServer);\n  io.on('connection', (socket) => {\n${body}  });\n};\n`;

ruleTester('socket-room-without-check', {
  valid: [
    {
      name: "rooms named by the caller's own identity",
      files: {
        'package.json': PKG,
        'server/socket.js': server(`    socket.join(socket.user.id);\n    socket.join(\`user:\${socket.data.userId}\`);\n    socket.on('dm', ({ peerId, text }) => {\n      io.to(\`\${socket.data.userId}:\${peerId}\`).emit('dm', { text });\n    });\n    io.to(socket.id).emit('ready');\n`),
      },
    },
    {
      name: "membership looked up with the caller's id, then checked before joining",
      files: {
        'package.json': PKG,
        'server/socket.js': server(`    socket.on('join chat', async (chatId) => {\n      const chat = await Chat.findOne({ _id: chatId, users: socket.user._id });\n      if (!chat) return socket.emit('error', 'not a member');\n      socket.join(chatId);\n    });\n`),
      },
    },
    {
      name: "the join sits inside a test of the caller's membership",
      files: {
        'package.json': PKG,
        'server/socket.js': server(`    socket.on('join', async ({ chatId }) => {\n      const chat = await Chat.findById(chatId);\n      if (chat && chat.members.includes(socket.userId)) socket.join(chatId);\n    });\n`),
      },
    },
    {
      name: "access looked up with the caller's id read into a local first",
      files: {
        'package.json': PKG,
        'server/socket.js': server(`    socket.on('joinBoard', async (boardId) => {\n      const userId = socket.user.id;\n      const hasAccess = db.prepare('SELECT 1 FROM board_users WHERE board_id = ? AND user_id = ?').get(boardId, userId);\n      if (!hasAccess) return socket.emit('error', 'denied');\n      socket.join(\`board:\${boardId}\`);\n    });\n`),
      },
    },
    {
      name: 'a membership check helper is called first',
      files: {
        'package.json': PKG,
        'server/socket.js': server(`    socket.on('room:join', async (roomId) => {\n      await assertRoomMember(roomId, socket.data.user.id);\n      socket.join(roomId);\n      io.to(roomId).emit('room:joined', socket.data.user.id);\n    });\n`),
      },
    },
    {
      name: 'a typing indicator sent to a room carries nothing the client wrote',
      files: {
        'package.json': PKG,
        'server/socket.js': server(`    socket.on('typing', (room) => {\n      socket.to(room).emit('typing', socket.id);\n    });\n`),
      },
    },
    {
      name: 'watching a public auction or a lobby is what their rooms are for',
      files: {
        'package.json': PKG,
        'server/socket.js': server(`    socket.on('join_auction', ({ auctionId }) => socket.join(\`auction:\${auctionId}\`));\n    socket.on('enter', (name) => socket.join(\`lobby-\${name}\`));\n`),
      },
    },
    {
      name: 'an allow-list of public rooms',
      files: {
        'package.json': PKG,
        'server/socket.js': server(`    const PUBLIC_ROOMS = ['general', 'random'];\n    socket.on('join', (room) => {\n      if (!PUBLIC_ROOMS.includes(room)) return;\n      socket.join(room);\n    });\n`),
      },
    },
    {
      name: 'fixed room names and array joins',
      files: {
        'package.json': PKG,
        'server/socket.js': server(`    socket.on('subscribe-prices', () => socket.join('prices'));\n    socket.on('tags', (tags) => {\n      const label = tags.join(', ');\n      socket.emit('label', label);\n    });\n`),
      },
    },
    {
      name: "rooms looked up for the signed-in user at connection",
      files: {
        'package.json': PKG,
        'server/socket.ts': `import { Server, Socket } from 'socket.io';\nexport function attach(io: Server) {\n  io.on('connection', async (socket: Socket) => {\n    const rooms = await roomsOf(socket.data.user.id);\n    rooms.forEach((room: string) => socket.join(room));\n  });\n}\n`,
      },
    },
    {
      name: 'browser code with the Socket.IO client asks to join',
      files: {
        'package.json': JSON.stringify({ name: 'web', dependencies: { 'socket.io-client': '^4.7.5', react: '^18.3.1' } }),
        'src/hooks/useChat.ts': `import { io } from 'socket.io-client';\nconst socket = io('/chat');\nexport function joinChat(chatId: string) {\n  socket.emit('join chat', chatId);\n  socket.on('message', (m) => console.log(m));\n}\n`,
      },
    },
    {
      name: 'a NestJS gateway without decorators on its parameters: the socket comes first, and its user owns what is made',
      files: {
        'package.json': NEST,
        'src/chat/chat.gateway.ts': `import { SubscribeMessage, WebSocketGateway, WebSocketServer } from '@nestjs/websockets';\nimport { Server, Socket } from 'socket.io';\n@WebSocketGateway()\nexport class ChatGateway {\n  @WebSocketServer() server: Server;\n  @SubscribeMessage('createRoom')\n  async onCreateRoom(socket: Socket, room: RoomDto) {\n    const created = await this.rooms.create(room, socket.data.user);\n    for (const user of created.users) this.server.to(user.socketId).emit('joinRoom', created);\n  }\n}\n`,
      },
    },
    {
      name: 'a Redis subscriber relays messages the server published to their rooms',
      files: {
        'package.json': PKG,
        'server/socket.js': server(`    socket.join(\`user:\${socket.user.id}\`);\n`) + `const sub = redis.duplicate();\nsub.on('message', (channel, raw) => {\n  const event = JSON.parse(raw);\n  io.to(event.room).emit(event.type, event.payload);\n});\n`,
      },
    },
    {
      name: 'an event emitter that is not Socket.IO',
      files: {
        'package.json': PKG,
        'server/lib/bus.js': `const EventEmitter = require('events');\nconst bus = new EventEmitter();\nbus.on('join', (room) => client.join(room));\nmodule.exports = bus;\n`,
      },
    },
    {
      name: 'a NestJS gateway that joins the signed-in user’s own room',
      files: {
        'package.json': NEST,
        'src/chat/chat.gateway.ts': `import { ConnectedSocket, MessageBody, SubscribeMessage, WebSocketGateway } from '@nestjs/websockets';\nimport { Socket } from 'socket.io';\n@WebSocketGateway()\nexport class ChatGateway {\n  @SubscribeMessage('hello')\n  hello(@MessageBody() text: string, @ConnectedSocket() client: Socket) {\n    client.join(client.data.userId);\n    return text;\n  }\n}\n`,
      },
    },
    {
      name: 'a module that takes a socket, in a package without Socket.IO, is not a socket server',
      files: {
        'package.json': JSON.stringify({ name: 'tcp', dependencies: { express: '^4.19.2' } }),
        'server/handlers.js': `export default function (socket) {\n  socket.on('join', (user) => {\n    socket.join(user);\n  });\n}\n`,
      },
    },
    {
      name: "a helper given the socket and the caller's id, not an event's data; a helper that checks membership first",
      files: {
        'package.json': PKG,
        'server/rooms.js': `export const joinOwnRoom = (socket, userId) => {\n  socket.join(userId);\n};\nexport const joinChat = async (socket, io, msg) => {\n  const chat = await Chat.findOne({ _id: msg.chatId, users: socket.user.id });\n  if (!chat) return socket.emit('error', 'not a member');\n  socket.join(msg.chatId);\n};\n`,
      },
    },
  ],
  invalid: [
    {
      name: "the chat tutorial's setup and join chat handlers, and a message sent to the chat the client names",
      files: {
        'package.json': PKG,
        'server/socket.js': server(`    socket.on('setup', (userData) => {\n      socket.join(userData._id);\n      socket.emit('connected');\n    });\n    socket.on('join chat', (room) => {\n      socket.join(room);\n    });\n    socket.on('new message', (message) => {\n      io.to(message.chatId).emit('message received', message);\n    });\n`),
      },
      errors: [
        { messageId: 'joinAnyRoom', line: 6 },
        { messageId: 'joinAnyRoom', line: 10 },
        { messageId: 'sendToAnyRoom', line: 13 },
      ],
    },
    {
      name: "checks of the value alone, and of sign-in alone, are not the caller's right to the room",
      files: {
        'package.json': PKG,
        'server/sockets/chat.js': `module.exports = (io, socket) => {\n  socket.on('chat:join', ({ chatId }) => {\n    if (!chatId || typeof chatId !== 'string') return socket.emit('error', 'chatId is required');\n    const me = socket.user?.id;\n    if (!me) return;\n    socket.join(\`chat:\${chatId}\`);\n  });\n};\n`,
      },
      errors: [{ messageId: 'joinAnyRoom', line: 6 }],
    },
    {
      name: 'a user id from the handshake query',
      files: {
        'package.json': PKG,
        'server/socket.js': server(`    const userId = socket.handshake.query.userId;\n    socket.join(userId);\n`),
      },
      errors: [{ messageId: 'joinAnyRoom', line: 6 }],
    },
    {
      name: 'a message relayed to every user the client lists, skipping the sender the client names',
      files: {
        'package.json': PKG,
        'server/socket.js': server(`    socket.on('new message', (newMessage) => {\n      const chat = newMessage.chat;\n      chat.users.forEach((user) => {\n        if (user._id == newMessage.sender._id) return;\n        socket.in(user._id).emit('message recieved', newMessage);\n      });\n    });\n`),
      },
      errors: [{ messageId: 'sendToAnyRoom', line: 9 }],
    },
    {
      name: 'a handler registered by name, and rooms from a list the client sent',
      files: {
        'package.json': PKG,
        'server/socket.js': server(`    const onJoin = (room) => socket.join(room);\n    socket.on('join', onJoin);\n    socket.on('user_connected', ({ rooms }) => {\n      for (const r of rooms) socket.join(r._id);\n    });\n`),
      },
      errors: [
        { messageId: 'joinAnyRoom', line: 5 },
        { messageId: 'joinAnyRoom', line: 8 },
      ],
    },
    {
      name: "membership tested against a user id the client also sent",
      files: {
        'package.json': PKG,
        'server/socket.js': server(`    socket.on('join', async ({ chatId, userId }) => {\n      const chat = await Chat.findById(chatId);\n      if (!chat || !chat.users.includes(userId)) return;\n      socket.join(chatId);\n    });\n`),
      },
      errors: [{ messageId: 'joinAnyRoom', line: 8 }],
    },
    {
      name: 'a TypeScript helper that broadcasts to the room in the payload',
      files: {
        'package.json': PKG,
        'server/socket/handlers.ts': `import type { Server, Socket } from 'socket.io';\nexport const registerChatHandlers = (io: Server, socket: Socket) => {\n  socket.on('chat:send', (data: { chatId: string; text: string }) => {\n    socket.broadcast.to(data.chatId).emit('chat:message', data);\n  });\n};\n`,
      },
      errors: [{ messageId: 'sendToAnyRoom', line: 4 }],
    },
    {
      name: 'a NestJS gateway joins the room in the message body',
      files: {
        'package.json': NEST,
        'src/chat/chat.gateway.ts': `import { ConnectedSocket, MessageBody, SubscribeMessage, WebSocketGateway, WebSocketServer } from '@nestjs/websockets';\nimport { Server, Socket } from 'socket.io';\n@WebSocketGateway()\nexport class ChatGateway {\n  @WebSocketServer() server: Server;\n  @SubscribeMessage('joinRoom')\n  handleJoin(@MessageBody() room: string, @ConnectedSocket() client: Socket) {\n    client.join(room);\n    this.server.to(room).emit('joined', client.id);\n  }\n  @SubscribeMessage('chat:send')\n  send(@MessageBody() body: { chatId: string; text: string }) {\n    this.server.to(body.chatId).emit('chat:message', body.text);\n  }\n}\n`,
      },
      errors: [
        { messageId: 'joinAnyRoom', line: 8, severity: 'medium' },
        { messageId: 'sendToAnyRoom', line: 13, severity: 'high' },
      ],
    },
    {
      name: 'a NestJS gateway without parameter decorators posts a message into the room the message names',
      files: {
        'package.json': NEST,
        'src/chat/chat.gateway.ts': `import { SubscribeMessage, WebSocketGateway, WebSocketServer } from '@nestjs/websockets';\nimport { Server, Socket } from 'socket.io';\n@WebSocketGateway()\nexport class ChatGateway {\n  @WebSocketServer() server: Server;\n  @SubscribeMessage('createMessage')\n  async createMessage(socket: Socket, message: MessageDto) {\n    await this.messages.create({ ...message, user: socket.data.user });\n    const room = await this.rooms.byId(message.room.id);\n    this.server.to(room.name).emit('newMessage', message);\n  }\n}\n`,
      },
      errors: [{ messageId: 'sendToAnyRoom', line: 10 }],
    },
    {
      name: 'handlers registered by a module given the socket, in a Socket.IO package (`export default function (socket)`)',
      files: {
        'package.json': PKG,
        'src/SocketServer.js': `export default function (socket) {\n  socket.on('join', (user) => {\n    socket.join(user);\n  });\n  socket.on('join conversation', (conversation) => socket.join(conversation));\n}\n`,
      },
      errors: [
        { messageId: 'joinAnyRoom', line: 3 },
        { messageId: 'joinAnyRoom', line: 5 },
      ],
    },
    {
      name: "a helper an event handler hands the socket and the event's data to, and Socket.IO 2's join with a callback",
      files: {
        'package.json': PKG,
        'src/controller/roomJoin.js': `export const roomJoin = (socket, io, msg) => {\n  if (!msg.room_id) return socket.emit('room_join', { status: false });\n  socket.join(msg.room_id, () => {\n    io.in(msg.room_id).emit('room_join', { status: true, room_id: msg.room_id });\n  });\n};\n`,
      },
      errors: [
        { messageId: 'joinAnyRoom', line: 3, severity: 'medium' },
        { messageId: 'sendToAnyRoom', line: 4, severity: 'medium' },
      ],
    },
  ],
});

describe('socket-room-without-check messages', () => {
  it('names the room, says whose data named it, and marks rooms for one user or conversation', async () => {
    const result = await scanVirtual(
      {
        'package.json': PKG,
        'server/socket.js': server(`    socket.on('setup', (userData) => socket.join(userData._id));\n    socket.join(socket.handshake.query.room);\n    const login = socket.handshake.query.login;\n    const tasks = lookUp({ login });\n    for (const task of tasks) socket.join(task.id);\n`),
      },
      { config: defaultConfig(), offline: true },
    );
    const messages = result.findings.filter((f) => f.ruleId === 'socket-room-without-check').map((f) => f.message);
    expect(messages).toEqual([
      expect.stringMatching(/^Any client can join the room `userData\._id` \(a room for one user or conversation\): its name comes from the data of the `setup` event/),
      expect.stringMatching(/^Any client can join the room `socket\.handshake\.query\.room`: its name comes from the connection's query string/),
      // Through locals, the value keeps where it came from: the query, not some event's data.
      expect.stringMatching(/^Any client can join the room `task\.id`: its name comes from the connection's query string/),
    ]);
  });
});
