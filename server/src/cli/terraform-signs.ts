// What the CLI asks on every run to decide whether Terraform is involved at all, kept apart from the
// Terraform modules (cli/terraform.ts, cli/tf-pool.ts) so that asking loads none of them: a
// CloudFormation check never evaluates them (test/cli/startup-work.test.ts).

/** A Terraform configuration file, native or JSON syntax (https://developer.hashicorp.com/terraform/language/syntax/json). */
export const TF_FILE = /\.tf(\.json)?$/i;

/** A Terraform variables file: it gives values to the variables of the module beside it, and is read with that module. */
export const TF_VARS_FILE = /\.tfvars(\.json)?$/i;

/** Set in a Terraform pool worker's environment (cli/tf-pool.ts starts them). */
export const TF_POOL_WORKER_ENV = 'VPCE_LENS_TF_POOL_WORKER';
