"""What API v2 publishes: the same collections as v1, each item a schema.org JSON-LD node; lists by cursor;
the changes feed, the snapshot and search as JSON-LD; the vocabulary of its `hc:` terms; its own docs.

Everything but the items and the vocabulary is what every JSON-LD version serves
(hipcontent/api/ldversion.py), built from this version's JSON-LD and serializers."""

from hipcontent.api.ldversion import LinkedDataVersion
from hipcontent.api.v2 import serializers
from hipcontent.api.v2.jsonld import INDEX_TERMS, ContextField, Node, context
from hipcontent.api.v2.nodes import TYPES
from hipcontent.api.v2.vocab import VocabularyView

VERSION = LinkedDataVersion(
    name="v2",
    context=context,
    node=Node,
    context_field=ContextField,
    types=TYPES,
    index_terms=INDEX_TERMS,
    serializers=serializers,
    vocabulary_view=VocabularyView,
)
urlpatterns = VERSION.urlpatterns()
