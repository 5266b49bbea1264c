// What a CDK cloud assembly (cdk.out) records about the resources of its templates: each one's construct
// path and where the app created it. Read from manifest.json: each `aws:cloudformation:stack` artifact
// names its template and carries metadata keyed by construct path (`/Stack/Vpc/Resource`) — inline
// (`metadata`), or since cloud assembly schema 4x in a file of its own (`additionalMetadataFile`). The
// entries used: `aws:cdk:logicalId` (the resource's logical id; with `trace` when synthesised with
// --debug), `aws:cdk:creationStack` (the construct's creation stack) and `aws:cdk:templateFile` (on a
// stack or nested stack: its template). Nested stacks are not artifacts: their constructs' entries sit
// in the parent stack's metadata, under the nested stack's path; their templates are file assets of the
// parent, named by its asset manifest (`cdk:asset-manifest` artifact, `files.*.source.path`), by
// `aws:cdk:templateFile` entries (newer schemas) or by `aws:cdk:asset` entries (the legacy synthesizer).
// A stage is a `cdk:cloud-assembly` artifact: an assembly of its own in `properties.directoryName`.
// A stack bound to an environment (`environment: aws://<account>/<region>`) deploys in that region,
// its nested stacks with it; `unknown-region` is an environment-agnostic stack.
// https://github.com/aws/aws-cdk/tree/main/packages/%40aws-cdk/cloud-assembly-schema
// Pure: the caller reads the files and passes their texts (`readFile`).

import { userFrame, type SourcePosition } from './stack-frames.js';
import { isObject } from './json-objects.js';

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
  /** Each template the manifest names (a stack's, a nested stack's) → the stack it deploys as or in. */
  templates: Map<string, AssemblyTemplate>;
  /** The folders of the assemblies of its stages (`assembly-Prod`), relative to its own. */
  assemblies: string[];
  /** What could not be read (a metadata file), one line each. */
  problems: string[];
  /**
   * Templates synthesised while context lookups were missing (the manifest's `missing`: `Vpc.fromLookup`
   * and the like, run outside `cdk synth` or without credentials): CDK's placeholder values (`vpc-12345`)
   * stand in for what it would look up, and `cdk synth` replaces them before anything deploys. File → why.
   */
  waiting: Map<string, string>;
}

export interface AssemblyTemplate {
  /** The stack's construct path (for a nested stack's template, its top-level stack's). */
  stack: string;
  /** The region its stack is bound to, when the app gave one. */
  region?: string;
}

