package profile_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"jedidesk-desktop/app/profile"
	"jedidesk-desktop/app/validation"
)

// problem is the part of a FieldError the UI relies on; messages are checked separately.
type problem struct{ Field, Code string }

func problems(t *testing.T, err error) []problem {
	t.Helper()
	var errs validation.Errors
	require.ErrorAs(t, err, &errs)
	out := make([]problem, len(errs))
	for i, e := range errs {
		out[i] = problem{e.Field, e.Code}
		assert.True(t, strings.HasPrefix(e.Message, e.Field+": "), "message %q should name its field", e.Message)
	}
	return out
}

func fields(n int, value string) []profile.CustomField {
	out := make([]profile.CustomField, n)
	for i := range out {
		out[i] = profile.CustomField{ID: i + 1, Value: value}
	}
	return out
}

const tricky = `He said "hi" \ back\slash </script><script>alert(1)</script> 🎉 Привіт, світе`

func TestValidateAcceptsValidProfiles(t *testing.T) {
	tests := []struct {
		name string
		p    profile.Profile
	}{
		{"empty profile", profile.Profile{}},
		{"every field set", profile.Profile{
			Name: "Olena Kovalenko", Phone: "+380501234567", Email: "olena@example.com",
			Note: "VIP", Language: "uk", CustomFields: []profile.CustomField{{ID: 7, Value: "Kyiv"}},
		}},
		{"quotes, backslashes, script tags, emoji and Cyrillic", profile.Profile{
			Name: `O'Brien "Junior" \ </script> 🎉 Олена`, Note: tricky, CustomFields: []profile.CustomField{{ID: 1, Value: tricky}},
		}},
		{"cyrillic name", profile.Profile{Name: "Олена Коваленко"}},
		{"note with line breaks and tabs", profile.Profile{Note: "line one\nline two\n\tindented"}},
		{"name at 200 runes of two-byte letters", profile.Profile{Name: strings.Repeat("я", 200)}},
		{"note at 2000 runes of emoji", profile.Profile{Note: strings.Repeat("🎉", 2000)}},
		{"email at 254 runes", profile.Profile{Email: strings.Repeat("a", 64) + "@" + strings.Repeat("b", 185) + ".com"}},
		{"custom value at 1000 runes", profile.Profile{CustomFields: []profile.CustomField{{ID: 1, Value: strings.Repeat("ж", 1000)}}}},
		{"50 custom fields", profile.Profile{CustomFields: fields(50, "v")}},
		{"phone with 5 digits", profile.Profile{Phone: "12345"}},
		{"phone with 20 digits and plus", profile.Profile{Phone: "+" + strings.Repeat("9", 20)}},
		{"email with plus and subdomain", profile.Profile{Email: "first.last+tag@mail.example.co.uk"}},
		{"internationalized email", profile.Profile{Email: "олена@приклад.укр"}},
		{"language uk", profile.Profile{Language: "uk"}},
		{"language en", profile.Profile{Language: "en"}},
		{"language ru", profile.Profile{Language: "ru"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.NoError(t, tt.p.Validate())
		})
	}
}

