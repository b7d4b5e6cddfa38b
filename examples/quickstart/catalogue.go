package main

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"io"
	"strings"

	"github.com/medusa-sdk/medusa-go/v2"
	"github.com/medusa-sdk/medusa-go/v2/gen/admin"
)

// catalogue is what the admin sets up for the storefront.
type catalogue struct {
	run               string // appended to every name
	country, currency string
	regionID          string
	publishableKey    string
}

// buildCatalogue makes a region, a sales channel, a warehouse that ships to
// the region's country, two shipping options, an uploaded picture and two
// products, all through the typed Admin API. run is appended to every name.
func buildCatalogue(ctx context.Context, out io.Writer, c *medusa.Client, run string) (catalogue, error) {
	cat := catalogue{run: run, currency: "eur"}
	var err error
	if cat.country, err = freeCountry(ctx, c); err != nil {
		return cat, err
	}
	region, err := c.Admin.CreateRegion(ctx, nil, admin.AdminCreateRegion{
		Name: "Europe " + run, CurrencyCode: cat.currency, Countries: &[]string{cat.country},
		PaymentProviders: &[]string{"pp_system_default"},
	})
	if err != nil {
		return cat, err
	}
	cat.regionID = region.Region.Id
	fmt.Fprintf(out, "  region      %s: %s, ships to %s, pays with the system provider\n", region.Region.Name, cat.currency, cat.country)

	channel, err := c.Admin.CreateSalesChannel(ctx, nil, admin.AdminCreateSalesChannel{Name: "Web shop " + run})
	if err != nil {
		return cat, err
	}
	channelID := channel.SalesChannel.Id

	warehouse, profileID, err := buildShipping(ctx, out, c, cat, channelID, run)
	if err != nil {
		return cat, err
	}

	// The T-shirt's picture goes to the file module first (a multipart
	// upload from any io.Reader); the product then points to its URL.
	up, err := c.Admin.CreateUpload(ctx, admin.CreateUploadForm{Files: []admin.File{
		{Name: "t-shirt.png", Content: bytes.NewReader(swatch(color.RGBA{R: 0x1f, G: 0x6f, B: 0xb2, A: 0xff}))},
	}})
	if err != nil {
		return cat, err
	}
	picture := up.Files[0].Url
	fmt.Fprintf(out, "  picture     t-shirt.png uploaded: %s\n", picture)

	shirt, err := createProduct(ctx, c, "T-shirt "+run, profileID, channelID, "Size", []variant{{"S", 25}, {"M", 25}, {"L", 27.5}}, picture)
	if err != nil {
		return cat, err
	}
	mug, err := createProduct(ctx, c, "Mug "+run, profileID, channelID, "Colour", []variant{{"White", 12.5}}, "")
	if err != nil {
		return cat, err
	}
	for _, p := range []*admin.AdminProduct{shirt, mug} {
		if err := stock(ctx, c, p, warehouse, 100); err != nil {
			return cat, err
		}
		titles := make([]string, 0, len(p.Variants))
		for _, v := range p.Variants {
			titles = append(titles, v.Title)
		}
		fmt.Fprintf(out, "  product     %s (%s), variants %s: 100 of each in stock\n", p.Title, p.Status, strings.Join(titles, ", "))
	}

	key, err := c.Admin.CreateAPIKey(ctx, admin.AdminCreateApiKey{Title: "Web shop " + run, Type: "publishable"})
	if err != nil {
		return cat, err
	}
	if _, err := c.Admin.CreateAPIKeySalesChannel(ctx, key.ApiKey.Id, nil, admin.AdminBatchLink{Add: &[]string{channelID}}); err != nil {
		return cat, err
	}
	cat.publishableKey = key.ApiKey.Token
	fmt.Fprintf(out, "  storefront  publishable key %s… for %s\n", key.ApiKey.Token[:10], channel.SalesChannel.Name)
	return cat, nil
}

// variant is one value of a product's option and its price in euros.
type variant struct {
	value string
	price float64
}

