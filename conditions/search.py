"""Full-text search over published content: which fields each model searches, and the queries that do it.

PostgreSQL: one weighted tsvector per model (its name-like fields weight A, its prose weight B) matched with
`websearch_to_tsquery('english', text)` and ranked with `ts_rank`. Migration 0004 puts a GIN index on the
very expression `search_vector()` builds, so the match is an index scan.

SQLite (development, the default test run) has no text search: a simpler fallback with the same API. Every
word of the text must appear, case-insensitively, in some searched field; an item ranks 1.0 when a word is in
a name-like field, else 0.5. Websearch syntax (quotes, `or`, `-word`) is not interpreted there, and stop words
match like any other word.
"""

import re
import unicodedata
from dataclasses import dataclass
from functools import reduce
from operator import and_, or_

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector, SearchVectorExact
from django.db import connections
from django.db.models import Case, CharField, F, FloatField, Q, TextField, Value, When
from django.db.models.functions import Cast, Left
from django.db.models.lookups import IContains

from conditions.models import AnatomicalStructure, Condition, Mechanism, RedFlag, Topic, Treatment
from faq.models import Question

CONFIG = "english"
MAX_LENGTH = 200
SNIPPET_LENGTH = 200


@dataclass(frozen=True)
class Searched:
    """The fields of a model that search reads, in order.

    names: name-like fields, weight A; the first is the item's name in search hits.
    prose: its text, weight B; a hit's snippet comes from the first of these that matches.
    """

    names: tuple[str, ...]
    prose: tuple[str, ...]


# The one place that says what is searched. Migration 0004 indexes this expression as it stood then: change a
# model's fields here and add a migration that drops and recreates its index (tests/api/test_search.py
# checks on PostgreSQL that every search still uses its index).
SEARCHED = {
    Topic: Searched(names=("title", "question"), prose=("summary", "short_answer")),
    Condition: Searched(names=("name", "abbreviation", "other_names"), prose=("summary",)),
    Mechanism: Searched(names=("name",), prose=("description",)),
    AnatomicalStructure: Searched(names=("name",), prose=("description", "function")),
    RedFlag: Searched(names=("sign",), prose=("action",)),
    Treatment: Searched(names=("name",), prose=("description",)),
    Question: Searched(names=("question",), prose=("answer",)),
}

# The searched collections by the name the API gives them ("red-flag"): a hit's `type`.
BY_TYPE = {model.api_name: model for model in SEARCHED}


class InvalidSearch(ValueError):
    """Search text that cannot be searched: too long, or with control characters."""


def clean(text):
    """`text` stripped, or None when blank (no search). Raises InvalidSearch for text no search accepts."""
    if text is None:
        return None
    if len(text) > MAX_LENGTH:
        raise InvalidSearch(f"Must be {MAX_LENGTH} characters or fewer.")
    # NUL above all: PostgreSQL text cannot hold it, so it would be a 500.
    if any(unicodedata.category(char) == "Cc" for char in text):
        raise InvalidSearch("Must not contain control characters.")
    return text.strip() or None


def search_vector(searched):
    """The weighted tsvector of a model's searched fields: what the GIN index is on and what queries match."""
    return SearchVector(*searched.names, weight="A", config=CONFIG) + SearchVector(
        *searched.prose, weight="B", config=CONFIG
    )


def index_name(model):
    return f"{model._meta.db_table}_search"


def search_index(model, searched):
    """The GIN index on `search_vector(searched)` for `model` (a historical model, in migrations)."""
    from django.contrib.postgres.indexes import GinIndex

    return GinIndex(search_vector(searched), name=index_name(model))


def _text(model, name):
    """A field as text: JSON lists (a condition's other names) as their JSON."""
    field = model._meta.get_field(name)
    return F(name) if isinstance(field, (CharField, TextField)) else Cast(name, TextField())


class PostgresSearch:
    def __init__(self, text):
        self.query = SearchQuery(text, search_type="websearch", config=CONFIG)

    def match(self, model):
        return SearchVectorExact(search_vector(SEARCHED[model]), self.query)

    def rank(self, model):
        return SearchRank(search_vector(SEARCHED[model]), self.query)

    def field_matches(self, model, name):
        return SearchVectorExact(SearchVector(name, config=CONFIG), self.query)


