package app

import (
	"context"
	"fmt"
	"strings"

	"jedidesk-desktop/app/settings"
	"jedidesk-desktop/app/tokencheck"
	"jedidesk-desktop/app/validation"
)

// CodeUnrecognised is the field error of a token the widget's service does not know.
const CodeUnrecognised = "unrecognised"

// checkNewToken asks the widget's service about the token s would save, when it is a new one
// (or a new address for it) and well-formed; otherwise the zero Result (nothing to check).
func (a *App) checkNewToken(s, old settings.Settings) tokencheck.Result {
	token := strings.TrimSpace(s.Token)
	widgetURL, err := settings.NormalizeWidgetURL(s.WidgetURL)
	if token == "" || err != nil || settings.ValidateToken(token) != nil ||
		(token == old.Token && widgetURL == old.WidgetURL) {
		return tokencheck.Result{}
	}
	// The widget loads from the command line's address when there is one, whatever is saved.
	effective := widgetURL
	if a.overrides.WidgetURL != "" {
		effective = a.overrides.WidgetURL
	}
	if effective == "" {
		effective = settings.DefaultWidgetURL
	}
	api, err := tokencheck.APIBase(effective)
	if err != nil {
		return tokencheck.Result{}
	}
	return tokencheck.Check(context.Background(), a.http, api, token)
}

// unrecognisedToken is the answer to a save whose token the service does not know and the
// user has not confirmed: nothing is saved.
func (a *App) unrecognisedToken() SettingsResult {
	fmt.Fprintln(a.log, "jedidesk-desktop: refused a settings change: token (unrecognised by the widget's service)")
	return SettingsResult{Errors: []validation.FieldError{{Field: "token", Code: CodeUnrecognised,
		Message: "token: the widget's service does not know this token; check it in the JediDesk admin panel"}}}
}
