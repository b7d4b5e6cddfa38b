package main

import (
	"context"
	"fmt"
	"math"

	"github.com/medusa-sdk/medusa-go/v2"
	"github.com/medusa-sdk/medusa-go/v2/gen/admin"
)

// option is the one product option the sync gives a product: its values
// are the variants' titles.
const option = "Variant"

// Report says what a sync did, by handle (products) and SKU (variants).
type Report struct {
	Created, Updated, Unchanged []string // products
	VariantsAdded, PricesSet    []string // SKUs
}

func (r Report) String() string {
	return fmt.Sprintf("%d created, %d updated, %d unchanged (variants added: %d, prices set: %d)",
		len(r.Created), len(r.Updated), len(r.Unchanged), len(r.VariantsAdded), len(r.PricesSet))
}

// fields is what the sync reads of a product.
const fields = "id,handle,title,description,*options,*options.values,*variants,*variants.prices,*variants.options"

// Sync makes Medusa's catalogue what items say: a product per handle
// (created when no product has it, its title and description updated when
// they differ), a variant per SKU (added, with its option value, when
// missing), its euro price set when it differs. Run twice, the second run
// changes nothing. Products and variants Medusa has and the CSV does not
// are left alone.
func Sync(ctx context.Context, c *medusa.Client, items []Item) (Report, error) {
	var rep Report
	for _, it := range items {
		found, err := c.Admin.ListProducts(ctx, &admin.ListProductsParams{Handle: &[]string{it.Handle}, Fields: medusa.Ptr(fields)})
		if err != nil {
			return rep, fmt.Errorf("finding %s: %w", it.Handle, err)
		}
		if len(found.Products) == 0 {
			if err := create(ctx, c, it); err != nil {
				return rep, fmt.Errorf("creating %s: %w", it.Handle, err)
			}
			rep.Created = append(rep.Created, it.Handle)
			continue
		}
		changed, err := update(ctx, c, found.Products[0], it, &rep)
		if err != nil {
			return rep, fmt.Errorf("updating %s: %w", it.Handle, err)
		}
		if changed {
			rep.Updated = append(rep.Updated, it.Handle)
		} else {
			rep.Unchanged = append(rep.Unchanged, it.Handle)
		}
	}
	return rep, nil
}

func create(ctx context.Context, c *medusa.Client, it Item) error {
	values := make([]string, 0, len(it.Variants))
	variants := make([]admin.AdminCreateProductVariant, 0, len(it.Variants))
	for _, v := range it.Variants {
		values = append(values, v.Title)
		variants = append(variants, admin.AdminCreateProductVariant{
			Title: v.Title, Sku: medusa.Ptr(v.SKU), Options: &map[string]any{option: v.Title},
			Prices: []admin.AdminCreateProductVariantPrice{{CurrencyCode: "eur", Amount: v.Price}},
		})
	}
	var opt admin.CreateProductBodyOption
	if err := opt.FromAdminCreateProductOption(admin.AdminCreateProductOption{Title: option, Values: values}); err != nil {
		return err
	}
	_, err := c.Admin.CreateProduct(ctx, nil, admin.CreateProductBody{
		Title: it.Title, Handle: &it.Handle, Description: &it.Description,
		Status:   medusa.Ptr(admin.CreateProductBodyStatusPublished),
		Options:  &[]admin.CreateProductBodyOption{opt},
		Variants: &variants,
	})
	return err
}

func update(ctx context.Context, c *medusa.Client, p admin.AdminProduct, it Item, rep *Report) (bool, error) {
	changed := false
	if p.Title != it.Title || p.Description != it.Description {
		if _, err := c.Admin.UpdateProduct(ctx, p.Id, nil, admin.UpdateProductBody{Title: &it.Title, Description: &it.Description}); err != nil {
			return false, err
		}
		changed = true
	}
	bySKU := map[string]admin.AdminProductVariant{}
	for _, v := range p.Variants {
		bySKU[v.Sku] = v
	}
	for _, v := range it.Variants {
		have, ok := bySKU[v.SKU]
		if !ok {
			if err := addVariant(ctx, c, p, v); err != nil {
				return false, fmt.Errorf("adding %s: %w", v.SKU, err)
			}
			rep.VariantsAdded = append(rep.VariantsAdded, v.SKU)
			changed = true
			continue
		}
		price, id := euros(have)
		if id != "" && math.Abs(price-v.Price) < 0.005 {
			continue
		}
		set := admin.UpdateProductVariantBodyPrice{CurrencyCode: medusa.Ptr("eur"), Amount: medusa.Ptr(v.Price)}
		if id != "" {
			set.Id = &id
		}
		if _, err := c.Admin.UpdateProductVariant(ctx, p.Id, have.Id, nil, admin.UpdateProductVariantBody{Prices: &[]admin.UpdateProductVariantBodyPrice{set}}); err != nil {
			return false, fmt.Errorf("pricing %s: %w", v.SKU, err)
		}
		rep.PricesSet = append(rep.PricesSet, v.SKU)
		changed = true
	}
	return changed, nil
}

// addVariant adds v to p: its title as a new value of p's option first
// (Medusa refuses a variant whose option value the product lacks), then
// the variant.
func addVariant(ctx context.Context, c *medusa.Client, p admin.AdminProduct, v Variant) error {
	optID := ""
	for _, o := range p.Options {
		if o.Title == option {
			optID = o.Id
		}
	}
	if optID == "" {
		return fmt.Errorf("the product has no option %q (not made by this sync)", option)
	}
	var value admin.AdminUpdateProductOptionValuesAdd
	if err := value.FromAdminUpdateProductOptionValuesAddWithValue(admin.AdminUpdateProductOptionValuesAddWithValue{Value: v.Title}); err != nil {
		return err
	}
	if _, err := c.Admin.BatchProductOptions(ctx, p.Id, admin.AdminLinkProductOptions{
		Update: &[]admin.AdminUpdateProductOptionValues{{ProductOptionId: optID, Add: &[]admin.AdminUpdateProductOptionValuesAdd{value}}},
	}); err != nil {
		return fmt.Errorf("adding the option value %s: %w", v.Title, err)
	}
	_, err := c.Admin.CreateProductVariant(ctx, p.Id, nil, admin.CreateProductVariantBody{
		Title: v.Title, Sku: medusa.Ptr(v.SKU), Options: &map[string]any{option: v.Title},
		Prices: []admin.AdminCreateProductVariantPrice{{CurrencyCode: "eur", Amount: v.Price}},
	})
	return err
}

// euros is a variant's euro price and its id ("" when it has none).
func euros(v admin.AdminProductVariant) (float64, string) {
	for _, p := range v.Prices {
		if p.CurrencyCode == "eur" && len(deref(p.Rules)) == 0 {
			return p.Amount, p.Id
		}
	}
	return 0, ""
}

func deref[T any](p *T) T {
	var zero T
	if p == nil {
		return zero
	}
	return *p
}
