/// <reference lib="dom" />
// The rule page, run inside the webview: the rules' metadata arrives by postMessage and every string is
// set as text (backticks become <code> elements, nothing is parsed as HTML). Shows the rule asked for.

import type { FromRulePage, RuleDoc, ToRulePage } from '../../../server/src/protocol/editor';

declare function acquireVsCodeApi(): { postMessage(message: FromRulePage): void };

const vscode = acquireVsCodeApi();

function el<K extends keyof HTMLElementTagNameMap>(tag: K, text?: string, cls?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (text !== undefined) e.textContent = text;
  if (cls) e.className = cls;
  return e;
}

/** Text with `code` spans, as text nodes and <code> elements. */
function withCode(text: string): HTMLParagraphElement {
  const p = el('p');
  text.split('`').forEach((part, i) => p.append(i % 2 ? el('code', part) : document.createTextNode(part)));
  return p;
}

// Only AWS's and Terraform's own documentation pages are linked; anything else is not shown.
const LINKED = /^https:\/\/(docs\.aws\.amazon\.com|registry\.terraform\.io|developer\.hashicorp\.com)\//;

/** A "label: <link>" paragraph, or nothing for a page of another site. */
function link(label: string, url: string): HTMLParagraphElement[] {
  if (!LINKED.test(url)) return [];
  const p = el('p', `${label}: `);
  const a = el('a', url);
  a.href = url;
  p.append(a);
  return [p];
}

function render(rules: RuleDoc[]): void {
  const root = document.getElementById('rules')!;
  root.replaceChildren();
  let area = '';
  for (const r of rules) {
    if (r.area !== area) {
      area = r.area;
      root.append(el('h2', area));
    }
    const article = el('article');
    article.id = r.id.toLowerCase();
    article.setAttribute('aria-labelledby', `${article.id}-title`);
    const h3 = el('h3', `${r.id}: ${r.title}`);
    h3.id = `${article.id}-title`;
    const meta = el('p', undefined, 'meta');
    meta.append('Default severity: ', el('span', r.severity, `severity-${r.severity}`), r.fix ? ` · Quick fix: ${r.fix}` : ' · No quick fix');
    article.append(h3, meta, withCode(r.why));
    article.append(...link(r.docs.startsWith('https://docs.aws.amazon.com/') ? 'AWS documentation' : 'Terraform documentation', r.docs));
    // The same rule in a Terraform configuration: its arguments and the AWS provider's defaults.
    if (r.terraform && typeof r.terraform.why === 'string' && typeof r.terraform.docs === 'string') {
      const p = withCode(r.terraform.why);
      p.prepend(el('strong', 'In Terraform: '));
      article.append(p, ...link('Terraform documentation', r.terraform.docs));
    }
    if (typeof r.noTerraform === 'string') {
      const p = withCode(r.noTerraform);
      p.prepend(el('strong', 'Not raised in Terraform: '));
      article.append(p);
    }
    root.append(article);
  }
}

function show(id: string): void {
  const target = document.getElementById(id.toLowerCase());
  if (!target) return;
  document.querySelectorAll('article.current').forEach((a) => {
    a.classList.remove('current');
    a.removeAttribute('aria-current');
  });
  target.classList.add('current');
  target.setAttribute('aria-current', 'true');
  // Scrolled to, not focused: focusing inside the webview would take the keyboard from the user's editor.
  target.scrollIntoView({ block: 'start' });
}

window.addEventListener('message', (event: MessageEvent<ToRulePage>) => {
  const m = event.data;
  if (!m || typeof m !== 'object') return;
  if (m.type === 'rules' && Array.isArray(m.rules)) {
    render(m.rules);
    if (typeof m.show === 'string') show(m.show);
  } else if (m.type === 'show' && typeof m.id === 'string') {
    show(m.id);
  }
});

vscode.postMessage({ type: 'ready' });
