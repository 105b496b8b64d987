//! The client's address: who the connection is from, or behind our own
//! reverse proxies, whom they say it is from. Rate limits count by it; it is
//! never written to the application log.

use axum::http::{Extensions, HeaderMap, request::Parts};
use std::net::{IpAddr, Ipv6Addr, SocketAddr};

/// The client's IP address. The connection's peer, unless the peer is one of
/// the `trusted` proxies: then X-Forwarded-For is read from the right (each
/// proxy appends the address it was reached from), skipping our own proxies,
/// and the first address that is not one of them is the client. Everything to
/// its left was written by the client and is not believed. `None` when the
/// router runs without connection info (never in `serve`).
pub fn client_ip(headers: &HeaderMap, extensions: &Extensions, trusted: &[IpAddr]) -> Option<IpAddr> {
    let peer = extensions.get::<axum::extract::ConnectInfo<SocketAddr>>().map(|c| c.0.ip().to_canonical())?;
    if !is_trusted(peer, trusted) {
        return Some(peer);
    }
    // Several X-Forwarded-For headers count as one list, in their order.
    let hops: Vec<&str> = headers
        .get_all("x-forwarded-for")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .map(str::trim)
        .collect();
    let mut nearest_proxy = peer;
    for hop in hops.iter().rev() {
        match parse_hop(hop) {
            Some(ip) if is_trusted(ip, trusted) => nearest_proxy = ip,
            Some(ip) => return Some(ip),
            // What a proxy of ours wrote always parses: anything else is not
            // believed, and the request counts as our proxy's.
            None => break,
        }
    }
    Some(nearest_proxy)
}

/// The key that rate limits count by: an IPv4 address as it is, an IPv6
/// address by its /64 network. One home, phone or server usually holds a whole
/// /64 and can pick a new address in it for every request.
pub fn limit_key(ip: IpAddr) -> String {
    match ip.to_canonical() {
        IpAddr::V4(v4) => v4.to_string(),
        IpAddr::V6(v6) => {
            let network = Ipv6Addr::from(v6.to_bits() & !((1u128 << 64) - 1));
            format!("{network}/64")
        }
    }
}

/// The rate-limit key of the request's client (see [`client_ip`] and
/// [`limit_key`]); "unknown" without connection info.
pub fn client_address(parts: &Parts, trusted: &[IpAddr]) -> String {
    client_ip(&parts.headers, &parts.extensions, trusted).map(limit_key).unwrap_or_else(|| "unknown".to_owned())
}

fn is_trusted(ip: IpAddr, trusted: &[IpAddr]) -> bool {
    trusted.iter().any(|t| t.to_canonical() == ip)
}

/// One X-Forwarded-For entry: an address, possibly with a port
/// (`203.0.113.7:51234`, `[2001:db8::1]:443`), as some proxies write it.
fn parse_hop(hop: &str) -> Option<IpAddr> {
    hop.parse::<IpAddr>().or_else(|_| hop.parse::<SocketAddr>().map(|s| s.ip())).ok().map(|ip| ip.to_canonical())
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::extract::ConnectInfo;

    fn request(peer: &str, forwarded: &[&str]) -> (HeaderMap, Extensions) {
        let mut headers = HeaderMap::new();
        for value in forwarded {
            headers.append("x-forwarded-for", value.parse().expect("header value"));
        }
        let mut extensions = Extensions::new();
        extensions.insert(ConnectInfo(SocketAddr::new(peer.parse().expect("peer"), 40000)));
        (headers, extensions)
    }

    fn ip(s: &str) -> IpAddr {
        s.parse().expect("ip")
    }

    #[test]
    fn without_a_trusted_proxy_the_peer_is_the_client_whatever_the_header_says() {
        let (h, e) = request("198.51.100.9", &["203.0.113.7"]);
        assert_eq!(client_ip(&h, &e, &[]), Some(ip("198.51.100.9")));
        assert_eq!(client_ip(&h, &e, &[ip("10.0.0.1")]), Some(ip("198.51.100.9")));
    }

    #[test]
    fn behind_proxies_the_first_address_from_the_right_that_is_not_ours_is_the_client() {
        let proxies = [ip("10.0.0.1"), ip("10.0.0.2")];
        // The client forged "1.2.3.4"; the outer proxy appended the real address,
        // the inner one the outer proxy's.
        let (h, e) = request("10.0.0.2", &["1.2.3.4, 203.0.113.7", "10.0.0.1"]);
        assert_eq!(client_ip(&h, &e, &proxies), Some(ip("203.0.113.7")));
        let (h, e) = request("10.0.0.1", &["1.2.3.4,203.0.113.7:5555"]);
        assert_eq!(client_ip(&h, &e, &proxies), Some(ip("203.0.113.7")));
    }

    #[test]
    fn garbage_or_nothing_from_a_trusted_proxy_counts_as_the_proxy() {
        let proxies = [ip("10.0.0.1")];
        let (h, e) = request("10.0.0.1", &["203.0.113.7, not-an-address"]);
        assert_eq!(client_ip(&h, &e, &proxies), Some(ip("10.0.0.1")));
        let (h, e) = request("10.0.0.1", &[]);
        assert_eq!(client_ip(&h, &e, &proxies), Some(ip("10.0.0.1")));
    }

    #[test]
    fn ipv6_counts_by_its_64_and_mapped_ipv4_as_ipv4() {
        assert_eq!(limit_key(ip("2001:db8:1:2:aaaa:bbbb:cccc:dddd")), "2001:db8:1:2::/64");
        assert_eq!(limit_key(ip("2001:db8:1:2::1")), limit_key(ip("2001:db8:1:2:ffff::9")));
        assert_ne!(limit_key(ip("2001:db8:1:2::1")), limit_key(ip("2001:db8:1:3::1")));
        assert_eq!(limit_key(ip("::ffff:203.0.113.7")), "203.0.113.7");
        assert_eq!(limit_key(ip("203.0.113.7")), "203.0.113.7");
        // A proxy that connects over IPv6-mapped IPv4 is still recognised.
        let (h, e) = request("::ffff:10.0.0.1", &["203.0.113.7"]);
        assert_eq!(client_ip(&h, &e, &[ip("10.0.0.1")]), Some(ip("203.0.113.7")));
    }
}
