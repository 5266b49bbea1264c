# The reference for the parse-parity test: reads each file named on stdin (one path a line) as
# CloudFormation reads it and prints one JSON line per file: {"ok": true, "value": ...} or
# {"ok": false, "error": "..."}. Arguments: the short-form tags CloudFormation knows (others are rejected).
#   YAML: PyYAML's SafeLoader (YAML 1.1, as cfn-lint and CloudFormation read templates), with every
#   "!" short form turned into its long form ({"Fn::Sub": ...}, {"Ref": ...}); CloudFormation has no
#   timestamp type, so a date stays the text it was written as; keys are names (`on:` is "on").
#   JSON: Python's json module without NaN/Infinity (strict JSON, as CloudFormation and IAM read it);
#   a tab or line break inside a string is read as YAML reads it, as cfn-lint does.
import json
import math
import sys

import yaml


class CfnLoader(yaml.SafeLoader):
    pass


def _scalar_text(loader, node):
    return loader.construct_scalar(node)


KNOWN_TAGS = set(t[1:] for t in sys.argv[1:])


def _tagged(loader, suffix, node):
    if KNOWN_TAGS and suffix not in KNOWN_TAGS:
        raise ValueError("unknown tag !" + suffix)
    name = suffix if suffix in ("Ref", "Condition") else "Fn::" + suffix
    if isinstance(node, yaml.ScalarNode):
        value = loader.construct_scalar(node)
        if name == "Fn::GetAtt" and "." in value:
            value = value.split(".", 1)
    elif isinstance(node, yaml.SequenceNode):
        value = loader.construct_sequence(node, deep=True)
    else:
        value = loader.construct_mapping(node, deep=True)
    return {name: value}


def _mapping(loader, node):
    loader.flatten_mapping(node)
    out = {}
    for key_node, value_node in node.value:
        key = key_node.value if isinstance(key_node, yaml.ScalarNode) else repr(loader.construct_object(key_node, deep=True))
        out[key] = loader.construct_object(value_node, deep=True)
    return out


CfnLoader.add_constructor("tag:yaml.org,2002:timestamp", _scalar_text)
CfnLoader.add_constructor("tag:yaml.org,2002:map", _mapping)
CfnLoader.add_multi_constructor("!", _tagged)


class TooLarge(Exception):
    pass


# Aliases share one object; written out they can expand without bound (an alias bomb). Our parser stops
# following them past 200,000 nodes and reports it; so does this.
MAX_NODES = 200_000


def _plain(v, budget):
    budget[0] += 1
    if budget[0] > MAX_NODES:
        raise TooLarge("aliases expand beyond %d nodes" % MAX_NODES)
    # JSON has no NaN or infinity: name them so that both sides can compare them.
    if isinstance(v, float) and (math.isnan(v) or math.isinf(v)):
        return {"$float": "nan" if math.isnan(v) else ("inf" if v > 0 else "-inf")}
    if isinstance(v, dict):
        return {k: _plain(x, budget) for k, x in v.items()}
    if isinstance(v, list):
        return [_plain(x, budget) for x in v]
    if isinstance(v, bytes):
        return {"$binary": True}
    if v is not None and not isinstance(v, (str, int, float, bool)):
        return str(v)
    return v


def _reject(name):
    raise ValueError("not JSON: " + name)


def load(path):
    with open(path, "rb") as f:
        raw = f.read()
    text = raw.decode("utf-8-sig")
    if path.lower().endswith(".json"):
        try:
            return json.loads(text, parse_constant=_reject)
        except json.JSONDecodeError as e:
            # A tab or line break inside a string: CloudFormation deploys it, and cfn-lint reads the
            # text as YAML, where a double-quoted string may hold both.
            if not e.msg.startswith("Invalid control character"):
                raise
            return yaml.load(text, Loader=CfnLoader)
    return yaml.load(text, Loader=CfnLoader)


for line in sys.stdin:
    path = line.rstrip("\n")
    if not path:
        continue
    try:
        out = {"ok": True, "value": _plain(load(path), [0])}
    except RecursionError:
        out = {"ok": False, "error": "nests too deeply"}
    except Exception as e:  # noqa: BLE001 - any reader error means "does not parse"
        out = {"ok": False, "error": str(e).split("\n")[0]}
    sys.stdout.write(json.dumps(out) + "\n")
    sys.stdout.flush()
