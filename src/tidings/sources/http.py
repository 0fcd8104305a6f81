"""http(s) URLs, fetched with httpx. The transport is swappable so tests can point it anywhere."""

from __future__ import annotations

import httpx

from tidings.errors import RejectedInput
from tidings.models import RawItem
from tidings.sources.decode import declared_charset, decode
from tidings.sources.files import MAX_INPUT_BYTES

# Seconds to wait for a connection and between bytes. A slow news site answers within a few
# seconds; past 15 it is better to report the URL and move on.
FETCH_TIMEOUT_SECONDS = 15.0
USER_AGENT = "tidings/0.1 (+https://github.com/tidings; self-hosted news reader)"


class HttpFetcher:
    """Fetches pages. One client is reused for a whole batch; pass ``transport`` to redirect it."""

    def __init__(
        self, transport: httpx.BaseTransport | None = None, timeout: float = FETCH_TIMEOUT_SECONDS
    ) -> None:
        self._client = httpx.Client(
            transport=transport,
            timeout=timeout,
            follow_redirects=True,
            headers={"User-Agent": USER_AGENT, "Accept": "text/html,text/plain;q=0.9,*/*;q=0.5"},
        )

    def close(self) -> None:
        self._client.close()

    def fetch(self, url: str) -> RawItem:
        try:
            with self._client.stream("GET", url) as response:
                if response.status_code >= 400:
                    raise RejectedInput(url, f"HTTP {response.status_code} {response.reason_phrase}".strip())
                chunks: list[bytes] = []
                size = 0
                for chunk in response.iter_bytes():
                    size += len(chunk)
                    if size > MAX_INPUT_BYTES:
                        raise RejectedInput(url, f"response over the {MAX_INPUT_BYTES // 2**20} MiB limit")
                    chunks.append(chunk)
                content_type = response.headers.get("content-type", "").lower()
                charset = response.charset_encoding
                final_url = str(response.url)
        except httpx.TimeoutException as exc:
            raise RejectedInput(url, f"timed out after {FETCH_TIMEOUT_SECONDS:.0f} s") from exc
        except httpx.HTTPError as exc:
            raise RejectedInput(url, f"unreachable ({type(exc).__name__}: {exc})") from exc
        data = b"".join(chunks)
        mime = content_type.split(";")[0].strip()
        if mime in ("text/html", "application/xhtml+xml") or (not mime and b"<html" in data[:2048].lower()):
            html = decode(data, url, charset or declared_charset(data))
            return RawItem(source=url, html=html, url=final_url)
        if mime.startswith("text/") and "xml" not in mime:
            return RawItem(source=url, text=decode(data, url, charset), url=final_url)
        raise RejectedInput(
            url, f"unsupported content type {mime or 'unknown'!r} (expected HTML or plain text)"
        )
