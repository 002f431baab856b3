// Package profile holds the local user profile that the app hands to the
// JediDesk widget as JediDesk("customerData", {...}).
package profile

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"net/mail"
	"regexp"
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"jedidesk-desktop/app/jsonfile"
	"jedidesk-desktop/app/validation"
)

// CustomField is a value for a custom field defined in the JediDesk account.
type CustomField struct {
	ID    int    `json:"id"`
	Value string `json:"value"`
}

// Profile is exactly the customerData object the widget accepts, so it can be
// passed to the widget without mapping.
type Profile struct {
	Name         string        `json:"name,omitempty"`
	Phone        string        `json:"phone,omitempty"`
	Email        string        `json:"email,omitempty"`
	Note         string        `json:"note,omitempty"`
	Language     string        `json:"language,omitempty"`
	CustomFields []CustomField `json:"custom_fields,omitempty"`
}

// Languages are the widget's interface languages.
var Languages = []string{"uk", "en", "ru"}

// Limits keep the profile within what the widget and helpdesk accept.
const (
	maxNameRunes        = 200
	maxEmailRunes       = 254 // RFC 5321 path limit
	maxNoteRunes        = 2000
	maxCustomFields     = 50
	maxCustomValueRunes = 1000
)

// phonePattern is the widget's own rule; a phone it rejects would be dropped.
var phonePattern = regexp.MustCompile(`^\+?[0-9]{5,20}$`)

// phoneSeparators are what people type between digit groups.
var phoneSeparators = strings.NewReplacer(" ", "", "-", "", "(", "", ")", "", ".", "")

// IsEmpty reports whether no field is set, in which case there is nothing to
// send to the widget.
func (p Profile) IsEmpty() bool {
	return p.Name == "" && p.Phone == "" && p.Email == "" && p.Note == "" &&
		p.Language == "" && len(p.CustomFields) == 0
}

// Normalized returns a copy with surrounding white space trimmed from every
// string and separators removed from the phone. An empty CustomFields becomes
// nil so that a profile equals itself after a JSON round trip.
func (p Profile) Normalized() Profile {
	p.Name = strings.TrimSpace(p.Name)
	p.Phone = phoneSeparators.Replace(strings.TrimSpace(p.Phone))
	p.Email = strings.TrimSpace(p.Email)
	p.Note = strings.TrimSpace(p.Note)
	p.Language = strings.TrimSpace(p.Language)
	if len(p.CustomFields) == 0 {
		p.CustomFields = nil
		return p
	}
	fields := make([]CustomField, len(p.CustomFields))
	for i, f := range p.CustomFields {
		fields[i] = CustomField{ID: f.ID, Value: strings.TrimSpace(f.Value)}
	}
	p.CustomFields = fields
	return p
}

// clone returns a copy that shares no memory with p.
func (p Profile) clone() Profile {
	p.CustomFields = slices.Clone(p.CustomFields)
	return p
}

// Validate checks p as given; callers normalize first. It reports at most one
// problem per field, so each input shows one message, and every field is
// checked. The error is a validation.Errors.
func (p Profile) Validate() error {
	var errs validation.Errors
	checkText(&errs, "name", p.Name, maxNameRunes, false)
	if checkText(&errs, "phone", p.Phone, 0, false) && p.Phone != "" && !phonePattern.MatchString(p.Phone) {
		errs.Add("phone", validation.CodeInvalidFormat, "phone: enter 5 to 20 digits, optionally starting with +, like +380501234567")
	}
	if checkText(&errs, "email", p.Email, maxEmailRunes, false) && p.Email != "" && !validEmail(p.Email) {
		errs.Add("email", validation.CodeInvalidFormat, "email: enter an address like name@example.com")
	}
	checkText(&errs, "note", p.Note, maxNoteRunes, true)
	if checkText(&errs, "language", p.Language, 0, false) && p.Language != "" && !slices.Contains(Languages, p.Language) {
		errs.Add("language", validation.CodeInvalidChoice, "language: choose one of "+strings.Join(Languages, ", "))
	}
	validateCustomFields(&errs, p.CustomFields)
	return errs.Err()
}

