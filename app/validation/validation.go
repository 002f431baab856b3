// Package validation carries field-level validation errors in a form the UI
// can attach to its inputs and translate by code.
package validation

import "strings"

// Codes are stable identifiers the UI translates; never change their values.
const (
	CodeRequired          = "required"
	CodeTooLong           = "too_long"
	CodeInvalidFormat     = "invalid_format"
	CodeInvalidChoice     = "invalid_choice"
	CodeMustBePositive    = "must_be_positive"
	CodeDuplicate         = "duplicate"
	CodeInvalidCharacters = "invalid_characters"
	CodeTooMany           = "too_many"
	CodeUnknownField      = "unknown_field"
)

// FieldError is one problem with one field.
type FieldError struct {
	// Field is the JSON path of the field, e.g. "email" or "custom_fields[2].id",
	// so the UI can find the input without knowing Go names.
	Field string `json:"field"`
	// Code is one of the Code constants.
	Code string `json:"code"`
	// Message is an English sentence a user can act on, used when the UI has no
	// translation for Code.
	Message string `json:"message"`
}

// Errors collects every problem found, so the user can fix them all at once
// instead of one per attempt.
type Errors []FieldError

// Add appends a problem.
func (e *Errors) Add(field, code, message string) {
	*e = append(*e, FieldError{Field: field, Code: code, Message: message})
}

// Error joins the messages with "; ".
func (e Errors) Error() string {
	msgs := make([]string, len(e))
	for i, fe := range e {
		msgs[i] = fe.Message
	}
	return strings.Join(msgs, "; ")
}

// Err returns nil when there are no problems. It exists because returning an
// empty Errors as error would make a non-nil error that means success.
func (e Errors) Err() error {
	if len(e) == 0 {
		return nil
	}
	return e
}
