from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from almere.staff import ensure_demo_editor


class Command(BaseCommand):
    help = (
        "Development only: make sure the demo editor account exists, in the "
        "communications staff group, and print how to log in."
    )

    def add_arguments(self, parser):
        parser.add_argument("--url", default="http://127.0.0.1:8000")

    def handle(self, *args, url: str, **options):
        if not settings.DEBUG:
            raise CommandError(
                "The demo account is for development only: run with DEBUG=1."
            )
        password_file = settings.BASE_DIR / ".demo-login"
        user, password = ensure_demo_editor(password_file=password_file)
        admin_url = f"{url.rstrip('/')}/{settings.ADMIN_PATH}"
        self.stdout.write(self.style.SUCCESS(f"Admin: {admin_url}"))
        self.stdout.write(f"  username: {user.get_username()}")
        if password is None:
            self.stdout.write(
                "  password: changed since it was made; reset it with "
                f"`manage.py changepassword {user.get_username()}`"
            )
        else:
            self.stdout.write(f"  password: {password}  (kept in {password_file.name})")
