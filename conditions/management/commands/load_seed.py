"""Load seed content from fixtures/ by name.

Why not `loaddata`: it overwrites rows by primary key, so running it again would undo what editors changed.
This command matches items by slug, creates the ones that are missing and leaves existing ones, and their
links, as editors left them. `--reset` puts the seed items back as the fixture has them.
"""

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from conditions.seed import SeedNotFound, load_seed, read_fixture


class Command(BaseCommand):
    help = "Create the seed content that is missing, by slug; --reset overwrites the seed items."

    def add_arguments(self, parser):
        parser.add_argument("name", nargs="?", default="hip-pain-buttock-discomfort", help="Fixture name.")
        parser.add_argument("--reset", action="store_true", help="Overwrite seed items with the fixture.")
        parser.add_argument("--dry-run", action="store_true", help="Report what would change; write nothing.")

    def handle(self, *, name, reset, dry_run, verbosity, **options):
        try:
            data = read_fixture(name)
        except SeedNotFound as error:
            raise CommandError(str(error)) from None
        with transaction.atomic():
            report = load_seed(data, reset=reset)
            transaction.set_rollback(dry_run)
        if verbosity >= 2:
            for line in report.lines:
                self.stdout.write(line)
        if verbosity >= 1:
            summary = ", ".join(f"{outcome} {count}" for outcome, count in sorted(report.counts.items()))
            prefix = "Dry run, nothing written: " if dry_run else ""
            self.stdout.write(self.style.SUCCESS(f"{prefix}seed {name}: {summary}."))
