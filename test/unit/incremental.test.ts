// Incremental linting (core/incremental) gives exactly the findings of a lint from scratch: over every
// fixture, example and corpus template, typing into the values the incremental path keeps other
// resources' findings across (descriptions, tags, metadata), and over seeded random edit sequences
// anywhere in the text (fast-check, fixed seed), each version linted with the document's memo (and its
// parse cache, as the editor does) equals a fresh `analyze` of the same text. The tests also check that
// the incremental path is taken, so that they cannot pass by always linting from scratch.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import fc from 'fast-check';
import { analyze, newLintMemo, newParseCache, type LintMemo, type ParseCache } from '../../server/src/core/analysis.js';
import { parseText } from '../../server/src/core/document/parse.js';
import { asMap, valueOf, type Node } from '../../server/src/core/document/tree.js';
import { INERT_PROPERTIES, INERT_RESOURCE_KEYS } from '../../server/src/core/incremental/semantics.js';
import { editBetween } from '../../server/src/core/incremental/lint.js';
import { assistView } from '../../server/src/lsp/complete/assist-view.js';
import { DocumentFacts } from '../../server/src/lsp/complete/lazy-facts.js';
import type { NetworkFacts } from '../../server/src/lsp/complete/assist-types.js';
import { viewSpans, type ViewSpans } from '../../server/src/lsp/view-spans.js';
import { partStats } from '../../server/src/core/cfn/model-reuse.js';
import type { Endpoint, NetworkModel } from '../../server/src/core/model/types.js';
import type { Analysis } from '../../server/src/core/analysis.js';

const ROOT = join(__dirname, '..', '..');
const CORPUS = join(ROOT, '..', 'shared', 'corpus');
const SEED = 20261201;
const SETTINGS = { regions: ['eu-west-1'] };

function files(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : /\.(ya?ml|json|template)$/i.test(e.name) ? [join(dir, e.name)] : []));
}

// Ordered by the name relative to the checkout, so the seeded runs draw the same sources wherever the
// checkout is (sorting absolute paths put ../shared/corpus first or last depending on the folder's name).
const SOURCES = [...files(join(ROOT, 'test/fixtures')), ...files(join(ROOT, 'examples')), ...files(CORPUS)]
  .map((p) => ({ name: relative(ROOT, p), path: p }))
  .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
  .map(({ name, path }) => ({ name, text: readFileSync(path, 'utf8') }))
  .filter((s) => s.text.length < 400_000);

/**
 * A network model as plain data, every fact with its source range: an endpoint's policy (read on
 * first use) as where it is.
 */
function modelData(m: NetworkModel | undefined): unknown {
  const plain = (v: unknown): unknown => {
    if (v instanceof Map) return [...v].map(([k, x]) => [k, plain(x)]);
    if (typeof v === 'function') {
      const policy = (v as Endpoint['policy'])();
      return policy ? { form: policy.form, at: [policy.anchor.start, policy.anchor.end], when: policy.when } : null;
    }
    if (Array.isArray(v)) return v.map(plain);
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, plain(x)]));
    return v;
  };
  return plain(m);
}

/** The models the rules read (`judged`) and the trace starts from (`defaults`), as plain data. */
function modelsOf(a: Analysis): unknown {
  const n = a.network();
  return n ? { defaults: modelData(n.defaults), judged: modelData(n.judged()) } : undefined;
}

