// Writes docs/rules.md from the rule registry: `npm run gen:rules-doc`.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { rules } from '../server/src/core/rules/index.js';
import { renderRulesDoc } from './rules-doc.js';

const target = join(__dirname, '..', 'docs', 'rules.md');
writeFileSync(target, renderRulesDoc(rules));
console.log(`wrote ${target} (${rules.length} rules)`);
