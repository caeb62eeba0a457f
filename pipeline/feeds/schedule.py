"""When to poll a feed next: pure functions over a feed's state and the outcome of its last fetch.

Busy feeds are polled more often, quiet ones less; errors back off exponentially; 429/503 honour
Retry-After; the publisher's own hints (RSS <ttl>, sy:updatePeriod/updateFrequency, Cache-Control
max-age) are a floor: a feed is never polled more often than it asks."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from email.utils import parsedate_to_datetime
from typing import Any, Mapping

_PERIODS = {"hourly": 3600, "daily": 86400, "weekly": 7 * 86400, "monthly": 30 * 86400, "yearly": 365 * 86400}


@dataclass(frozen=True)
class Policy:
    default_s: float = 900.0
    min_s: float = 60.0
    max_s: float = 86400.0
    busy_factor: float = 0.75
    quiet_factor: float = 1.5
    max_error_backoff_s: float = 6 * 3600.0


@dataclass(frozen=True)
class FeedState:
    url: str  # as configured: the feed's identity
    fetch_url: str = ""  # where it lives now (after permanent redirects)
    etag: str = ""
    last_modified: str = ""
    send_etag: bool = True  # False once the server's ETag proved useless (changes on identical bodies)
    body_sha: str = ""
    interval_s: float = 0.0
    next_poll_at: float = 0.0
    errors: int = 0
    last_status: int = 0
    etag_misses: int = 0


@dataclass(frozen=True)
class Outcome:
    status: int  # HTTP status; 0 for a network error or a local file error
    new_entries: int = 0
    hint_s: float | None = None  # publisher's minimum interval
    retry_after_s: float | None = None
    error: bool = False


def feed_hint_s(feed_meta: Mapping[str, Any], headers: Mapping[str, str]) -> float | None:
    """The longest of the publisher's hints, in seconds."""
    hints: list[float] = []
    ttl = str(feed_meta.get("ttl", "")).strip()
    if ttl.isdigit():
        hints.append(int(ttl) * 60.0)
    period = _PERIODS.get(str(feed_meta.get("sy_updateperiod", "")).strip().lower())
    if period:
        freq = str(feed_meta.get("sy_updatefrequency", "1")).strip()
        hints.append(period / max(1, int(freq) if freq.isdigit() else 1))
    cache = headers.get("cache-control", "")
    if m := re.search(r"max-age=(\d+)", cache):
        hints.append(float(m.group(1)))
    return max(hints) if hints else None


def retry_after_s(value: str | None, now: float) -> float | None:
    """Retry-After as delta-seconds or an HTTP date."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        return max(0.0, parsedate_to_datetime(value).timestamp() - now)
    except (TypeError, ValueError):
        return None


def next_state(state: FeedState, outcome: Outcome, now: float, policy: Policy = Policy()) -> FeedState:
    base = state.interval_s or policy.default_s
    if outcome.error:
        errors = state.errors + 1
        wait = min(policy.max_error_backoff_s, base * 2 ** min(errors, 16))
        if outcome.retry_after_s is not None:
            wait = max(wait, outcome.retry_after_s)
        return replace(state, errors=errors, last_status=outcome.status, next_poll_at=now + wait)
    if outcome.new_entries > 0:
        interval = base * policy.busy_factor
    elif outcome.status == 304 or outcome.new_entries == 0:
        interval = base * policy.quiet_factor
    else:
        interval = base
    interval = min(policy.max_s, max(policy.min_s, interval))
    if outcome.hint_s:
        interval = max(interval, min(policy.max_s, outcome.hint_s))
    return replace(state, errors=0, last_status=outcome.status, interval_s=interval, next_poll_at=now + interval)
