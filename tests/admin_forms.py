"""What the admin's forms post, for tests that save through them."""

from html.parser import HTMLParser


def inline_forms(prefix: str, *rows: dict, initial: int = 0) -> dict:
    """The management form and rows of one inline formset."""
    data = {
        f"{prefix}-TOTAL_FORMS": str(len(rows)),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }
    for number, row in enumerate(rows):
        data.update({f"{prefix}-{number}-{key}": value for key, value in row.items()})
    return data


def changed(data: dict, **changes) -> dict:
    """The form's data with some fields changed, as typed in.

    A field written per language (title_en, title_nl) takes a change given under
    its own name (title) in English, the language every item has.
    """
    result = dict(data)
    for name, value in changes.items():
        english = f"{name}_en"
        result[english if name not in data and english in data else name] = value
    return result


def opened(item) -> dict:
    """The version check a change form carries: the item as stored now."""
    from almere.history import version_token

    return {"loaded_version": version_token(type(item)._base_manager.get(pk=item.pk))}


class _FormReader(HTMLParser):
    """Reads what a browser would post from the admin's change form."""

    def __init__(self, form_id: str) -> None:
        super().__init__(convert_charrefs=True)
        self.form_id = form_id
        self.in_form = False
        self.fields: list[tuple[str, str]] = []
        self._select: str | None = None
        self._option: str | None = None
        self._textarea: str | None = None
        self._text = ""

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and attrs.get("id") == self.form_id:
            self.in_form = True
        if not self.in_form or "disabled" in attrs:
            return
        name = attrs.get("name")
        if tag == "input" and name:
            kind = attrs.get("type", "text")
            if kind in ("submit", "button", "file", "image", "reset"):
                return
            if kind in ("checkbox", "radio") and "checked" not in attrs:
                return
            self.fields.append(
                (
                    name,
                    attrs.get("value", "on" if kind in ("checkbox", "radio") else ""),
                )
            )
        elif tag == "select" and name:
            self._select = name
        elif tag == "option" and self._select and "selected" in attrs:
            self.fields.append((self._select, attrs.get("value", "")))
        elif tag == "textarea" and name:
            self._textarea, self._text = name, ""

    def handle_endtag(self, tag):
        if tag == "form":
            self.in_form = False
        elif tag == "select":
            self._select = None
        elif tag == "textarea" and self._textarea:
            self.fields.append((self._textarea, self._text.removeprefix("\n")))
            self._textarea = None

    def handle_data(self, data):
        if self._textarea:
            self._text += data


def form_data(html: str, form_id: str) -> dict[str, str | list[str]]:
    """The fields a browser posts from the form with this id, as the page has them."""
    reader = _FormReader(form_id)
    reader.feed(html)
    data: dict[str, list[str]] = {}
    for name, value in reader.fields:
        data.setdefault(name, []).append(value)
    data.pop("csrfmiddlewaretoken", None)
    return {
        name: values[0] if len(values) == 1 else values for name, values in data.items()
    }
