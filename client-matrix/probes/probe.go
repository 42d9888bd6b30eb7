// Client-matrix probe for Go's net/http (standard library only; Go 1.19+).
//
// Speaks the adapter protocol (docs/adapter-protocol.md): one target JSON object per stdin line,
// one result JSON object per stdout line, `--version` prints one line and exits.
//
// Verification is Go's default: tls.Config{RootCAs: <the target's CA file>} with ServerName left
// empty, so net/http verifies against the URL's host. The URL's host:port is pinned to the
// target's address:port by the transport's DialContext (the TCP connect only). The transport is
// a clone of http.DefaultTransport (HTTP/2 over ALPN as usual), one per target.
package main

import (
	"bufio"
	"bytes"
	"context"
	"crypto/tls"
	"crypto/x509"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"runtime"
	"strconv"
	"sync"
	"time"
)

const maxParallel = 8

// Grace after timeout_ms before the probe's own watchdog answers for a stuck request.
const watchdogGrace = time.Second

type target struct {
	ID         json.RawMessage `json:"id"`
	URL        string          `json:"url"`
	Host       string          `json:"host"`
	Port       json.Number     `json:"port"`
	Address    string          `json:"address"`
	CAFile     string          `json:"ca_file"`
	ClientCert *string         `json:"client_cert"`
	ClientKey  *string         `json:"client_key"`
	TimeoutMS  json.Number     `json:"timeout_ms"`
}

type result struct {
	ID       json.RawMessage `json:"id"`
	OK       bool            `json:"ok"`
	Error    *string         `json:"error"`
	Status   *int            `json:"status"`
	Protocol *string         `json:"protocol"`
	Cipher   *string         `json:"cipher"`
}

var outMu sync.Mutex

func emit(r result) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf) // one line, with a trailing newline
	enc.SetEscapeHTML(false)
	if err := enc.Encode(r); err != nil {
		fmt.Fprintf(os.Stderr, "go_nethttp: cannot encode result: %v\n", err)
		return
	}
	outMu.Lock()
	defer outMu.Unlock()
	os.Stdout.Write(buf.Bytes())
}

func str(s string) *string { return &s }

func fail(id json.RawMessage, err error, status *int, proto, cipher *string) result {
	return result{ID: id, OK: false, Error: str(err.Error()), Status: status, Protocol: proto, Cipher: cipher}
}

func versionName(v uint16) string {
	switch v {
	case tls.VersionTLS10:
		return "TLSv1"
	case tls.VersionTLS11:
		return "TLSv1.1"
	case tls.VersionTLS12:
		return "TLSv1.2"
	case tls.VersionTLS13:
		return "TLSv1.3"
	}
	return fmt.Sprintf("0x%04x", v)
}

func timeoutOf(t *target) time.Duration {
	ms, err := t.TimeoutMS.Int64()
	if err != nil || ms <= 0 {
		ms = 4000
	}
	return time.Duration(ms) * time.Millisecond
}

func fetch(t *target) result {
	timeout := timeoutOf(t)

	pem, err := os.ReadFile(t.CAFile)
	if err != nil {
		return fail(t.ID, fmt.Errorf("ProbeError: %w", err), nil, nil, nil)
	}
	pool := x509.NewCertPool()
	if !pool.AppendCertsFromPEM(pem) {
		return fail(t.ID, errors.New("ProbeError: no certificate in "+t.CAFile), nil, nil, nil)
	}
	tlsConf := &tls.Config{RootCAs: pool}
	if t.ClientCert != nil && *t.ClientCert != "" {
		keyFile := *t.ClientCert
		if t.ClientKey != nil && *t.ClientKey != "" {
			keyFile = *t.ClientKey
		}
		pair, err := tls.LoadX509KeyPair(*t.ClientCert, keyFile)
		if err != nil {
			return fail(t.ID, fmt.Errorf("ProbeError: %w", err), nil, nil, nil)
		}
		tlsConf.Certificates = []tls.Certificate{pair}
	}

	// host:port as net/http will dial it, and where it must go instead.
	from := net.JoinHostPort(t.Host, t.Port.String())
	to := from
	if t.Address != "" {
		to = net.JoinHostPort(t.Address, t.Port.String())
	}
	dialer := &net.Dialer{Timeout: timeout, KeepAlive: 30 * time.Second}
	tr := http.DefaultTransport.(*http.Transport).Clone()
	tr.TLSClientConfig = tlsConf
	tr.DialContext = func(ctx context.Context, network, addr string) (net.Conn, error) {
		if addr == from {
			addr = to
		}
		return dialer.DialContext(ctx, network, addr)
	}
	defer tr.CloseIdleConnections()
	client := &http.Client{Transport: tr, Timeout: timeout}

	resp, err := client.Get(t.URL)
	if err != nil {
		return fail(t.ID, err, nil, nil, nil)
	}
	defer resp.Body.Close()
	status := resp.StatusCode
	var proto, cipher *string
	if resp.TLS != nil {
		proto = str(versionName(resp.TLS.Version))
		cipher = str(tls.CipherSuiteName(resp.TLS.CipherSuite))
	}
	if _, err := io.Copy(io.Discard, resp.Body); err != nil {
		return fail(t.ID, err, &status, proto, cipher)
	}
	return result{ID: t.ID, OK: true, Status: &status, Protocol: proto, Cipher: cipher}
}

func run(t *target) result {
	done := make(chan result, 1)
	go func() {
		defer func() {
			if p := recover(); p != nil {
				done <- fail(t.ID, fmt.Errorf("ProbeError: panic: %v", p), nil, nil, nil)
			}
		}()
		done <- fetch(t)
	}()
	timeout := timeoutOf(t)
	select {
	case r := <-done:
		return r
	case <-time.After(timeout + watchdogGrace):
		return fail(t.ID, fmt.Errorf("ProbeTimeout: no answer from net/http within %v (+%v grace)", timeout, watchdogGrace), nil, nil, nil)
	}
}

func main() {
	if len(os.Args) > 1 && os.Args[1] == "--version" {
		fmt.Printf("go-nethttp %s\n", runtime.Version())
		return
	}
	slots := make(chan struct{}, maxParallel)
	var wg sync.WaitGroup
	sc := bufio.NewScanner(os.Stdin)
	sc.Buffer(make([]byte, 64*1024), 16*1024*1024)
	for sc.Scan() {
		line := sc.Bytes()
		if len(line) == 0 {
			continue
		}
		t := &target{}
		dec := json.NewDecoder(bytes.NewReader(line))
		dec.UseNumber()
		if err := dec.Decode(t); err != nil || len(t.ID) == 0 {
			fmt.Fprintf(os.Stderr, "go_nethttp: ignoring unparsable target line (%v): %.200s\n", err, line)
			continue
		}
		if _, err := strconv.Atoi(t.Port.String()); err != nil {
			emit(fail(t.ID, fmt.Errorf("ProbeError: bad port %q", t.Port.String()), nil, nil, nil))
			continue
		}
		slots <- struct{}{}
		wg.Add(1)
		go func() {
			defer wg.Done()
			emit(run(t))
			<-slots
		}()
	}
	if err := sc.Err(); err != nil {
		fmt.Fprintf(os.Stderr, "go_nethttp: reading stdin: %v\n", err)
	}
	wg.Wait()
	os.Exit(0)
}