/** One document being edited: the editor's caches, kept across its versions. */
class Doc {
  readonly memo: LintMemo = newLintMemo();
  readonly cache: ParseCache = newParseCache();
  constructor(readonly name: string) {}
  /** Versions whose network facts (completion and hover) were kept from the last version. */
  factsKept = 0;
  /** Versions whose network models were compared with models made from scratch. */
  modelsCompared = 0;
  private versions = 0;
  check(text: string, label: string): void {
    const options = { fileName: this.name, settings: SETTINGS };
    const keptAnalysis = analyze(text, { ...options, parseCache: this.cache, lintMemo: this.memo });
    const freshAnalysis = analyze(text, options);
    assert.deepEqual(keptAnalysis.findings, freshAnalysis.findings, `${this.name}, ${label}: the incremental findings differ from a lint from scratch`);
    // The network models, put together from the last versions' parts (cfn/model-reuse.ts), equal the
    // ones built from scratch, source ranges included. Every third version's models are left unasked
    // where no rule asked (as in the editor, where only a trace or a template rule does): the next
    // build then takes parts moved across more than one edit.
    if (this.versions++ % 3 !== 1) {
      assert.deepEqual(modelsOf(keptAnalysis), modelsOf(freshAnalysis), `${this.name}, ${label}: the network model put together from kept parts differs from one built from scratch`);
      this.modelsCompared++;
    }
    // What the editor's completion and hover read: kept from the last version where the memo says the
    // template means the same, and then equal to the facts made from scratch.
    if (this.memo.sameMeaning) this.factsKept++;
    const kept = assistView(keptAnalysis, options, `kept:${this.name}`, this.memo.sameMeaning);
    const fresh = assistView(freshAnalysis, options, `fresh:${this.name}`);
    assert.deepEqual(kept.network, fresh.network, `${this.name}, ${label}: the kept network facts differ from those made from scratch`);
    assert.deepEqual(kept.policies, fresh.policies, `${this.name}, ${label}: the policy spans differ`);
    // The lint worker makes these facts only when completion or hover asks (complete/lazy-facts.ts):
    // asked on every other version (so that unasked versions, broken ones among them, lie between),
    // it answers what is made on every version — and, where the meaning is the same as at the last ask,
    // the very object answered then (the worker does not send it again).
    this.lazy.next(keptAnalysis, this.memo.sameMeaning);
    if (!this.memo.sameMeaning) this.lastAnswer = undefined;
    if (this.versions % 2 === 0) {
      const answer = this.lazy.current();
      assert.deepEqual(answer, kept.network, `${this.name}, ${label}: the facts made on the first ask differ from those made on every version`);
      if (this.lastAnswer && keptAnalysis.kind === 'template') assert.equal(answer, this.lastAnswer, `${this.name}, ${label}: the same meaning gave other facts`);
      this.lastAnswer = keptAnalysis.kind === 'template' ? answer : undefined;
      lazyAsked++;
    }
    // The hover's and completion's spans, moved from the last version's where the memo allows (as the
    // lint worker does), equal those made from scratch.
    const spans = viewSpans(keptAnalysis, this.memo, this.spans);
    this.spans = keptAnalysis.kind === 'template' ? spans : undefined;
    assert.deepEqual(spans, viewSpans(freshAnalysis, undefined, undefined), `${this.name}, ${label}: the moved spans differ from those made from scratch`);
  }
  private spans: ViewSpans | undefined;
  private readonly lazy = new DocumentFacts();
  private lastAnswer: NetworkFacts | undefined;
}

/** Versions whose lazily made network facts were compared (all tests together). */
let lazyAsked = 0;

/** The ranges of values the incremental path treats as inert: where people type descriptions and tags. */
function inertRanges(text: string, name: string): { start: number; end: number }[] {
  const root = asMap(parseText(text, { json: /\.json$/i.test(name) }).root);
  const out: { start: number; end: number }[] = [];
  const add = (n: Node | null | undefined) => n && out.push({ start: n.start, end: n.end });
  for (const r of asMap(valueOf(root, 'Resources'))?.pairs ?? []) {
    const node = asMap(r.value);
    for (const k of INERT_RESOURCE_KEYS) add(valueOf(node, k));
    for (const p of asMap(valueOf(node, 'Properties'))?.pairs ?? []) if (INERT_PROPERTIES.has(String(p.key.value))) add(p.value);
  }
  return out;
}

