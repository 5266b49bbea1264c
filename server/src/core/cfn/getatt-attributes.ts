// Which attribute names `Fn::GetAtt` may read of a resource type, for the types whose set we know:
// the network types we ship schemas for (schemas/cfn/attributes.json, generated from the CloudFormation
// resource specification: each type's readOnlyProperties, which the "Return values" section of its
// Template Reference page documents). CloudFormation rejects any other name ("Template error: resource X
// does not support attribute type Y in Fn::GetAtt").
// https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/intrinsic-function-reference-getatt.html
// https://docs.amazonaws.cn/en_us/AWSCloudFormation/latest/TemplateReference/aws-resource-ec2-vpc.md (its Return values)
//
// A wrong error costs more than a missing one, so a name is called invalid only when cfn-lint (1.51, its
// E1010/E6101 lists in every partition) rejects it too: cfn-lint also accepts every property, and any
// path into an object property, of AWS::EC2::VPC, AWS::EC2::Subnet and AWS::EC2::SecurityGroup
// (CloudFormation returns those for these types), and we accept any name under such a property or under
// an attribute (`VpcEncryptionControl.State`, `PrivateDnsNameConfiguration.Name`): CloudFormation
// reads nested `Attr.Sub` names beyond what the documentation lists.

import attributes from '../../../../schemas/cfn/attributes.json';

/** Types whose every top-level property Fn::GetAtt also reads (cfn-lint's _all_property_types). */
const PROPERTIES_ARE_ATTRIBUTES: ReadonlySet<string> = new Set(['AWS::EC2::SecurityGroup', 'AWS::EC2::Subnet', 'AWS::EC2::VPC']);

interface TypeAttributes {
  attributes: readonly string[];
  properties: readonly string[];
}

interface Readable {
  /** Every name Fn::GetAtt reads of the type, nested ones (`A.B`) included. */
  all: ReadonlySet<string>;
  /** The top-level ones, sorted: what a message lists and a suggestion is taken from. */
  top: readonly string[];
}

const TYPES: Readonly<Record<string, TypeAttributes>> = attributes.types;
const cache = new Map<string, Readable>();

/** What `Fn::GetAtt` reading `attribute` of a resource of `type` is: known good, certainly rejected, or not ours to say. */
export type AttributeVerdict = { kind: 'valid' } | { kind: 'invalid'; valid: readonly string[] } | { kind: 'unknown' };

export function attributeVerdict(type: string, attribute: string): AttributeVerdict {
  const names = readable(type);
  if (!names) return { kind: 'unknown' };
  if (names.all.has(attribute)) return { kind: 'valid' };
  const head = attribute.split('.')[0]!;
  // Under a known name, or a prefix of one: a nested name CloudFormation may read.
  for (const n of names.all) if (n === head || n.startsWith(`${head}.`)) return { kind: 'unknown' };
  return { kind: 'invalid', valid: names.top };
}

function readable(type: string): Readable | undefined {
  let out = cache.get(type);
  const known = out || !Object.hasOwn(TYPES, type) ? undefined : TYPES[type];
  if (known) {
    const all = new Set([...known.attributes, ...(PROPERTIES_ARE_ATTRIBUTES.has(type) ? known.properties : [])]);
    cache.set(type, (out = { all, top: [...all].filter((n) => !n.includes('.')).sort() }));
  }
  return out;
}
