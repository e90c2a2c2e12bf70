import reversion
from django.core.management.base import BaseCommand
from django.db import transaction

from almere.demo import load_all


class Command(BaseCommand):
    help = (
        "Load the demo content from the city's English website (2014) and its "
        "dated public figures. Safe to run again: unchanged objects are left alone."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Report what would change, and change nothing.",
        )

    def handle(self, *args, dry_run: bool = False, **options):
        with transaction.atomic():
            # The first version of each item, for its history.
            with reversion.create_revision():
                reversion.set_comment("Demo content loaded.")
                tally = load_all()
            if dry_run:
                transaction.set_rollback(True)
        for key in sorted(tally):
            self.stdout.write(f"  {key}: {tally[key]}")
        changes = sum(n for key, n in tally.items() if not key.endswith("unchanged"))
        if dry_run:
            self.stdout.write(
                self.style.WARNING(f"Dry run: {changes} changes not saved.")
            )
        elif changes:
            self.stdout.write(
                self.style.SUCCESS(f"Demo content loaded: {changes} changes.")
            )
        else:
            self.stdout.write(self.style.SUCCESS("Demo content already up to date."))
