"""The access token: required when the server listens beyond this computer.

API clients send `Authorization: Bearer <token>`; a browser enters the token
once on the token page and keeps a cookie holding a keyed digest of it (never
the token itself), HttpOnly and SameSite=Strict so another site cannot use it.
Every comparison is in constant time (`hmac.compare_digest`).
"""

from __future__ import annotations

import hashlib
import hmac
import ipaddress

from starlette.requests import Request

COOKIE = "sopgen_akses"


def is_loopback(host: str) -> bool:
    """Only this computer can reach `host`: 127.0.0.0/8, ::1 or localhost."""
    if host.casefold() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def cookie_value(token: str) -> str:
    return hmac.new(token.encode(), b"sopgen cookie", hashlib.sha256).hexdigest()


def token_matches(given: str, token: str) -> bool:
    return hmac.compare_digest(given.encode(), token.encode())


def allowed(request: Request, token: str | None) -> bool:
    """No token set, or the request carries it (header) or its cookie."""
    if token is None:
        return True
    header = request.headers.get("authorization", "")
    scheme, _, given = header.partition(" ")
    if scheme.casefold() == "bearer" and token_matches(given.strip(), token):
        return True
    cookie = request.cookies.get(COOKIE)
    return cookie is not None and hmac.compare_digest(cookie.encode(),
                                                      cookie_value(token).encode())
