// A panel's request to the server, answered only when the answer is still the one to show: the reply to the
// panel's latest request, for the document version the editor holds now (latest-request.ts replyIsCurrent).
// No vscode here (`versionOf` is the editor's, editor-version.ts): the unit tests race it.

import { replyIsCurrent, type LatestRequest } from './latest-request';

/**
 * `send`'s answer (a failure as `{ error }`), or why it is not to be shown: `superseded`, another request came
 * since (it has its own answer); `version`, the answer is for a version the editor no longer holds.
 */
export async function askCurrent<R extends object>(
  requests: LatestRequest,
  id: number,
  uri: string,
  what: string,
  send: () => Promise<R | { error: string }>,
  versionOf: (uri: string) => number | undefined,
): Promise<{ answer: R | { error: string } } | { dropped: 'superseded' | 'version' }> {
  const asked = versionOf(uri);
  let answer: R | { error: string };
  try {
    answer = await send();
  } catch (err) {
    answer = { error: `${what} failed: ${err instanceof Error ? err.message : String(err)}` };
  }
  const answered = 'version' in answer && typeof answer.version === 'number' ? answer.version : undefined;
  if (replyIsCurrent(requests, { id, asked, answered }, versionOf(uri))) return { answer };
  return { dropped: requests.isLatest(id) ? 'version' : 'superseded' };
}
