// Static evaluation of intrinsic functions, as far as the template alone allows.
// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/intrinsic-function-reference.html
// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/pseudo-parameter-reference.html

import { asMap, asScalar, asSeq, scalarString, valueOf, type MapNode, type Node } from '../document/tree.js';
import type { Template } from './template.js';
import { branches, literal, parametersOf, withPseudos, type Part, type Pseudo, type Value } from './values.js';
import type { Scenario } from './scenarios.js';
import { ID_KIND_NAMES, parameterIdKind, placeholderKind } from './resource-ids.js';
import { parseIpv4Cidr, rangeText } from '../util/cidr.js';
import { isRegionShaped, partitionOfRegion } from '../data/regions.js';
import { attributeStatus, declaredNames, missingWhy, PSEUDO_PARAMETERS, refStatus } from './names.js';
import { LANGUAGE_EXTENSIONS, templateTransforms } from './transforms.js';
import { missingWords, readEntry, type EntryRead, type MapLookup } from './find-in-map.js';

const MAX_DEPTH = 64;

// Return values that are the resource's own property, as the resource reference pages list them.
// https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-ec2-vpc.html#aws-resource-ec2-vpc-return-values
// https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-ec2-subnet.html#aws-resource-ec2-subnet-return-values
const MIRRORED_ATTRIBUTES: Record<string, Record<string, string>> = {
  'AWS::EC2::VPC': { CidrBlock: 'CidrBlock' },
  'AWS::EC2::Subnet': { CidrBlock: 'CidrBlock', AvailabilityZone: 'AvailabilityZone', VpcId: 'VpcId' },
  'AWS::EC2::SecurityGroup': { VpcId: 'VpcId' },
};

export class Resolver {
  private readonly memo = new WeakMap<Node, Value>();
  private readonly lookups = new WeakMap<Node, MapLookup>();

  /**
   * Without a scenario every `Fn::If` stays open (what rules judge: all branches). With one, the
   * conditions it decides pick their branch and the parameters it sets replace their defaults.
   */
  constructor(private readonly template: Template, readonly scenario?: Scenario) {}

  /** The value of a node; `null` (a key with nothing after it) is absent. */
  value(node: Node | null | undefined): Value {
    if (!node) return { kind: 'absent', node: null };
    return this.resolve(node, 0);
  }

  /** The value of a resource property. */
  prop(props: MapNode | undefined, key: string): Value {
    return this.value(valueOf(props, key));
  }

  private resolve(node: Node, depth: number): Value {
    const cached = this.memo.get(node);
    if (cached) return cached;
    const value = depth > MAX_DEPTH ? unknown('nested too deeply to evaluate', node) : this.evaluate(node, depth);
    this.memo.set(node, value);
    return value;
  }

  private evaluate(node: Node, depth: number): Value {
    if (node.kind === 'scalar') {
      const v = node.value;
      if (v === null) return { kind: 'absent', node };
      if (typeof v === 'boolean') return { kind: 'bool', value: v, node };
      if (typeof v === 'number') return { kind: 'num', value: v, node };
      return { kind: 'str', parts: [{ lit: v }], node };
    }
    if (node.kind === 'seq') return { kind: 'list', items: node.items.map((i) => this.resolve(i, depth + 1)), node };
    if (node.pairs.length !== 1) return { kind: 'map', node };
    const [pair] = node.pairs;
    const fn = String(pair!.key.value);
    const arg = pair!.value;
    switch (fn) {
      case 'Ref': return this.ref(scalarString(arg), node);
      case 'Fn::GetAtt': return this.getAtt(arg, node);
      case 'Fn::Sub': return this.sub(arg, node, depth);
      case 'Fn::Join': return this.join(arg, node, depth);
      case 'Fn::Select': return this.select(arg, node, depth);
      case 'Fn::Split': return this.split(arg, node, depth);
      case 'Fn::If': return this.ifFn(arg, node, depth);
      case 'Fn::FindInMap': return this.findInMap(arg, node, depth);
      case 'Fn::Cidr': return this.cidr(arg, node, depth);
      // Not CloudFormation: what the Terraform adapter (core/tf) writes for a value it cannot know,
      // with why and the value that decides it ([why, decides]).
      // A third item, when there is one, is the value's own identity (a function's result is not its
      // argument's value); a fourth, the identities of the ranges it is carved from.
      case 'Fn::Unknown': {
        const items = asSeq(arg)?.items ?? [];
        const [why, decides, identity] = items.map(scalarString);
        const within = asSeq(items[3] ?? null)?.items.map(scalarString).filter((w): w is string => w !== undefined);
        return { kind: 'unknown', why: why ?? 'not known statically', node, identity: identity ?? decides, decides, ...(within?.length ? { within } : {}) };
      }
      // Not CloudFormation either: the Terraform adapter's id of the AWS-managed prefix list looked up by a
      // service's name ([name, address], tf/data-sources.ts); cfn/prefix-lists.ts reads whose it is.
      case 'Fn::ManagedPrefixList': {
        const address = scalarString(asSeq(arg)?.items[1]);
        return unknown(`the id of ${address ?? 'an AWS-managed prefix list'} is read at plan time`, node, address);
      }
      case 'Fn::GetAZs': {
        // '' and AWS::Region are one region, the stack's: "Specifying an empty string is equivalent to
        // specifying AWS::Region" (https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/intrinsic-function-reference-getavailabilityzones.html).
        const region = this.identity(arg, depth);
        return unknown('the Availability Zones are known only at deploy time', node, `azs(${region === '${AWS::Region}' ? '' : region})`);
      }
      case 'Fn::ImportValue': {
        // The export's name is often a Sub of a parameter (`${NetworkStack}-RouteTables`): named as written.
        const sub = asMap(arg);
        const subBody = sub?.pairs.length === 1 && sub.pairs[0]!.key.value === 'Fn::Sub' ? (asSeq(sub.pairs[0]!.value)?.items[0] ?? sub.pairs[0]!.value) : undefined;
        const name = scalarString(arg) ?? scalarString(subBody);
        return name ? unknown(`the imported value ${name} is known only at deploy time`, node, `import ${name}`) : unknown('an imported value (its export name computed) is known only at deploy time', node);
      }
      default:
        if (fn.startsWith('Fn::') || fn === 'Condition') return unknown(`${fn} is not evaluated statically`, node);
        return { kind: 'map', node };
    }
  }

