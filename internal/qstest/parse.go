// Package qstest reads a query string the way Medusa's server does (the qs
// library's parse with its default options, which Express's "extended" query
// parser uses), so tests can compare what the SDK sends with what the server
// will see.
//
// Rules followed (qs defaults): keys and values are percent-decoded and '+'
// is a space; "a[b][c]" nests objects up to depth 5 (deeper brackets stay
// part of the last key); "a[]" appends to an array; "a[N]" with N <= 20 is an
// array index, and arrays are compacted in index order; a larger index, or a
// mix of indices and names, makes an object; a repeated plain key becomes an
// array.
package qstest

import (
	"fmt"
	"net/url"
	"sort"
	"strconv"
	"strings"
)

const (
	depthLimit = 5
	arrayLimit = 20
)

// node is an intermediate tree: either a leaf value list or children.
type node struct {
	values   []string
	children map[string]*node
	order    []string
	appends  int
}

func (n *node) child(k string) *node {
	if n.children == nil {
		n.children = map[string]*node{}
	}
	c, ok := n.children[k]
	if !ok {
		c = &node{}
		n.children[k] = c
		n.order = append(n.order, k)
	}
	return c
}

// Parse returns the object Medusa's qs parser builds from raw (the part
// after '?'): map[string]any, []any and string values.
func Parse(raw string) (map[string]any, error) {
	root := &node{}
	if raw == "" {
		return map[string]any{}, nil
	}
	for _, part := range strings.Split(raw, "&") {
		if part == "" {
			continue
		}
		k, v, _ := strings.Cut(part, "=")
		key, err := url.QueryUnescape(k)
		if err != nil {
			return nil, fmt.Errorf("key %q: %w", k, err)
		}
		val, err := url.QueryUnescape(v)
		if err != nil {
			return nil, fmt.Errorf("value of %q: %w", key, err)
		}
		segs := splitKey(key)
		n := root
		for i, s := range segs {
			if s == "" && i > 0 {
				s = "\x00" + strconv.Itoa(n.appends)
				n.appends++
			}
			n = n.child(s)
		}
		n.values = append(n.values, val)
	}
	out := map[string]any{}
	for _, k := range root.order {
		out[k] = build(root.children[k])
	}
	return out, nil
}

func splitKey(key string) []string {
	open := strings.IndexByte(key, '[')
	if open <= 0 {
		return []string{key}
	}
	segs := []string{key[:open]}
	rest := key[open:]
	for d := 0; d < depthLimit && strings.HasPrefix(rest, "["); d++ {
		end := strings.IndexByte(rest, ']')
		if end < 0 {
			break
		}
		segs = append(segs, rest[1:end])
		rest = rest[end+1:]
	}
	if rest != "" {
		segs = append(segs, rest)
	}
	return segs
}

func build(n *node) any {
	if len(n.children) == 0 {
		if len(n.values) == 1 {
			return n.values[0]
		}
		arr := make([]any, len(n.values))
		for i, v := range n.values {
			arr[i] = v
		}
		return arr
	}
	// An array when every child is an append or an index <= arrayLimit.
	type idx struct {
		i int
		k string
	}
	var idxs []idx
	isArray := len(n.values) == 0
	for _, k := range n.order {
		if strings.HasPrefix(k, "\x00") {
			i, _ := strconv.Atoi(k[1:])
			idxs = append(idxs, idx{1<<20 + i, k})
			continue
		}
		i, err := strconv.Atoi(k)
		if err != nil || i < 0 || i > arrayLimit || strconv.Itoa(i) != k {
			isArray = false
			break
		}
		idxs = append(idxs, idx{i, k})
	}
	if isArray {
		sort.SliceStable(idxs, func(a, b int) bool { return idxs[a].i < idxs[b].i })
		arr := make([]any, 0, len(idxs))
		for _, x := range idxs {
			arr = append(arr, build(n.children[x.k]))
		}
		return arr
	}
	obj := map[string]any{}
	appendIdx := 0
	for _, k := range n.order {
		name := k
		if strings.HasPrefix(k, "\x00") {
			name = strconv.Itoa(appendIdx)
			appendIdx++
		}
		obj[name] = build(n.children[k])
	}
	return obj
}
