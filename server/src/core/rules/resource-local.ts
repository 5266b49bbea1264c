// Rules whose findings rest only on the resource they name: its own properties, its own policy, the
// service catalogue and the settings. When another part of the template does not parse, these still
// speak on the resources that did (engine.ts). Every other rule compares resources (route tables,
// subnets, security groups, other endpoints, the VPC) and stays silent until the whole text parses:
// the resource that did not parse may be the very one it looks for, and its absence is no fact.

export const RESOURCE_LOCAL_RULES: ReadonlySet<string> = new Set([
  'VPCE1001', 'VPCE1002', 'VPCE1003',
  'VPCE2001', 'VPCE2002', 'VPCE2003', 'VPCE2004',
  'VPCE3001', 'VPCE3002', 'VPCE3003',
  'VPCE8001', 'VPCE8002', 'VPCE8003',
  'VPCE9001', 'VPCE9002', 'VPCE9003', 'VPCE9004', 'VPCE9005', 'VPCE9006', 'VPCE9007', 'VPCE9008',
  'VPCE9009', 'VPCE9010', 'VPCE9011', 'VPCE9012', 'VPCE9013', 'VPCE9014', 'VPCE9015', 'VPCE9016',
]);
