package vulnfact

import (
	"fmt"
	"strconv"
	"unicode/utf16"
	"unicode/utf8"
)

// parser reads JSON (RFC 8259) into Values. Values are allocated in slabs; strings without escapes are
// copied once; strings with escapes are decoded by encoding/json.
type parser struct {
	data []byte
	pos  int
	slab []Value
	// keys and vals are stacks shared by the objects and arrays being read: members collect here and are
	// copied into a slice of the exact size when the container closes, one allocation each.
	keys []string
	vals []*Value
}

func (p *parser) fail(msg string) error {
	return &SyntaxError{Off: int64(p.pos) + 1, Msg: msg}
}

func (p *parser) newValue(k Kind) *Value {
	if len(p.slab) == 0 {
		p.slab = make([]Value, 256)
	}
	v := &p.slab[0]
	p.slab = p.slab[1:]
	v.Kind, v.Off = k, int64(p.pos)
	return v
}

func (p *parser) space() {
	for p.pos < len(p.data) {
		switch p.data[p.pos] {
		case ' ', '\t', '\n', '\r':
			p.pos++
		default:
			return
		}
	}
}

func (p *parser) value(depth int) (*Value, error) {
	if p.pos >= len(p.data) {
		return nil, p.fail("unexpected end of JSON input")
	}
	switch c := p.data[p.pos]; {
	case c == '{' || c == '[':
		if depth >= maxDepth {
			return nil, p.fail(fmt.Sprintf("JSON nested deeper than %d levels", maxDepth))
		}
		if c == '{' {
			return p.object(depth)
		}
		return p.array(depth)
	case c == '"':
		v := p.newValue(String)
		s, err := p.str()
		v.Text = s
		return v, err
	case c == '-' || c >= '0' && c <= '9':
		return p.number()
	}
	for _, lit := range []struct {
		text string
		kind Kind
		val  bool
	}{{"true", Bool, true}, {"false", Bool, false}, {"null", Null, false}} {
		if len(p.data)-p.pos >= len(lit.text) && string(p.data[p.pos:p.pos+len(lit.text)]) == lit.text {
			v := p.newValue(lit.kind)
			v.True = lit.val
			p.pos += len(lit.text)
			return v, nil
		}
	}
	return nil, p.fail(fmt.Sprintf("invalid character %q looking for beginning of value", p.data[p.pos]))
}

func (p *parser) object(depth int) (*Value, error) {
	v := p.newValue(Object)
	p.pos++
	p.space()
	if p.pos < len(p.data) && p.data[p.pos] == '}' {
		p.pos++
		return v, nil
	}
	base := len(p.vals)
	defer func() { p.keys, p.vals = p.keys[:base], p.vals[:base] }()
	for {
		p.space()
		if p.pos >= len(p.data) {
			return nil, p.fail("unexpected end of JSON input")
		}
		if p.data[p.pos] != '"' {
			return nil, p.fail(fmt.Sprintf("invalid character %q where an object key is expected", p.data[p.pos]))
		}
		key, err := p.str()
		if err != nil {
			return nil, err
		}
		p.space()
		if p.pos >= len(p.data) || p.data[p.pos] != ':' {
			return nil, p.fail("expected ':' after the object key " + strconv.Quote(key))
		}
		p.pos++
		p.space()
		val, err := p.value(depth + 1)
		if err != nil {
			return nil, err
		}
		p.keys, p.vals = append(p.keys, key), append(p.vals, val)
		p.space()
		if p.pos >= len(p.data) {
			return nil, p.fail("unexpected end of JSON input")
		}
		switch p.data[p.pos] {
		case ',':
			p.pos++
		case '}':
			p.pos++
			v.Keys = append([]string(nil), p.keys[base:]...)
			v.Items = append([]*Value(nil), p.vals[base:]...)
			return v, nil
		default:
			return nil, p.fail(fmt.Sprintf("invalid character %q after object key:value pair", p.data[p.pos]))
		}
	}
}

