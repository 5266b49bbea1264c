// Completion, hover and diagnostics inside an endpoint policy written as a string of JSON in a template,
// over a real connection: YAML single-quoted (`''`), double-quoted (`\"`, `\u0041`, folded lines, an
// escaped line break), block scalars (`|`, `>`, `!Sub |`), a JSON template's string value and its
// `Fn::Sub` body, and a `Fn::If` branch. Each edit is applied to the text and the whole result is
// checked, so an offset mapped one character off through an escape fails the test; the YAML ones are
// also read back with the yaml library, to see that the string still means the policy intended.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from 'yaml';
import type { CompletionItem, Diagnostic, Hover, TextEdit } from 'vscode-languageserver/node';
import { LspClient, applyLspEdits, fileUri, positionAt } from './client.js';

let client: LspClient;
let n = 0;

before(async () => {
  client = await LspClient.start();
});
after(async () => {
  await client.stop();
});

const CURSOR = '¦';

const yamlTemplate = (policy: string, service = 's3') => `Resources:
  Vpc:
    Type: AWS::EC2::VPC
    Properties:
      CidrBlock: 10.0.0.0/16
  Endpoint:
    Type: AWS::EC2::VPCEndpoint
    Properties:
      VpcId: !Ref Vpc
      ServiceName: !Sub com.amazonaws.\${AWS::Region}.${service}
      VpcEndpointType: Interface
      PolicyDocument: ${policy}
`;

const jsonTemplate = (policy: string) => `{
  "Resources": {
    "Vpc": {"Type": "AWS::EC2::VPC", "Properties": {"CidrBlock": "10.0.0.0/16"}},
    "Endpoint": {
      "Type": "AWS::EC2::VPCEndpoint",
      "Properties": {
        "VpcId": {"Ref": "Vpc"},
        "ServiceName": {"Fn::Sub": "com.amazonaws.\${AWS::Region}.sqs"},
        "VpcEndpointType": "Interface",
        "PolicyDocument": ${policy}
      }
    }
  }
}
`;

/** Opens `marked` (CURSOR marks the cursor) and asks `method` there. */
async function ask<T>(method: string, marked: string, name: string, language = 'yaml'): Promise<{ text: string; offset: number; answer: T }> {
  const offset = marked.indexOf(CURSOR);
  assert.ok(offset >= 0, 'a cursor in the text');
  const text = marked.slice(0, offset) + marked.slice(offset + CURSOR.length);
  const uri = fileUri(`test/lsp/${++n}-${name}`);
  client.open(uri, text, language);
  const answer = await client.request<T>(method, { textDocument: { uri }, position: positionAt(text, offset) });
  client.close(uri);
  return { text, offset, answer };
}

async function complete(marked: string, name: string, language = 'yaml') {
  const { text, answer } = await ask<CompletionItem[] | { items: CompletionItem[] }>('textDocument/completion', marked, name, language);
  return { text, items: Array.isArray(answer) ? answer : answer.items };
}

const apply = (text: string, item: CompletionItem | undefined) => {
  assert.ok(item, 'the item is offered');
  return applyLspEdits(text, [item.textEdit as TextEdit]);
};
const pick = (items: CompletionItem[], label: string) => items.find((i) => i.label === label);
const policyOf = (yamlText: string) => JSON.parse((parse(yamlText, { logLevel: 'error' }) as { Resources: { Endpoint: { Properties: { PolicyDocument: string } } } }).Resources.Endpoint.Properties.PolicyDocument) as unknown;

test("YAML single-quoted: '' before the cursor shifts nothing; actions, Effect and Version", async () => {
  const policy = (s: string) => `'{"Version": "2012-10-17", "Statement": [{"Sid": "it''s ours", ${s}}]}'`;
  const a = await complete(yamlTemplate(policy(`"Effect": "Allow", "Principal": "*", "Action": ["s3:GetOb${CURSOR}"], "Resource": "*"`)), 'sq.yaml');
  assert.ok(a.items.every((i) => i.label.startsWith('s3:')), "only the endpoint service's actions");
  const done = apply(a.text, pick(a.items, 's3:GetObject'));
  assert.equal(done, yamlTemplate(policy('"Effect": "Allow", "Principal": "*", "Action": ["s3:GetObject"], "Resource": "*"')));
  assert.deepEqual((policyOf(done) as { Statement: { Action: string[] }[] }).Statement[0]!.Action, ['s3:GetObject']);

  const e = await complete(yamlTemplate(policy(`"Effect": "${CURSOR}"`)), 'sq-e.yaml');
  assert.deepEqual(e.items.map((i) => i.label), ['Allow', 'Deny']);
  assert.equal(apply(e.text, e.items[1]), yamlTemplate(policy('"Effect": "Deny"')));

  // A value written without quotes yet: the item brings JSON's quotes.
  const v = await complete(yamlTemplate(`'{"Statement": [], "Version": ${CURSOR}}'`), 'sq-v.yaml');
  assert.equal(apply(v.text, pick(v.items, '2012-10-17')), yamlTemplate(`'{"Statement": [], "Version": "2012-10-17"}'`));
});

