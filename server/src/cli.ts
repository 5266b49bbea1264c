// The command-line face of the engine, for CI: vpce-lens check [options] <files or folders>.
// Exit codes: 0 no error found, 1 errors found, 2 usage error or unreadable input.

import { basename, dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import { analyze } from './core/engine.js';
import { LineIndex } from './core/document/line-index.js';
import { rules } from './core/rules/index.js';
import { collectFiles, InputError, type Collected, type WalkFs } from './cli/files.js';
import { ConfigError, policyServiceFor, type LoadedConfig } from './project-config.js';
import { MB, readHead, readInput } from './read-input.js';
import { overLimitText } from './protocol/size-limit.js';
import { escapeLine } from './cli/escape.js';
import { DEFAULT_POLICY_FILES } from './core/settings.js';
import { matchesAny } from './core/util/glob.js';
import { formatText } from './cli/format-text.js';
import { writeStdout } from './cli/stdout.js';
import { Assemblies, constructOrigins, mayHaveOrigins } from './cli/cdk.js';
import { RunSettings } from './cli/run-settings.js';
import { isRawStateJson, mayBePlanJson } from './core/tf/plan/sniff.js';
import { reportRegions, type FileReport } from './cli/report.js';
import type { TfJob } from './cli/terraform.js';
import type { CheckedTemplate } from './cli/nested-check.js';
import type { Template } from './core/cfn/template.js';
import type { PoolData } from './cli/tf-pool.js';
import { TF_FILE, TF_POOL_WORKER_ENV, TF_VARS_FILE } from './cli/terraform-signs.js';
import { readdirSync, statSync } from 'node:fs';

// Loaded on first use, not when the bundle starts: a CloudFormation check needs none of them, and
// evaluating them (the Terraform adapter and its WebAssembly glue, the map's graph layout, the trace's
// views, the other output formats) was part of every run's start. test/cli/startup-work.test.ts guards it.
const terraform = () => require('./cli/terraform.js') as typeof import('./cli/terraform.js');
const tfPool = () => require('./cli/tf-pool.js') as typeof import('./cli/tf-pool.js');
const tfParser = () => require('./tf-parser.js') as typeof import('./tf-parser.js');
const plans = () => require('./cli/plan.js') as typeof import('./cli/plan.js');
const traces = () => require('./cli/trace-command.js') as typeof import('./cli/trace-command.js');
const maps = () => require('./cli/map-command.js') as typeof import('./cli/map-command.js');
const nestedTrace = () => require('./cli/nested-trace.js') as typeof import('./cli/nested-trace.js');
const nestedStacks = () => require('./nested-stacks.js') as typeof import('./nested-stacks.js');
const nestedCheck = () => require('./cli/nested-check.js') as typeof import('./cli/nested-check.js');
const jsonFormat = () => require('./cli/format-json.js') as typeof import('./cli/format-json.js');
const sarifFormat = () => require('./cli/format-sarif.js') as typeof import('./cli/format-sarif.js');
const rulesFormat = () => require('./cli/format-rules.js') as typeof import('./cli/format-rules.js');

declare const VPCE_LENS_VERSION: string;
const version = typeof VPCE_LENS_VERSION === 'string' ? VPCE_LENS_VERSION : '0.0.0-dev';

const USAGE = `Usage: vpce-lens check [--region R]... [--format text|json|sarif] [--config FILE] [--max-size MB] <files or folders>
       vpce-lens trace <template or folder> --from <LogicalId or address> --to <service|internet|CIDR> [--action A] [--region R]... [--format text|json|svg|mermaid]
       vpce-lens trace <template or folder> --matrix [--region R]... [--format text|json]
       vpce-lens map <template or folder> [--vpc ID] [--region R]... [--format svg|mermaid]
       vpce-lens --rules [--format text|json]
       vpce-lens --version

Checks VPC endpoints in CloudFormation templates (YAML or JSON, SAM included), Terraform
(each folder of .tf and .tf.json files as one module, with terraform.tfvars and *.auto.tfvars;
a plan as terraform show -json writes it), CDK cloud assemblies (cdk.out: findings name the
construct and the line that created it) and endpoint policy files (*endpoint*policy*.json, or
any JSON policy with Principal).
  --region R     a region the stack deploys to (repeatable, or comma-separated);
                 default: regions from .vpce-lens.yaml or .cfnlintrc (Terraform: the
                 aws provider's region where the configuration sets it)
  --format F     text (default), json or sarif
  --config FILE  use this configuration instead of the nearest .vpce-lens.yaml
                 (looked for from each file up to the repository root, the nearest .git)
  --max-size MB  larger files get a VPCE0004 finding instead of a check (default 20;
                 or maxFileSize in .vpce-lens.yaml)
  --rules        print the rule catalogue
trace and map read --region, --config, --max-size and the project's configuration as check does.
trace: how traffic from a subnet or workload reaches a service (s3, ssm, ...), the internet or
an address range, hop by hop: private (through an endpoint), public (NAT or internet gateway),
blocked (where and why) or unknown (what the template does not say).
  --from ID      a subnet or workload (instance, Lambda function, ECS service): its logical
                 id, or its Terraform address (aws_subnet.private, module.app.aws_instance.web)
  --to T         s3, dynamodb, ssm, com.amazonaws.<region>.sqs, internet, or 10.1.0.0/16
  --action A     an IAM action to evaluate against endpoint policies (s3:GetObject)
  --matrix       every subnet and workload × every service the template has endpoints for
  --format svg   the path drawn on the VPC map (SVG); mermaid: the same as a Mermaid flowchart
map: the VPC map (VPCs, zones, subnets, route tables, gateways, endpoints and their services) as
an SVG picture (default) or a Mermaid flowchart for pull-request comments.
  --vpc ID       only this VPC
Exit status: 0 no errors, 1 errors found, 2 usage error or unreadable input.`;

class UsageError extends Error {}

interface Options {
  command: 'check' | 'trace' | 'map' | 'rules' | 'version' | 'help';
  vpc?: string;
  from?: string;
  to?: string;
  action?: string;
  matrix?: boolean;
  regions: string[];
  format: 'text' | 'json' | 'sarif' | 'svg' | 'mermaid';
  /** --format was given (map's default is svg). */
  formatGiven?: boolean;
  config?: string;
  /** Bytes; from --max-size (MB). */
  maxSize?: number;
  inputs: string[];
}

function parseArgs(argv: string[]): Options {
  const opts: Options = { command: 'check', regions: [], format: 'text', inputs: [] };
  const args = [...argv];
  if (args[0] === 'check') args.shift();
  else if (args[0] === 'trace') {
    args.shift();
    opts.command = 'trace';
  } else if (args[0] === 'map') {
    args.shift();
    opts.command = 'map';
  }
  while (args.length) {
    const a = args.shift()!;
    const [flag, inline] = a.startsWith('--') && a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
    const next = () => {
      const v = inline ?? args.shift();
      if (v === undefined || v === '') throw new UsageError(`${flag} needs a value`);
      return v;
    };
    switch (flag) {
      case '--region':
      case '-r':
        opts.regions.push(...next().split(',').map((s) => s.trim()).filter(Boolean));
        break;
      case '--format':
      case '-f': {
        const f = next();
        if (f !== 'text' && f !== 'json' && f !== 'sarif' && f !== 'svg' && f !== 'mermaid') throw new UsageError(`--format must be text, json, sarif, svg or mermaid (got ${f})`);
        opts.format = f;
        opts.formatGiven = true;
        break;
      }
      case '--config':
        opts.config = next();
        break;
      case '--max-size': {
        const v = next();
        const mb = Number(v);
        if (!/^\d+(\.\d+)?$/.test(v) || !(mb > 0)) throw new UsageError(`--max-size takes a size in MB, such as 20 (got ${v})`);
        opts.maxSize = Math.floor(mb * MB);
        break;
      }
      case '--vpc':
        opts.vpc = next();
        break;
      case '--from':
        opts.from = next();
        break;
      case '--to':
        opts.to = next();
        break;
      case '--action':
        opts.action = next();
        break;
      case '--matrix':
        opts.matrix = true;
        break;
      case '--rules':
        opts.command = 'rules';
        break;
      case '--version':
      case '-v':
        opts.command = 'version';
        break;
      case '--help':
      case '-h':
        opts.command = 'help';
        break;
      default:
        if (flag.startsWith('-') && flag !== '-') throw new UsageError(`unknown option ${flag}`);
        opts.inputs.push(a);
    }
  }
  return opts;
}

/** A check's start: its settings and its files, found in one walk of each named folder. */
interface CheckStart {
  say: (line: string) => void;
  assemblies: Assemblies;
  inputs: RunSettings;
  collected: Collected;
}

/** The arguments read, and a check's files found (`check`); or the exit code of a run that ends here. */
type Begun = { opts: Options; check?: CheckStart } | { code: number };

/**
 * What comes before anything needs the Terraform parser: the arguments, and a check's walk of its folders,
 * which says whether there is Terraform to read (the run loads the parser only then: run()). `walkFs`: the
 * walk's file system (a test's, counting its reads).
 */
function begin(argv: string[], err: (s: string) => void, walkFs?: WalkFs): Begun {
  let opts: Options;
  try {
    opts = parseArgs(argv);
  } catch (e) {
    err(`vpce-lens: ${(e as Error).message}\n${USAGE}\n`);
    return { code: 2 };
  }
  if (opts.command === 'help' || opts.command === 'version' || opts.command === 'trace' || opts.command === 'map') return { opts };
  if (opts.format === 'svg' || opts.format === 'mermaid') return err(`vpce-lens: --format ${opts.format} draws a map: use vpce-lens map or vpce-lens trace\n`), { code: 2 };
  if (opts.command === 'rules') return { opts };
  if (opts.inputs.length === 0) {
    err(`vpce-lens: no files or folders given\n${USAGE}\n`);
    return { code: 2 };
  }
  try {
    // Each problem is one line on stderr (escaped: names come from the file system).
    const say = (line: string) => err(`vpce-lens: ${escapeLine(line)}\n`);
    const assemblies = new Assemblies(say);
    const inputs = new RunSettings(opts, say, assemblies);
    const collected = collectFiles(opts.inputs, (dir) => assemblies.listing(dir), walkFs);
    collected.notes.forEach((n) => say(`warning: ${n}`));
    return { opts, check: { say, assemblies, inputs, collected } };
  } catch (e) {
    return { code: failed(e, err) };
  }
}

/** Whether the run reads Terraform: a check's walk found a .tf file; trace and map name one, or a module's folder. */
function needsTerraform(begun: Begun): boolean {
  if ('code' in begun) return false;
  if (begun.check) return begun.check.collected.terraform;
  const { command, inputs } = begun.opts;
  if ((command !== 'trace' && command !== 'map') || inputs.length !== 1) return false;
  const input = inputs[0]!;
  if (TF_FILE.test(input)) return true;
  try {
    // The module a trace reads is the folder's own files (cli/terraform.ts terraformTrace), not a walk.
    return Boolean(statSync(input, { throwIfNoEntry: false })?.isDirectory()) && readdirSync(input).some((n) => TF_FILE.test(n));
  } catch {
    // What cannot be read here is reported by the command; the parser is there if it turns out to be needed.
    return true;
  }
}

/** An input or configuration error: said, exit 2; anything else is the run's internal error. */
function failed(e: unknown, err: (s: string) => void): number {
  if (e instanceof InputError || e instanceof ConfigError) {
    err(`vpce-lens: ${escapeLine(e.message)}\n`);
    return 2;
  }
  throw e;
}

/** The CLI on `argv`, synchronously: the Terraform parser must be loaded already where Terraform is read (run() does it). */
export function main(argv: string[], out: (s: string) => void, err: (s: string) => void): number {
  return finish(begin(argv, err), out, err);
}

function finish(begun: Begun, out: (s: string) => void, err: (s: string) => void): number {
  if ('code' in begun) return begun.code;
  const { opts, check } = begun;
  if (opts.command === 'help') return out(USAGE + '\n'), 0;
  if (opts.command === 'version') return out(version + '\n'), 0;
  if (opts.command === 'trace' || opts.command === 'map') return traceCommand(opts, out, err);
  // begin() ended a run asking for a drawing format here (exit 2).
  if (opts.command === 'rules') return opts.format === 'svg' || opts.format === 'mermaid' ? 2 : (out(rulesFormat().formatRules(rules, opts.format)), 0);
  if (!check) return 2; // begin() gives every check its start, or a code
  try {
    const reports: FileReport[] = [];
    // A file named on the command line that cannot be read is exit 2, after the others have been checked
    // and reported; one found in a folder (a stray binary .json) is a warning.
    const { say, assemblies, inputs } = check;
    const { files, named } = check.collected;
    let unreadable = false;
    const templates: CheckedTemplate[] = [];
    let parents = false;
    // The templates whose findings may name a construct (a CDK app's), kept until a parent's stacks are judged.
    const kept = new Map<FileReport, { template: Template; file: string }>();
    const tf = files.filter((f) => TF_FILE.test(f));
    if (tf.length) {
      const limitOf = (file: string) => inputs.limit(inputs.config(file));
      reports.push(...terraform().checkTerraform(tf, (file) => inputs.settings(file), displayPath, (path, reason, size) => {
        // Over the limit: its finding, as a template's (the rest of its module is checked without it).
        if (size !== undefined) {
          const { bytes, fromConfig } = limitOf(path);
          reports.push(tooLargeReport(displayPath(path), size, bytes, fromConfig));
        } else if (named.has(path)) {
          say(`${path}: ${reason}`);
          unreadable = true;
        } else say(`warning: ${path}: ${reason}; left out of its module`);
      }, (file) => limitOf(file).bytes));
    }
    for (const file of files) {
      if (TF_FILE.test(file)) continue;
      // A variables file means nothing alone: its findings are its module's (reported in it when that module is checked).
      if (TF_VARS_FILE.test(file)) {
        if (named.has(file)) say(`note: ${file}: ${varsFileNote(file)}; not checked alone`);
        continue;
      }
      // Named on the command line (a folder's walk leaves it out, saying why): its values are placeholders.
      const waiting = assemblies.waitingOf(file);
      if (waiting) {
        say(`warning: ${file}: ${waiting}; not checked`);
        continue;
      }
      const config = inputs.config(file);
      const { bytes: limit, fromConfig } = inputs.limit(config);
      const shown = displayPath(file);
      const read = readInput(file, limit);
      if (read.kind === 'unreadable') {
        if (named.has(file)) {
          say(`${file}: ${read.reason}`);
          unreadable = true;
        } else say(`warning: ${file}: ${read.reason}; skipped`);
        continue;
      }
      if (read.kind === 'too-large') {
        // Named, or plainly a template or a policy by its first 64 KB: a finding. A big data file
        // found in a folder (a lock file, a dataset) is not ours: a warning.
        if (named.has(file) || looksLikeOurs(readHead(file, 64 * 1024))) reports.push(tooLargeReport(shown, read.size, limit, fromConfig));
        else say(`warning: ${file}: ${overText(read.size, limit)} limit and not a template by its start; skipped`);
        continue;
      }
      const text = read.text;
      const settings = inputs.settings(file, config);
      const plan = /\.json$/i.test(file) && mayBePlanJson(text) ? plans().checkPlan(text, file, shown, settings, sourcePath) : undefined;
      if (plan && 'unsupported' in plan) {
        if (named.has(file)) {
          say(`${file}: ${plan.unsupported}; not checked`);
          unreadable = true;
        } else say(`warning: ${file}: ${plan.unsupported}; not checked`);
        continue;
      }
      if (plan) {
        const { partial, ...report } = plan;
        if (partial) say(`warning: ${file}: ${partial}`);
        reports.push(report);
        continue;
      }
      const judged = assemblies.settingsOf(file, settings);
      const analysis = analyze(text, { fileName: shown, settings: judged, ...policyOptions(shown, config) });
      if (analysis.kind === 'none') {
        // A file found in a folder may be anything; one the user named is said, never passed over in silence.
        if (named.has(file) && isRawStateJson(text)) say(`note: ${file}: a Terraform state file, which is read in the form \`terraform show -json\` writes (terraform show -json > state.json, then vpce-lens check state.json); not checked`);
        else if (named.has(file)) say(`note: ${file}: not a CloudFormation template (no AWSTemplateFormatVersion, no resource with an AWS:: Type) nor an endpoint policy; not checked`);
        continue;
      }
      const origins = constructOrigins(analysis.template, analysis.findings, file, assemblies, sourcePath);
      const report: FileReport = { file: shown, findings: [...analysis.findings], lines: new LineIndex(text), ...(origins ? { origins } : {}), ...reportRegions(judged.regions) };
      reports.push(report);
      if (analysis.kind !== 'template') continue;
      // A template may be a parent's nested stack, or deploy one: judged together after the walk (cli/nested-check.ts).
      const deploys = analysis.template.resources.some((r) => r.type === 'AWS::CloudFormation::Stack');
      parents ||= deploys;
      templates.push({ file, text, settings: judged, limit, deploys, report });
      if (mayHaveOrigins(analysis.template, file, assemblies)) kept.set(report, { template: analysis.template, file });
    }
    // The findings of the templates read with a parent are new: their constructs are found again.
    for (const report of parents ? nestedCheck().checkAcrossStacks(templates, assemblies, displayPath, say) : []) {
      const k = kept.get(report);
      const found = k && constructOrigins(k.template, report.findings, k.file, assemblies, sourcePath);
      if (found) report.origins = found;
      else delete report.origins;
    }
    if (opts.format === 'json') jsonFormat().formatJson(reports, out);
    else if (opts.format === 'sarif') sarifFormat().formatSarif(reports, rules, version, out);
    else formatText(reports, out);
    if (unreadable) return 2;
    return reports.some((r) => r.findings.some((f) => f.severity === 'error')) ? 1 : 0;
  } catch (e) {
    return failed(e, err);
  }
}

function traceCommand(opts: Options, out: (s: string) => void, err: (s: string) => void): number {
  if (opts.inputs.length !== 1) return err(`vpce-lens: ${opts.command} takes one template\n${USAGE}\n`), 2;
  if (opts.command === 'map' && opts.formatGiven && opts.format !== 'svg' && opts.format !== 'mermaid') return err('vpce-lens: map prints svg or mermaid\n'), 2;
  if (opts.command === 'trace' && opts.format === 'sarif') return err('vpce-lens: trace prints text, json, svg or mermaid\n'), 2;
  if (opts.command === 'trace' && opts.matrix && (opts.format === 'svg' || opts.format === 'mermaid')) return err('vpce-lens: the matrix prints text or json; draw one path with --from and --to\n'), 2;
  const file = opts.inputs[0]!;
  const say = (line: string) => err(`vpce-lens: ${escapeLine(line)}\n`);
  try {
    // The settings are read as check reads them (run-settings.ts): the trace of a template answers
    // for the regions its check judges it for.
    const assemblies = new Assemblies(say);
    const inputs = new RunSettings(opts, say, assemblies);
    const drawn = opts.command === 'map' || opts.format === 'svg' || opts.format === 'mermaid';
    if (drawn && opts.command === 'trace' && (!opts.from || !opts.to)) return err('vpce-lens: trace needs --from <LogicalId> and --to <service|internet|CIDR> (or --matrix)\n'), 2;
    const path = { ...(opts.vpc ? { vpc: opts.vpc } : {}), ...(opts.from ? { from: opts.from } : {}), ...(opts.to ? { to: opts.to } : {}), ...(opts.action ? { action: opts.action } : {}) };
    const tf = terraform().terraformTrace(
      file,
      (f) => inputs.settings(f),
      (path, reason, size) => say(`warning: ${path}: ${size === undefined ? reason : `${overText(size, inputs.limit(inputs.config(path)).bytes)} limit`}; left out of its module`),
      (f) => inputs.limit(inputs.config(f)).bytes,
    );
    if (tf) {
      const regions = tf.regions;
      // Not the CloudFormation reader's words on HCL: the module's own first syntax error and its place.
      if (!tf.network) {
        const at = tf.broken && tf.locate(tf.broken.at);
        const where = at ? `${at.file}:${at.line + 1}:${at.character + 1}` : file;
        return err(`vpce-lens: ${escapeLine(`${where}: the Terraform module does not parse${tf.broken ? `: ${tf.broken.message}` : ''}`)}\n`), 2;
      }
      if (drawn) {
        return maps().runMap({ file: displayPath(file), title: mapName(file), text: tf.text, network: tf.network, format: opts.format === 'mermaid' ? 'mermaid' : 'svg', ...path }, out, err);
      }
      return traces().runTrace({ file: displayPath(file), from: opts.from, to: opts.to, action: opts.action, matrix: Boolean(opts.matrix), format: opts.format === 'json' ? 'json' : 'text', ...tf, regions }, out, err);
    }
    const config = inputs.config(file);
    const { bytes: limit, fromConfig } = inputs.limit(config);
    const read = readInput(file, limit);
    if (read.kind === 'unreadable') return err(`vpce-lens: ${escapeLine(`${file}: ${read.reason}`)}\n`), 2;
    if (read.kind === 'too-large') return err(`vpce-lens: ${escapeLine(`${file}: ${overText(read.size, limit)} limit (${fromConfig ? 'maxFileSize in .vpce-lens.yaml' : '--max-size'})`)}\n`), 2;
    const text = read.text;
    // A Terraform plan is checked, not traced: its planned values leave out what the trace needs (an
    // endpoint's subnets known only after apply), so its answers could differ from its configuration's.
    if (/\.json$/i.test(file) && mayBePlanJson(text)) return err(`vpce-lens: ${escapeLine(`${file}: a Terraform plan is checked (vpce-lens check), not traced or mapped; ${opts.command} its configuration's folder instead`)}\n`), 2;
    const judged = inputs.templateSettings(file, config);
    const regions = judged.regions ?? [];
    const outsideRules = { ...(judged.outsideRules ? { outsideRules: judged.outsideRules } : {}), ...(judged.passedParameters ? { passedParameters: judged.passedParameters } : {}) };
    // A stack with nested stacks: one network over its templates (cli/nested-trace.ts).
    const nested = nestedStacks().nestedStacksOf(assemblies, file, text, limit);
    const across = nested && nestedTrace().acrossStacks(nested, displayPath, judged);
    if (across) {
      if (drawn) return maps().runMap({ file: displayPath(file), text: across.text, network: across.network, across, regions, format: opts.format === 'mermaid' ? 'mermaid' : 'svg', ...path }, out, err);
      return traces().runTrace({ file: displayPath(file), regions, from: opts.from, to: opts.to, action: opts.action, matrix: Boolean(opts.matrix), format: opts.format === 'json' ? 'json' : 'text', ...across, hopFiles: true }, out, err);
    }
    if (drawn) return maps().runMap({ file: displayPath(file), text, regions, ...outsideRules, format: opts.format === 'mermaid' ? 'mermaid' : 'svg', ...path }, out, err);
    return traces().runTrace({ file: displayPath(file), text, regions, ...outsideRules, from: opts.from, to: opts.to, action: opts.action, matrix: Boolean(opts.matrix), format: opts.format === 'json' ? 'json' : 'text' }, out, err);
  } catch (e) {
    if (e instanceof ConfigError) return err(`vpce-lens: ${escapeLine(e.message)}\n`), 2;
    throw e;
  }
}

function policyOptions(path: string, config: LoadedConfig): { policyFile: boolean; policyService?: string } {
  const policyFile = matchesAny(path, config.policyFiles ?? DEFAULT_POLICY_FILES);
  const service = policyServiceFor(path, config);
  return service ? { policyFile, policyService: service } : { policyFile };
}

function looksLikeOurs(head: string | undefined): boolean {
  return head !== undefined && /AWSTemplateFormatVersion|AWS::|"Statement"|Statement:/.test(head);
}

/** A file over the size limit: one finding at its start instead of a read. */
function tooLargeReport(file: string, size: number, limit: number, fromConfig: boolean): FileReport {
  const how = fromConfig ? 'maxFileSize in .vpce-lens.yaml' : '--max-size';
  const text = overLimitText(size, limit);
  const message = `${text.size} is over the ${text.limit} limit: not checked (raise it with ${how})`;
  return { file, findings: [{ ruleId: 'VPCE0004', severity: 'error', message, start: 0, end: 0 }], lines: new LineIndex('') };
}

/** "2.1 MB, over the 2.0 MB" (the caller ends the sentence). */
function overText(size: number, limit: number): string {
  const text = overLimitText(size, limit);
  return `${text.size}, over the ${text.limit}`;
}

/** A path recorded elsewhere (a CDK stack trace): relative when it lies under the working folder. */
function sourcePath(path: string): string {
  if (!isAbsolute(path)) return path;
  const rel = relative(process.cwd(), path);
  return rel.startsWith('..') || isAbsolute(rel) ? path : rel.split(sep).join('/');
}

function displayPath(file: string): string {
  const rel = relative(process.cwd(), file);
  // The working folder itself (`vpce-lens trace . ...` in a Terraform module): '.', never an empty name.
  if (rel === '') return '.';
  return (rel.startsWith('..') ? file : rel).split(sep).join('/');
}

/** The name a map's title gives its input: a folder named as `.` (or `..`) by the folder's own name. */
function mapName(file: string): string {
  const shown = displayPath(file);
  return /^(\.\.?\/)*\.\.?$/.test(shown) ? basename(resolve(file)) || shown : shown;
}

/** Runs the CLI on this process's arguments and sets its exit code. */
export async function run(): Promise<void> {
  const pool = process.env[TF_POOL_WORKER_ENV] === '1' ? tfPool().poolWorkerData() : undefined;
  if (pool) return terraform().serveTerraformFolders(pool as PoolData<TfJob>);
  process.exitCode = await runCli(process.argv.slice(2), writeStdout, (s) => process.stderr.write(s));
}

/**
 * The CLI on `args`: each named folder walked once (begin), the Terraform parser (WebAssembly, ~20 ms that a
 * CloudFormation folder does not need) loaded only when that walk found Terraform, then the run. `deps`: a
 * test's walk file system and parser loader.
 */
export async function runCli(args: string[], out: (s: string) => void, err: (s: string) => void, deps: { walkFs?: WalkFs; loadTerraformParser?: () => Promise<void> } = {}): Promise<number> {
  try {
    const begun = begin(args, err, deps.walkFs);
    if (needsTerraform(begun)) await (deps.loadTerraformParser ?? (() => tfParser().ensureTerraformParser()))();
    return finish(begun, out, err);
  } catch (e) {
    err(`vpce-lens: internal error: ${(e as Error).message}\n`);
    return 2;
  }
}

/** What a named variables file is to the check: read with the .tf files beside it, or with nothing (none there). */
function varsFileNote(file: string): string {
  const dir = dirname(file);
  let module = false;
  try {
    module = readdirSync(dir).some((n) => TF_FILE.test(n));
  } catch {
    // an unreadable folder: no module seen beside the file
  }
  return module
    ? `a Terraform variables file is read with the .tf files beside it, whose variables it sets; check their folder (vpce-lens check ${dir}) to see its findings`
    : 'a Terraform variables file sets the variables of the .tf or .tf.json files beside it, and there are none';
}

if (require.main === module) void run();
