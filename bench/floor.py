"""What any answer costs on this stack, for the bench's in-process table (bench/render_all.py): the floor a
small detail's first render stands on, beside the 5x budget its peer leaves it (issue 15).

- `plain`: a Django view that answers `{}`, through the project's whole middleware;
- `RateLimited`: a DRF view that answers `{}`, with the project's default authentication, permissions and
  throttles (the API key check and the rate limit, one Redis round trip), as every API view has them.

bench/urls.py mounts them at /bench/floor/django/ and /bench/floor/drf/, for the bench server only.
"""

from django.http import JsonResponse
from rest_framework.response import Response
from rest_framework.views import APIView


def plain(request):
    return JsonResponse({})


class RateLimited(APIView):
    def get(self, request):
        return Response({})
