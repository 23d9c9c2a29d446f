"""Full-text search over published content: which fields each model searches, and the queries that do it.

PostgreSQL: one weighted tsvector per model (its name-like fields weight A, its prose weight B) matched with
`websearch_to_tsquery('english', text)` and ranked with `ts_rank`. Migration 0005 stores that vector in a
generated column (`search_vector`, the expression `search_vector()` builds) with a GIN index partial to
published live rows, so the match is an index scan and ranking reads the stored vector instead of
recomputing it for every match (a word most items contain was seconds per search at 60,000 items).
Migration 0018 also keeps, per published item and word of its vector, its rank for that word alone
(SearchTerm): a page of `/search/` for one word reads those in rank order instead of ranking every match.

SQLite (development, the default test run) has no text search: a simpler fallback with the same API. Every
word of the text must appear, case-insensitively, in some searched field; an item ranks 1.0 when a word is in
a name-like field, else 0.5. Websearch syntax (quotes, `or`, `-word`) is not interpreted there, and stop words
match like any other word.
"""

import re
import unicodedata
from dataclasses import dataclass
from functools import cached_property, reduce
from operator import and_, or_

from django.contrib.postgres.search import (
    SearchQuery,
    SearchRank,
    SearchVector,
    SearchVectorExact,
    SearchVectorField,
)
from django.db import connections
from django.db.models import (
    Case,
    CharField,
    Expression,
    F,
    FloatField,
    Func,
    IntegerField,
    OuterRef,
    Q,
    Subquery,
    TextField,
    Value,
    When,
)
from django.db.models.functions import Cast, Left
from django.db.models.lookups import Exact, IContains

from conditions.models import (
    AnatomicalStructure,
    Condition,
    Mechanism,
    RedFlag,
    SearchTerm,
    Topic,
    Treatment,
)
from faq.models import Question

CONFIG = "english"
LETTERS = re.compile(r"[A-Za-z]+")
COLUMN = "search_vector"  # the stored vector migration 0005 adds on PostgreSQL (no model field)
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


# The one place that says what is searched. Migration 0005 stores this expression as it stood then: change a
# model's fields here and add a migration that recreates its column (tests/api/test_search.py checks on
# PostgreSQL that the stored vectors equal the expression and that every search uses its index). Such a
# migration drops and recreates migration 0018's triggers and terms too: they read the column.
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
    """Migration 0004's GIN index on `search_vector(searched)` for `model` (a historical model; 0005 replaces
    it with an index on the stored column, and restores it when reversed)."""
    from django.contrib.postgres.indexes import GinIndex

    return GinIndex(search_vector(searched), name=index_name(model))


def _text(model, name):
    """A field as text: JSON lists (a condition's other names) as their JSON."""
    field = model._meta.get_field(name)
    return F(name) if isinstance(field, (CharField, TextField)) else Cast(name, TextField())


class StoredVector(Expression):
    """The query's own table's stored `search_vector` column (migration 0005, PostgreSQL only)."""

    output_field = SearchVectorField()

    def as_sql(self, compiler, connection):
        table = compiler.quote_name_unless_alias(compiler.query.base_table)
        return f"{table}.{connection.ops.quote_name(COLUMN)}", []