  private ref(name: string | undefined, node: Node): Value {
    if (!name) return unknown('Ref without a name', node);
    switch (name) {
      case 'AWS::Region':
      case 'AWS::Partition':
      case 'AWS::URLSuffix':
        return { kind: 'str', parts: [{ pseudo: name }], node };
      case 'AWS::NoValue':
        return { kind: 'absent', node };
    }
    if (PSEUDO_PARAMETERS.includes(name)) return unknown(`${name} is known only at deploy time`, node);
    const param = this.template.parameters.get(name);
    // A Systems Manager parameter type holds the name of an SSM parameter (its default too); CloudFormation
    // reads the value from Parameter Store at deploy time (the stack parameter's ResolvedValue).
    // https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_Parameter.html
    // https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/cloudformation-supplied-parameter-types.html
    if (param?.type?.startsWith('AWS::SSM::Parameter::Value<')) {
      const key = param.defaultNode ? literal(this.resolve(param.defaultNode, 1)) : undefined;
      return unknown(`parameter ${name} is read from Systems Manager at deploy time${key ? ` (the value of the SSM parameter ${key})` : ''}`, node, `parameter ${name}`);
    }
    const passed = param ? this.template.passed?.[name] : undefined;
    if (param && passed) {
      // Set by whoever deploys the template (a nested stack's parent): the default does not apply.
      if ('unknown' in passed) return unknown(passed.unknown, node, `parameter ${name}`);
      if (param.type?.startsWith('List<') || param.type === 'CommaDelimitedList') return { kind: 'list', items: passed.value.split(',').map((s): Value => ({ kind: 'str', parts: [{ lit: s.trim() }], node: param.key })), node };
      return { kind: 'str', parts: [{ lit: passed.value }], node: param.key };
    }
    if (param) {
      const chosen = this.scenario?.params.get(name);
      // The same parameter is the same value everywhere in one deployment: its identity says so.
      if (chosen === null) return unknown(`parameter ${name} is set to a value other than its default`, node, `parameter ${name}`);
      if (chosen === undefined && !param.defaultNode) {
        // One allowed value is the only one CloudFormation accepts: the value, whoever deploys.
        // https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/parameters-section-structure.html (AllowedValues)
        const allowed = asSeq(valueOf(param.node, 'AllowedValues'))?.items ?? [];
        const only = allowed.length === 1 && allowed[0]!.kind === 'scalar' && allowed[0]!.value !== null ? String(allowed[0]!.value) : undefined;
        if (only !== undefined && !param.type?.startsWith('List<') && param.type !== 'CommaDelimitedList') return { kind: 'str', parts: [{ lit: only }], node: allowed[0]! };
        return unknown(`parameter ${name} has no default`, node, `parameter ${name}`);
      }
      const def: Value = chosen !== undefined ? { kind: 'str', parts: [{ lit: chosen }], node: param.key } : this.resolve(param.defaultNode!, 1);
      const text = literal(def);
      // A default written as a placeholder id (vpc-xxxxxxxx) is no resource: the deployment passes the real one.
      const placeholder = (s: string, identity: string, at: Node): Value | undefined => {
        const kind = chosen === undefined ? placeholderKind(s, parameterIdKind(param.type)) : undefined;
        if (!kind) return undefined;
        const why = `parameter ${name} rests on its default ${s}, a placeholder, not a ${ID_KIND_NAMES[kind]} id: the deployment must pass a real one`;
        return { kind: 'unknown', why, node: at, identity, decides: `parameter ${name}` };
      };
      // List parameters take their default as one comma-separated string.
      if (text !== undefined && (param.type?.startsWith('List<') || param.type === 'CommaDelimitedList')) {
        const at = param.defaultNode ?? param.key;
        return { kind: 'list', items: text.split(',').map((s, i): Value => placeholder(s.trim(), `parameter ${name}[${i}]`, at) ?? { kind: 'str', parts: [{ lit: s.trim() }], node: at, fromParameter: name }), node };
      }
      if (text !== undefined) {
        const p = placeholder(text, `parameter ${name}`, node);
        if (p) return p;
      }
      if (def.kind === 'str') return { ...def, fromParameter: name };
      // `Default: false` or `Default: 443` unquoted: a parameter's value is handed on as a string whatever its
      // type, so it is the parameter's text all the same, a value the deployment may change.
      // https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/parameters-section-structure.html (Number)
      if (text !== undefined && (def.kind === 'bool' || def.kind === 'num')) return { kind: 'str', parts: [{ lit: text }], node: def.node, fromParameter: name };
      return def;
    }
    const resource = this.template.byId.get(name);
    if (resource && isCustom(resource.type)) return customValue(name, node);
    if (resource) return { kind: 'ref', target: name, node };
    // The same question VPCE0007 asks: declared, made by a transform, or missing (CloudFormation rejects it).
    const names = declaredNames(this.template);
    const status = refStatus(names, name);
    if (status === 'resource') return unknown(`${name} is declared more than once, or not as a mapping`, node);
    return unknown(missingWhy(names, name, status, `${name} is neither a parameter nor a resource of this template`), node);
  }

