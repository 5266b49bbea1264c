// A YAML alias in a text (`*name`, `<<: *name`): a value that may stand in more than one place, so a
// resource's own text no longer says all it means. Read by the caches and shortcuts keyed by that text.
export const YAML_ALIAS = /(?:^|[\s[{,])\*[^\s[\]{},*]/m;
