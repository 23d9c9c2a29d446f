"""The factories live in conditions/factories.py, where `manage.py scale_data` can import them too."""

from conditions.factories import *  # noqa: F403
from conditions.factories import FACTORIES, ROW_FIELDS, many_to_many, working_copy  # noqa: F401
