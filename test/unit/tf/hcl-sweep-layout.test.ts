// Line ends HCL requires and the grammar does not (tree-sitter-hcl reads newlines as white space), found by the
// HCL syntax sweep (docs/parse-sweep.md, session 11) against `terraform fmt` 1.11: each text below is refused or
// taken by terraform fmt as marked (its message in the comment). hclsyntax spec, "Structural Elements": an
// argument and a block end their line; a block's "{" is on its header's line and is followed by a line end,
// unless the block is a one-line block of one argument at most, closed on that line; object elements are
// separated by a comma or a line end. A `#`/`//` comment ends a line; an inline comment is white space.

import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { ensureTerraformParser } from '../../../server/src/tf-parser.js';
import { parseHcl } from '../../../server/src/core/tf/hcl.js';

before(() => ensureTerraformParser());

/** The syntax problems of `text`, each as the text from its start (5 characters) and its message's first words. */
const problems = (text: string) => parseHcl(text).problems.map((p) => `${JSON.stringify(text.slice(p.start, p.start + 5))} ${p.message.split(' (')[0]}`);

test('what terraform fmt refuses for a missing line end is a syntax error at the token after it', () => {
  const refused: [string, string][] = [
    ['locals {\n  v = 1 }\n', '"}\\n" Terraform syntax error: missing newline after argument'], // Missing newline after argument
    ['locals {\n  a = 1 b = 2\n}\n', '"b = 2" Terraform syntax error: missing newline after argument'],
    ['a = 1 b = 2\n', '"b = 2" Terraform syntax error: missing newline after argument'],
    ['x = 1 /* c\n */ y = 2\n', '"y = 2" Terraform syntax error: missing newline after argument'], // an inline comment is white space
    ['a {\n  x = {\n  } }\n', '"}\\n" Terraform syntax error: missing newline after argument'],
    ['a {}\nb {} c {}\n', '"c {}\\n" Terraform syntax error: missing newline after block definition'], // Missing newline after block definition
    ['a {\n  b {\n  }}\n', '"}\\n" Terraform syntax error: missing newline after block definition'],
    ['a {\n  x = 1\n} /* c */ b {}\n', '"b {}\\n" Terraform syntax error: missing newline after block definition'],
    ['locals { v = 1\n}\n', '"}\\n" Terraform syntax error: invalid single-argument block definition'], // Invalid single-argument block definition
    ['a { x = 1 # c\n}\n', '"}\\n" Terraform syntax error: invalid single-argument block definition'],
    ['a { x = <<EOT\nq\nEOT\n}\n', '"}\\n" Terraform syntax error: invalid single-argument block definition'],
    ['locals { a {} }\n', '"a {} " Terraform syntax error: a block written on one line holds one argument at most'], // Argument definition required
    ['a "b"\n{\n}\n', '"{\\n}\\n" Terraform syntax error: invalid block definition'], // Invalid block definition
    ['v = { a = 1 b = 2 }\n', '"b = 2" Terraform syntax error: missing attribute separator'], // Missing attribute separator
    ['v = { a = { b = 1 } c = 2 }\n', '"c = 2" Terraform syntax error: missing attribute separator'],
    ['v = { a = 1 /* c\n */ b = 2 }\n', '"b = 2" Terraform syntax error: missing attribute separator'],
  ];
  for (const [text, expected] of refused) assert.deepEqual(problems(text), [expected], JSON.stringify(text));
});

test('what terraform fmt takes has no syntax problem: one-line blocks, comments ending lines, heredocs, objects', () => {
  const taken = [
    'locals { v = 1 }\n',
    'variable "x" { default = 1 }\n',
    'a { }\n',
    'a {\n}\n',
    'a {}',
    'a { /* c\n */ x = 1 }\n',
    'a { x = [\n1] }\n',
    'a { x = "${\n1}" }\n',
    'a {\n  b { c = 1 }\n}\n',
    'a {\n  x = 1\n  }\n',
    'a {\n  x = 1\n} # c\nb = 2',
    'a {\n  x = 1\n} /* c */\n',
    'x = 1 # c\ny = 2\n',
    'x = 1 // c',
    'x = 1 /* c */\n',
    'a { # c\n x = 1\n}\n',
    'a {\n  x = <<EOT\nq\nEOT\n}\n',
    'a {\n  x = <<-EOT\n  q\n  EOT\n}\n',
    'a {\n  x = 1\r\n}\r\n',
    'v = { a = 1 # c\n b = 2 }\n',
    'v = { a = 1, b = 2, }\n',
    'v = {\n  a = 1\n  b = 2\n}\n',
    'v = { for k, x in { a = 1 } : k => x }\n',
    'resource "x" "y" {\n  dynamic "d" {\n    for_each = []\n    content { a = 1 }\n  }\n}\n',
  ];
  for (const text of taken) assert.deepEqual(problems(text), [], JSON.stringify(text));
});
