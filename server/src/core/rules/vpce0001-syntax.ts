import { problemsAsFindings } from './document-problems.js';
import type { Rule } from './types.js';

const meta = {
  id: 'VPCE0001',
  severity: 'error',
  title: 'YAML or JSON syntax error',
  why: 'CloudFormation rejects a template it cannot parse; tabs are not allowed as YAML indentation, and inside { } or [ ] a plain value cannot begin with ":" (YAML 1.1, which CloudFormation reads: `{ DestinationIpv6CidrBlock: ::/0 }`). That value\'s quick fix quotes it.',
  docs: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/template-formats.html',
  // Terraform reads .tf files as its native syntax and .tf.json files as JSON: https://developer.hashicorp.com/terraform/language/syntax/json
  terraform: {
    why:
      'Terraform rejects a configuration it cannot parse: a .tf file is read in Terraform\'s native syntax (HCL), a .tf.json file as JSON, and a syntax error in either stops terraform validate, plan and apply before anything is planned.',
    docs: 'https://developer.hashicorp.com/terraform/language/syntax/configuration',
  },
} as const;

/** `{quote}`: a plain value YAML 1.1 rejects where it stands (`::/0` inside { }), to be written quoted. */
export type SyntaxData = { quote?: string };

export const syntaxError: Rule<SyntaxData> = {
  meta,
  check: (ctx) => problemsAsFindings(meta, ctx.problems, ['syntax', 'tab']),
};