func TestValidateRejectsEachBrokenRule(t *testing.T) {
	tests := []struct {
		name string
		p    profile.Profile
		want []problem
	}{
		{"name over 200 runes", profile.Profile{Name: strings.Repeat("я", 201)}, []problem{{"name", validation.CodeTooLong}}},
		{"name with NUL", profile.Profile{Name: "Ann\x00"}, []problem{{"name", validation.CodeInvalidCharacters}}},
		{"name with line break", profile.Profile{Name: "Ann\nSmith"}, []problem{{"name", validation.CodeInvalidCharacters}}},
		{"name with invalid UTF-8", profile.Profile{Name: "Ann\xff"}, []problem{{"name", validation.CodeInvalidCharacters}}},
		{"name with C1 control", profile.Profile{Name: "Ann\u0085"}, []problem{{"name", validation.CodeInvalidCharacters}}},
		{"phone with 4 digits", profile.Profile{Phone: "1234"}, []problem{{"phone", validation.CodeInvalidFormat}}},
		{"phone with 21 digits", profile.Profile{Phone: strings.Repeat("1", 21)}, []problem{{"phone", validation.CodeInvalidFormat}}},
		{"phone with letters", profile.Profile{Phone: "+38050ABC4567"}, []problem{{"phone", validation.CodeInvalidFormat}}},
		{"phone with two pluses", profile.Profile{Phone: "++380501234567"}, []problem{{"phone", validation.CodeInvalidFormat}}},
		{"phone with plus inside", profile.Profile{Phone: "380+501234567"}, []problem{{"phone", validation.CodeInvalidFormat}}},
		{"phone not normalized", profile.Profile{Phone: "+38 050 123 45 67"}, []problem{{"phone", validation.CodeInvalidFormat}}},
		{"phone with control character", profile.Profile{Phone: "12345\x1b"}, []problem{{"phone", validation.CodeInvalidCharacters}}},
		{"email without at", profile.Profile{Email: "plainaddress"}, []problem{{"email", validation.CodeInvalidFormat}}},
		{"email without dot in domain", profile.Profile{Email: "a@localhost"}, []problem{{"email", validation.CodeInvalidFormat}}},
		{"email with two ats", profile.Profile{Email: "a@b@example.com"}, []problem{{"email", validation.CodeInvalidFormat}}},
		{"email with empty local part", profile.Profile{Email: "@example.com"}, []problem{{"email", validation.CodeInvalidFormat}}},
		{"email with leading dot in domain", profile.Profile{Email: "a@.example.com"}, []problem{{"email", validation.CodeInvalidFormat}}},
		{"email with empty domain label", profile.Profile{Email: "a@example..com"}, []problem{{"email", validation.CodeInvalidFormat}}},
		{"email with trailing dot", profile.Profile{Email: "a@example.com."}, []problem{{"email", validation.CodeInvalidFormat}}},
		{"email with space", profile.Profile{Email: "a b@example.com"}, []problem{{"email", validation.CodeInvalidFormat}}},
		{"email with no-break space", profile.Profile{Email: "a\u00a0b@example.com"}, []problem{{"email", validation.CodeInvalidFormat}}},
		{"email with display name", profile.Profile{Email: "Ann <a@example.com>"}, []problem{{"email", validation.CodeInvalidFormat}}},
		{"email in angle brackets", profile.Profile{Email: "<a@example.com>"}, []problem{{"email", validation.CodeInvalidFormat}}},
		{"email with quoted local part", profile.Profile{Email: `"a"@example.com`}, []problem{{"email", validation.CodeInvalidFormat}}},
		{"email with double dot in local part", profile.Profile{Email: "a..b@example.com"}, []problem{{"email", validation.CodeInvalidFormat}}},
		{"email over 254 runes", profile.Profile{Email: strings.Repeat("a", 64) + "@" + strings.Repeat("b", 186) + ".com"}, []problem{{"email", validation.CodeTooLong}}},
		{"email with tab", profile.Profile{Email: "a@example.com\t"}, []problem{{"email", validation.CodeInvalidCharacters}}},
		{"note over 2000 runes", profile.Profile{Note: strings.Repeat("🎉", 2001)}, []problem{{"note", validation.CodeTooLong}}},
		{"note with bell", profile.Profile{Note: "ding\a"}, []problem{{"note", validation.CodeInvalidCharacters}}},
		{"note with carriage return", profile.Profile{Note: "a\r\nb"}, []problem{{"note", validation.CodeInvalidCharacters}}},
		{"language not offered", profile.Profile{Language: "de"}, []problem{{"language", validation.CodeInvalidChoice}}},
		{"language in upper case", profile.Profile{Language: "EN"}, []problem{{"language", validation.CodeInvalidChoice}}},
		{"language spelled out", profile.Profile{Language: "english"}, []problem{{"language", validation.CodeInvalidChoice}}},
		{"language with control character", profile.Profile{Language: "en\x00"}, []problem{{"language", validation.CodeInvalidCharacters}}},
		{"51 custom fields", profile.Profile{CustomFields: fields(51, "v")}, []problem{{"custom_fields", validation.CodeTooMany}}},
		{"custom field id zero", profile.Profile{CustomFields: []profile.CustomField{{ID: 0, Value: "v"}}}, []problem{{"custom_fields[0].id", validation.CodeMustBePositive}}},
		{"custom field id negative", profile.Profile{CustomFields: []profile.CustomField{{ID: 1, Value: "v"}, {ID: -3, Value: "v"}}}, []problem{{"custom_fields[1].id", validation.CodeMustBePositive}}},
		{"duplicate custom field id is reported on the later one", profile.Profile{CustomFields: []profile.CustomField{{ID: 4, Value: "a"}, {ID: 5, Value: "b"}, {ID: 4, Value: "c"}}}, []problem{{"custom_fields[2].id", validation.CodeDuplicate}}},
		{"custom field value empty", profile.Profile{CustomFields: []profile.CustomField{{ID: 1, Value: ""}}}, []problem{{"custom_fields[0].value", validation.CodeRequired}}},
		{"custom field value only spaces", profile.Profile{CustomFields: []profile.CustomField{{ID: 1, Value: "   "}}}, []problem{{"custom_fields[0].value", validation.CodeRequired}}},
		{"custom field value over 1000 runes", profile.Profile{CustomFields: []profile.CustomField{{ID: 1, Value: strings.Repeat("ж", 1001)}}}, []problem{{"custom_fields[0].value", validation.CodeTooLong}}},
		{"custom field value with line break", profile.Profile{CustomFields: []profile.CustomField{{ID: 1, Value: "a\nb"}}}, []problem{{"custom_fields[0].value", validation.CodeInvalidCharacters}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, problems(t, tt.p.Validate()))
		})
	}
}

