// The YAML parser reads JSON too, but forgives what JSON does not: trailing commas, single quotes,
// comments, unquoted words. CloudFormation and IAM parse JSON strictly, so JSON texts get this extra
// pass, which reports the first place where the text stops being JSON.

export interface JsonError {
  offset: number;
  message: string;
}

const MAX_DEPTH = 500;

export function strictJsonError(text: string): JsonError | undefined {
  let i = 0;
  const fail = (message: string, at = i): never => {
    throw { offset: Math.min(at, text.length), message } satisfies JsonError;
  };
  const ws = () => {
    while (i < text.length && (text[i] === ' ' || text[i] === '\t' || text[i] === '\n' || text[i] === '\r')) i++;
  };
  const str = () => {
    i++; // opening quote
    while (i < text.length && text[i] !== '"') {
      const c = text.charCodeAt(i);
      if (c < 0x20) fail('Control characters must be escaped in a JSON string');
      if (text[i] === '\\') {
        const e = text[i + 1];
        if (e === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) fail('Invalid \\u escape in a JSON string');
          i += 6;
        } else if (e !== undefined && '"\\/bfnrt'.includes(e)) i += 2;
        else fail(`Invalid escape \\${e ?? ''} in a JSON string`);
      } else i++;
    }
    if (i >= text.length) fail('Unterminated JSON string');
    i++;
  };
  const value = (depth: number): void => {
    if (depth > MAX_DEPTH) fail('JSON nested too deeply');
    ws();
    const c = text[i];
    if (c === '{' || c === '[') {
      const close = c === '{' ? '}' : ']';
      i++;
      ws();
      if (text[i] === close) return void i++;
      for (;;) {
        if (c === '{') {
          ws();
          if (text[i] !== '"') fail('Expected a double-quoted property name');
          str();
          ws();
          if (text[i] !== ':') fail("Expected ':' after the property name");
          i++;
        }
        value(depth + 1);
        ws();
        if (text[i] === ',') {
          const comma = i;
          i++;
          ws();
          if (text[i] === close) fail(`Trailing comma: JSON allows none before ${close}`, comma);
          continue;
        }
        if (text[i] === close) return void i++;
        fail(`Expected ',' or '${close}'`);
      }
    }
    if (c === '"') return str();
    const m = /^(?:-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null)/.exec(text.slice(i, i + 400));
    if (!m) fail(c === undefined ? 'Unexpected end of JSON' : c === "'" ? 'JSON strings take double quotes' : 'Unexpected character in JSON');
    i += m![0].length;
  };
  try {
    value(0);
    ws();
    if (i < text.length) fail('Unexpected text after the JSON value');
    return undefined;
  } catch (e) {
    if (e && typeof e === 'object' && 'offset' in e) return e as JsonError;
    return { offset: 0, message: 'Invalid JSON' };
  }
}