class FallbackSearch:
    """For databases without text search: every word in some field; 1.0 for a name match, else 0.5."""

    def __init__(self, text):
        words = re.findall(r"\w+", text.casefold())
        self.words = list(dict.fromkeys(words))

    def _any(self, model, names, words):
        """Some word in some field; never true without words (text of punctuation only, as on PostgreSQL)."""
        conditions = [Q(IContains(_text(model, name), word)) for name in names for word in words]
        return reduce(or_, conditions) if conditions else Q(pk__in=[])

    def match(self, model):
        if not self.words:
            return self._any(model, (), ())
        searched = SEARCHED[model]
        fields = searched.names + searched.prose
        return reduce(and_, (self._any(model, fields, [word]) for word in self.words))

    def rank(self, model):
        return Case(
            When(self._any(model, SEARCHED[model].names, self.words), then=Value(1.0)),
            default=Value(0.5),
            output_field=FloatField(),
        )

    def field_matches(self, model, name):
        return self._any(model, [name], self.words)


def _engine(text, using):
    return PostgresSearch(text) if connections[using].vendor == "postgresql" else FallbackSearch(text)


def search(queryset, text, *, order=True):
    """`queryset` narrowed to the items that match `text`, each annotated with `search_rank` (higher first).

    With `order`, ordered by rank and then by the queryset's own ordering (its model's, by default).
    """
    model = queryset.model
    engine = _engine(text, queryset.db)
    queryset = queryset.filter(engine.match(model)).annotate(search_rank=engine.rank(model))
    if order:
        ordering = queryset.query.order_by or model._meta.ordering
        queryset = queryset.order_by("-search_rank", *ordering)
    return queryset


class Hits:
    """The hits of one search across collections, best first, for a paginator: `count()` and slices.

    One SQL statement each, whatever the number of collections: the collections' queries are combined with
    UNION ALL, so the database orders and pages them (`ranked`). The count is a lighter UNION of the same
    matches that computes no rank or snippet (`matching`).

    Each hit is a dict: type (the collection's api_name), slug, name, rank (a float) and snippet (the first
    SNIPPET_LENGTH characters of the first prose field that matches, else of the first prose field, with
    whitespace collapsed).
    """

    def __init__(self, text, models, using="default"):
        engine = _engine(text, using)
        rows, matches = [], []
        for model in models:
            searched = SEARCHED[model]
            published = model.objects.using(using).published().order_by().filter(engine.match(model))
            snippet = Case(
                *(
                    When(engine.field_matches(model, name), then=_text(model, name))
                    for name in searched.prose
                ),
                default=_text(model, searched.prose[0]),
                output_field=TextField(),
            )
            rows.append(
                published.values(
                    hit_type=Value(model.api_name, output_field=CharField()),
                    hit_slug=F("slug"),
                    hit_name=F(searched.names[0]),
                    hit_snippet=Left(snippet, SNIPPET_LENGTH),
                    hit_rank=engine.rank(model),
                )
            )
            matches.append(published.values("pk"))
        self.ranked = _union(rows).order_by("-hit_rank", "hit_name", "hit_type", "hit_slug")
        self.matching = _union(matches)

    def count(self):
        return self.matching.count()

    def __len__(self):
        return self.count()

    def __getitem__(self, index):
        if not isinstance(index, slice):
            raise TypeError("Hits are read a page at a time: slice them.")
        if index.start is not None and index.start == index.stop:
            return []
        return [
            {
                "type": row["hit_type"],
                "slug": row["hit_slug"],
                "name": row["hit_name"],
                "rank": round(float(row["hit_rank"]), 6),  # ts_rank is a float4: no more digits than that
                "snippet": " ".join((row["hit_snippet"] or "").split()),
            }
            for row in self.ranked[index]
        ]


def _union(querysets):
    first, *rest = querysets
    return first.union(*rest, all=True) if rest else first
