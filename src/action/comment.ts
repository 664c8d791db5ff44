/** The hidden marker that identifies our comment among a pull request's comments. */
export const COMMENT_MARKER = '<!-- vibeaudit-report -->';
/** GitHub rejects comment bodies over 65,536 characters. */
const MAX_BODY = 65_000;
const MAX_PAGES = 20;

export interface CommentTarget {
  apiUrl: string;
  /** `owner/name` */
  repository: string;
  pullNumber: number;
  token: string;
}

export type CommentOutcome = { action: 'created' | 'updated'; id: number } | { action: 'skipped' };

interface IssueComment {
  id: number;
  body?: string;
}

export function commentBody(markdown: string, summaryUrl?: string): string {
  let body = `${COMMENT_MARKER}\n${markdown}`;
  if (body.length > MAX_BODY) {
    const more = summaryUrl ? ` The full report is in the [job summary](${summaryUrl}).` : ' The full report is in the job summary.';
    body = `${body.slice(0, MAX_BODY)}\n\n…\n\n*This report was cut short to fit in a comment.${more}*\n`;
  }
  return body;
}

/**
 * One comment per pull request, updated on each push: find ours by its marker and edit it, or create it.
 * A first comment is only created when there is something to say (`create`); an existing one is always updated,
 * so it never keeps listing findings that were fixed.
 */
export async function upsertComment(target: CommentTarget, body: string, create: boolean): Promise<CommentOutcome> {
  const base = `${target.apiUrl.replace(/\/+$/, '')}/repos/${target.repository}`;
  const headers = {
    authorization: `Bearer ${target.token}`,
    accept: 'application/vnd.github+json',
    'x-github-api-version': '2022-11-28',
    'user-agent': 'vibeaudit-action',
    'content-type': 'application/json',
  };
  const call = async (method: string, url: string, payload?: unknown): Promise<unknown> => {
    const res = await fetch(url, { method, headers, body: payload === undefined ? undefined : JSON.stringify(payload) });
    if (!res.ok) {
      const text = (await res.text()).slice(0, 300);
      throw new Error(`${method} ${url.replace(base, '')} answered ${res.status}${text ? `: ${text}` : ''}`);
    }
    return res.json();
  };

  let existing: IssueComment | undefined;
  for (let page = 1; page <= MAX_PAGES && !existing; page++) {
    const comments = (await call('GET', `${base}/issues/${target.pullNumber}/comments?per_page=100&page=${page}`)) as IssueComment[];
    existing = comments.find((c) => typeof c.body === 'string' && c.body.includes(COMMENT_MARKER));
    if (comments.length < 100) break;
  }
  if (existing) {
    await call('PATCH', `${base}/issues/comments/${existing.id}`, { body });
    return { action: 'updated', id: existing.id };
  }
  if (!create) return { action: 'skipped' };
  const created = (await call('POST', `${base}/issues/${target.pullNumber}/comments`, { body })) as IssueComment;
  return { action: 'created', id: created.id };
}
