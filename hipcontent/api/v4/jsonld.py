"""JSON-LD for API v4: v3's (hipcontent/api/v3/jsonld.py): the same context, nodes and metaclass. What is v4's
own is its schema's description, and where its hc: fields send readers: v4's vocabulary, not v3's."""

from hipcontent.api.v3.jsonld import V3_DESCRIPTION

_LINKED_DATA, _FROM_V2 = V3_DESCRIPTION.split("\n## Moving from v2\n")
V4_DESCRIPTION = (
    _LINKED_DATA.replace("v3", "v4")  # its name, its documents, its details, its vocabulary
    + """
## Moving from v3

v3 stays fully supported: it is deprecated no earlier than 90 days after v4 shipped, and ends no earlier
than 12 months after that (its responses will say so in `Deprecation`, `Sunset` and `Link`). The same content,
paths, parameters, errors and headers; one change, to every red flag (the red-flag list and detail, the
topic's `hc:redFlagSection`, the snapshot):

- `hc:assessedUrgency` is the urgency as a clinical reviewer set it: `emergency`, `urgent`, `soon` or
  `routine`, or `not_assessed` while no clinical reviewer has set one. It is required and never null.
- v4 serves neither `hc:urgency` (which holds `soon` while the urgency is not assessed) nor
  `hc:urgencyAssessed`. `hc:urgencyClaim` is as in v3: where the urgency comes from, null while not
  assessed.
- `red-flags/?urgency=not_assessed` lists the red flags whose urgency is not assessed."""
)
V3_VOCABULARY, V4_VOCABULARY = "see /api/v3/vocab/.)", "see /api/v4/vocab/.)"


def _retarget(node):
    # v4 reuses v3's serializer fields, whose help texts (written once, when v3's classes were made) send
    # readers to v3's vocabulary; v4's schema sends them to its own, which describes every hc: term v4 serves.
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "description" and isinstance(value, str):
                node[key] = value.replace(V3_VOCABULARY, V4_VOCABULARY)
            else:
                _retarget(value)
    elif isinstance(node, list):
        for value in node:
            _retarget(value)


def describe_version(result, generator, **kwargs):
    """drf-spectacular hook: the schema of v4 says what v4 is (the other versions' stay as they are)."""
    if generator.api_version == "v4":
        result["info"]["description"] += V4_DESCRIPTION
        result["info"]["version"] = "4.0.0"
        _retarget(result)
    return result