/** The newest cloud assembly schema major version this reader was checked against (aws-cdk-lib 2.276). */
export const NEWEST_SCHEMA = 55;

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
  const out: CloudAssembly = { constructs: new Map(), pathsByTemplate: new Map(), templates: new Map(), assemblies: [], problems: [], waiting: new Map() };
  const missing = missingLookups(manifest.missing);
  const all = isObject(artifacts) ? artifacts : {};
  for (const [id, artifact] of Object.entries(all)) {
    if (isObject(artifact) && artifact.type === 'cdk:cloud-assembly') {
      const dir = isObject(artifact.properties) ? artifact.properties.directoryName : undefined;
      if (typeof dir === 'string' && dir !== '') out.assemblies.push(dir);
      else out.problems.push(`manifest.json: stage ${id} names no folder (properties.directoryName)`);
    }
    if (!isObject(artifact) || artifact.type !== 'aws:cloudformation:stack') continue;
    const metadata: [string, unknown][] = isObject(artifact.metadata) ? Object.entries(artifact.metadata) : [];
    if (typeof artifact.additionalMetadataFile === 'string') {
      const more = readJsonObject(artifact.additionalMetadataFile, readFile, out.problems, 'metadata file');
      if (more) metadata.push(...Object.entries(more));
    }
    const properties = isObject(artifact.properties) ? artifact.properties : {};
    const stackPath = typeof artifact.displayName === 'string' ? artifact.displayName : id;
    const templates = new Map<string, string>(); // stack construct path → template file
    if (typeof properties.templateFile === 'string') templates.set(stackPath, properties.templateFile);
    else out.problems.push(`manifest.json: stack ${stackPath} names no template (properties.templateFile)`);
    const region = regionOf(artifact.environment);
    const stackTemplate = (file: string) => out.templates.set(file, region ? { stack: stackPath, region } : { stack: stackPath });
    if (typeof properties.templateFile === 'string') stackTemplate(properties.templateFile);
    for (const file of assetTemplates(artifact, all, readFile, out.problems)) stackTemplate(file);
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
          stackTemplate(entry.data);
        } else if (entry.type === 'aws:cdk:asset' && isObject(entry.data) && isTemplatePath(entry.data.path)) {
          stackTemplate(entry.data.path as string);
        }
      }
      if (record.logicalId !== undefined || record.source) out.constructs.set(path, record);
    }
    nestedTemplatesByName(templates, logicalIds.map(([path]) => path), [...out.templates.keys()]);
    // A lookup is made for a stack's own account and region: those stacks' templates hold placeholders.
    const waitedFor = missing.filter((m) => m.environment === undefined || m.environment === artifact.environment);
    if (waitedFor.length > 0) {
      const why = `synthesised before CDK looked up ${[...new Set(waitedFor.map((m) => m.what))].join(', ')}: CDK's placeholders (such as vpc-12345) stand in for what it finds until cdk synth runs with credentials and records it in cdk.context.json`;
      for (const [file, t] of out.templates) if (t.stack === stackPath) out.waiting.set(file, why);
      for (const file of templates.values()) out.waiting.set(file, why);
    }
    addPathsByTemplate(out.pathsByTemplate, templates, logicalIds);
  }
  const major = Number(/^(\d+)\./.exec(manifest.version)?.[1]);
  if (major > NEWEST_SCHEMA && (out.problems.length > 0 || (out.templates.size === 0 && Object.keys(all).length > 0))) {
    out.problems.push(`manifest.json: cloud assembly schema ${manifest.version} is newer than this version of vpce-lens reads (up to ${NEWEST_SCHEMA}.x)`);
  }
  return out;
}

/**
 * Schemas before `aws:cdk:templateFile` (aws-cdk-lib 2.100): a nested stack's template is named after its
 * construct path, `<path's components, letters and digits only><8 hex digits>.nested.template.json`
 * (makeUniqueId); its resource's path is `<path>.NestedStack/<id>.NestedStackResource`. Matched by that
 * name, and only when one nested stack fits a template and one template fits it.
 */
function nestedTemplatesByName(templates: Map<string, string>, paths: string[], files: string[]): void {
  const named = new Set(templates.values());
  const nested = files.filter((f) => /\.nested\.template\.json$/i.test(f) && !named.has(f));
  const stacks: string[] = [];
  for (const path of paths) {
    const m = /^(.*)\/([^/]+)\.NestedStack\/\2\.NestedStackResource$/.exec(path);
    if (m && !templates.has(`${m[1]}/${m[2]}`)) stacks.push(`${m[1]}/${m[2]}`);
  }
  const fits = (stack: string, file: string) => {
    const human = stack.split('/').filter((c) => c !== 'Default').map((c) => c.replace(/[^A-Za-z0-9]/g, '')).join('');
    return file.startsWith(human) && /^[0-9A-F]{8}\.nested\.template\.json$/i.test(file.slice(human.length));
  };
  for (const stack of stacks) {
    const files = nested.filter((f) => fits(stack, f));
    if (files.length === 1 && stacks.filter((s) => fits(s, files[0]!)).length === 1) templates.set(stack, files[0]!);
  }
}

/**
 * The manifest's `missing` context: what each lookup is (its provider) and the environment it is made in.
 * Not the Availability Zones a region-bound stack asks for: their placeholders (dummy1a, dummy1b, ...) are
 * distinct zones as the real ones are, which is all the rules read of them; a looked-up VPC, group or
 * parameter is a value the rules judge (vpc-12345, subnets p-12345, CIDR 1.2.3.4/5).
 */
