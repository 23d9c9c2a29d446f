from django.contrib.postgres.search import SearchQueryField
from django.db import models


class SearchTerm(models.Model):
    """One word of one published item's search vector, with the item's rank for a search of that word alone.

    Why: a search for one common word (`q=hip`, in 48,000 of 64,000 items) ranked every match to find the
    page's first 20; read from here in rank order, a page reads its own rows (conditions/search.py).
    PostgreSQL only, and written only by the database: migration 0018's triggers keep each searched table's
    published live rows here, from the row's stored `search_vector`, on every insert, update and delete.
    """

    pk = models.CompositePrimaryKey("kind", "item_id", "term")
    kind = models.CharField(max_length=20)  # the item's collection, as its api_name
    item_id = models.BigIntegerField()
    term = SearchQueryField()  # the word as a tsquery of one lexeme: what websearch_to_tsquery gives for it
    rank = models.FloatField()  # ts_rank(item's search_vector, term): a real, exactly as search ranks it

    class Meta:
        managed = False
        db_table = "conditions_search_term"

    def __str__(self):
        return f"{self.kind} {self.item_id}: {self.term} ({self.rank})"
