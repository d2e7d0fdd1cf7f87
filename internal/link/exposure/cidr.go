package exposure

import (
	"net/netip"
	"strings"
)

// reachClass says how much of the address space a CIDR admits.
type reachClass int

const (
	classInvalid reachClass = iota
	classPrivate            // inside private or special-use space only: never the internet
	classPublic             // some public addresses, not all: part of the internet
	classAny                // every address (0.0.0.0/0, ::/0)
)

// nonPublic are the blocks no internet host sends from: RFC 1918 and RFC 6598 (shared) space, loopback,
// link-local, and their IPv6 counterparts (RFC 4193 unique local, RFC 4291 link-local and loopback).
// Source: IANA IPv4 and IPv6 Special-Purpose Address Registries.
var nonPublic = []netip.Prefix{
	netip.MustParsePrefix("10.0.0.0/8"),
	netip.MustParsePrefix("172.16.0.0/12"),
	netip.MustParsePrefix("192.168.0.0/16"),
	netip.MustParsePrefix("100.64.0.0/10"),
	netip.MustParsePrefix("127.0.0.0/8"),
	netip.MustParsePrefix("169.254.0.0/16"),
	netip.MustParsePrefix("fc00::/7"),
	netip.MustParsePrefix("fe80::/10"),
	netip.MustParsePrefix("::1/128"),
}

// parseCIDR parses a CIDR as Terraform and Kubernetes write it; a bare address is a single-host prefix.
func parseCIDR(s string) (netip.Prefix, bool) {
	s = strings.TrimSpace(s)
	if p, err := netip.ParsePrefix(s); err == nil {
		return p.Masked(), true
	}
	if a, err := netip.ParseAddr(s); err == nil {
		return netip.PrefixFrom(a, a.BitLen()), true
	}
	return netip.Prefix{}, false
}

// classify says which part of the address space a CIDR covers.
func classify(s string) reachClass {
	p, ok := parseCIDR(s)
	if !ok {
		return classInvalid
	}
	if p.Bits() == 0 {
		return classAny
	}
	for _, np := range nonPublic {
		if np.Addr().Is4() == p.Addr().Is4() && np.Bits() <= p.Bits() && np.Contains(p.Addr()) {
			return classPrivate
		}
	}
	return classPublic
}

// overlaps reports whether two prefixes share an address.
func overlaps(a, b netip.Prefix) bool { return a.Overlaps(b) }

// containsAddr reports whether a CIDR holds an address, and whether the CIDR parsed.
func containsAddr(cidr string, addr netip.Addr) (bool, bool) {
	p, ok := parseCIDR(cidr)
	if !ok {
		return false, false
	}
	return p.Contains(addr), true
}
