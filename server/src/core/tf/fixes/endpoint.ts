// Fixes of an endpoint's own arguments: its type, an argument its type does not take, private DNS,
// acceptance, the service name (a known name for a misspelt one, the deployed region for a hard-coded
// one).

import { TF_WORDS } from '../../rules/words.js';
import { regionExpression } from '../provider-version.js';
import { attr, type Body, type Expr } from '../hcl-ast.js';
import { endpointAt, serviceArg } from './entry.js';
import { editsIn } from './json-edits.js';
import { blockAt, fileAt, firstInBody, str, within, type TfFamily } from './target.js';

/** VPCE2001, VPCE2005 `{type}`: the type the service offers (a module entry's `service_type`). */
export const setType: TfFamily = ({ m, finding, data }) => {
  const at = endpointAt(m, finding.resource);
  const name = at?.arg('vpc_endpoint_type');
  const type = str(data, 'type');
  if (!at || !name || !type || !/^[A-Za-z]+$/.test(type)) return [];
  const edits = editsIn(m).setArgument(at.block, name, JSON.stringify(type), serviceArg(at));
  return edits ? [{ title: `Set ${name} = "${type}"`, edits }] : [];
};

/** VPCE5003, VPCE5005, VPCE8002 `{member, value}`: a boolean argument set. */
export const setFlag: TfFamily = ({ m, finding, data }) => {
  const at = endpointAt(m, finding.resource);
  const member = str(data, 'member');
  const name = member === 'PrivateDnsEnabled' || member === 'AcceptanceRequired' ? at?.arg(TF_WORDS.prop(member)) : undefined;
  // A variable's default (VPCE8002 `parameter`): a literal over the reference would take the choice from the caller.
  if (!at || !name || typeof data.value !== 'boolean' || typeof data.parameter === 'string') return [];
  const edits = editsIn(m).setArgument(at.block, name, String(data.value), serviceArg(at));
  return edits ? [{ title: `Set ${name} = ${data.value}`, edits }] : [];
};

/** VPCE2002 `{remove}`: the argument (or block) the endpoint's type does not take, removed. */
export const removeArgument: TfFamily = ({ m, finding, data }) => {
  const at = endpointAt(m, finding.resource);
  const remove = str(data, 'remove');
  const name = remove && at?.arg(TF_WORDS.prop(remove));
  if (!at || !name) return [];
  const body = at.block.body;
  const item = body.attributes.find((a) => a.name === name) ?? body.blocks.find((b) => b.type === name);
  // Only the argument the finding points at (not one set by a dynamic block or a module).
  if (!item || !within(item, finding)) return [];
  const edits = editsIn(m).removeItem(body, item);
  return edits ? [{ title: `Remove ${name}`, edits }] : [];
};

// What may stand in a quoted HCL string as written: no quote, escape or template sequence of its own.
const PLAIN = /^[^"\\\n%$]*$/;

/** VPCE2003 `{suggestions}`: each known name the misspelt one may mean, in the rule's order. */
export const replaceService: TfFamily = ({ m, finding, data }) => {
  const list = Array.isArray(data.suggestions) ? data.suggestions.filter((s): s is string => typeof s === 'string') : [];
  const written = m.text.slice(finding.start, finding.end);
  if (!/^"[^"\n]*"$/.test(written)) return [];
  // A vpc-endpoints entry's `service = "ssm"`: the module's data source makes com.amazonaws.<region>.<service>
  // of it, so the suggestion is written by its last part.
  const at = endpointAt(m, finding.resource);
  const service = at?.entry && attr(at.block.body, 'service');
  if (service && within(service.value, finding)) {
    const short = list.map((s) => /^com\.amazonaws\.(?:\$\{[^}]*\}|[a-z0-9-]+)\.([a-z0-9.-]+)$/.exec(s)?.[1]).filter((s): s is string => Boolean(s));
    return [...new Set(short)].map((s) => ({ title: `Change to ${s}`, edits: [{ start: finding.start, end: finding.end, newText: `"${s}"` }] }));
  }
  // The suggestion keeps the written interpolations (`${data.aws_region.current.name}`) and opens none of its own.
  const kept = (s: string) => (s.match(/\$\{[^}]*\}/g) ?? []).every((i) => written.includes(i)) && PLAIN.test(s.replace(/\$\{[^}]*\}/g, ''));
  return list.filter(kept).map((s) => ({ title: `Change to ${s}`, edits: [{ start: finding.start, end: finding.end, newText: `"${s}"` }] }));
};

