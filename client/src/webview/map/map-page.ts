/// <reference lib="dom" />
// The map panel's page, run inside the webview. The picture arrives as SVG elements in plain data
// (drawn by the engine); each becomes a DOM element made with createElementNS, each string set with
// setAttribute or textContent, never parsed as markup. A node is clickable (and focusable: Enter or
// Space) to reveal its resource in the editor.

import type { FromMapWebview, MapView, SvgElement, ToMapWebview } from '../../../../server/src/protocol/map';
import { checkedSvg } from './map-messages';

declare function acquireVsCodeApi(): { postMessage(message: FromMapWebview): void; setState(s: unknown): void; getState(): unknown };

const vscode = acquireVsCodeApi();
const $ = (id: string) => document.getElementById(id)!;
const SVG_NS = 'http://www.w3.org/2000/svg';

function build(e: SvgElement): Element {
  const node = document.createElementNS(SVG_NS, e.tag);
  for (const [k, v] of Object.entries(e.attrs)) node.setAttribute(k, v);
  if (e.text !== undefined) node.textContent = e.text;
  for (const c of e.children ?? []) node.append(build(c));
  return node;
}

function show(view: MapView): void {
  const svg = checkedSvg(view.svg);
  if (!svg) return fail('The map could not be drawn: it holds elements a picture does not.');
  const picture = build(svg);
  picture.querySelectorAll('[data-node]').forEach((g) => {
    const id = g.getAttribute('data-node')!;
    const reveal = () => vscode.postMessage({ type: 'reveal', node: id });
    g.addEventListener('click', (ev: Event) => {
      ev.stopPropagation();
      reveal();
    });
    g.addEventListener('keydown', (ev: Event) => {
      const key = (ev as KeyboardEvent).key;
      if (key === 'Enter' || key === ' ') {
        ev.preventDefault();
        ev.stopPropagation();
        reveal();
      }
    });
  });
  $('canvas').replaceChildren(picture);
  $('message').className = '';
  $('message').textContent = [view.subtitle ?? view.title, view.note ? `(${view.note})` : ''].filter(Boolean).join(' ');
  $('clear-path').hidden = view.subtitle === undefined;
  $('status').textContent = view.subtitle ? `Map drawn with the path: ${view.subtitle}` : `Map drawn: ${view.title}`;
}

function fail(message: string): void {
  $('message').className = 'error';
  $('message').textContent = message;
  $('status').textContent = message;
}

window.addEventListener('message', (event: MessageEvent<ToMapWebview>) => {
  const msg = event.data;
  if (!msg || typeof msg !== 'object') return;
  switch (msg.type) {
    case 'map':
      show(msg.view);
      break;
    case 'error':
      fail(String(msg.message));
      break;
    case 'busy':
      $('status').textContent = String(msg.what);
      break;
    case 'state':
      // Kept by VS Code with the panel: after a reload the panel is restored from it (checked there).
      vscode.setState(msg.target);
      break;
  }
});

$('export').addEventListener('click', () => vscode.postMessage({ type: 'export' }));
$('clear-path').addEventListener('click', () => vscode.postMessage({ type: 'clearPath' }));
$('fit').addEventListener('click', () => {
  const on = $('canvas').classList.toggle('fit');
  $('fit').setAttribute('aria-pressed', String(on));
});
vscode.postMessage({ type: 'ready' });