// Network values: what a keystroke changes the meaning of (routes, subnets, security-group rules,
// endpoints, policies). Every scalar under these property names, at any depth of a resource's Properties.
const NETWORK_KEYS = new Set(['CidrBlock', 'DestinationCidrBlock', 'CidrIp', 'CidrIpv6', 'FromPort', 'ToPort', 'IpProtocol', 'ServiceName', 'VpcEndpointType', 'PrivateDnsEnabled', 'Action', 'Resource', 'Effect', 'VpcId', 'SubnetId', 'RouteTableId', 'GatewayId', 'NatGatewayId', 'EnableDnsSupport', 'EnableDnsHostnames', 'AvailabilityZone', 'SubnetIds', 'RouteTableIds', 'SecurityGroupIds', 'GroupId', 'SourceSecurityGroupId', 'NetworkAclId', 'InstanceId', 'TransitGatewayId', 'VpcPeeringConnectionId', 'MapPublicIpOnLaunch']);

function networkRanges(text: string, name: string): { start: number; end: number }[] {
  const root = asMap(parseText(text, { json: /\.json$/i.test(name) }).root);
  const out: { start: number; end: number }[] = [];
  // An alias can make the tree a graph (`&a [*a]`): each node is visited once.
  const seen = new Set<Node>();
  const visit = (n: Node | null | undefined, key: string | undefined): void => {
    if (!n || seen.has(n)) return;
    seen.add(n);
    if (n.kind === 'scalar') {
      if (key !== undefined && NETWORK_KEYS.has(key) && n.end > n.start) out.push({ start: n.start, end: n.end });
    } else if (n.kind === 'seq') for (const i of n.items) visit(i, key);
    else for (const p of n.pairs) visit(p.value, String(p.key.value).startsWith('Fn::') || p.key.value === 'Ref' ? key : String(p.key.value));
  };
  for (const r of asMap(valueOf(root, 'Resources'))?.pairs ?? []) visit(valueOf(asMap(r.value), 'Properties'), undefined);
  return out;
}

test('editBetween finds the one region two texts differ in', () => {
  assert.deepEqual(editBetween('abcdef', 'abXcdef'), { start: 2, oldEnd: 2, delta: 1 });
  assert.deepEqual(editBetween('abcdef', 'abef'), { start: 2, oldEnd: 4, delta: -2 });
  assert.deepEqual(editBetween('aaaa', 'aaaaa'), { start: 4, oldEnd: 4, delta: 1 });
  assert.equal(editBetween('same', 'same'), undefined);
});

test('typing into descriptions, tags and metadata: incremental findings equal a lint from scratch, and are incremental', () => {
  let incremental = 0;
  let factsKept = 0;
  for (const s of SOURCES) {
    const ranges = inertRanges(s.text, s.name);
    if (!ranges.length) continue;
    const doc = new Doc(s.name);
    let text = s.text;
    doc.check(text, 'as written');
    // Type three characters inside the first and the last inert value (before its last character,
    // so a quoted string stays closed), then delete them again.
    for (const r of [ranges[0]!, ranges[ranges.length - 1]!]) {
      const at = Math.max(r.start, r.end - 1);
      for (const ch of 'ab ') {
        const shift = text.length - s.text.length;
        text = text.slice(0, at + shift) + ch + text.slice(at + shift);
        doc.check(text, `typed ${JSON.stringify(ch)} at ${at}`);
      }
    }
    text = s.text;
    doc.check(text, 'back to the text as written');
    incremental += doc.memo.stats.incremental;
    factsKept += doc.factsKept;
  }
  assert.ok(incremental > 100, `the incremental path was taken ${incremental} times`);
  assert.ok(factsKept > 100, `the network facts were kept ${factsKept} times`);
  assert.ok(lazyAsked > 100, `the lazily made facts were compared ${lazyAsked} times`);
});

test('typing into network values (CIDRs, ports, service names, policy actions): findings equal a lint from scratch, other resources\' resource findings kept', () => {
  let local = 0;
  const reused = partStats.reused;
  for (const s of SOURCES) {
    const ranges = networkRanges(s.text, s.name);
    if (!ranges.length) continue;
    const doc = new Doc(s.name);
    let text = s.text;
    doc.check(text, 'as written');
    // Type into the first, a middle and the last network value (before its last character, so a quoted
    // string stays closed): a character that keeps it valid, one that does not, then delete them.
    for (const r of [ranges[0]!, ranges[ranges.length >> 1]!, ranges[ranges.length - 1]!]) {
      const at = Math.max(r.start, r.end - 1);
      const original = text;
      for (const ch of ['0', 'x', '/']) {
        text = text.slice(0, at) + ch + text.slice(at);
        doc.check(text, `typed ${JSON.stringify(ch)} at ${at}`);
      }
      text = original;
      doc.check(text, `deleted what was typed at ${at}`);
    }
    local += doc.memo.stats.local;
  }
  assert.ok(local > 100, `the template rules alone ran again ${local} times`);
  assert.ok(partStats.reused - reused > 5000, `the models took parts from the last version ${partStats.reused - reused} times`);
});

