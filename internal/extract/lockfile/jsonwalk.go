package lockfile

import (
	"bytes"
	"encoding/json"
	"errors"
)

// errNotObject stops a JSON walk over a document that is not shaped as expected.
var errNotObject = errors.New("unexpected JSON shape")

// jsonMembers streams a JSON document and calls fn for every object member whose key path matches one of
// patterns ("*" matches any key), with the member's key path, the line of its key and its raw value. It gives
// the NuGet readers precise lines without a second parse; a malformed document stops the walk with an error.
func jsonMembers(content []byte, patterns [][]string, lines *lineIndex, fn func(keys []string, line int, raw json.RawMessage)) error {
	dec := json.NewDecoder(bytes.NewReader(content))
	return walkJSON(dec, patterns, nil, lines, fn)
}

// walkJSON reads one value from dec, descending into objects along pattern and skipping everything else.
func walkJSON(dec *json.Decoder, patterns [][]string, keys []string, lines *lineIndex, fn func([]string, int, json.RawMessage)) error {
	tok, err := dec.Token()
	if err != nil {
		return err
	}
	d, isDelim := tok.(json.Delim)
	if !isDelim {
		return nil // a scalar where an object was hoped for: nothing to report below it
	}
	if d == '[' {
		for dec.More() {
			var skip json.RawMessage
			if err := dec.Decode(&skip); err != nil {
				return err
			}
		}
		_, err := dec.Token()
		return err
	}
	for dec.More() {
		kt, err := dec.Token()
		if err != nil {
			return err
		}
		key, ok := kt.(string)
		if !ok {
			return errNotObject
		}
		line := lines.lineAt(max(dec.InputOffset()-1, 0))
		path := append(keys[:len(keys):len(keys)], key)
		if err := visitMember(dec, patterns, path, line, lines, fn); err != nil {
			return err
		}
	}
	_, err = dec.Token() // the closing brace
	return err
}

// visitMember handles the value of one member: report it, descend into it, or skip it.
func visitMember(dec *json.Decoder, patterns [][]string, path []string, line int, lines *lineIndex, fn func([]string, int, json.RawMessage)) error {
	report, descend := false, false
	for _, p := range patterns {
		if len(p) >= len(path) && matchPath(p[:len(path)], path) {
			report = report || len(p) == len(path)
			descend = descend || len(p) > len(path)
		}
	}
	switch {
	case report:
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			return err
		}
		fn(path, line, raw)
		return nil
	case descend:
		return walkJSON(dec, patterns, path, lines, fn)
	default:
		var skip json.RawMessage
		return dec.Decode(&skip)
	}
}

// matchPath reports whether a key path matches a pattern of the same length.
func matchPath(pattern, path []string) bool {
	for i := range pattern {
		if pattern[i] != "*" && pattern[i] != path[i] {
			return false
		}
	}
	return true
}
