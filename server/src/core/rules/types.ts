// The rule interface. A rule reads the template model through its context and returns findings;
// it never sees text positions except through the nodes it reports on.

import { defaultsNote } from '../policy/sub-defaults.js';
import type { Finding, FindingData, RelatedLocation, Severity } from '../findings.js';
import type { Node } from '../document/tree.js';
import type { Template, Resource } from '../cfn/template.js';
import type { Resolver } from '../cfn/resolve.js';
import type { EngineSettings } from '../settings.js';
import type { Endpoint } from '../cfn/endpoints.js';
import type { SyntaxProblem } from '../document/parse.js';
import type { SchemaProblem } from '../schema/validate.js';
import type { PolicyDoc } from '../policy/policy-doc.js';
import type { TextOf } from '../policy/model.js';
import type { Network } from '../model/network.js';
import type { Words } from './words.js';

export interface RuleMeta {
  /** Stable id: VPCE + area digit + number. Never reused for another meaning. */
  id: string;
  severity: Severity;
  title: string;
  /** Why it matters, for the rules document, SARIF help and hovers. */
  why: string;
  /** The AWS page that states the fact the rule relies on. */
  docs: string;
  /**
   * What the rule means in a Terraform configuration, in Terraform's words (arguments, the AWS provider's
   * defaults), for a Terraform finding's hover, SARIF help and the rules document's "In Terraform:"; `docs`
   * is the Terraform registry page of the resource (or the Terraform language page) it rests on. Absent
   * where the rule has no Terraform meaning, or `why` holds word for word (test/registry.test.ts lists why).
   */
  terraform?: { why: string; docs: string };
  /**
   * Why no Terraform configuration or plan ever gets this rule's finding (what it judges is CloudFormation's
   * alone, or Terraform checks it itself): the rules document's Terraform column shows "—", the rule page,
   * `--rules` and SARIF say so. Absent for every rule a Terraform file can raise; never with `terraform`.
   */
  noTerraform?: string;
}

export interface RuleContext {
  template: Template;
  values: Resolver;
  settings: EngineSettings;
  /** Every AWS::EC2::VPCEndpoint, with its type and service worked out once for all rules. */
  endpoints(): Endpoint[];
  /** What the parser found wrong with the text itself. */
  problems: readonly SyntaxProblem[];
  /** Schema validation of every resource that has a schema, done once for the three schema rules. */
  schemaProblems(): { resource: Resource; problem: SchemaProblem }[];
  /** Endpoint policies: those of the template's endpoints, or the policy file itself. */
  policies(): PolicyDoc[];
  /** Reads a policy string, literal or computed by an intrinsic (`${...}` where unknown). */
  textOf: TextOf;
  /** The network model (every deployment), built once for the rules and the trace. */
  network(): Network;
  /** The format's words for properties and defaults, for messages. */
  words: Words;
}

/**
 * A rule and the shape of the data its findings carry. A quick fix is registered against the rule
 * (`fixes/registry.ts`), so a fix that reads a field the rule no longer writes fails to compile.
 * Rules without fix data keep the default.
 */
export interface Rule<Data extends FindingData = FindingData> {
  meta: RuleMeta;
  check(ctx: RuleContext): Finding<Data>[];
}

export interface FindingOptions<Data extends FindingData = FindingData> {
  resource?: Resource;
  related?: RelatedLocation[];
  data?: Data;
  severity?: Severity;
  /** A sub-range of the node (e.g. a region inside a string), as absolute offsets. */
  span?: { start: number; end: number };
}

export function finding<Data extends FindingData = FindingData>(meta: RuleMeta, node: Node, message: string, opts: FindingOptions<Data> = {}): Finding<Data> {
  const out: Finding<Data> = {
    ruleId: meta.id,
    severity: opts.severity ?? meta.severity,
    // A text read through a parameter's default says so (policy/sub-defaults.ts).
    message: message + defaultsNote(node),
    start: opts.span?.start ?? node.start,
    end: opts.span?.end ?? node.end,
  };
  if (opts.resource) out.resource = opts.resource.id;
  if (opts.related?.length) out.related = opts.related;
  if (opts.data) out.data = opts.data;
  return out;
}

export function related(node: Node, message: string): RelatedLocation {
  return { start: node.start, end: node.end, message };
}
