package profile_test

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/require"

	"jedidesk-desktop/app/profile"
)

// FuzzDecode protects the contract the widget bridge relies on: whatever the
// input, Decode does not panic, and whatever it accepts is valid and survives
// being written and read again. More seeds live in testdata/fuzz/FuzzDecode.
func FuzzDecode(f *testing.F) {
	for _, seed := range []string{
		`{}`,
		`{"name":" Ann ","phone":"+38 (050) 123-45-67","email":"a@example.com","note":"x\ny","language":"uk","custom_fields":[{"id":1,"value":"v"}]}`,
		`{"name":"\u003c/script\u003e \"q\" \\ 🎉 Олена"}`,
		`{"custom_fields":[{"id":1,"value":"a"},{"id":1,"value":"b"}]}`,
		`{"Name":"case"}`,
		`{"name":"\ud800"}`,
		`{} trailing`,
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		p, err := profile.Decode(data)
		if err != nil {
			return
		}
		require.NoError(t, p.Validate(), "Decode accepted %q but the result does not validate", data)

		encoded, err := json.Marshal(p)
		require.NoError(t, err)
		again, err := profile.Decode(encoded)
		require.NoError(t, err, "Decode rejected its own output %s", encoded)
		require.Equal(t, p, again)
	})
}
