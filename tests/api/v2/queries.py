"""The queries each v2 list page costs, pinned; a detail costs what v1's does (tests/api/v1/queries.py)."""

# Each v2 list reads what v1's reads, less v1's COUNT(*):
# 1. the newest change event (the content revision, for ETag and Last-Modified)  2. the page (one row more
# than it shows, to know whether a next page exists); then what the summaries embed, one prefetch each.
LIST_QUERIES = {
    "topics": 2,
    "conditions": 3,  # 3. the codes of the page's conditions
    "mechanisms": 2,
    "anatomy": 2,  # the parent is JOINed into the page
    "red-flags": 3,  # 3. the professionals of the page's red flags
    "treatments": 2,  # the parent is JOINed into the page
    "faqs": 2,
}
