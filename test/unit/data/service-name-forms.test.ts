// The ServiceName forms real templates use are AWS services, not unknown names or misspellings: names AWS makes
// per cluster or cell (Aurora DSQL connection endpoints, Timestream cells), the China prefix, fixed-region and
// region-less names. Each is judged with its service's facts, and two names of one family stay two services.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lintTemplate } from '../../../server/src/core/engine.js';
import { parseServiceName, serviceByPattern, suggestService } from '../../../server/src/core/data/catalogue.js';

const HEAD = `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  Vpc:
    Type: AWS::EC2::VPC
    Properties:
      CidrBlock: 10.0.0.0/16
      EnableDnsSupport: true
      EnableDnsHostnames: true
  SubnetA:
    Type: AWS::EC2::Subnet
    Properties:
      VpcId: !Ref Vpc
      CidrBlock: 10.0.1.0/24
      AvailabilityZone: !Select [0, !GetAZs '']
  Tls:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: HTTPS from the VPC
      VpcId: !Ref Vpc
      SecurityGroupIngress:
        - IpProtocol: tcp
          FromPort: 443
          ToPort: 443
          CidrIp: 10.0.0.0/16
`;

function endpoint(id: string, serviceName: string, extra = ''): string {
  return `  ${id}:
    Type: AWS::EC2::VPCEndpoint
    Properties:
      VpcId: !Ref Vpc
      ServiceName: ${serviceName}
      VpcEndpointType: Interface
      PrivateDnsEnabled: true
      SubnetIds: [!Ref SubnetA]
      SecurityGroupIds: [!Ref Tls]
${extra}`;
}

function findings(body: string, regions: string[] = []): string[] {
  return lintTemplate(HEAD + body, { regions }).findings.map((f) => `${f.ruleId} ${f.message}`);
}

test('per-cluster and per-cell names are known services with their family facts', () => {
  const dsql = parseServiceName('com.amazonaws.${AWS::Region}.dsql-fnh4');
  assert.equal(dsql?.pattern, 'com.amazonaws.{region}.dsql-fnh4', 'the name stays the cluster\'s own');
  assert.equal(dsql?.info?.pattern, 'com.amazonaws.{region}.dsql-{cluster}');
  assert.equal(dsql?.info?.privateDns, true);
  assert.equal(serviceByPattern('com.amazonaws.{region}.dsql-fnh4'), dsql?.info);
  // The management endpoint is its own entry, not a member of the family.
  assert.equal(parseServiceName('com.amazonaws.${AWS::Region}.dsql')?.info?.pattern, 'com.amazonaws.{region}.dsql');
  for (const [name, form] of <[string, string][]>[
    ['com.amazonaws.us-west-2.timestream.ingest-cell1', 'com.amazonaws.{region}.timestream.ingest-{cell}'],
    ['com.amazonaws.${AWS::Region}.timestream.query-cell2', 'com.amazonaws.{region}.timestream.query-{cell}'],
  ]) {
    assert.equal(parseServiceName(name)?.info?.pattern, form, name);
  }
  // A placeholder is one run of letters and digits: no dots, no capitals, not empty.
  for (const name of ['com.amazonaws.us-east-1.dsql-', 'com.amazonaws.us-east-1.dsql-ab.cd', 'com.amazonaws.us-east-1.timestream.ingest-Cell1']) {
    assert.equal(parseServiceName(name)?.info, undefined, name);
  }
});