test('YAML double-quoted: \\" and \\u0041 before the cursor, folded lines; inserted quotes are escaped', async () => {
  const head = '"{\\"Version\\": \\"2012-10-17\\", \\"Statement\\": [{\\"Sid\\": \\"\\u0041b\\",\n        \\"Effect\\": \\"Allow\\", \\"Principal\\": \\"*\\",\n        ';
  const a = await complete(yamlTemplate(`${head}\\"Action\\": \\"s3:PutOb${CURSOR}\\", \\"Resource\\": \\"*\\"}]}"`), 'dq.yaml');
  const done = apply(a.text, pick(a.items, 's3:PutObject'));
  assert.equal(done, yamlTemplate(`${head}\\"Action\\": \\"s3:PutObject\\", \\"Resource\\": \\"*\\"}]}"`));
  assert.equal((policyOf(done) as { Statement: { Action: string; Sid: string }[] }).Statement[0]!.Action, 's3:PutObject');

  // Effect typed without its quotes: the JSON string it brings is escaped for the YAML string.
  const e = await complete(yamlTemplate(`${head}\\"Effect\\": De${CURSOR}}]}"`), 'dq-e.yaml');
  const deny = apply(e.text, pick(e.items, 'Deny'));
  assert.equal(deny, yamlTemplate(`${head}\\"Effect\\": \\"Deny\\"}]}"`));
  assert.equal((policyOf(deny) as { Statement: { Effect: string }[] }).Statement[0]!.Effect, 'Deny');

  // A condition key after an escaped line break (`\` at a line's end joins the lines).
  const k = await complete(yamlTemplate(`"{\\"Statement\\": [{\\"Effect\\": \\"Allow\\", \\"Condition\\": \\\n        {\\"StringEquals\\": {\\"aws:SourceV${CURSOR}\\": \\"x\\"}}}]}"`), 'dq-k.yaml');
  assert.equal(k.items[0]!.label, 'aws:SourceVpce');
  assert.ok(apply(k.text, k.items[0]).includes('{\\"aws:SourceVpce\\": \\"x\\"}'));
});

test('YAML block scalars: |, > and !Sub | hold JSON as written', async () => {
  for (const [indicator, name] of [['|', 'lit'], ['>', 'fold'], ['!Sub |', 'sub']] as const) {
    const policy = (s: string) => `${indicator}\n        {"Version": "2012-10-17",\n         "Statement": [{"Effect": "Allow", "Principal": "*", ${s}}]}`;
    const c = await complete(yamlTemplate(policy(`"Condition": {"${CURSOR}": {"aws:SourceVpce": "vpce-1"}}`)), `${name}.yaml`);
    assert.ok(pick(c.items, 'StringEquals'), `${indicator}: operators`);
    assert.ok(!pick(c.items, 'NumericEquals'), `${indicator}: only those that fit aws:SourceVpce`);
    assert.equal(apply(c.text, pick(c.items, 'StringEquals')), yamlTemplate(policy('"Condition": {"StringEquals": {"aws:SourceVpce": "vpce-1"}}')), indicator);
  }
});

test('JSON template: a string value and a Fn::Sub body, escapes and all', async () => {
  const policy = (s: string) => `"{\\"Statement\\": [{\\"Sid\\": \\"\\u00e9\\\\n\\", \\"Effect\\": \\"Allow\\", \\"Principal\\": \\"*\\", ${s}}]}"`;
  const a = await complete(jsonTemplate(policy(`\\"Action\\": [\\"sqs:Send${CURSOR}\\"]`)), 's.json', 'json');
  const done = apply(a.text, pick(a.items, 'sqs:SendMessage'));
  assert.equal(done, jsonTemplate(policy('\\"Action\\": [\\"sqs:SendMessage\\"]')));
  const doc = JSON.parse(JSON.parse(done).Resources.Endpoint.Properties.PolicyDocument);
  assert.deepEqual(doc.Statement[0].Action, ['sqs:SendMessage']);
  assert.equal(doc.Statement[0].Sid, 'é\n', 'the escapes before the edit are kept');

  const sub = await complete(jsonTemplate(`{"Fn::Sub": "{\\"Statement\\": [{\\"Effect\\": \\"Allow\\", \\"Resource\\": \\"arn:\${AWS::Partition}:sqs:*\\", \\"Action\\": \\"sqs:Rec${CURSOR}\\"}]}"}`), 'sub.json', 'json');
  assert.ok(apply(sub.text, pick(sub.items, 'sqs:ReceiveMessage')).includes('\\"Action\\": \\"sqs:ReceiveMessage\\"}]}"}'));
});

