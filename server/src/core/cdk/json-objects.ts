// The cloud assembly's files are JSON written by CDK: its readers take objects out of them and treat
// anything else (a damaged or partial file) as absent, never as a crash.

/** The text's top-level object, or undefined when it is not JSON or not an object. */
export function parseObject(text: string): Record<string, unknown> | undefined {
  try {
    const v: unknown = JSON.parse(text);
    return isObject(v) ? v : undefined;
  } catch {
    return undefined;
  }
}

export function objectAt(x: Record<string, unknown>, key: string): Record<string, unknown> | undefined {
  const v = x[key];
  return isObject(v) ? v : undefined;
}

export function isObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}