  private getAtt(arg: Node | null, node: Node): Value {
    const seq = asSeq(arg);
    const parts = seq ? seq.items.map(scalarString) : (scalarString(arg)?.split('.') ?? []);
    const [target, ...attr] = parts;
    if (!target || attr.length === 0 || attr.some((a) => a === undefined)) return unknown('Fn::GetAtt with a computed attribute', node);
    const resource = this.template.byId.get(target);
    if (!resource) {
      const names = declaredNames(this.template);
      const status = attributeStatus(names, target);
      if (status === 'resource') return unknown(`${target} is declared more than once, or not as a mapping`, node);
      return unknown(missingWhy(names, target, status, `${target} is not a resource of this template`), node);
    }
    // A nested stack's (or application's) output is a value of another template, known at deploy time:
    // not the stack resource itself (a security group id the parent reads from its nested stack).
    if (attr.join('.').startsWith('Outputs.') && (resource.type === 'AWS::CloudFormation::Stack' || resource.type === 'AWS::Serverless::Application')) {
      const what = `${target}.${attr.join('.')}`;
      // The output decides it: a trace names it, not the property that reads it.
      return { kind: 'unknown', why: `${what} is an output of nested stack ${target}, known only at deploy time`, node, identity: what, decides: what };
    }
    if (isCustom(resource.type)) return customValue(`${target}.${attr.join('.')}`, node);
    const mirrored = resource.type ? MIRRORED_ATTRIBUTES[resource.type]?.[attr.join('.')] : undefined;
    const prop = mirrored ? valueOf(resource.properties, mirrored) : undefined;
    // An attribute that echoes a property the template sets is that property's value (VPC.CidrBlock).
    if (prop && (!resource.condition || this.scenario?.truth.get(resource.condition) === true)) return this.resolve(prop, 1);
    return { kind: 'ref', target, attr: attr.join('.'), node };
  }

