import argparse

from django.core.management.base import BaseCommand

from almere import synthetic
from search.models import SearchEntry


def _count(value: str) -> int:
    number = int(value)
    if number < 0:
        raise argparse.ArgumentTypeError("must be 0 or more")
    return number


class Command(BaseCommand):
    help = (
        "Make a large synthetic archive for benchmarks and tests: press releases "
        "with topics, quoted officials, corrections and, with --images, pictures; "
        "partner cities, partnerships, their stages and activities; indicator data. "
        "It replaces what an earlier run made and leaves all other content alone. "
        "Everything is marked: slugs start with 'synthetic-', names end in "
        "'(synthetic)', leads and summaries begin 'Synthetic test content.' The same "
        "seed gives the same archive on the same day."
    )

    def add_arguments(self, parser):
        what = parser.add_mutually_exclusive_group(required=True)
        what.add_argument(
            "--press-releases",
            type=_count,
            metavar="N",
            help="How many press releases to make; partnerships grow with them "
            "(one per 500 releases, 3 to 200).",
        )
        what.add_argument(
            "--clear",
            action="store_true",
            help="Only remove the synthetic content an earlier run made.",
        )
        parser.add_argument(
            "--seed",
            type=int,
            default=0,
            help="Seed of the random choices (default 0).",
        )
        parser.add_argument(
            "--images",
            action="store_true",
            help="Give about a third of the releases one of a few generated "
            "pictures, stored under MEDIA_ROOT.",
        )

    def handle(
        self,
        *args,
        press_releases: int | None,
        clear: bool,
        seed: int,
        images: bool,
        **options,
    ):
        if clear:
            removed = synthetic.clear()
            self._counts("Removed", removed)
            self.stdout.write(self.style.SUCCESS("Synthetic content removed."))
            return
        report = synthetic.generate(
            press_releases=press_releases, seed=seed, images=images
        )
        self._counts("Removed", report.removed)
        self._counts(f"Made (seed {seed})", report.made)
        self.stdout.write("Seconds taken:")
        for step, seconds in report.seconds.items():
            self.stdout.write(f"  {step}: {seconds:.1f} s")
        total = sum(report.seconds.values())
        self.stdout.write(
            self.style.SUCCESS(
                f"Synthetic content made in {total:.1f} s; the search index holds "
                f"{SearchEntry.objects.count()} items."
            )
        )

    def _counts(self, heading: str, tally) -> None:
        if not tally:
            return
        self.stdout.write(f"{heading}:")
        for label in sorted(tally):
            self.stdout.write(f"  {label}: {tally[label]}")
