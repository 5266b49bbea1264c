// Diagnostics of Terraform variables files (terraform-varfiles.ts): every open .tf document of a module
// finds the same ones, so each file's diagnostics are the union of what the open documents found,
// published on the file's own URI and cleared when no open document finds any there any more.

import type { Connection, Diagnostic } from 'vscode-languageserver/node';
import { pathToFileURL } from 'node:url';
import { placedDiagnostic } from './diagnostics.js';
import type { VarFileFindings } from './terraform-varfiles.js';

export class VarFileDiagnostics {
  /** Per variables file URI: each document's diagnostics there. */
  private readonly byFile = new Map<string, Map<string, Diagnostic[]>>();

  constructor(
    private readonly connection: Connection,
    private readonly docsBase: string,
  ) {}

  /** A document's latest findings in variables files (none: it found none, or it closed). */
  async set(docUri: string, files: readonly VarFileFindings[]): Promise<void> {
    const touched = new Set<string>();
    for (const [uri, byDoc] of this.byFile) if (byDoc.delete(docUri)) touched.add(uri);
    for (const f of files) {
      const uri = pathToFileURL(f.path).href;
      let byDoc = this.byFile.get(uri);
      if (!byDoc) this.byFile.set(uri, (byDoc = new Map()));
      byDoc.set(docUri, f.findings.map((p) => placedDiagnostic(uri, { start: p.start, end: p.end }, p.finding, this.docsBase)));
      touched.add(uri);
    }
    for (const uri of touched) {
      const byDoc = this.byFile.get(uri)!;
      if (byDoc.size === 0) this.byFile.delete(uri);
      const seen = new Set<string>();
      const diagnostics = [...byDoc.values()].flat().filter((d) => {
        const key = `${String(d.code)} ${d.range.start.line}:${d.range.start.character} ${d.range.end.line}:${d.range.end.character} ${d.message as string}`;
        return !seen.has(key) && !!seen.add(key);
      });
      await this.connection.sendDiagnostics({ uri, diagnostics });
    }
  }
}