test('real name forms raise no unknown-service warning; a misspelling still does', () => {
  const body = [
    endpoint('DsqlCluster', '!Sub com.amazonaws.${AWS::Region}.dsql-fnh4'),
    endpoint('TimestreamWrite', '!Sub com.amazonaws.${AWS::Region}.timestream.ingest-cell1'),
    endpoint('CognitoUserPools', '!Sub com.amazonaws.${AWS::Region}.cognito-idp'),
    endpoint('S3Tables', '!Sub com.amazonaws.${AWS::Region}.s3tables'),
    endpoint('MultiRegionAccessPoints', 'com.amazonaws.s3-global.accesspoint'),
    endpoint('KafkaDualStack', '!Sub aws.api.${AWS::Region}.kafka-api'),
    endpoint('StsFips', '!Sub com.amazonaws.${AWS::Region}.sts-fips'),
    endpoint('S3Fips', '!Sub com.amazonaws.${AWS::Region}.s3-fips'),
    endpoint('S3Vectors', '!Sub com.amazonaws.${AWS::Region}.s3vectors'),
    endpoint('MwaaFipsAsTheMwaaPageSpellsIt', '!Sub com.amazonaws.${AWS::Region}.airflow-fips.api'),
    endpoint('MwaaFipsAsThePrivateLinkTableSpellsIt', '!Sub com.amazonaws.${AWS::Region}.airflow.api-fips'),
    endpoint('AmazonConnectService', '!Sub com.amazonaws.${AWS::Region}.connect'),
    endpoint('AmazonConnectFips', '!Sub com.amazonaws.${AWS::Region}.connect-fips'),
    endpoint('BatchFips', '!Sub com.amazonaws.${AWS::Region}.batch-fips'),
    endpoint('MailManagerOpenIngress', '!Sub com.amazonaws.${AWS::Region}.mail-manager-smtp.open'),
    endpoint('MailManagerAuthIngress', '!Sub com.amazonaws.${AWS::Region}.mail-manager-smtp.auth'),
    endpoint('BackupDataPlane', '!Sub com.amazonaws.${AWS::Region}.backup-storage'),
    endpoint('HealthOmicsStorageFips', '!Sub com.amazonaws.${AWS::Region}.storage-omics-fips'),
    endpoint('TransformWebApp', '!Sub com.amazonaws.${AWS::Region}.api.transform'),
    endpoint('TransformAgents', '!Sub com.amazonaws.${AWS::Region}.transform-agents'),
    endpoint('QuickSuiteApi', '!Sub com.amazonaws.${AWS::Region}.quicksight'),
    endpoint('QuickSuiteApiFips', '!Sub com.amazonaws.${AWS::Region}.quicksight-fips'),
    endpoint('IncidentManagerDualStack', '!Sub aws.api.${AWS::Region}.ssm-incidents'),
    endpoint('IncidentContactsDualStack', '!Sub aws.api.${AWS::Region}.ssm-contacts'),
    endpoint('Typo', '!Sub com.amazonaws.${AWS::Region}.timestreem.ingest-cell1'),
  ].join('');
  const unknown = findings(body).filter((f) => f.startsWith('VPCE2003'));
  assert.deepEqual(unknown, ['VPCE2003 Typo: com.amazonaws.${AWS::Region}.timestreem.ingest-cell1 is not a known AWS endpoint service; did you mean com.amazonaws.${AWS::Region}.timestream.ingest-{cell}?']);
  // The form is named, but not offered as a quick fix: its placeholder would be written into the template.
  const typo = lintTemplate(HEAD + body, { regions: [] }).findings.find((f) => f.ruleId === 'VPCE2003');
  assert.equal(typo?.data, undefined);
  assert.equal(suggestService('com.amazonaws.{region}.timestream.ingest-cel1')?.pattern, 'com.amazonaws.{region}.timestream.ingest-{cell}');
});

test('two DSQL clusters in one VPC are two services: both endpoints take private DNS', () => {
  const body = endpoint('ClusterA', '!Sub com.amazonaws.${AWS::Region}.dsql-fnh4') + endpoint('ClusterB', '!Sub com.amazonaws.${AWS::Region}.dsql-k2x9');
  assert.deepEqual(findings(body).filter((f) => f.startsWith('VPCE5002')), []);
  // The same cluster twice is the duplicate it looks like.
  const twice = endpoint('ClusterA', '!Sub com.amazonaws.${AWS::Region}.dsql-fnh4') + endpoint('ClusterA2', '!Sub com.amazonaws.${AWS::Region}.dsql-fnh4');
  assert.equal(findings(twice).filter((f) => f.startsWith('VPCE5002')).length > 0, true);
});

