/// <reference lib="dom" />
// The matrix view of the trace panel, run inside the webview: every source × every destination in a
// table that scrolls inside its own box with sticky row and column headers (so the names stay in sight at
// any panel width), a symbol on unknown and conditional cells (not colour alone), an explanation of a
// cell on hover or keyboard focus (verdict, the deciding hop and its value, the conditions), and the
// cell's path in the trace view on click. Every string is set as text.

import type { MatrixCellView, MatrixView, TraceView } from '../../../server/src/protocol/trace';

type Verdict = TraceView['verdict'];

/** The symbol in front of each verdict: the verdict shows without colour too. */
const VERDICT_MARK: Record<Verdict, string> = { private: '✓', public: '↗', blocked: '✗', unknown: '?' };
const VERDICT_WORDS: Record<Verdict, string> = {
  private: 'private, through an endpoint',
  public: 'public, through a NAT or internet gateway',
  blocked: 'blocked',
  unknown: 'unknown, the template does not say',
};
// '*' as the CLI's matrix marks the same cells (and every font has it).
const CONDITIONAL_MARK = '*';
const DECISION_WORDS: Record<string, string> = { pass: 'passes', block: 'fails', unknown: 'unknown', note: 'note' };

function el<K extends keyof HTMLElementTagNameMap>(tag: K, text?: string, cls?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (text !== undefined) e.textContent = text;
  if (cls) e.className = cls;
  return e;
}

const whenText = (when: Record<string, boolean>) => Object.entries(when).map(([c, v]) => `${c} is ${v}`).join(' and ') || 'with the defaults';

/** The explanation of one cell, as lines of text (the tooltip and the button's description). */
export function explainCell(from: string, to: string, verdict: Verdict, cell: MatrixCellView | undefined): { head: string; lines: string[] } {
  const head = `${from} → ${to}: ${VERDICT_WORDS[verdict]}`;
  const lines: string[] = [];
  if (cell?.summary) lines.push(cell.summary);
  const d = cell?.deciding;
  if (d) lines.push(`Decided at ${d.kind} (${d.resource}), ${DECISION_WORDS[d.decision] ?? d.decision}: ${d.reason}`);
  for (const b of cell?.branches ?? []) lines.push(`When ${whenText(b.when)}: ${b.verdict}`);
  if (cell?.branches?.length) lines.push('The verdict shown is the one with the parameters\' defaults.');
  lines.push('Select to open this path in the trace view.');
  return { head, lines };
}

export interface MatrixHandlers {
  /** A cell was chosen: show its path. */
  open(from: string, to: string): void;
}

let tooltip: HTMLDivElement | undefined;

function tip(): HTMLDivElement {
  if (tooltip?.isConnected) return tooltip;
  tooltip = el('div', undefined, 'cell-tip');
  tooltip.id = 'cell-tip';
  tooltip.setAttribute('role', 'tooltip');
  tooltip.hidden = true;
  document.body.append(tooltip);
  return tooltip;
}

function showTip(anchor: HTMLElement, text: { head: string; lines: string[] }): void {
  const t = tip();
  t.replaceChildren(el('strong', text.head), ...text.lines.map((l) => el('p', l)));
  t.hidden = false;
  // Below the cell, kept inside the viewport (the panel may be narrow).
  const r = anchor.getBoundingClientRect();
  const width = Math.min(360, window.innerWidth - 16);
  t.style.width = `${width}px`;
  t.style.left = `${Math.max(8, Math.min(r.left, window.innerWidth - width - 8)) + window.scrollX}px`;
  const below = r.bottom + 4;
  t.style.top = `${below + window.scrollY}px`;
  const h = t.getBoundingClientRect().height;
  if (below + h > window.innerHeight && r.top - h - 4 > 0) t.style.top = `${r.top - h - 4 + window.scrollY}px`;
}

export function hideTip(): void {
  if (tooltip) tooltip.hidden = true;
}

export function renderMatrix(container: HTMLElement, m: MatrixView, handlers: MatrixHandlers): void {
  hideTip();
  const table = el('table', undefined, 'matrix');
  const caption = el('caption', 'Every source × every destination');
  const legend = el('p', `✓ private · ↗ public · ✗ blocked · ? unknown · ${CONDITIONAL_MARK} other parameter values change it. Hover or focus a cell for why; select it to open its path.`, 'legend');
  const head = el('tr');
  const corner = el('th', 'Source');
  corner.scope = 'col';
  corner.className = 'corner';
  head.append(corner);
  for (const t of m.targets) {
    const th = el('th', t);
    th.scope = 'col';
    head.append(th);
  }
  const thead = el('thead');
  thead.append(head);
  const body = el('tbody');
  m.sources.forEach((s, i) => {
    const row = el('tr');
    const th = el('th', s.absentByDefault ? `${s.id} (absent by default)` : s.id);
    th.scope = 'row';
    th.title = s.absentByDefault ? `${s.kind}; it does not exist with the parameters' defaults` : s.kind;
    row.append(th);
    m.targets.forEach((t, j) => {
      const verdict = m.verdicts[i]![j]!;
      const conditional = m.conditional?.[i]?.[j] === true;
      const explanation = explainCell(s.id, t, verdict, m.cells?.[i]?.[j]);
      const td = el('td');
      const b = el('button', undefined, `cell ${verdict}${conditional ? ' conditional' : ''}`);
      b.type = 'button';
      b.dataset.from = s.id;
      b.dataset.to = t;
      const mark = el('span', VERDICT_MARK[verdict], 'vmark');
      mark.setAttribute('aria-hidden', 'true');
      b.append(mark, el('span', verdict, 'word'));
      if (conditional) {
        const c = el('span', CONDITIONAL_MARK, 'cond-mark');
        c.setAttribute('aria-hidden', 'true');
        b.append(c);
      }
      // The label says in words what the symbols show; the explanation is the description.
      b.setAttribute('aria-label', `${s.id} to ${t}: ${verdict}${conditional ? ', conditional: other parameter values change it' : ''}`);
      b.setAttribute('aria-describedby', 'cell-tip');
      const show = () => showTip(b, explanation);
      b.addEventListener('mouseenter', show);
      b.addEventListener('focus', show);
      b.addEventListener('mouseleave', hideTip);
      b.addEventListener('blur', hideTip);
      b.addEventListener('keydown', (e) => {
        if (e.key === 'Escape') hideTip();
      });
      b.addEventListener('click', () => {
        hideTip();
        handlers.open(s.id, t);
      });
      td.append(b);
      row.append(td);
    });
    body.append(row);
  });
  table.append(caption, thead, body);
  // The box scrolls both ways; the table's headers stick to its top and left edges.
  const scroller = el('div', undefined, 'matrix-scroll');
  scroller.tabIndex = 0;
  scroller.setAttribute('role', 'region');
  scroller.setAttribute('aria-label', 'Trace matrix (scrolls)');
  scroller.addEventListener('scroll', hideTip, { passive: true });
  scroller.append(table);
  container.replaceChildren(legend, scroller);
  tip();
}
