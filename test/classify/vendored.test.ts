import { describe, expect, it } from 'vitest';
import { vendoredLibrary } from '../../src/classify/vendored.js';
import { defaultConfig } from '../../src/config/types.js';
import { scanVirtual } from '../../src/engine/scan.js';
import { STRIPE_LIVE } from '../rules/secrets/fakes.js';

const JQUERY = `/*!
 * jQuery JavaScript Library v1.10.2
 * http://jquery.com/
 *
 * Copyright 2005, 2013 jQuery Foundation, Inc. and other contributors
 * Released under the MIT license
 */
(function( window, undefined ) {
var rxhtmlTag = /<(?!area|br|col|embed|hr|img|input|link|meta|param)(([\\w:]+)[^>]*)\\/>/gi;
})( window );
`;
const WIDGET = `/*
 * jQuery UI Widget 1.10.3+amd
 * https://github.com/blueimp/jQuery-File-Upload
 *
 * Copyright 2013 jQuery Foundation and other contributors
 * Released under the MIT license.
 */
(function (factory) { factory(jQuery); }(function ($) { var uuid = 0; }));
`;
const LINE_BANNER = `// Chart.js v2.9.4
// https://www.chartjs.org
// (c) 2020 Chart.js Contributors
// Released under the MIT License
(function (global) { global.Chart = {}; })(this);
`;

describe('a copy of a library committed with the project', () => {
  it.each([
    ['admin/public/js/lib/jquery/jquery-1.10.2.js', JQUERY, 'jQuery JavaScript Library v1.10.2'],
    ['admin/public/js/lib/jqueryfileupload/vendor/jquery.ui.widget.js', WIDGET, 'jQuery UI Widget 1.10.3+amd'],
    ['public/vendor/chart.js', LINE_BANNER, 'Chart.js v2.9.4'],
    ['static/plugins/chart/chart.mjs', LINE_BANNER, 'Chart.js v2.9.4'],
    ['web/www/third_party/widget.js', `\uFEFF${WIDGET}`, 'jQuery UI Widget 1.10.3+amd'],
  ])('is told by its folder and its banner: %s', (path, text, library) => {
    expect(vendoredLibrary(path, text)).toBe(library);
  });

  it.each([
    // A library folder outside what browsers are served (the project's own code, or a copy its server runs, whose
    // secrets would not be sent to visitors), or no folder of the kind.
    ['src/lib/jquery.js', JQUERY],
    ['lib/chart.js', LINE_BANNER],
    ['vendor/chart.js', LINE_BANNER],
    ['server/index.js', JQUERY],
    ['public/js/chart.js', LINE_BANNER],
    // TypeScript and JSX are sources, never a copied build.
    ['public/vendor/widget.ts', WIDGET],
    ['public/js/lib/widget.jsx', WIDGET],
    // A banner without a version, or without a copyright or licence, or not at the top.
    ['public/vendor/app.js', '/*\n * Acme storefront\n * Copyright 2024 Acme Inc.\n */\nexport const a = 1;\n'],
    ['public/vendor/app.js', '/*\n * Acme storefront v2.1.0\n * Written by the web team\n */\nexport const a = 1;\n'],
    ['public/vendor/app.js', `import x from 'y';\n${JQUERY}`],
    ['public/vendor/app.js', 'export const version = "1.2.3"; // Copyright 2024\n'],
  ])('is not told from the project\u2019s own code: %s', (path, text) => {
    expect(vendoredLibrary(path, text)).toBeUndefined();
  });

  it('is read like a bundle: not parsed, nothing reported from its code, its secrets still found', async () => {
    const files = {
      'package.json': JSON.stringify({ name: 'admin', dependencies: { express: '^4.19.2' } }),
      'admin/public/js/lib/jquery/jquery-1.10.2.js': JQUERY.replace('var rxhtmlTag', `var key = "${STRIPE_LIVE}";\nvar rxhtmlTag`),
      // The same code as the project's own: parsed, and the backtracking regex reported.
      'admin/public/js/app.js': JQUERY.replace('/*!', '/*'),
    };
    const result = await scanVirtual(files, { config: defaultConfig(), offline: true });
    const library = result.files.find((f) => f.path === 'admin/public/js/lib/jquery/jquery-1.10.2.js');
    expect(library).toMatchObject({ role: 'build-output', roleReason: "a copy of a library (jQuery JavaScript Library v1.10.2), not the project's own code" });
    expect(result.stats.parsed).toBe(1);
    const where = (rule: string) => result.findings.filter((f) => f.ruleId === rule).map((f) => f.file);
    expect(where('redos-regex')).toEqual(['admin/public/js/app.js']);
    expect(where('hardcoded-secret')).toContain('admin/public/js/lib/jquery/jquery-1.10.2.js');
  });
});
