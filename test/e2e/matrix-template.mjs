// The template of the matrix e2e test: the classic layouts (test/fixtures/trace/classic.yaml) plus a
// subnet whose default route exists only under a condition (conditional cells), one whose route table is
// a parameter without a default (unknown cells), and enough plain subnets that the matrix scrolls both
// ways in a narrow panel.
export function matrixTemplate(classic) {
  const params = 'Parameters:\n  UseNat: {Type: String, Default: "true", AllowedValues: ["true", "false"]}\n  SharedRt: {Type: String}\n';
  const conds = 'Conditions:\n  NatOn: !Equals [!Ref UseNat, "true"]\n';
  const extra = [
    '  CondSubnet:\n    Type: AWS::EC2::Subnet\n    Properties: {VpcId: !Ref Vpc, CidrBlock: 10.0.20.0/24}',
    '  CondRt:\n    Type: AWS::EC2::RouteTable\n    Properties: {VpcId: !Ref Vpc}',
    '  CondDefault:\n    Type: AWS::EC2::Route\n    Condition: NatOn\n    Properties: {RouteTableId: !Ref CondRt, DestinationCidrBlock: 0.0.0.0/0, NatGatewayId: !Ref Nat}',
    '  CondAssoc:\n    Type: AWS::EC2::SubnetRouteTableAssociation\n    Properties: {SubnetId: !Ref CondSubnet, RouteTableId: !Ref CondRt}',
    '  UnknownSubnet:\n    Type: AWS::EC2::Subnet\n    Properties: {VpcId: !Ref Vpc, CidrBlock: 10.0.21.0/24}',
    '  UnknownAssoc:\n    Type: AWS::EC2::SubnetRouteTableAssociation\n    Properties: {SubnetId: !Ref UnknownSubnet, RouteTableId: !Ref SharedRt}',
    ...Array.from({ length: 24 }, (_, i) => `  BulkSubnet${i + 1}:\n    Type: AWS::EC2::Subnet\n    Properties: {VpcId: !Ref Vpc, CidrBlock: 10.0.${100 + i}.0/24}`),
  ].join('\n') + '\n';
  return classic
    .replace(/^Parameters:\n/m, params)
    .replace(/^Conditions:\n/m, conds)
    .replace(/^Resources:\n/m, `Resources:\n${extra}`);
}
