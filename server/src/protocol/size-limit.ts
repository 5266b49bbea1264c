// The editor's size limit, one definition for both ends of the connection: the language server applies it
// to the documents it is sent (lsp/size-guard.ts), and the VS Code client to the documents it sends, so that
// a document over it never crosses the wire (client/src/hold-back.ts). No fs, no vscode: both bundles import it.

export const MB = 1024 * 1024;
/** Templates and policy files larger than this get a finding instead of a check (CloudFormation itself takes 1 MB). */
export const DEFAULT_MAX_FILE_SIZE = 20 * MB;

/** Client → server, request: the size limit that applies to a document (`maxFileSize` of its .vpce-lens.yaml, else the default). */
export const SIZE_LIMIT_REQUEST = 'vpceLens/sizeLimit';

export interface SizeLimitParams {
  uri: string;
}

export interface SizeLimit {
  /** Bytes of UTF-8. */
  bytes: number;
  /** True when a project file's `maxFileSize` set it. */
  fromProjectFile: boolean;
}

/**
 * The size of a text in UTF-8 bytes when it is over `limit`, else undefined. `length` is its length in UTF-16
 * units (1 to 3 bytes each); the text is asked for only when the length alone cannot decide.
 */
export function overLimit(length: number, text: () => string, limit: number): number | undefined {
  if (length > limit) return length;
  if (length * 3 <= limit) return undefined;
  const bytes = Buffer.byteLength(text(), 'utf8');
  return bytes > limit ? bytes : undefined;
}

/** The one finding of a document over the limit, as the server and the VS Code client both word it. */
export function oversizeMessage(name: string, size: number, limit: number, fromProjectFile: boolean): string {
  const how = fromProjectFile ? 'maxFileSize in .vpce-lens.yaml' : 'the default';
  const text = overLimitText(size, limit);
  return `${name} is ${text.size}, over the editor's ${text.limit} limit (${how}): not checked in the editor; run the CLI on it: vpce-lens check --max-size ${Math.ceil(size / MB)} ${name}`;
}

/** The answer to a trace or map request for a document over the limit. */
export const TOO_LARGE_TO_TRACE = 'The file is too large to trace in the editor; run the CLI: vpce-lens trace <file>';

/** The file name a message shows for a document URI. */
export function documentName(uri: string): string {
  const last = uri.replace(/[?#].*$/, '').replace(/^.*\//, '');
  try {
    return decodeURIComponent(last);
  } catch {
    return last;
  }
}

export function sizeText(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < MB) return `${Math.ceil(bytes / 1024)} KB`;
  return `${(bytes / MB).toFixed(bytes < 10 * MB ? 1 : 0)} MB`;
}

/**
 * A size over a limit and the limit, as a message shows them: rounded alike they may read the same
 * ("1.0 MB, over the 1.0 MB limit"), and then both are given in bytes.
 */
export function overLimitText(size: number, limit: number): { size: string; limit: string } {
  const [s, l] = [sizeText(size), sizeText(limit)];
  if (s !== l) return { size: s, limit: l };
  const bytes = (n: number) => `${n.toLocaleString('en-US')} bytes`;
  return { size: bytes(size), limit: bytes(limit) };
}
