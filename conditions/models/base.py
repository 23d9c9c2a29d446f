from django.conf import settings
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords


class Status(models.TextChoices):
    DRAFT = "draft", "Draft"
    IN_REVIEW = "in_review", "In review"
    PUBLISHED = "published", "Published"
    UNPUBLISHED = "unpublished", "Unpublished (withdrawn)"


def list_indexes(prefix, *orderings, name):
    """Indexes for the API's list orderings (ties break on the slug), on the published live rows it reads.

    A page of a list with 10,000 items then reads its 20 rows in order instead of sorting them all. Each ends
    with `id`, so a deep page finds its rows' ids in the index alone, then reads only those rows
    (hipcontent/api/http/pagination.py). `orderings`: the default order first; `name`: the field that
    `?ordering=name` sorts by.

    Apps also sort by `-name`, `updated_at` and `-updated_at` (a sync by date), and each has its own index:
    the slug breaks ties ascending whichever way the field goes, which no backward scan gives, and the plain
    index on `updated_at` holds working copies too, so a deep page by date read every skipped row from the
    table to check it was published (page 2,000 of 50,000 FAQs took 7 times page 1's time).
    """
    published = Q(is_live=True, status=Status.PUBLISHED)
    own = [
        models.Index(fields=[*fields, "slug", "id"], condition=published, name=f"{prefix}_list_{number}")
        for number, fields in enumerate(orderings)
    ]
    both_ways = [
        models.Index(fields=[field, "slug", "id"], condition=published, name=f"{prefix}_list_{label}")
        for field, label in ((f"-{name}", "desc"), ("updated_at", "upd"), ("-updated_at", "upd_desc"))
    ]
    return own + both_ways


class ReviewState(models.TextChoices):
    REVIEWED = "clinically_reviewed", "Clinically reviewed"
    NOT_REVIEWED = "not_yet_clinically_reviewed", "Not yet clinically reviewed"


class PublishableQuerySet(models.QuerySet):
    def working(self):
        """The rows editors edit. Each has at most one live copy, which only approval writes."""
        return self.filter(is_live=False)

    def published(self):
        """Items the public API may show: live copies that are published."""
        return self.filter(is_live=True, status=Status.PUBLISHED)

    def for_list(self):
        """Published items with what their list entry shows; models that link more override it."""
        return self.published()

    def for_detail(self):
        """Published items with their review and sources; models that link more add to it."""
        return self.published().prefetch_related("sources")


class ReviewStamp:
    """`item.review_stamp`: the reviewer as the item's approval recorded them, or None if never approved."""

    def __get__(self, item, owner=None):
        if item is None:
            return self
        if not (item.reviewed_by_id and item.reviewer_name):
            return None
        return {"display_name": item.reviewer_name, "credentials": item.reviewer_credentials}


class Publishable(models.Model):
    """What every item the API publishes has: a public identifier, a workflow status, review and timestamps.

    Each item is two rows. Editors change the *working* row; approval copies it onto the *live* row
    (`is_live`), and the API reads only live rows. So an edit to published content, or to anything it
    links to, reaches apps only once a clinical reviewer approves it (conditions/publishing.py).
    """

    slug = models.SlugField(
        max_length=120, help_text="The public identifier in API URLs. Changing it breaks apps that stored it."
    )
    status = models.CharField(
        max_length=16, choices=Status.choices, default=Status.DRAFT, db_index=True, editable=False
    )
    is_live = models.BooleanField(default=False, editable=False, db_index=True)
    working_copy = models.OneToOneField(
        "self", null=True, blank=True, editable=False, on_delete=models.SET_NULL, related_name="live_copy"
    )
    last_reviewed = models.DateField(null=True, blank=True, editable=False)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        editable=False,
        on_delete=models.PROTECT,
        related_name="+",
    )
    # The reviewer as they were named at approval: a later change to their profile changes no published item.
    reviewer_name = models.CharField(max_length=200, blank=True, editable=False)
    reviewer_credentials = models.CharField(max_length=200, blank=True, editable=False)
    next_review_due = models.DateField(null=True, blank=True, editable=False, db_index=True)
    # Who last changed the content (conditions/workflow.py record_edit): they may not approve it (four eyes).
    last_edited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        editable=False,
        on_delete=models.PROTECT,
        related_name="+",
    )
    sources = models.ManyToManyField(
        "conditions.Source", blank=True, related_name="+", help_text="Where the content comes from."
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True, db_index=True)

    objects = PublishableQuerySet.as_manager()
    review_stamp = ReviewStamp()
    # Every save and deletion, with the links named in _history_m2m_fields: nothing an editor saved is lost.
    history = HistoricalRecords(inherit=True)
    _history_m2m_fields = ["sources"]
    api_name = ""  # the route name of its API collection ("condition"), set by each model
    # Reverse accessors of rows that belong to the item (a topic's ordered links), copied on approval.
    owned_children = ()

    class Meta:
        abstract = True
        constraints = [
            models.UniqueConstraint(
                fields=["slug"],
                condition=Q(is_live=False),
                name="%(app_label)s_%(class)s_unique_slug",
                violation_error_message="Another item already has this slug. Choose another.",
            ),
            models.UniqueConstraint(
                fields=["slug"], condition=Q(is_live=True), name="%(app_label)s_%(class)s_unique_live_slug"
            ),
        ]

    @property
    def review_state(self):
        """Whether a clinical reviewer has approved the item: content published without one says so."""
        return ReviewState.REVIEWED if self.reviewed_by_id else ReviewState.NOT_REVIEWED

    def validate_constraints(self, exclude=None):
        # Forms never carry is_live, and Django skips constraints on excluded fields; the slug ones need it.
        super().validate_constraints(exclude=set(exclude or ()) - {"is_live"})


