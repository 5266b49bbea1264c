// The VPC map over a real language-server connection: the map request is answered by the lint worker
// from the version's kept Analysis (no second parse), with each node's place in the file for "reveal",
// a path when asked for, the SVG file's text for Export, and a "Show VPC Map" CodeLens above the VPC.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { CodeLens } from 'vscode-languageserver/node';
import { XMLValidator } from 'fast-xml-parser';
import { LspClient, fileUri, ROOT } from './client.js';
import { MAP_COMMAND, MAP_REQUEST, type MapResponse } from '../../server/src/protocol/map.js';

const TEXT = readFileSync(`${ROOT}examples/endpoints-with-mistakes.yaml`, 'utf8');

test('map request: answered from the version\'s analysis, nodes located, the path drawn, the SVG text on request', async () => {
  const client = await LspClient.start({ debounceMs: 0 }, undefined, { VPCE_LENS_TEST_STATS: '1' });
  const uri = fileUri('test/lsp/map-request.yaml');
  try {
    client.open(uri, TEXT);
    await client.waitFor(uri, (p) => p.version === 1);
    const whole = await client.request<MapResponse>(MAP_REQUEST, { uri });
    assert.ok('map' in whole, JSON.stringify(whole));
    assert.equal(whole.map.svg.tag, 'svg');
    assert.equal(whole.map.subtitle, undefined);
    const line = TEXT.split('\n').findIndex((l) => l.startsWith('  PrivateSubnetA:'));
    assert.deepEqual(whole.map.ranges.PrivateSubnetA, { start: { line, character: 2 }, end: { line, character: 16 } });
    assert.equal(whole.map.ranges['service:com.amazonaws.{region}.s3'], null);
    assert.equal(whole.map.svgText, undefined);
    // The version it was drawn for goes with it (the panel draws no map of a version the editor has left).
    assert.equal(whole.version, 1);

    const path = await client.request<MapResponse>(MAP_REQUEST, { uri, from: 'PrivateSubnetA', to: 'ssm', svgText: true });
    assert.ok('map' in path);
    assert.equal(path.map.verdict, 'blocked');
    assert.equal(XMLValidator.validate(path.map.svgText!), true);
    assert.match(path.map.svgText!, /path-block/);
    assert.equal((await client.request<{ parses: number }>('vpceLens/test/stats', {})).parses, 1, 'the map parsed nothing again');

    const bad = await client.request<MapResponse>(MAP_REQUEST, { uri, from: 'Nope', to: 's3' });
    assert.ok('error' in bad && /Nope/.test(bad.error));

    const lenses = await client.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri } });
    const map = lenses.filter((l) => l.command?.command === MAP_COMMAND);
    assert.equal(map.length, 1);
    const vpcLine = TEXT.split('\n').findIndex((l) => l.startsWith('  VPC:'));
    assert.equal(map[0]!.range.start.line, vpcLine);
    assert.deepEqual(map[0]!.command!.arguments, [{ uri }]);

    const edited = client.change(uri, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '# edited\n' }]);
    const again = await client.request<MapResponse>(MAP_REQUEST, { uri });
    assert.ok('map' in again && again.version === edited, `drawn for version ${edited}: ${'map' in again ? again.version : again.error}`);
  } finally {
    await client.stop();
  }
});
