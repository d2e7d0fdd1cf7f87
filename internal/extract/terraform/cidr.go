package terraform

import (
	"fmt"
	"math/big"
	"net/netip"

	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/function"
)

// The CIDR functions compute subnet and host addresses the way Terraform does (VPC modules use them for every
// subnet), so network reasoning sees real ranges.

var cidrSubnetFunc = function.New(&function.Spec{
	Params: []function.Parameter{{Name: "prefix", Type: cty.String}, {Name: "newbits", Type: cty.Number},
		{Name: "netnum", Type: cty.Number}},
	Type: function.StaticReturnType(cty.String),
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		p, err := netip.ParsePrefix(args[0].AsString())
		if err != nil {
			return cty.NilVal, err
		}
		newbits, netnum := toInt(args[1]), toBig(args[2])
		bits := p.Bits() + newbits
		total := p.Addr().BitLen()
		if newbits < 0 || bits > total {
			return cty.NilVal, fmt.Errorf("%d new bits do not fit in %s", newbits, p)
		}
		if netnum.Sign() < 0 || netnum.BitLen() > newbits {
			return cty.NilVal, fmt.Errorf("network number %s does not fit in %d bits", netnum, newbits)
		}
		base := addrInt(p.Masked().Addr())
		base.Or(base, new(big.Int).Lsh(netnum, uint(total-bits)))
		return cty.StringVal(netip.PrefixFrom(intAddr(base, p.Addr().Is4()), bits).String()), nil
	},
})

var cidrHostFunc = function.New(&function.Spec{
	Params: []function.Parameter{{Name: "prefix", Type: cty.String}, {Name: "hostnum", Type: cty.Number}},
	Type:   function.StaticReturnType(cty.String),
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		p, err := netip.ParsePrefix(args[0].AsString())
		if err != nil {
			return cty.NilVal, err
		}
		host := toBig(args[1])
		size := new(big.Int).Lsh(big.NewInt(1), uint(p.Addr().BitLen()-p.Bits()))
		if host.Sign() < 0 {
			host.Add(host, size)
		}
		if host.Sign() < 0 || host.Cmp(size) >= 0 {
			return cty.NilVal, fmt.Errorf("host number %s does not fit in %s", toBig(args[1]), p)
		}
		base := addrInt(p.Masked().Addr())
		return cty.StringVal(intAddr(base.Add(base, host), p.Addr().Is4()).String()), nil
	},
})

var cidrNetmaskFunc = function.New(&function.Spec{
	Params: []function.Parameter{{Name: "prefix", Type: cty.String}},
	Type:   function.StaticReturnType(cty.String),
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		p, err := netip.ParsePrefix(args[0].AsString())
		if err != nil || !p.Addr().Is4() {
			return cty.NilVal, fmt.Errorf("cidrnetmask needs an IPv4 prefix")
		}
		mask := new(big.Int).Lsh(new(big.Int).Sub(new(big.Int).Lsh(big.NewInt(1), uint(p.Bits())), big.NewInt(1)), uint(32-p.Bits()))
		return cty.StringVal(intAddr(mask, true).String()), nil
	},
})

func toInt(v cty.Value) int {
	i, _ := v.AsBigFloat().Int64()
	return int(i)
}

func toBig(v cty.Value) *big.Int {
	i, _ := v.AsBigFloat().Int(nil)
	return i
}

func addrInt(a netip.Addr) *big.Int { return new(big.Int).SetBytes(a.AsSlice()) }

func intAddr(i *big.Int, v4 bool) netip.Addr {
	n := 16
	if v4 {
		n = 4
	}
	b := make([]byte, n)
	i.FillBytes(b)
	a, _ := netip.AddrFromSlice(b)
	return a
}
