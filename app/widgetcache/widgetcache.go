// Package widgetcache keeps the JediDesk widget's files (its script, styles, fonts and images)
// on disk between runs and serves them to the widget's frame, so that a start downloads only
// what changed since the last one. The widget's install snippet defeats every HTTP cache with
// a cache-buster on its script; this cache is what replaces it.
//
// Nothing is served on trust: each file is revalidated with the widget's server
// (If-None-Match / If-Modified-Since) before its first use in a run, so a new release is used
// from the first start after it was published. A file the server sends without a validator,
// or marks no-store, is fetched anew every time. When the server cannot be reached, the kept
// copy is not served either: the widget fails to load and the app says so, as it would without
// the cache.
//
// The revalidations start with the app (Prefetch), before the webview has even started, for
// every file the widget used in earlier runs: by the time the widget's frame asks for them
// they are usually answered.
package widgetcache

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"jedidesk-desktop/app/jsonfile"
)

const (
	// Prefix is the part of the path under the widget's address that the cache serves: the
	// widget's built files. Its API and chat socket are the widget's own business.
	Prefix = "static/"
	// maxFileBytes bounds one file (the real script is 0.7 MB).
	maxFileBytes = 32 << 20
	// unusedFor is how long a file no run has asked for is kept (an old release's files).
	unusedFor = 30 * 24 * time.Hour
	// fetchTimeout is a little more than the widget frame's own 20 s wait for the widget.
	fetchTimeout = 25 * time.Second
	indexName    = "index.json"
)

// entry is a kept file: the validators the server gave it and the blob holding it.
type entry struct {
	ETag         string    `json:"etag,omitempty"`
	LastModified string    `json:"last_modified,omitempty"`
	ContentType  string    `json:"content_type"`
	SHA256       string    `json:"sha256"`
	Used         time.Time `json:"used"`
}

// index is the cache's file on disk: which widget address the files are of, and the files by
// their path under it (with the query, if any).
type index struct {
	Base  string           `json:"base"`
	Files map[string]entry `json:"files"`
}

// FailureKind is what stood between the app and a server.
type FailureKind int

const (
	// OtherFailure: anything not below (TLS, a broken answer…).
	OtherFailure FailureKind = iota
	// NameNotFound: the name did not resolve (no network, or no name service).
	NameNotFound
	// NoConnection: the host did not take the connection (down, unreachable, too slow).
	NoConnection
	// ProxyFailed: the proxy did not pass the request on.
	ProxyFailed
	// NotTrusted: the server's certificate is not one the system's authorities vouch for (a
	// TLS-inspecting proxy whose authority is not installed, or an impostor).
	NotTrusted
)

// NetworkError is a request that got no answer, with what kind of failure it met.
type NetworkError struct {
	Kind    FailureKind
	Message string
}

func (e *NetworkError) Error() string { return e.Message }

// File is a widget file as the frame gets it.
type File struct {
	Status      int
	ContentType string
	Body        []byte
	// Kept: the server confirmed the copy kept from an earlier run (it answered 304).
	Kept bool
}

// Response is what the widget's server answered, its body decoded.
type Response struct {
	Status int
	Header http.Header
	Body   []byte
}

// Fetcher sends a GET for url with header to the widget's server, following redirects, within
// fetchTimeout, and refuses a body over maxFileBytes.
type Fetcher func(url string, header http.Header) (Response, error)

// flight is one revalidation of a file in this run; later requests for the file wait for it.
type flight struct {
	done chan struct{}
	file File
	err  error
	// reusable: the result may be served again in this run (a revalidated, kept file).
	reusable bool
}

// Cache is the widget's files for one widget address at a time. Create it with New.
type Cache struct {
	dir   string
	fetch Fetcher
	now   func() time.Time
	// saving tracks index writes, which happen beside the serving (Wait).
	saving sync.WaitGroup
	saveMu sync.Mutex

	mu      sync.Mutex
	loaded  bool
	idx     index
	flights map[string]*flight
}

// New keeps files under dir (created when first needed) and fetches them with fetch.
func New(dir string, fetch Fetcher) *Cache {
	return &Cache{dir: dir, fetch: fetch, now: time.Now, flights: map[string]*flight{}}
}

// Base is the address the cache fetches a widget's files under: widgetURL with one trailing
// slash, as the install snippet resolves "static/js/main.js" against it. ok is false for
// anything but an absolute http(s) address.
func Base(widgetURL string) (base string, ok bool) {
	if !strings.HasPrefix(widgetURL, "https://") && !strings.HasPrefix(widgetURL, "http://") {
		return "", false
	}
	return strings.TrimRight(widgetURL, "/") + "/", true
}

