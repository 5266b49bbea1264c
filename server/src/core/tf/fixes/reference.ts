// VPCE0005 `{name, suggestion}`: a reference to what the module does not declare (`aws_subnet.privat`,
// `var.regoin`) changed to the declared one it most likely means. The finding spans the reference up
// to the name (`.id` after it stays); where the text there is not the name as the rule read it (an
// edit since), nothing is offered.

import { str, type TfFamily } from './target.js';

// A Terraform reference: identifiers joined by dots, nothing HCL would read otherwise.
const REFERENCE = /^[A-Za-z_][\w-]*(\.[A-Za-z_][\w-]*)+$/;

export const renameReference: TfFamily = ({ m, finding, data }) => {
  const name = str(data, 'name');
  const suggestion = str(data, 'suggestion');
  if (!name || !suggestion || !REFERENCE.test(suggestion) || name === suggestion || m.text.slice(finding.start, finding.end) !== name) return [];
  return [{ title: `Change ${name} to ${suggestion}`, edits: [{ start: finding.start, end: finding.end, newText: suggestion }] }];
};
