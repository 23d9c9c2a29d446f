"""Generate published content at scale for benchmarks: `manage.py scale_data --conditions 10000 --faqs 50000`.

The benchmark (`make bench`) must show how the API behaves with thousands of items, not one article. Items are
built with the factories (conditions/factories.py) and written with batched bulk inserts, as approval leaves
them: a working row and its published live row, each linking to rows of its own kind, plus one `created`
change event per live item, so the changes feed, the content revision and the caches keyed by it see them.
No webhooks are sent and no history is written: this is test data, not an editorial act.

The text is synthetic (shuffled words, visibly generated names): it carries no clinical claim. Lengths follow
the seed article's (a summary of a few sentences, answers of a paragraph). The search vectors on PostgreSQL
are generated columns (migration 0005), so the new rows are searchable without any extra step.
"""

import random
import sys
import time

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction

from conditions import changes, models
from faq.models import Question

WORDS = str.split(
    "hip buttock pain muscle tendon joint nerve movement sitting walking stairs stiffness ache load rest "
    "strength stretch posture gluteal pelvis thigh groin lower back side front deep dull sharp morning "
    "evening activity exercise pressure rotation bending running standing sleep swelling weakness"
)
BATCH = 1000
ROLES = (models.TopicCondition.Role.CAUSE, models.TopicCondition.Role.DIFFERENTIAL)


def sentence(rng, low=8, high=18):
    words = rng.choices(WORDS, k=rng.randint(low, high))
    return " ".join(words).capitalize() + "."


def paragraph(rng, sentences=(2, 5)):
    return " ".join(sentence(rng) for _ in range(rng.randint(*sentences)))


class Progress:
    """One line on stderr per kind of item, rewritten as batches land: `conditions 4000/10000`."""

    def __init__(self, label, total, enabled):
        self.label, self.total, self.done, self.enabled = label, total, 0, enabled and total > 0

    def advance(self, count):
        self.done += count
        if self.enabled:
            end = "\n" if self.done >= self.total else ""
            sys.stderr.write(f"\r{self.label:<12} {self.done:>7}/{self.total}{end}")
            sys.stderr.flush()


class Command(BaseCommand):
    help = "Generate N published topics, conditions and FAQs (with linked items) for benchmarks."

    def add_arguments(self, parser):
        parser.add_argument("--conditions", type=int, default=1000)
        parser.add_argument("--faqs", type=int, default=5000)
        parser.add_argument("--topics", type=int, default=20)
        parser.add_argument(
            "--links", type=int, default=200, help="Mechanisms, anatomy, treatments, red flags."
        )
        parser.add_argument("--seed", type=int, default=6, help="Random seed: the same data every run.")
        parser.add_argument("--prefix", default="scale", help="Slug prefix; must not be in use yet.")
        parser.add_argument(
            "--dry-run", action="store_true", help="Say what would be created; write nothing."
        )

    def handle(self, *args, **options):
        counts = {name: options[name] for name in ("conditions", "faqs", "topics", "links")}
        if any(n < 0 for n in counts.values()) or (options["faqs"] and not options["topics"]):
            raise CommandError("Counts must be 0 or more, and FAQs need at least one topic.")
        prefix = options["prefix"]
        if models.Condition.objects.filter(slug__startswith=f"{prefix}-").exists():
            raise CommandError(f"Items with the prefix {prefix!r} exist already: pass another --prefix.")
        if options["dry_run"]:
            self.stdout.write(f"Would create (live and working rows each): {counts}")
            return
        started = time.monotonic()
        builder = Builder(prefix, random.Random(options["seed"]), progress=options["verbosity"] > 0)
        with transaction.atomic():
            builder.build(**counts)
            changes.announce()
        # A bulk load leaves the planner's statistics behind (autovacuum analyzes later): without them
        # PostgreSQL plans searches as if the tables were still small, and skips the GIN indexes. And GIN
        # indexes keep new rows in a pending list that every search scans in full until a VACUUM merges it
        # (a search at 60,000 items: 4x slower before it). VACUUM cannot run inside a transaction (tests).
        with connection.cursor() as cursor:
            vacuum = connection.vendor == "postgresql" and not connection.in_atomic_block
            cursor.execute("VACUUM ANALYZE" if vacuum else "ANALYZE")
        seconds = time.monotonic() - started
        if options["verbosity"] > 0:
            self.stdout.write(f"Created {builder.created} published items in {seconds:.1f} s.")


