package vulnfact

import (
	"encoding/json"
	"fmt"
	"strconv"
	"unicode/utf8"
)

// parser reads JSON (RFC 8259) into Values. Values are allocated in slabs; strings without escapes are
// copied once; strings with escapes are decoded by encoding/json.
type parser struct {
	data []byte
	pos  int
	slab []Value
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
		v.Keys, v.Vals = append(v.Keys, key), append(v.Vals, val)
		p.space()
		if p.pos >= len(p.data) {
			return nil, p.fail("unexpected end of JSON input")
		}
		switch p.data[p.pos] {
		case ',':
			p.pos++
		case '}':
			p.pos++
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
	for {
		p.space()
		item, err := p.value(depth + 1)
		if err != nil {
			return nil, err
		}
		v.Items = append(v.Items, item)
		p.space()
		if p.pos >= len(p.data) {
			return nil, p.fail("unexpected end of JSON input")
		}
		switch p.data[p.pos] {
		case ',':
			p.pos++
		case ']':
			p.pos++
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
			var s string
			if err := json.Unmarshal(p.data[start:i+1], &s); err != nil {
				p.pos = start
				return "", p.fail("invalid string: " + err.Error())
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
