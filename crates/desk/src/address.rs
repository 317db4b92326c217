//! Who is asking: the client's network address, read from the proxy's `X-Forwarded-For` (or `Forwarded`) only
//! when the connection comes from a proxy the operator listed with `--trusted-proxy`; otherwise the peer's own
//! address, since anyone can write those headers. Limits key on an [`AddressKey`].

use ipnet::IpNet;
use std::fmt;
use std::net::{IpAddr, Ipv6Addr, SocketAddr};

/// The address of the connection's other end, which the server puts on every request.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PeerAddr(pub SocketAddr);

/// The proxies whose forwarding headers are believed.
#[derive(Clone, Debug, Default)]
pub struct TrustedProxies(Vec<IpNet>);

impl TrustedProxies {
    /// Parses CIDRs (`10.0.0.0/8`) or single addresses (`127.0.0.1`); an error names the first bad one.
    pub fn parse(list: &[String]) -> Result<TrustedProxies, String> {
        let nets = list
            .iter()
            .map(|item| item.trim())
            .filter(|item| !item.is_empty())
            .map(|item| {
                item.parse::<IpNet>()
                    .or_else(|_| item.parse::<IpAddr>().map(IpNet::from))
                    .map_err(|_| format!("`{item}` is not an address or a CIDR such as 10.0.0.0/8"))
            })
            .collect::<Result<_, _>>()?;
        Ok(TrustedProxies(nets))
    }

    fn trusts(&self, address: IpAddr) -> bool {
        let address = address.to_canonical();
        self.0.iter().any(|net| net.contains(&address))
    }

    /// The client's address: `peer` itself unless it is a trusted proxy; then the last hop the proxies
    /// recorded that is not itself a trusted proxy, read from `x_forwarded_for` (every such header's value,
    /// in order) or, when there is none, `forwarded`. A hop that cannot be read stops the walk at the proxy
    /// that wrote it.
    pub fn client(&self, peer: IpAddr, x_forwarded_for: &[&str], forwarded: &[&str]) -> IpAddr {
        let peer = peer.to_canonical();
        if !self.trusts(peer) {
            return peer;
        }
        let hops: Vec<Option<IpAddr>> = if x_forwarded_for.is_empty() {
            forwarded
                .iter()
                .flat_map(|value| forwarded_for(value))
                .collect()
        } else {
            x_forwarded_for
                .iter()
                .flat_map(|value| value.split(','))
                .map(hop_address)
                .collect()
        };
        let mut client = peer;
        for hop in hops.into_iter().rev() {
            match hop {
                Some(address) if self.trusts(address) => client = address,
                Some(address) => return address,
                None => return client,
            }
        }
        client
    }
}

/// The `for=` hops of one `Forwarded` header value (RFC 7239), in order.
fn forwarded_for(value: &str) -> impl Iterator<Item = Option<IpAddr>> + '_ {
    value.split(',').filter_map(|element| {
        element.split(';').find_map(|pair| {
            let (key, value) = pair.split_once('=')?;
            key.trim()
                .eq_ignore_ascii_case("for")
                .then(|| hop_address(value.trim().trim_matches('"')))
        })
    })
}

/// One hop as proxies write it: `192.0.2.1`, `192.0.2.1:4711`, `2001:db8::1` or `[2001:db8::1]:4711`.
fn hop_address(text: &str) -> Option<IpAddr> {
    let text = text.trim();
    if let Ok(address) = text.parse::<IpAddr>() {
        return Some(address.to_canonical());
    }
    let host = match text.strip_prefix('[') {
        Some(rest) => rest.split_once(']')?.0,
        None => text.rsplit_once(':')?.0,
    };
    host.parse::<IpAddr>()
        .ok()
        .map(|address| address.to_canonical())
}

/// An address as limits count it: IPv4 whole, IPv6 by its /64 (one subscriber's block: a single host can use
/// any address in it).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct AddressKey(IpAddr);