func TestValidateReportsEveryBrokenFieldAtOnce(t *testing.T) {
	p := profile.Profile{
		Name:     strings.Repeat("x", 201),
		Phone:    "12",
		Email:    "nope",
		Note:     "\x00",
		Language: "fr",
		CustomFields: []profile.CustomField{
			{ID: 1, Value: "ok"},
			{ID: 1, Value: ""},
			{ID: -1, Value: "ok"},
		},
	}

	assert.Equal(t, []problem{
		{"name", validation.CodeTooLong},
		{"phone", validation.CodeInvalidFormat},
		{"email", validation.CodeInvalidFormat},
		{"note", validation.CodeInvalidCharacters},
		{"language", validation.CodeInvalidChoice},
		{"custom_fields[1].id", validation.CodeDuplicate},
		{"custom_fields[1].value", validation.CodeRequired},
		{"custom_fields[2].id", validation.CodeMustBePositive},
	}, problems(t, p.Validate()))
}

func TestValidateMessagesTellTheUserWhatToDo(t *testing.T) {
	err := profile.Profile{Email: "nope", Language: "fr", CustomFields: []profile.CustomField{{ID: 3, Value: "a"}, {ID: 3, Value: "b"}}}.Validate()
	require.Error(t, err)
	assert.Equal(t, "email: enter an address like name@example.com; "+
		"language: choose one of uk, en, ru; "+
		"custom_fields[1].id: ID 3 is already used by custom_fields[0]", err.Error())
}

func TestNormalized(t *testing.T) {
	tests := []struct {
		name string
		in   profile.Profile
		want profile.Profile
	}{
		{"trims every string", profile.Profile{
			Name: "  Ann \t", Email: " a@example.com\n", Note: "\n note \n", Language: " en ",
			CustomFields: []profile.CustomField{{ID: 1, Value: "  v  "}},
		}, profile.Profile{
			Name: "Ann", Email: "a@example.com", Note: "note", Language: "en",
			CustomFields: []profile.CustomField{{ID: 1, Value: "v"}},
		}},
		{"keeps inner white space", profile.Profile{Name: "Ann  Smith", Note: "a\n\nb"}, profile.Profile{Name: "Ann  Smith", Note: "a\n\nb"}},
		{"phone with spaces, dashes and parentheses", profile.Profile{Phone: " +38 (050) 123-45-67 "}, profile.Profile{Phone: "+380501234567"}},
		{"phone with dots", profile.Profile{Phone: "050.123.45.67"}, profile.Profile{Phone: "0501234567"}},
		{"phone keeps other characters for validation to reject", profile.Profile{Phone: "+38/050"}, profile.Profile{Phone: "+38/050"}},
		{"empty custom fields become nil", profile.Profile{CustomFields: []profile.CustomField{}}, profile.Profile{}},
		{"non-ASCII white space is trimmed", profile.Profile{Name: "\u00a0Олена\u3000"}, profile.Profile{Name: "Олена"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, tt.in.Normalized())
		})
	}
}

