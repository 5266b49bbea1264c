// Values the HCL reader takes where Terraform takes another, found by the HCL syntax sweep (docs/parse-sweep.md,
// session 11) against `terraform console` (1.11: `jsonencode(local.v)` of the same locals block); each expected
// value below is what terraform console printed. A wrong value is the costliest answer: each case here was one.

import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { ensureTerraformParser } from '../../../server/src/tf-parser.js';
import { lowerTerraform } from '../../../server/src/core/tf/lower.js';
import { toPlain, type MapNode, type Node } from '../../../server/src/core/document/tree.js';

before(() => ensureTerraformParser());

/** local.v of `locals` (its body), read as an endpoint's service_name reads it, as plain data. */
function value(locals: string): unknown {
  const text = `locals {\n${locals}\n}\nresource "aws_vpc_endpoint" "x" {\n  service_name = local.v\n}\n`;
  const m = lowerTerraform([{ path: 'main.tf', text }]);
  const resources = (m.root.pairs.find((p) => p.key.value === 'Resources')!.value as MapNode).pairs;
  const props = (resources.find((p) => p.key.value === 'aws_vpc_endpoint.x')!.value as MapNode).pairs.find((p) => p.key.value === 'Properties')!.value as MapNode;
  return JSON.parse(JSON.stringify(toPlain(props.pairs.find((p) => p.key.value === 'ServiceName')!.value as Node)));
}

// HCL's flushHeredocTemplateParts (hclsyntax/parser_template.go): the fewest leading white-space characters of the
// lines that begin with literal text, tabs counted as one each, are removed from those lines; lines of white space
// alone keep theirs; a line that begins with an interpolation makes the number 0.
test('a <<- heredoc is trimmed as HCL trims it', () => {
  const cases: [string, string][] = [
    ['  v = <<-EOT\n\t\thello\n\t\t\tworld\n\t\tEOT', 'hello\n\tworld\n'],
    ['  v = <<-EOT\n    ${"x"}\n      y\n    EOT', 'x\n  y\n'],
    ['  v = <<-EOT\n    a\n      \n  \n    b\n    EOT', 'a\n      \n  \nb\n'],
    ['  v = <<-EOT\n    a\n${"z"}\n      b\n    EOT', '    a\nz\n      b\n'],
    ['  v = <<-EOT\n    a ${"q"}   b\n      c\n    EOT', 'a q   b\n  c\n'],
    ['  v = <<-EOT\n  \t a\n   \t b\n  EOT', 'a\n b\n'],
    ['  v = <<-EOT\n      ${"x"} y\n    z\n    EOT', '  x y\nz\n'],
    ['  v = <<-EOT\n    a\n    $${b}\n      %%{c}\n    EOT', 'a\n${b}\n  %{c}\n'],
    ['  v = <<-EOT\r\n    a\r\n      b\r\n    EOT\r', 'a\r\n  b\r\n'],
    ['  v = <<-EOT\n    a\n\n    b\n    EOT', 'a\n\nb\n'],
    ['  v = <<EOT\n    a\n      b\nEOT', '    a\n      b\n'],
  ];
  for (const [locals, expected] of cases) assert.equal(value(locals), expected, JSON.stringify(locals));
});

// HCL's attribute-only splat takes attributes alone: `tuple.*.foo.bar[0]` is `[for v in tuple: v.foo.bar][0]`
// (hclsyntax/spec.md, "Splat Operators"); the full splat `[*]` takes indexes into each element.
test('an index after an attribute-only splat (.*) applies to its result, after a full splat to each element', () => {
  const list = '  l = [{ b = [1, 3], c = { d = "x" } }, { b = [2, 4], c = { d = "y" } }]\n';
  assert.deepEqual(value(`${list}  v = local.l.*.b[0]`), [1, 3]);
  assert.deepEqual(value(`${list}  v = local.l[*].b[0]`), [1, 2]);
  assert.deepEqual(value(`${list}  v = local.l.*.b`), [[1, 3], [2, 4]]);
  assert.deepEqual(value(`${list}  v = local.l.*.c[1].d`), 'y');
  assert.deepEqual(value(`${list}  v = local.l.*[1].b`), [2, 4]);
  assert.deepEqual(value(`${list}  i = 1\n  v = local.l.*.b[local.i]`), [2, 4]);
  assert.deepEqual(value(`${list}  v = local.l.*.b[0][1] + 1`), 4);
  assert.deepEqual(value(`${list}  v = "\${local.l.*.c[0].d}!"`), 'x!');
});

// Terraform refuses a \u or \U escape of no Unicode character ("Invalid escape sequence: Cannot encode character
// U+D83D in UTF-8"); `"\U00110000"` crashed the reader (String.fromCodePoint), a lone `"\ud83d"` was read.
test('an escape of no Unicode character is a syntax error at the escape, in a string and in a template', async () => {
  const { analyzeTerraform } = await import('../../../server/src/core/tf/analysis.js');
  for (const esc of ['\\ud83d', '\\ude00', '\\U00110000', '\\UFFFFFFFF']) {
    for (const v of [`"a${esc}"`, `"\${1}${esc}"`, `{ "k${esc}" = 1 }`]) {
      const text = `locals {\n  v = ${v}\n}\n`;
      const syntax = analyzeTerraform([{ path: 'main.tf', text }], { settings: { regions: ['eu-west-1'] } }).analysis.findings.filter((f) => f.ruleId === 'VPCE0001');
      assert.equal(syntax.length, 1, `${v}: ${JSON.stringify(syntax)}`);
      assert.equal(text.slice(syntax[0]!.start, syntax[0]!.end), esc, v);
    }
  }
  // Escapes of characters, a supplementary one written as one \U escape, and heredocs (no escapes) are read.
  assert.equal(value('  v = "\\u00e9\\U0001F600\\U0010FFFF"'), 'é😀\u{10FFFF}');
  assert.equal(value('  v = <<EOT\n\\ud83d\nEOT'), '\\ud83d\n');
});
