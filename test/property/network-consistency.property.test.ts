// "One question, one answer", over generated networks (test/helpers/net-desc.ts: VPC DNS on, off or
// unknown; subnets in zones; route tables with IGW, NAT, TGW, egress-only and unknown targets; gateway
// and interface endpoints of known, unknown, other-region and misspelt services, with and without
// private DNS, groups admitting 443 or not, policies; Lambda, instance and ECS workloads; a condition
// on some of them; parameters without default for unknown values), each written both as a
// CloudFormation template and as a Terraform module:
//   - both forms give the same findings by meaning (rule and element) and the same trace verdicts;
//   - the rules' path claims agree with the trace (test/helpers/rule-trace-agreement.ts);
//   - making one value unknown never makes an unknown answer definite (nor another definite one) and
//     never adds an error;
//   - no crash, each case in bounded time, every finding and hop inside the text, a finding about an
//     element inside that element's declaration;
//   - the map draws the route tables and routes the trace takes;
//   - the hover's TCP 443 admission of a group agrees with VPCE6003 and the trace's endpoint group hop;
// and each of these checks is shown to fail on a deliberately broken model. fast-check, fixed seed and
// run counts (a failure names its shrunk description, which both writers turn back into text).

import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { ensureTerraformParser } from '../../server/src/tf-parser.js';
import { buildPicture } from '../../server/src/core/map/picture.js';
import { trace } from '../../server/src/core/trace/trace.js';
import { parseTarget } from '../../server/src/core/trace/targets.js';
import { known } from '../../server/src/core/model/types.js';
import { assistView } from '../../server/src/lsp/complete/assist-view.js';
import { netDesc, type NetDesc } from '../helpers/net-desc.js';
import { judgeForm, type Judged } from '../helpers/net-judge.js';
import { formsDisagree, hoverDisagrees, mapDisagrees, rangesOutside, rulesDisagree, unknownMadeDefinite, unknownVariants } from '../helpers/net-invariants.js';

const SEED = 20261202;
/** A case (both forms analysed, every source traced to every destination) takes ~50 ms; a hang is far beyond this. */
const CASE_MS = 5000;

before(() => ensureTerraformParser());

const say = (d: NetDesc, problems: string[]) => `${problems.join('\n')}\nfor ${JSON.stringify(d)}`;

test('both forms of a generated network agree; rules, trace, hover and map agree; findings in place; no crash or hang (40 networks)', () => {
  let traces = 0;
  fc.assert(
    fc.property(netDesc, (d) => {
      const t0 = performance.now();
      const cfn = judgeForm('cfn', d);
      const tf = judgeForm('tf', d);
      const ms = performance.now() - t0;
      assert.ok(ms < CASE_MS, `${Math.round(ms)} ms for ${JSON.stringify(d)}`);
      traces += cfn.traces.size;
      const problems = [...formsDisagree(cfn, tf), ...rulesDisagree(cfn), ...rulesDisagree(tf), ...rangesOutside(cfn), ...rangesOutside(tf), ...mapDisagrees(cfn), ...mapDisagrees(tf), ...hoverDisagrees(cfn), ...hoverDisagrees(tf)];
      assert.deepEqual(problems, [], say(d, problems));
    }),
    { seed: SEED, numRuns: 40 },
  );
  assert.ok(traces > 200, `only ${traces} traces compared`);
});

test('making one value unknown never makes an answer definite or adds an error (25 networks, one value each)', () => {
  const withVariant = netDesc.chain((d) => {
    const vs = unknownVariants(d);
    return fc.nat({ max: vs.length - 1 }).map((i) => ({ d, v: vs[i]! }));
  });
  fc.assert(
    fc.property(withVariant, ({ d, v }) => {
      for (const form of ['cfn', 'tf'] as const) {
        const problems = unknownMadeDefinite(judgeForm(form, d), judgeForm(form, v.desc), v.key);
        assert.deepEqual(problems, [], say(d, [`${v.what} made unknown:`, ...problems]));
      }
    }),
    { seed: SEED, numRuns: 25 },
  );
});