func TestNormalizedPhonesPassValidation(t *testing.T) {
	for _, phone := range []string{"+38 (050) 123-45-67", "(050) 123 45 67", "050.123.45.67", "+1-202-555-0143", " 12345 "} {
		t.Run(phone, func(t *testing.T) {
			assert.NoError(t, profile.Profile{Phone: phone}.Normalized().Validate())
		})
	}
}

func TestNormalizedDoesNotShareCustomFieldsWithTheOriginal(t *testing.T) {
	in := profile.Profile{CustomFields: []profile.CustomField{{ID: 1, Value: "a"}}}
	out := in.Normalized()
	out.CustomFields[0].Value = "changed"
	assert.Equal(t, "a", in.CustomFields[0].Value)
}

func TestIsEmpty(t *testing.T) {
	tests := []struct {
		name string
		p    profile.Profile
		want bool
	}{
		{"zero value", profile.Profile{}, true},
		{"empty custom fields slice", profile.Profile{CustomFields: []profile.CustomField{}}, true},
		{"name", profile.Profile{Name: "a"}, false},
		{"phone", profile.Profile{Phone: "12345"}, false},
		{"email", profile.Profile{Email: "a@b.c"}, false},
		{"note", profile.Profile{Note: "n"}, false},
		{"language", profile.Profile{Language: "en"}, false},
		{"custom field", profile.Profile{CustomFields: []profile.CustomField{{ID: 1, Value: "v"}}}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, tt.p.IsEmpty())
		})
	}
}

func TestProfileMarshalsToTheWidgetCustomerDataKeys(t *testing.T) {
	full, err := json.Marshal(profile.Profile{
		Name: "n", Phone: "12345", Email: "a@b.c", Note: "x", Language: "en",
		CustomFields: []profile.CustomField{{ID: 1, Value: "v"}},
	})
	require.NoError(t, err)
	assert.JSONEq(t, `{"name":"n","phone":"12345","email":"a@b.c","note":"x","language":"en","custom_fields":[{"id":1,"value":"v"}]}`, string(full))

	empty, err := json.Marshal(profile.Profile{})
	require.NoError(t, err)
	assert.Equal(t, `{}`, string(empty), "unset fields must not reach the widget")
}

func TestDecodeAcceptsAndNormalizes(t *testing.T) {
	tests := []struct {
		name  string
		input string
		want  profile.Profile
	}{
		{"empty object", `{}`, profile.Profile{}},
		{"every field", `{"name":" Ann ","phone":"+38 (050) 123-45-67","email":"a@example.com","note":"hi","language":"uk","custom_fields":[{"id":2,"value":" v "}]}`,
			profile.Profile{Name: "Ann", Phone: "+380501234567", Email: "a@example.com", Note: "hi", Language: "uk", CustomFields: []profile.CustomField{{ID: 2, Value: "v"}}}},
		{"escaped characters", `{"name":"\"q\" \\ \u003c/script\u003e \ud83c\udf89 \u041e"}`, profile.Profile{Name: `"q" \ </script> 🎉 О`}},
		{"null fields", `{"name":null,"custom_fields":null}`, profile.Profile{}},
		{"empty custom fields", `{"custom_fields":[]}`, profile.Profile{}},
		{"surrounding white space", "\n {\"name\":\"Ann\"} \n", profile.Profile{Name: "Ann"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := profile.Decode([]byte(tt.input))
			require.NoError(t, err)
			assert.Equal(t, tt.want, got)
		})
	}
}

