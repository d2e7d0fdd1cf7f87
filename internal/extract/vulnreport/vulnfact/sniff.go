package vulnfact

// keyScanner finds the top-level keys of a possibly truncated JSON object without decoding values.
type keyScanner struct {
	data []byte
	pos  int
}

func (s *keyScanner) space() {
	for s.pos < len(s.data) && (s.data[s.pos] == ' ' || s.data[s.pos] == '\t' || s.data[s.pos] == '\n' || s.data[s.pos] == '\r') {
		s.pos++
	}
}

func (s *keyScanner) top() []string {
	s.space()
	if s.pos >= len(s.data) || s.data[s.pos] != '{' {
		return nil
	}
	s.pos++
	var keys []string
	for {
		s.space()
		if s.pos >= len(s.data) || s.data[s.pos] != '"' {
			return keys
		}
		key, ok := s.str()
		if !ok {
			return keys
		}
		keys = append(keys, key)
		s.space()
		if s.pos >= len(s.data) || s.data[s.pos] != ':' {
			return keys
		}
		s.pos++
		if !s.skipValue() {
			return keys
		}
		s.space()
		if s.pos >= len(s.data) || s.data[s.pos] != ',' {
			return keys
		}
		s.pos++
	}
}

// str reads a string at pos; escapes are kept as written (keys the importers look for have none).
func (s *keyScanner) str() (string, bool) {
	start := s.pos + 1
	for i := start; i < len(s.data); i++ {
		switch s.data[i] {
		case '\\':
			i++
		case '"':
			s.pos = i + 1
			return string(s.data[start:i]), true
		}
	}
	return "", false
}

// skipValue moves past one value, counting brackets outside strings.
func (s *keyScanner) skipValue() bool {
	s.space()
	depth := 0
	for s.pos < len(s.data) {
		c := s.data[s.pos]
		switch {
		case c == '"':
			if _, ok := s.str(); !ok {
				return false
			}
			if depth == 0 {
				return true
			}
			continue
		case depth == 0 && (c == ',' || c == '}'):
			return true
		case c == '{' || c == '[':
			depth++
		case c == '}' || c == ']':
			depth--
			if depth < 0 {
				return false
			}
			if depth == 0 {
				s.pos++
				return true
			}
		}
		s.pos++
	}
	return false
}