// Each check has teeth: on a model broken the way real bugs break models, it finds a problem in some
// of the same generated networks.
const SAMPLE = fc.sample(netDesc, { seed: SEED, numRuns: 40 });

function retrace(j: Judged): Judged {
  const traces = new Map([...j.traces].map(([k]) => {
    const [key, to] = k.split('→') as [string, string];
    return [k, trace(j.net, j.rendered.ids.get(key)!, parseTarget(to)!)];
  }));
  return { ...j, traces };
}

function caught(what: string, check: (d: NetDesc) => string[]): void {
  const hit = SAMPLE.find((d) => check(d).length > 0);
  assert.ok(hit, `the check of ${what} found nothing wrong with a broken model in ${SAMPLE.length} networks`);
}

test('each check fails on a deliberately broken model', () => {
  // Terraform's subnets all read as using the main route table (an association lost in lowering).
  caught('both forms', (d) => {
    const tf = judgeForm('tf', d);
    for (const dep of tf.net.deployments()) for (const s of dep.model.subnets.values()) s.routeTable = known(null);
    return formsDisagree(judgeForm('cfn', d), retrace(tf));
  });
  // A rule that loses its findings (bypass, 443, private DNS): the trace still says what they said.
  caught('rules against the trace', (d) => {
    const j = judgeForm('cfn', d);
    return rulesDisagree(j, j.findings.filter((f) => !['VPCE7003', 'VPCE6003', 'VPCE5001'].includes(f.ruleId)));
  });
  // An endpoint type that is not known read as the default Gateway, a VPC DNS attribute as off.
  caught('unknown values', (d) => {
    const v = unknownVariants(d).find((x) => / type$| DNS /.test(x.what));
    if (!v) return [];
    const after = judgeForm('cfn', v.desc);
    for (const dep of after.net.deployments()) {
      for (const e of dep.model.endpoints.values()) if (!e.type.known) e.type = known('Gateway');
      for (const x of dep.model.vpcs.values()) {
        if (!x.dnsSupport.known) x.dnsSupport = known(false);
        if (!x.dnsHostnames.known) x.dnsHostnames = known(false);
      }
    }
    return unknownMadeDefinite(judgeForm('cfn', d), retrace(after), v.key);
  });
  // Terraform's subnets read as having no IPv6 range: a dual-stack subnet's second way is lost.
  caught('both forms, dual-stack', (d) => {
    if (!d.subnets.some((s) => s.dual)) return [];
    const tf = judgeForm('tf', d);
    for (const dep of tf.net.deployments()) for (const s of dep.model.subnets.values()) s.hasIpv6 = known(false);
    return formsDisagree(judgeForm('cfn', d), retrace(tf));
  });
  // VPCE4002 loses its findings: a dual-stack subnet's trace still goes past the IPv4-only gateway endpoint over IPv6.
  caught('VPCE4002 against the trace', (d) => {
    const j = judgeForm('cfn', d);
    return rulesDisagree(j, j.findings.filter((f) => f.ruleId !== 'VPCE4002'));
  });
  // Findings moved to the top of the text.
  caught('ranges', (d) => {
    const j = judgeForm('tf', d);
    return rangesOutside(j, j.findings.map((f) => ({ ...f, start: 0, end: 1 })));
  });
  // A hover that reads every group as admitting no HTTPS.
  caught('the hover', (d) => {
    const j = judgeForm('cfn', d);
    const view = assistView(j.analysis, { fileName: 'net.yaml' });
    const groups = view.network?.groups.map((g) => ({ ...g, https: { ...g.https, decision: 'block' as const } }));
    return hoverDisagrees(j, { ...view, ...(view.network && groups ? { network: { ...view.network, groups } } : {}) });
  });
  // A map that draws no association.
  caught('the map', (d) => {
    const j = judgeForm('cfn', d);
    const p = buildPicture(j.net.judged());
    return mapDisagrees(j, { ...p, edges: p.edges.filter((e) => e.kind !== 'association') });
  });
});
