from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _

from almere.richtext import plain_text
from search.registry import Document, Source, register

from .models import Activity, AgreementStage, PartnerCity, Partnership


@register
class PartnershipSource(Source):
    kind = "partnership"
    label = _("Partnerships")
    label_singular = _("Partnership")
    model = Partnership
    depends_on = {
        PartnerCity: lambda city: city.partnerships.all(),
        Activity: lambda activity: [activity.partnership],
        AgreementStage: lambda stage: [stage.partnership],
    }

    def indexable(self):
        return Partnership.objects.published()

    def for_documents(self, partnerships):
        return partnerships.select_related("city").prefetch_related(
            "activities", "stages"
        )

    def document(self, partnership: Partnership) -> Document:
        events = [
            *(
                f"{stage.get_stage_display()}. {stage.note}"
                for stage in partnership.stages.all()
            ),
            *(
                f"{activity.title}. {activity.place}. {activity.description}"
                for activity in partnership.activities.all()
            ),
        ]
        return Document(
            title=f"{partnership.city.name}: {partnership.get_kind_display().lower()}",
            url=partnership.get_absolute_url(),
            summary=partnership.summary,
            body=" ".join([plain_text(partnership.body), *events]),
            date=partnership.started_on,
            date_precision=partnership.started_precision,
        )


@register
class PartnerCitySource(Source):
    kind = "partner-city"
    label = _("Partner cities")
    label_singular = _("Partner city")
    model = PartnerCity
    depends_on = {Partnership: lambda partnership: [partnership.city]}

    def indexable(self):
        public = Partnership.objects.published()
        return PartnerCity.objects.filter(partnerships__in=public).distinct()

    def for_documents(self, cities):
        public = Partnership.objects.published().order_by("-started_on", "pk")
        return cities.prefetch_related(
            Prefetch("partnerships", public, to_attr="public_partnerships")
        )

    def document(self, city: PartnerCity) -> Document:
        facts = [city.region, city.country.name]
        if city.population:
            facts.append(f"population {city.population:,} ({city.population_year})")
        return Document(
            title=str(city),
            url=city.public_partnerships[0].get_absolute_url(),
            summary=city.description,
            body=", ".join(fact for fact in facts if fact),
        )
