// Which reply a panel may show: only the one to its latest request, and only when it was answered for the
// document version the editor holds now. A panel shown again for another template, subnet or target, or
// after an edit, would otherwise draw the reply that arrives first, which may be the previous question's
// answer: a stale answer shown as current is a wrong answer. Pure (no vscode): the extension side and the
// page side both keep one, and the unit tests drive it.

/** The request ids of one panel: every new request makes the earlier ones stale. */
export class LatestRequest {
  private current: number | undefined;

  /** Extension side: the id of a new request (1, 2, …); replies to earlier ones are stale from now on. */
  next(): number {
    this.current = (this.current ?? 0) + 1;
    return this.current;
  }

  /**
   * Page side: the panel announced request `id` (its loading message). Ids only grow, so an announcement
   * older than the one held changes nothing; a page loaded again (its state lost) takes the first it gets.
   */
  begin(id: number): void {
    if (this.current === undefined || id > this.current) this.current = id;
  }

  /** The latest request's id; undefined before any. */
  get id(): number | undefined {
    return this.current;
  }

  /** Whether `id` is the latest request's (a reply to any other is dropped). */
  isLatest(id: unknown): boolean {
    return typeof id === 'number' && id === this.current;
  }
}

/** A request id as the page gets it: a positive integer (anything else is no reply of ours). */
export const isRequestId = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v > 0 && v <= Number.MAX_SAFE_INTEGER;

/**
 * Whether a reply may be shown: it answers the latest request, the editor still holds the version the
 * request was made for (`asked`: the document's version when it was sent; an edit since makes the panel
 * ask again), and, when the server says which version it answered for (`answered`), that is the one too.
 */
export function replyIsCurrent(latest: LatestRequest, reply: { id: number; asked: number | undefined; answered?: number | undefined }, editorVersion: number | undefined): boolean {
  if (!latest.isLatest(reply.id) || reply.asked !== editorVersion) return false;
  return reply.answered === undefined || reply.answered === editorVersion;
}

/** The file name a document URI ends in, for a panel's words ("Loading the map of network.yaml…"). */
export function fileNameOf(uri: string): string {
  const last = uri.replace(/[?#].*$/, '').split('/').pop() || uri;
  try {
    return decodeURIComponent(last);
  } catch {
    return last;
  }
}

/**
 * Page side, for a checked message from the panel: whether to show it. A `loading` message announces a
 * request (shown when it is not older than one already announced); a reply is shown only when it answers
 * the latest announced request; a message without an id (the map's saved state) is no reply.
 */
export function pageShows(latest: LatestRequest, msg: { type: string; id?: number }): boolean {
  if (msg.id === undefined) return true;
  if (msg.type === 'loading') latest.begin(msg.id);
  return latest.isLatest(msg.id);
}
