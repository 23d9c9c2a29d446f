"""Serving a gzip file in 64 KiB blocks, so the web process never holds it whole: as it is stored to a client
that accepts gzip (`Content-Encoding: gzip`), decompressed on the fly to others.

Each encoding is its own representation (its own bytes, length and strong ETag, RFC 9110 section 8.8.3), so
`Range` counts bytes of the representation served: of the gzip stream for a gzip client, of the JSON for
others. One range per request (a multi-range request gets the whole representation, which RFC 9110 section
14.2 allows); a range that starts past the end is a 416 problem with `Content-Range: bytes */size`; `If-Range`
with anything but the current ETag (or its exact Last-Modified date) gets the whole representation.
"""

import gzip
import re

from django.http import HttpResponse, JsonResponse, StreamingHttpResponse
from django.utils.cache import patch_vary_headers
from django.utils.http import http_date

from hipcontent.api.http.errors import PROBLEM_CONTENT_TYPE, problem

BLOCK = 64 * 1024
_RANGE = re.compile(r"^bytes=(\d*)-(\d*)$")
UNSATISFIABLE = object()


def accepts_gzip(request):
    """Whether Accept-Encoding allows gzip (explicitly, or through `*`), with a q-value above 0."""
    header = request.META.get("HTTP_ACCEPT_ENCODING", "")
    weights = {}
    for part in header.split(","):
        coding, *params = (piece.strip() for piece in part.split(";"))
        weight = 1.0
        for param in params:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    weight = float(value)
                except ValueError:
                    weight = 0.0
        if coding:
            weights[coding.lower()] = weight
    for coding in ("gzip", "x-gzip", "*"):
        if coding in weights:
            return weights[coding] > 0
    return False


def byte_range(header, size):
    """(first, last) byte of a single `bytes=` range of a representation of `size` bytes, UNSATISFIABLE, or
    None when the header is absent, not one byte range, or not understood (then the whole is served)."""
    if not header:
        return None
    match = _RANGE.match(header.strip())
    if match is None:
        return None
    first, last = match.groups()
    if first == "":
        if last == "":
            return None
        length = int(last)  # a suffix: the last `length` bytes
        return (max(size - length, 0), size - 1) if length else UNSATISFIABLE
    first = int(first)
    if last != "" and int(last) < first:
        return None  # invalid: ignored
    if first >= size:
        return UNSATISFIABLE
    return first, size - 1 if last == "" else min(int(last), size - 1)


def _if_range_allows(request, etag, last_modified):
    condition = request.META.get("HTTP_IF_RANGE")
    if condition is None:
        return True
    condition = condition.strip()
    if condition.startswith('"'):
        return condition == etag  # a strong comparison: weak tags never match
    return last_modified is not None and condition == http_date(last_modified)


def gzip_file_response(request, opened, *, gzip_size, raw_size, gzipped, content_type, etag, last_modified):
    """The response for an opened gzip file (`gzipped`: send it as stored, else its decompressed bytes).
    The caller has answered 304 and 412 already; this answers 200, 206 and 416."""
    size = gzip_size if gzipped else raw_size
    wanted = byte_range(request.META.get("HTTP_RANGE"), size)
    if wanted is not None and not _if_range_allows(request, etag, last_modified):
        wanted = None
    if wanted is UNSATISFIABLE:
        opened.close()
        detail = f"The range asked for starts past the end of this {size}-byte representation."
        response = JsonResponse(problem(416, detail), status=416, content_type=PROBLEM_CONTENT_TYPE)
        response["Content-Range"] = f"bytes */{size}"
        return _headers(response, gzipped)
    first, last = wanted if wanted is not None else (0, size - 1)
    length = last - first + 1
    if request.method == "HEAD":
        opened.close()
        response = HttpResponse(content_type=content_type, status=206 if wanted else 200)
    else:
        blocks = _stored(opened, first, length) if gzipped else _decompressed(opened, first, length)
        response = StreamingHttpResponse(blocks, content_type=content_type, status=206 if wanted else 200)
    response["Content-Length"] = str(length)
    if wanted is not None:
        response["Content-Range"] = f"bytes {first}-{last}/{size}"
    if gzipped:
        response["Content-Encoding"] = "gzip"
    response["ETag"] = etag
    return _headers(response, gzipped)


def _headers(response, gzipped):
    response["Accept-Ranges"] = "bytes"
    patch_vary_headers(response, ["Accept-Encoding"])
    return response


def _stored(opened, first, length):
    with opened:
        opened.seek(first)
        while length > 0 and (block := opened.read(min(BLOCK, length))):
            length -= len(block)
            yield block


def _decompressed(opened, first, length):
    # The decompressed stream cannot seek: a range that starts far in is read (not kept) up to its start.
    with opened, gzip.GzipFile(fileobj=opened, mode="rb") as stream:
        while first > 0 and (skipped := len(stream.read(min(BLOCK, first)))):
            first -= skipped
        while length > 0 and (block := stream.read(min(BLOCK, length))):
            length -= len(block)
            yield block