  private sub(arg: Node | null, node: Node, depth: number): Value {
    const seq = asSeq(arg);
    const body = seq ? seq.items[0] : arg;
    const vars = asMap(seq?.items[1]);
    const text = scalarString(body);
    if (text === undefined) return unknown('Fn::Sub with a computed string', node);
    const parts: Part[] = [];
    const used = new Uses();
    const re = /\$\{([^}]*)\}/g;
    let last = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      pushLit(parts, text.slice(last, m.index));
      last = m.index + m[0].length;
      const name = m[1]!.trim();
      if (name.startsWith('!')) {
        pushLit(parts, `\${${name.slice(1)}}`);
        continue;
      }
      // A variable of the Sub's own map is read as a plain `${Name}` is: known, unknown or a parameter's.
      const bound = valueOf(vars, name);
      const v = bound !== undefined ? this.resolve(bound, depth + 1) : name.includes('.') ? this.getAtt({ kind: 'scalar', value: name, start: body!.start, end: body!.end, style: 'plain' }, node) : this.ref(name, node);
      used.add(v);
      parts.push(...partsOf(v, name));
    }
    pushLit(parts, text.slice(last));
    return used.onto({ kind: 'str', parts, node });
  }

  private join(arg: Node | null, node: Node, depth: number): Value {
    const seq = asSeq(arg);
    const delimiter = scalarString(seq?.items[0]);
    const listNode = seq?.items[1];
    if (delimiter === undefined || !listNode) return unknown('malformed Fn::Join', node);
    const list = this.resolve(listNode, depth + 1);
    if (list.kind !== 'list') return unknown('Fn::Join over a list known only at deploy time', node);
    const parts: Part[] = [];
    const used = new Uses();
    list.items.forEach((item, i) => {
      if (i > 0) pushLit(parts, delimiter);
      used.add(item);
      parts.push(...partsOf(item, 'a list item'));
    });
    return used.onto({ kind: 'str', parts, node });
  }

  private select(arg: Node | null, node: Node, depth: number): Value {
    const seq = asSeq(arg);
    const indexValue = seq?.items[0] ? this.resolve(seq.items[0], depth + 1) : undefined;
    const index = indexValue ? Number(literal(indexValue)) : NaN;
    const listNode = seq?.items[1];
    if (!listNode || !Number.isInteger(index)) return unknown('Fn::Select with a computed index', node);
    const list = this.resolve(listNode, depth + 1);
    if (list.kind === 'list') return list.items[index] ?? unknown(`Fn::Select index ${index} is past the end of the list`, node);
    // An item of a resource's list attribute (!Select [0, !GetAtt Vpc.Ipv6CidrBlocks]) is the same value
    // wherever the template writes it, though known only at deploy time.
    if (list.kind === 'ref' && list.attr) return { kind: 'unknown', why: `${list.target}.${list.attr} is known only at deploy time`, node, identity: `${list.target}.${list.attr}[${index}]` };
    const identity = list.kind === 'unknown' && list.identity ? `${list.identity}[${index}]` : undefined;
    if (list.kind !== 'unknown') return unknown('Fn::Select over a value that is not a list', node, identity);
    // The list's deciding value decides its item too; an item of ranges carved from a block lies in it.
    return { kind: 'unknown', why: list.why, node, ...(identity ? { identity } : {}), ...(list.decides ? { decides: list.decides } : {}), ...(list.within ? { within: list.within } : {}) };
  }

  // `Fn::Cidr [ipBlock, count, cidrBits]`: count ranges of 32 - cidrBits prefix, in order from the block's start
  // (intrinsic-function-reference-cidr.html). VPC templates carve subnets with `!Select [i, !Cidr [...]]`.
  private cidr(arg: Node | null, node: Node, depth: number): Value {
    const [blockNode, countNode, bitsNode] = asSeq(arg)?.items ?? [];
    const blockValue = blockNode ? this.resolve(blockNode, depth + 1) : undefined;
    const text = blockValue ? literal(blockValue) : undefined;
    const count = countNode ? Number(literal(this.resolve(countNode, depth + 1))) : NaN;
    const bits = bitsNode ? Number(literal(this.resolve(bitsNode, depth + 1))) : NaN;
    const block = text === undefined ? undefined : parseIpv4Cidr(text);
    // The block's own unknown (a parameter, an import) is what decides every range carved from it: named.
    // Every range carved lies in the block: a block with an identity gives them one each (Fn::Select's [i]),
    // held within it (https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/intrinsic-function-reference-cidr.html).
    if (blockValue?.kind === 'unknown') {
      const sized = Number.isInteger(count) && Number.isInteger(bits);
      const carved = blockValue.identity ? { ...(sized ? { identity: `Fn::Cidr(${blockValue.identity}, ${count}, ${bits})` } : {}), within: [blockValue.identity, ...(blockValue.within ?? [])] } : {};
      return { kind: 'unknown', why: `Fn::Cidr of a block known only at deploy time (${blockValue.why})`, node, ...(blockValue.decides ? { decides: blockValue.decides } : {}), ...carved };
    }
    if (!block || !Number.isInteger(count) || !Number.isInteger(bits)) return unknown('Fn::Cidr of a block known only at deploy time', node);
    const prefix = 32 - bits;
    if (count < 1 || count > 256 || prefix < block.prefix || prefix > 32 || count > 2 ** (prefix - block.prefix)) return unknown(`Fn::Cidr cannot make ${count} /${prefix} ranges in ${text}: the stack fails`, node);
    const size = 2 ** bits;
    const items = Array.from({ length: count }, (_, i): Value => ({ kind: 'str', parts: [{ lit: rangeText({ first: block.first + i * size, prefix }) }], node }));
    return { kind: 'list', items, node };
  }

  private split(arg: Node | null, node: Node, depth: number): Value {
    const seq = asSeq(arg);
    const delimiter = scalarString(seq?.items[0]);
    const source = seq?.items[1] ? this.resolve(seq.items[1], depth + 1) : undefined;
    const joined = delimiter !== undefined && seq?.items[1] ? (this.splitOfJoin(seq.items[1], delimiter, depth) ?? this.splitOfSub(seq.items[1], delimiter, depth)) : undefined;
    if (joined) return joined;
    const text = source ? literal(source) : undefined;
    if (delimiter === undefined || text === undefined) {
      if (source?.kind !== 'unknown') return unknown('Fn::Split of a string known only at deploy time', node);
      // The split string's deciding value decides the list too (a nested stack's output, a parameter).
      return source.decides ? { kind: 'unknown', why: source.why, node, decides: source.decides } : unknown(source.why, node);
    }
    return { kind: 'list', items: text.split(delimiter).map((s) => ({ kind: 'str', parts: [{ lit: s }], node: seq!.items[1]! })), node };
  }

  // `!Split [",", !Join [",", [!Ref A, !Ref B]]]` is the list [A, B] when no item holds the delimiter
  // (references never do): templates write it to pass a list through a string.
  private splitOfJoin(source: Node, delimiter: string, depth: number): Value | undefined {
    const join = asMap(source);
    if (!join || join.pairs.length !== 1 || join.pairs[0]!.key.value !== 'Fn::Join') return undefined;
    const [d, listNode] = asSeq(join.pairs[0]!.value)?.items ?? [];
    if (scalarString(d) !== delimiter || !listNode || !delimiter) return undefined;
    const list = this.resolve(listNode, depth + 1);
    if (list.kind !== 'list') return undefined;
    const items: Value[] = [];
    for (const item of list.items) {
      if (item.kind === 'ref' && !item.attr) items.push(item);
      else if (item.kind === 'str' && literal(item) !== undefined) items.push(...literal(item)!.split(delimiter).map((s): Value => ({ kind: 'str', parts: [{ lit: s }], node: item.node })));
      else return undefined;
    }
    return { kind: 'list', items, node: source };
  }

  // `!Split [",", !Sub ["${A},${B}", {A: !Ref SubnetA, B: !Ref SubnetB}]]` (or `!Sub "${SubnetA},${SubnetB}"`) is
  // the list [SubnetA, SubnetB], as with a Join: each piece between delimiters is one reference or plain text.
  private splitOfSub(source: Node, delimiter: string, depth: number): Value | undefined {
    const sub = asMap(source);
    if (!sub || sub.pairs.length !== 1 || sub.pairs[0]!.key.value !== 'Fn::Sub' || !delimiter) return undefined;
    const arg = sub.pairs[0]!.value;
    const seq = asSeq(arg);
    const text = scalarString(seq ? seq.items[0] : arg);
    const vars = asMap(seq?.items[1]);
    if (text === undefined) return undefined;
    const items: Value[] = [];
    for (const piece of text.split(delimiter)) {
      const only = /^\$\{([^}!][^}]*)\}$/.exec(piece);
      if (!only) {
        if (piece.includes('${')) return undefined;
        items.push({ kind: 'str', parts: [{ lit: piece }], node: source });
        continue;
      }
      const name = only[1]!.trim();
      const bound = valueOf(vars, name);
      const v = bound !== undefined ? this.resolve(bound, depth + 1) : name.includes('.') ? undefined : this.ref(name, source);
      if (v?.kind !== 'ref' || v.attr) return undefined;
      items.push(v);
    }
    return { kind: 'list', items, node: source };
  }

  private ifFn(arg: Node | null, node: Node, depth: number): Value {
    const seq = asSeq(arg);
    const condition = scalarString(seq?.items[0]);
    const a = seq?.items[1];
    const b = seq?.items[2];
    if (!condition || !a || !b) return unknown('malformed Fn::If', node);
    const truth = this.scenario?.truth.get(condition);
    if (truth !== undefined) return this.resolve(truth ? a : b, depth + 1);
    return { kind: 'if', condition, then: this.resolve(a, depth + 1), else: this.resolve(b, depth + 1), node };
  }

  private findInMap(arg: Node | null, node: Node, depth: number): Value {
    const seq = asSeq(arg);
    const keyValues = (seq?.items ?? []).slice(0, 3).map((k) => this.resolve(k, depth + 1));
    const keys = keyValues.map(literal);
    if (keys.length !== 3) return unknown('malformed Fn::FindInMap', node);
    const fallback = this.defaultValueOf(seq!);
    const byParameter = keyValues.some((k) => parametersOf(k).length > 0);
    const open = keyValues.findIndex((k, i) => keys[i] === undefined);
    // A map with no Region entry is read by the Region in no deployment that succeeds: as any open key (below).
    // A second-level key of AWS::Region (`[Map, Top, !Ref AWS::Region]`, `[Map, !Ref AWS::Region, !Ref AWS::Region]`)
    // is read in each Region named too; a top-level key of it alone also in the mapping's own Region entries.
    const regionAt = [false, isRegionRef(keyValues[1]!), isRegionRef(keyValues[2]!)];
    const byRegion = (regionAt[1] || regionAt[2]) && keys[0] !== undefined && [1, 2].every((i) => regionAt[i] || keys[i] !== undefined);
    if (byRegion && (this.template.regions?.length || (regionAt[1] && this.regionKeys(keys[0]!).length))) {
      const k = keys.map((key, i) => (regionAt[i] ? 'AWS::Region' : key!)) as [string, string, string];
      return this.byRegion(k, byParameter, fallback, node, depth);
    }
    if (open >= 0 && isPseudoRef(keyValues[open]!, 'AWS::Partition') && keys.every((k, i) => i === open || k !== undefined)) {
      const v = this.byPartition(keys, open, fallback, node, depth);
      if (v) return v;
    }
    if (open >= 0) return this.findInMapOpen(keys, open, keyValues[open]!, fallback, node, depth);
    const read = readEntry(this.template.mappings, keys[0]!, keys[1]!, keys[2]!);
    this.lookups.set(node, { keys: keys as [string, string, string], byParameter, reads: [{ top: keys[1]!, ...read }] });
    const found = 'entry' in read ? read.entry : fallback;
    if (!found) return unknown(`mapping ${keys.join('/')} not found`, node);
    // A key that is a parameter's default picks the entry only while the deployment keeps that default.
    const used = new Uses();
    for (const k of keyValues) used.add(k);
    return used.onto(this.resolve(found, depth + 1));
  }

  // `DefaultValue` (the fourth argument) is AWS::LanguageExtensions' own: what Fn::FindInMap gives when its keys
  // find nothing; without the transform the argument is not CloudFormation's and gives nothing.
  // https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/intrinsic-function-reference-findinmap-enhancements.html
  private defaultValueOf(seq: { items: Node[] }): Node | undefined {
    const fallback = valueOf(asMap(seq.items[3]), 'DefaultValue');
    return fallback && templateTransforms(this.template.root).includes(LANGUAGE_EXTENSIONS) ? fallback : undefined;
  }

  /**
   * A key known only at deploy time (a parameter without a default, a condition's pick): the value is whichever
   * entry that key picks, unknown and named by it, unless every entry it could pick is the same text (a deployment
   * whose key finds nothing fails, so that text is the value of any that succeeds; with a DefaultValue it
   * succeeds with that value too).
   */
  private findInMapOpen(keys: (string | undefined)[], open: number, key: Value, fallback: Node | undefined, node: Node, depth: number): Value {
    const decides = keyName(key);
    const shown = keys.map((k, i) => (i === open ? decides : (k ?? '?'))).join(', ');
    const why = `Fn::FindInMap [${shown}] picks its entry by ${decides}, known only at deploy time`;
    const identity = `FindInMap(${shown})`;
    if (keys.some((k, i) => i !== open && k === undefined) || open === 0) return { kind: 'unknown', why, node, identity, decides };
    const top = asMap(valueOf(this.template.mappings, keys[0]!));
    const candidates = open === 1 ? (top?.pairs ?? []).map((p) => valueOf(asMap(p.value), keys[2]!)) : (asMap(valueOf(top, keys[1]!))?.pairs ?? []).map((p) => p.value);
    const all = fallback ? [...candidates, fallback] : candidates;
    const texts = new Set(all.map((c) => (c ? literal(this.resolve(c, depth + 1)) : undefined)));
    const [only] = texts;
    if (candidates.length && texts.size === 1 && only !== undefined) return this.resolve(candidates[0]!, depth + 1);
    return { kind: 'unknown', why, node, identity, decides };
  }

  /**
   * `Fn::FindInMap [Map, !Ref AWS::Region, Key]`: each Region reads its own entry, in the Regions the user names
   * (--region, the editor's setting), else in each Region the mapping has an entry for (elsewhere the deploy fails,
   * or takes the DefaultValue). A Region's entry is read with that Region's name written as AWS::Region, which it
   * is there: `com.amazonaws.eu-west-1.s3` under eu-west-1 stays portable, under us-east-1 it is eu-west-1's name.
   * One value in every Region read is the value; a named Region whose entry is missing fails the deploy there.
   * The reads are recorded (lookup): the rules judge them, located.
   */
  private byRegion(keys: [string, string, string], byParameter: boolean, fallback: Node | undefined, node: Node, depth: number): Value {
    const named = this.template.regions?.length ? this.template.regions : undefined;
    const mappings = this.template.mappings;
    const at = (key: string, region: string) => (key === 'AWS::Region' ? region : key);
    const reads: EntryRead[] = (named ?? this.regionKeys(keys[0])).map((region) => ({
      top: at(keys[1], region),
      region,
      ...(keys[2] === 'AWS::Region' ? { second: region } : {}),
      ...readEntry(mappings, keys[0], at(keys[1], region), at(keys[2], region)),
    }));
    this.lookups.set(node, { keys, byParameter, regions: named ? 'named' : 'entries', reads });
    const shown = keys.join(', ');
    const open = { kind: 'unknown' as const, why: `Fn::FindInMap [${shown}] picks its entry by AWS::Region, known only at deploy time`, node, identity: `FindInMap(${shown})`, decides: 'AWS::Region' };
    const values: Value[] = [];
    for (const read of reads) {
      if ('undecided' in read) return open;
      if ('entry' in read) values.push(asRegion(this.resolve(read.entry, depth + 1), read.region!));
      else if (fallback) values.push(this.resolve(fallback, depth + 1));
      else if (named) return { ...open, why: `Fn::FindInMap [${shown}] finds nothing in ${read.region}: ${missingWords(keys, read)}, so CloudFormation fails the deploy there` };
    }
    // A Region without an entry takes the DefaultValue, which is no text of the Region's.
    if (!named && fallback) values.push(this.resolve(fallback, depth + 1));
    const shapes = new Set(values.map(shapeOf));
    if (values.length && shapes.size === 1 && !shapes.has(undefined)) return values[0]!;
    if (!named) return open;
    const each = reads.map((r, i) => `${shapeOf(values[i]!) ?? 'a value known only at deploy time'} in ${r.region}`).join(', ');
    return { ...open, why: `Fn::FindInMap [${shown}] differs between the Regions the stack deploys to: ${each}` };
  }

  /**
   * `Fn::FindInMap [Map, !Ref AWS::Partition, Key]` (AWS's EKS VPC templates name services so) in the Regions the
   * user names: a Region's partition is a fact of the Region (aws-cn for cn-north-1, aws elsewhere outside GovCloud
   * and the isolated Regions), so each named Region reads its partition's entry. One value in all of them is the
   * value; a partition without an entry fails the deploy there. undefined (the lookup stays open) when no Region is
   * named or a named Region's partition is not one we know.
   * https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/pseudo-parameter-reference.html (AWS::Partition)
   */
  private byPartition(keys: (string | undefined)[], open: number, fallback: Node | undefined, node: Node, depth: number): Value | undefined {
    const named = this.template.regions ?? [];
    const partitions = named.map((r) => partitionOfRegion(r)?.id);
    if (!named.length || partitions.some((p) => p === undefined)) return undefined;
    const shown = keys.map((k, i) => (i === open ? 'AWS::Partition' : k)).join(', ');
    const values: Value[] = [];
    const seen = new Set<string>();
    for (const [i, partition] of (partitions as string[]).entries()) {
      if (seen.has(partition)) continue;
      seen.add(partition);
      const at = keys.map((k, j) => (j === open ? partition : k!)) as [string, string, string];
      const read = readEntry(this.template.mappings, at[0], at[1], at[2]);
      if ('undecided' in read) return undefined;
      if ('entry' in read) values.push(this.resolve(read.entry, depth + 1));
      else if (fallback) values.push(this.resolve(fallback, depth + 1));
      else return { kind: 'unknown', why: `Fn::FindInMap [${shown}] finds nothing in ${named[i]} (partition ${partition}): ${missingWords(at, { top: at[1], missing: read.missing })}, so CloudFormation fails the deploy there`, node, identity: `FindInMap(${shown})`, decides: 'AWS::Partition' };
    }
    const shapes = new Set(values.map(shapeOf));
    if (values.length && shapes.size === 1 && !shapes.has(undefined)) return values[0]!;
    return { kind: 'unknown', why: `Fn::FindInMap [${shown}] differs between the partitions of the Regions the stack deploys to (${[...seen].join(', ')})`, node, identity: `FindInMap(${shown})`, decides: 'AWS::Partition' };
  }

  /** The mapping's top-level keys that name a Region. */
  private regionKeys(name: string): string[] {
    return (asMap(valueOf(this.template.mappings, name))?.pairs ?? []).map((p) => p.key.value).filter((k): k is string => typeof k === 'string' && isRegionShaped(k));
  }

  /** What the Fn::FindInMap at `node` reads (cfn/find-in-map.ts); undefined when its keys are not known. */
  lookup(node: Node): MapLookup | undefined {
    this.value(node);
    return this.lookups.get(node);
  }

  /** A stable description of a node's value, to compare unknowns structurally. */
  private identity(arg: Node | null, depth: number): string {
    if (!arg) return '';
    const v = this.resolve(arg, depth + 1);
    return withPseudos(v) ?? (asScalar(arg) ? String(asScalar(arg)!.value) : '?');
  }
}

