"""Loads a seed fixture by slug: creates what is missing and leaves what editors changed alone.

Every typed claim in a fixture (a link, a code, a treatment's category or order, a red flag's urgency) gives
its `basis`; a `quote` is taken from the fixture's source, and validation checks it occurs in the source's
stored text, word for word.
"""

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from conditions import models, publishing
from faq.models import Question


class SeedNotFound(Exception):
    pass


def read_fixture(name: str) -> dict:
    """The fixture `name` (without .yaml) from the first FIXTURE_DIRS folder that has it."""
    for folder in settings.FIXTURE_DIRS:
        path = Path(folder) / f"{name}.yaml"
        if path.exists():
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
            source = data.get("source") or {}
            if "text_file" in source:  # the source's text, beside the fixture
                source["text"] = (Path(folder) / source.pop("text_file")).read_text(encoding="utf-8")
            return data
    raise SeedNotFound(f"No fixture {name}.yaml in {', '.join(map(str, settings.FIXTURE_DIRS))}.")


@dataclass
class Report:
    counts: Counter = field(default_factory=Counter)
    lines: list = field(default_factory=list)

    def note(self, outcome, obj):
        self.counts[outcome] += 1
        self.lines.append(f"{outcome}: {type(obj).__name__} {obj.slug}")


class Loader:
    """One run over a fixture. An item's links are written only when this run created (or reset) it."""

    def __init__(self, *, reset: bool, source=None):
        self.reset = reset
        self.source = source
        self.report = Report()
        self.by_slug = {}
        self.to_publish = []

    def upsert(self, model, slug, **fields):
        objects = model.objects.working() if hasattr(model.objects, "working") else model.objects
        obj = objects.filter(slug=slug).first()
        if obj is not None and not self.reset:
            self.report.note("kept", obj)
            self.by_slug[model, slug] = obj
            return obj, False
        outcome = "created" if obj is None else "reset"
        obj = obj or model(slug=slug)
        for name, value in fields.items():
            setattr(obj, name, value)
        obj.full_clean()
        obj.save()
        self.report.note(outcome, obj)
        self.by_slug[model, slug] = obj
        return obj, True

    def claim(self, entry, prefix=""):
        """The claim fields of a fixture entry (basis, quote, qualifier), its quote citing the source."""
        fields = {f"{prefix}basis": entry.get(f"{prefix}basis", models.Basis.EDITORIAL)}
        fields[f"{prefix}quote"] = entry.get(f"{prefix}quote", "")
        fields[f"{prefix}source"] = self.source if fields[f"{prefix}quote"] else None
        if not prefix:
            fields["qualifier"] = entry.get("qualifier", "")
        return fields

    def get(self, model, slug):
        return self.by_slug[model, slug] if slug else None

    def all(self, model, slugs):
        return [self.by_slug[model, slug] for slug in slugs]

    def publishable(self, model, item, *, links=(), **fields):
        """Upsert an item from `item`, minus its `links`, which the caller sets; published once all is loaded.

        Seed content is published without a clinical review: it has no reviewer, and its next review is due
        the day it is loaded, so the review dashboard lists it until a reviewer approves it.
        """
        values = {k: v for k, v in item.items() if k not in ("slug", *links)}
        values.update(
            status=models.Status.PUBLISHED,
            next_review_due=timezone.localdate(),
            last_reviewed=None,
            reviewed_by=None,
        )
        obj, owned = self.upsert(model, item["slug"], **values, **fields)
        if owned:
            if self.source is not None:
                obj.sources.set([self.source])
            self.to_publish.append(obj)
        return obj, owned


def load_seed(data: dict, *, reset: bool = False) -> Report:
    with transaction.atomic():
        loader = Loader(reset=reset, source=_source(data.get("source"), reset=reset))
        _load_items(loader, data)
        _load_topics(loader, data.get("topics", []))
        _load_faqs(loader, data.get("faqs", []))
        for obj in loader.to_publish:
            try:
                with transaction.atomic():
                    publishing.publish(obj)
            except ValidationError as error:
                # E.g. an editor renamed this item's slug and the rename awaits review: leave it unpublished
                # rather than refuse the whole seed.
                loader.report.counts["not published"] += 1
                loader.report.lines.append(
                    f"not published: {type(obj).__name__} {obj.slug}: {error.messages[0]}"
                )
    return loader.report


def _set_codes(condition, codes, code_sets):
    """The condition's codes, in order, each citing its code set, which the condition cites as a source."""
    condition.codes.all().delete()
    for position, code in enumerate(codes, start=1):
        code_set = code_sets[code["system"]]
        row = models.ConditionCode(condition=condition, position=position, source=code_set, **code)
        row.full_clean()
        row.save()
        condition.sources.add(code_set)


def _source(fields, *, reset):
    """A reference seed items cite, matched by title; --reset (or a missing text) puts its fields back."""
    if not fields:
        return None
    source, created = models.Source.objects.working().get_or_create(title=fields["title"], defaults=fields)
    if not created and (reset or (fields.get("text") and not source.text)):
        for name, value in fields.items():
            setattr(source, name, value)
        source.full_clean()
        source.save()
    return source


def _item_claims(loader, item, *names):
    """An item's field claims (`category_basis`, `category_quote`...), its quotes citing the source."""
    values = {}
    for name in names:
        values |= loader.claim(item, prefix=f"{name}_")
    return values


