// What a path trace answers: a verdict and the hops that led to it, each pointing at its resource.

import type { Words } from '../rules/words.js';
import type { NameRegion } from '../model/dns.js';

export type Verdict = 'private' | 'public' | 'blocked' | 'unknown';

export type Decision = 'pass' | 'block' | 'unknown' | 'note';

export interface Hop {
  /** Logical id of the resource this hop is about. */
  resource: string;
  /** What the hop is: 'subnet', 'security group egress', 'network ACL out', 'DNS', 'route table', ... */
  kind: string;
  decision: Decision;
  reason: string;
  /** Source range of the resource (its logical id key), offsets. */
  start: number;
  end: number;
}

export interface Suggestion {
  kind: 'associate-route-table' | 'enable-private-dns' | 'enable-vpc-dns' | 'allow-https' | 'create-endpoint' | 'set-endpoint-type';
  message: string;
  /** The resource the change is made on. */
  resource: string;
  data: Record<string, unknown>;
}

export type TraceTarget =
  /** `region`: the name the user wrote named one region (com.amazonaws.eu-west-1.s3), not the stack's own. */
  | { kind: 'service'; pattern: string; name: string; region?: string }
  | { kind: 'internet' }
  | { kind: 'cidr'; text: string };

export interface TraceResult {
  from: string;
  to: string;
  verdict: Verdict;
  /** One line: why this verdict. */
  summary: string;
  /** 'denied' when the network reaches the endpoint but its policy denies the action. */
  policy?: 'allowed' | 'denied' | 'unknown' | 'unrestricted' | 'restricted';
  hops: Hop[];
  suggestions: Suggestion[];
  /** Index in `hops` of the hop that decides the verdict (the failing, undecided or way-choosing one). */
  decidingHop?: number;
  /** The source does not exist in the deployment traced (its condition is false). */
  absent?: true;
  /** When another choice of parameters changes the verdict: the verdict per branch (the defaults' first). */
  branches?: Branch[];
  /** The template has more deployments than were looked at. */
  branchesBounded?: { explored: number; total: number };
}

export interface Branch {
  /** The conditions that tell this branch from the others. */
  when: Record<string, boolean>;
  verdict: Verdict;
  summary: string;
}

export interface TraceOptions {
  /** An IAM action to evaluate against endpoint policies (s3:GetObject). */
  action?: string;
  /** The format's words (the network's own unless given): suggestions name properties as the author writes them. */
  words?: Words;
  /**
   * The Region the VPC is taken to be in (`assume`, one the stack deploys to) and the one whose service the name
   * is (`target`, when the user named another): what endpoints' service Regions are resolved against (trace.ts).
   */
  region?: NameRegion;
}
