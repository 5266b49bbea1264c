// The yaml library, loaded the first time a text needs it. Most templates are read by the fast path
// (fast-yaml.ts) or as JSON, and a CLI run evaluates every module it imports before it reads anything:
// the library's sixty-odd modules (schemas, tags, node classes) cost about a millisecond of every run
// that never calls them, and their bytecode a twentieth of the CLI's code cache. `import type` loads
// nothing; this is the one place the library is loaded from.
import type * as Yaml from 'yaml';

let lib: typeof Yaml | undefined;

export function yaml(): typeof Yaml {
  return (lib ??= require('yaml') as typeof Yaml);
}
