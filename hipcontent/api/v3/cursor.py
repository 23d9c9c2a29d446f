"""API v3's cursor pages: the shared pagination (hipcontent/api/cursor.py) with v3's JSON-LD context."""

from hipcontent.api import cursor
from hipcontent.api.cursor import INVALID_CURSOR, PAGE_TERMS
from hipcontent.api.v3.jsonld import context

__all__ = ["INVALID_CURSOR", "PAGE_TERMS", "CursorPagination"]


class CursorPagination(cursor.CursorPagination):
    context = staticmethod(context)
