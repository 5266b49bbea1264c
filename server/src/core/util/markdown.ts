// Values from a user's template shown in markdown (hovers, completion documentation) must read as
// the text they are: a ServiceName of `x](https://evil.example) **click**` is not a link.

/** Plain text in running markdown: every ASCII punctuation character backslash-escaped, lines joined. */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\r\n\u2028\u2029]+/g, ' ').replace(/[\\`*_{}[\]()#+\-.!|<>~&"'=:;,?@$%^/]/g, '\\$&');
}

/** Text as an inline code span: a fence longer than any run of backticks in it, so it cannot close early. */
export function codeSpan(text: string): string {
  const flat = text.replace(/[\r\n\u2028\u2029]+/g, ' ');
  const longest = Math.max(0, ...(flat.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  const pad = flat.startsWith('`') || flat.endsWith('`') || flat === '' ? ' ' : '';
  return `${fence}${pad}${flat}${pad}${fence}`;
}
