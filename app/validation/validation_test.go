package validation_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"jedidesk-desktop/app/validation"
)

func TestErrReturnsNilWhenNothingWasAdded(t *testing.T) {
	var errs validation.Errors
	assert.NoError(t, errs.Err())
	assert.Nil(t, errs.Err(), "an empty Errors must not become a non-nil error interface")
}

func TestErrorJoinsMessagesInOrder(t *testing.T) {
	tests := []struct {
		name string
		add  [][3]string
		want string
	}{
		{"one", [][3]string{{"email", validation.CodeInvalidFormat, "email: enter an address like name@example.com"}}, "email: enter an address like name@example.com"},
		{"two", [][3]string{{"name", validation.CodeTooLong, "name: too long"}, {"phone", validation.CodeInvalidFormat, "phone: bad"}}, "name: too long; phone: bad"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var errs validation.Errors
			for _, a := range tt.add {
				errs.Add(a[0], a[1], a[2])
			}
			err := errs.Err()
			require.Error(t, err)
			assert.Equal(t, tt.want, err.Error())
		})
	}
}

func TestErrorsCanBeRecoveredWithErrorsAsThroughWrapping(t *testing.T) {
	var errs validation.Errors
	errs.Add("custom_fields[2].id", validation.CodeDuplicate, "custom_fields[2].id: used twice")
	wrapped := fmt.Errorf("save profile: %w", errs.Err())

	var got validation.Errors
	require.ErrorAs(t, wrapped, &got)
	assert.Equal(t, validation.Errors{{Field: "custom_fields[2].id", Code: validation.CodeDuplicate, Message: "custom_fields[2].id: used twice"}}, got)
}

func TestFieldErrorMarshalsWithLowercaseKeysForTheUI(t *testing.T) {
	data, err := json.Marshal(validation.FieldError{Field: "email", Code: validation.CodeRequired, Message: "m"})
	require.NoError(t, err)
	assert.JSONEq(t, `{"field":"email","code":"required","message":"m"}`, string(data))
}

func TestCodesKeepTheirWireValues(t *testing.T) {
	// The UI translates by these strings; changing one silently breaks translations.
	want := map[string]string{
		validation.CodeRequired:          "required",
		validation.CodeTooLong:           "too_long",
		validation.CodeInvalidFormat:     "invalid_format",
		validation.CodeInvalidChoice:     "invalid_choice",
		validation.CodeMustBePositive:    "must_be_positive",
		validation.CodeDuplicate:         "duplicate",
		validation.CodeInvalidCharacters: "invalid_characters",
		validation.CodeTooMany:           "too_many",
		validation.CodeUnknownField:      "unknown_field",
	}
	for got, wantValue := range want {
		assert.Equal(t, wantValue, got)
	}
	assert.Len(t, want, 9, "codes must be distinct")
}

func TestErrorsAsFailsForOtherErrors(t *testing.T) {
	var got validation.Errors
	assert.False(t, errors.As(errors.New("disk full"), &got))
}
