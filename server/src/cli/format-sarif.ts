// SARIF 2.1.0 as GitHub code scanning reads it: 1-based regions, rules with help text and links.
// https://docs.github.com/en/code-security/code-scanning/integrating-with-code-scanning/sarif-support-for-code-scanning

import type { Rule } from '../core/rules/types.js';
import type { Severity } from '../core/findings.js';
import type { FileReport } from './report.js';
import { rangeOf } from './report.js';
import type { Position } from '../core/document/line-index.js';
import { pathToUri } from './escape.js';
import { Chunks, nestedJson } from './chunks.js';

const LEVEL: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'note' };

const TERRAFORM_FILE = /\.(tf|tf\.json|tfvars|tfvars\.json)$/i;

export function formatSarif(reports: FileReport[], rules: readonly Rule[], version: string, out: (s: string) => void): void {
  const index = new Map(rules.map((r, i) => [r.meta.id, i]));
  const region = (r: FileReport, span: { start: number; end: number }): Region => {
    const { start, end } = rangeOf(r, span);
    return { startLine: start.line + 1, startColumn: start.character + 1, endLine: end.line + 1, endColumn: end.character + 1 };
  };
  // Relative paths resolve against %SRCROOT% (the checkout); absolute ones are file: URIs of their own.
  const artifact = (file: string) => {
    const uri = pathToUri(file);
    return uri.startsWith('file:') ? { uri } : { uri, uriBaseId: '%SRCROOT%' };
  };
  // A finding in a generated file names its source: the CDK construct as the location's logical
  // location (and in properties), and the user's line that defines it as one more related location.
  // The regions the files were judged for: the run's, when every file's are the same; else each result's.
  const key = (r: FileReport) => JSON.stringify(r.regions ?? []);
  const perResult = reports.some((r) => key(r) !== key(reports[0]!));
  const shared = perResult ? undefined : reports[0]?.regions;
  const resultOf = (r: FileReport, f: FileReport['findings'][number]) => {
    const origin = r.origins?.get(f);
    const related: Related[] = (f.related ?? []).map((rel, i) => ({ id: i + 1, message: { text: rel.message }, physicalLocation: rel.file ? { artifactLocation: artifact(rel.file.path), region: positions(rel.file) } : { artifactLocation: artifact(r.file), region: region(r, rel) } }));
    // A nested template's finding judged with its parent's values: the stack resource that deploys it.
    const by = r.deployedBy?.get(f) ?? [];
    for (const d of by) related.push({ id: related.length + 1, message: { text: `deployed as nested stack ${d.stack} of ${d.parent}` }, physicalLocation: { artifactLocation: artifact(d.at.file), region: positions(d.at) } });
    const at = origin?.definedAt;
    if (at) {
      const where = { startLine: at.line, ...(at.column ? { startColumn: at.column } : {}) };
      related.push({ id: related.length + 1, message: { text: `${origin.kind === 'cdk-construct' ? 'construct' : 'resource'} ${origin.name} is defined here` }, physicalLocation: { artifactLocation: artifact(at.file), region: where } });
    }
    const [nameKey, atKey] = origin?.kind === 'terraform-resource' ? ['terraformAddress', 'terraformDefinedAt'] : ['cdkConstructPath', 'cdkDefinedAt'];
    const logical = origin && [{ name: origin.kind === 'cdk-construct' ? origin.name.split('/').at(-1) : origin.name, fullyQualifiedName: origin.name, kind: 'resource' }];
    return {
      ruleId: f.ruleId,
      ...(index.has(f.ruleId) ? { ruleIndex: index.get(f.ruleId) } : {}),
      level: LEVEL[f.severity],
      message: { text: f.message },
      locations: [{ physicalLocation: { artifactLocation: artifact(r.file), region: region(r, f) }, ...(logical ? { logicalLocations: logical } : {}) }],
      ...(related.length ? { relatedLocations: related } : {}),
      ...(origin || perResult || by.length ? { properties: { ...(origin ? { [nameKey]: origin.name, ...(at ? { [atKey]: `${at.file}:${at.line}${at.column ? `:${at.column}` : ''}` } : {}) } : {}), ...(perResult ? { regions: r.regions ?? [] } : {}), ...(by.length ? { deployedBy: by.map((d) => ({ parent: d.parent, stack: d.stack })) } : {}) } } : {}),
    };
  };
  // The rules that have a Terraform finding in this run (a .tf, .tf.json or variables file, or a plan's resource).
  const tfRules = new Set(reports.flatMap((r) => (TERRAFORM_FILE.test(r.file) ? r.findings : r.findings.filter((f) => r.origins?.get(f)?.kind === 'terraform-resource')).map((f) => f.ruleId)));
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'vpce-lens',
            version,
            informationUri: 'https://docs.aws.amazon.com/vpc/latest/privatelink/',
            rules: rules.map((r) => {
              // One descriptor per rule serves both formats: its help is the rule's own; where the run holds
              // Terraform findings of the rule, the markdown help (what code scanning shows on an alert) adds
              // the Terraform text, and `properties.terraform` holds it for tools that read the descriptor.
              const tf = tfRules.has(r.meta.id) ? r.meta.terraform : undefined;
              const markdown = `${r.meta.why}\n\n[${r.meta.docs.startsWith('https://docs.aws.amazon.com/') ? 'AWS' : 'Terraform'} documentation](${r.meta.docs})`;
              return {
                id: r.meta.id,
                name: r.meta.title.replace(/[^A-Za-z0-9]+/g, ' ').trim().replace(/ (\w)/g, (_m, c: string) => c.toUpperCase()).replace(/^\w/, (c) => c.toUpperCase()),
                shortDescription: { text: r.meta.title },
                fullDescription: { text: r.meta.why },
                helpUri: r.meta.docs,
                help: { text: `${r.meta.why} See ${r.meta.docs}`, markdown: tf ? `${markdown}\n\n**In Terraform:** ${tf.why}\n\n[Terraform documentation](${tf.docs})` : markdown },
                defaultConfiguration: { level: LEVEL[r.meta.severity] },
                // A rule no Terraform file raises says why, so a reader of a Terraform run's SARIF knows its absence is no pass.
                ...(tf ? { properties: { terraform: { text: tf.why, helpUri: tf.docs } } } : r.meta.noTerraform ? { properties: { notInTerraform: r.meta.noTerraform } } : {}),
              };
            }),
          },
        },
        ...(shared?.length ? { properties: { regions: shared } } : {}),
        results: [] as unknown[],
      },
    ],
  };
  // The results go in one by one where the empty list stands: the document around them is small.
  const [head, tail] = splitOnce(JSON.stringify(sarif, null, 2), '"results": []');
  const c = new Chunks(out);
  c.push(`${head}"results": [`);
  let first = true;
  for (const r of reports) {
    for (const f of r.findings) {
      c.push(`${first ? '' : ','}\n        ${nestedJson(resultOf(r, f), 4)}`);
      first = false;
    }
  }
  c.push(`${first ? '' : '\n      '}]${tail}\n`);
  c.flush();
}

function positions(p: { start: Position; end: Position }): Region {
  return { startLine: p.start.line + 1, startColumn: p.start.character + 1, endLine: p.end.line + 1, endColumn: p.end.character + 1 };
}

interface Region {
  startLine: number;
  startColumn?: number;
  endLine?: number;
  endColumn?: number;
}

interface Related {
  id: number;
  message: { text: string };
  physicalLocation: { artifactLocation: { uri: string; uriBaseId?: string }; region: Region };
}

function splitOnce(text: string, marker: string): [string, string] {
  const at = text.lastIndexOf(marker);
  return [text.slice(0, at), text.slice(at + marker.length)];
}