const NETWORK_ALPHABET = ['0', '9', '/', '.', '*', ':', 'x', '-', '443', 's3', '10.0.0.0/8', 'Interface', 'Gateway', 'igw-1', '!Ref AWS::NoValue'];
const ALPHABET = ['a', 'Z', '0', ' ', ':', '-', '"', "'", '\n', '  ', '#', '!', '{', '}', '[', ']', ',', 'Ref', '!Ref Vpc', 'Tags: []', '\n      Description: x'];

test('seeded random edit sequences: incremental findings equal a lint from scratch after every edit', () => {
  let incremental = 0;
  let local = 0;
  let full = 0;
  let compared = 0;
  const reused = partStats.reused;
  const edit = fc.record({ inert: fc.boolean(), network: fc.boolean(), pos: fc.nat(), del: fc.nat({ max: 4 }), ins: fc.constantFrom(...ALPHABET) });
  fc.assert(
    fc.property(fc.nat({ max: SOURCES.length - 1 }), fc.array(edit, { minLength: 1, maxLength: 8 }), (i, edits) => {
      const s = SOURCES[i]!;
      const doc = new Doc(s.name);
      let text = s.text;
      doc.check(text, 'as written');
      for (const [n, e] of edits.entries()) {
        // A quarter of the edits land in an inert value (where every finding is kept), a quarter in a
        // network value (where the template rules run again), half anywhere.
        const ranges = e.inert ? (e.network ? networkRanges(text, s.name) : inertRanges(text, s.name)) : [];
        const r = ranges.length ? ranges[e.pos % ranges.length]! : { start: 0, end: text.length };
        const at = r.start + (e.pos % Math.max(1, r.end - r.start));
        const ins = e.inert && e.network ? NETWORK_ALPHABET[e.pos % NETWORK_ALPHABET.length]! : e.ins;
        text = text.slice(0, at) + ins + text.slice(Math.min(text.length, at + (e.inert ? Math.min(e.del, r.end - at - 1) : e.del)));
        doc.check(text, `edit ${n + 1} of ${JSON.stringify(edits)}`);
      }
      incremental += doc.memo.stats.incremental;
      local += doc.memo.stats.local;
      full += doc.memo.stats.full;
      compared += doc.modelsCompared;
    }),
    { seed: SEED, numRuns: 200 },
  );
  assert.ok(incremental > 20 && local > 20 && full > 50, `every path taken: ${incremental} incremental, ${local} template rules only, ${full} from scratch`);
  // 705 and 1,008 with this seed and these sources: both paths well exercised (the equality is the test).
  assert.ok(compared > 500 && partStats.reused - reused > 900, `models compared ${compared} times, ${partStats.reused - reused} parts taken from the last version`);
});

test('an anchor in the edited description, aliased by another resource: linted from scratch', () => {
  const text = (svc: string) => `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  Sg:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: &svc com.amazonaws.us-east-1.${svc}
      VpcId: vpc-123
  Ep:
    Type: AWS::EC2::VPCEndpoint
    Properties:
      VpcId: vpc-123
      ServiceName: *svc
      VpcEndpointType: Interface
      SubnetIds: [subnet-1]
      PrivateDnsEnabled: true
`;
  const doc = new Doc('anchor.yaml');
  for (const svc of ['sqs', 'sqsx', 'sqs']) doc.check(text(svc), svc);
  assert.equal(doc.memo.stats.incremental, 0);
});