class PostgresSearch:
    def __init__(self, text):
        self.query = SearchQuery(text, search_type="websearch", config=CONFIG)
        # ASCII letters only: one token for PostgreSQL's parser, so a query of one lexeme or none (a stop
        # word). Known here, a page's statement leaves out the branches that rank every match (building and
        # compiling them was a third of a seed-size search); for other texts the database tells.
        self.surely_one_word = LETTERS.fullmatch(text) is not None

    def match(self, model):
        return SearchVectorExact(StoredVector(), self.query)

    def rank(self, model):
        return SearchRank(StoredVector(), self.query)

    def field_matches(self, model, name):
        return SearchVectorExact(SearchVector(name, config=CONFIG), self.query)

    def terms(self, model):
        """`model`'s published matches with their ranks from SearchTerm (migration 0018), for a text that is
        one word (its query one lexeme); none for any other text."""
        return SearchTerm.objects.filter(kind=model.api_name, term=self.query).order_by()

    def not_one_word(self):
        """True when the text's query is not one lexeme: the matches SearchTerm cannot rank (a constant the
        database evaluates once, so a query's other branch costs nothing)."""
        nodes = Func(self.query, function="numnode", output_field=IntegerField())
        return ~Q(Exact(nodes, 1))


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
    UNION ALL, so the database orders and pages them. `ranked` ranks every match (the reference order, and
    what SQLite reads); a page on PostgreSQL reads `best(stop)`, which gives the same rows. The count is a
    lighter UNION of the same matches that computes no rank or snippet (`matching`); v1's paginator keeps it
    per content revision.

    A page of a one-word search reads its rows from SearchTerm in rank order (the ranks stored when items
    change), so it reads about a page of rows whatever the number of matches: `q=hip` at 64,000 items has
    48,000, and ranking each one's stored vector was most of the search's time. Other texts (several words,
    quotes, `-word`) rank every match as before, each collection cut to the page's end after a top-N sort.
    Snippets are read for the page's rows only.

    Each hit is a dict: type (the collection's api_name), slug, name, rank (a float) and snippet (the first
    SNIPPET_LENGTH characters of the first prose field that matches, else of the first prose field, with
    whitespace collapsed).
    """

    ORDER = ("-hit_rank", "hit_name", "hit_type", "hit_slug")

    def __init__(self, text, models, using="default"):
        self.engine = _engine(text, using)
        self.models, self.using = list(models), using
        # SQLite cannot cut a UNION's parts (and computes no to_tsvector): there, every page reads `ranked`.
        self.cut = connections[using].features.supports_slicing_ordering_in_compound
        self.matching = _union([self.published(model).values("pk") for model in self.models])
        # What a paginator keeps the count by, once per content revision as for the lists
        # (hipcontent/api/http/cache.py count_per_revision): the count's own query and database.
        self.query, self.db = self.matching.query, using

    def published(self, model):
        return model.objects.using(self.using).published().order_by().filter(self.engine.match(model))

    @cached_property
    def rows(self):
        """Each collection's matches as hits, ranked: built only when a page needs them."""
        return [self.published(model).values(**self.columns(model, self.engine)) for model in self.models]

    @cached_property
    def ranked(self):
        return _union(self.rows).order_by(*self.ORDER)

    def best(self, stop):
        """`ranked` with each collection's query cut to its best `stop` rows (rows [0:stop] are the same).

        So the database computes the snippets, the costly columns (a to_tsvector a field on PostgreSQL),
        for at most `stop` rows a collection after a top-N sort by rank, not for every match. On PostgreSQL
        each collection's rows come from SearchTerm when the text is one word, else from ranking every match:
        two branches of one statement, of which the database runs one (only the first for a text of letters).
        """
        within = [name for name in self.ORDER if name != "hit_type"]  # one type a collection
        if not isinstance(self.engine, PostgresSearch):
            if len(self.rows) == 1:
                return self.ranked  # one query: its own ORDER BY and LIMIT do the same
            return _union([rows.order_by(*within)[:stop] for rows in self.rows]).order_by(*self.ORDER)
        if self.engine.surely_one_word and len(self.models) == 1:
            return self.by_term(self.models[0]).order_by(*self.ORDER)  # its own ORDER BY and LIMIT
        parts = [self.by_term(model).order_by(*within)[:stop] for model in self.models]
        if not self.engine.surely_one_word:
            parts += [rows.filter(self.engine.not_one_word()).order_by(*within)[:stop] for rows in self.rows]
        return _union(parts).order_by(*self.ORDER)

    def by_term(self, model):
        """`model`'s hits from SearchTerm (one-word texts only): the same columns, read by the item's id."""
        searched = SEARCHED[model]
        own_row = model._base_manager.using(self.using).filter(pk=OuterRef("item_id")).order_by()
        return (
            self.engine.terms(model)
            .using(self.using)
            .values(
                hit_type=Value(model.api_name, output_field=CharField()),
                hit_slug=Subquery(own_row.values("slug")),
                hit_name=Subquery(own_row.values(searched.names[0])),
                hit_snippet=self.snippet(model, self.engine, own_row),
                hit_rank=F("rank"),
            )
        )

    @classmethod
    def columns(cls, model, engine):
        """A hit's columns in `model`'s query."""
        searched = SEARCHED[model]
        # A scalar subquery on the row's own pk: the planner counts a subplan as expensive, so it computes
        # the snippet after the top-N sort and LIMIT, for the page's rows only. Computed in the sorted rows,
        # LEFT() read (and decompressed) every matching row's prose: half of `q=hip`'s time at 64,000 items.
        own_row = model._base_manager.filter(pk=OuterRef("pk")).order_by()
        return {
            "hit_type": Value(model.api_name, output_field=CharField()),
            "hit_slug": F("slug"),
            "hit_name": F(searched.names[0]),
            "hit_snippet": cls.snippet(model, engine, own_row),
            "hit_rank": engine.rank(model),
        }

    @staticmethod
    def snippet(model, engine, own_row):
        """The snippet of the item `own_row` selects, as a scalar subquery."""
        searched = SEARCHED[model]
        first = _text(model, searched.prose[0])
        if len(searched.prose) == 1:
            # The snippet is that field whether it matches or not: no per-field match (a to_tsvector a row).
            snippet = first
        else:
            snippet = Case(
                *(
                    When(engine.field_matches(model, name), then=_text(model, name))
                    for name in searched.prose
                ),
                default=first,
                output_field=TextField(),
            )
        return Subquery(own_row.values(snippet=Left(snippet, SNIPPET_LENGTH)))

    def count(self):
        return self.matching.count()

    def __len__(self):
        return self.count()

    def __getitem__(self, index):
        if not isinstance(index, slice):
            raise TypeError("Hits are read a page at a time: slice them.")
        if index.start is not None and index.start == index.stop:
            return []
        ranked = self.best(index.stop) if self.cut and index.stop is not None else self.ranked
        return [
            {
                "type": row["hit_type"],
                "slug": row["hit_slug"],
                "name": row["hit_name"],
                "rank": round(float(row["hit_rank"]), 6),  # ts_rank is a float4: no more digits than that
                "snippet": " ".join((row["hit_snippet"] or "").split()),
            }
            for row in ranked[index]
        ]


def _union(querysets):
    first, *rest = querysets
    return first.union(*rest, all=True) if rest else first
