from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from almere.staff import ensure_demo_accounts


class Command(BaseCommand):
    help = (
        "Development only: make sure the demo accounts exist (an editor and a "
        "publisher) and print how to log in."
    )

    def add_arguments(self, parser):
        parser.add_argument("--url", default="http://127.0.0.1:8000")

    def handle(self, *args, url: str, **options):
        if not settings.DEBUG:
            raise CommandError(
                "The demo account is for development only: run with DEBUG=1."
            )
        password_file = settings.BASE_DIR / ".demo-login"
        accounts = ensure_demo_accounts(password_file=password_file)
        admin_url = f"{url.rstrip('/')}/{settings.ADMIN_PATH}"
        self.stdout.write(self.style.SUCCESS(f"Admin: {admin_url}"))
        for user, password in accounts:
            role = user.groups.get().name
            if password is None:
                self.stdout.write(
                    f"  {role}: {user.get_username()}, password changed since it was "
                    f"made; reset it with `manage.py changepassword {user}`"
                )
            else:
                self.stdout.write(
                    f"  {role}: username {user.get_username()}, password {password}"
                    f"  (kept in {password_file.name})"
                )
