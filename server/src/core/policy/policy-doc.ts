// An endpoint policy as the checks see it: a located mapping (offsets into the file the user edits,
// whether the policy is a YAML/JSON object, a JSON string, or a whole policy file) and what is known
// of the endpoint it is attached to.

import type { SyntaxProblem } from '../document/parse.js';
import type { MapNode, Node } from '../document/tree.js';
import type { Endpoint } from '../cfn/endpoints.js';
import type { Resource } from '../cfn/template.js';

export interface ServiceHint {
  /** IAM service prefix the policy's endpoint serves (s3, ssm, ecr ...). */
  prefix: string | undefined;
  /** How we know, for messages: users must be able to tell a guess from a fact. */
  how: 'endpoint' | 'setting' | 'file name' | 'actions' | 'unknown';
}

export interface PolicyDoc {
  /** The policy mapping; null when the text is not a JSON object at all. */
  root: MapNode | null;
  /** Where the policy sits (the PolicyDocument value, or the whole file): findings about the policy as a whole go here. */
  anchor: Node;
  form: 'object' | 'string' | 'file';
  /** JSON problems inside a string policy, in source offsets. */
  problems: SyntaxProblem[];
  /** Characters of the policy text as written (for strings: the JSON text with `${...}` as written). */
  size: number | undefined;
  /** A string policy's JSON text, `${...}` and all. */
  text?: string;
  service: ServiceHint;
  endpoint?: Endpoint;
  resource?: Resource;
  /** 'Gateway' | 'Interface' | ... when known. */
  endpointType?: string;
  /** The region the endpoint's service name hard-codes, if any. */
  region?: string;
  /** Fn::If branch conditions that lead to this policy. */
  when: string[];
  /** Strings inside the policy that come from the template (`${AWS::Partition}`) rather than being literal. */
  usesPseudoPartition: boolean;
  /** A policy the template sets to a value known only at deploy time (root null): why, and the value that decides it. */
  computed?: { why: string; decides: string };
}
