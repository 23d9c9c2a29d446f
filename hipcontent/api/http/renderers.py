"""Media types a JSON-LD version answers in: `application/json` (first, so `*/*` and no Accept get what they
always got) and `application/ld+json`, the same bytes under JSON-LD's own media type.

A JSON-LD consumer asks with `Accept: application/ld+json`, with or without
`;profile="http://www.w3.org/ns/json-ld#compacted"`: every document is compacted against its own `@context`,
so the profile is met as sent, and the response's Content-Type echoes what was asked for. Error answers stay
`application/problem+json` (hipcontent/api/http/errors.py sets it on every error, whatever was negotiated).
Responses already vary on Accept (ConditionalGetMixin), and a cached representation is kept per accepted
media type (hipcontent/api/http/cache.py), so the two are never served for each other.
"""

from rest_framework.renderers import BaseRenderer, JSONRenderer

JSON_LD = "application/ld+json"
COMPACTED = "http://www.w3.org/ns/json-ld#compacted"


class JSONLDRenderer(JSONRenderer):
    media_type = JSON_LD
    # The same bytes as JSON: `?format=json` keeps picking application/json (the first renderer), and the
    # schema documents no second `format` value.
    format = "json"


class TurtleRenderer(BaseRenderer):
    """Text/turtle, for views whose data is already Turtle (a vocabulary's `turtle()`); a view picks it by
    `request.accepted_renderer.format == "ttl"` (Accept: text/turtle, or `?format=ttl`) and hands it text."""

    media_type = "text/turtle"
    format = "ttl"
    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        if not isinstance(data, str):  # an error's problem document: JSON, whatever was negotiated
            return JSONRenderer().render(data, accepted_media_type, renderer_context)
        return data.encode(self.charset)


# The renderers of every view in a JSON-LD version, application/json first.
JSON_LD_RENDERERS = (JSONRenderer, JSONLDRenderer)
