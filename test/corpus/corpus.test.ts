// Every real third-party template in ../shared/corpus: no crash, every finding in the reviewed snapshot.
// Each line of corpus.expected was checked by hand against the template and the AWS documentation.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { lintTemplate } from '../../server/src/core/engine.js';
import { matchSnapshot, renderFindings } from '../helpers/snapshot.js';

const CORPUS = join(__dirname, '..', '..', '..', 'shared', 'corpus');

test('corpus templates: no crash, findings as reviewed', { skip: existsSync(CORPUS) ? false : `${CORPUS} is not there` }, () => {
  const files = readdirSync(CORPUS).filter((f) => /\.(ya?ml|json)$/.test(f)).sort();
  assert.ok(files.length >= 20);
  const sections: string[] = [];
  let templates = 0;
  for (const file of files) {
    const text = readFileSync(join(CORPUS, file), 'utf8');
    const t0 = performance.now();
    const result = lintTemplate(text, { regions: ['us-east-1'] });
    assert.ok(performance.now() - t0 < 2000, `${file} took too long`);
    if (!result.isTemplate) continue;
    templates++;
    assert.ok(!result.findings.some((f) => f.ruleId === 'VPCE0000'), `${file}: ${result.findings.find((f) => f.ruleId === 'VPCE0000')?.message}`);
    if (result.findings.length) sections.push(`## ${file}\n${renderFindings(text, result.findings)}`);
  }
  assert.ok(templates >= 20, `only ${templates} templates recognised`);
  matchSnapshot(join(__dirname, 'corpus.expected'), sections.join('\n\n'));
});
