// Quick fixes for findings. `fixesFor` gives a finding's fixes as its rule writes them; `verifiedFixes`
// keeps those that, applied and linted again, remove the finding and add no warning or error;
// `fixAllText` applies preferred verified fixes until none is left. Pure: text and findings in, text
// or offset edits out (the caller passes the lint, with the document's settings).

export type { Fix, TextEdit } from './types.js';
export { applyEdits } from './edits.js';
export { fixSource, fixesFor, hasFixes, hasPreferredFix, type FixSource } from './offer.js';
export { diffEdits, fixAllText, rejection, verifiedFixes, type FixAllResult, type Relint } from './verify.js';
export { ignoreFix, ruleOffEdit } from './ignore.js';
export { suggestionFix, type SuggestionSource } from './suggestions.js';
