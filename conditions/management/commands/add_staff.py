"""Create an editor or a clinical reviewer who can log in to the admin.

Why a command: the two roles are groups with fixed permissions (conditions/migrations/0002_roles.py), and a
reviewer needs a display name and credentials before they can approve. The password is asked for, or read
from STAFF_PASSWORD for scripts; there is never a fixed one.
"""

import getpass
import os

from django.contrib.auth import get_user_model, password_validation
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from conditions.models import ReviewerProfile

ROLES = {"editor": "Editors", "reviewer": "Clinical reviewers"}


class Command(BaseCommand):
    help = "Create an editor or a clinical reviewer (asks for the password, or reads STAFF_PASSWORD)."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--role", choices=ROLES, required=True)
        parser.add_argument("--email", default="")
        parser.add_argument("--display-name", help="Reviewers: the name apps show, e.g. 'Dr Jane Smith'.")
        parser.add_argument("--credentials", help="Reviewers: e.g. 'PT, DPT'.")

    def handle(self, *, username, role, email, display_name, credentials, verbosity, **options):
        if role == "reviewer" and not (display_name and credentials):
            raise CommandError("A reviewer needs --display-name and --credentials: apps show them.")
        User = get_user_model()
        if User.objects.filter(username=username).exists():
            raise CommandError(f"A user named {username!r} already exists.")
        user = User(username=username, email=email, is_staff=True)
        password = self._password(user)
        with transaction.atomic():
            user.set_password(password)
            user.save()
            user.groups.add(Group.objects.get(name=ROLES[role]))
            if role == "reviewer":
                ReviewerProfile.objects.create(user=user, display_name=display_name, credentials=credentials)
        if verbosity >= 1:
            self.stdout.write(self.style.SUCCESS(f"Created {role} {username!r}."))

    def _password(self, user):
        password = os.environ.get("STAFF_PASSWORD") or getpass.getpass("Password: ")
        try:
            password_validation.validate_password(password, user)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        return password
