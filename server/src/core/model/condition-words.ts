// How a finding or a trace hop says the condition something holds under: CloudFormation's named
// conditions, and the condition Terraform's lowering gives a resource whose count or for_each is not known.

// The condition of a Terraform resource whose count or for_each is not known statically (tf/lower.ts): a name
// the template's conditions cannot clash with, which "… is true" would not read.
const EXISTS = /^(.+) exists \((.+)\)$/;

/** The condition `address` exists under, where `decides` (its count or for_each's value) is not known. */
export function existenceCondition(address: string, decides: string): string {
  return `${address} exists (${decides})`;
}

/** A condition (`!Name`: false) as a finding or a hop says it holds. */
export function conditionWords(c: string): string {
  const negated = c.startsWith('!');
  const name = negated ? c.slice(1) : c;
  const exists = EXISTS.exec(name);
  if (exists) return `${exists[1]} ${negated ? 'does not exist' : 'exists'}, which ${exists[2]} decides`;
  return `${name} is ${negated ? 'false' : 'true'}`;
}

/** Why the trace cannot say whether `id` is there: the condition it exists under is not decided. */
export function existsOnlyWhen(id: string, condition: string): string {
  const exists = EXISTS.exec(condition);
  if (exists) return `${id} exists only in some plans: ${exists[2]} decides whether ${exists[1] === id ? 'it is' : `${exists[1]} is`} created, and it is not known statically`;
  return `${id} exists only when condition ${condition} is true, which the deployment does not decide`;
}
