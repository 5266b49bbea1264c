// Types of the standalone endpoint-policy validator that scripts/gen-validators.mjs compiles at build time.
import type { ValidateFunction } from 'ajv';

export declare const validatePolicy: ValidateFunction;
