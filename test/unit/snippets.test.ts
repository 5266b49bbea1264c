// The editor snippets (snippets/*.json) must produce endpoints that lint clean: each snippet, expanded with
// its defaults into a minimal template (a VPC, two subnets in two zones, a route table), gets no error or
// warning. A negative control per snippet shows the template really exercises the rules.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { lintDocument } from '../../server/src/core/engine.js';

interface Snippet {
  prefix: string | string[];
  description: string;
  body: string[];
}

const load = (file: string): Record<string, Snippet> => JSON.parse(readFileSync(new URL(`../../snippets/${file}`, import.meta.url), 'utf8'));
const yamlSnippets = load('cloudformation-yaml.json');
const jsonSnippets = load('cloudformation-json.json');

/**
 * Expands a snippet body as VS Code would with every placeholder left at its default, or set to the
 * value given for its tab stop; transforms (`${3/regex/format/flags}`) apply to the tab stop's value.
 */
function expand(body: string[], values: Record<number, string> = {}): string {
  let text = body.join('\n');
  for (let i = 0; i < 5; i++) text = text.replace(/\$\{(\d+):(?!\/)([^${}]*)\}/g, (_m, n: string, d: string) => (values[Number(n)] ??= d)); // ${1:default}, inside out
  text = text.replace(/\$\{(\d+)\|([^,|]*)[^|]*\|\}/g, (_m, n: string, d: string) => (values[Number(n)] ??= d)); // ${1|first,second|}
  text = text.replace(/\$\{(\d+)\/((?:[^/\\]|\\.)*)\/((?:\$\{[^}]*\}|[^/\\]|\\.)*)\/([gim]*)\}/g, (_m, n: string, re: string, format: string, flags: string) => {
    const value = values[Number(n)];
    assert.ok(value !== undefined, `transform of tab stop ${n}, which has no value`);
    return value.replace(new RegExp(re, flags), (...groups: string[]) => format.replace(/\$\{(\d+):\/(capitalize|upcase|downcase)\}|\$(\d+)/g, (_f, g: string, how: string, plain: string) => {
      const v = groups[Number(g ?? plain)] ?? '';
      return how === 'capitalize' ? v.charAt(0).toUpperCase() + v.slice(1) : how === 'upcase' ? v.toUpperCase() : how === 'downcase' ? v.toLowerCase() : v;
    }));
  });
  text = text.replace(/\$\{\d+\}|\$\d+/g, ''); // ${1}, $0
  assert.doesNotMatch(text.replace(/\\\$/g, ''), /\$\{\d|\$\d/, 'unexpanded placeholder');
  return text.replace(/\\\$/g, '$'); // \$ → $
}

const indent = (text: string, by: string) => text.split('\n').map((l) => (l.trim() ? by + l : l)).join('\n');

function yamlTemplate(resources: string): string {
  return `AWSTemplateFormatVersion: "2010-09-09"
Resources:
  VPC:
    Type: AWS::EC2::VPC
    Properties:
      CidrBlock: 10.0.0.0/16
      EnableDnsSupport: true
      EnableDnsHostnames: true
  PrivateSubnetA:
    Type: AWS::EC2::Subnet
    Properties:
      VpcId: !Ref VPC
      CidrBlock: 10.0.1.0/24
      AvailabilityZone: !Select [0, !GetAZs ""]
  PrivateSubnetB:
    Type: AWS::EC2::Subnet
    Properties:
      VpcId: !Ref VPC
      CidrBlock: 10.0.2.0/24
      AvailabilityZone: !Select [1, !GetAZs ""]
  PrivateRouteTable:
    Type: AWS::EC2::RouteTable
    Properties:
      VpcId: !Ref VPC
${indent(resources, '  ')}
`;
}

function jsonTemplate(resources: string): string {
  const ref = (id: string) => ({ Ref: id });
  const az = (i: number) => ({ 'Fn::Select': [i, { 'Fn::GetAZs': '' }] });
  const base = {
    AWSTemplateFormatVersion: '2010-09-09',
    Resources: {
      VPC: { Type: 'AWS::EC2::VPC', Properties: { CidrBlock: '10.0.0.0/16', EnableDnsSupport: true, EnableDnsHostnames: true } },
      PrivateSubnetA: { Type: 'AWS::EC2::Subnet', Properties: { VpcId: ref('VPC'), CidrBlock: '10.0.1.0/24', AvailabilityZone: az(0) } },
      PrivateSubnetB: { Type: 'AWS::EC2::Subnet', Properties: { VpcId: ref('VPC'), CidrBlock: '10.0.2.0/24', AvailabilityZone: az(1) } },
      PrivateRouteTable: { Type: 'AWS::EC2::RouteTable', Properties: { VpcId: ref('VPC') } },
    },
  };
  // Splice the snippet text in after the last base resource, as a user typing in the file would.
  const text = JSON.stringify(base, null, 2);
  const at = text.lastIndexOf('}\n  }\n}');
  const out = `${text.slice(0, at + 1)},\n${indent(resources, '    ')}\n  }\n}\n`;
  JSON.parse(out); // the snippet fits in as valid JSON
  return out;
}