test('private DNS left off: the advice names the endpoint, not its family form', () => {
  const body = endpoint('DsqlCluster', '!Sub com.amazonaws.${AWS::Region}.dsql-fnh4').replace('      PrivateDnsEnabled: true\n', '');
  const [f] = findings(body).filter((x) => x.startsWith('VPCE5003'));
  assert.match(f ?? '', /default dsql-fnh4 name/);
});

test('region rules read the region of a family name and of the China prefix', () => {
  const body = endpoint('TimestreamWrite', 'com.amazonaws.us-west-2.timestream.ingest-cell1') + endpoint('EcrChina', 'cn.com.amazonaws.cn-north-1.ecr.api');
  const out = findings(body, ['us-west-2']);
  // us-west-2 is where it deploys: only the portability warning for the literal region.
  assert.deepEqual(out.filter((f) => /VPCE300[12]/.test(f)).map((f) => f.split(':')[0]), ['VPCE3002 TimestreamWrite', 'VPCE3001 EcrChina']);
  assert.deepEqual(out.filter((f) => f.startsWith('VPCE2003')), []);
  // A name AWS prints with a fixed region (Route 53 Global Resolver) is exact: no region advice.
  assert.deepEqual(findings(endpoint('GlobalResolver', 'aws.api.us-east-2.route53globalresolver'), ['eu-west-1']).filter((f) => /VPCE(300|2003)/.test(f)), []);
});

test('S3 Express One Zone is reached through a gateway endpoint only', () => {
  const out = findings(endpoint('Express', '!Sub com.amazonaws.${AWS::Region}.s3express'));
  assert.ok(out.some((f) => f.startsWith('VPCE2001 Express: s3express has no Interface endpoint, only Gateway')), out.join('\n'));
});

test('an endpoint policy on an endpoint whose page says it takes none is reported as not enforced', () => {
  // SES's ingress page: "VPC endpoints used with ingress endpoints do not support VPC endpoint policies"; Amazon
  // Inspector's page: "VPC endpoint policies are not supported for Amazon Inspector" (it lists inspector2 and
  // inspector-scan); EventBridge's: "VPC endpoints to pipes-data do not support VPC Endpoint resource policies";
  // Managed Grafana's: workspace endpoints "do not support VPC endpoint policies". All were unknown before the
  // eighth pass, so the policy was taken on trust.
  const policy = `      PolicyDocument:
        Statement:
          - Effect: Allow
            Principal: '*'
            Action: '*'
            Resource: '*'
`;
  const body = [
    endpoint('MailIngress', '!Sub com.amazonaws.${AWS::Region}.mail-manager-smtp.open', policy),
    endpoint('InspectorScan', '!Sub com.amazonaws.${AWS::Region}.inspector-scan', policy),
    endpoint('PipesData', '!Sub com.amazonaws.${AWS::Region}.pipes-data', policy),
    endpoint('GrafanaWorkspace', '!Sub com.amazonaws.${AWS::Region}.grafana-workspace', policy),
  ].join('');
  assert.deepEqual(findings(body).filter((f) => f.startsWith('VPCE2004')).map((f) => f.split(':')[0]), [
    'VPCE2004 MailIngress',
    'VPCE2004 InspectorScan',
    'VPCE2004 PipesData',
    'VPCE2004 GrafanaWorkspace',
  ]);
});

