// Seeded mutations of YAML text, for differential tests of the two parsers: each mutant is some
// small edit a user makes while typing (a character in or out, a line re-indented, doubled or moved).

const TOKENS = [
  ' ', '  ', '\n', ':', ': ', '-', '- ', '#', ' #', '# c', "'", '"', '[', ']', '{', '}', ',', '!', '!Ref ', '!Sub ', '!GetAtt ',
  '!If', '!GetAZs', '&a ', '*a', '? ', '|', '|-', '>', '>-', '|+', '\\', '\\n', "''", 'yes', 'null', '~', '0x1F', '1.50', '-.inf',
  '1e3', 'true', 'Key: ', 'Key:', '\n  ', '\n    ', '\n- ', '---', '...', 'a: b', '[a, b]', '{a: b}', '\t', '\r\n', '%', '@', '`',
];

/** A small deterministic generator (mulberry32), so that a failing mutant can be found again. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function mutate(text: string, rnd: () => number): string {
  const pick = (n: number) => Math.floor(rnd() * n);
  const lines = text.split('\n');
  switch (pick(6)) {
    case 0: {
      const at = pick(text.length + 1);
      return text.slice(0, at) + TOKENS[pick(TOKENS.length)] + text.slice(at);
    }
    case 1: {
      const at = pick(text.length);
      return text.slice(0, at) + text.slice(at + 1 + pick(3));
    }
    case 2: {
      const i = pick(lines.length);
      lines[i] = ' '.repeat(1 + pick(2)) + lines[i];
      return lines.join('\n');
    }
    case 3: {
      const i = pick(lines.length);
      lines[i] = lines[i]!.replace(/^ {1,2}/, '');
      return lines.join('\n');
    }
    case 4: {
      const i = pick(lines.length);
      lines.splice(i, 0, lines[i]!);
      return lines.join('\n');
    }
    default: {
      const i = pick(lines.length);
      const [line] = lines.splice(i, 1);
      lines.splice(pick(lines.length + 1), 0, line!);
      return lines.join('\n');
    }
  }
}
