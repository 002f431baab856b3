// Package tokencheck asks the widget's service whether it knows a widget token, with the same
// request the widget makes at start (GET api/widget/settings/{token}). A mistyped or revoked
// token is the most common set-up mistake, and the widget itself hides it: it still mounts and
// shows JediDesk's own default texts, so nobody at the company ever sees what the user writes.
package tokencheck

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// JediDeskAPI is where JediDesk's own widget (widget.jedidesk.com) asks for its settings.
const JediDeskAPI = "https://app.jedidesk.com"

// jediDeskWidgetHost serves the widget whose API is JediDeskAPI; a self-hosted widget asks its
// own host.
const jediDeskWidgetHost = "widget.jedidesk.com"

// Timeout bounds a check: the user is waiting for the settings to save.
const Timeout = 5 * time.Second

// Verdict is what the service said of a token.
type Verdict string

const (
	// Recognised: the service answered with the company behind the token.
	Recognised Verdict = "recognised"
	// NotRecognised: the service answered, but not with a company (404, an error page, a
	// body without data.company).
	NotRecognised Verdict = "unrecognised"
	// Unreachable: no answer (offline, DNS, timeout): nothing is known about the token.
	Unreachable Verdict = "unreachable"
)

// Result is a check's outcome; Company is the company's name when recognised (may be "").
type Result struct {
	Verdict Verdict
	Company string
	// Err says why the service could not be reached.
	Err error
}

// APIBase is the origin the widget loaded from widgetURL asks for its settings.
func APIBase(widgetURL string) (string, error) {
	u, err := url.Parse(widgetURL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return "", fmt.Errorf("the widget address %q is not an http(s) address", widgetURL)
	}
	if strings.EqualFold(u.Host, jediDeskWidgetHost) {
		return JediDeskAPI, nil
	}
	return u.Scheme + "://" + u.Host, nil
}

// SettingsPath is the path of the widget's settings request, for matching it when the widget
// makes it.
const SettingsPath = "/api/widget/settings/"

// Check asks apiBase's service about token.
func Check(ctx context.Context, client *http.Client, apiBase, token string) Result {
	ctx, cancel := context.WithTimeout(ctx, Timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, apiBase+SettingsPath+url.PathEscape(token), nil)
	if err != nil {
		return Result{Verdict: Unreachable, Err: err}
	}
	req.Header.Set("Accept", "application/json")
	resp, err := client.Do(req)
	if err != nil {
		return Result{Verdict: Unreachable, Err: fmt.Errorf("the widget's service did not answer: %w", err)}
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	if err != nil {
		return Result{Verdict: Unreachable, Err: fmt.Errorf("the widget's service's answer broke off: %w", err)}
	}
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return Result{Verdict: NotRecognised}
	}
	company, ok := Company(body)
	if !ok {
		return Result{Verdict: NotRecognised}
	}
	return Result{Verdict: Recognised, Company: company}
}

// Company reads the company out of a settings answer: data.company, a name or an object with
// one. Anything else (not JSON, no data.company) is no company; the exact shape of the real
// service's answer is not known, so a non-empty company without a readable name still counts.
func Company(body []byte) (string, bool) {
	var answer struct {
		Data *struct {
			Company json.RawMessage `json:"company"`
		} `json:"data"`
	}
	if err := json.Unmarshal(body, &answer); err != nil || answer.Data == nil {
		return "", false
	}
	raw := answer.Data.Company
	if len(raw) == 0 || string(raw) == "null" || string(raw) == `""` || string(raw) == "{}" || string(raw) == "false" {
		return "", false
	}
	var name string
	if json.Unmarshal(raw, &name) == nil {
		return limit(name), true
	}
	var named struct {
		Name string `json:"name"`
	}
	if json.Unmarshal(raw, &named) == nil {
		return limit(named.Name), true
	}
	return "", true
}

func limit(s string) string {
	r := []rune(strings.TrimSpace(s))
	if len(r) > 80 {
		r = r[:80]
	}
	return string(r)
}
