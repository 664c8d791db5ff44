import { describe, expect, it } from 'vitest';
import { findingsOf, ruleTester } from '../../helpers/rule-tester.js';

ruleTester('unescaped-template-output', {
  valid: [
    { name: 'EJS escaped output, scriptlets and partials', filename: 'views/index.ejs', code: "<%- include('partials/header', { title }) %>\n<h1><%= title %></h1>\n<% if (user) { %><p><%= user.name %></p><% } %>\n<%- include partials/footer %>\n" },
    { name: 'express-ejs-layouts and ejs-mate slots', filename: 'views/layout.ejs', code: "<head><%- style %><%- meta %></head>\n<body><%- body %><%- script %></body>\n<%- block('footer').toString() %>\n<%- defineContent('sidebar') %>\n" },
    { name: 'EJS comments', filename: 'views/post.ejs', code: '<%# <%- post.html %>\n<!-- <%- debug %> -->\n<p><%= post.title %></p>\n' },
    { name: 'EJS fixed strings and sanitised values', filename: 'views/post.ejs', code: "<%- '<hr>' %>\n<%- DOMPurify.sanitize(post.html) %>\n<%- sanitizeHtml(post.body) %>\n" },
    { name: 'Handlebars escaped output, the layout body, partials and raw blocks', filename: 'views/layouts/main.hbs', code: '<title>{{title}}</title>\n<main>{{{ body }}}</main>\n{{> footer}}\n{{{{raw}}}} {{notOutput}} {{{{/raw}}}}\n' },
    { name: 'Handlebars comments', filename: 'views/home.handlebars', code: '{{!-- {{{user.bio}}} --}}\n{{! {{{html}}} }}\n<p>{{user.bio}}</p>\n' },
    { name: 'Pug escaped output, comparisons and comments', filename: 'views/index.pug', code: "h1= title\np #{user.name}\nif user.role != 'admin'\n  p Not an admin\n- if (a != b) x = 1\n| a != b in text\n//- p!= user.bio\n//\n  div!= old.html\n  p !{old}\np= a != b\n" },
    { name: 'Nunjucks escaped output, other filters and the Eleventy layout slot', filename: 'templates/base.njk', code: '<title>{{ title | upper }}</title>\n<main>{{ content | safe }}</main>\n{# {{ html | safe }} #}\n<p>{{ safeMode }}</p>\n' },
    { name: 'Vue escaped interpolation and v-html outside the template', filename: 'src/components/Card.vue', code: '<template>\n  <p>{{ message }}</p>\n  <!-- <div v-html="old"></div> -->\n</template>\n<script setup>\nconst docs = \'use v-html="x" with care\';\n</script>\n' },
    { name: 'Svelte escaped output and script blocks', filename: 'src/routes/+page.svelte', code: '<script>\n  const note = "{@html x}";\n</script>\n<p>{post.body}</p>\n<!-- {@html post.old} -->\n' },
    { name: 'Angular text interpolation', filename: 'src/app/post/post.component.html', code: '<p>{{ post.body }}</p>\n<div [innerText]="post.body"></div>\n' },
    { name: 'templates in test folders', filename: 'test/fixtures/views/x.ejs', code: '<%- user.bio %>\n' },
    { name: 'files that are not templates', filename: 'docs/notes.md', code: 'Use `<%- x %>` and `{{{ y }}}` with care.\n' },
    { name: 'script files are not read as templates', filename: 'server/render.ts', code: "export const tpl = '<%- user.bio %>';\n" },
  ],
  invalid: [
    { name: 'EJS <%-', filename: 'views/profile.ejs', code: '<h1><%= user.name %></h1>\n<div class="bio"><%- user.bio %></div>\n', errors: [{ messageId: 'unescaped', line: 2, severity: 'medium' }] },
    { name: 'EJS with whitespace trimming and JSON in a script', filename: 'views/app.ejs', code: '<script>\n  window.__DATA__ = <%- JSON.stringify(data) -%>;\n</script>\n<p><%- comment.text _%></p>\n', errors: [{ messageId: 'unescaped', line: 2 }, { messageId: 'unescaped', line: 4 }] },
    { name: 'EJS in an .html view', filename: 'views/index.html', code: '<p><%- message %></p>\n', errors: [{ messageId: 'unescaped', line: 1 }] },
    { name: 'Handlebars triple-stash', filename: 'views/post.hbs', code: '<article>\n  {{{post.content}}}\n  {{{~ markdown comment.body ~}}}\n</article>\n', errors: [{ messageId: 'unescaped', line: 2 }, { messageId: 'unescaped', line: 3 }] },
    { name: 'Mustache ampersand', filename: 'templates/mail.mustache', code: '<p>Hello {{name}}</p>\n<p>{{& note}}</p>\n', errors: [{ messageId: 'unescaped', line: 2 }] },
    { name: 'Pug != and !{}', filename: 'views/show.pug', code: 'h1= title\ndiv.content!= post.html\np Written by !{author.name}\n!= footerHtml\na(href!=link.url, class="x") Link\n', errors: [{ messageId: 'unescaped', line: 2 }, { messageId: 'unescaped', line: 3 }, { messageId: 'unescaped', line: 4 }, { messageId: 'unescaped', line: 5 }] },
    { name: 'Nunjucks | safe', filename: 'views/page.njk', code: '<h1>{{ page.title }}</h1>\n<div>{{ page.body | safe }}</div>\n<p>{{- user.bio|safe -}}</p>\n', errors: [{ messageId: 'unescaped', line: 2 }, { messageId: 'unescaped', line: 3 }] },
    { name: 'Jinja | safe', filename: 'templates/post.jinja2', code: '{{ post.body | markdown | safe }}\n', errors: [{ messageId: 'unescaped', line: 1 }] },
    { name: 'Vue v-html and :innerHTML', filename: 'src/components/Chat.vue', code: '<template>\n  <div v-html="msg.text"></div>\n  <span :innerHTML="reply"></span>\n</template>\n<script setup>\ndefineProps([\'msg\', \'reply\']);\n</script>\n', errors: [{ messageId: 'unescaped', line: 2 }, { messageId: 'unescaped', line: 3 }] },
    { name: 'Vue v-html in an .html page', filename: 'public-src/index.html', code: '<div id="app"><p v-html="answer"></p></div>\n', errors: [{ messageId: 'unescaped', line: 1 }] },
    { name: 'Svelte {@html}', filename: 'src/routes/blog/+page.svelte', code: '<script>\n  export let data;\n</script>\n<article>{@html marked(data.post.body, { gfm: true })}</article>\n', errors: [{ messageId: 'unescaped', line: 4 }] },
    { name: 'Angular [innerHTML] is low', filename: 'src/app/post/post.component.html', code: '<h2>{{ post.title }}</h2>\n<div [innerHTML]="post.body"></div>\n', errors: [{ messageId: 'angularInnerHtml', line: 2, severity: 'low' }] },
  ],
});

describe('unescaped-template-output details', () => {
  it('names the syntax and the expression', async () => {
    const [f] = await findingsOf('unescaped-template-output', { filename: 'views/profile.ejs', code: '<div><%- user.bio %></div>\n' });
    expect(f.message).toContain('`<%- %>` prints `user.bio`');
    expect(f.confidence).toBe('medium');
    expect(f.range).toMatchObject({ startLine: 1, startColumn: 6 });
    const [g] = await findingsOf('unescaped-template-output', { filename: 'src/x.svelte', code: '{@html post.body}\n' });
    expect(g.message).toContain('`{@html }` prints `post.body`');
  });

  it('shortens long expressions', async () => {
    const [f] = await findingsOf('unescaped-template-output', { filename: 'views/x.ejs', code: `<%- ${'a.'.repeat(60)}b %>\n` });
    expect(f.message).toContain('…');
  });
});
