// The Terraform parser as one static WebAssembly module (vendor/tree-sitter-hcl/hcl-parse.wasm, built from
// scripts/hcl-wasm/parse.c): tree-sitter's runtime, the fast grammar and walk.c's subtree walk linked together,
// an arena for memory. One call parses a text and writes the nodes hcl-convert.ts reads; no Emscripten glue,
// no web-tree-sitter: a few lines here instantiate it synchronously. A text it finds broken, or whose root
// does not start at 0, it does not answer: hcl.ts parses that one with the npm build in web-tree-sitter.

/** The module's exports (parse.c). */
interface Exports {
  memory: WebAssembly.Memory;
  _initialize(): void;
  vpce_hcl_symbol_count(): number;
  vpce_hcl_symbol_type(id: number): number;
  vpce_hcl_symbol_name(id: number): number;
  vpce_hcl_kinds(): number;
  vpce_hcl_input(units: number): number;
  vpce_hcl_parse(): number;
  vpce_hcl_output(): number;
}

/** parse.c's answer for a text the npm build must parse (errors, or a root not at 0). */
const NOT_HERE = -3;

// What the C library in the module imports from WASI: the clock (the parser's timeout, never set here), and
// the stdio calls behind tree-sitter's debug graphs and abort, which a parse without a logger never makes.
function wasiStubs(memory: () => WebAssembly.Memory): Record<string, (...args: number[]) => number> {
  const refuse = (name: string) => () => {
    throw new Error(`the Terraform parser module called ${name}`);
  };
  return {
    clock_time_get: (_id, _precision, out) => {
      new DataView(memory().buffer).setBigUint64(out!, 0n, true);
      return 0;
    },
    proc_exit: refuse('proc_exit'),
    fd_close: refuse('fd_close'),
    fd_write: refuse('fd_write'),
    fd_seek: refuse('fd_seek'),
  };
}

export interface HclModule {
  /** Per type id below `symbolCount`: its name as web-tree-sitter's Language gives it (undefined for hidden and auxiliary symbols). */
  readonly types: (string | undefined)[];
  /** Whether the type id is named (web-tree-sitter's nodeTypeIsNamed). */
  named(id: number): boolean;
  /** Sets walk.c's kind byte of every type id (hcl-cursor.ts's KIND_ bits). */
  setKinds(kind: (id: number) => number): void;
  /**
   * Parses `text` and hands `read` the nodes (hcl-convert.ts's NodeArray, in module memory: not kept after
   * `read` returns); undefined where the npm build must parse the text instead.
   */
  parse<T>(text: string, read: (nodes: Int32Array, length: number) => T): T | undefined;
  /** The module's exports, for the tests (iswspace and friends). */
  readonly exports: Record<string, unknown>;
  /** The compiled module: posted to a worker thread, it shares V8's compiled and tiered-up code with this one. */
  readonly compiled: WebAssembly.Module;
}

interface NodeBuffer {
  from(memory: ArrayBufferLike, offset: number, length: number): { write(text: string, offset: number, length: number, encoding: 'utf16le'): number };
}

/** Compiles (unless given the compiled module) and instantiates the module (synchronously: it is small, and the caller needs it at once). */
export function loadHclModule(binary: Uint8Array | WebAssembly.Module): HclModule {
  let exports: Exports | undefined;
  const compiled = binary instanceof WebAssembly.Module ? binary : new WebAssembly.Module(binary as Uint8Array<ArrayBuffer>);
  const instance = new WebAssembly.Instance(compiled, { wasi_snapshot_preview1: wasiStubs(() => exports!.memory) });
  const e = instance.exports as unknown as Exports;
  exports = e;
  e._initialize();
  const count = e.vpce_hcl_symbol_count();
  const types: (string | undefined)[] = [];
  const decoder = new TextDecoder();
  const cString = (address: number): string => {
    const bytes = new Uint8Array(e.memory.buffer, address);
    return decoder.decode(bytes.subarray(0, bytes.indexOf(0)));
  };
  // web-tree-sitter names the regular and anonymous symbols only (Language's constructor).
  for (let id = 0; id < count; id++) types[id] = e.vpce_hcl_symbol_type(id) < 2 ? cString(e.vpce_hcl_symbol_name(id)) : undefined;
  const nodeBuffer = (globalThis as { Buffer?: NodeBuffer }).Buffer;
  const write = (text: string, at: number) => {
    // The same UTF-16 code units either way, lone surrogates included.
    if (nodeBuffer) nodeBuffer.from(e.memory.buffer, at, text.length * 2).write(text, 0, text.length * 2, 'utf16le');
    else {
      const view = new DataView(e.memory.buffer);
      for (let i = 0; i < text.length; i++) view.setUint16(at + 2 * i, text.charCodeAt(i), true);
    }
  };
  return {
    types,
    compiled,
    exports: e as unknown as Record<string, unknown>,
    named: (id) => e.vpce_hcl_symbol_type(id) === 0,
    setKinds(kind) {
      const table = new Uint8Array(e.memory.buffer, e.vpce_hcl_kinds(), 65536);
      table.fill(0);
      for (let id = 0; id < count; id++) table[id] = kind(id);
    },
    parse(text, read) {
      const at = e.vpce_hcl_input(text.length);
      if (!at) throw new Error('the Terraform parser module is out of memory');
      write(text, at);
      const length = e.vpce_hcl_parse();
      if (length === NOT_HERE) return undefined;
      if (length < 0) throw new Error(`the Terraform parser module failed (${length})`);
      // Read the view after the call: memory growth replaces the buffer.
      const out = e.vpce_hcl_output() >> 2;
      return read(new Int32Array(e.memory.buffer, out << 2, length), length);
    },
  };
}
