// CloudFormation's YAML short forms and the long-form key each stands for.
// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/intrinsic-function-reference.html
// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/rules-section-structure.html (Rules functions)

const FN_TAGS = [
  'And', 'Base64', 'Cidr', 'Equals', 'FindInMap', 'GetAtt', 'GetAZs', 'If', 'ImportValue', 'Join', 'Length',
  'Not', 'Or', 'Select', 'Split', 'Sub', 'ToJsonString', 'Transform',
  // Rules-section functions
  'Contains', 'EachMemberEquals', 'EachMemberIn', 'RefAll', 'ValueOf', 'ValueOfAll',
] as const;

const LONG_FORM = new Map<string, string>([
  ['!Ref', 'Ref'],
  ['!Condition', 'Condition'],
  ...FN_TAGS.map((name) => [`!${name}`, `Fn::${name}`] as [string, string]),
]);

/** `!GetAtt` → `Fn::GetAtt`; undefined for a tag CloudFormation does not know. */
export function longFormOf(tag: string): string | undefined {
  return LONG_FORM.get(tag);
}

/** Every tag CloudFormation accepts, for editors that must be told about them (yaml.customTags). */
export function cfnTagNames(): string[] {
  return [...LONG_FORM.keys()];
}

/** Keys that make a one-key map an intrinsic function rather than data. */
export function isIntrinsicKey(key: string): boolean {
  return key === 'Ref' || key === 'Condition' || key.startsWith('Fn::');
}
