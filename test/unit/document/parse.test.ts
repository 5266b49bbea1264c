import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseText } from '../../../server/src/core/document/parse.js';
import { asMap, asSeq, valueOf, type MapNode, type Node } from '../../../server/src/core/document/tree.js';
import { cfnTagNames } from '../../../server/src/core/document/cfn-tags.js';

function root(text: string): MapNode {
  const parsed = parseText(text);
  assert.deepEqual(parsed.problems, []);
  return asMap(parsed.root)!;
}

function slice(text: string, node: Node | undefined): string {
  assert.ok(node);
  return text.slice(node.start, node.end);
}

test('short-form tags become their long form, with the tag in the range', () => {
  const text = 'A: !Ref Vpc\nB: !Sub "com.amazonaws.${AWS::Region}.s3"\nC: !Condition IsProd\n';
  const r = root(text);
  const a = asMap(valueOf(r, 'A'))!;
  assert.equal(a.pairs[0]!.key.value, 'Ref');
  assert.equal(a.shortTag, '!Ref');
  assert.equal(slice(text, a), '!Ref Vpc');
  assert.equal(asMap(valueOf(r, 'B'))!.pairs[0]!.key.value, 'Fn::Sub');
  assert.equal(asMap(valueOf(r, 'C'))!.pairs[0]!.key.value, 'Condition');
});

test('every CloudFormation tag is understood, none reported unknown', () => {
  for (const tag of cfnTagNames()) {
    const parsed = parseText(`X: ${tag} [a, b]\n`);
    assert.deepEqual(parsed.problems, [], tag);
    const key = asMap(valueOf(asMap(parsed.root), 'X'))!.pairs[0]!.key.value;
    assert.ok(key === 'Ref' || key === 'Condition' || String(key).startsWith('Fn::'), `${tag} → ${String(key)}`);
  }
});

test('!GetAtt A.B splits into [A, B] with exact ranges; the list form stays a list', () => {
  const text = 'X: !GetAtt MyVpc.CidrBlock\nY: !GetAtt [Sg, GroupId]\n';
  const r = root(text);
  const x = asSeq(asMap(valueOf(r, 'X'))!.pairs[0]!.value)!;
  assert.deepEqual(x.items.map((i) => slice(text, i)), ['MyVpc', 'CidrBlock']);
  const y = asSeq(asMap(valueOf(r, 'Y'))!.pairs[0]!.value)!;
  assert.deepEqual(y.items.map((i) => slice(text, i)), ['Sg', 'GroupId']);
});

test('JSON keeps ranges too', () => {
  const text = '{\n  "Resources": {\n    "Vpc": {"Type": "AWS::EC2::VPC"}\n  }\n}';
  const r = root(text);
  const vpc = asMap(valueOf(r, 'Resources'))!.pairs[0]!;
  assert.equal(slice(text, vpc.key), '"Vpc"');
  assert.equal(slice(text, valueOf(asMap(vpc.value), 'Type')), '"AWS::EC2::VPC"');
});

test('syntax errors, duplicate keys, tabs and unknown tags are located problems', () => {
  const dup = parseText('A: 1\nA: 2\n');
  assert.equal(dup.problems[0]!.code, 'duplicate-key');
  assert.equal(dup.problems[0]!.start, 5);
  const tab = parseText('A:\n\tB: 1\n');
  assert.ok(tab.problems.some((p) => p.code === 'tab' && p.start === 3));
  const bad = parseText('A: [1, 2\nB: 3\n');
  assert.ok(bad.problems.some((p) => p.code === 'syntax'));
  const tag = parseText('A: !Reff X\n');
  assert.deepEqual(tag.problems.map((p) => [p.code, p.start, p.end]), [['unknown-tag', 3, 8]]);
});

test('aliases share the anchored node; an alias bomb stops with a problem, fast', () => {
  let text = 'a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n';
  for (let i = 1; i <= 12; i++) text += `a${i}: &a${i} [${Array(10).fill(`*a${i - 1}`).join(', ')}]\n`;
  const t0 = Date.now();
  const parsed = parseText(text);
  assert.ok(Date.now() - t0 < 2000, 'alias bomb took too long');
  assert.ok(parsed.problems.some((p) => p.code === 'too-large'));
  const small = parseText('a: &x {k: v}\nb: *x\n');
  // The alias is followed (as `aws cloudformation package` expands it) and reported once (VPCE0006).
  assert.deepEqual(small.problems.map((p) => [p.code, p.severity, p.start, p.end]), [['alias', 'warning', 16, 18]]);
  const r = asMap(small.root)!;
  assert.equal(valueOf(r, 'a'), valueOf(r, 'b'));
});

test('absurd nesting ends with a problem, not a crash', () => {
  const depth = 5000;
  const text = 'A: ' + '['.repeat(depth) + ']'.repeat(depth) + '\n';
  const parsed = parseText(text);
  assert.ok(parsed.problems.some((p) => p.code === 'too-large'));
});
