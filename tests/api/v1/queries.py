"""The queries each v1 list page and detail costs, pinned: the same whatever the number of items or links.

Each endpoint's module checks its seed payloads with these counts, test_every_collection.py checks that a
list page costs no more with 30 items than with 3, and tests/api/v2/ reuses the detail counts (v2 reads the
same QuerySets).
"""

# Every list page:
# 1. the newest change event of the collection (and of those its filters read): the list's revision, for
#    ETag and Last-Modified
# 2. COUNT(*) of the published items  3. the page of items; then what the summaries embed, one prefetch each.
LIST_QUERIES = {
    "topics": 3,
    "conditions": 4,  # 4. the codes of the page's conditions
    "mechanisms": 3,
    "anatomy": 3,  # the parent is LEFT JOINed into the page
    "red-flags": 4,  # 4. the professionals of the page's red flags
    "treatments": 3,  # the parent is LEFT JOINed into the page
    "faqs": 3,
}

# Every detail starts with 1. the newest change event of its item (its revision, for ETag and Last-Modified).
DETAIL_QUERIES = {
    # v1's topic is read as plain data (hipcontent/api/v1/documents.py):
    # 2. the topic, its reviewer and the reviewer's profile LEFT JOINed
    # 3. its sources
    # 4. anatomy links to published structures, structure and its parent JOINed
    # 5. mechanism links to published mechanisms, mechanism JOINed
    # 6. condition links (causes and differentials) to published conditions, condition JOINed (no codes:
    #    a topic embeds a condition's own fields)
    # 7. red flag links to published red flags, red flag JOINed, and their professionals LEFT JOINed
    # 8. treatment links to published treatments, treatment and its parent JOINed
    # 9. key takeaways
    # 10. published questions
    "topics": 10,
    # v1's condition is read as plain data (hipcontent/api/v1/condition_document.py), all six in one pipeline
    # (one round trip on PostgreSQL), each finding the condition by its slug:
    # 2. the condition  3. its sources  4. its codes, each code's source LEFT JOINed  5. its links to
    # published mechanisms, anatomy, treatments and red flags (one UNION ALL), each with the item and the
    # claim's source JOINed  6. its relations to published conditions, stored on either side (one UNION ALL)
    # 7. links from published topics, topic JOINed
    "conditions": 7,
    # 2. the mechanism, its reviewer and the reviewer's profile LEFT JOINed  3. its sources
    # 4. its published conditions
    "mechanisms": 4,
    # 2. the structure, its reviewer, the reviewer's profile and its parent LEFT JOINed  3. its sources
    # 4. its published conditions  5. its published parts
    "anatomy": 5,
    # 2. the red flag, its reviewer and the reviewer's profile LEFT JOINed  3. its sources
    # 4. its published conditions  5. its professionals
    "red-flags": 5,
    # 2. the treatment, its reviewer, the reviewer's profile and its parent LEFT JOINed  3. its sources
    # 4. its published conditions  5. its published parts  6. its links to the published structures it is
    # given into or around, each with the structure and the claim's source JOINed
    "treatments": 6,
    # 2. the question, its topic, its reviewer and the reviewer's profile JOINed  3. its sources
    # 4. its published conditions
    "faqs": 4,
}

# A topic read through `Topic.objects.for_detail()` and the serializers (v2, v3, v4: no plain-data reading):
# as v1's, except that the red flags' professionals are a prefetch of their own, one query more.
PREFETCHED_TOPIC_QUERIES = DETAIL_QUERIES["topics"] + 1
# A condition read through `Condition.objects.for_detail()` and the serializers (v2, v3, v4): 1. the revision
# 2. the condition  3. its sources  4. its codes, each code's source JOINed  5.-8. its links to published
# mechanisms, anatomy, treatments and red flags, each with the item and the claim's source JOINed  9. its
# relations to published conditions  10. published conditions' relations to it (a relation is stored once,
# on the side it reads from)  11. links from published topics, topic JOINed
PREFETCHED_CONDITION_QUERIES = 11
