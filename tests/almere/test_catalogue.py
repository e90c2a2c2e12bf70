"""The Dutch catalogue of the interface: complete, well formed, and compiled into
the committed django.mo, so that the site runs without gettext tools."""

import gettext
import re
import shutil
import subprocess

import polib
import pytest
from django.conf import settings
from django.utils import translation

MESSAGES = settings.BASE_DIR / "locale" / "nl" / "LC_MESSAGES"
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|%[sd]")


@pytest.fixture(scope="module")
def catalogue() -> polib.POFile:
    return polib.pofile(str(MESSAGES / "django.po"))


def _translations(entries) -> dict[tuple[str | None, str], tuple[str, ...]]:
    """(context, English): the Dutch, each plural form in order."""
    found = {}
    for entry in entries:
        if entry.obsolete or not entry.msgid:
            continue
        if entry.msgid_plural:
            forms = tuple(entry.msgstr_plural[n] for n in sorted(entry.msgstr_plural))
        else:
            forms = (entry.msgstr,)
        found[(entry.msgctxt, entry.msgid)] = forms
    return found


def test_every_message_has_a_dutch_translation_that_is_not_fuzzy(catalogue):
    entries = [entry for entry in catalogue if not entry.obsolete]
    assert len(entries) > 200
    assert not [entry.msgid for entry in entries if "fuzzy" in entry.flags]
    assert not catalogue.metadata_is_fuzzy
    untranslated = [
        msgid
        for (_, msgid), forms in _translations(entries).items()
        if not all(form.strip() for form in forms)
    ]
    assert not untranslated
    plurals = [entry for entry in entries if entry.msgid_plural]
    assert all(len(entry.msgstr_plural) == 2 for entry in plurals)


def test_translations_keep_every_placeholder(catalogue):
    problems = []
    for (_, msgid), forms in _translations(catalogue).items():
        expected = sorted(set(PLACEHOLDER.findall(msgid)))
        for form in forms:
            if sorted(set(PLACEHOLDER.findall(form))) != expected:
                problems.append(f"{msgid!r} -> {form!r}")
    assert not problems, "\n".join(problems)


def test_committed_mo_is_the_compiled_catalogue(catalogue, tmp_path):
    committed = polib.mofile(str(MESSAGES / "django.mo"))
    assert _translations(committed) == _translations(catalogue), (
        "django.mo is out of date: run `make messages` (or compilemessages)"
    )
    # And Python's own gettext, which Django uses, reads it.
    with open(MESSAGES / "django.mo", "rb") as file:
        dutch = gettext.GNUTranslations(file)
    assert dutch.gettext("Press releases") == "Persberichten"
    assert dutch.info()["language"] == "nl"


@pytest.mark.skipif(shutil.which("msgfmt") is None, reason="gettext is not installed")
def test_catalogue_compiles_with_msgfmt_without_errors(tmp_path):
    result = subprocess.run(
        ["msgfmt", "--check", "-o", tmp_path / "django.mo", MESSAGES / "django.po"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr


def test_django_translates_the_interface_with_it():
    with translation.override("nl"):
        assert translation.gettext("Accessibility statement") == (
            "Toegankelijkheidsverklaring"
        )
        assert translation.pgettext("button", "Search") == "Zoeken"
        assert (
            translation.ngettext(
                "%(counter)s press release found.",
                "%(counter)s press releases found.",
                3,
            )
            % {"counter": 3}
            == "3 persberichten gevonden."
        )
