// Types of the standalone validators that scripts/gen-validators.mjs compiles from schemas/cfn/ at build
// time: one exported function per resource type (cfn0, cfn1, ...) and `byType`, type → function name.
export declare const byType: Record<string, string>;
