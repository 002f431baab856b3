package app

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	neturl "net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"jedidesk-desktop/app/brand"
	"jedidesk-desktop/app/navguard"
	"jedidesk-desktop/app/profile"
	"jedidesk-desktop/app/settings"
	"jedidesk-desktop/app/widget"
)

func newApp(t *testing.T, files map[string]string, overrides Overrides) (*App, string, *bytes.Buffer) {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "jedidesk-desktop")
	require.NoError(t, os.MkdirAll(dir, 0o700))
	for name, content := range files {
		require.NoError(t, os.WriteFile(filepath.Join(dir, name), []byte(content), 0o600))
	}
	var log bytes.Buffer
	a, _ := New(Setup{Brand: brand.Default(), ConfigDir: dir, CacheDir: filepath.Join(t.TempDir(), "cache")}, overrides, &log)
	// No network in tests: the widget's service is whatever a test puts here.
	a.settings.http = &http.Client{Transport: offline{}}
	return a, dir, &log
}

// testFrameURL is where the widget's frame is on Linux, where the tests run.
const testFrameURL = "wails://widget/widget-frame.html"

// offline is a network with nothing on it.
type offline struct{}

func (offline) RoundTrip(*http.Request) (*http.Response, error) {
	return nil, errors.New("network is unreachable")
}

func TestTheWidgetComesFromTheFlagThenTheSettingsThenTheTokenElseTheDemo(t *testing.T) {
	tests := []struct {
		name      string
		settings  string
		overrides Overrides
		want      WidgetSource
	}{
		{"nothing set runs the demo", "", Overrides{}, WidgetSource{WidgetURL: DemoWidgetURL, Demo: true}},
		{"a saved token uses JediDesk's widget", `{"token":"abc"}`, Overrides{}, WidgetSource{Token: "abc", WidgetURL: "https://widget.jedidesk.com"}},
		{"a token flag uses JediDesk's widget", "", Overrides{Token: "t1"}, WidgetSource{Token: "t1", WidgetURL: "https://widget.jedidesk.com"}},
		{"the token flag beats the saved token", `{"token":"abc"}`, Overrides{Token: "t1"}, WidgetSource{Token: "t1", WidgetURL: "https://widget.jedidesk.com"}},
		{"a saved widget URL without a token is not the demo", `{"widget_url":"https://self.example.com"}`, Overrides{}, WidgetSource{WidgetURL: "https://self.example.com"}},
		{"the widget URL flag beats the saved one", `{"token":"abc","widget_url":"https://self.example.com"}`, Overrides{WidgetURL: "http://127.0.0.1:9"}, WidgetSource{Token: "abc", WidgetURL: "http://127.0.0.1:9"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			files := map[string]string{}
			if tt.settings != "" {
				files["settings.json"] = tt.settings
			}
			a, _, _ := newApp(t, files, tt.overrides)
			tt.want.FrameURL = testFrameURL
			if !tt.want.Demo {
				tt.want.FilesURL = "wails://widget/"
			}
			assert.Equal(t, tt.want, a.source())
		})
	}
}

func TestTheWidgetLanguageFollowsTheProfile(t *testing.T) {
	a, _, _ := newApp(t, map[string]string{"profile.json": `{"language":"ru"}`}, Overrides{})
	assert.Equal(t, "ru", a.source().Language)
}

func TestSaveProfileReturnsFieldErrorsAndWritesNothing(t *testing.T) {
	a, dir, _ := newApp(t, nil, Overrides{})
	res, err := a.preferences.SaveProfile(profile.Profile{Name: "Ivan", Email: "nope", Language: "de"})
	require.NoError(t, err, "invalid input is an answer for the form, not a failure")
	assert.False(t, res.Saved)
	var fields []string
	for _, e := range res.Errors {
		fields = append(fields, e.Field)
	}
	assert.ElementsMatch(t, []string{"email", "language"}, fields)
	assert.NoFileExists(t, filepath.Join(dir, "profile.json"))
}