const SETTINGS = { regions: ['eu-west-1'] };

function problems(text: string, fileName: string) {
  const result = lintDocument(text, { fileName, settings: SETTINGS });
  assert.equal(result.kind, 'template', `not recognised as a template:\n${text}`);
  return result.findings.filter((f) => f.severity === 'error' || f.severity === 'warning');
}

const show = (fs: { ruleId: string; message: string }[]) => fs.map((f) => `${f.ruleId} ${f.message}`).join('\n');

test('the YAML and JSON snippet files offer the same snippets', () => {
  assert.deepEqual(Object.keys(yamlSnippets).sort(), Object.keys(jsonSnippets).sort());
  assert.ok(Object.keys(yamlSnippets).length >= 3);
});

for (const [kind, snippets, wrap, file] of [
  ['YAML', yamlSnippets, yamlTemplate, 'template.yaml'],
  ['JSON', jsonSnippets, jsonTemplate, 'template.json'],
] as const) {
  for (const [name, snippet] of Object.entries(snippets)) {
    test(`${kind} snippet "${name}" lints clean in a minimal template`, () => {
      const text = wrap(expand(snippet.body));
      const found = problems(text, file);
      assert.equal(found.length, 0, `${show(found)}\n--- template ---\n${text}`);
      assert.ok(/VPCEndpoint/.test(text));
    });

    test(`${kind} snippet "${name}" is checked for real (a broken copy gets findings)`, () => {
      const body = expand(snippet.body);
      // Gateway endpoints lose their explicit type → still fine for s3/dynamodb; so break them differently:
      // a subnet on a Gateway endpoint. Interface endpoints: HTTPS port 443 → 80.
      const broken = /Interface/.test(body)
        ? body.replace(/443/g, '80')
        : kind === 'YAML'
          ? body.replace('    RouteTableIds:', '    SubnetIds: [!Ref PrivateSubnetA]\n    RouteTableIds:')
          : body.replace('"RouteTableIds"', '"SubnetIds": [{ "Ref": "PrivateSubnetA" }],\n    "RouteTableIds"');
      assert.notEqual(broken, body);
      assert.ok(problems(wrap(broken), file).length > 0, `no finding for the broken copy:\n${wrap(broken)}`);
    });
  }
}

test('snippets hold what they promise', () => {
  for (const snippets of [yamlSnippets, jsonSnippets]) {
    const bodies = Object.values(snippets).map((s) => expand(s.body));
    const gateways = bodies.filter((b) => /Gateway/.test(b) && !/Interface/.test(b));
    assert.ok(gateways.some((b) => /\.s3\b/.test(b)) && gateways.some((b) => /\.dynamodb\b/.test(b)));
    for (const g of gateways) assert.match(g, /RouteTableIds/);
    const iface = bodies.find((b) => /Interface/.test(b));
    assert.ok(iface);
    assert.match(iface, /PrivateDnsEnabled"?: true/);
    assert.match(iface, /FromPort"?: 443/);
    assert.match(iface, /CidrBlock/);
  }
});

test('expand() follows VS Code snippet syntax', () => {
  assert.equal(expand(['${1:A}: !Sub x.\\${AWS::Region}.${2:s3}$0']), 'A: !Sub x.${AWS::Region}.s3');
  assert.equal(expand(['${1|Gateway,Interface|} ${2}']), 'Gateway ');
  assert.equal(expand(['${1/([a-z0-9]+)[^a-z0-9]*/${1:/capitalize}/g}X ${1:ecr.dkr}']), 'EcrDkrX ecr.dkr');
});

test('the interface endpoint is named after the service chosen', () => {
  for (const [kind, snippets, wrap, file] of [
    ['YAML', yamlSnippets, yamlTemplate, 'template.yaml'],
    ['JSON', jsonSnippets, jsonTemplate, 'template.json'],
  ] as const) {
    const iface = Object.values(snippets).find((s) => s.body.some((l) => l.includes('Interface')))!;
    const stop = Number(/\.\$\{(\d+):ssm\}/.exec(iface.body.join('\n'))?.[1]);
    assert.ok(stop, `${kind}: no service tab stop`);
    assert.match(expand(iface.body), /"?SsmEndpoint"?:/, kind);
    for (const [service, id] of [['ecr.dkr', 'EcrDkrEndpoint'], ['execute-api', 'ExecuteApiEndpoint'], ['secretsmanager', 'SecretsmanagerEndpoint']]) {
      const text = expand(iface.body, { [stop]: service as string });
      assert.match(text, new RegExp(`^"?${id}"?:`, 'm'), `${kind} ${service}:\n${text}`);
      assert.doesNotMatch(text, /SsmEndpoint/, kind);
      const found = problems(wrap(text), file);
      assert.equal(found.length, 0, show(found));
    }
  }
});
