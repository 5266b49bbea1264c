// What a CDK cloud assembly (cdk.out) records about the resources of its templates: each one's construct
// path and where the app created it. Read from manifest.json: each `aws:cloudformation:stack` artifact
// names its template and carries metadata keyed by construct path (`/Stack/Vpc/Resource`) — inline
// (`metadata`), or since cloud assembly schema 4x in a file of its own (`additionalMetadataFile`). The
// entries used: `aws:cdk:logicalId` (the resource's logical id; with `trace` when synthesised with
// --debug), `aws:cdk:creationStack` (the construct's creation stack) and `aws:cdk:templateFile` (on a
// stack or nested stack: its template). Nested stacks are not artifacts: their constructs' entries sit
// in the parent stack's metadata, under the nested stack's path.
// https://github.com/aws/aws-cdk/tree/main/packages/%40aws-cdk/cloud-assembly-schema
// Pure: the caller reads the files and passes their texts (`readFile`).

import { userFrame, type SourcePosition } from './stack-frames.js';

export interface ConstructRecord {
  logicalId?: string;
  /** Where the user's code created the construct, when the assembly records a trace with a frame of theirs. */
  source?: SourcePosition;
}

export interface CloudAssembly {
  /** By construct path, without the leading slash (as `aws:cdk:path` writes it). */
  constructs: Map<string, ConstructRecord>;
  /**
   * Template file name (relative to the assembly folder) → logical id → construct path, for templates
   * synthesised without `aws:cdk:path` metadata. A logical id met twice in one template's stack is left out.
   */
  pathsByTemplate: Map<string, Map<string, string>>;
  /** What could not be read (a metadata file), one line each. */
  problems: string[];
}

export class ManifestError extends Error {}

interface Entry {
  type?: unknown;
  data?: unknown;
  trace?: unknown;
}

/**
 * The assembly of one manifest.json. Throws ManifestError when the text is not a cloud assembly
 * manifest; a stack's metadata file that cannot be read or parsed is a problem, not an error.
 */
export function readCloudAssembly(manifestText: string, readFile: (name: string) => string | undefined): CloudAssembly {
  let manifest: unknown;
  try {
    manifest = JSON.parse(manifestText);
  } catch (e) {
    throw new ManifestError(`not JSON (${(e as Error).message})`);
  }
  const artifacts = isObject(manifest) ? manifest.artifacts : undefined;
  if (!isObject(manifest) || typeof manifest.version !== 'string' || (artifacts !== undefined && !isObject(artifacts))) {
    throw new ManifestError('not a cloud assembly manifest (no version and artifacts)');
  }
  const out: CloudAssembly = { constructs: new Map(), pathsByTemplate: new Map(), problems: [] };
  for (const [id, artifact] of Object.entries(artifacts ?? {})) {
    if (!isObject(artifact) || artifact.type !== 'aws:cloudformation:stack') continue;
    const metadata: [string, unknown][] = isObject(artifact.metadata) ? Object.entries(artifact.metadata) : [];
    if (typeof artifact.additionalMetadataFile === 'string') {
      const more = readMetadataFile(artifact.additionalMetadataFile, readFile, out.problems);
      if (more) metadata.push(...Object.entries(more));
    }
    const properties = isObject(artifact.properties) ? artifact.properties : {};
    const stackPath = typeof artifact.displayName === 'string' ? artifact.displayName : id;
    const templates = new Map<string, string>(); // stack construct path → template file
    if (typeof properties.templateFile === 'string') templates.set(stackPath, properties.templateFile);
    const logicalIds: [string, string][] = [];
    for (const [key, entries] of metadata) {
      if (!Array.isArray(entries)) continue;
      const path = key.replace(/^\//, '');
      const record: ConstructRecord = out.constructs.get(path) ?? {};
      for (const entry of entries as Entry[]) {
        if (!isObject(entry)) continue;
        if (entry.type === 'aws:cdk:logicalId' && typeof entry.data === 'string') {
          record.logicalId = entry.data;
          logicalIds.push([path, entry.data]);
          const source = !record.source && Array.isArray(entry.trace) ? userFrame(entry.trace) : undefined;
          if (source) record.source = source;
        } else if (entry.type === 'aws:cdk:creationStack' && Array.isArray(entry.data)) {
          const source = userFrame(entry.data);
          if (source) record.source = source;
        } else if (entry.type === 'aws:cdk:templateFile' && typeof entry.data === 'string') {
          templates.set(path, entry.data);
        }
      }
      if (record.logicalId !== undefined || record.source) out.constructs.set(path, record);
    }
    addPathsByTemplate(out.pathsByTemplate, templates, logicalIds);
  }
  return out;
}

/** Each logical id goes to the template of the deepest stack (or nested stack) whose path holds it. */
function addPathsByTemplate(into: Map<string, Map<string, string>>, templates: Map<string, string>, logicalIds: [string, string][]): void {
  const stacks = [...templates.keys()].sort((a, b) => b.length - a.length);
  const twice = new Map<string, Set<string>>();
  for (const [path, logicalId] of logicalIds) {
    const stack = stacks.find((s) => path.startsWith(s + '/'));
    if (stack === undefined) continue;
    const file = templates.get(stack)!;
    let ids = into.get(file);
    if (!ids) into.set(file, (ids = new Map()));
    let seen = twice.get(file);
    if (!seen) twice.set(file, (seen = new Set()));
    if (ids.has(logicalId) && ids.get(logicalId) !== path) seen.add(logicalId);
    ids.set(logicalId, path);
  }
  for (const [file, ids] of twice) for (const id of ids) into.get(file)!.delete(id);
}

function readMetadataFile(name: string, readFile: (name: string) => string | undefined, problems: string[]): Record<string, unknown> | undefined {
  const text = readFile(name);
  if (text === undefined) {
    problems.push(`${name}: cannot be read`);
    return undefined;
  }
  try {
    const data: unknown = JSON.parse(text);
    if (isObject(data)) return data;
    problems.push(`${name}: not a metadata file (not a JSON object)`);
  } catch (e) {
    problems.push(`${name}: not JSON (${(e as Error).message})`);
  }
  return undefined;
}

function isObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}
