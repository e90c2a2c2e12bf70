"""Demo content: the two press releases of the city's English website (2014).

The texts are the website's own, with its subheadings; only "major" is corrected to
"mayor". The website dates them to the month, and so does the demo. It names no
press contact, so there is none.
"""

import datetime
from collections import Counter
from zoneinfo import ZoneInfo

from almere.dates import DatePrecision
from almere.demo import upsert
from cityprofile.models import Official

from .models import PressRelease, Topic

# slug: name
TOPICS = {
    "international-cooperation": "International cooperation",
    "economy-and-trade": "Economy and trade",
    "urban-agriculture-and-food": "Urban agriculture and food",
}

SHENZHEN_BODY = """\
<p>Over the last two years the municipality Almere has established a special \
cooperation with the Chinese city Shenzhen. A city, which is also a New Town like \
Almere, both approximately 35 years young and which faces similar challenges as \
Almere. Since 2013 both cities have an agreement to share knowledge and experiences in \
the area of urban development, education, culture, innovation, investments and trade. \
This is currently taking place in the area of urban development and culture. There is \
also a student exchange between the colleges and universities. In November the \
municipality Almere, as a partner of Amsterdam Inbusiness, took 7 regional companies \
to Shenzhen hoping to open up doors for local entrepreneurs and to stimulate possible \
trade missions.</p>
<p>On Friday 14 November alderman Mark Pol of economic development travelled to \
Shenzhen with delegates from 7 companies from the region Flevoland/Noord Holland. \
Three out of the seven companies are from Almere. Locally individual appointments were \
made with companies within the Shenzhen area. In order to find trading partners and \
to arrange export and import. The appointments were made by the Dutch Consulate in \
Guangzhou. Alderman Mark Pol: “With this trip we confirm the bond with Shenzhen in \
which we have invested over the past years, where this time the economic motives are \
paramount. New and important to us is that entrepreneurs from Almere and our region \
can benefit from this cooperation.”</p>
<h2>Suitable location to establish</h2>
<p>During the visit the Shenzhen Hi Tech Fair took place as well. This is the largest \
High tech convention in China. The municipality Almere has been requested to be \
present at the Holland stand (a cooperation between Almere/Amsterdam Inbusiness and \
the The Hague region). The Netherlands, mainly the area Almere/Amsterdam and The Hague \
were represented there as trading partner and as a suitable location, to establish \
Chinese companies, in Europe. Alderman Pol and alderman Klein, officially opened the \
stand.</p>
<h2>Electric transport</h2>
<p>The seven participating companies from the region visited the Chinese government \
and Chinese companies individually. In order to make it a fruitful appointment, the \
presence of a local administrator has added value in China.</p>
<p>Later in the week a roundtable session took place for the Chinese trade and \
industry. The theme was “electric transport in The Netherlands”, where four companies \
from the delegation participated, who are specialized in electric transport. Mayor \
Jorritsma attended this roundtable. Furthermore, she discussed the cooperation on \
Chinese-Dutch and/or local projects. Afterwards, was a meeting planned with her \
colleague Xu from Shenzhen.</p>
<p>Alderman Pol will accompany the delegation from 14 to 19 November, mayor Jorritsma \
from 19 until 21 November. Subsequently to the visit mayor Jorritsma, being a member \
of the board, remained in China to participate in a congress of the UCLG.</p>"""

TORONTO_BODY = """\
<p>For Almere, Toronto is an important partner for the Floriade, Growing Green Cities \
and for Smart Society, because the town is leading in the area of urban agriculture, \
food strategy and smart cities. The city Toronto would like to learn more from Almere \
like the separated traffic streams, civil participation and dealing with the (care) \
facilities within the districts. Alderman Henk Mulder: “Toronto is world leader on the \
issue of food urbanization – an important theme for the Floriade 2022. Therefore, we \
are excited that we have signed this agreement.”</p>
<p>The intention agreement is linked to the agreement which will be entered between \
the three important institutions: Ryerson University in Toronto, Nyenrode and CAH \
Vilentium in the Netherlands.</p>"""


CITY_TIME = ZoneInfo("Europe/Amsterdam")


def _month(year: int, month: int) -> datetime.datetime:
    return datetime.datetime(year, month, 1, tzinfo=CITY_TIME)


RELEASES = [
    {
        "slug": "almere-opens-doors-in-shenzhen-for-local-entrepreneurs",
        "title": "Almere opens doors in Shenzhen for local entrepreneurs",
        "lead": "Official visit of mayor Jorritsma and alderman Pol to Shenzhen.",
        "place": "Shenzhen",
        "published_at": _month(2014, 11),
        "body": SHENZHEN_BODY,
        "topics": ["international-cooperation", "economy-and-trade"],
        "officials_quoted": ["Mark Pol"],
    },
    {
        "slug": "almere-and-toronto-sign-an-intention-agreement",
        "title": "Almere and Toronto sign an intention agreement",
        "lead": "The Municipal Executive in Almere and Toronto in Canada have come to "
        "an agreement on further cooperation.",
        "place": "",
        "published_at": _month(2014, 4),
        "body": TORONTO_BODY,
        "topics": ["international-cooperation", "urban-agriculture-and-food"],
        "officials_quoted": ["Henk Mulder"],
    },
]


def load(tally: Counter) -> None:
    topics = {
        slug: upsert(tally, Topic, lookup={"slug": slug}, values={"name": name})
        for slug, name in TOPICS.items()
    }
    for release in RELEASES:
        values = {
            key: value
            for key, value in release.items()
            if key not in ("slug", "topics", "officials_quoted")
        }
        saved = upsert(
            tally,
            PressRelease,
            lookup={"slug": release["slug"]},
            values={
                **values,
                "status": PressRelease.Status.PUBLISHED,
                "published_precision": DatePrecision.MONTH,
            },
        )
        saved.topics.set([topics[key] for key in release["topics"]])
        saved.officials_quoted.set(
            Official.objects.filter(name__in=release["officials_quoted"])
        )
