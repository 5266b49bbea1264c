import type { UndeclaredData } from '../tf/undeclared.js';
import type { Finding } from '../findings.js';
import type { Rule } from './types.js';

// Terraform only: a CloudFormation template's references to what it does not declare are VPCE0007's
// (its "Unresolved resource dependencies"). Terraform's own check is found while its files are read
// (tf/undeclared.ts), so this rule reports those problems, with the declared name a reference most
// likely means as the data of its quick fix (tf/fixes: "Change to ...").
const meta = {
  id: 'VPCE0005',
  severity: 'error',
  title: 'Reference to an undeclared Terraform variable, local value, resource, data source or module',
  why:
    'Terraform rejects a configuration that refers to var.x, local.x, aws_subnet.x, data.aws_vpc.x or module.x without declaring it ("Reference to undeclared input variable", "Reference to undeclared resource", "Reference to undeclared module"): nothing is planned, and the value it stands for is unknown here, so the checks that need it stay silent. ' +
    'Names of Terraform\'s own (each, count, self, path, terraform), for-expression symbols, dynamic blocks\' iterators, check blocks\' scoped data sources and the addresses moved, import and removed blocks name are not references to declarations.',
  docs: 'https://developer.hashicorp.com/terraform/language/expressions/references',
} as const;

export const undeclaredReference: Rule<UndeclaredData> = {
  meta,
  check: (ctx) =>
    ctx.problems
      .filter((p) => p.code === 'undeclared')
      .map((p): Finding<UndeclaredData> => ({ ruleId: meta.id, severity: meta.severity, message: p.message, start: p.start, end: p.end, ...(p.data ? { data: p.data as UndeclaredData } : {}) })),
};
