// Custom messages for the editor's own views: the settings in effect (status bar) and the rule pages.
// The only code the client imports from the server, with messages.ts and trace.ts.

/** Server → client, notification: the settings a document is linted with, each time they change for it. */
export const SETTINGS_IN_EFFECT_NOTIFICATION = 'vpceLens/settingsInEffect';

export interface SettingsInEffect {
  uri: string;
  /** The regions the region rules check against; empty: none known. */
  regions: string[];
  /** Where the regions come from. */
  regionsFrom: 'editor settings' | 'project file' | 'none';
  /** The project file (.vpce-lens.yaml or .cfnlintrc) that applies, if any. */
  configFile?: string;
  /** Rule severities changed from their defaults, by rule id. */
  overrides: Record<string, string>;
}

/** Client → server, request: every rule's documentation, from the rules' metadata, for the rule page view. */
export const RULE_DOCS_REQUEST = 'vpceLens/ruleDocs';

export interface RuleDoc {
  id: string;
  severity: string;
  title: string;
  why: string;
  /** The AWS page that states the rule's fact. */
  docs: string;
  /** The rule's area, the heading it is listed under. */
  area: string;
  /** '' | 'yes' | 'yes, in Fix all' */
  fix: string;
  /** What the rule means in Terraform, and the registry page it rests on (rules/types.ts RuleMeta). */
  terraform?: { why: string; docs: string };
  /** Why a Terraform configuration never gets the rule's finding (RuleMeta.noTerraform). */
  noTerraform?: string;
}

/** Command that shows a rule's page beside the editor; argument: the rule id. */
export const RULE_DOC_COMMAND = 'vpceLens.showRuleDoc';

/** Extension → rule page. */
export type ToRulePage = { type: 'rules'; rules: RuleDoc[]; show?: string } | { type: 'show'; id: string };
/** Rule page → extension. */
export type FromRulePage = { type: 'ready' };
