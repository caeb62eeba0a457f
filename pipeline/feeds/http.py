"""The one HTTP client for everything fetched from the web (feeds and article pages).

Feed documents and the links inside them are chosen by third parties, so every request is
hostile until shown otherwise:
- each connection (every redirect hop included) resolves its host once, refuses it unless every
  address is allowed (no loopback, private, link-local — cloud metadata at 169.254.169.254 —,
  reserved or multicast addresses, IPv4-mapped IPv6 forms included), and then connects to that
  vetted address: no second resolution, so DNS rebinding cannot swap in an internal address;
- one deadline covers the whole request (connect, headers, body), so a server trickling its
  headers a byte a second cannot hold a poll longer than the timeout;
- the body is decoded here (pipeline.feeds.inflate) with a cap checked while decoding;
- proxies from the environment are ignored (a proxy would connect where we cannot vet).
Every failure is a FetchError with a readable reason."""

from __future__ import annotations

import contextvars
import ipaddress
import socket
import time
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Sequence

import httpcore
import httpx

from pipeline import __version__
from pipeline.feeds.inflate import DecodeError, decoded

USER_AGENT = f"newsflow/{__version__} (feed reader)"
IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network
Resolver = Callable[[str, int], Sequence[str]]  # host, port -> addresses (a test seam)

_DEADLINE: contextvars.ContextVar[float | None] = contextvars.ContextVar("newsflow_http_deadline", default=None)


