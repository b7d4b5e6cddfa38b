package main

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// Item is one product of the catalogue: its handle (how the sync finds it
// again), title and variants, in the order the CSV lists them.
type Item struct {
	Handle, Title, Description string
	Variants                   []Variant
}

// Variant is one row of the CSV: a variant found again by its SKU, priced
// in euros.
type Variant struct {
	SKU, Title string
	Price      float64
}

// columns are the CSV's header, in this order.
var columns = []string{"handle", "title", "description", "variant", "sku", "price_eur"}

// ReadCatalogue reads a CSV with the header handle,title,description,
// variant,sku,price_eur: one row per variant, the rows of a product
// together or not. A handle's title and description are its first row's.
func ReadCatalogue(r io.Reader) ([]Item, error) {
	cr := csv.NewReader(r)
	cr.TrimLeadingSpace = true
	header, err := cr.Read()
	if err != nil {
		return nil, fmt.Errorf("catalogue: reading the header: %w", err)
	}
	if strings.Join(header, ",") != strings.Join(columns, ",") {
		return nil, fmt.Errorf("catalogue: the header is %q, want %q", strings.Join(header, ","), strings.Join(columns, ","))
	}
	var items []Item
	at := map[string]int{}
	skus := map[string]bool{}
	for line := 2; ; line++ {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			return items, nil
		}
		if err != nil {
			return nil, fmt.Errorf("catalogue: %w", err)
		}
		handle, sku := strings.TrimSpace(rec[0]), strings.TrimSpace(rec[4])
		if handle == "" || sku == "" || strings.TrimSpace(rec[3]) == "" {
			return nil, fmt.Errorf("catalogue: line %d: handle, variant and sku are required", line)
		}
		if skus[sku] {
			return nil, fmt.Errorf("catalogue: line %d: SKU %s is listed twice", line, sku)
		}
		skus[sku] = true
		price, err := strconv.ParseFloat(strings.TrimSpace(rec[5]), 64)
		if err != nil || price < 0 {
			return nil, fmt.Errorf("catalogue: line %d: price_eur %q is not a price", line, rec[5])
		}
		i, ok := at[handle]
		if !ok {
			i = len(items)
			at[handle] = i
			items = append(items, Item{Handle: handle, Title: strings.TrimSpace(rec[1]), Description: strings.TrimSpace(rec[2])})
		}
		items[i].Variants = append(items[i].Variants, Variant{SKU: sku, Title: strings.TrimSpace(rec[3]), Price: price})
	}
}
