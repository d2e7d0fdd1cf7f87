package config

import (
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"math/big"
	"strconv"
	"strings"
)

// Tier is a business service's criticality on Seam's one scale: tier-1 is the most critical, tier-4 the least.
type Tier string

// The criticality tiers. Seam uses this scale only; the words are how the documentation explains it.
const (
	Tier1 Tier = "tier-1" // critical: revenue, safety or regulated data; an outage or breach is an incident
	Tier2 Tier = "tier-2" // high: customer-facing, degraded service hurts
	Tier3 Tier = "tier-3" // medium: internal, with workarounds
	Tier4 Tier = "tier-4" // low: experiments, tooling
)

// Rank returns 1 for tier-1 through 4 for tier-4, and 0 for anything else.
func (t Tier) Rank() int {
	switch t {
	case Tier1:
		return 1
	case Tier2:
		return 2
	case Tier3:
		return 3
	case Tier4:
		return 4
	}
	return 0
}

// ByteSize is a size in bytes that seam.yaml may write as a number or as a string such as "5MiB".
type ByteSize int64

// UnmarshalJSON accepts a number of bytes or a size string.
func (b *ByteSize) UnmarshalJSON(data []byte) error {
	var n int64
	var err error
	if len(data) > 0 && data[0] == '"' {
		var s string
		if err = json.Unmarshal(data, &s); err == nil {
			n, err = ParseByteSize(s)
		}
	} else {
		n, err = strconv.ParseInt(string(data), 10, 64)
	}
	if err != nil {
		return fmt.Errorf("max_file_size: %w", err)
	}
	*b = ByteSize(n)
	return nil
}

// byteSizeOf reads a size from a decoded YAML or JSON value.
func byteSizeOf(v any) (int64, error) {
	switch x := v.(type) {
	case string:
		return ParseByteSize(x)
	case float64:
		if x != math.Trunc(x) || x < math.MinInt64 || x > math.MaxInt64 {
			return 0, errNotSize
		}
		return int64(x), nil
	case int64:
		return x, nil
	case int:
		return int64(x), nil
	case uint64:
		if x > math.MaxInt64 {
			return 0, errTooLarge
		}
		return int64(x), nil
	}
	return 0, errNotSize
}

var (
	errTooLarge = errors.New("is too large for a size in bytes")
	errNotSize  = errors.New("is not a size such as 5MiB, 512KiB, 10MB or a number of bytes")
)

// byteUnits are the units ParseByteSize accepts: decimal (kB = 1000) and binary (KiB = 1024).
var byteUnits = map[string]int64{
	"": 1, "B": 1,
	"kB": 1000, "KB": 1000, "MB": 1000 * 1000, "GB": 1000 * 1000 * 1000,
	"KiB": 1 << 10, "MiB": 1 << 20, "GiB": 1 << 30,
}

// ParseByteSize parses a size such as "5MiB", "512 KiB", "1.5GB" or "1048576" into bytes. Decimal units are
// powers of 1000 and binary units powers of 1024; a fraction of a byte is rounded down.
func ParseByteSize(s string) (int64, error) {
	s = strings.TrimSpace(s)
	i := 0
	for i < len(s) && (s[i] >= '0' && s[i] <= '9' || s[i] == '.') {
		i++
	}
	num, unit := s[:i], strings.TrimSpace(s[i:])
	mult, ok := byteUnits[unit]
	if num == "" || !ok {
		return 0, fmt.Errorf("%q %w", s, errNotSize)
	}
	r, ok := new(big.Rat).SetString(num)
	if !ok || strings.Count(num, ".") > 1 {
		return 0, fmt.Errorf("%q %w", s, errNotSize)
	}
	r.Mul(r, new(big.Rat).SetInt64(mult))
	n := new(big.Int).Quo(r.Num(), r.Denom())
	if !n.IsInt64() {
		return 0, errTooLarge
	}
	if n.Int64() < 1 {
		return 0, errors.New("must be at least 1 byte")
	}
	return n.Int64(), nil
}
