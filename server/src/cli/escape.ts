// Text output is read by people, terminals and problem matchers: what comes from the user's files
// (file names, values quoted in messages) must not move the cursor, colour the log or start a new
// finding. Control characters become escapes; in file names a colon before a digit is escaped too,
// so that `a:1:2: error X.yaml` cannot be read as file `a`, line 1, column 2.

// C0, DEL, C1, and the Unicode line/paragraph separators and bidi overrides that reorder a line.
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

function escapeChar(c: string): string {
  if (c === '\n') return '\\n';
  if (c === '\r') return '\\r';
  if (c === '\t') return '\\t';
  const code = c.charCodeAt(0);
  return code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

/** A message on one line, with no control characters. */
export function escapeLine(text: string): string {
  return text.replace(CONTROL, escapeChar);
}

/** A file name as the first field of `file:line:col:`: unambiguous whatever the name holds. */
export function escapeFileName(name: string): string {
  return name.replace(/\\/g, '\\\\').replace(CONTROL, escapeChar).replace(/:(?=\d)/g, '\\:');
}

/** A path (forward slashes) as a SARIF artifact URI: percent-encoded, absolute paths as file: URIs. */
export function pathToUri(path: string): string {
  const encoded = path.split('/').map((segment, i) => (i === 0 && /^[A-Za-z]:$/.test(segment) ? segment : encodeURIComponent(segment))).join('/');
  if (path.startsWith('/')) return `file://${encoded}`;
  if (/^[A-Za-z]:\//.test(path)) return `file:///${encoded}`;
  return encoded;
}
