from django.core.management.base import BaseCommand

from search.registry import source_for
from search.services import rebuild_index


class Command(BaseCommand):
    help = (
        "Make the site search's index again from the published content: after "
        "loaddata, bulk imports or a change to what the search covers."
    )

    def handle(self, *args, **options) -> None:
        counts = rebuild_index()
        for kind, count in counts.items():
            source = source_for(kind)
            self.stdout.write(f"{source.label}: {count}")
        self.stdout.write(
            self.style.SUCCESS(f"Indexed {sum(counts.values())} items for search.")
        )