func TestSaveProfileSavesAndQueuesTheProfileForTheWidget(t *testing.T) {
	a, dir, _ := newApp(t, nil, Overrides{})
	res, err := a.preferences.SaveProfile(profile.Profile{Name: " Ivan ", Phone: "+380 44 123-45-67"})
	require.NoError(t, err)
	assert.True(t, res.Saved)
	assert.Equal(t, profile.Profile{Name: "Ivan", Phone: "+380441234567"}, res.Profile)
	assert.Equal(t, widget.Waiting, res.Delivery.Status, "the widget has not mounted yet")
	assert.Equal(t, 1, a.bridge.State().Queued)
	assert.FileExists(t, filepath.Join(dir, "profile.json"))
	assert.Equal(t, res.Profile, a.profiles.Current())
}

func TestSaveProfileExplainsAWriteThatFailed(t *testing.T) {
	// A file where the config folder should be: nothing can be written under it.
	parent := t.TempDir()
	blocker := filepath.Join(parent, "jedidesk-desktop")
	require.NoError(t, os.WriteFile(blocker, []byte("x"), 0o600))
	var log bytes.Buffer
	a, _ := New(Setup{Brand: brand.Default(), ConfigDir: blocker}, Overrides{}, &log)
	assert.Contains(t, log.String(), "could not be read", "an unreadable profile is reported at start")

	_, err := a.preferences.SaveProfile(profile.Profile{Name: "Ivan"})
	require.Error(t, err)
	assert.Contains(t, err.Error(), "profile.json")
	assert.Len(t, a.chat.PageReady().Notices, 3, "settings, profile and the widget's storage all could not be read")
}

func TestACorruptFileBecomesANoticeNamingWhereItWasKept(t *testing.T) {
	a, dir, log := newApp(t, map[string]string{"profile.json": "{oops"}, Overrides{})
	notices := a.chat.PageReady().Notices
	require.Len(t, notices, 1)
	assert.Equal(t, "notice.profileCorrupt", notices[0].Key)
	assert.Contains(t, notices[0].Args["path"], filepath.Join(dir, "profile.json.corrupt-"))
	assert.Contains(t, log.String(), "The file was kept as "+notices[0].Args["path"])
	assert.True(t, a.profiles.Current().IsEmpty())
}

func TestWidgetEventsFromThePageAreChecked(t *testing.T) {
	a, _, _ := newApp(t, nil, Overrides{})
	assert.NoError(t, a.chat.WidgetEvent(widget.EventOpened, ""))
	assert.Error(t, a.chat.WidgetEvent("<img src=x onerror=alert(1)>", ""))
}

func TestTheWidgetPhaseIsLoggedWithoutPersonalData(t *testing.T) {
	a, _, log := newApp(t, map[string]string{"profile.json": `{"name":"Secret Name","email":"secret@example.com"}`}, Overrides{})
	a.chat.PageReady()
	a.chat.WidgetMounted()
	a.chat.OpenWidget()
	a.chat.WidgetFailed("script-error")
	a.chat.PageReady()
	a.chat.WidgetFailed("<b>whatever the page says</b>")
	assert.Equal(t, "jedidesk-desktop: widget loading\njedidesk-desktop: widget ready\njedidesk-desktop: details waiting for a chat to start\n"+
		"jedidesk-desktop: widget failed: script-error\n"+
		"jedidesk-desktop: widget loading\njedidesk-desktop: widget failed: unknown\n", log.String())
}

