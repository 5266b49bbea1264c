// The path trace in the language server: trace requests from the "Trace Path" command and the
// webview, and the "Trace to …" CodeLens above subnets and workloads. The network model of a document
// is kept per version, so the webview's updates and the matrix do not parse the template again.

import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeLens } from 'vscode-languageserver/node';
import { networkOf, traceMatrix } from '../core/trace/api.js';
import { trace } from '../core/trace/trace.js';
import { traceView } from '../core/trace/view.js';
import { parseTarget, targetName, traceSources, traceTargets } from '../core/trace/targets.js';
import type { Network } from '../core/model/network.js';
import { TRACE_COMMAND, type MatrixResponse, type SuggestionEditParams, type SuggestionEditResult, type TraceCommandArgs, type TraceOptionsResult, type TraceParams, type TraceResponse, type TraceView } from '../protocol/trace.js';
import { applyEdits, fixSource, rejection, suggestionFix, type Relint } from '../core/fixes/index.js';
import type { TraceResult } from '../core/trace/types.js';

export class TraceService {
  private readonly models = new Map<string, { version: number; net: Network | undefined }>();

  private model(doc: TextDocument): Network | undefined {
    const hit = this.models.get(doc.uri);
    if (hit && hit.version === doc.version) return hit.net;
    const net = networkOf(doc.getText());
    this.models.set(doc.uri, { version: doc.version, net });
    return net;
  }

  closed(uri: string): void {
    this.models.delete(uri);
  }

  options(doc: TextDocument): TraceOptionsResult {
    const net = this.model(doc);
    if (!net) return { error: 'The active file is not a CloudFormation template that parses.' };
    return { sources: traceSources(net), targets: traceTargets(net).map(targetName) };
  }

  trace(doc: TextDocument, params: TraceParams): TraceResponse {
    const net = this.model(doc);
    if (!net) return { error: 'The file is not a CloudFormation template that parses.' };
    const target = parseTarget(params.to);
    if (!target) return { error: `Unknown destination ${params.to}: use a service (s3, ssm, ...), "internet" or an IPv4 range.` };
    if (!net.spanOf(params.from)) return { error: `${params.from} is no longer in the template.` };
    const result = trace(net, params.from, target, { action: params.action });
    const view: TraceView = traceView(result, (o) => doc.positionAt(o));
    if (result.suggestions.length) {
      const source = fixSource(doc.getText());
      view.suggestions = result.suggestions.map((s) => {
        const action = suggestionFix(source, s, params.from)?.title;
        return { kind: s.kind, message: s.message, resource: s.resource, ...(action ? { action } : {}) };
      });
    }
    return { result: view };
  }

  /** The edit of one suggestion, offered only when it adds no warning or error (checked with `relint`). */
  suggestionEdit(doc: TextDocument, params: SuggestionEditParams, relint: Relint): SuggestionEditResult {
    const net = this.model(doc);
    const target = parseTarget(params.to);
    if (!net || !target || !net.spanOf(params.from)) return { error: 'The trace no longer applies to this file.' };
    const result: TraceResult = trace(net, params.from, target, { action: params.action });
    const suggestion = result.suggestions[params.index];
    if (!suggestion) return { error: 'That suggestion no longer applies.' };
    const text = doc.getText();
    const fix = suggestionFix(fixSource(text), suggestion, params.from);
    if (!fix) return { error: `No edit can be made for: ${suggestion.message}` };
    const why = rejection(relint(text), relint(applyEdits(text, fix.edits)), undefined);
    if (why) return { error: `${fix.title} was not applied: ${why}.` };
    return { title: fix.title, version: doc.version, edits: fix.edits.map((e) => ({ range: { start: doc.positionAt(e.start), end: doc.positionAt(e.end) }, newText: e.newText })) };
  }

  matrix(doc: TextDocument): MatrixResponse {
    const net = this.model(doc);
    if (!net) return { error: 'The file is not a CloudFormation template that parses.' };
    const m = traceMatrix(net);
    return { matrix: { sources: m.sources, targets: m.targets, verdicts: m.cells.map((row) => row.map((c) => c.verdict)), conditional: m.cells.map((row) => row.map((c) => c.conditional)) } };
  }

  /** "Trace to s3 · ssm" above each subnet and workload, for the services the template has endpoints for. */
  codeLenses(doc: TextDocument): CodeLens[] {
    const net = this.model(doc);
    if (!net) return [];
    const services = traceTargets(net).filter((t) => t.kind === 'service' && [...net.judged().endpoints.values()].some((e) => e.service.known && e.service.value === t.pattern));
    if (services.length === 0) return [];
    const lenses: CodeLens[] = [];
    for (const source of traceSources(net)) {
      const key = net.spanOf(source.id)!;
      const range = { start: doc.positionAt(key.start), end: doc.positionAt(key.end) };
      for (const t of services.slice(0, 4)) {
        const args: TraceCommandArgs = { uri: doc.uri, from: source.id, to: targetName(t) };
        lenses.push({ range, command: { title: `Trace to ${targetName(t)}`, command: TRACE_COMMAND, arguments: [args] } });
      }
    }
    return lenses;
  }
}