test('a network value another resource reads (a GetAtt of a property it echoes): that resource\'s findings are made again', () => {
  // The endpoint service's load-balancer list is the subnet's AvailabilityZone (a mirrored attribute):
  // AWS::NoValue there leaves the service with no load balancer (VPCE8001), a zone gives it one.
  const text = (az: string) => `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  Sub:
    Type: AWS::EC2::Subnet
    Properties:
      VpcId: vpc-123
      CidrBlock: 10.0.0.0/24
      AvailabilityZone: ${az}
  Svc:
    Type: AWS::EC2::VPCEndpointService
    Properties:
      AcceptanceRequired: true
      NetworkLoadBalancerArns: !GetAtt Sub.AvailabilityZone
`;
  const doc = new Doc('reader.yaml');
  const seen = new Set<boolean>();
  for (const az of ['!Ref AWS::NoValue', 'eu-west-1a', '!Ref AWS::NoValue']) {
    doc.check(text(az), az);
    seen.add(analyze(text(az), { settings: SETTINGS }).findings.some((f) => f.ruleId === 'VPCE8001'));
  }
  assert.deepEqual([...seen].sort(), [false, true], 'the edit changes the service\'s finding');
  assert.equal(doc.memo.stats.local, 2, 'the edits took the path that keeps resource findings');
});

