/// <reference lib="dom" />
// The map panel's page, run inside the webview. The picture arrives as SVG elements in plain data
// (drawn by the engine); each becomes a DOM element made with createElementNS, each string set with
// setAttribute or textContent, never parsed as markup. A node is clickable (and focusable: Enter or
// Space) to reveal its resource in the editor.

import type { FromMapWebview, MapView, SvgElement } from '../../../../server/src/protocol/map';
import { checkedSvg, fromMapPanel } from './map-messages';
import { LatestRequest, pageShows } from '../latest-request';

declare function acquireVsCodeApi(): { postMessage(message: FromMapWebview): void; setState(s: unknown): void; getState(): unknown };

const vscode = acquireVsCodeApi();
const $ = (id: string) => document.getElementById(id)!;
const SVG_NS = 'http://www.w3.org/2000/svg';
/** The request the panel announced last: a reply to any other is not drawn. */
const latest = new LatestRequest();

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
  $('canvas').removeAttribute('aria-busy');
  $('message').className = '';
  $('message').textContent = [view.subtitle ?? view.title, view.note ? `(${view.note})` : ''].filter(Boolean).join(' ');
  $('clear-path').hidden = view.subtitle === undefined;
  $('status').textContent = view.subtitle ? `Map drawn with the path: ${view.subtitle}` : `Map drawn: ${view.title}`;
}

function fail(message: string): void {
  $('canvas').removeAttribute('aria-busy');
  $('message').className = 'error';
  $('message').textContent = message;
  $('status').textContent = message;
}

/** A new request: the picture shown is for another question (or version), so it goes at once. */
function loading(what: string): void {
  $('canvas').replaceChildren();
  $('canvas').setAttribute('aria-busy', 'true');
  $('clear-path').hidden = true;
  $('message').className = 'loading';
  $('message').textContent = what;
  $('status').textContent = what;
}

window.addEventListener('message', (event: MessageEvent<unknown>) => {
  const msg = fromMapPanel(event.data);
  if (!msg || !pageShows(latest, msg)) return;
  switch (msg.type) {
    case 'loading':
      loading(msg.what);
      break;
    case 'map':
      show(msg.view);
      break;
    case 'error':
      fail(msg.message);
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
