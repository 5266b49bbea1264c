// The fast path parses the plain YAML that templates are written in and hands anything else to the
// yaml library. Whatever it accepts must come out exactly as the library's tree would (values, ranges,
// styles, tags, problems), so it is checked against the library on every YAML file we have, on
// hand-written edge cases, and on thousands of seeded mutants of real templates.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseFastYaml } from '../../../server/src/core/document/fast-yaml.js';
import { parseText, parseWithYamlLibrary, parseYamlWhole } from '../../../server/src/core/document/parse.js';
import { isolateSyntaxErrors } from '../../../server/src/core/document/isolate.js';
import { mutate, random } from '../../helpers/yaml-mutations.js';

const ROOT = join(__dirname, '..', '..', '..');
const CORPUS = join(ROOT, '..', 'shared', 'corpus');
const QUICK_START = join(CORPUS, 'aws-quickstart__quickstart-aws-vpc__templates__aws-vpc.template.yaml');

function yamlFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return yamlFiles(p);
    return /\.ya?ml$/.test(e.name) ? [p] : [];
  });
}

/** Whether the fast path took the text; when it did, its tree must be the library's. */
function agrees(text: string, label: string): boolean {
  const fast = parseFastYaml(text);
  if (!fast) return false;
  assert.deepEqual(fast, parseWithYamlLibrary(text), `${label}: the fast path and the yaml library disagree`);
  return true;
}

test('every YAML fixture, example and corpus template: accepted ones parse as the library parses them', () => {
  const files = [...yamlFiles(join(ROOT, 'test', 'fixtures')), ...yamlFiles(join(ROOT, 'examples')), ...yamlFiles(CORPUS)];
  assert.ok(files.length >= 150, `only ${files.length} YAML files found`);
  const declined: string[] = [];
  for (const file of files) if (!agrees(readFileSync(file, 'utf8'), file)) declined.push(file);
  // The point of the fast path is that ordinary templates take it.
  for (const file of yamlFiles(join(ROOT, 'examples'))) assert.ok(!declined.includes(file), `${file} went to the slow path`);
  if (existsSync(QUICK_START)) assert.ok(!declined.includes(QUICK_START), 'the Quick Start VPC template went to the slow path');
  assert.ok(declined.length <= files.length * 0.1, `${declined.length} of ${files.length} files went to the slow path:\n${declined.join('\n')}`);
});

test('the plain YAML of templates is taken by the fast path', () => {
  const cases: Record<string, string> = {
    'short forms': 'A: !Ref Vpc\nB: !GetAtt Vpc.CidrBlock\nC: !Sub "arn:${AWS::Partition}:s3:::b/*"\nD: !GetAtt [Vpc, Ipv6CidrBlocks]\n',
    'tag alone': 'Zones: !GetAZs\nList:\n  - !GetAZs\nFlow: !Select [0, !GetAZs ""]\n',
    // Found by the seeded mutants: a tag alone, then a space, ends the collection after that space.
    'tag alone before a space, last in its collection': 'A:\n  VpcId: !Ref \nD: 1\n',
    'block scalars': 'A: |\n  one\n    two\n\n  three\nB: >-\n  folded\n  text\nC: |-\n  kept\nD: end\n',
    'flow collections': 'A: [a, "b", \'c\', {k: v, n: 1}]\nB: {x: [1, 2], y: !Ref Z}\n',
    'multi-line plain': 'Description: a long\n  description over\n  three lines\nNext: x\n',
    comments: '# head\nA: # after key\n  - 1 # item\n  # between\n  - 2\n# at column 0\nB: 2 # end\n',
    'document start': '---\nA: 1\n',
    'scalars of every kind': 'a: yes\nb: off\nc: ~\nd: null\ne: 0x1F\nf: 1.50\ng: -.inf\nh: 1e3\ni: "quoted \\n"\nj: \'it\'\'s\'\nk: 012\n',
    'sequences of maps': 'L:\n- a: 1\n  b: 2\n-   c: 3\n- - nested\n  - seq\n',
    'empty values': 'A:\nB: \nC: []\nD: {}\nE: ""\n',
    'duplicate key': 'A: 1\nA: 2\n',
  };
  for (const [name, text] of Object.entries(cases)) assert.ok(agrees(text, name), `${name}: went to the slow path`);
  // A duplicate key is still reported, and at the same place as the library reports it.
  assert.equal(parseFastYaml(cases['duplicate key']!)!.problems[0]?.code, 'duplicate-key');
});

test('anything the fast path does not fully understand goes to the yaml library', () => {
  const cases: Record<string, string> = {
    anchors: 'A: &x 1\nB: *x\n',
    merge: 'A: &x {a: 1}\nB:\n  <<: *x\n',
    tab: 'A:\n\tB: 1\n',
    'carriage return': 'A: 1\r\nB: 2\r\n',
    bom: '\ufeffA: 1\n',
    'multi-line quoted': 'A: "one\n  two"\n',
    'explicit key': '? A\n: 1\n',
    directive: '%YAML 1.2\n---\nA: 1\n',
    'document end': 'A: 1\n...\n',
    'second document': 'A: 1\n---      B: 2\n',
    // Found by the mutation test: the library's choice of where a collection ends depends on comments
    // further down the run.
    'a deeper comment after shallower ones': 'R:\n  X:\n    P:\n      Q: 1\n\n  # note\n        # deeper\n  # more\n  Y: 2\n',
    'a comment run after a comment the collection took': 'R:\n  X:\n    - K: a\n      V: b\n      # at the item\n# at column 0\n  Y: 2\n',
    'unknown tag': 'A: !Nope 1\n',
    'unclosed flow': 'A: [1, 2\nB: 3\n',
    'bad indentation': 'A:\n    B: 1\n  C: 2\n',
    'keep chomping': 'A: |+\n  x\n\nB: 1\n',
    'indentation indicator': 'A: |2\n   x\n',
  };
  for (const [name, text] of Object.entries(cases)) {
    assert.equal(parseFastYaml(text), undefined, `${name}: the fast path should have declined`);
    // What users get is the library's answer, its syntax errors isolated to the pieces they break.
    assert.deepEqual(parseText(text), isolateSyntaxErrors(text, parseWithYamlLibrary(text), parseYamlWhole), name);
  }
});

test('seeded mutants of real templates: every one the fast path takes parses as the library parses it', () => {
  const sources = [join(ROOT, 'examples'), join(ROOT, 'test', 'fixtures')].flatMap(yamlFiles).sort();
  if (existsSync(QUICK_START)) sources.push(QUICK_START);
  const texts = sources.map((f) => readFileSync(f, 'utf8'));
  const rnd = random(20261124);
  const MUTANTS = 3000;
  let taken = 0;
  for (let i = 0; i < MUTANTS; i++) {
    let text = texts[Math.floor(rnd() * texts.length)]!;
    // One to three edits, as a user makes between two keystroke pauses.
    for (let n = 1 + Math.floor(rnd() * 3); n > 0; n--) text = mutate(text, rnd);
    if (agrees(text, `mutant ${i}`)) taken++;
  }
  // Most edits leave plain YAML; if the fast path declined nearly all of them it would be dead code.

  assert.ok(taken >= MUTANTS * 0.3, `the fast path took only ${taken} of ${MUTANTS} mutants`);
});