func TestDecodeReportsUnknownKeysAsFieldErrors(t *testing.T) {
	tests := []struct {
		name  string
		input string
		want  []problem
	}{
		{"top-level key", `{"name":"Ann","age":3}`, []problem{{"age", validation.CodeUnknownField}}},
		{"key in wrong case", `{"Name":"Ann"}`, []problem{{"Name", validation.CodeUnknownField}}},
		{"several keys in stable order", `{"zeta":1,"alpha":2}`, []problem{{"alpha", validation.CodeUnknownField}, {"zeta", validation.CodeUnknownField}}},
		{"key inside a custom field", `{"custom_fields":[{"id":1,"value":"v"},{"id":2,"value":"v","label":"x"}]}`, []problem{{"custom_fields[1].label", validation.CodeUnknownField}}},
		{"camel-case custom fields", `{"customFields":[]}`, []problem{{"customFields", validation.CodeUnknownField}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := profile.Decode([]byte(tt.input))
			assert.Equal(t, tt.want, problems(t, err))
			assert.Equal(t, profile.Profile{}, got)
		})
	}
}

func TestDecodeRejectsMalformedJSON(t *testing.T) {
	tests := []struct {
		name, input, want string
	}{
		{"not JSON", `name=Ann`, "expected a JSON object"},
		{"null", `null`, "expected a JSON object"},
		{"array", `[{"name":"Ann"}]`, "expected a JSON object"},
		{"string", `"Ann"`, "expected a JSON object"},
		{"empty", ``, "expected a JSON object"},
		{"truncated", `{"name":"Ann"`, "unexpected EOF"},
		{"trailing data", `{"name":"Ann"} x`, "unexpected data after the JSON value"},
		{"two objects", `{}{}`, "unexpected data after the JSON value"},
		{"name is a number", `{"name":1}`, "cannot unmarshal number"},
		{"id is a string", `{"custom_fields":[{"id":"1","value":"v"}]}`, "cannot unmarshal string"},
		{"id is fractional", `{"custom_fields":[{"id":1.5,"value":"v"}]}`, "cannot unmarshal number 1.5"},
		{"custom fields is an object", `{"custom_fields":{"id":1}}`, "cannot unmarshal object"},
		{"custom field is a string", `{"custom_fields":["x"]}`, "cannot unmarshal string"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := profile.Decode([]byte(tt.input))
			require.Error(t, err)
			assert.Contains(t, err.Error(), tt.want)
			var verrs validation.Errors
			assert.False(t, errors.As(err, &verrs), "syntax and type errors are not field errors")
			assert.Equal(t, profile.Profile{}, got)
		})
	}
}

func TestDecodeValidatesAfterNormalizing(t *testing.T) {
	got, err := profile.Decode([]byte(`{"email":" not-an-email ","language":"de","custom_fields":[{"id":0,"value":"  "}]}`))
	assert.Equal(t, []problem{
		{"email", validation.CodeInvalidFormat},
		{"language", validation.CodeInvalidChoice},
		{"custom_fields[0].id", validation.CodeMustBePositive},
		{"custom_fields[0].value", validation.CodeRequired},
	}, problems(t, err))
	assert.Equal(t, profile.Profile{}, got)
}

func TestSpecialCharactersRoundTripThroughJSONUnchanged(t *testing.T) {
	values := []string{`"quoted"`, `back\slash`, `</script><script>alert(1)</script>`, "🎉👍🏽", "Привіт, світе", "Ünïcödé & <b>"}
	for _, v := range values {
		t.Run(v, func(t *testing.T) {
			want := profile.Profile{Name: v, Note: v, CustomFields: []profile.CustomField{{ID: 1, Value: v}}}
			require.NoError(t, want.Validate())
			data, err := json.Marshal(want)
			require.NoError(t, err)

			got, err := profile.Decode(data)

			require.NoError(t, err)
			assert.Equal(t, want, got)
		})
	}
}

func ExampleDecode() {
	p, err := profile.Decode([]byte(`{"name":" Olena ","phone":"+38 (050) 123-45-67"}`))
	fmt.Printf("%q %q %v\n", p.Name, p.Phone, err)
	// Output: "Olena" "+380501234567" <nil>
}