// Prefetch starts, in the background, the revalidation of every file kept for base, so that
// they are ready when the widget asks for them.
func (c *Cache) Prefetch(base string) {
	c.mu.Lock()
	c.loadLocked(base)
	var kept []string
	for rel := range c.idx.Files {
		kept = append(kept, rel)
	}
	c.mu.Unlock()
	for _, rel := range kept {
		c.start(base, rel)
	}
}

// Get returns the widget file rel (a path under Prefix, with its query if any) of the widget
// at base: the kept copy if the server confirms it, else what the server sends. err is set
// only when the server could not be asked or answered nothing usable.
func (c *Cache) Get(ctx context.Context, base, rel string) (File, error) {
	if !servable(rel) {
		return File{}, fmt.Errorf("widget cache: %q is not a widget file", rel)
	}
	f := c.start(base, rel)
	select {
	case <-f.done:
	case <-ctx.Done():
		return File{}, ctx.Err()
	}
	if f.err == nil && f.reusable {
		file, err := c.readKept(base, rel)
		file.Kept = f.file.Kept
		return file, err
	}
	return f.file, f.err
}

// start returns this run's flight for rel, starting it if there is none.
func (c *Cache) start(base, rel string) *flight {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.loadLocked(base)
	f, ok := c.flights[rel]
	if !ok {
		f = &flight{done: make(chan struct{})}
		c.flights[rel] = f
		go c.fly(base, rel, f)
	}
	return f
}

// servable keeps the cache to the widget's built files: a clean path under Prefix.
func servable(rel string) bool {
	p, _, _ := strings.Cut(rel, "?")
	return strings.HasPrefix(p, Prefix) && path.Clean("/"+p) == "/"+p
}

// fly revalidates or fetches rel once and settles f. Only a confirmed, kept file stays for
// the rest of the run; anything else is asked for again next time.
func (c *Cache) fly(base, rel string, f *flight) {
	f.file, f.reusable, f.err = c.revalidate(base, rel)
	if f.reusable {
		// Kept on disk: served from there, not held in memory all day.
		f.file.Body = nil
	}
	c.mu.Lock()
	if !f.reusable && c.flights[rel] == f {
		delete(c.flights, rel)
	}
	c.mu.Unlock()
	close(f.done)
}

func (c *Cache) revalidate(base, rel string) (File, bool, error) {
	header := http.Header{}
	c.mu.Lock()
	kept, haveKept := c.idx.Files[rel]
	c.mu.Unlock()
	var keptBody []byte
	if haveKept {
		// Only a copy that is whole can be confirmed; otherwise ask for the file itself.
		var err error
		if keptBody, err = c.readBlob(kept.SHA256); err == nil {
			if kept.ETag != "" {
				header.Set("If-None-Match", kept.ETag)
			}
			if kept.LastModified != "" {
				header.Set("If-Modified-Since", kept.LastModified)
			}
		}
	}
	resp, err := c.fetch(base+rel, header)
	if err != nil {
		return File{}, false, err
	}

	switch {
	case resp.Status == http.StatusNotModified && keptBody != nil:
		c.keep(base, rel, updateValidators(kept, resp.Header))
		return File{Status: http.StatusOK, ContentType: kept.ContentType, Body: keptBody, Kept: true}, true, nil
	case resp.Status == http.StatusNotModified:
		return File{}, false, errors.New("widget cache: the server confirmed a copy the app does not have")
	}
	body := resp.Body
	file := File{Status: resp.Status, ContentType: resp.Header.Get("Content-Type"), Body: body}
	switch {
	case resp.Status == http.StatusNotFound || resp.Status == http.StatusGone:
		// Gone from the server: the kept copy must not come back.
		c.forget(base, rel)
		return file, false, nil
	case resp.Status != http.StatusOK || !cacheable(resp.Header):
		return file, false, nil
	}
	sum := sha256.Sum256(body)
	e := updateValidators(entry{ContentType: file.ContentType, SHA256: hex.EncodeToString(sum[:]), Used: c.now()}, resp.Header)
	if err := c.writeBlob(e.SHA256, body); err != nil {
		// Served all the same; the next start downloads it again.
		return file, false, nil
	}
	c.keep(base, rel, e)
	return file, true, nil
}

// cacheable: the server let the file be stored and gave a validator to confirm it with.
func cacheable(h http.Header) bool {
	for _, directive := range strings.Split(strings.ToLower(h.Get("Cache-Control")), ",") {
		if strings.TrimSpace(directive) == "no-store" {
			return false
		}
	}
	for _, v := range h.Values("Vary") {
		for _, field := range strings.Split(v, ",") {
			if f := strings.ToLower(strings.TrimSpace(field)); f != "" && f != "accept-encoding" {
				// Varies by what the app does not send the same every time.
				return false
			}
		}
	}
	return h.Get("ETag") != "" || h.Get("Last-Modified") != ""
}

