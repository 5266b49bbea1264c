// Grouping into a Map of arrays. Appending in place: copying the group on every add is quadratic in
// its size, and a generated template puts thousands of resources of one type in one group.

export function addToGroup<K, V>(groups: Map<K, V[]>, key: K, value: V): void {
  const group = groups.get(key);
  if (group) group.push(value);
  else groups.set(key, [value]);
}
