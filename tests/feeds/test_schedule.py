from email.utils import formatdate

from pipeline.feeds.schedule import FeedState, Outcome, Policy, feed_hint_s, next_state, retry_after_s

POLICY = Policy(default_s=600, min_s=60, max_s=86400)


def test_busy_feeds_speed_up_and_quiet_ones_slow_down() -> None:
    s = FeedState("u", interval_s=600)
    busy = next_state(s, Outcome(200, new_entries=5), now=0, policy=POLICY)
    quiet = next_state(s, Outcome(304), now=0, policy=POLICY)
    assert busy.interval_s == 450 and quiet.interval_s == 900 and busy.next_poll_at == 450


def test_interval_stays_within_bounds() -> None:
    s = FeedState("u", interval_s=70)
    for _ in range(5):
        s = next_state(s, Outcome(200, new_entries=3), now=0, policy=POLICY)
    assert s.interval_s == 60
    s = FeedState("u", interval_s=80000)
    assert next_state(s, Outcome(304), now=0, policy=POLICY).interval_s == 86400


def test_errors_back_off_exponentially_and_reset_on_success() -> None:
    s = FeedState("u", interval_s=600)
    waits = []
    for _ in range(3):
        s = next_state(s, Outcome(500, error=True), now=0, policy=POLICY)
        waits.append(s.next_poll_at)
    assert waits == [1200, 2400, 4800] and s.errors == 3
    assert next_state(s, Outcome(200, new_entries=1), now=0, policy=POLICY).errors == 0


def test_retry_after_is_honoured() -> None:
    s = next_state(FeedState("u", interval_s=60), Outcome(429, error=True, retry_after_s=3600), now=10, policy=POLICY)
    assert s.next_poll_at == 3610
    assert retry_after_s("120", now=0) == 120
    assert 55 <= retry_after_s(formatdate(1060, usegmt=True), now=1000) <= 60  # type: ignore[operator]


def test_publisher_hints_are_a_floor() -> None:
    assert feed_hint_s({"ttl": "30"}, {}) == 1800
    assert feed_hint_s({"sy_updateperiod": "hourly", "sy_updatefrequency": "2"}, {}) == 1800
    assert feed_hint_s({}, {"cache-control": "public, max-age=7200"}) == 7200
    s = next_state(FeedState("u", interval_s=600), Outcome(200, new_entries=9, hint_s=7200), now=0, policy=POLICY)
    assert s.interval_s == 7200
