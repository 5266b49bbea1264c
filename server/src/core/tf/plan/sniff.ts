// Whether a JSON text may be a Terraform plan or state, asked of every JSON file the CLI checks: kept
// apart from analysis.ts so that the question loads none of the Terraform adapter.

/** A cheap look at a JSON text: might it be `terraform show -json` of a plan or a state? (analyzePlan decides.) */
export function mayBePlanJson(text: string): boolean {
  return /^\s*\{/.test(text) && /"format_version"\s*:/.test(text) && (/"planned_values"\s*:/.test(text) || (/"values"\s*:/.test(text) && /"root_module"\s*:/.test(text)));
}

/**
 * Whether a JSON text is a raw Terraform state file (`terraform.tfstate`: version, lineage, resources with
 * instances): its own format, not the JSON representation `terraform show -json` writes, which the check reads.
 */
export function isRawStateJson(text: string): boolean {
  return /^\s*\{/.test(text) && /"lineage"\s*:/.test(text) && /"terraform_version"\s*:/.test(text) && !/"format_version"\s*:/.test(text);
}