func updateValidators(e entry, h http.Header) entry {
	if v := h.Get("ETag"); v != "" {
		e.ETag = v
	}
	if v := h.Get("Last-Modified"); v != "" {
		e.LastModified = v
	}
	return e
}

// loadLocked reads the index the first time, or starts an empty one when base differs from
// the one the kept files are of (the user changed the widget's address). c.mu must be held.
func (c *Cache) loadLocked(base string) {
	if !c.loaded {
		c.loaded = true
		data, err := os.ReadFile(filepath.Join(c.dir, indexName))
		// An unreadable index is a cache miss, nothing more.
		if err != nil || json.Unmarshal(data, &c.idx) != nil {
			c.idx = index{}
		}
		named := map[string]bool{indexName: true}
		for rel, e := range c.idx.Files {
			if c.now().Sub(e.Used) > unusedFor || !servable(rel) {
				delete(c.idx.Files, rel)
			} else {
				named[e.SHA256] = true
			}
		}
		// Once, before this run writes any: the copies of files no longer kept (an old
		// release's, another widget address's, one cut short by a crash).
		files, _ := os.ReadDir(c.dir)
		for _, f := range files {
			if !named[f.Name()] {
				os.Remove(filepath.Join(c.dir, f.Name()))
			}
		}
	}
	if c.idx.Base != base {
		for _, e := range c.idx.Files {
			os.Remove(filepath.Join(c.dir, e.SHA256))
		}
		c.idx = index{Base: base}
		c.flights = map[string]*flight{}
	}
	if c.idx.Files == nil {
		c.idx.Files = map[string]entry{}
	}
}

func (c *Cache) keep(base, rel string, e entry) {
	c.mu.Lock()
	changed := c.idx.Base == base && c.idx.Files[rel] != e
	if changed {
		c.idx.Files[rel] = e
	}
	c.mu.Unlock()
	// A confirmed copy (the usual start) changes nothing on disk.
	if changed {
		c.save()
	}
}

func (c *Cache) forget(base, rel string) {
	c.mu.Lock()
	if c.idx.Base == base {
		delete(c.idx.Files, rel)
	}
	c.mu.Unlock()
	c.save()
}

// save writes the index beside the serving: a start must not wait for the disk.
func (c *Cache) save() {
	c.saving.Add(1)
	go func() {
		defer c.saving.Done()
		c.saveMu.Lock()
		defer c.saveMu.Unlock()
		c.mu.Lock()
		snapshot := index{Base: c.idx.Base, Files: make(map[string]entry, len(c.idx.Files))}
		for rel, e := range c.idx.Files {
			snapshot.Files[rel] = e
		}
		c.mu.Unlock()
		// On failure the next start fetches what this one could not note.
		_ = jsonfile.Write(filepath.Join(c.dir, indexName), snapshot)
	}()
}

// Wait returns once the index is written (at shutdown).
func (c *Cache) Wait() { c.saving.Wait() }

// readKept reads a kept file for the widget (the caller says whether it was Kept) and notes that it is still in use (Prefetch
// alone does not count: an old release's files would never expire).
func (c *Cache) readKept(base, rel string) (File, error) {
	c.mu.Lock()
	e, ok := c.idx.Files[rel]
	ok = ok && c.idx.Base == base
	stale := ok && c.now().Sub(e.Used) > time.Hour
	if stale {
		e.Used = c.now()
		c.idx.Files[rel] = e
	}
	c.mu.Unlock()
	if !ok {
		return File{}, fmt.Errorf("widget cache: %s is no longer kept", rel)
	}
	if stale {
		c.save()
	}
	body, err := c.readBlob(e.SHA256)
	if err != nil {
		return File{}, err
	}
	return File{Status: http.StatusOK, ContentType: e.ContentType, Body: body}, nil
}

// readBlob reads a kept file and checks it is whole (a crash may have cut a write short).
func (c *Cache) readBlob(sum string) ([]byte, error) {
	body, err := os.ReadFile(filepath.Join(c.dir, sum))
	if err != nil {
		return nil, err
	}
	got := sha256.Sum256(body)
	if hex.EncodeToString(got[:]) != sum {
		return nil, fmt.Errorf("widget cache: the kept copy %s is damaged", sum)
	}
	return body, nil
}

// writeBlob stores a file under its hash. No fsync: a copy cut short by a crash fails
// readBlob's check and is fetched again.
func (c *Cache) writeBlob(sum string, body []byte) error {
	if err := os.MkdirAll(c.dir, 0o700); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(c.dir, ".blob-*")
	if err != nil {
		return err
	}
	_, err = tmp.Write(body)
	if closeErr := tmp.Close(); err == nil {
		err = closeErr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), filepath.Join(c.dir, sum))
	}
	if err != nil {
		os.Remove(tmp.Name())
	}
	return err
}
