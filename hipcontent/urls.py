from django.contrib import admin
from django.urls import include, path, re_path

from conditions.admin.dashboard import review_dashboard
from hipcontent.api.http import errors
from hipcontent.health import healthz, readyz

urlpatterns = [
    # Answered by hipcontent.health.ProbeMiddleware whatever the Host; routed too, for reverse().
    path("healthz", healthz, name="healthz"),
    path("readyz", readyz, name="readyz"),
    path("admin/review/", admin.site.admin_view(review_dashboard), name="review-dashboard"),
    path("admin/", admin.site.urls),
    path("api/v1/", include(("hipcontent.api.v1.urls", "v1"))),
    path("api/v2/", include(("hipcontent.api.v2.urls", "v2"))),
    path("api/v3/", include(("hipcontent.api.v3.urls", "v3"))),
    path("api/v4/", include(("hipcontent.api.v4.urls", "v4"))),
    # Anything else under /api/ (an unknown version, a typo) is a JSON 404, even with DEBUG on. Only paths
    # ending in a slash, so that APPEND_SLASH still redirects /api/v1/topics to /api/v1/topics/.
    # [\s\S], not `.`: a slug with a newline (%0A) must not fall through to Django's HTML 404.
    re_path(r"^api/(?:[\s\S]*/)?$", errors.not_found),
]

handler400 = errors.bad_request
handler404 = errors.page_not_found
handler500 = errors.server_error
