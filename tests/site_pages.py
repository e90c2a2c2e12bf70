"""One of every public page type, with content on it, for checks that visit them all.

``build_site()`` loads the demo content, adds a generated archive (``generate_content``:
releases with pictures, partner cities, partnerships), and what both lack: a city
page with an image, a release with an image and attachments.
"""

import io

from django.core.files.base import ContentFile
from django.core.management import call_command

from almere import synthetic
from partnerships.models import Partnership
from pressroom.models import Attachment, PressRelease, Topic
from tests.cityprofile.factories import profile_page
from tests.pressroom.factories import at, image_file, release

# Page type: path, filled in by build_site().
PAGE_TYPES = [
    "home",
    "city profile",
    "city page",
    "press releases",
    "press releases filtered",
    "press releases page 2",
    "press release with image and attachments",
    "generated press release",
    "year archive",
    "month archive",
    "topic",
    "partnerships",
    "partnerships filtered",
    "partnership",
    "generated partnership",
    "theme",
    "search results",
    "search results of one kind",
    "accessibility statement",
    "not found",
]


def build_site() -> dict[str, str]:
    call_command("load_demo_content", stdout=io.StringIO())
    synthetic.generate(press_releases=60, seed=8, images=True)
    generated = (
        PressRelease.objects.published()
        .filter(slug__startswith="synthetic-")
        .exclude(image="")
        .first()
    )
    generated_partnership = (
        Partnership.objects.published().filter(slug__startswith="synthetic-").first()
    )
    economy = Topic.objects.get(slug="economy-and-trade")
    page = profile_page(
        title="Economy",
        slug="economy",
        summary="Some 16,500 businesses are based in Almere.",
        body="<p>Almere has 16,500 businesses.</p>",
        image=image_file("economy.jpg"),
        image_alt="Offices along the water in Almere",
    )
    for day in range(1, 13):
        release(
            title=f"Business news {day}",
            topics=[economy],
            published_at=at(2015, 3, day),
        )
    featured = release(
        title="New business park opens",
        lead="A business park for 120 companies opens in Almere Poort.",
        body="<h2>What changes</h2><p>Roads, <a href='https://example.org/'>bus</a> "
        "lines and a <strong>ferry</strong>.</p><ul><li>One</li><li>Two</li></ul>",
        topics=[economy],
        published_at=at(2015, 4, 2),
        image=image_file("park.jpg"),
        image_alt="The new business park seen from the air",
        image_caption="The park from the air.",
        image_credit="City of Almere",
    )
    for order, name in enumerate(["programme.pdf", "map.pdf"]):
        attachment = Attachment(release=featured, title=f"The {name}", order=order)
        attachment.file.save(name, ContentFile(b"%PDF-1.7\n%test\n"), save=False)
        attachment.save()
    shenzhen = PressRelease.objects.get(slug__startswith="almere-opens-doors")
    return {
        "home": "/en/",
        "city profile": "/en/city/",
        "city page": page.get_absolute_url(),
        "press releases": "/en/press/",
        "press releases filtered": "/en/press/?topic=economy-and-trade&year=2015",
        "press releases page 2": "/en/press/?page=2",
        "press release with image and attachments": featured.get_absolute_url(),
        "generated press release": generated.get_absolute_url(),
        "year archive": "/en/press/2015/",
        "month archive": "/en/press/2015/03/",
        "topic": economy.get_absolute_url(),
        "partnerships": "/en/partnerships/",
        "partnerships filtered": "/en/partnerships/?status=active",
        "partnership": shenzhen.partnerships.get().get_absolute_url(),
        "generated partnership": generated_partnership.get_absolute_url(),
        "theme": "/en/partnerships/themes/urban-development/",
        "search results": "/en/search/?q=shenzhen",
        "search results of one kind": "/en/search/?q=business&kind=press-release",
        "accessibility statement": "/en/accessibility/",
        "not found": "/en/no-such-page/",
    }
