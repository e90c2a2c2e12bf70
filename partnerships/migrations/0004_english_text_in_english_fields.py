"""The text written before content had languages is the English edition: it
moves into the English fields (title_en and so on), the Dutch ones stay empty."""

from django.db import migrations
from django.db.models import F

TRANSLATED = {
    "Theme": ["name", "description"],
    "Institution": ["name"],
    "PartnerCity": ["description", "image_alt"],
    "Partnership": ["summary", "body"],
    "AgreementStage": ["partner_signatories", "note"],
    "Activity": ["title", "description"],
}


def english_from_original(apps, schema_editor):
    for model_name, fields in TRANSLATED.items():
        model = apps.get_model("partnerships", model_name)
        model._base_manager.update(**{f"{field}_en": F(field) for field in fields})


class Migration(migrations.Migration):
    dependencies = [("partnerships", "0003_translated_fields")]

    operations = [
        migrations.RunPython(english_from_original, migrations.RunPython.noop),
    ]