/** A Region's entry with that Region's name written as AWS::Region: the same text in a stack there. */
function asRegion(v: Value, region: string): Value {
  if (v.kind === 'list') return { ...v, items: v.items.map((i) => asRegion(i, region)) };
  if (v.kind !== 'str' || !v.parts.some((p) => 'lit' in p && p.lit.includes(region))) return v;
  const parts: Part[] = [];
  for (const p of v.parts) {
    if (!('lit' in p)) {
      parts.push(p);
      continue;
    }
    pushWithRegion(parts, p.lit, region);
  }
  return { ...v, parts };
}

/** Adds `lit` to `parts` with each `region` in it written as AWS::Region. */
function pushWithRegion(parts: Part[], lit: string, region: string): void {
  lit.split(region).forEach((piece, i) => {
    if (i > 0) parts.push({ pseudo: 'AWS::Region' });
    pushLit(parts, piece);
  });
}

/** A value's text (a list's items' texts), pseudo parameters written symbolically, to compare entries; undefined when not all known. */
function shapeOf(v: Value): string | undefined {
  if (v.kind !== 'list') return withPseudos(v);
  const items = v.items.map(withPseudos);
  return items.every((i) => i !== undefined) ? JSON.stringify(items) : undefined;
}

/** `!Ref` of a pseudo parameter (or a Sub of it alone), whole. */
function isPseudoRef(v: Value, pseudo: Pseudo): boolean {
  return v.kind === 'str' && v.parts.length === 1 && 'pseudo' in v.parts[0]! && v.parts[0].pseudo === pseudo;
}