func TestTheDeliveryIsLoggedAsStatesNeverValues(t *testing.T) {
	a, _, log := newApp(t, map[string]string{"profile.json": `{"name":"Secret Name","email":"secret@example.com"}`}, Overrides{})
	a.chat.PageReady()
	a.chat.WidgetMounted()
	require.NoError(t, a.chat.ChatSocket("ready"))
	n := a.bridge.State().Delivery
	assert.Equal(t, widget.Sending, n.Status)
	// The request the socket's readiness made is number 2 (the mount made the first).
	require.NoError(t, a.chat.DeliveryReport(2, "app", ""))
	require.NoError(t, a.chat.ChatSocket("closed"))
	require.NoError(t, a.chat.ChatSocket("ready"))
	require.NoError(t, a.chat.DeliveryReport(3, "failed", "<script>x</script>"))
	assert.Equal(t, "unknown", a.bridge.State().Delivery.Reason, "the page's words are not logged")
	require.NoError(t, a.chat.DeliveryReport(3, "widget", ""))
	assert.NotContains(t, log.String(), "Secret")
	assert.NotContains(t, log.String(), "secret@")
	assert.Contains(t, log.String(), "details waiting for a chat to start\njedidesk-desktop: chat connected\njedidesk-desktop: details delivered by the app\n")
	assert.Contains(t, log.String(), "chat connection lost, the widget is reconnecting\njedidesk-desktop: chat connected\n")
	assert.Contains(t, log.String(), "details failed: unknown\njedidesk-desktop: details delivered by the widget\n")
	assert.NotContains(t, log.String(), "sending", "only what was seen is logged")
}

func TestWhatThePageSaysOfTheChatSocketIsChecked(t *testing.T) {
	a, _, _ := newApp(t, nil, Overrides{})
	assert.Error(t, a.chat.ChatSocket("open sesame"))
	assert.Error(t, a.chat.DeliveryReport(1, "delivered", ""))
	assert.Error(t, a.chat.DeliveryReport(1, "sending", ""), "only what was observed on the socket may be reported")
}

func TestTheUILanguageFollowsTheProfileAndChangesOnSave(t *testing.T) {
	t.Setenv("LC_ALL", "")
	t.Setenv("LC_MESSAGES", "")
	t.Setenv("LANG", "ru_RU.UTF-8")
	a, _, _ := newApp(t, nil, Overrides{})
	assert.Equal(t, "ru", a.chat.PageReady().Language.Code, "no profile language: the system locale")

	_, err := a.preferences.SaveProfile(profile.Profile{Name: "Taras", Language: "uk"})
	require.NoError(t, err)
	lang := a.chat.PageReady().Language
	assert.Equal(t, "uk", lang.Code)
	assert.Equal(t, "Відкрити чат", lang.Strings["menu.open"])
}

func TestFirstRunIsOnlyWithoutTokenAndProfile(t *testing.T) {
	a, _, _ := newApp(t, nil, Overrides{})
	assert.True(t, a.chat.PageReady().FirstRun)
	withToken, _, _ := newApp(t, nil, Overrides{Token: "abc"})
	assert.False(t, withToken.chat.PageReady().FirstRun)
	withProfile, _, _ := newApp(t, map[string]string{"profile.json": `{"name":"A"}`}, Overrides{})
	assert.False(t, withProfile.chat.PageReady().FirstRun)
}

func TestSaveSettingsValidatesAndChangesTheWidgetSource(t *testing.T) {
	a, dir, log := newApp(t, nil, Overrides{})
	res, err := a.preferences.SaveSettings(settings.Settings{Token: "bad token!", WidgetURL: "ftp://x"}, false)
	require.NoError(t, err)
	assert.False(t, res.Saved)
	assert.Len(t, res.Errors, 2)
	assert.NoFileExists(t, filepath.Join(dir, "settings.json"))
	assert.Contains(t, log.String(), "refused a settings change: token (")
	assert.Contains(t, log.String(), "widget_url (")
	assert.NotContains(t, log.String(), "ftp://x", "the refused values stay out of the log")

	res, err = a.preferences.SaveSettings(settings.Settings{Token: " abc123 "}, false)
	require.NoError(t, err)
	assert.True(t, res.Saved)
	assert.Equal(t, WidgetSource{Token: "abc123", WidgetURL: "https://widget.jedidesk.com", FrameURL: "wails://widget/widget-frame.html", FilesURL: "wails://widget/"}, a.source())
	info, err := os.Stat(filepath.Join(dir, "settings.json"))
	require.NoError(t, err)
	assert.Equal(t, os.FileMode(0o600), info.Mode().Perm())
}

