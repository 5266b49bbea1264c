// Compiles the JSON Schemas (schemas/cfn/*.schema.json and schemas/endpoint-policy.schema.json) into
// standalone ajv validation code, so that no face compiles a schema at run time (compiling took most of
// a CLI run's time on a small template). Run by `npm run build` before bundling; the output is not
// committed. https://ajv.js.org/standalone.html
import Ajv from 'ajv';
import standaloneCode from 'ajv/dist/standalone/index.js';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const index = JSON.parse(readFileSync(join(ROOT, 'schemas/cfn/index.json'), 'utf8'));
// The same options the engine validates with: coerceTypes because CloudFormation takes "443" for 443.
const ajv = new Ajv({ allErrors: true, strict: false, coerceTypes: true, verbose: true, code: { source: true } });
const exports = {};
Object.entries(index.types).forEach(([type, file], i) => {
  const schema = JSON.parse(readFileSync(join(ROOT, 'schemas/cfn', file), 'utf8'));
  ajv.addSchema(schema, type);
  exports[`cfn${i}`] = type;
});
// The endpoint policy is validated without coercion: IAM reads JSON as written.
const policyAjv = new Ajv({ allErrors: true, strict: false, verbose: true, code: { source: true } });
policyAjv.addSchema(JSON.parse(readFileSync(join(ROOT, 'schemas/endpoint-policy.schema.json'), 'utf8')), 'policy');

const out = join(ROOT, 'server/src/core/schema');
const names = Object.fromEntries(Object.entries(exports).map(([fn, type]) => [type, fn]));
writeFileSync(join(out, 'validators.generated.js'), `${standaloneCode(ajv, exports)}\nmodule.exports.byType = ${JSON.stringify(names)};\n`);
writeFileSync(join(out, 'policy-validator.generated.js'), standaloneCode(policyAjv, { validatePolicy: 'policy' }));
console.log(`compiled ${Object.keys(exports).length} resource schemas and the endpoint-policy schema`);