/** `!Ref AWS::Region` (or a Sub of it alone): the stack's Region, whole. */
function isRegionRef(v: Value): boolean {
  return v.kind === 'str' && v.parts.length === 1 && 'pseudo' in v.parts[0]! && v.parts[0].pseudo === 'AWS::Region';
}

/** How a key known only at deploy time is named: the pseudo parameter, parameter or condition it rests on. */
function keyName(v: Value): string {
  if (v.kind === 'str') {
    const pseudo = v.parts.find((p): p is { pseudo: Pseudo } => 'pseudo' in p);
    if (pseudo) return pseudo.pseudo;
  }
  if (v.kind === 'unknown') return v.decides ?? v.identity ?? /^(AWS::\w+)/.exec(v.why)?.[1] ?? 'a value known only at deploy time';
  if (v.kind === 'if') return `condition ${v.condition}`;
  return 'a computed key';
}

/** The parameters the parts of a text rest on, gathered as it is put together. */
class Uses {
  private readonly list: { parameter: string; value: string }[] = [];

  add(v: Value): void {
    for (const p of parametersOf(v)) if (!this.list.some((u) => u.parameter === p.parameter)) this.list.push(p);
  }

  /** The value, marked with what it rests on (a list's strings each); unchanged when it rests on nothing. */
  onto(v: Value): Value {
    if (!this.list.length) return v;
    if (v.kind === 'list') return { ...v, items: v.items.map((i) => this.onto(i)) };
    if (v.kind !== 'str') return v;
    const own = parametersOf(v).filter((p) => !this.list.some((u) => u.parameter === p.parameter));
    return { kind: 'str', parts: v.parts, node: v.node, fromParameters: [...this.list, ...own] };
  }
}