func TestOnlyWebMailAndPhoneLinksLeaveTheApp(t *testing.T) {
	tests := []struct {
		url string
		ok  bool
	}{
		{"https://t.me/jedidesk", true},
		{"http://example.com/file.pdf", true},
		{"mailto:help@example.com", true},
		{"tel:+380441234567", true},
		{"file:///etc/passwd", false},
		{"javascript:alert(1)", false},
		{"jedidesk-desktop://open", false},
		{"https:///no-host", false},
		{"data:text/html,<script>alert(1)</script>", false},
		{"%zz", false},
	}
	for _, tt := range tests {
		t.Run(tt.url, func(t *testing.T) {
			a, _, log := newApp(t, nil, Overrides{})
			err := a.chat.OpenExternal(tt.url)
			if tt.ok {
				assert.NoError(t, err)
				assert.Empty(t, log.String())
			} else {
				assert.Error(t, err)
				assert.Contains(t, log.String(), "refused to open")
				assert.NotContains(t, log.String(), "passwd", "the log names the scheme, not the link")
			}
		})
	}
}

func TestEachOriginServesOnlyItsOwnDocumentWithItsOwnPolicy(t *testing.T) {
	a, hooks := New(Setup{Brand: brand.Default(), ConfigDir: t.TempDir(), CacheDir: t.TempDir()}, Overrides{WidgetURL: "http://127.0.0.1:9"}, &bytes.Buffer{})
	require.NotNil(t, hooks.Assets)
	assets := hooks.Assets(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Header().Set("Content-Length", "55")
		io.WriteString(w, "<!doctype html><html><head><title>x</title></head></html>")
	}))
	tests := []struct {
		url       string
		status    int
		policy    string // a directive the response's policy must have
		keyInPage bool
	}{
		{"wails://wails/", 200, "frame-ancestors 'none'", true},
		{"wails://wails/index.html", 200, "frame-src wails://widget;", true},
		{"wails://wails/assets/main.js", 200, "script-src 'self';", false},
		{"wails://widget/widget-frame.html", 200, "script-src 'self' http://127.0.0.1:9;", false},
		{"wails://widget/demo-widget/static/js/main.js", 200, "frame-ancestors wails://wails", false},
		{"wails://widget/", 404, "", false},
		{"wails://widget/index.html", 404, "", false},
		{"wails://wails/widget-frame.html", 404, "", false},
		{"wails://elsewhere/", 404, "", false},
	}
	for _, tt := range tests {
		t.Run(tt.url, func(t *testing.T) {
			rec := httptest.NewRecorder()
			assets.ServeHTTP(rec, httptest.NewRequest("GET", tt.url, nil))
			assert.Equal(t, tt.status, rec.Code)
			assert.Contains(t, rec.Header().Get("Content-Security-Policy"), tt.policy)
			assert.Equal(t, tt.keyInPage, strings.Contains(rec.Body.String(), a.assets.ipcKey), "the IPC key is only in the page")
			if tt.status == 200 {
				assert.Equal(t, "nosniff", rec.Header().Get("X-Content-Type-Options"))
			}
			if tt.keyInPage {
				assert.Contains(t, rec.Body.String(), `<head><meta name="jedidesk-ipc-key" content="`+a.assets.ipcKey+`"><meta name="jedidesk-frame" content="`+testFrameURL+`">`)
				assert.Empty(t, rec.Header().Get("Content-Length"), "the page grew by the key")
			}
		})
	}
}

