import pytest

from pipeline.feeds.fulltext import UnsafeURL, check_public


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1/x",
        "http://localhost/x",
        "http://10.1.2.3/x",
        "http://192.168.0.1/x",
        "http://169.254.169.254/latest/meta-data/",
        "http://[::1]/x",
        "http://0.0.0.0/x",
        "file:///etc/passwd",
        "gopher://example.org/",
    ],
)
def test_private_and_odd_targets_are_refused(url: str) -> None:
    with pytest.raises(UnsafeURL):
        check_public(url)


def test_public_address_passes_and_private_can_be_allowed() -> None:
    check_public("http://93.184.215.14/article")
    check_public("http://127.0.0.1/x", allow_private=True)