class FetchError(Exception):
    """Something could not be fetched; the message is the dead-letter reason."""

    def __init__(self, message: str, status: int = 0, retry_after: float | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.retry_after = retry_after


class UnsafeURL(ValueError):
    """The URL points (or redirects) somewhere a feed reader must not go."""


def _canonical(ip: IPAddress) -> IPAddress:
    """The IPv4 address hiding in an IPv4-mapped or 6to4 IPv6 address, else the address itself."""
    if isinstance(ip, ipaddress.IPv6Address):
        return ip.ipv4_mapped or ip.sixtofour or ip
    return ip


@dataclass(frozen=True)
class AddressPolicy:
    """Which addresses may be connected to: public ones, plus `allow_networks`, or any when
    `allow_private` (for intranet feeds and local tests)."""

    allow_private: bool = False
    allow_networks: tuple[IPNetwork, ...] = ()

    @classmethod
    def of(cls, allow_private: bool = False, networks: Iterable[str] = ()) -> AddressPolicy:
        return cls(allow_private, tuple(ipaddress.ip_network(n, strict=False) for n in networks))

    def check(self, host: str, address: str) -> None:
        ip = _canonical(ipaddress.ip_address(address.split("%", 1)[0]))
        if self.allow_private or any(ip in net for net in self.allow_networks):
            return
        if not ip.is_global or ip.is_multicast:
            raise UnsafeURL(
                f"{host} resolves to non-public address {ip} (NEWSFLOW_ALLOW_PRIVATE_FETCH or "
                "NEWSFLOW_FETCH_ALLOW_NETWORKS allow it)"
            )


def system_resolver(host: str, port: int) -> list[str]:
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise httpcore.ConnectError(f"cannot resolve {host}: {exc}") from exc
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


def _remaining(timeout: float | None, expired: type[Exception]) -> float | None:
    deadline = _DEADLINE.get()
    if deadline is None:
        return timeout
    left = deadline - time.monotonic()
    if left <= 0:
        raise expired("the request's deadline passed")
    return left if timeout is None else min(timeout, left)


class _DeadlineStream(httpcore.NetworkStream):
    """Every socket operation gets at most the time left before the request's deadline."""

    def __init__(self, inner: httpcore.NetworkStream) -> None:
        self._inner = inner

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self._inner.read(max_bytes, _remaining(timeout, httpcore.ReadTimeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._inner.write(buffer, _remaining(timeout, httpcore.WriteTimeout))

    def close(self) -> None:
        self._inner.close()

    def start_tls(self, ssl_context: Any, server_hostname: str | None = None, timeout: float | None = None) -> Any:
        inner = self._inner.start_tls(ssl_context, server_hostname, _remaining(timeout, httpcore.ConnectTimeout))
        return _DeadlineStream(inner)

    def get_extra_info(self, info: str) -> Any:
        return self._inner.get_extra_info(info)


class GuardedBackend(httpcore.NetworkBackend):
    """Resolves once, vets every address, connects to a vetted one."""

    def __init__(self, policy: AddressPolicy, resolve: Resolver = system_resolver) -> None:
        self.policy = policy
        self.resolve = resolve
        self._plain = httpcore.SyncBackend()

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.NetworkStream:
        addresses = self.resolve(host, port)
        if not addresses:
            raise httpcore.ConnectError(f"{host} has no address")
        for address in addresses:
            self.policy.check(host, address)
        error: Exception | None = None
        for address in addresses:
            try:
                stream = self._plain.connect_tcp(
                    address, port, _remaining(timeout, httpcore.ConnectTimeout), local_address, socket_options
                )
            except httpcore.ConnectError as exc:
                error = exc
                continue
            return _DeadlineStream(stream)
        raise error or httpcore.ConnectError(f"cannot connect to {host}")

    def connect_unix_socket(self, *args: Any, **kwargs: Any) -> httpcore.NetworkStream:
        raise UnsafeURL("unix sockets are not fetched")

    def sleep(self, seconds: float) -> None:
        time.sleep(seconds)


class _Transport(httpx.HTTPTransport):
    def __init__(self, backend: GuardedBackend, max_connections: int) -> None:
        super().__init__(trust_env=False)
        self._pool = httpcore.ConnectionPool(
            ssl_context=httpx.create_ssl_context(trust_env=False),
            max_connections=max_connections,
            max_keepalive_connections=max_connections,
            keepalive_expiry=5.0,
            network_backend=backend,
        )


@dataclass(frozen=True)
class Response:
    url: str  # after redirects
    status: int
    headers: dict[str, str]  # lower-case names
    body: bytes  # decoded; read for 2xx statuses only
    redirects: tuple[int, ...] = field(default=())  # status of each redirect on the way
    seconds: float = 0.0


class GuardedClient:
    """Thread-safe (one pooled httpx client). `get` never raises anything but FetchError."""

    def __init__(
        self,
        policy: AddressPolicy,
        timeout_s: float = 20.0,
        resolve: Resolver = system_resolver,
        max_redirects: int = 5,
        max_connections: int = 32,
        accept_encoding: str = "gzip, deflate",
    ) -> None:
        self.timeout_s = timeout_s
        self._client = httpx.Client(
            transport=_Transport(GuardedBackend(policy, resolve), max_connections),
            timeout=httpx.Timeout(timeout_s, connect=min(10.0, timeout_s)),
            follow_redirects=True,
            max_redirects=max_redirects,
            trust_env=False,
            headers={"User-Agent": USER_AGENT, "Accept-Encoding": accept_encoding},
        )

    def get(self, url: str, max_bytes: int, headers: dict[str, str] | None = None) -> Response:
        started = time.monotonic()
        token = _DEADLINE.set(started + self.timeout_s)
        try:
            with self._client.stream("GET", url, headers=headers or {}) as resp:
                status = resp.status_code
                names = {k.lower(): v for k, v in resp.headers.items()}
                body = self._body(resp, names, max_bytes, url) if 200 <= status < 300 else b""
                hops = tuple(r.status_code for r in resp.history)
                return Response(str(resp.url), status, names, body, hops, time.monotonic() - started)
        except UnsafeURL as exc:
            raise FetchError(f"refused to fetch {url}: {exc}") from exc
        except httpx.TimeoutException as exc:
            raise FetchError(
                f"{url} gave no complete response within {self.timeout_s:g}s (slow response: {type(exc).__name__})"
            ) from exc
        except (httpx.HTTPError, httpx.InvalidURL, httpx.StreamError) as exc:
            raise FetchError(f"{type(exc).__name__} fetching {url}: {exc}") from exc
        except DecodeError as exc:
            raise FetchError(f"{url}: {exc}") from exc
        finally:
            _DEADLINE.reset(token)

    @staticmethod
    def _body(resp: httpx.Response, headers: dict[str, str], max_bytes: int, url: str) -> bytes:
        encoding = headers.get("content-encoding", "")
        declared = headers.get("content-length", "")
        if not encoding and declared.isdigit() and int(declared) > max_bytes:
            raise FetchError(f"{url} is larger than the {max_bytes}-byte cap ({declared} declared)", resp.status_code)
        try:
            return b"".join(decoded(resp.iter_raw(), encoding, max_bytes))
        except DecodeError as exc:
            raise FetchError(f"{url}: {exc}", resp.status_code) from exc

    def close(self) -> None:
        self._client.close()
