// Hover inside an endpoint policy, wherever it is written (a mapping, JSON, a block scalar, a quoted
// string, a policy file): on an action, its access level and description (or, for a wildcard, the
// actions it matches); on a condition operator, the key types it fits; on a condition key, its type.
// The place is found as completion finds it (assist.ts placeAt), in the policy's own text.

import type { AnalysisView } from '../lint-protocol.js';
import { iam } from '../../core/policy/iam.js';
import { parseOperator } from '../../core/policy/operators.js';
import { codeSpan } from '../../core/util/markdown.js';
import { placeAt } from './assist.js';
import { describeAction, operatorText } from './policy-values.js';

export interface PolicyHover {
  markdown: string;
  /** Document offsets of the word hovered. */
  start: number;
  end: number;
}

const WORD = /[\w:*?.\-/]/;
const MATCHES_SHOWN = 12;

export function policyHover(text: string, offset: number, view: AnalysisView): PolicyHover | undefined {
  const place = placeAt(text, offset, view);
  if (!place?.policy) return undefined;
  const { host, slot } = place;
  const at = host.at(offset);
  let start = at;
  let end = at;
  while (start > 0 && WORD.test(host.text[start - 1]!)) start--;
  while (end < host.text.length && WORD.test(host.text[end]!)) end++;
  // `aws:SourceVpc:` — a YAML key's own colon is not part of it.
  if (slot.at === 'key' && host.text[end - 1] === ':' && end - 1 > start) end--;
  const word = host.text.slice(start, end);
  if (!word) return undefined;
  const p = place.path.filter((k) => k !== '[]');
  const markdown = p[0] === 'Statement' ? statementText(word, p, slot.at) : undefined;
  return markdown ? { markdown, start: host.source(start), end: host.source(end) } : undefined;
}

function statementText(word: string, p: string[], at: 'key' | 'value'): string | undefined {
  const key = p[1];
  if (at === 'value' && p.length === 2 && (key === 'Action' || key === 'NotAction')) return actionText(word);
  if (at === 'key' && p.length === 2 && key === 'Condition' && parseOperator(word)) return `${codeSpan(word)} — condition operator: ${operatorText(word)}`;
  if (at === 'key' && p.length === 3 && key === 'Condition') {
    const k = iam().conditionKey(word);
    if (!k) return undefined;
    const multi = k.type.startsWith('ArrayOf') ? '; multivalued: compare it with ForAnyValue: or ForAllValues:' : '';
    return `${codeSpan(k.key)} — condition key of type ${k.type}${k.global ? ' (global key)' : ''}${multi}`;
  }
  return undefined;
}

function actionText(word: string): string | undefined {
  const colon = word.indexOf(':');
  if (colon <= 0) return undefined;
  const prefix = word.slice(0, colon).toLowerCase();
  const name = word.slice(colon + 1);
  if (!iam().hasService(prefix)) return undefined;
  if (!/[*?]/.test(name)) return describeAction(`${prefix}:${iam().action(prefix, name) ?? name}`)?.documentation;
  const matched = iam().matchActions(prefix, name);
  if (!matched.length) return undefined;
  const shown = matched.slice(0, MATCHES_SHOWN).map((a) => codeSpan(`${prefix}:${a}`)).join(', ');
  const more = matched.length > MATCHES_SHOWN ? `, and ${matched.length - MATCHES_SHOWN} more` : '';
  return `${codeSpan(word)} matches ${matched.length} action${matched.length === 1 ? '' : 's'} of ${prefix}: ${shown}${more}`;
}