func validateCustomFields(errs *validation.Errors, fields []CustomField) {
	if len(fields) > maxCustomFields {
		errs.Add("custom_fields", validation.CodeTooMany, fmt.Sprintf("custom_fields: use at most %d custom fields", maxCustomFields))
	}
	firstIndex := make(map[int]int, len(fields))
	for i, f := range fields {
		idField := fmt.Sprintf("custom_fields[%d].id", i)
		if f.ID <= 0 {
			errs.Add(idField, validation.CodeMustBePositive, idField+": use the positive ID of the custom field")
		} else if first, seen := firstIndex[f.ID]; seen {
			errs.Add(idField, validation.CodeDuplicate, fmt.Sprintf("%s: ID %d is already used by custom_fields[%d]", idField, f.ID, first))
		} else {
			firstIndex[f.ID] = i
		}

		valueField := fmt.Sprintf("custom_fields[%d].value", i)
		if checkText(errs, valueField, f.Value, maxCustomValueRunes, false) && strings.TrimSpace(f.Value) == "" {
			errs.Add(valueField, validation.CodeRequired, valueField+": enter a value or remove the field")
		}
	}
}

// checkText adds an error for invalid characters or more than maxRunes runes
// (0 means no limit) and reports whether s passed, so that format checks run
// only on text that is otherwise fine. Control characters are refused because
// they are invisible in the UI and the widget; a note may still have line
// breaks and tabs.
func checkText(errs *validation.Errors, field, s string, maxRunes int, multiline bool) bool {
	if !utf8.ValidString(s) || strings.ContainsFunc(s, func(r rune) bool {
		return unicode.IsControl(r) && !(multiline && (r == '\n' || r == '\t'))
	}) {
		msg := field + ": remove invisible control characters"
		if multiline {
			msg += " (line breaks and tabs are fine)"
		}
		errs.Add(field, validation.CodeInvalidCharacters, msg)
		return false
	}
	if maxRunes > 0 && utf8.RuneCountInString(s) > maxRunes {
		errs.Add(field, validation.CodeTooLong, fmt.Sprintf("%s: use at most %d characters", field, maxRunes))
		return false
	}
	return true
}

// validEmail is stricter than net/mail alone: the widget wants a bare
// address, and net/mail accepts display names, angle brackets and
// domains without a dot.
func validEmail(email string) bool {
	local, domain, ok := strings.Cut(email, "@")
	if !ok || local == "" || strings.Contains(domain, "@") || strings.ContainsFunc(email, unicode.IsSpace) {
		return false
	}
	labels := strings.Split(domain, ".")
	if len(labels) < 2 || slices.Contains(labels, "") {
		return false
	}
	addr, err := mail.ParseAddress(email)
	return err == nil && addr.Address == email
}

// Keys the widget accepts. Checked before decoding because encoding/json
// matches keys case-insensitively and reports only the first unknown one.
var (
	profileKeys     = []string{"name", "phone", "email", "note", "language", "custom_fields"}
	customFieldKeys = []string{"id", "value"}
)

// Decode parses a profile from JSON strictly (unknown keys, trailing data and
// wrong types are errors), normalizes it and validates it. Unknown keys are
// reported as a validation.Errors with CodeUnknownField, one per key.
func Decode(data []byte) (Profile, error) {
	if !bytes.HasPrefix(bytes.TrimLeft(data, " \t\r\n"), []byte("{")) {
		return Profile{}, errors.New("decode profile: expected a JSON object")
	}
	if errs := unknownKeys(data); len(errs) > 0 {
		return Profile{}, errs.Err()
	}
	var p Profile
	if err := jsonfile.Decode(data, &p); err != nil {
		return Profile{}, fmt.Errorf("decode profile: %w", err)
	}
	p = p.Normalized()
	if err := p.Validate(); err != nil {
		return Profile{}, err
	}
	return p, nil
}

// unknownKeys lists keys that are not exactly ones the widget accepts. Input
// that is not shaped like a profile is left to the strict decoder to report.
func unknownKeys(data []byte) validation.Errors {
	var errs validation.Errors
	var top map[string]json.RawMessage
	if json.Unmarshal(data, &top) != nil {
		return nil
	}
	addUnknown(&errs, "", top, profileKeys)
	var fields []map[string]json.RawMessage
	if raw, ok := top["custom_fields"]; ok && json.Unmarshal(raw, &fields) == nil {
		for i, f := range fields {
			addUnknown(&errs, fmt.Sprintf("custom_fields[%d].", i), f, customFieldKeys)
		}
	}
	return errs
}

func addUnknown(errs *validation.Errors, prefix string, obj map[string]json.RawMessage, known []string) {
	keys := make([]string, 0, len(obj))
	for k := range obj {
		if !slices.Contains(known, k) {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys) // map order is random; messages should not be
	for _, k := range keys {
		field := prefix + k
		errs.Add(field, validation.CodeUnknownField, fmt.Sprintf("%s: unknown field; use only %s", field, strings.Join(known, ", ")))
	}
}