/**
 * VPCE3001, VPCE3002 `{region}`: the hard-coded region in a service name becomes the region the
 * configuration deploys to (`data.aws_region.current`, added at the end of the file when the module
 * has none): its `region` attribute with AWS provider 6 or later, `name` before (provider-version.ts).
 * Where the configuration does not pin the version, both: `name` as the rule's fix (valid with every
 * version, so "fix all" never breaks validation), `region` beside it, never made by "fix all".
 */
export const substituteRegion: TfFamily = (ctx) => {
  const written = str(ctx.data, 'region');
  const choices = regionExpression(ctx.m.awsProvider);
  const which = (i: number) => (choices.length === 1 ? '' : i === 0 ? ' (valid with every AWS provider version; deprecated from 6)' : ' (AWS provider 6 and later)');
  return choices.flatMap((by, i) => substitute(ctx, written, by, 'aws_region', `Use ${by} instead of ${written}${which(i)}`).map((f) => (i === 0 ? f : { ...f, isPreferred: false })));
};

/** VPCE3003 `{replace}`: `arn:aws:` becomes `arn:${data.aws_partition.current.partition}:`. */
export const substitutePartition: TfFamily = (ctx) => {
  const replace = str(ctx.data, 'replace');
  return replace === 'arn:aws:' ? substitute(ctx, replace, `arn:${TF_WORDS.partition}:`, 'aws_partition', `Use arn:${TF_WORDS.partition}: instead of arn:aws:`) : [];
};

/**
 * The finding's text, inside a quoted string of the finding's own resource (a variable's default or a
 * tfvars value cannot interpolate) and outside an interpolation of it, replaced by `by`, which reads
 * `data.<source>.current`: that data block is added at the end of the file when the module has none.
 */
function substitute({ m, finding }: Parameters<TfFamily>[0], written: string | undefined, by: string, source: string, title: string) {
  // A resource lowered from an argument of another (`aws_vpc_endpoint_service.svc.allowed_principals`) is in its block.
  const block = endpointAt(m, finding.resource)?.block ?? blockAt(m, finding.resource?.split('.').slice(0, 2).join('.'));
  if (!block || !written || m.text.slice(finding.start, finding.end) !== written || !within(block, finding)) return [];
  const value = quotedStringAt(block.body, finding);
  if (!value) return [];
  const before = m.text.slice(value.start, finding.start);
  if (before.lastIndexOf('${') > before.lastIndexOf('}') || before.lastIndexOf('%{') > before.lastIndexOf('}')) return [];
  const edits = [{ start: finding.start, end: finding.end, newText: by }];
  if (!m.dataOf(`${source}.current`)) {
    const file = fileAt(m, block.start);
    if (!file) return [];
    const data = editsIn(m).addCurrentData(file.end, source);
    if (!data) return [];
    edits.push(...data);
  }
  return [{ title, edits }];
}

/** The quoted (not heredoc) string expression of the body that holds the range. */
function quotedStringAt(body: Body, at: { start: number; end: number }): Expr | undefined {
  const inExpr = (e: Expr): Expr | undefined => {
    if (!within(e, at)) return undefined;
    if ((e.k === 'literal' && e.quoted) || (e.k === 'template' && !e.heredoc)) return e;
    const inner = e.k === 'tuple' ? e.items : e.k === 'object' ? e.items.map((i) => i.value) : e.k === 'call' ? e.args : [];
    for (const x of inner) {
      const hit = inExpr(x);
      if (hit) return hit;
    }
    return undefined;
  };
  return firstInBody(body, inExpr);
}
