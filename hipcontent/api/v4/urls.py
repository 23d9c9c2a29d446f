"""What API v4 publishes: v3's collections, feeds, snapshot, search, vocabulary and docs, with v4's red flags
(hipcontent/api/v4/serializers.py) wherever a red flag is served, and v4's vocabulary.

Everything but the items and the vocabulary is what every JSON-LD version serves
(hipcontent/api/ldversion.py), built from this version's JSON-LD and serializers."""

from hipcontent.api.ldversion import LinkedDataVersion
from hipcontent.api.v3.jsonld import ContextField, Node, context
from hipcontent.api.v3.nodes import TYPES
from hipcontent.api.v4 import serializers
from hipcontent.api.v4.terms import INDEX_TERMS
from hipcontent.api.v4.vocab import VocabularyView

VERSION = LinkedDataVersion(
    name="v4",
    context=context,
    node=Node,
    context_field=ContextField,
    types=TYPES,
    index_terms=INDEX_TERMS,
    serializers=serializers,
    vocabulary_view=VocabularyView,
)
urlpatterns = VERSION.urlpatterns()
