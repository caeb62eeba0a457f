"""The address policy of the guarded client: what a feed or article URL may connect to."""

import pytest

from pipeline.feeds.http import AddressPolicy, UnsafeURL


@pytest.mark.parametrize(
    "address",
    [
        "127.0.0.1",
        "127.8.9.10",
        "10.1.2.3",
        "172.16.0.1",
        "192.168.0.1",
        "169.254.169.254",  # cloud metadata
        "100.64.0.1",  # carrier-grade NAT
        "0.0.0.0",
        "224.0.0.1",
        "255.255.255.255",
        "::1",
        "::",
        "fe80::1",
        "fc00::1",
        "::ffff:127.0.0.1",  # IPv4-mapped loopback
        "::ffff:169.254.169.254",
        "2002:7f00:1::",  # 6to4 wrapping 127.0.0.1
        "ff02::1",
        "fe80::1%eth0",
    ],
)
def test_private_and_odd_addresses_are_refused(address: str) -> None:
    with pytest.raises(UnsafeURL, match="non-public"):
        AddressPolicy().check("host.example", address)


def test_public_addresses_pass_and_private_ones_can_be_allowed() -> None:
    AddressPolicy().check("h", "93.184.215.14")
    AddressPolicy().check("h", "2606:4700::6810:84e5")
    AddressPolicy(allow_private=True).check("h", "127.0.0.1")
    only = AddressPolicy.of(networks=["10.20.0.0/16"])
    only.check("h", "10.20.3.4")
    with pytest.raises(UnsafeURL):
        only.check("h", "10.21.0.1")