def _set_links(loader, link_model, owner_field, item_field, model, owner, entries, **extra):
    """Replace `owner`'s link rows of `link_model` by `entries`: slugs, or mappings with the claim."""
    link_model.objects.filter(**{owner_field: owner}).delete()
    for position, entry in enumerate(entries, start=1):
        entry = dict(entry) if isinstance(entry, dict) else {"slug": entry}
        fields = {name: entry[name] for name in ("role", "label") if name in entry}
        if "position" in extra:
            fields["position"] = position
        link = link_model(
            **{owner_field: owner, item_field: loader.get(model, entry["slug"])},
            **fields,
            **loader.claim(entry),
        )
        link.full_clean()
        link.save()


# A red flag's claims: how urgent (a clinical reviewer's), what to do, and whom to see.
RED_FLAG_CLAIMS = ("urgency", "action", "professionals")
RED_FLAG_CLAIM_KEYS = tuple(f"{name}_{part}" for name in RED_FLAG_CLAIMS for part in ("basis", "quote"))


def _load_items(loader, data):
    for item in data.get("professionals", []):
        loader.upsert(models.Professional, item["slug"], name=item["name"])
    for item in data.get("anatomy", []):
        model = models.AnatomicalStructure
        loader.publishable(model, item, links=("parent",), parent=loader.get(model, item["parent"]))
    for item in data.get("treatments", []):
        claims = ("category", "order_of_care")
        treatment, owned = loader.publishable(
            models.Treatment,
            item,
            links=(
                "parent",
                "anatomy",
                *(f"{name}_{part}" for name in claims for part in ("basis", "quote")),
            ),
            parent=loader.get(models.Treatment, item["parent"]),
            **_item_claims(loader, item, *claims),
        )
        if owned:
            _set_links(
                loader,
                models.TreatmentAnatomy,
                "treatment",
                "structure",
                models.AnatomicalStructure,
                treatment,
                item.get("anatomy", []),
            )
    for item in data.get("mechanisms", []):
        loader.publishable(models.Mechanism, item)
    for item in data.get("red_flags", []):
        # A red flag the fixture gives no urgency has none assessed: --reset clears an invented one.
        red_flag, owned = loader.publishable(
            models.RedFlag,
            item,
            links=("professionals", "urgency", *RED_FLAG_CLAIM_KEYS),
            urgency=item.get("urgency", models.RedFlag.Urgency.NOT_ASSESSED),
            **_item_claims(loader, item, *RED_FLAG_CLAIMS),
        )
        if owned:
            red_flag.professionals.set(loader.all(models.Professional, item["professionals"]))
    condition_links = {
        "mechanisms": (models.ConditionMechanism, "mechanism", models.Mechanism),
        "anatomy": (models.ConditionAnatomy, "structure", models.AnatomicalStructure),
        "treatments": (models.ConditionTreatment, "treatment", models.Treatment),
        "red_flags": (models.ConditionRedFlag, "red_flag", models.RedFlag),
    }
    code_sets = {
        system: _source(fields, reset=loader.reset) for system, fields in data.get("code_sets", {}).items()
    }
    owned_conditions = []
    for item in data.get("conditions", []):
        links = (*condition_links, "relations", "codes")
        condition, owned = loader.publishable(models.Condition, item, links=links)
        if owned:
            owned_conditions.append((condition, item))
            for name, (link_model, item_field, model) in condition_links.items():
                _set_links(loader, link_model, "condition", item_field, model, condition, item[name])
            _set_codes(condition, item.get("codes", []), code_sets)
    # Relations point at conditions that may come later in the file; each is stored on the side it reads
    # from ("piriformis syndrome is a form of deep gluteal syndrome").
    for condition, item in owned_conditions:
        condition.relations.all().delete()
        for entry in item.get("relations", []):
            other = loader.get(models.Condition, entry["condition"])
            relation = models.ConditionRelation(
                condition=condition, kind=entry["kind"], other=other, **loader.claim(entry)
            )
            relation.full_clean()
            relation.save()


TOPIC_LINKS = {
    "anatomy": (models.TopicAnatomy, "structure", models.AnatomicalStructure),
    "mechanisms": (models.TopicMechanism, "mechanism", models.Mechanism),
    "conditions": (models.TopicCondition, "condition", models.Condition),
    "red_flags": (models.TopicRedFlag, "red_flag", models.RedFlag),
    "treatments": (models.TopicTreatment, "treatment", models.Treatment),
}


def _load_topics(loader, topics):
    for item in topics:
        topic, owned = loader.publishable(models.Topic, item, links=(*TOPIC_LINKS, "key_takeaways"))
        if not owned:
            continue
        topic.key_takeaways.all().delete()
        models.KeyTakeaway.objects.bulk_create(
            models.KeyTakeaway(topic=topic, position=position, text=text)
            for position, text in enumerate(item["key_takeaways"], start=1)
        )
        for key, (link_model, item_field, model) in TOPIC_LINKS.items():
            # A link is a slug, or a mapping with the slug, the link's own fields (role, label) and its claim.
            _set_links(loader, link_model, "topic", item_field, model, topic, item[key], position=True)


def _load_faqs(loader, faqs):
    for item in faqs:
        topic = loader.get(models.Topic, item["topic"])
        question, owned = loader.publishable(Question, item, links=("topic", "conditions"), topic=topic)
        if owned:
            question.conditions.set(loader.all(models.Condition, item["conditions"]))