// swatch is a small PNG of one colour.
func swatch(c color.Color) []byte {
	img := image.NewRGBA(image.Rect(0, 0, 8, 8))
	draw.Draw(img, img.Bounds(), image.NewUniform(c), image.Point{}, draw.Src)
	var b bytes.Buffer
	_ = png.Encode(&b, img) // writing to memory does not fail
	return b.Bytes()
}

// createProduct makes a published product with one option and a variant
// (with a SKU and a price) per option value.
func createProduct(ctx context.Context, c *medusa.Client, title, profileID, channelID, option string, vs []variant, thumbnail string) (*admin.AdminProduct, error) {
	values := make([]string, 0, len(vs))
	variants := make([]admin.AdminCreateProductVariant, 0, len(vs))
	for _, v := range vs {
		values = append(values, v.value)
		variants = append(variants, admin.AdminCreateProductVariant{
			Title: v.value, Sku: medusa.Ptr(title + " " + v.value), ManageInventory: medusa.Ptr(true),
			Options: &map[string]interface{}{option: v.value},
			Prices:  []admin.AdminCreateProductVariantPrice{{CurrencyCode: "eur", Amount: v.price}},
		})
	}
	body := admin.CreateProductBody{
		Title: title, Status: medusa.Ptr(admin.CreateProductBodyStatusPublished),
		ShippingProfileId: &profileID,
		SalesChannels:     &[]admin.CreateProductBodySalesChannel{{Id: channelID}},
		Variants:          &variants,
	}
	if thumbnail != "" {
		body.Thumbnail = &thumbnail
	}
	// An option is a union (a new option, or a global one the product
	// reuses): this product makes its own.
	var opt admin.CreateProductBodyOption
	if err := opt.FromAdminCreateProductOption(admin.AdminCreateProductOption{Title: option, Values: values}); err != nil {
		return nil, err
	}
	body.Options = &[]admin.CreateProductBodyOption{opt}
	res, err := c.Admin.CreateProduct(ctx, nil, body)
	if err != nil {
		return nil, err
	}
	return &res.Product, nil
}

// stock puts quantity of each of the product's variants in the warehouse:
// each managed variant got an inventory item, found by its SKU.
func stock(ctx context.Context, c *medusa.Client, p *admin.AdminProduct, warehouse string, quantity float64) error {
	for _, v := range p.Variants {
		items, err := c.Admin.ListInventoryItems(ctx, &admin.ListInventoryItemsParams{Sku: &[]string{v.Sku}})
		if err != nil {
			return err
		}
		if len(items.InventoryItems) != 1 {
			return fmt.Errorf("variant %s: %d inventory items", v.Sku, len(items.InventoryItems))
		}
		_, err = c.Admin.CreateInventoryItemLocationLevel(ctx, items.InventoryItems[0].Id, nil,
			admin.AdminBatchCreateInventoryItemLocationLevels{LocationId: warehouse, StockedQuantity: &quantity})
		if err != nil {
			return err
		}
	}
	return nil
}

// freeCountry returns a European country no region has yet (a country
// belongs to at most one region).
func freeCountry(ctx context.Context, c *medusa.Client) (string, error) {
	taken := map[string]bool{}
	for r, err := range c.Admin.ListRegionsAll(ctx, &admin.ListRegionsParams{Fields: medusa.Ptr("id,*countries")}) {
		if err != nil {
			return "", err
		}
		for _, country := range deref(r.Countries) {
			taken[deref(country.Iso2)] = true
		}
	}
	for _, code := range []string{"de", "fr", "it", "es", "nl", "be", "at", "ie", "pt", "fi", "se", "dk", "pl", "cz",
		"gr", "hu", "ro", "bg", "hr", "si", "sk", "lt", "lv", "ee", "lu", "mt", "cy"} {
		if !taken[code] {
			return code, nil
		}
	}
	return "", fmt.Errorf("every country of the list already has a region")
}

func deref[T any](p *T) T {
	var zero T
	if p == nil {
		return zero
	}
	return *p
}
