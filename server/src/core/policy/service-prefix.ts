// Which IAM service prefix an endpoint's policy is about. Most endpoint services are named after their
// IAM prefix (com.amazonaws.<region>.ssm → ssm); the exceptions are listed with the page that names them.

import { iam } from './iam.js';

// https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html
const EXCEPTIONS: Record<string, string> = {
  monitoring: 'cloudwatch',
  'ecr.api': 'ecr',
  'ecr.dkr': 'ecr',
  'email-smtp': 'ses',
  email: 'ses',
  'git-codecommit': 'codecommit',
  'aws.sagemaker.notebook': 'sagemaker',
  'aws.sagemaker.studio': 'sagemaker',
  'sagemaker.api': 'sagemaker',
  'sagemaker.runtime': 'sagemaker',
  'execute-api': 'execute-api',
  's3-global.accesspoint': 's3',
  'elasticfilesystem-fips': 'elasticfilesystem',
};

/** The IAM prefix for an endpoint service's short name, or undefined when it is not certain. */
export function iamPrefixForService(short: string): string | undefined {
  if (EXCEPTIONS[short]) return EXCEPTIONS[short];
  const base = short.replace(/-fips$/, '');
  return iam().hasService(base) ? base : undefined;
}

/** `ecr.api_endpoint_policy.json` → ecr; undefined when the name does not name a service. */
export function iamPrefixFromFileName(fileName: string): string | undefined {
  const base = fileName.split(/[\\/]/).pop() ?? '';
  const m = /^(.+?)[._-]+(vpc[._-]*)?endpoint[._-]*policy/i.exec(base);
  return m ? iamPrefixForService(m[1]!.toLowerCase()) : undefined;
}
