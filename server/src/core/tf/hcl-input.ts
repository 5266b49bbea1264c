// How the parser reads the text. web-tree-sitter's runtime asks JavaScript for the input 5,119 UTF-16
// code units at a time (its import `tree_sitter_parse_callback`): its own answer slices the string and
// writes it into WebAssembly memory one code unit at a time through a DataView. In a one-shot CLI process
// that loop runs mostly unoptimised, ~5% of the whole parse. Where the host has Node's Buffer, the same
// code units are written by its native UTF-16LE encoder instead: the same bytes in the same buffer, the
// same length, so the parser sees exactly what it saw before. Installed through Emscripten's
// `instantiateWasm` hook, the one place the runtime lets its embedder see the imports.

/** The runtime's input buffer (tree-sitter.c, INPUT_BUFFER_SIZE): bytes, the last two for a terminating 0. */
const INPUT_BUFFER_BYTES = 10 * 1024;
const CHUNK_UNITS = (INPUT_BUFFER_BYTES - 2) / 2;

type ParseCallback = (buffer: number, index: number, row: number, column: number, lengthAddress: number) => void;

interface NodeBuffer {
  from(memory: ArrayBufferLike, offset: number, length: number): { write(text: string, offset: number, length: number, encoding: 'utf16le'): number };
}

interface Heap {
  HEAPU8: Uint8Array;
}

export interface ParseInput {
  /** The Emscripten module options for Parser.init: web-tree-sitter fills the object with the runtime. */
  module: object;
  /** Runs `parse` with `text` as the input the runtime reads (it must be the text handed to the parser). */
  reading<T>(text: string, parse: () => T): T;
}

/** The module options for Parser.init with the runtime's binary, and the input through the native encoder where there is one. */
export function parseInput(runtime: Uint8Array): ParseInput {
  const nodeBuffer = (globalThis as { Buffer?: NodeBuffer }).Buffer;
  let text: string | undefined;
  const module: Record<string, unknown> = { wasmBinary: runtime };
  if (nodeBuffer) {
    module.instantiateWasm = (imports: { env: Record<string, unknown> }, receive: (instance: WebAssembly.Instance, module: WebAssembly.Module) => void) => {
      const original = imports.env.tree_sitter_parse_callback as ParseCallback;
      const heap = module as unknown as Heap;
      imports.env.tree_sitter_parse_callback = ((buffer, index, row, column, lengthAddress) => {
        if (text === undefined) return original(buffer, index, row, column, lengthAddress);
        // The runtime's answer: the rest of the text from `index`, its length, clipped by the C side to the buffer.
        const units = index < text.length ? Math.min(text.length - index, CHUNK_UNITS) : 0;
        const memory = heap.HEAPU8.buffer;
        const bytes = nodeBuffer.from(memory, buffer, INPUT_BUFFER_BYTES);
        if (units > 0) bytes.write(text.slice(index, index + units), 0, units * 2, 'utf16le');
        const view = new DataView(memory);
        view.setUint16(buffer + units * 2, 0, true);
        view.setUint32(lengthAddress, units, true);
      }) satisfies ParseCallback;
      // Compiled here synchronously: the runtime calls this hook inside a promise's executor, so a
      // failure rejects Parser.init (a callback never called would leave it pending for ever).
      const compiled = new WebAssembly.Module(runtime as Uint8Array<ArrayBuffer>);
      receive(new WebAssembly.Instance(compiled, imports as WebAssembly.Imports), compiled);
      return {};
    };
  }
  return {
    module,
    reading(t, parse) {
      text = t;
      try {
        return parse();
      } finally {
        text = undefined;
      }
    },
  };
}
