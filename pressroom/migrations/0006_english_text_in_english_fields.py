"""The text written before content had languages is the English edition: it
moves into the English fields (title_en and so on), the Dutch ones stay empty."""

from django.db import migrations
from django.db.models import F

TRANSLATED = {
    "PressRelease": [
        "title",
        "lead",
        "body",
        "image_alt",
        "image_caption",
        "withdrawal_reason",
    ],
    "Topic": ["name", "description"],
    "PressContact": ["role"],
    "Attachment": ["title"],
    "Correction": ["note"],
}


def english_from_original(apps, schema_editor):
    for model_name, fields in TRANSLATED.items():
        model = apps.get_model("pressroom", model_name)
        model._base_manager.update(**{f"{field}_en": F(field) for field in fields})


class Migration(migrations.Migration):
    dependencies = [("pressroom", "0005_translated_fields")]

    operations = [
        migrations.RunPython(english_from_original, migrations.RunPython.noop),
    ]