test('edits that change what the network model says: each model put together from kept parts equals one built from scratch, ranges included', () => {
  // Two VPCs, a subnet, route tables with routes, a security group with an inline and a standalone
  // rule, a NAT gateway, endpoints of both types, an instance with an Elastic IP, a condition.
  const base = `AWSTemplateFormatVersion: '2010-09-09'
Parameters:
  Wide:
    Type: String
    Default: 10.0.0.0/8
  Env:
    Type: String
    Default: prod
Conditions:
  IsProd: !Equals [!Ref Env, prod]
Resources:
  VpcA:
    Type: AWS::EC2::VPC
    Properties:
      CidrBlock: 10.0.0.0/16
      EnableDnsSupport: true
      EnableDnsHostnames: true
  VpcB:
    Type: AWS::EC2::VPC
    Properties:
      CidrBlock: 10.1.0.0/16
  Igw:
    Type: AWS::EC2::InternetGateway
  Attach:
    Type: AWS::EC2::VPCGatewayAttachment
    Properties:
      VpcId: !Ref VpcA
      InternetGatewayId: !Ref Igw
  SubnetA:
    Type: AWS::EC2::Subnet
    Properties:
      VpcId: !Ref VpcA
      CidrBlock: 10.0.1.0/24
      AvailabilityZone: eu-west-1a
  SubnetB:
    Type: AWS::EC2::Subnet
    Properties:
      VpcId: !GetAtt SubnetA.VpcId
      CidrBlock: 10.0.2.0/24
      AvailabilityZone: eu-west-1b
  Nat:
    Type: AWS::EC2::NatGateway
    Properties:
      SubnetId: !Ref SubnetA
  TableA:
    Type: AWS::EC2::RouteTable
    Properties:
      VpcId: !Ref VpcA
  PublicRoute:
    Type: AWS::EC2::Route
    Properties:
      RouteTableId: !Ref TableA
      DestinationCidrBlock: 0.0.0.0/0
      GatewayId: !Ref Igw
  TableB:
    Type: AWS::EC2::RouteTable
    Properties:
      VpcId: !Ref VpcA
  PrivateRoute:
    Type: AWS::EC2::Route
    Properties:
      RouteTableId: !Ref TableB
      DestinationCidrBlock: 0.0.0.0/0
      NatGatewayId: !Ref Nat
  AssocB:
    Type: AWS::EC2::SubnetRouteTableAssociation
    Properties:
      SubnetId: !Ref SubnetB
      RouteTableId: !Ref TableB
  Sg:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: endpoints
      VpcId: !Ref VpcA
      SecurityGroupIngress:
        - IpProtocol: tcp
          FromPort: 443
          ToPort: 443
          CidrIp: !GetAtt VpcA.CidrBlock
  SgSelf:
    Type: AWS::EC2::SecurityGroupIngress
    Properties:
      GroupId: !Ref Sg
      IpProtocol: tcp
      FromPort: 443
      ToPort: 443
      CidrIp: !Ref Wide
  S3:
    Type: AWS::EC2::VPCEndpoint
    Properties:
      VpcId: !Ref VpcA
      ServiceName: !Sub com.amazonaws.\${AWS::Region}.s3
      RouteTableIds:
        - !Ref TableB
  Ssm:
    Type: AWS::EC2::VPCEndpoint
    Properties:
      VpcId: !Ref VpcA
      ServiceName: !Sub com.amazonaws.\${AWS::Region}.ssm
      VpcEndpointType: Interface
      PrivateDnsEnabled: true
      SubnetIds: [!Ref SubnetB]
      SecurityGroupIds: [!Ref Sg]
  Box:
    Type: AWS::EC2::Instance
    Properties:
      SubnetId: !Ref SubnetB
      SecurityGroupIds: [!Ref Sg]
  Eip:
    Type: AWS::EC2::EIP
    Properties:
      InstanceId: !Ref Box
  Logs:
    Type: AWS::EC2::VPCEndpoint
    Condition: IsProd
    Properties:
      VpcId: !Ref VpcA
      ServiceName: !Sub com.amazonaws.\${AWS::Region}.logs
      VpcEndpointType: Interface
      SubnetIds: [!Ref SubnetB]
`;
  const edits: [string, string, string][] = [
    ['a subnet\'s VPC', '      VpcId: !Ref VpcA\n      CidrBlock: 10.0.1.0/24', '      VpcId: !Ref VpcB\n      CidrBlock: 10.0.1.0/24'],
    ['a VPC\'s CIDR another resource echoes', 'CidrBlock: 10.0.0.0/16', 'CidrBlock: 10.0.0.0/17'],
    ['a route\'s target', 'NatGatewayId: !Ref Nat', 'GatewayId: !Ref Igw'],
    ['a route\'s destination', 'DestinationCidrBlock: 0.0.0.0/0\n      GatewayId: !Ref Igw\n  TableB', 'DestinationCidrBlock: 0.0.0.0/1\n      GatewayId: !Ref Igw\n  TableB'],
    ['an inline rule\'s port', '          FromPort: 443', '          FromPort: 80'],
    ['a standalone rule\'s port', '      FromPort: 443\n      ToPort: 443\n      CidrIp: !Ref Wide', '      FromPort: 22\n      ToPort: 443\n      CidrIp: !Ref Wide'],
    ['a standalone rule\'s group', '      GroupId: !Ref Sg', '      GroupId: sg-0123'],
    ['an endpoint\'s type', '.s3\n      RouteTableIds', '.s3\n      VpcEndpointType: Interface\n      RouteTableIds'],
    ['an endpoint\'s service', '.ssm\n', '.ec2messages\n'],
    ['an association\'s table', '      SubnetId: !Ref SubnetB\n      RouteTableId: !Ref TableB', '      SubnetId: !Ref SubnetB\n      RouteTableId: !Ref TableA'],
    ['the Elastic IP\'s instance', '      InstanceId: !Ref Box', '      InstanceId: i-0123'],
    ['a resource added', '  Box:\n', '  Extra:\n    Type: AWS::EC2::Route\n    Properties:\n      RouteTableId: !Ref TableA\n      DestinationCidrBlock: 10.9.0.0/16\n      TransitGatewayId: tgw-1\n  Box:\n'],
    ['a condition on a resource', '  Ssm:\n    Type: AWS::EC2::VPCEndpoint\n', '  Ssm:\n    Type: AWS::EC2::VPCEndpoint\n    Condition: IsProd\n'],
    // A literal zone puts the stack in its Region (model/zone-region.ts): the endpoints' home follows an edit of a subnet alone.
    ['a subnet\'s zone in another Region', 'AvailabilityZone: eu-west-1b', 'AvailabilityZone: us-east-1b'],
    ['a subnet\'s zone the deployment picks', 'AvailabilityZone: eu-west-1a', "AvailabilityZone: !Select [0, !GetAZs '']"],
    ['a value under a condition', '      VpcEndpointType: Interface\n      SubnetIds: [!Ref SubnetB]\n', '      VpcEndpointType: !If [IsProd, Interface, Gateway]\n      SubnetIds: [!Ref SubnetB]\n'],
  ];
  const doc = new Doc('model-edits.yaml');
  let text = base;
  doc.check(text, 'as written');
  const taken = partStats.reused;
  for (const [what, from, to] of edits) {
    assert.ok(text.includes(from), what);
    const at = text.indexOf(from);
    text = text.slice(0, at) + to + text.slice(at + from.length);
    doc.check(text, what);
    // Then taken back, and made again.
    doc.check(text.slice(0, at) + from + text.slice(at + to.length), `${what}, undone`);
    doc.check(text, `${what}, redone`);
  }
  assert.ok(doc.memo.stats.local >= 20, `the edits kept other resources' findings: ${JSON.stringify(doc.memo.stats)}`);
  assert.ok(partStats.reused - taken > 200, `the models took parts from the last version: ${partStats.reused - taken}`);
});

