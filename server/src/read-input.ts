// Reading a user's file, for the CLI and the project configuration alike: regular files only, never
// more than a limit, decoded from UTF-8 or UTF-16 by their byte-order mark. A FIFO would block the
// read forever and /dev/zero never ends, so the file is opened without blocking and judged by what
// the open descriptor is (no window between a check and the read), then read up to the limit.

import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';

import { MB } from './protocol/size-limit.js';

// One default for the CLI, the language server and the VS Code client (protocol/size-limit.ts).
export { DEFAULT_MAX_FILE_SIZE, MB } from './protocol/size-limit.js';
/** Configuration files are small; anything past this is not one. */
export const MAX_CONFIG_SIZE = 1 * MB;

export type ReadResult =
  | { kind: 'text'; text: string }
  | { kind: 'too-large'; size: number }
  /** One line saying why the file cannot be read as text. */
  | { kind: 'unreadable'; reason: string };

const O_NONBLOCK = constants.O_NONBLOCK ?? 0;

export function readInput(path: string, limit: number): ReadResult {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | O_NONBLOCK);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return { kind: 'unreadable', reason: code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'a folder, not a file' : `cannot open (${code ?? 'error'})` };
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) return { kind: 'unreadable', reason: `not a regular file (${kindOf(st)})` };
    if (st.size > limit) return { kind: 'too-large', size: st.size };
    // The size can lie (files under /proc say 0) or change while read: never read past the limit.
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      // First the size it says (plus one byte, to see the end), then small steps; limit + 1 at most.
      const chunk = Buffer.allocUnsafe(Math.min(limit + 1 - total, total === 0 ? st.size + 1 : 64 * 1024));
      const n = readSync(fd, chunk, 0, chunk.length, null);
      if (n === 0) break;
      chunks.push(chunk.subarray(0, n));
      total += n;
      if (total > limit) return { kind: 'too-large', size: total };
    }
    return decode(Buffer.concat(chunks, total));
  } catch (e) {
    return { kind: 'unreadable', reason: `cannot read (${(e as NodeJS.ErrnoException).code ?? 'error'})` };
  } finally {
    closeSync(fd);
  }
}

/** The first `bytes` of a regular file, decoded (a cut character at the end is harmless to a search); undefined if unreadable. */
export function readHead(path: string, bytes: number): string | undefined {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | O_NONBLOCK);
  } catch {
    return undefined;
  }
  try {
    if (!fstatSync(fd).isFile()) return undefined;
    const buf = Buffer.alloc(bytes);
    const n = readSync(fd, buf, 0, bytes, 0);
    const head = buf.subarray(0, n - (n % 2 && (buf[0] === 0xff || buf[0] === 0xfe) ? 1 : 0));
    const r = decode(head);
    return r.kind === 'text' ? r.text : undefined;
  } catch {
    return undefined;
  } finally {
    closeSync(fd);
  }
}

function kindOf(st: ReturnType<typeof fstatSync>): string {
  if (st.isDirectory()) return 'a folder';
  if (st.isFIFO()) return 'a FIFO';
  if (st.isCharacterDevice() || st.isBlockDevice()) return 'a device';
  if (st.isSocket()) return 'a socket';
  return 'not a plain file';
}

/** UTF-8 (with or without BOM), UTF-16 LE/BE with BOM; anything else with NUL bytes is binary. */
export function decode(buf: Buffer): ReadResult {
  if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) return { kind: 'text', text: buf.toString('utf8', 3) };
  if (buf[0] === 0xff && buf[1] === 0xfe) return utf16(buf.subarray(2), 'utf-16le');
  if (buf[0] === 0xfe && buf[1] === 0xff) return utf16(buf.subarray(2), 'utf-16be');
  const nul = buf.indexOf(0);
  if (nul >= 0) {
    // Text in UTF-16 has a NUL beside every ASCII character.
    const utf16 = buf.length >= 4 && ((buf[1] === 0 && buf[3] === 0) || (buf[0] === 0 && buf[2] === 0));
    const hint = utf16 ? ' (UTF-16 without a byte-order mark? save it as UTF-8)' : '';
    return { kind: 'unreadable', reason: `binary, not text: a NUL byte at offset ${nul}${hint}` };
  }
  return { kind: 'text', text: buf.toString('utf8') };
}

function utf16(body: Buffer, encoding: 'utf-16le' | 'utf-16be'): ReadResult {
  if (body.length % 2) return { kind: 'unreadable', reason: `${encoding.toUpperCase()} with an odd number of bytes: not text` };
  return { kind: 'text', text: new TextDecoder(encoding).decode(body) };
}
