#!/usr/bin/env node
// Generates JSON Schemas (draft-07) for the `Properties` object of the
// CloudFormation resource types the linter understands, from the pinned
// @aws-cdk/aws-service-spec package (its bundled db.json.gz).
//
//   npm run gen:schemas        (no arguments)
//
// Output: schemas/cfn/<AWS_Service_Type>.schema.json, schemas/cfn/index.json,
// schemas/cfn/attributes.json (each type's Fn::GetAtt attributes and property names),
// schemas/cfn/README.md. Output is deterministic: properties, required lists and
// definitions are sorted by name, JSON is written with 2-space indent and a
// trailing newline. To pick up newer CloudFormation facts, bump the pinned
// version of @aws-cdk/aws-service-spec in package.json, install, and re-run.

import { mkdirSync, readdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const OUT_DIR = join(ROOT, 'schemas', 'cfn');
const GENERATED_BY = 'scripts/gen-schemas.mjs';
const SPEC_PACKAGE = '@aws-cdk/aws-service-spec';

const RESOURCE_TYPES = [
  'AWS::EC2::VPCEndpoint',
  'AWS::EC2::VPCEndpointService',
  'AWS::EC2::VPCEndpointServicePermissions',
  'AWS::EC2::VPC',
  'AWS::EC2::Subnet',
  'AWS::EC2::RouteTable',
  'AWS::EC2::Route',
  'AWS::EC2::SubnetRouteTableAssociation',
  'AWS::EC2::SecurityGroup',
  'AWS::EC2::SecurityGroupIngress',
  'AWS::EC2::SecurityGroupEgress',
  'AWS::EC2::NetworkAcl',
  'AWS::EC2::NetworkAclEntry',
  'AWS::EC2::NatGateway',
  'AWS::EC2::InternetGateway',
  'AWS::EC2::VPCGatewayAttachment',
];

/** Code-unit order, independent of the machine's locale. */
const byCodeUnit = (a, b) => (a < b ? -1 : a > b ? 1 : 0);

function fileNameFor(cfnType) {
  return `${cfnType.replaceAll('::', '_')}.schema.json`;
}

function specVersion() {
  const pkgJson = require.resolve(`${SPEC_PACKAGE}/package.json`);
  return JSON.parse(readFileSync(pkgJson, 'utf8')).version;
}

// ---------------------------------------------------------------------------
// Spec type -> JSON Schema
// ---------------------------------------------------------------------------

// Spec types that map to a bare `type` (no enum, no sub-schema); only these
// can be merged into a `type` array when they appear in a union.
const PRIMITIVE_JSON_TYPES = {
  string: ['string'],
  number: ['number'],
  integer: ['integer'],
  boolean: ['boolean'],
  null: ['null'],
  'date-time': ['string'],
  // CloudFormation accepts JSON-typed values (e.g. PolicyDocument) as an
  // object or as a string holding serialized JSON.
  json: ['object', 'string'],
};
const TYPE_ORDER = ['object', 'array', 'string', 'number', 'integer', 'boolean', 'null'];

function isPlainPrimitive(t) {
  return Object.hasOwn(PRIMITIVE_JSON_TYPES, t.type) && !(t.allowedValues && t.allowedValues.length > 0);
}

function typeKeyword(types) {
  const sorted = [...new Set(types)].sort((a, b) => TYPE_ORDER.indexOf(a) - TYPE_ORDER.indexOf(b));
  return sorted.length === 1 ? sorted[0] : sorted;
}

const TAG_DEFINITION_NAME = 'Tag';
const TAG_DEFINITION = {
  type: 'object',
  properties: {
    Key: { type: 'string' },
    Value: { type: 'string' },
  },
  required: ['Key', 'Value'],
  additionalProperties: false,
};

/**
 * Per-resource conversion state: which nested type definitions are referenced
 * and under which `#/definitions/<Name>` they are emitted.
 */
class SchemaBuilder {
  constructor(db, cfnType) {
    this.db = db;
    this.cfnType = cfnType;
    this.nameById = new Map(); // typeDefinition $id -> definition name
    this.idByName = new Map(); // definition name -> typeDefinition $id (or TAG sentinel)
    this.queue = []; // typeDefinitions still to convert
    this.definitions = new Map(); // name -> schema
    this.usesTag = false;
    this.notes = [];
  }

  refTo(name) {
    return { $ref: `#/definitions/${name}` };
  }

  definitionName(def) {
    const known = this.nameById.get(def.$id);
    if (known) return known;
    // Names are unique per resource in practice; if two distinct definitions
    // ever share one, suffix in first-encounter order (deterministic, because
    // traversal follows sorted property names).
    let name = def.name;
    for (let i = 2; this.idByName.has(name) || name === TAG_DEFINITION_NAME; i++) {
      name = `${def.name}${i}`;
    }
    if (name !== def.name) this.notes.push(`definition name clash: ${def.name} (id ${def.$id}) emitted as ${name}`);
    this.nameById.set(def.$id, name);
    this.idByName.set(name, def.$id);
    this.queue.push(def);
    return name;
  }

  mapType(t, where) {
    switch (t.type) {
      case 'string':
      case 'integer': {
        const schema = { type: t.type };
        if (t.allowedValues && t.allowedValues.length > 0) schema.enum = [...new Set(t.allowedValues)];
        return schema;
      }
      case 'number':
      case 'boolean':
      case 'null':
      case 'date-time':
      case 'json':
        return { type: typeKeyword(PRIMITIVE_JSON_TYPES[t.type]) };
      case 'tag':
        this.usesTag = true;
        return this.refTo(TAG_DEFINITION_NAME);
      case 'array':
        return { type: 'array', items: this.mapType(t.element, `${where}[]`) };
      case 'map':
        return { type: 'object', additionalProperties: this.mapType(t.element, `${where}{}`) };
      case 'ref': {
        const def = this.db.get('typeDefinition', t.reference);
        return this.refTo(this.definitionName(def));
      }
      case 'union': {
        if (t.types.every(isPlainPrimitive)) {
          return { type: typeKeyword(t.types.flatMap((m) => PRIMITIVE_JSON_TYPES[m.type])) };
        }
        const seen = new Set();
        const anyOf = [];
        for (const member of t.types) {
          const schema = this.mapType(member, `${where}|`);
          const key = JSON.stringify(schema);
          if (!seen.has(key)) {
            seen.add(key);
            anyOf.push(schema);
          }
        }
        return anyOf.length === 1 ? anyOf[0] : { anyOf };
      }
      default:
        throw new Error(`${this.cfnType}: unsupported spec type ${JSON.stringify(t)} at ${where}`);
    }
  }

  /** Spec `properties` record -> { type: object, properties, required, additionalProperties: false } */
  objectSchema(props, where) {
    const names = Object.keys(props).sort(byCodeUnit);
    const properties = {};
    const required = [];
    for (const name of names) {
      const prop = props[name];
      const schema = this.mapType(prop.type, `${where}.${name}`);
      if (prop.deprecated && prop.deprecated !== 'NONE') schema.deprecated = true;
      properties[name] = schema;
      if (prop.required) required.push(name);
    }
    return { type: 'object', properties, required, additionalProperties: false };
  }

  build(resource, version) {
    const root = this.objectSchema(resource.properties, this.cfnType);
    while (this.queue.length > 0) {
      const def = this.queue.shift();
      const name = this.nameById.get(def.$id);
      this.definitions.set(name, this.objectSchema(def.properties, `${this.cfnType}#${name}`));
    }
    if (this.usesTag) this.definitions.set(TAG_DEFINITION_NAME, structuredClone(TAG_DEFINITION));

    // Type definitions the spec links to the resource but no property uses
    // (e.g. ones only used by attributes) are not emitted; report them.
    const unused = this.db
      .follow('usesType', resource)
      .map((l) => l.entity)
      .filter((d) => !this.nameById.has(d.$id))
      .map((d) => d.name)
      .sort(byCodeUnit);
    if (unused.length > 0) this.notes.push(`spec type definitions not reachable from Properties (skipped): ${unused.join(', ')}`);

    const schema = {
      $schema: 'http://json-schema.org/draft-07/schema#',
      $id: `vpce-lens/cfn/${this.cfnType}`,
      $comment: `Generated by ${GENERATED_BY} from ${SPEC_PACKAGE}@${version}. Do not edit; refresh with \`npm run gen:schemas\`.`,
      ...root,
    };
    if (this.definitions.size > 0) {
      schema.definitions = Object.fromEntries(
        [...this.definitions.entries()].sort(([a], [b]) => byCodeUnit(a, b)),
      );
    }
    return schema;
  }
}

// ---------------------------------------------------------------------------
// Main
// ---------------------------------------------------------------------------

function findResource(db, cfnType) {
  const found = db.lookup('resource', 'cloudFormationType', 'equals', cfnType);
  if (found.length !== 1) {
    throw new Error(`${SPEC_PACKAGE}: expected exactly one resource ${cfnType}, found ${found.length}`);
  }
  return found[0];
}

function toJson(value) {
  return `${JSON.stringify(value, null, 2)}\n`;
}

function readme(version, types) {
  return `# CloudFormation resource schemas (generated)

JSON Schemas (draft-07) for the \`Properties\` object of the CloudFormation
resource types VPC Endpoint Lens validates. One file per type
(\`AWS::EC2::VPCEndpoint\` -> \`AWS_EC2_VPCEndpoint.schema.json\`);
\`index.json\` maps each type to its file.

- Source: \`${SPEC_PACKAGE}@${version}\` (its bundled \`db.json.gz\`), pinned in \`package.json\`.
- Generator: \`${GENERATED_BY}\`. Do not edit these files by hand.
- Refresh: bump the pinned version of \`${SPEC_PACKAGE}\` in \`package.json\`,
  run \`npm install\`, then \`npm run gen:schemas\` and review the diff.

Every property the spec knows is listed (deprecated ones carry
\`"deprecated": true\`); unknown properties are rejected with
\`additionalProperties: false\`. JSON-typed properties (e.g. \`PolicyDocument\`)
accept an object or a string. The schemas know nothing about intrinsic
functions (\`Ref\`, \`Fn::*\`); the engine handles those.

\`attributes.json\` lists each type's attributes, what \`Fn::GetAtt\` may read
(the resource type schema's \`readOnlyProperties\`, as the spec records them),
and its top-level property names.

Types (${types.length}): ${types.map((t) => `\`${t}\``).join(', ')}.
`;
}

async function verifyCompiles(files) {
  const { default: Ajv } = await import('ajv');
  const ajv = new Ajv({ allErrors: true, strict: false });
  for (const [file, schema] of files) {
    try {
      ajv.compile(schema);
    } catch (err) {
      throw new Error(`${file} does not compile with Ajv: ${err.message}`);
    }
  }
}

async function main() {
  if (process.argv.length > 2) {
    console.error('usage: node scripts/gen-schemas.mjs   (takes no arguments)');
    process.exit(2);
  }

  const { loadAwsServiceSpecSync } = require(SPEC_PACKAGE);
  const version = specVersion();
  const db = loadAwsServiceSpecSync();

  const types = [...RESOURCE_TYPES].sort(byCodeUnit);
  const files = [];
  const notes = [];
  const attributes = {};
  for (const cfnType of types) {
    const builder = new SchemaBuilder(db, cfnType);
    const resource = findResource(db, cfnType);
    const schema = builder.build(resource, version);
    attributes[cfnType] = {
      attributes: Object.keys(resource.attributes ?? {}).sort(byCodeUnit),
      properties: Object.keys(resource.properties).sort(byCodeUnit),
    };
    files.push([fileNameFor(cfnType), schema]);
    for (const note of builder.notes) notes.push(`${cfnType}: ${note}`);
  }

  await verifyCompiles(files);

  mkdirSync(OUT_DIR, { recursive: true });
  const written = new Set();
  let total = 0;
  for (const [file, schema] of files) {
    const text = toJson(schema);
    writeFileSync(join(OUT_DIR, file), text);
    written.add(file);
    total += Buffer.byteLength(text);
    console.log(`wrote ${relative(ROOT, join(OUT_DIR, file))} (${Buffer.byteLength(text)} bytes)`);
  }

  // Drop schemas of types no longer in the list.
  for (const file of readdirSync(OUT_DIR)) {
    if (file.endsWith('.schema.json') && !written.has(file)) {
      unlinkSync(join(OUT_DIR, file));
      console.log(`removed stale ${relative(ROOT, join(OUT_DIR, file))}`);
    }
  }

  const index = {
    generatedBy: GENERATED_BY,
    source: `${SPEC_PACKAGE}@${version}`,
    types: Object.fromEntries(types.map((t) => [t, fileNameFor(t)])),
  };
  writeFileSync(join(OUT_DIR, 'index.json'), toJson(index));
  // What Fn::GetAtt may read of each type: its attributes (the registry schema's readOnlyProperties, as
  // the spec lists them) and its top-level properties (which CloudFormation returns for a few types).
  writeFileSync(join(OUT_DIR, 'attributes.json'), toJson({ generatedBy: GENERATED_BY, source: `${SPEC_PACKAGE}@${version}`, types: attributes }));
  writeFileSync(join(OUT_DIR, 'README.md'), readme(version, types));

  console.log(`${files.length} schemas, ${total} bytes, from ${SPEC_PACKAGE}@${version}; npm run build compiles them (scripts/gen-validators.mjs)`);
  for (const note of notes) console.log(`note: ${note}`);
}

await main();
