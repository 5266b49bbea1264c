// Which fix family repairs which rule, by rule id: the one place a rule opts in to quick fixes.
// Families read `finding.data`; the generic shapes (`suggestion`, `remove`, `add`/`set` + `value`)
// serve any rule whose data has them, so a new rule needs only a line here.
//
// `preferred` marks fixes that are what the finding plainly calls for; they go into "fix all".
// Not preferred: fixes that change behaviour the author may have chosen (private DNS on, acceptance
// required) and guesses among several plausible names (an unknown service).

import { renameKey } from './families/rename-key.js';
import { replaceWithSuggestion } from './families/suggestion.js';
import { setEndpointType } from './families/endpoint-type.js';
import { removeMember } from './families/remove-member.js';
import { substitute } from './families/substitute.js';
import { turnOnVpcDns } from './families/vpc-dns.js';
import { addOrSet } from './families/add-or-set.js';
import { appendRef } from './families/append-ref.js';
import { removeListItem } from './families/remove-item.js';
import { admitHttps } from './families/admit-https.js';
import type { RegistryEntry } from './types.js';

export const fixRegistry: Readonly<Record<string, RegistryEntry>> = {
  VPCE1002: { family: renameKey, preferred: true },
  VPCE1003: { family: replaceWithSuggestion, preferred: true },
  VPCE2001: { family: setEndpointType, preferred: true },
  VPCE2002: { family: removeMember, preferred: true },
  VPCE2003: { family: replaceWithSuggestion, preferred: false },
  VPCE2005: { family: setEndpointType, preferred: true },
  VPCE3001: { family: substitute, preferred: true },
  VPCE3002: { family: substitute, preferred: true },
  VPCE3003: { family: substitute, preferred: true },
  VPCE5001: { family: turnOnVpcDns, preferred: true },
  VPCE5003: { family: addOrSet('resource-properties'), preferred: false },
  // Which of two subnets in one zone should stay is the author's choice.
  VPCE6001: { family: removeListItem, preferred: false },
  // Opens a security group: the author decides.
  VPCE6003: { family: admitHttps, preferred: false },
  VPCE7003: { family: appendRef, preferred: false },
  VPCE8002: { family: addOrSet('resource-properties'), preferred: false },
  VPCE8003: { family: replaceWithSuggestion, preferred: true },
  // Endpoint policies. Names IAM might mean differently (a near action, condition key or operator) are
  // not preferred: fix-all must never change what a policy allows.
  VPCE9003: { family: addOrSet('enclosing-map'), preferred: true },
  VPCE9004: { family: addOrSet('enclosing-map'), preferred: false },
  VPCE9005: { family: replaceWithSuggestion, preferred: false },
  VPCE9007: { family: replaceWithSuggestion, preferred: false },
  VPCE9008: { family: replaceWithSuggestion, preferred: false },
};