// serveFrameFile serves url through the asset middleware of an app run, as Wails does, and
// ends the run (it writes what it keeps).
func serveFrameFile(t *testing.T, cacheDir string, overrides Overrides, log io.Writer, method, url string) *httptest.ResponseRecorder {
	t.Helper()
	_, hooks := New(Setup{Brand: brand.Default(), ConfigDir: t.TempDir(), CacheDir: cacheDir}, overrides, log)
	rec := httptest.NewRecorder()
	hooks.Assets(http.NotFoundHandler()).ServeHTTP(rec, httptest.NewRequest(method, url, nil))
	hooks.Shutdown(context.Background())
	return rec
}

func TestTheWidgetsFilesComeFromTheAppsRevalidatedCopyOnTheFramesOrigin(t *testing.T) {
	var mu sync.Mutex
	release := "release 1"
	var validators []string
	widgetServer := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		defer mu.Unlock()
		validators = append(validators, r.Header.Get("If-None-Match"))
		w.Header().Set("ETag", `"`+release+`"`)
		w.Header().Set("Content-Type", "text/javascript")
		if r.Header.Get("If-None-Match") == `"`+release+`"` {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		io.WriteString(w, release)
	}))
	defer widgetServer.Close()
	cacheDir := t.TempDir()
	load := func() *httptest.ResponseRecorder {
		return serveFrameFile(t, cacheDir, Overrides{WidgetURL: widgetServer.URL}, io.Discard, "GET", "wails://widget/static/js/main.js")
	}

	first := load()
	assert.Equal(t, http.StatusOK, first.Code)
	assert.Equal(t, "release 1", first.Body.String())
	assert.Equal(t, "text/javascript", first.Header().Get("Content-Type"))
	assert.Equal(t, "nosniff", first.Header().Get("X-Content-Type-Options"))
	assert.Equal(t, "release 1", load().Body.String())
	mu.Lock()
	release = "release 2"
	mu.Unlock()
	assert.Equal(t, "release 2", load().Body.String(), "a new release is used on the next start")
	mu.Lock()
	defer mu.Unlock()
	assert.Equal(t, []string{"", `"release 1"`, `"release 1"`}, validators, "every start asks the widget's server")
}

func TestWidgetFilesAreServedOnlyWhenTheyCanBe(t *testing.T) {
	offline := "http://127.0.0.1:9"
	tests := []struct {
		name      string
		cacheDir  bool
		overrides Overrides
		method    string
		url       string
		status    int
		logged    string
	}{
		{"the widget's server cannot be reached", true, Overrides{WidgetURL: offline}, "GET", "wails://widget/static/js/main.js?v=secret", 502,
			"the widget's file /static/js/main.js could not be fetched from http://127.0.0.1:9: Could not connect"},
		{"the demo has no server", true, Overrides{}, "GET", "wails://widget/static/js/main.js", 404, ""},
		{"no cache folder", false, Overrides{WidgetURL: offline}, "GET", "wails://widget/static/js/main.js", 404, ""},
		{"only reads", true, Overrides{WidgetURL: offline}, "POST", "wails://widget/static/js/main.js", 404, ""},
		{"only on the frame's origin", true, Overrides{WidgetURL: offline}, "GET", "wails://wails/static/js/main.js", 404, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var log bytes.Buffer
			cacheDir := ""
			if tt.cacheDir {
				cacheDir = t.TempDir()
			}
			rec := serveFrameFile(t, cacheDir, tt.overrides, &log, tt.method, tt.url)
			assert.Equal(t, tt.status, rec.Code)
			if tt.logged != "" {
				assert.Contains(t, log.String(), tt.logged)
			}
			assert.NotContains(t, log.String(), "secret", "the log names no query")
		})
	}
}