class Builder:
    """Writes each kind of item in batches: working rows, then live rows pointing at them, then links."""

    def __init__(self, prefix, rng, *, progress):
        self.prefix, self.rng, self.progress, self.created = prefix, rng, progress, 0
        self.events = []
        self.live_topic = {}  # working topic id → its live row, for the questions' live rows

    def build(self, *, conditions, faqs, topics, links):
        from conditions import factories  # factory_boy is a development dependency

        self.f = factories
        pools = {
            "mechanisms": self.items(factories.MechanismFactory, "mechanism", links, self.mechanism),
            "anatomy": self.items(factories.AnatomicalStructureFactory, "structure", links, self.structure),
            "treatments": self.items(factories.TreatmentFactory, "treatment", links, self.treatment),
            "red_flags": self.items(factories.RedFlagFactory, "red-flag", links, self.red_flag),
        }
        found = self.items(factories.ConditionFactory, "condition", conditions, self.condition)
        self.condition_links(found, pools)
        articles = self.items(factories.TopicFactory, "topic", topics, self.topic)
        self.topic_links(articles, found)
        self.topic_item_links(articles, pools)
        questions = self.items(
            factories.QuestionFactory, "faq", faqs, lambda i: self.question(i, articles), label="faqs"
        )
        self.question_links(questions, found)
        self.bulk(models.ChangeEvent, self.events)

    # ---- items: a working row and its live row per item

    def items(self, factory, noun, count, fields, *, label=None):
        """[(working, live)] for `count` new items; `fields(i)` gives each one's content."""
        progress = Progress(label or f"{noun}s", count, self.progress)
        pairs = []
        for start in range(0, count, BATCH):
            batch = [fields(i) for i in range(start, min(start + BATCH, count))]
            # Both rows published, the working one not live: the state approval leaves an item in.
            working = self.bulk(factory._meta.model, [factory.build(is_live=False, **f) for f in batch])
            live = self.bulk(factory._meta.model, [self.live_row(w) for w in working])
            pairs += zip(working, live, strict=True)
            api_name = factory._meta.model.api_name
            self.events += [models.ChangeEvent(kind="created", item_type=api_name, slug=x.slug) for x in live]
            progress.advance(len(batch))
        self.created += len(pairs)
        return pairs

    def live_row(self, working):
        """A copy of the working row as approval writes it (copying is cheaper than building it again)."""
        model = type(working)
        fields = {
            f.attname: getattr(working, f.attname) for f in model._meta.concrete_fields if not f.primary_key
        }
        live = model(**{**fields, "is_live": True, "working_copy_id": working.pk})
        if isinstance(live, Question):  # its topic: the live topic, as a live row links only to live rows
            live.topic = self.live_topic[working.topic_id]
        return live

    def bulk(self, model, objects):
        return model.objects.bulk_create(objects, batch_size=BATCH)

    def slug(self, noun, i):
        return f"{self.prefix}-{noun}-{i:05d}"

    def title(self, noun, i):
        return f"Scale {noun} {i:05d}"

    def mechanism(self, i):
        return {
            "slug": self.slug("mechanism", i),
            "name": self.title("mechanism", i),
            "description": paragraph(self.rng),
        }

    def structure(self, i):
        return {
            "slug": self.slug("structure", i),
            "name": self.title("structure", i),
            "description": paragraph(self.rng),
            "function": sentence(self.rng),
        }

    def treatment(self, i):
        return {
            "slug": self.slug("treatment", i),
            "name": self.title("treatment", i),
            "category": self.rng.choice(models.Treatment.Category.values),
            "description": paragraph(self.rng),
            "order_of_care": self.rng.randint(1, 9),
        }

    def red_flag(self, i):
        return {
            "slug": self.slug("red-flag", i),
            "sign": f"Scale sign {i:05d}: {sentence(self.rng)}",
            "urgency": self.rng.choice(models.RedFlag.Urgency.values),
            "action": sentence(self.rng),
        }

    def condition(self, i):
        rng = self.rng
        return {
            "slug": self.slug("condition", i),
            "name": self.title("condition", i),
            "summary": paragraph(rng, (3, 6)),
            "other_names": [self.title("alias", i)],
            "pain_locations": [sentence(rng, 2, 5) for _ in range(rng.randint(1, 4))],
            "pain_character": [sentence(rng, 2, 5) for _ in range(rng.randint(1, 3))],
            "aggravating_factors": [sentence(rng, 3, 8) for _ in range(rng.randint(1, 4))],
            "associated_signs": [sentence(rng, 3, 8) for _ in range(rng.randint(0, 3))],
        }

    def topic(self, i):
        texts = {name: paragraph(self.rng) for name in ("summary", "short_answer", "overview", "conclusion")}
        return {"slug": self.slug("topic", i), "title": self.title("topic", i), **texts}

    def question(self, i, articles):
        working, live = articles[i % len(articles)]
        self.live_topic[working.pk] = live
        return {
            "slug": self.slug("faq", i),
            "topic": working,
            "position": i // len(articles) % 30000,
            "question": f"Scale question {i:05d}: {sentence(self.rng, 5, 12)[:-1]}?",
            "answer": paragraph(self.rng, (2, 6)),
        }

    # ---- links: many-to-many rows and ordered topic links, working to working and live to live

    def condition_links(self, found, pools):
        rows = {name: [] for name in (*pools, "differentials")}
        for index, (working, live) in enumerate(found):
            for name, pool in pools.items():
                for other in self.rng.sample(pool, min(len(pool), self.rng.randint(1, 4))):
                    rows[name] += [(working, other[0]), (live, other[1])]
            if index:
                other = found[self.rng.randrange(index)]
                rows["differentials"] += [(working, other[0]), (live, other[1])]
        kind = models.ConditionRelation.Kind.TELL_APART
        for name, pairs in rows.items():
            if name == "differentials":  # a relation, stored once: it reads the same both ways
                relations = [models.ConditionRelation(condition=a, kind=kind, other=b) for a, b in pairs]
                self.bulk(models.ConditionRelation, relations)
                continue
            field = models.Condition._meta.get_field(name)
            through = field.remote_field.through
            source, target = field.m2m_field_name(), field.m2m_reverse_field_name()
            self.bulk(through, [through(**{f"{source}_id": a.pk, f"{target}_id": b.pk}) for a, b in pairs])

    def topic_links(self, articles, found):
        rows, takeaways = [], []
        for working, live in articles:
            linked = self.rng.sample(found, min(len(found), 20))
            for position, (cond_working, cond_live) in enumerate(linked):
                role = ROLES[position >= 12]
                rows += [
                    models.TopicCondition(
                        topic=working, condition=cond_working, role=role, position=position
                    ),
                    models.TopicCondition(topic=live, condition=cond_live, role=role, position=position),
                ]
            for position in range(5):
                text = sentence(self.rng)
                takeaways += [
                    models.KeyTakeaway(topic=working, position=position, text=text),
                    models.KeyTakeaway(topic=live, position=position, text=text),
                ]
        self.bulk(models.TopicCondition, rows)
        self.bulk(models.KeyTakeaway, takeaways)

    def topic_item_links(self, articles, pools):
        """Five ordered links to each other kind of item, as the seed article has."""
        kinds = {
            "anatomy": (models.TopicAnatomy, "structure"),
            "mechanisms": (models.TopicMechanism, "mechanism"),
            "red_flags": (models.TopicRedFlag, "red_flag"),
            "treatments": (models.TopicTreatment, "treatment"),
        }
        for name, (model, field) in kinds.items():
            rows = []
            for working, live in articles:
                for position, pair in enumerate(self.rng.sample(pools[name], min(len(pools[name]), 5))):
                    rows += [
                        model(topic=working, position=position, **{field: pair[0]}),
                        model(topic=live, position=position, **{field: pair[1]}),
                    ]
            self.bulk(model, rows)

    def question_links(self, questions, found):
        if not found:
            return
        through = Question.conditions.through
        objects = []
        for working, live in questions:
            for cond_working, cond_live in self.rng.sample(found, min(len(found), 2)):
                objects += [
                    through(question_id=working.pk, condition_id=cond_working.pk),
                    through(question_id=live.pk, condition_id=cond_live.pk),
                ]
        self.bulk(through, objects)
