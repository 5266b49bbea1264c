// Every webview page is built on one shell: its CSP admits our own script and style by nonce and nothing
// else, images only where the page asks for its webview's source.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pageShell } from '../../../client/src/webview/page-shell.js';
import { mapHtml } from '../../../client/src/webview/map/map-html.js';
import { panelHtml } from '../../../client/src/webview/html.js';
import { rulePageHtml } from '../../../client/src/webview/rule-html.js';

const csp = (html: string) => /http-equiv="Content-Security-Policy" content="([^"]*)"/.exec(html)?.[1];

test('the shell: default-src none, script and style by nonce, images only from the source given', () => {
  const page = pageShell({ title: 'T', nonce: 'N1', scriptUri: 'S', style: 'a{}\n', body: '<p>x</p>\n' });
  assert.equal(csp(page), "default-src 'none'; style-src 'nonce-N1'; script-src 'nonce-N1';");
  assert.match(page, /<style nonce="N1">\na\{\}\n<\/style>/);
  assert.match(page, /<body>\n<p>x<\/p>\n<script nonce="N1" src="S"><\/script>\n<\/body>/);
  assert.equal(csp(pageShell({ title: 'T', nonce: 'N1', scriptUri: 'S', imgSource: 'vscode-resource:', style: '', body: '' })), "default-src 'none'; img-src vscode-resource:; style-src 'nonce-N1'; script-src 'nonce-N1';");
});

test('the trace panel, the map and the rule page all use it: no unsafe source, one script, by nonce', () => {
  for (const html of [panelHtml('S', 'SRC', 'N2'), mapHtml('S', 'SRC', 'N2'), rulePageHtml('S', 'N2')]) {
    const policy = csp(html)!;
    assert.match(policy, /^default-src 'none';/);
    assert.doesNotMatch(policy, /unsafe|\*/);
    assert.equal(html.match(/<script\b/g)?.length, 1);
    assert.match(html, /<script nonce="N2" src="S"><\/script>/);
  }
});
