// Override files (override.tf, *_override.tf and their .tf.json forms) are merged into the primary
// configuration after the other files, in lexical order, as Terraform documents: an argument replaces
// the original's, nested blocks of a type replace all the original's of that type, locals value by value,
// lifecycle argument by argument; a block with nothing to override is an error. A finding on a value
// points at the file that decided it.
// https://developer.hashicorp.com/terraform/language/files/override

import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { ensureTerraformParser } from '../../../server/src/tf-parser.js';
import { analyzeTerraform } from '../../../server/src/core/tf/analysis.js';
import { readModuleFiles } from '../../../server/src/tf-module-files.js';
import { isOverrideFile } from '../../../server/src/core/tf/overrides.js';
import { lowerTerraform } from '../../../server/src/core/tf/lower.js';

const DIR = join(__dirname, '..', '..', 'fixtures', 'tf', 'overrides');
const SETTINGS = { settings: { regions: ['eu-west-1'] } };

before(() => ensureTerraformParser());

function run(files: { path: string; text: string }[]) {
  const r = analyzeTerraform(files, SETTINGS);
  return [...r.findingsByFile()].flatMap(([path, fs]) => {
    const text = files.find((f) => f.path === path)!.text;
    return fs.map((f) => `${path.split('/').pop()} ${f.ruleId} ${JSON.stringify(text.slice(f.start, f.end))}`);
  });
}

test('override file names: override.tf, *_override.tf, and their .tf.json forms only', () => {
  assert.deepEqual(['override.tf', 'm/override.tf.json', 'dev_override.tf', 'x_override.tf.json', 'myoverride.tf', 'override.tfvars', 'override_x.tf'].map(isOverrideFile), [true, true, true, true, false, false, false]);
});

test('the fixture folder: values from the override that decided them, nested blocks replaced, lifecycle merged', () => {
  const { files } = readModuleFiles(DIR);
  assert.deepEqual(run(files).sort(), [
    // b_override.tf.json's policy (the base has none): the finding is in the JSON override, on the action.
    'b_override.tf.json VPCE9005 "s3:GetObjekt"',
    // Its ingress (80) replaced the base's 443 ingress: the endpoint's group admits no HTTPS.
    'main.tf VPCE6003 "[aws_security_group.endpoints.id]"',
  ]);
  // a_override.tf turned private DNS on (no VPCE5003) and made the local "ec2messages".
  const m = lowerTerraform(files);
  const ssm = m.resourceBlocks.get('aws_vpc_endpoint.ssm')!;
  const dns = ssm.body.attributes.find((a) => a.name === 'private_dns_enabled')!;
  assert.equal(m.text.slice(dns.start, dns.end), 'private_dns_enabled = true');
  assert.ok(m.files.find((f) => f.path.endsWith('a_override.tf'))!.start <= dns.start, 'the argument is the override file\'s');
  // lifecycle merged argument by argument: the base's create_before_destroy and the override's ignore_changes.
  const life = ssm.body.blocks.filter((b) => b.type === 'lifecycle');
  assert.equal(life.length, 1);
  assert.deepEqual(life[0]!.body.attributes.map((a) => a.name), ['create_before_destroy', 'ignore_changes']);
  // The override's `resource "aws_vpc_endpoint" "gone"` declares nothing.
  assert.equal(m.resourceBlocks.has('aws_vpc_endpoint.gone'), false);
  const network = analyzeTerraform(files, SETTINGS).analysis.network()!.defaults;
  assert.deepEqual([...network.endpoints.keys()], ['aws_vpc_endpoint.ssm', 'aws_vpc_endpoint.s3']);
  assert.match(JSON.stringify(network.endpoints.get('aws_vpc_endpoint.ssm')!.service), /ec2messages/);
  // Without the override files the base's own findings are back (private DNS off, no policy typo).
  const base = run(files.filter((f) => !isOverrideFile(f.path)));
  assert.deepEqual(base.map((f) => f.replace(/ ".*/, '')), ['main.tf VPCE5003']);
});

test('a block with no original to override, a local with none, and depends_on in an override are errors at their place', () => {
  const { files } = readModuleFiles(join(DIR, '..', 'overrides-missing'));
  assert.deepEqual(run(files), [
    'override.tf VPCE0001 "resource \\"aws_vpc_endpoint\\" \\"gone\\""',
    'override.tf VPCE0001 "nowhere"',
    'override.tf VPCE0001 "depends_on"',
  ]);
  const messages = analyzeTerraform(files, SETTINGS).analysis.findings.map((f) => f.message);
  assert.match(messages[0]!, /Missing resource to override: there is no aws_vpc_endpoint resource named "gone"/);
  assert.match(messages[1]!, /Missing base local value definition to override/);
  assert.match(messages[2]!, /depends_on argument may not be used in an override block/);
});

test('override files apply in lexical order of their names, whatever order they are given in: the last one decides', () => {
  const main = readFileSync(join(DIR, 'main.tf'), 'utf8').replace('vpc_endpoint_type   = "Interface"', 'vpc_endpoint_type   = "Interface"\n  private_dns_enabled = true');
  const name = (s: string) => `resource "aws_vpc_endpoint" "ssm" {\n  service_name = "${s}"\n}\n`;
  const fixed = name('com.amazonaws.eu-west-1.ssm');
  const symbolic = name('com.amazonaws.$${data.aws_region.current.name}.ssm').replace('$$', '$');
  assert.deepEqual(run([{ path: 'main.tf', text: main }, { path: 'z_override.tf', text: fixed }, { path: 'a_override.tf', text: symbolic }]), ['z_override.tf VPCE3002 "eu-west-1"']);
  assert.deepEqual(run([{ path: 'main.tf', text: main }, { path: 'z_override.tf', text: symbolic }, { path: 'a_override.tf', text: fixed }]), []);
  // An override file given first is still merged after the primary files (not read as the declaration).
  assert.deepEqual(run([{ path: 'override.tf', text: fixed }, { path: 'main.tf', text: main }]), ['override.tf VPCE3002 "eu-west-1"']);
});
