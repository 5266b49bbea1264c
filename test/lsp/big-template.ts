// Templates of a chosen size for the tests of large documents: `count` security groups, each a
// dozen lines, after one VPC; valid, and without findings, so the only thing that varies is the size.

export function bigTemplate(count: number): string {
  const out = ['AWSTemplateFormatVersion: "2010-09-09"', 'Resources:', '  Vpc:', '    Type: AWS::EC2::VPC', '    Properties:', '      CidrBlock: 10.0.0.0/16'];
  for (let i = 0; i < count; i++) {
    out.push(
      `  Group${i}:`,
      '    Type: AWS::EC2::SecurityGroup',
      '    Properties:',
      `      GroupDescription: "Group number ${i} of a large template"`,
      '      VpcId: !Ref Vpc',
      '      SecurityGroupIngress:',
      '        - IpProtocol: tcp',
      '          FromPort: 443',
      '          ToPort: 443',
      '          CidrIp: 10.0.0.0/16',
    );
  }
  return out.join('\n') + '\n';
}
