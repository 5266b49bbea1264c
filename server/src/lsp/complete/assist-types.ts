// What completion and hover across an endpoint read, made once per analysis in the lint worker from
// the shared network model and sent with the AnalysisView: plain, structured-cloneable and small (a
// line or two per subnet, route table, security group and endpoint; nothing per character of text).

/** A fact as the editor shows it: its value, or why it cannot be known (and which value decides it). */
export type Shown<T> = { value: T } | { unknown: string };

interface ElementFacts {
  id: string;
  /** A condition the element rests on (true in the judged deployment, or undecided): shown as conditional. */
  condition?: string;
}

export interface SubnetFacts extends ElementFacts {
  vpc: Shown<string>;
  /** A zone name, or (zoneIsName false) a stable description of a zone chosen at deploy time (`azs()[0]`). */
  zone: Shown<string>;
  zoneIsName: boolean;
  cidr: Shown<string>;
  /** Its address families in words (`IPv4 and IPv6`, `IPv6 only, DNS64 on`): the facts the trace's routes rest on. */
  families: Shown<string>;
  /** null: the VPC's main route table. */
  routeTable: Shown<string | null>;
}

export interface RouteFacts {
  destination: string;
  target: string;
  condition?: string;
  /** A gateway endpoint's route EC2 refuses, the table already routing the service through an earlier one (VPCE7001): why, in words. */
  refused?: string;
}

export interface RouteTableFacts extends ElementFacts {
  vpc: Shown<string>;
  routes: RouteFacts[];
  /** Subnets associated with it in the template. */
  subnets: string[];
  /**
   * Why it may hold routes the template does not show (handed to a nested stack, a custom resource or a module
   * not read: trace/open-world.ts unseenRoutes, the fact the trace reads); absent when its routes are all here.
   */
  unseen?: string;
}

export interface RuleFacts {
  /** `tcp 443 from 10.0.0.0/16` as plain text (escaped when shown). */
  text: string;
  /** Whether the rule admits TCP 443 at all (from or to anyone); undefined: it depends on a deploy-time value. */
  tcp443: boolean | undefined;
  /** Whether it admits any of the ports of each service of the template served on others (GroupFacts.servicePorts, in order). */
  servicePorts?: (boolean | undefined)[];
}

/**
 * Admission from a group's VPC on the ports of services the template's endpoints name that are not served on
 * 443 alone (catalogue `ports`: SES's SMTP interface, Keyspaces, ...), one entry per set of ports: any one of them
 * admitted is a way in (model/admission.ts admitsAny).
 */
export interface PortsAdmission {
  /** The short names of the template's services served on these ports (`email-smtp`). */
  services: string[];
  ports: number[];
  decision: 'pass' | 'block' | 'unknown';
  reason: string;
  /** The port that passes (decision 'pass'). */
  port?: number;
}

export interface GroupFacts extends ElementFacts {
  vpc: Shown<string | null>;
  ingress: RuleFacts[];
  egress: RuleFacts[];
  /** false: some rules of that direction are computed at deploy time or defined elsewhere. */
  ingressComplete: boolean;
  egressComplete: boolean;
  /** Does it admit TCP 443 from its VPC's addresses (model/admission.ts)? */
  https: { decision: 'pass' | 'block' | 'unknown'; reason: string };
  /** The same for each set of ports a service of the template is served on instead of, or beside, 443; absent when none is. */
  servicePorts?: PortsAdmission[];
}

export interface VpcFacts extends ElementFacts {
  cidr: Shown<string>;
}

export interface EndpointFacts extends ElementFacts {
  vpc: Shown<string>;
  /** The catalogue patterns its ServiceName names (one per Fn::If branch); empty when unknown. */
  services: string[];
  type: Shown<string>;
}

export interface NetworkFacts {
  vpcs: VpcFacts[];
  subnets: SubnetFacts[];
  routeTables: RouteTableFacts[];
  groups: GroupFacts[];
  endpoints: EndpointFacts[];
}

export type ElementKind = 'subnet' | 'routeTable' | 'group';

/** An endpoint policy in the document: the range its text occupies and the service it is for. */
export interface PolicySpan {
  start: number;
  end: number;
  /**
   * 'yaml': a YAML mapping; 'json': JSON text from `start` (a JSON template, a policy file, a block
   * scalar); 'string': JSON text as the value of the quoted string from `start` to `end` (quotes included);
   * 'join': JSON text made of the pieces of a `Fn::Join` from `start` to `end`.
   */
  syntax: 'yaml' | 'json' | 'string' | 'join';
  /** A 'join' span's pieces in order, their offsets relative to `start` (so moving the span moves them). */
  pieces?: JoinPiece[];
  /** A 'string' span's quote: `"` (a JSON string or YAML double-quoted scalar) or `'`. */
  quote?: '"' | "'";
  /** The IAM service prefix of its endpoint's service, when known. */
  prefix?: string;
}

/**
 * A piece of a `Fn::Join` policy: a quoted string the user types in (from its opening quote to past its
 * closing one), or text the document does not hold there (the delimiter, or a stand-in for an intrinsic),
 * which is read but never edited.
 */
export type JoinPiece = { from: number; to: number; quote: '"' | "'" } | { from: number; to: number; text: string };

export interface AssistView {
  /**
   * While the text does not parse: the last version's facts; absent when no version had a model. Made in
   * the worker on the first completion or hover of a version (query `network`), and set here by the
   * linter before either reads the view (linter.ts withNetwork).
   */
  network?: NetworkFacts;
  policies: PolicySpan[];
}