impl AddressKey {
    pub fn of(address: IpAddr) -> AddressKey {
        match address.to_canonical() {
            IpAddr::V6(v6) => {
                let segments = v6.segments();
                AddressKey(IpAddr::V6(Ipv6Addr::new(
                    segments[0],
                    segments[1],
                    segments[2],
                    segments[3],
                    0,
                    0,
                    0,
                    0,
                )))
            }
            v4 => AddressKey(v4),
        }
    }
}

impl fmt::Display for AddressKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            IpAddr::V6(_) => write!(f, "{}/64", self.0),
            IpAddr::V4(_) => write!(f, "{}", self.0),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(text: &str) -> IpAddr {
        text.parse().unwrap()
    }

    fn proxies(list: &[&str]) -> TrustedProxies {
        TrustedProxies::parse(&list.iter().map(|s| s.to_string()).collect::<Vec<_>>()).unwrap()
    }

    #[test]
    fn an_untrusted_peer_is_the_client_whatever_it_claims() {
        let none = TrustedProxies::default();
        assert_eq!(
            none.client(ip("203.0.113.7"), &["198.51.100.1"], &[]),
            ip("203.0.113.7")
        );
        let some = proxies(&["10.0.0.0/8"]);
        assert_eq!(
            some.client(ip("203.0.113.7"), &["198.51.100.1"], &["for=198.51.100.2"]),
            ip("203.0.113.7")
        );
    }

    #[test]
    fn behind_trusted_proxies_the_last_untrusted_hop_is_the_client() {
        let trusted = proxies(&["10.0.0.0/8", "127.0.0.1"]);
        let peer = ip("10.0.0.2");
        // A client forging a first hop gets its own address taken, not the forged one.
        assert_eq!(
            trusted.client(peer, &["1.1.1.1, 203.0.113.7", "10.0.0.9"], &[]),
            ip("203.0.113.7")
        );
        assert_eq!(
            trusted.client(ip("127.0.0.1"), &["203.0.113.7:5123"], &[]),
            ip("203.0.113.7")
        );
        // Forwarded, when there is no X-Forwarded-For.
        assert_eq!(
            trusted.client(
                peer,
                &[],
                &[r#"for=198.51.100.1;proto=https, For="[2001:db8:cafe::17]:4711";by=10.0.0.2"#]
            ),
            ip("2001:db8:cafe::17")
        );
        // Nothing forwarded, or only proxies: the proxy nearest the client.
        assert_eq!(trusted.client(peer, &[], &[]), peer);
        assert_eq!(trusted.client(peer, &["10.1.1.1"], &[]), ip("10.1.1.1"));
        // An unreadable hop (obfuscated, garbage) stops at the proxy that wrote it.
        assert_eq!(trusted.client(peer, &["_hidden"], &[]), peer);
        assert_eq!(
            trusted.client(peer, &["203.0.113.7, unknown, 10.0.0.5"], &[]),
            ip("10.0.0.5")
        );
        // IPv4-mapped IPv6 peers count as their IPv4 address.
        assert_eq!(
            trusted.client(ip("::ffff:10.0.0.2"), &["203.0.113.7"], &[]),
            ip("203.0.113.7")
        );
    }

    #[test]
    fn bad_proxy_lists_name_the_entry() {
        assert_eq!(
            TrustedProxies::parse(&["10.0.0.0/8".into(), "proxy.local".into()]).unwrap_err(),
            "`proxy.local` is not an address or a CIDR such as 10.0.0.0/8"
        );
        assert!(TrustedProxies::parse(&["::1".into(), "".into()]).is_ok());
    }

    #[test]
    fn ipv6_clients_are_counted_by_their_64() {
        assert_eq!(
            AddressKey::of(ip("2001:db8:1:2:aaaa::1")),
            AddressKey::of(ip("2001:db8:1:2:bbbb::9"))
        );
        assert_eq!(
            AddressKey::of(ip("2001:db8:1:2::1")).to_string(),
            "2001:db8:1:2::/64"
        );
        assert_eq!(AddressKey::of(ip("192.0.2.1")).to_string(), "192.0.2.1");
    }
}
