// Where the user's code created a construct, read from the stack trace CDK recorded for it. The trace
// is a list of V8 frames, `name (file:line:column)` or `file:line:column`, as constructs' and
// aws-cdk-lib's captureStackTrace write them: CDK 2.1xx records it only when synthesised with
// `--debug` / CDK_DEBUG (the `trace` of the `aws:cdk:logicalId` entry); later versions record an
// `aws:cdk:creationStack` entry by default, already cut to "just my code" (`...aws-cdk-lib...` for the
// frames left out, `(no user code in 10 frames ...)` when none is left) and, for Python, Java or .NET
// apps, with the host language's frames appended by jsii (`name (file.py:40)`, no column).
// The first frame outside dependencies, Node's internals and the jsii runtime is the user's line: the
// innermost code of theirs on the way to the construct (their own construct library, or the stack).

export interface SourcePosition {
  /** As recorded: usually an absolute path on the machine that synthesised the app. */
  file: string;
  /** 1-based, as in the trace. */
  line: number;
  column?: number;
}

const FRAME = /^(?:.*? \()?(.+?):(\d+)(?::(\d+))?\)?$/;
// A file that is not the user's: dependencies (aws-cdk-lib, constructs, ts-node), Node's own modules,
// and the jsii kernel that runs aws-cdk-lib for apps in other languages.
const NOT_USER = /(^|[\\/])node_modules[\\/]|^node:|^internal[\\/]|^<anonymous>$|^native$|[\\/]jsii[\\/]_embedded[\\/]|jsii-runtime|jsii-kernel-/;

export function userFrame(trace: readonly unknown[]): SourcePosition | undefined {
  for (const raw of trace) {
    if (typeof raw !== 'string') continue;
    const frame = raw.trim().replace(/^at\s+/, '');
    // `...aws-cdk-lib, node internals...` and `(no user code ...)` stand for frames left out.
    if (frame.startsWith('...') || frame.startsWith('(') || frame === 'stack traces disabled') continue;
    const m = FRAME.exec(frame);
    if (!m) continue;
    let file = m[1]!;
    if (file.startsWith('file://')) file = fileUrlPath(file);
    if (!file || NOT_USER.test(file)) continue;
    // Recorded on Windows (`D:\app\lib\x.ts`): forward slashes, so that a checkout on any machine shows
    // it and SARIF makes a file URI of it (a backslash is no separator in a URI, nor on POSIX).
    if (/^[A-Za-z]:\\/.test(file)) file = file.replace(/\\/g, '/');
    const line = Number(m[2]);
    if (!(line > 0)) continue;
    return m[3] ? { file, line, column: Number(m[3]) } : { file, line };
  }
  return undefined;
}

/** `file:///C:/app/x.mjs` → `C:/app/x.mjs`, `file:///app/x.mjs` → `/app/x.mjs` (ES modules' frames). */
function fileUrlPath(url: string): string {
  let path = url.slice('file://'.length);
  if (/^\/[A-Za-z]:\//.test(path)) path = path.slice(1);
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}
