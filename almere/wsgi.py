"""WSGI entry point, as used by gunicorn: ``gunicorn almere.wsgi``."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "almere.settings")

application = get_wsgi_application()
