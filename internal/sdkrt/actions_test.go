package sdkrt

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

type shipDetails struct {
	Quantity    float64  `json:"quantity"`
	UnitPrice   *float64 `json:"unit_price,omitempty"`
	ReferenceId string   `json:"reference_id"`
}

func TestActionDetails(t *testing.T) {
	details := map[string]any{"quantity": "2", "unit_price": 15.5, "reference_id": "ordli_1", "extra": true}
	var d shipDetails
	require.NoError(t, ActionDetails("SHIP_ITEM", "SHIP_ITEM", details, &d, "quantity", "unit_price"))
	assert.Equal(t, 2.0, d.Quantity, "a BigNumber's numeric string reads as its number")
	assert.Equal(t, 15.5, *d.UnitPrice)
	assert.Equal(t, "ordli_1", d.ReferenceId)
	assert.Equal(t, "2", details["quantity"], "the answer's map is not changed")

	err := ActionDetails("ITEM_ADD", "SHIP_ITEM", details, &d)
	assert.EqualError(t, err, `medusa: the order change action is "ITEM_ADD", not "SHIP_ITEM"`)

	err = ActionDetails("SHIP_ITEM", "SHIP_ITEM", map[string]any{"quantity": "two"}, &d, "quantity")
	assert.EqualError(t, err, `medusa: SHIP_ITEM details: quantity is "two", not a number`)

	err = ActionDetails("SHIP_ITEM", "SHIP_ITEM", map[string]any{"quantity": "2"}, &d)
	assert.ErrorContains(t, err, "SHIP_ITEM details:", "a string where a number belongs, for a key not named a BigNumber, is a type error")

	var empty shipDetails
	require.NoError(t, ActionDetails("SHIP_ITEM", "SHIP_ITEM", nil, &empty, "quantity"), "no details: the zero value")
	assert.Equal(t, shipDetails{}, empty)
}
