from django.apps import AppConfig


class HipcontentConfig(AppConfig):
    name = "hipcontent"
    verbose_name = "hipcontent"

    def ready(self):
        # The API keeps copies of published content; the change log tells it when they go stale, without
        # knowing it exists (content never imports the API: pyproject.toml's import contracts).
        from conditions import changes, preview
        from hipcontent import checks  # noqa: F401  (registers the settings checks)
        from hipcontent.api import preview as api_preview
        from hipcontent.api.http import cache, invalidation

        changes.revision_changed.connect(cache.revision_changed, dispatch_uid="hipcontent-api-cache")
        changes.revision_changed.connect(invalidation.revision_changed, dispatch_uid="hipcontent-api-replay")
        # The admin's preview renders through the API's serializers, never through its cache.
        preview.register(api_preview.render_detail)