function missingLookups(missing: unknown): { what: string; environment?: string }[] {
  if (!Array.isArray(missing)) return [];
  return missing.filter((m): m is Record<string, unknown> => isObject(m) && m.provider !== 'availability-zones').map((m) => {
    const props = isObject(m.props) ? m.props : {};
    const what = typeof m.provider === 'string' ? m.provider : 'a context value';
    return typeof props.account === 'string' && typeof props.region === 'string' ? { what, environment: `aws://${props.account}/${props.region}` } : { what };
  });
}

/** `aws://123456789012/eu-west-1` → `eu-west-1`; nothing for an environment-agnostic stack. */
function regionOf(environment: unknown): string | undefined {
  const m = typeof environment === 'string' ? /^aws:\/\/[^/]*\/([a-z0-9-]+)$/.exec(environment) : null;
  return m && m[1] !== 'unknown-region' ? m[1] : undefined;
}

function isTemplatePath(path: unknown): path is string {
  return typeof path === 'string' && /\.template\.json$/i.test(path);
}

/** The templates among the file assets of the asset manifests a stack depends on (its nested stacks' and its own). */
function assetTemplates(stack: Record<string, unknown>, artifacts: Record<string, unknown>, readFile: (name: string) => string | undefined, problems: string[]): string[] {
  const out: string[] = [];
  const deps = [...(Array.isArray(stack.dependencies) ? stack.dependencies : []), ...(isObject(stack.properties) && Array.isArray(stack.properties.additionalDependencies) ? stack.properties.additionalDependencies : [])];
  for (const dep of new Set(deps)) {
    const artifact = typeof dep === 'string' ? artifacts[dep] : undefined;
    if (!isObject(artifact) || artifact.type !== 'cdk:asset-manifest' || !isObject(artifact.properties) || typeof artifact.properties.file !== 'string') continue;
    const assets = readJsonObject(artifact.properties.file, readFile, problems);
    for (const asset of Object.values(isObject(assets?.files) ? assets.files : {})) {
      const source = isObject(asset) && isObject(asset.source) ? asset.source : undefined;
      if (source && (source.packaging ?? 'file') === 'file' && isTemplatePath(source.path)) out.push(source.path);
    }
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

function readJsonObject(name: string, readFile: (name: string) => string | undefined, problems: string[], what = 'asset manifest'): Record<string, unknown> | undefined {
  const lost = what === 'asset manifest' ? "its stack's nested stack templates are not known" : 'construct source lines are not shown for its stack';
  const text = readFile(name);
  if (text === undefined) {
    problems.push(`${name}: cannot be read; ${lost}`);
    return undefined;
  }
  try {
    const data: unknown = JSON.parse(text);
    if (isObject(data)) return data;
    problems.push(`${name}: not ${what === 'asset manifest' ? 'an' : 'a'} ${what} (not a JSON object); ${lost}`);
  } catch (e) {
    problems.push(`${name}: not JSON (${(e as Error).message}); ${lost}`);
  }
  return undefined;
}

/**
 * A template's settings in its cloud assembly: a stack bound to an environment (and its nested stacks)
 * deploys in its region, whatever the settings say for the app's other stacks; the region CDK wrote into
 * its service names and ARNs is then the environment's, not a portability mistake (VPCE3002, VPCE3003).
 * One answer for every face: the CLI and the editor both ask this (cli/cdk.ts Assemblies.settingsOf).
 */
export function stackSettings<S extends { regions?: string[]; rules?: Record<string, unknown> }>(assembly: CloudAssembly | undefined, templateFile: string, settings: S): S {
  const region = assembly?.templates.get(templateFile)?.region;
  if (!region) return settings;
  return { ...settings, regions: [region], rules: { ...settings.rules, VPCE3002: 'off', VPCE3003: 'off' } };
}
