"""The site as production serves it, plus one minimal view to measure it against.

``gunicorn tools.bench.wsgi`` serves every page of ``almere.urls`` and
``/bench/minimal/``: a view that returns a short text through the same middleware,
with no template and no database, the yardstick the benchmark compares pages with.
"""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "almere.settings")

application = get_wsgi_application()

from django.conf import settings  # noqa: E402  (after the settings are loaded)

settings.ROOT_URLCONF = "tools.bench.urls"
