from django.db import migrations

# The admin's word column (0005) held the untranslated columns' text; since the
# texts are written per language (0005_translated_fields), it holds the English
# text stemmed as English and the Dutch text stemmed as Dutch, so an editor finds
# a release by a word of either edition.

FUNCTION = """
CREATE OR REPLACE FUNCTION pressroom_release_words() RETURNS trigger AS $$
BEGIN
    NEW.words := {vector};
    RETURN NEW;
END
$$ LANGUAGE plpgsql;
DROP TRIGGER IF EXISTS pressroom_release_words ON pressroom_pressrelease;
CREATE TRIGGER pressroom_release_words
    BEFORE INSERT OR UPDATE OF {columns} ON pressroom_pressrelease
    FOR EACH ROW EXECUTE FUNCTION pressroom_release_words();
UPDATE pressroom_pressrelease SET {first} = {first};
"""


def _text(*columns):
    return " || ' ' || ".join(f"coalesce(NEW.{column}, '')" for column in columns)


BOTH = FUNCTION.format(
    vector=(
        f"to_tsvector('english'::regconfig, {_text('title_en', 'lead_en', 'body_en')})"
        f" || to_tsvector('dutch'::regconfig, {_text('title_nl', 'lead_nl', 'body_nl')})"
    ),
    columns="title_en, lead_en, body_en, title_nl, lead_nl, body_nl",
    first="title_en",
)
UNTRANSLATED = FUNCTION.format(
    vector=f"to_tsvector('english'::regconfig, {_text('title', 'lead', 'body')})",
    columns="title, lead, body",
    first="title",
)


def both(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(BOTH)


def untranslated(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(UNTRANSLATED)


class Migration(migrations.Migration):
    dependencies = [("pressroom", "0007_merge_words_and_translations")]

    operations = [migrations.RunPython(both, untranslated, elidable=False)]
