"""Loading demo content so that a second load changes nothing.

Each app that has demo content provides ``<app>/demo.py`` with a ``load(tally)``
function; ``manage.py load_demo_content`` calls them in the order of
INSTALLED_APPS, so an app's content may refer to that of the apps before it.
"""

from collections import Counter
from importlib import import_module
from typing import Any, TypeVar

from django.apps import apps
from django.db import models
from django.utils.module_loading import module_has_submodule

M = TypeVar("M", bound=models.Model)


def upsert(
    tally: Counter, model: type[M], *, lookup: dict[str, Any], values: dict[str, Any]
) -> M:
    """Create the object, or bring it up to date, saving only when something differs.

    The tally counts "<model> created", "<model> updated" and "<model> unchanged".
    """
    label = model._meta.verbose_name_plural
    obj = model._default_manager.filter(**lookup).first()
    if obj is None:
        obj = model(**lookup, **values)
        obj.full_clean()
        obj.save()
        tally[f"{label} created"] += 1
        return obj
    changed = [name for name, value in values.items() if getattr(obj, name) != value]
    if changed:
        for name in changed:
            setattr(obj, name, values[name])
        obj.full_clean()
        obj.save()
        tally[f"{label} updated"] += 1
    else:
        tally[f"{label} unchanged"] += 1
    return obj


def load_all() -> Counter:
    """Load the demo content of every installed app that has some."""
    tally: Counter = Counter()
    for app_config in apps.get_app_configs():
        if module_has_submodule(app_config.module, "demo"):
            module = import_module(f"{app_config.name}.demo")
            if hasattr(module, "load"):
                module.load(tally)
    return tally
