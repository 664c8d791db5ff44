import { describe, expect, it } from 'vitest';
import { findingsOf } from '../helpers/rule-tester.js';

const pkg = (deps: Record<string, string>) => JSON.stringify({ name: 'bot', type: 'module', dependencies: deps });
const lines = (findings: { range: { startLine: number }; messageId?: string; file?: string }[]) => findings.map((f) => `${f.file ?? ''}:${f.range.startLine} ${f.messageId}`);

describe('chat bots: what users write to the bot is untrusted input', () => {
  it('Telegraf: message text run as a shell command, in a handler and in a helper of another file; the owner-only shell is not', async () => {
    const files = {
      'package.json': pkg({ telegraf: '4.16.3', shelljs: '0.8.5' }),
      'src/bot.js': [
        `import { Telegraf } from 'telegraf';`,
        `import shell from 'shelljs';`,
        `import { ping } from './ping.js';`,
        `const bot = new Telegraf(process.env.BOT_TOKEN);`,
        `bot.command('run', (ctx) => ctx.reply(shell.exec(ctx.message.text.slice(5)).stdout));`,
        `bot.hears(/^\\$ (.+)/, (ctx) => {`,
        `  if (ctx.from.id !== Number(process.env.OWNER_ID)) return ctx.reply('no');`,
        `  ctx.reply(shell.exec(ctx.match[1]).stdout);`,
        `});`,
        `bot.on('text', (ctx) => ping(ctx));`,
        // The sender's id and name are Telegram's: digits, and a username of letters, digits and underscores.
        `bot.start((ctx) => shell.exec(\`echo \${ctx.from.id} >> users.txt\`));`,
        `bot.launch();`,
      ].join('\n'),
      'src/ping.js': `import { execSync } from 'node:child_process';\nexport function ping(ctx) {\n  const host = ctx.update.message.text.split(' ')[1];\n  return ctx.reply(execSync('ping -c 1 ' + host).toString());\n}\n`,
    };
    expect(lines(await findingsOf('command-injection', { files }))).toEqual(['src/bot.js:5 message', 'src/ping.js:4 message']);
  });

  it('node-telegram-bot-api: the onText match and a pre-Telegraf module that takes the bot, with the owner checked by username in an else branch', async () => {
    const files = {
      'package.json': pkg({ 'node-telegram-bot-api': '0.66.0', mysql2: '3.11.0', shelljs: '0.8.5' }),
      'index.js': [
        `import TelegramBot from 'node-telegram-bot-api';`,
        `import mysql from 'mysql2';`,
        `const pool = mysql.createPool({ host: 'localhost', user: 'bot', database: 'notes' });`,
        `const bot = new TelegramBot(process.env.TOKEN, { polling: true });`,
        `bot.onText(/\\/find (.+)/, (msg, match) => {`,
        `  pool.promise().query(\`SELECT * FROM notes WHERE title = '\${match[1]}'\`).then(([rows]) => bot.sendMessage(msg.chat.id, JSON.stringify(rows)));`,
        `});`,
        `bot.on('message', (msg) => {`,
        `  pool.promise().query('SELECT * FROM notes WHERE body LIKE ?', ['%' + msg.text + '%']);`,
        `  pool.promise().query(\`INSERT INTO seen (chat) VALUES (\${msg.chat.id})\`);`,
        `});`,
      ].join('\n'),
      'routes/hears.js': [
        `const shell = require('shelljs');`,
        `module.exports = function (bot, config) {`,
        `  bot.on('text', (ctx) => {`,
        `    if (ctx.message.from.username != config.admin) ctx.reply('no');`,
        `    else shell.exec(ctx.update.message.text.trim());`,
        `  });`,
        `};`,
      ].join('\n'),
    };
    expect(lines(await findingsOf('sql-injection', { files }))).toEqual(['index.js:6 message']);
    expect(await findingsOf('command-injection', { files })).toEqual([]);
  });

  it('discord.js: a slash command module pasting a string option into SQL, an owner-gated eval, safe-eval and a message read as code', async () => {
    const files = {
      'package.json': pkg({ 'discord.js': '14.16.3', mysql2: '3.11.0', 'safe-eval': '0.4.1' }),
      'src/commands/pincode.js': [
        `const { SlashCommandBuilder } = require('discord.js');`,
        `const db = require('../db');`,
        `module.exports = {`,
        `  data: new SlashCommandBuilder().setName('pincode').addStringOption((o) => o.setName('pin')).addIntegerOption((o) => o.setName('slot')),`,
        `  async execute(interaction) {`,
        `    const pin = interaction.options.getString('pin');`,
        `    const slot = interaction.options.getInteger('slot');`,
        `    await db.promise().execute(\`UPDATE user SET pincode = \${pin} WHERE snowflake = '\${interaction.user.id}'\`);`,
        `    await db.promise().execute(\`UPDATE user SET slot = \${slot} WHERE snowflake = '\${interaction.user.id}'\`);`,
        `  },`,
        `};`,
      ].join('\n'),
      'src/commands/eval.js': [
        `const { SlashCommandBuilder } = require('discord.js');`,
        `const config = require('../config.json');`,
        `module.exports = {`,
        `  data: new SlashCommandBuilder().setName('eval').addStringOption((o) => o.setName('code')),`,
        `  async execute(interaction) {`,
        `    if (!config.OWNERS.includes(interaction.user.id)) return;`,
        `    await interaction.reply(String(eval(interaction.options.getString('code'))));`,
        `  },`,
        `};`,
      ].join('\n'),
      'src/commands/maths.ts': [
        `import { SlashCommandBuilder, type ChatInputCommandInteraction } from 'discord.js';`,
        `const safeEval = require('safe-eval');`,
        `export const data = new SlashCommandBuilder().setName('maths');`,
        `export async function execute(interaction: ChatInputCommandInteraction) {`,
        `  await interaction.reply(String(safeEval(interaction.options.get('expression')!.value as string)));`,
        `}`,
      ].join('\n'),
      'src/index.js': [
        `const { Client, GatewayIntentBits } = require('discord.js');`,
        `const client = new Client({ intents: [GatewayIntentBits.GuildMessages, GatewayIntentBits.MessageContent] });`,
        `client.on('messageCreate', (message) => {`,
        `  if (message.content.startsWith('!calc ')) message.reply(String(new Function('return ' + message.content.slice(6))()));`,
        `});`,
        `client.login(process.env.TOKEN);`,
      ].join('\n'),
    };
    expect(lines(await findingsOf('sql-injection', { files }))).toEqual(['src/commands/pincode.js:8 message']);
    expect(lines(await findingsOf('code-injection', { files }))).toEqual(['src/commands/maths.ts:5 message', 'src/index.js:4 message']);
  });

  it("Slack's Bolt: a slash command's text fetched by the server", async () => {
    const files = {
      'package.json': pkg({ '@slack/bolt': '3.21.0' }),
      'app.js': [
        `import bolt from '@slack/bolt';`,
        `const app = new bolt.App({ token: process.env.SLACK_BOT_TOKEN, signingSecret: process.env.SLACK_SIGNING_SECRET });`,
        `app.command('/preview', async ({ command, ack, respond }) => {`,
        `  await ack();`,
        `  const page = await fetch(command.text.trim());`,
        `  await respond(await page.text());`,
        `});`,
        `app.command('/status', async ({ command, ack, respond }) => {`,
        `  await ack();`,
        `  await respond(await (await fetch(\`https://status.example.com/api?team=\${encodeURIComponent(command.text)}\`)).text());`,
        `});`,
      ].join('\n'),
    };
    expect(lines(await findingsOf('ssrf', { files }))).toEqual(['app.js:5 message']);
  });
});