func TestTheFrameAsksForConnectionsToTheWidgetsAPIBeforeTheWidgetRuns(t *testing.T) {
	for _, tc := range []struct {
		name      string
		overrides Overrides
		want      []string
	}{
		{"JediDesk's widget", Overrides{Token: "t"}, []string{
			"<https://app.jedidesk.com>; rel=preconnect; crossorigin", "<https://app.jedidesk.com>; rel=preconnect",
		}},
		{"a widget on another host", Overrides{WidgetURL: "http://127.0.0.1:9"}, []string{
			"<https://app.jedidesk.com>; rel=preconnect; crossorigin", "<https://app.jedidesk.com>; rel=preconnect",
			"<http://127.0.0.1:9>; rel=preconnect; crossorigin", "<http://127.0.0.1:9>; rel=preconnect",
		}},
		{"the demo goes nowhere", Overrides{}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rec := serveFrameFile(t, "", tc.overrides, io.Discard, "GET", "wails://widget/widget-frame.html")
			assert.Equal(t, tc.want, rec.Header().Values("Link"))
		})
	}
}

func TestOnlyALoopbackAddressIsTakenAsTheTestProbe(t *testing.T) {
	tests := []struct{ given, want string }{
		{"http://127.0.0.1:8123", "http://127.0.0.1:8123"},
		{"http://127.0.0.1:8123/", "http://127.0.0.1:8123"},
		{"http://evil.example:8123", ""},
		{"https://127.0.0.1:8123", ""},
		{"http://127.0.0.1", ""},
		{"http://127.0.0.1:8123/x?y", ""},
		{"", ""},
	}
	for _, tt := range tests {
		t.Run(tt.given, func(t *testing.T) {
			a, _, log := newApp(t, nil, Overrides{TestProbe: tt.given})
			assert.Equal(t, tt.want, a.chat.PageReady().TestProbe)
			assert.Equal(t, tt.given != "" && tt.want == "", strings.Contains(log.String(), "ignored JEDIDESK_TEST_PROBE"))
		})
	}
}

func TestPolicyViolationsAreLoggedWithoutTheFullAddress(t *testing.T) {
	a, _, log := newApp(t, nil, Overrides{})
	a.chat.ReportViolation("script-src-elem", "https://evil.example.com/steal?email=olena@example.com")
	a.chat.ReportViolation("script-src-elem", "inline")
	assert.Equal(t, "jedidesk-desktop: content security policy blocked script-src-elem (https://evil.example.com)\n"+
		"jedidesk-desktop: content security policy blocked script-src-elem (inline)\n", log.String())
}

func TestNavigationsThePageStartsOnItsOwnAreOnlyLogged(t *testing.T) {
	a, _, log := newApp(t, nil, Overrides{})
	a.navigationBlocked(navguard.Blocked{URL: "https://evil.example.com/phish?u=olena"})
	a.navigationBlocked(navguard.Blocked{URL: "file:///etc/passwd", NewWindow: true})
	assert.Equal(t, "jedidesk-desktop: blocked the page's navigation to https://evil.example.com\n"+
		"jedidesk-desktop: refused to open a file: link from the page\n", log.String())
}

func TestTheWidgetsStorageIsKeptForTheNextStartWithinLimits(t *testing.T) {
	a, dir, log := newApp(t, nil, Overrides{})
	require.NoError(t, a.chat.SaveWidgetStorage(map[string]string{"jw_id": "v1"}))
	again, _ := New(Setup{Brand: brand.Default(), ConfigDir: dir}, Overrides{}, &bytes.Buffer{})
	assert.Equal(t, map[string]string{"jw_id": "v1"}, again.chat.PageReady().WidgetStorage)

	err := a.chat.SaveWidgetStorage(map[string]string{"jw_id": strings.Repeat("x", 1<<20)})
	require.Error(t, err)
	assert.Contains(t, log.String(), "the widget's storage was not kept")
	assert.NotContains(t, log.String(), "xxxx", "never the values")
	assert.Equal(t, map[string]string{"jw_id": "v1"}, a.chat.PageReady().WidgetStorage)
}

// tokenService stands in for the widget's service: it knows the tokens in known.
func tokenService(t *testing.T, known map[string]string) string {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		company, ok := known[strings.TrimPrefix(r.URL.Path, "/api/widget/settings/")]
		if !ok {
			http.NotFound(w, r)
			return
		}
		fmt.Fprintf(w, `{"data":{"company":%q}}`, company)
	}))
	t.Cleanup(srv.Close)
	return srv.URL
}

