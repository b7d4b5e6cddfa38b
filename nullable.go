package medusa

import "github.com/oapi-codegen/nullable"

// Nullable is an update field that can be set, set to JSON null (cleared) or
// left out. The generated update bodies use it for the fields Medusa lets a
// record lose: links such as collection_id or parent_category_id, dates and
// metadata. The zero value leaves the field out.
type Nullable[T any] = nullable.Nullable[T]

// Set is a Nullable holding v: the update sets the field to v.
func Set[T any](v T) Nullable[T] { return nullable.NewNullableWithValue(v) }

// Null is a Nullable holding JSON null: the update clears the field.
func Null[T any]() Nullable[T] { return nullable.NewNullNullable[T]() }
