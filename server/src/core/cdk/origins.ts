// Which CDK construct a finding is about: the construct path of the finding's resource, read from the
// resource's `aws:cdk:path` metadata (written by default by `cdk synth`), else from the cloud assembly's
// logical-id entries; and, where the assembly recorded it, the file and line of the user's code that
// created the construct. CDK users write constructs, not logical ids: this is the name they can find.

import type { Finding } from '../findings.js';
import type { Resource, Template } from '../cfn/template.js';
import { asMap, scalarString, valueOf } from '../document/tree.js';
import type { CloudAssembly } from './assembly.js';
import type { SourcePosition } from './stack-frames.js';

export const CDK_PATH_KEY = 'aws:cdk:path';

export interface CdkOrigin {
  constructPath: string;
  source?: SourcePosition;
}

/** The construct path CDK wrote into a resource's Metadata, when it did. */
export function constructPathOf(resource: Resource): string | undefined {
  const path = scalarString(valueOf(asMap(valueOf(resource.node, 'Metadata')), CDK_PATH_KEY));
  return path ? path.replace(/^\//, '') : undefined;
}

/**
 * Each finding's construct, for a template of a cloud assembly (`assembly` and `templateFile`, its name
 * as the manifest gives it) or any template with `aws:cdk:path` metadata. Findings outside a resource
 * (a parameter, a syntax error), or on a resource whose construct neither records, get none.
 */
export function cdkOrigins(template: Template, findings: readonly Finding[], assembly?: CloudAssembly, templateFile?: string): Map<Finding, CdkOrigin> {
  const out = new Map<Finding, CdkOrigin>();
  if (template.resources.length === 0) return out;
  const byLogicalId = templateFile ? assembly?.pathsByTemplate.get(templateFile) : undefined;
  const sorted = [...template.resources].sort((a, b) => a.key.start - b.key.start);
  for (const f of findings) {
    const resource = (f.resource !== undefined ? template.byId.get(f.resource) : undefined) ?? resourceAt(sorted, f.start);
    if (!resource) continue;
    const constructPath = constructPathOf(resource) ?? byLogicalId?.get(resource.id);
    if (!constructPath) continue;
    const source = assembly?.constructs.get(constructPath)?.source;
    out.set(f, source ? { constructPath, source } : { constructPath });
  }
  return out;
}

/** The resource whose text (key to the end of its body) holds the offset. */
function resourceAt(sorted: readonly Resource[], offset: number): Resource | undefined {
  let lo = 0;
  let hi = sorted.length - 1;
  let best: Resource | undefined;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]!.key.start <= offset) (best = sorted[mid]), (lo = mid + 1);
    else hi = mid - 1;
  }
  return best && offset <= best.node.end ? best : undefined;
}

/**
 * The editor's view of a template CDK synthesised: each finding on a construct's resource names the
 * construct in its message (`... (construct NetworkStack/Vpc/S3Endpoint/Resource)`). Other templates'
 * findings are returned as they are. Messages are for people: fixes go by rule id and data.
 */
export function withConstructNames(template: Template, findings: readonly Finding[]): Finding[] {
  if (findings.length === 0 || !template.text.includes(CDK_PATH_KEY)) return [...findings];
  const origins = cdkOrigins(template, findings);
  return findings.map((f) => {
    const o = origins.get(f);
    return o ? { ...f, message: `${f.message} (construct ${o.constructPath})` } : f;
  });
}