class SharedQuerySet(models.QuerySet):
    def working(self):
        """The rows editors edit; the others are the approved copies published items cite."""
        return self.filter(is_live=False)


class Shared(models.Model):
    """A row many items cite (a source, a professional), which reaches apps only through their approval.

    Editors edit the *working* row. Approving an item that cites it copies it, as it is then, onto a frozen
    *approved copy* (`is_live`) that the item's live row cites (conditions/publishing.py `approved_copy`).
    A copy never changes: each published item shows the row as it was when a reviewer approved that item,
    so an edit reaches an item only when the item is approved again, with a change event and a new ETag.
    Saving a working row makes every item that cites it a draft (conditions/shared.py), for review.

    Not the items' own working/live pair with a workflow of its own: a shared row has no API collection,
    and one approval of a shared row would change every item citing it, each of them unreviewed with it.
    """

    is_live = models.BooleanField(default=False, editable=False, db_index=True)
    working_copy = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="approved_copies",
        help_text="The row editors edit, for an approved copy.",
    )

    objects = SharedQuerySet.as_manager()

    class Meta:
        abstract = True


class Professional(Shared):
    """A kind of healthcare professional a red flag sends people to."""

    slug = models.SlugField(max_length=80)
    name = models.CharField(max_length=120)

    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["slug"],
                condition=Q(is_live=False),
                name="conditions_professional_unique_slug",
                violation_error_message="Another professional already has this slug.",
            ),
            models.UniqueConstraint(
                fields=["name"],
                condition=Q(is_live=False),
                name="conditions_professional_unique_name",
                violation_error_message="Another professional already has this name.",
            ),
        ]

    def __str__(self):
        return self.name

    def validate_constraints(self, exclude=None):
        super().validate_constraints(exclude=set(exclude or ()) - {"is_live"})


class Source(Shared):
    """A reference content is taken from, cited on every item that links it."""

    title = models.CharField(max_length=300)
    publisher = models.CharField(max_length=200, blank=True)
    url = models.URLField(blank=True, max_length=500)
    accessed = models.DateField(null=True, blank=True, help_text="When the source was last read.")
    note = models.TextField(blank=True)
    text = models.TextField(
        blank=True,
        help_text="The source's text as it was read: every quote that cites the source must occur in it.",
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["title", "id"]

    def __str__(self):
        return self.title


class ReviewerProfile(models.Model):
    """How a clinical reviewer is named to apps. Never their email."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reviewer_profile"
    )
    display_name = models.CharField(max_length=200, help_text='As apps show it, e.g. "Dr Jane Smith".')
    credentials = models.CharField(max_length=200, help_text='e.g. "PT, DPT" or "MBBS, FRCS (Orth)".')

    history = HistoricalRecords()

    def __str__(self):
        return f"{self.display_name}, {self.credentials}"