func (p *parser) array(depth int) (*Value, error) {
	v := p.newValue(Array)
	p.pos++
	p.space()
	if p.pos < len(p.data) && p.data[p.pos] == ']' {
		p.pos++
		return v, nil
	}
	base := len(p.vals)
	defer func() { p.keys, p.vals = p.keys[:base], p.vals[:base] }()
	for {
		p.space()
		item, err := p.value(depth + 1)
		if err != nil {
			return nil, err
		}
		p.keys, p.vals = append(p.keys, ""), append(p.vals, item)
		p.space()
		if p.pos >= len(p.data) {
			return nil, p.fail("unexpected end of JSON input")
		}
		switch p.data[p.pos] {
		case ',':
			p.pos++
		case ']':
			p.pos++
			v.Items = append([]*Value(nil), p.vals[base:]...)
			return v, nil
		default:
			return nil, p.fail(fmt.Sprintf("invalid character %q after array element", p.data[p.pos]))
		}
	}
}

// str reads the string at pos (its opening quote).
func (p *parser) str() (string, error) {
	start := p.pos
	escaped := false
	for i := start + 1; i < len(p.data); i++ {
		switch c := p.data[i]; {
		case c == '\\':
			escaped = true
			i++
		case c == '"':
			p.pos = i + 1
			raw := p.data[start+1 : i]
			if !escaped {
				if !utf8.Valid(raw) {
					return string([]rune(string(raw))), nil // invalid bytes become U+FFFD, as encoding/json does
				}
				return string(raw), nil
			}
			s, ok := unescape(raw)
			if !ok {
				p.pos = start
				return "", p.fail("invalid escape in a string")
			}
			return s, nil
		case c < 0x20:
			p.pos = i
			return "", p.fail("invalid control character in a string")
		}
	}
	p.pos = len(p.data)
	return "", p.fail("unexpected end of JSON input in a string")
}

func (p *parser) number() (*Value, error) {
	v := p.newValue(Number)
	start := p.pos
	for p.pos < len(p.data) {
		c := p.data[p.pos]
		if c >= '0' && c <= '9' || c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E' {
			p.pos++
			continue
		}
		break
	}
	v.Text = string(p.data[start:p.pos])
	if _, err := strconv.ParseFloat(v.Text, 64); err != nil && !isRange(err) {
		p.pos = start
		return nil, p.fail("invalid number " + strconv.Quote(v.Text))
	}
	return v, nil
}

func isRange(err error) bool {
	ne, ok := err.(*strconv.NumError)
	return ok && ne.Err == strconv.ErrRange
}

// unescape decodes a JSON string's content with escapes (RFC 8259, section 7); invalid UTF-8 and lone
// surrogates become U+FFFD, as encoding/json does.
func unescape(raw []byte) (string, bool) {
	out := make([]byte, 0, len(raw))
	for i := 0; i < len(raw); i++ {
		c := raw[i]
		if c != '\\' {
			out = append(out, c)
			continue
		}
		if i++; i >= len(raw) {
			return "", false
		}
		switch raw[i] {
		case '"', '\\', '/':
			out = append(out, raw[i])
		case 'b':
			out = append(out, '\b')
		case 'f':
			out = append(out, '\f')
		case 'n':
			out = append(out, '\n')
		case 'r':
			out = append(out, '\r')
		case 't':
			out = append(out, '\t')
		case 'u':
			r, ok := hex4(raw, i+1)
			if !ok {
				return "", false
			}
			i += 4
			if utf16.IsSurrogate(r) {
				r2, ok2 := rune(-1), false
				if i+6 < len(raw) && raw[i+1] == '\\' && raw[i+2] == 'u' {
					r2, ok2 = hex4(raw, i+3)
				}
				if dec := utf16.DecodeRune(r, r2); ok2 && dec != utf8.RuneError {
					r = dec
					i += 6
				} else {
					r = utf8.RuneError
				}
			}
			out = utf8.AppendRune(out, r)
		default:
			return "", false
		}
	}
	if !utf8.Valid(out) {
		return string([]rune(string(out))), true
	}
	return string(out), true
}

// hex4 reads four hex digits at raw[i:].
func hex4(raw []byte, i int) (rune, bool) {
	if i+4 > len(raw) {
		return 0, false
	}
	var r rune
	for _, c := range raw[i : i+4] {
		switch {
		case c >= '0' && c <= '9':
			c -= '0'
		case c >= 'a' && c <= 'f':
			c = c - 'a' + 10
		case c >= 'A' && c <= 'F':
			c = c - 'A' + 10
		default:
			return 0, false
		}
		r = r*16 + rune(c)
	}
	return r, true
}