test('a Fn::If branch of strings: each branch is a policy', async () => {
  const text = yamlTemplate(`!If\n        - Strict\n        - '{"Statement": [{"Effect": "Deny", "Action": "s3:Del${CURSOR}"}]}'\n        - !Ref AWS::NoValue`).replace('Resources:', 'Conditions:\n  Strict: !Equals [!Ref AWS::Region, us-east-1]\nResources:');
  const c = await complete(text, 'if.yaml');
  assert.ok(apply(c.text, pick(c.items, 's3:DeleteObject')).includes(`'{"Statement": [{"Effect": "Deny", "Action": "s3:DeleteObject"}]}'`));
});

test('hover in a quoted policy: an action, a wildcard, an operator and a condition key; the range is the word in the source', async () => {
  const text = yamlTemplate(`"{\\"Statement\\": [{\\"Sid\\": \\"it's\\u0041\\", \\"Effect\\": \\"Allow\\", \\"Principal\\": \\"*\\", \\"Action\\": [\\"s3:GetObject\\", \\"s3:List*\\"], \\"Resource\\": \\"*\\", \\"Condition\\": {\\"StringEquals\\": {\\"aws:SourceVpce\\": \\"vpce-1\\"}}}]}"`);
  const cases: [string, number, RegExp][] = [
    ['s3:GetObject', 6, /^`s3:GetObject` — Read\n\nGrants permission to retrieve objects from Amazon S3/],
    ['s3:List*', 5, /^`s3:List\*` matches \d+ actions of s3: (`s3:List\w+`, )+.*`s3:ListBucket`/],
    ['StringEquals', 6, /^`StringEquals` — condition operator: keys of type String/],
    ['aws:SourceVpce', 10, /^`aws:SourceVpce` — condition key of type String \(global key\)/],
  ];
  for (const [word, within, expected] of cases) {
    const start = text.indexOf(word);
    const marked = text.slice(0, start + within) + CURSOR + text.slice(start + within);
    const { answer } = await ask<Hover>('textDocument/hover', marked, 'hover.yaml');
    const value = (answer.contents as { value: string }).value;
    assert.match(value, expected, word);
    assert.deepEqual(answer.range, { start: positionAt(text, start), end: positionAt(text, start + word.length) }, word);
  }
});
test('hover in a YAML mapping policy and in a policy file: the same texts', async () => {
  const mapping = yamlTemplate('\n        Statement:\n          - Effect: Allow\n            Principal: "*"\n            Action:\n              - s3:PutObj¦ect\n            Resource: "*"');
  const { answer } = await ask<Hover>('textDocument/hover', mapping, 'map-hover.yaml');
  assert.match((answer.contents as { value: string }).value, /^`s3:PutObject` — Write/);
  const file = await ask<Hover>('textDocument/hover', '{"Statement": [{"Effect": "Allow", "Action": "ecr:BatchGet¦Image", "Resource": "*"}]}', 'ecr.api_endpoint_policy.json', 'json');
  assert.match((file.answer.contents as { value: string }).value, /^`ecr:BatchGetImage` — Read/);
});

test('diagnostics inside quoted policies point at the exact characters, after the escapes', async () => {
  const cases: [string, string, string][] = [
    ['single.yaml', 'yaml', yamlTemplate(`'{"Version": "2012-10-17", "Statement": [{"Sid": "it''s", "Effect": "Allow", "Principal": "*", "Action": "s3:GetObjekt", "Resource": "*"}]}'`)],
    ['double.yaml', 'yaml', yamlTemplate(`"{\\"Version\\": \\"2012-10-17\\", \\"Statement\\": [{\\"Sid\\": \\"\\u0041\\",\n        \\"Effect\\": \\"Allow\\", \\"Principal\\": \\"*\\", \\"Action\\": \\"s3:GetObjekt\\", \\"Resource\\": \\"*\\"}]}"`)],
    ['string.json', 'json', jsonTemplate(`"{\\"Version\\": \\"2012-10-17\\", \\"Statement\\": [{\\"Sid\\": \\"\\u00e9\\", \\"Effect\\": \\"Allow\\", \\"Principal\\": \\"*\\", \\"Action\\": \\"sqs:SendMesage\\", \\"Resource\\": \\"*\\"}]}"`)],
  ];
  for (const [name, language, text] of cases) {
    const uri = fileUri(`test/lsp/${++n}-diag-${name}`);
    client.open(uri, text, language);
    const published = await client.waitFor(uri);
    client.close(uri);
    const action = published.diagnostics.find((d: Diagnostic) => d.code === 'VPCE9005');
    assert.ok(action, `${name}: the unknown action is reported`);
    const word = language === 'json' ? 'sqs:SendMesage' : 's3:GetObjekt';
    const start = text.indexOf(word);
    assert.deepEqual(action.range, { start: positionAt(text, start), end: positionAt(text, start + word.length) }, name);
  }
});