test('private DNS on an AWS IoT Core data or credential provider endpoint is refused; on the control plane it is what AWS sets', () => {
  // AWS IoT Core's PrivateLink page: "Neither AWS IoT Core data plane nor AWS IoT Core credential provider supports
  // private DNS names yet", while for the control plane "Enable DNS name is selected by default". Real templates
  // set PrivateDnsEnabled: false on iot.data and build the private hosted zone themselves.
  const body = [
    endpoint('IotData', '!Sub com.amazonaws.${AWS::Region}.iot.data'),
    endpoint('IotCredentials', '!Sub com.amazonaws.${AWS::Region}.iot.credentials'),
    endpoint('IotControlPlane', '!Sub com.amazonaws.${AWS::Region}.iot.api'),
  ].join('');
  assert.deepEqual(findings(body).filter((f) => f.startsWith('VPCE5005')).map((f) => f.split(':')[0]), ['VPCE5005 IotData', 'VPCE5005 IotCredentials']);
  const off = endpoint('IotData', '!Sub com.amazonaws.${AWS::Region}.iot.data').replace('PrivateDnsEnabled: true', 'PrivateDnsEnabled: false');
  assert.deepEqual(findings(off).filter((f) => /VPCE500[35]/.test(f)), [], 'private DNS off is what the page asks for: no advice to turn it on');
});

test('left at CloudFormation\'s default, private DNS gets plain advice where a ninth-pass page states the service offers it', () => {
  // Each page says that with private DNS on, the default name reaches the endpoint (Performance Insights, Resource
  // Groups, Resource Explorer's aws.api names, Billing and Cost Management for tax and the Price List API, Quick
  // Suite's API), or has you "Enable private DNS names" for it (the MGN connector page). Before the ninth pass the
  // advice was hedged ("if ... offers private DNS") and `quicksight` was called an unknown service.
  const names = [
    'com.amazonaws.${AWS::Region}.pi',
    'com.amazonaws.${AWS::Region}.resource-groups',
    'aws.api.${AWS::Region}.resource-explorer-2',
    'aws.api.${AWS::Region}.resource-explorer-2-fips',
    'com.amazonaws.${AWS::Region}.tax',
    'com.amazonaws.${AWS::Region}.pricing.api',
    'com.amazonaws.${AWS::Region}.mgn',
    'com.amazonaws.${AWS::Region}.quicksight',
  ];
  const body = names.map((name, i) => endpoint(`E${i}`, `!Sub ${name}`).replace('      PrivateDnsEnabled: true\n', '')).join('');
  const advice = findings(body).filter((f) => f.startsWith('VPCE5003'));
  assert.equal(advice.length, names.length, advice.join('\n'));
  for (const line of advice) assert.match(line, /add PrivateDnsEnabled: true$/, line);
});

test('private DNS left off where the service page offers the default name: VPCE5003 says to turn it on, without doubt', () => {
  // Each page says the default name reaches the endpoint once private DNS is on: AWS IoT FleetWise ("the default AWS
  // IoT FleetWise endpoint resolves to your VPC endpoint"), Billing Conductor and Billing and Cost Management ("API
  // requests ... using its default Regional DNS name"), GuardDuty Runtime Monitoring (its set-up for guardduty-data
  // chooses Enable DNS name), managed integrations for AWS IoT Device Management ("requests to the ... public service
  // endpoints resolve to your Amazon VPC endpoint"), Amazon Keyspaces (its tutorial's endpoint lists cassandra.<region>.amazonaws.com
  // among its DNS entries). All were unknown before the ninth pass, so the advice was hedged
  // ("if <service> offers private DNS").
  const off = (id: string, name: string) => endpoint(id, `!Sub com.amazonaws.\${AWS::Region}.${name}`).replace('      PrivateDnsEnabled: true\n', '');
  const services: [string, string][] = [
    ['FleetWise', 'iotfleetwise'],
    ['BillingConductor', 'billingconductor'],
    ['Billing', 'billing'],
    ['GuardDutyRuntime', 'guardduty-data'],
    ['ManagedIntegrations', 'iotmanagedintegrations.api'],
    ['Keyspaces', 'cassandra'],
  ];
  const advice = findings(services.map(([id, name]) => off(id, name)).join('')).filter((f) => f.startsWith('VPCE5003'));
  assert.deepEqual(advice.map((f) => f.split(':')[0]), services.map(([id]) => `VPCE5003 ${id}`));
  for (const f of advice) assert.match(f, /do not use this endpoint; add PrivateDnsEnabled: true$/, f);
});