func TestANewTokenIsCheckedWithTheWidgetsServiceBeforeItIsSaved(t *testing.T) {
	api := tokenService(t, map[string]string{"good1": "Acme Support"})
	tests := []struct {
		name      string
		token     string
		keep      bool
		saved     bool
		company   string
		fieldCode string
	}{
		{"a known token is saved with its company", "good1", false, true, "Acme Support", ""},
		{"an unknown token is refused beside its field", "typo1", false, false, "", CodeUnrecognised},
		{"an unknown token the user confirms is saved", "typo1", true, true, "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, dir, log := newApp(t, nil, Overrides{})
			a.settings.http = &http.Client{}
			res, err := a.preferences.SaveSettings(settings.Settings{Token: tt.token, WidgetURL: api}, tt.keep)
			require.NoError(t, err)
			assert.Equal(t, tt.saved, res.Saved)
			assert.Equal(t, tt.company, res.Company)
			if tt.fieldCode != "" {
				require.Len(t, res.Errors, 1)
				assert.Equal(t, "token", res.Errors[0].Field)
				assert.Equal(t, tt.fieldCode, res.Errors[0].Code)
				assert.NoFileExists(t, filepath.Join(dir, "settings.json"), "nothing is saved")
				assert.Contains(t, log.String(), "token (unrecognised")
			}
			assert.NotContains(t, log.String(), tt.token, "the token never reaches the log")
		})
	}
}

func TestATokenThatCouldNotBeCheckedIsSavedWithANotice(t *testing.T) {
	a, dir, log := newApp(t, nil, Overrides{})
	res, err := a.preferences.SaveSettings(settings.Settings{Token: "abc123"}, false)
	require.NoError(t, err)
	assert.True(t, res.Saved)
	assert.FileExists(t, filepath.Join(dir, "settings.json"))
	notices := a.chat.PageReady().Notices
	require.NotEmpty(t, notices)
	assert.Equal(t, "notice.tokenUnchecked", notices[len(notices)-1].Key)
	assert.Contains(t, log.String(), "network is unreachable")
}

func TestAnUnchangedTokenIsNotAskedAboutAgain(t *testing.T) {
	a, _, _ := newApp(t, map[string]string{"settings.json": `{"token":"abc123"}`}, Overrides{})
	a.settings.http = &http.Client{Transport: roundTripFunc(func(*http.Request) (*http.Response, error) {
		t.Fatal("the service was asked about a token that did not change")
		return nil, nil
	})}
	res, err := a.preferences.SaveSettings(settings.Settings{Token: "abc123", Shortcut: "Ctrl+Alt+K"}, false)
	require.NoError(t, err)
	assert.True(t, res.Saved)
}

type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }
func TestZoomAndTheSwitchesAreRememberedAndTheSettingsFormDoesNotUndoThem(t *testing.T) {
	a, dir, _ := newApp(t, nil, Overrides{})
	a.zoomIn()
	a.zoomIn()
	require.NoError(t, a.preferences.SetSounds(false))
	require.NoError(t, a.preferences.SetAlwaysOnTop(true))

	res, err := a.preferences.SaveSettings(settings.Settings{Token: "abc"}, false)
	require.NoError(t, err)
	assert.Equal(t, settings.Settings{Token: "abc", Zoom: 125, AlwaysOnTop: true, SoundsOff: true}, res.Settings)

	a.zoomOut()
	reloaded := settings.NewStore(filepath.Join(dir, "settings.json"))
	require.NoError(t, reloaded.Load())
	assert.Equal(t, settings.Settings{Token: "abc", Zoom: 110, AlwaysOnTop: true, SoundsOff: true}, reloaded.Current())
}