test('edits beside prefix lists and SAM Globals: each model put together from kept parts equals one built from scratch', () => {
  const cases: [string, [string, string, string][]][] = [
    ['test/fixtures/audit/prefix-lists.yaml', [
      ['a prefix list entry', 'Cidr: 10.50.0.0/16', 'Cidr: 10.60.0.0/16'],
      ['an entry a rule admits', 'Cidr: 10.0.1.0/24', 'Cidr: 10.0.9.0/24'],
      ['a subnet beside them', 'CidrBlock: 10.0.2.0/24', 'CidrBlock: 10.0.3.0/24'],
    ]],
    ['test/fixtures/audit/sam-globals-vpc.yaml', [
      ['a function\'s own subnets', '        SubnetIds: [!Ref SubB]', '        SubnetIds: [!Ref SubA]'],
      ['a function\'s own groups', '        SecurityGroupIds: [!Ref OpenSg]', '        SecurityGroupIds: [!Ref FunctionSg]'],
    ]],
  ];
  for (const [file, edits] of cases) {
    const doc = new Doc(file);
    let text = readFileSync(join(ROOT, file), 'utf8');
    doc.check(text, 'as written');
    for (const [what, from, to] of edits) {
      assert.ok(text.includes(from), `${file}: ${what}`);
      const at = text.indexOf(from);
      text = text.slice(0, at) + to + text.slice(at + from.length);
      doc.check(text, `${file}: ${what}`);
      doc.check(text.slice(0, at) + from + text.slice(at + to.length), `${file}: ${what}, undone`);
      doc.check(text, `${file}: ${what}, redone`);
    }
  }
});

test('a merge key\'s pairs, judged where the anchor writes them: an edit in another resource keeps the aliasing resource\'s findings', () => {
  // SsmMessagesEndpoint takes SsmEndpoint's properties through `<<: *interface`: a misspelt key written
  // in SsmEndpoint is a finding of both, placed in SsmEndpoint's text. An edit in the VPC (which both
  // read) used to drop SsmMessagesEndpoint's: its schema problems were cached by its own text, which had
  // not changed, so even a lint from scratch after the first version answered from the cache.
  const name = 'test/fixtures/audit/yaml-merge-keys.yaml';
  const doc = new Doc(name);
  let text = readFileSync(join(ROOT, name), 'utf8');
  doc.check(text, 'as written');
  text = text.replace('ServiceName: com.amazonaws.us-east-1.ssm', 'ServiceNa]e: com.amazonaws.us-east-1.ssm');
  doc.check(text, 'a key misspelt in the anchored properties');
  text = text.replace('CidrBlock: 10.0.0.0/16', 'CidrBlock: 10.0.0-/16');
  doc.check(text, 'the VPC\'s CIDR edited');
  const fresh = analyze(text, { fileName: name, settings: SETTINGS }).findings;
  assert.ok(fresh.some((f) => f.ruleId === 'VPCE1002' && f.message.startsWith('SsmMessagesEndpoint:')), `the aliasing resource keeps its finding: ${JSON.stringify(fresh.map((f) => f.message))}`);
});
