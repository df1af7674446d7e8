"""Create the first administrator (a superuser), from the environment or by asking.

Non-interactive (deployments): DJANGO_ADMIN_USERNAME, DJANGO_ADMIN_EMAIL and
DJANGO_ADMIN_PASSWORD are read from the environment; an existing user of that name is left as
it is, so the command can run on every deployment. Interactive otherwise.
"""

import getpass
import os

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.core.validators import validate_email

ENV = ("DJANGO_ADMIN_USERNAME", "DJANGO_ADMIN_EMAIL", "DJANGO_ADMIN_PASSWORD")


class Command(BaseCommand):
    help = (
        "Create the first administrator. Reads DJANGO_ADMIN_USERNAME, DJANGO_ADMIN_EMAIL and "
        "DJANGO_ADMIN_PASSWORD when set (never overwrites an existing user); asks otherwise."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--no-input",
            action="store_false",
            dest="interactive",
            help="Fail instead of asking when the environment variables are missing.",
        )

    def handle(self, *args, interactive=True, **options):
        values = {name: os.environ.get(name, "").strip() for name in ENV}
        if all(values.values()):
            username, email, password = (values[name] for name in ENV)
        elif any(values.values()) or not interactive:
            missing = ", ".join(name for name in ENV if not values[name])
            raise CommandError(f"Set all of {', '.join(ENV)} (missing: {missing}).")
        else:
            username, email, password = self.ask()

        User = get_user_model()
        if User.objects.filter(username=username).exists():
            self.stdout.write(f"User {username!r} already exists; left unchanged.")
            return
        user = User(username=username, email=email, is_staff=True, is_superuser=True)
        try:
            validate_email(email)
            validate_password(password, user)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        user.set_password(password)
        user.save()
        self.stdout.write(self.style.SUCCESS(f"Administrator {username!r} created."))

    def ask(self):
        username = input("Username: ").strip()
        email = input("Email address: ").strip()
        password = getpass.getpass("Password: ")
        if password != getpass.getpass("Password (again): "):
            raise CommandError("The two passwords differ.")
        return username, email, password
