// Where the cursor is inside one resource or one endpoint policy, read off the text: the keys from the
// region's root down to the slot, and the key or value being typed. The text being typed is often not
// valid YAML or JSON yet, so this reads lines (YAML) or scans tokens (JSON) from the region's start to
// the cursor only — a region is one resource or one policy, never the whole template — and builds no tree.

export interface Slot {
  /** Keys from the region's root to the slot's container; '[]' for a list item. */
  path: string[];
  /** Typing a key of the innermost mapping, or a value (a scalar or a list item). */
  at: 'key' | 'value';
  /** What a completion replaces, and what is typed of it before the cursor (quotes excluded). */
  start: number;
  end: number;
  typed: string;
  /** JSON: the cursor is inside a string (the edit keeps its quotes); false: a new string is written. */
  quoted: boolean;
  /** YAML: the cursor follows `key:` directly, so a value needs a leading space. */
  pad: boolean;
}

interface Line {
  start: number;
  /** Column of the first character after the leading spaces and `- ` markers. */
  keyCol: number;
  /** Columns of its `- ` markers. */
  dashes: number[];
  /** The key the line opens (`key:` or `key: value`), if any. */
  key?: string;
  /** The line is `key:` with nothing after (its value is below). */
  opens: boolean;
}

const KEY = /^(["']?)([^"'#{}[\],\s][^"'#{}[\],]*?)\1[ \t]*:(?=[ \t]|$)/;

function readLine(text: string, start: number, end: number): Line {
  const s = text.slice(start, end);
  let i = 0;
  const dashes: number[] = [];
  for (;;) {
    while (s[i] === ' ') i++;
    if (s[i] === '-' && (s[i + 1] === ' ' || i + 1 === s.length)) {
      dashes.push(i);
      i++;
    } else break;
  }
  const m = KEY.exec(s.slice(i));
  const after = m ? s.slice(i + m[0].length).replace(/#.*$/, '').trim() : '';
  return { start, keyCol: i, dashes, key: m?.[2], opens: Boolean(m) && (after === '' || /^(!\S+|&\S+)$/.test(after)) };
}

/** The YAML slot at `offset`, reading lines back to `regionStart`'s line. */
export function yamlSlot(text: string, regionStart: number, offset: number): Slot | undefined {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const lineEnd = text.indexOf('\n', offset) < 0 ? text.length : text.indexOf('\n', offset);
  const prefix = text.slice(lineStart, offset);
  if (/#/.test(prefix.replace(/(["'])(?:(?!\1).)*\1/g, ''))) return undefined;
  const line = readLine(text, lineStart, offset);
  const rest = /^[^,{}[\]#\r\n]*/.exec(text.slice(offset, lineEnd))![0].trimEnd();
  const path: string[] = [];
  let typed: string;
  let at: Slot['at'];
  let pad = false;
  const body = prefix.slice(line.keyCol);
  const m = KEY.exec(body);
  // `- s3:` is an item being typed, not a key: in a list, a colon ending the prefix stays in the value.
  const colonEnds = m && body.length === m[0].length && body.endsWith(':');
  if (m && !(colonEnds && line.dashes.length)) {
    if (colonEnds) {
      at = 'key';
      typed = body;
    } else {
      at = 'value';
      typed = body.slice(m[0].length).replace(/^[ \t]+/, '');
      pad = body.slice(m[0].length) === '';
      // A flow list on the line: `Action: [s3:GetObject, s3:Get`.
      const flow = /^\[([^\]]*)$/.exec(typed);
      if (flow) {
        path.push('[]');
        typed = flow[1]!.slice(flow[1]!.lastIndexOf(',') + 1).replace(/^[ \t]+/, '');
      }
      path.push(m[2]!);
    }
  } else {
    typed = body;
    at = line.dashes.length ? 'value' : 'key';
    if (line.dashes.length) path.push('[]');
    // Right after a dash, before its space: the item brings the space, or `-x` would be a scalar, not an item.
    pad = line.dashes.length > 0 && body === '' && prefix.endsWith('-');
  }
  // Up from here: the element's column and whether it is a list item.
  let col = at === 'value' && !m && line.dashes.length ? line.dashes[line.dashes.length - 1]! : line.keyCol;
  let item = at === 'value' && !m && line.dashes.length > 0;
  // Markers before the element on its own line: `- - x`, `- Effect: Allow`.
  const own = item ? line.dashes.slice(0, -1) : line.dashes;
  for (let i = own.length - 1; i >= 0; i--) {
    path.push('[]');
    col = own[i]!;
    item = true;
  }
  const regionLine = text.lastIndexOf('\n', regionStart - 1) + 1;
  let cursor = lineStart;
  while (cursor > regionLine) {
    const end = cursor - 1;
    cursor = text.lastIndexOf('\n', end - 1) + 1;
    const raw = text.slice(cursor, end).replace(/\r$/, '');
    if (/^\s*(#|$)/.test(raw)) continue;
    const l = readLine(text, cursor, cursor + raw.length);
    const indent = l.dashes.length ? l.dashes[0]! : l.keyCol;
    if (item) {
      // A list at column `col`: its parent is the first `key:` at or left of it.
      if (indent > col || (l.dashes.length && l.dashes[0] === col)) continue;
      if (l.key && l.opens && l.keyCol <= col) {
        path.push(l.key);
        ({ col, item } = climb(l, path));
      } else if (l.dashes.length && l.keyCol > col) continue;
      else return undefined;
    } else {
      if (indent > col) continue;
      if (l.keyCol === col && l.dashes.length) {
        // `- Effect: Allow` above `Action:` — the mapping is an item of a list.
        path.push('[]');
        col = l.dashes[l.dashes.length - 1]!;
        for (let i = l.dashes.length - 2; i >= 0; i--) path.push('[]'), (col = l.dashes[i]!);
        item = true;
      } else if (l.keyCol === col || (l.dashes.length && l.dashes[0] === col)) continue;
      else if (l.key && l.opens && l.keyCol < col) {
        path.push(l.key);
        ({ col, item } = climb(l, path));
      } else return undefined;
    }
  }
  const start = offset - typed.length;
  return { path: path.reverse(), at, start, end: offset + rest.length, typed, quoted: false, pad };
}

/** After a parent key line: continue from its key, inside the lists its markers open. */
function climb(l: Line, path: string[]): { col: number; item: boolean } {
  if (!l.dashes.length) return { col: l.keyCol, item: false };
  for (let i = l.dashes.length - 1; i >= 0; i--) path.push('[]');
  return { col: l.dashes[0]!, item: true };
}

interface Frame {
  array: boolean;
  key?: string;
  expectKey: boolean;
}

/** The JSON slot at `offset`, scanning tokens from `regionStart` (an opening brace). */
export function jsonSlot(text: string, regionStart: number, offset: number): Slot | undefined {
  const stack: Frame[] = [];
  let i = regionStart;
  while (i < offset) {
    const c = text[i]!;
    if (c === '"') {
      let j = i + 1;
      while (j < text.length && text[j] !== '"' && text[j] !== '\n') j += text[j] === '\\' ? 2 : 1;
      if (j >= offset) return stringSlot(text, stack, i + 1, offset);
      const top = stack[stack.length - 1];
      if (top && !top.array && top.expectKey) top.key = JSON.parse(text.slice(i, j + 1) || '""') as string;
      i = j + 1;
      continue;
    }
    const top = stack[stack.length - 1];
    if (c === '{' || c === '[') stack.push({ array: c === '[', expectKey: c === '{' });
    else if (c === '}' || c === ']') {
      stack.pop();
      if (!stack.length) return undefined;
    } else if (c === ':' && top && !top.array) top.expectKey = false;
    else if (c === ',' && top && !top.array) {
      top.expectKey = true;
      top.key = undefined;
    }
    i++;
  }
  if (!stack.length) return undefined;
  const word = /[\w:*.-]*$/.exec(text.slice(regionStart, offset))![0];
  const after = /^[\w:*.-]*/.exec(text.slice(offset))![0];
  return { ...where(stack), start: offset - word.length, end: offset + after.length, typed: word, quoted: false, pad: false };
}

function stringSlot(text: string, stack: Frame[], start: number, offset: number): Slot | undefined {
  if (!stack.length) return undefined;
  let end = offset;
  while (end < text.length && text[end] !== '"' && text[end] !== '\n') end += text[end] === '\\' ? 2 : 1;
  return { ...where(stack), start, end: Math.min(end, text.length), typed: text.slice(start, offset), quoted: true, pad: false };
}

function where(stack: Frame[]): Pick<Slot, 'path' | 'at'> {
  const path: string[] = [];
  stack.forEach((f, i) => {
    const last = i === stack.length - 1;
    if (f.array) path.push('[]');
    else if (!last || !f.expectKey) {
      if (f.key === undefined) return;
      path.push(f.key);
    }
  });
  const top = stack[stack.length - 1]!;
  return { path, at: !top.array && top.expectKey ? 'key' : 'value' };
}

function keyText(raw: string): string {
  try {
    return JSON.parse(`"${raw}"`) as string;
  } catch {
    return raw;
  }
}
