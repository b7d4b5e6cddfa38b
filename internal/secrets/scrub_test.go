package secrets

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

// A Scrubber gives each secret its own stand-in, the same one in every form
// and every time, and keeps short secrets to whole words.
func TestScrubberReplacesEachSecretByItsStandIn(t *testing.T) {
	var sc Scrubber
	n := 0
	next := func() string { n++; return fmt.Sprintf("standin-%d", n) }
	assert.Equal(t, "standin-1", sc.Add("tok/en+long=", next))
	assert.Equal(t, "standin-2", sc.Add("pw", next))
	assert.Equal(t, "standin-1", sc.Add("tok/en+long=", next), "a secret learnt twice keeps its stand-in")
	assert.Equal(t, "standin-2", sc.Add("standin-2", next), "a stand-in is not a secret")
	assert.Empty(t, sc.Add("  ", next))
	assert.True(t, sc.Known("pw"))

	in := `{"a":"tok/en+long=","b":"tok%2Fen%2Blong%3D","c":"pw","d":"pwned"}`
	assert.Equal(t, `{"a":"standin-1","b":"standin-1","c":"standin-2","d":"pwned"}`, sc.Replace(in))
	assert.Equal(t, "nothing", sc.Replace("nothing"))
	assert.NotContains(t, fmt.Sprintf("%v %#v", &sc, &sc), "tok")
}

func TestValuesAreTheSecretsFound(t *testing.T) {
	req, _ := http.NewRequest(http.MethodPost, "http://h/x?token=q-123456", strings.NewReader(`{"password":"pw-123456"}`))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", "Bearer b-123456")
	assert.ElementsMatch(t, []string{"b-123456", "q-123456", "pw-123456"}, FromRequest(req).Values())
	assert.Nil(t, (*Set)(nil).Values())
}
