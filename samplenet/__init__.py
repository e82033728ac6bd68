"""A bundled network of imitation Indonesian news sites, for end-to-end crawler tests.

from samplenet import SampleNetwork
with SampleNetwork(scale=1, faults=True) as net:
    net.write_sites_yaml("sites.yaml")
"""

from samplenet.network import SampleNetwork, SiteInfo

__all__ = ["SampleNetwork", "SiteInfo"]