func TestADropTooBigForTheChatIsLoggedWithoutItsNames(t *testing.T) {
	a, _, log := newApp(t, nil, Overrides{})
	dir := t.TempDir()
	paths := make([]string, 11)
	for i := range paths {
		paths[i] = filepath.Join(dir, "secret-plan.txt")
	}
	require.NoError(t, os.WriteFile(paths[0], []byte("x"), 0o600))
	a.filesDropped(10, 10, paths)
	assert.Contains(t, log.String(), "a dropped file was not attached: at most 10 files")
	assert.NotContains(t, log.String(), "secret-plan")
}

func TestTheWidgetsFirstRequestsAreAnsweredOnceFromRequestsTheAppStartedAtLaunch(t *testing.T) {
	var mu sync.Mutex
	asked := map[string]int{}
	service := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		asked[r.URL.Path+" from "+r.Header.Get("Origin")]++
		mu.Unlock()
		w.Header().Set("Access-Control-Allow-Origin", "*")
		switch r.URL.Path {
		case "/api/widget/settings/tok":
			w.Header().Set("Content-Type", "application/json")
			io.WriteString(w, `{"data":{"company":"Acme"}}`)
		case "/api/jsonip":
			w.Header().Set("Content-Type", "text/plain")
			io.WriteString(w, "{\"ip\":\"127.0.0.1\"}\n")
		default:
			http.NotFound(w, r)
		}
	}))
	defer service.Close()
	a, hooks := New(Setup{Brand: brand.Default(), ConfigDir: t.TempDir(), CacheDir: t.TempDir()}, Overrides{WidgetURL: service.URL, Token: "tok"}, io.Discard)
	settingsURL, jsonipURL := service.URL+"/api/widget/settings/tok", service.URL+"/api/jsonip"
	assert.Equal(t, []string{jsonipURL, settingsURL}, a.chat.EarlyAnswers(), "the app asked the widget's service at launch and tells the page")
	assert.Empty(t, a.chat.EarlyAnswers(), "a reloaded page's widget asks the service itself")

	serve := func(url string) *httptest.ResponseRecorder {
		rec := httptest.NewRecorder()
		hooks.Assets(http.NotFoundHandler()).ServeHTTP(rec, httptest.NewRequest("GET", url, nil))
		return rec
	}
	early := func(origin, url string) string { return origin + "/early-answer?url=" + neturl.QueryEscape(url) }
	assert.Equal(t, http.StatusNotFound, serve(early("wails://wails", jsonipURL)).Code, "only on the frame's origin")
	rec := serve(early("wails://widget", settingsURL))
	assert.Equal(t, http.StatusOK, rec.Code)
	assert.Equal(t, `{"data":{"company":"Acme"}}`, rec.Body.String())
	assert.Equal(t, "application/json", rec.Header().Get("Content-Type"))
	assert.Equal(t, "no-store", rec.Header().Get("Cache-Control"))
	assert.Equal(t, "{\"ip\":\"127.0.0.1\"}\n", serve(early("wails://widget", jsonipURL)).Body.String())
	assert.Equal(t, http.StatusNotFound, serve(early("wails://widget", settingsURL)).Code, "each answer once")
	assert.Equal(t, http.StatusNotFound, serve(early("wails://widget", service.URL+"/api/widget/settings/other")).Code, "nothing the app did not ask for")
	mu.Lock()
	defer mu.Unlock()
	assert.Equal(t, map[string]int{"/api/widget/settings/tok from wails://widget": 1, "/api/jsonip from wails://widget": 1}, asked)
}

func TestNoRequestIsStartedForTheDemoOrWithoutAToken(t *testing.T) {
	service := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		t.Errorf("the service was asked for %s", r.URL)
	}))
	defer service.Close()
	for _, overrides := range []Overrides{{}, {WidgetURL: service.URL}} {
		a, _ := New(Setup{Brand: brand.Default(), ConfigDir: t.TempDir(), CacheDir: t.TempDir()}, overrides, io.Discard)
		assert.Nil(t, a.early)
		assert.Equal(t, []string{}, a.chat.EarlyAnswers())
	}
}
