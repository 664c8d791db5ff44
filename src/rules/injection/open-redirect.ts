import { defineTaintRule } from './taint-rule.js';

export const openRedirect = defineTaintRule({
  id: 'open-redirect',
  sink: 'redirect',
  messageIds: ['request', 'browser', 'rooted'],
  // Checked to start with `/`: no `javascript:` URL, but `//evil.com` still leaves the site.
  variant: (flow) => (flow.sink.rooted ? 'rooted' : undefined),
});