/** A custom resource (its physical id and attributes are whatever its function returns). */
function isCustom(type: string | undefined): boolean {
  return type !== undefined && (type.startsWith('Custom::') || type === 'AWS::CloudFormation::CustomResource');
}

// A custom resource's Ref or attribute is what its function returns at deploy time: not the custom
// resource as an element, and it may be the id of one the template creates (a lookup given nothing of
// the stack still finds it by its tags). The value decides: a trace names it.
function customValue(what: string, node: Node): Value {
  return { kind: 'unknown', why: `${what} is what custom resource ${what.split('.')[0]} returns, known only at deploy time`, node, identity: what, decides: what };
}

function unknown(why: string, node: Node | null, identity?: string): Value {
  return identity ? { kind: 'unknown', why, node, identity } : { kind: 'unknown', why, node };
}

function pushLit(parts: Part[], text: string): void {
  if (!text) return;
  const last = parts[parts.length - 1];
  if (last && 'lit' in last) parts[parts.length - 1] = { lit: last.lit + text };
  else parts.push({ lit: text });
}

function partsOf(value: Value, what: string): Part[] {
  if (value.kind === 'str') return value.parts;
  if (value.kind === 'num' || value.kind === 'bool') return [{ lit: String(value.value) }];
  if (value.kind === 'if') {
    // Both branches the same text: still known. Otherwise it depends on a condition.
    const texts = new Set(branches(value).map((b) => withPseudos(b.value)));
    if (texts.size === 1) {
      const only = branches(value)[0]!.value;
      if (only.kind === 'str') return only.parts;
    }
    return [{ unknown: `${what} depends on condition ${value.condition}` }];
  }
  // What decides it travels with the piece: a service name whose Region is this piece names it (cfn/endpoints.ts).
  if (value.kind === 'unknown') return [{ unknown: value.why, node: value.node, ...(value.decides ? { decides: value.decides } : {}), ...(value.identity ? { identity: value.identity } : {}) }];
  if (value.kind === 'ref') return [{ unknown: `${what} is an attribute of ${value.target}` }];
  return [{ unknown: `${what} is not a string` }];
}
