/// <reference lib="dom" />
// The trace panel's page, run inside the webview. It gets data only through postMessage and renders
// every string with textContent: a resource named `<img src=x onerror=alert(1)>` shows as text.
// Colours come from the theme's --vscode-* variables (see the panel's stylesheet).

import type { FromWebview, TraceView } from '../../../server/src/protocol/trace';
import { hideTip, renderMatrix } from './matrix-page';
import { fromTracePanel } from './messages';
import { LatestRequest, pageShows } from './latest-request';

declare function acquireVsCodeApi(): { postMessage(message: FromWebview): void; setState(s: unknown): void; getState(): unknown };

const vscode = acquireVsCodeApi();
const $ = (id: string) => document.getElementById(id)!;
/** The request the panel announced last: a reply to any other is not shown. */
const latest = new LatestRequest();

const VERDICT_TEXT: Record<TraceView['verdict'], string> = {
  private: 'Private — stays on the AWS network through an endpoint',
  public: 'Public — leaves through a NAT or internet gateway',
  blocked: 'Blocked',
  unknown: 'Unknown — the template does not say',
};
const DECISION_TEXT: Record<string, string> = { pass: 'passes', block: 'blocks', unknown: 'unknown', note: 'note' };
const DECISION_MARK: Record<string, string> = { pass: '✓', block: '✗', unknown: '?', note: 'i' };

function el<K extends keyof HTMLElementTagNameMap>(tag: K, text?: string, cls?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (text !== undefined) e.textContent = text;
  if (cls) e.className = cls;
  return e;
}

function showTab(which: 'path' | 'matrix'): void {
  hideTip();
  for (const name of ['path', 'matrix'] as const) {
    const tab = $(`tab-${name}`);
    const selected = name === which;
    tab.setAttribute('aria-selected', String(selected));
    tab.tabIndex = selected ? 0 : -1;
    $(`panel-${name}`).hidden = !selected;
  }
  if (which === 'matrix') vscode.postMessage({ type: 'matrix' });
}

function renderTrace(view: TraceView): void {
  const verdict = $('verdict');
  verdict.className = `verdict ${view.verdict}`;
  verdict.replaceChildren(el('strong', `${view.from} → ${view.to}: ${VERDICT_TEXT[view.verdict]}`), el('p', view.summary));
  const list = el('ol', undefined, 'hops');
  list.setAttribute('aria-label', 'Hops of the path');
  view.hops.forEach((hop, index) => {
    const decides = index === view.decidingHop;
    const item = el('li', undefined, `hop ${hop.decision}${decides ? ' deciding' : ''}`);
    // A hop in a nested stack's template has no range in this document: its file and line are named, and
    // the link asks the extension to open hop `index` (it knows the file; the page sends no path).
    const range = hop.range;
    const where = range ? undefined : `${hop.file ?? 'another file'}${hop.line === undefined ? '' : `:${hop.line + 1}`}`;
    const opens = !range && hop.file !== undefined && hop.fileRange !== undefined;
    const button = el(range || opens ? 'button' : 'div', undefined, range ? 'hop-button' : opens ? 'hop-button hop-elsewhere' : 'hop-button hop-elsewhere hop-nowhere');
    if (button instanceof HTMLButtonElement) button.type = 'button';
    button.title = range ? `Reveal ${hop.resource} in the editor` : opens ? `Open ${where} at ${hop.resource}` : `${hop.resource} is in ${where}`;
    button.append(el('span', DECISION_MARK[hop.decision], 'mark'), el('span', hop.kind, 'kind'), el('span', hop.resource, 'resource'));
    if (where) button.append(el('span', `(${where})`, 'file'));
    // The hop the verdict turns on says so in words (as the CLI's "← decides").
    if (decides) button.append(el('span', 'decides', 'decides'));
    button.setAttribute('aria-label', `${hop.kind}, ${hop.resource}${where ? ` in ${where}` : ''}, ${DECISION_TEXT[hop.decision]}${decides ? ', decides the verdict' : ''}: ${hop.reason}`);
    if (range) button.addEventListener('click', () => vscode.postMessage({ type: 'reveal', range }));
    else if (opens) button.addEventListener('click', () => vscode.postMessage({ type: 'open', hop: index }));
    item.append(button, el('p', hop.reason, 'reason'));
    list.append(item);
  });
  const suggestions = el('ul', undefined, 'suggestions');
  view.suggestions.forEach((s, index) => {
    const item = el('li', `Suggestion: ${s.message}`);
    if (s.action) {
      // The same edit as the code action of that name; the panel traces again once it is applied.
      const apply = el('button', 'Apply', 'apply-button');
      apply.type = 'button';
      apply.title = s.action;
      apply.setAttribute('aria-label', `Apply: ${s.action}`);
      apply.addEventListener('click', () => {
        apply.disabled = true;
        vscode.postMessage({ type: 'apply', index });
      });
      item.append(' ', apply);
    } else if (s.noAction) {
      item.append(el('p', s.noAction, 'reason'));
    }
    suggestions.append(item);
  });
  // The verdict above is the one with the parameters' defaults; other parameter values may change it.
  const branches = el('ul', undefined, 'branches');
  for (const b of view.branches ?? []) {
    const when = Object.entries(b.when).map(([c, v]) => `${c} is ${v}`).join(' and ') || 'with the defaults';
    branches.append(el('li', `When ${when}: ${VERDICT_TEXT[b.verdict]} (${b.summary})`));
  }
  if (view.branchesBounded) branches.append(el('li', `Only ${view.branchesBounded.explored} of ${view.branchesBounded.total} parameter combinations were looked at.`));
  $('hops').replaceChildren(list, suggestions, branches);
  $('status').textContent = `${view.from} to ${view.to}: ${view.verdict}`;
}

/** A new request: what the page showed is for another path, document or version, so it goes at once. */
function loading(what: string, matrix: boolean): void {
  $('verdict').className = 'verdict loading';
  $('verdict').replaceChildren(el('strong', what));
  $('hops').replaceChildren();
  if (matrix) {
    hideTip();
    $('matrix').replaceChildren(el('p', 'Computing every source × every destination…'));
  }
  $('status').textContent = what;
}

window.addEventListener('message', (event: MessageEvent<unknown>) => {
  const msg = fromTracePanel(event.data);
  if (!msg || !pageShows(latest, msg)) return;
  switch (msg.type) {
    case 'loading':
      loading(msg.what, msg.matrix);
      break;
    case 'trace':
      renderTrace(msg.view);
      vscode.setState({ uri: msg.uri, from: msg.view.from, to: msg.view.to });
      break;
    case 'matrix':
      renderMatrix($('matrix'), msg.matrix, {
        open: (from, to) => {
          vscode.postMessage({ type: 'trace', from, to });
          showTab('path');
        },
      });
      break;
    case 'error':
      $('verdict').className = 'verdict error';
      $('verdict').replaceChildren(el('strong', msg.message));
      $('status').textContent = msg.message;
      break;
  }
});

$('tab-path').addEventListener('click', () => showTab('path'));
$('tab-matrix').addEventListener('click', () => showTab('matrix'));
$('open-map').addEventListener('click', () => vscode.postMessage({ type: 'map' }));
$('tabs').addEventListener('keydown', (e) => {
  if (e.key !== 'ArrowLeft' && e.key !== 'ArrowRight') return;
  const next = $('tab-path').getAttribute('aria-selected') === 'true' ? 'matrix' : 'path';
  showTab(next);
  $(`tab-${next}`).focus();
});
vscode.postMessage({ type: 'ready' });
