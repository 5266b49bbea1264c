// A FIPS endpoint is its own endpoint service: AWS documents FIPS endpoints that lack what their base API has
// (SageMaker AI's FIPS runtime endpoint takes no endpoint policy for InvokeEndpoint, WorkSpaces' FIPS endpoints
// take none at all, Neptune Analytics has no FIPS data-plane endpoint). So a `-fips` name holds a policy or
// private DNS fact only when a page read names that FIPS endpoint next to the statement; the 2026-12-02 audit
// found 23 facts that had been copied from the base name instead (SERVICES.md, "Seventh pass").

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

interface Entry {
  pattern: string;
  policy: boolean | null;
  privateDns: boolean | null;
  cite: Record<string, string>;
}
const data = JSON.parse(readFileSync(new URL('../../../server/src/core/data/services.json', import.meta.url), 'utf8')) as { services: Entry[] };

// The pages that name a FIPS endpoint next to a policy or private DNS statement, and the FIPS names each one
// names. A page is added here only after it has been read for that name.
const FIPS_NAMED_ON: Record<string, string[]> = {
  'batch-vpc-endpoint-create': ['com.amazonaws.{region}.batch-fips'],
  'cloudformation-privatelink': ['com.amazonaws.{region}.cloudformation-fips'],
  'controltower-privatelink': ['com.amazonaws.{region}.controltower-fips'],
  'detective-privatelink': ['com.amazonaws.{region}.detective-fips'],
  'ebs-privatelink': ['com.amazonaws.{region}.ebs-fips'],
  'efs-privatelink': ['com.amazonaws.{region}.elasticfilesystem-fips'],
  'eks-privatelink': ['com.amazonaws.{region}.eks-fips'],
  'entityresolution-privatelink': ['com.amazonaws.{region}.entityresolution-fips'],
  'eventbridge-privatelink': ['com.amazonaws.{region}.pipes-fips'],
  'healthomics-privatelink': [
    'com.amazonaws.{region}.analytics-omics-fips',
    'com.amazonaws.{region}.control-storage-omics-fips',
    'com.amazonaws.{region}.storage-omics-fips',
    'com.amazonaws.{region}.tags-omics-fips',
    'com.amazonaws.{region}.workflows-omics-fips',
  ],
  'iot-core-privatelink': ['com.amazonaws.{region}.iot-fips.api'],
  'iot-secure-tunneling-privatelink': ['com.amazonaws.{region}.iot-fips.tunneling.data'],
  'fsx-privatelink': ['com.amazonaws.{region}.fsx-fips'],
  'forecast-privatelink': ['com.amazonaws.{region}.forecast-fips', 'com.amazonaws.{region}.forecastquery-fips'],
  'guardduty-privatelink': ['com.amazonaws.{region}.guardduty-fips'],
  'cloudmap-privatelink': ['com.amazonaws.{region}.servicediscovery-fips', 'com.amazonaws.{region}.data-servicediscovery-fips'],
  'cloudwatch-privatelink': ['com.amazonaws.{region}.internetmonitor-fips'],
  'connect-privatelink': ['com.amazonaws.{region}.connect-fips'],
  'kms-privatelink': ['com.amazonaws.{region}.kms-fips'],
  'license-manager-privatelink': ['com.amazonaws.{region}.license-manager-fips'],
  'msk-privatelink': ['aws.api.{region}.kafka-api-fips'],
  'mq-connect': ['com.amazonaws.{region}.mq-fips'],
  'neptune-analytics-privatelink-considerations': ['com.amazonaws.{region}.neptune-graph-fips'],
  'neptune-analytics-privatelink-access': ['com.amazonaws.{region}.neptune-graph-fips'],
  'quicksight-privatelink': ['com.amazonaws.{region}.quicksight-fips'],
  'resource-explorer-privatelink': ['aws.api.{region}.resource-explorer-2-fips'],
  'securitylake-privatelink': ['com.amazonaws.{region}.securitylake-fips'],
  'ses-mail-manager-ingress': ['com.amazonaws.{region}.mail-manager-smtp.auth.fips', 'com.amazonaws.{region}.mail-manager-smtp.open.fips'],
  'sqs-privatelink': ['com.amazonaws.{region}.sqs-fips'],
  'textract-privatelink': ['com.amazonaws.{region}.textract-fips'],
  'transfer-api-privatelink': ['com.amazonaws.{region}.transfer-fips'],
};

const isFips = (pattern: string) => /fips/.test(pattern);

test('a FIPS endpoint holds a policy or private DNS fact only from a page that names it', () => {
  const copied: string[] = [];
  for (const s of data.services.filter((e) => isFips(e.pattern))) {
    for (const fact of ['policy', 'privateDns'] as const) {
      if (s[fact] === null) continue;
      const source = s.cite[fact] ?? '';
      if (!(FIPS_NAMED_ON[source] ?? []).includes(s.pattern)) copied.push(`${s.pattern} ${fact} (${source})`);
    }
  }
  assert.deepEqual(copied, [], 'facts of a FIPS endpoint cited to a page that does not name it');
});

test('the archived PrivateLink table names no endpoint, so no FIPS fact cites it', () => {
  // Its rows are per service ("Amazon EMR: Yes"); mapping a row to a FIPS name was the mistake this file guards.
  const cited = data.services.filter((s) => isFips(s.pattern) && Object.values(s.cite).includes('privatelink-services-legacy')).map((s) => s.pattern);
  assert.deepEqual(cited, []);
});
