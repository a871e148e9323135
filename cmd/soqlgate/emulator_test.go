package main

import (
	"bufio"
	"context"
	"crypto/tls"
	"crypto/x509"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"regexp"
	"strings"
	"testing"
	"time"
)

// startEmulatorCmd runs `soqlgate emulator --seed demo --listen
// 127.0.0.1:0` in-process on a real port and returns the instance URL
// from its banner and a function that stops it (SIGINT's context
// cancellation) and returns the command's error.
func startEmulatorCmd(t *testing.T, args ...string) (string, func() error) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	pr, pw := io.Pipe()
	cmd := newRootCmd()
	cmd.SetArgs(append([]string{"emulator", "--listen", "127.0.0.1:0"}, args...))
	cmd.SetOut(pw)
	cmd.SetErr(pw)
	done := make(chan error, 1)
	go func() {
		done <- cmd.ExecuteContext(ctx)
		pw.Close()
	}()
	urlRE := regexp.MustCompile(`instance URL\s+(https?://127\.0\.0\.1:\d+)`)
	sc := bufio.NewScanner(pr)
	var base string
	var banner strings.Builder
	for sc.Scan() {
		banner.WriteString(sc.Text() + "\n")
		if m := urlRE.FindStringSubmatch(sc.Text()); m != nil {
			base = m[1]
		}
		if strings.HasPrefix(strings.TrimSpace(sc.Text()), "try") {
			break
		}
	}
	if base == "" {
		cancel()
		t.Fatalf("no instance URL in the banner:\n%s (err %v)", banner.String(), <-done)
	}
	for _, want := range []string{"demo@soqlgate.local", "security token demo", "id soqlgate-demo, secret demo"} {
		if !strings.Contains(banner.String(), want) {
			t.Errorf("banner lacks %q:\n%s", want, banner.String())
		}
	}
	go io.Copy(io.Discard, pr)
	stop := func() error {
		cancel()
		select {
		case err := <-done:
			return err
		case <-time.After(10 * time.Second):
			t.Fatal("emulator did not shut down")
			return nil
		}
	}
	t.Cleanup(func() { cancel() })
	return base, stop
}

const soapLogin = `<?xml version="1.0" encoding="utf-8" ?>
<env:Envelope xmlns:env="http://schemas.xmlsoap.org/soap/envelope/" xmlns:urn="urn:partner.soap.sforce.com">
  <env:Body><urn:login><urn:username>demo@soqlgate.local</urn:username><urn:password>demodemo</urn:password></urn:login></env:Body>
</env:Envelope>`

func TestEmulatorCommandLogin(t *testing.T) {
	base, stop := startEmulatorCmd(t, "--seed", "demo")

	// SOAP login returns a session.
	req, _ := http.NewRequest("POST", base+"/services/Soap/u/58.0", strings.NewReader(soapLogin))
	req.Header.Set("Content-Type", "text/xml; charset=UTF-8")
	req.Header.Set("SOAPAction", "login")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	sid := regexp.MustCompile(`<sessionId>([^<]+)</sessionId>`).FindStringSubmatch(string(body))
	if resp.StatusCode != 200 || sid == nil || !strings.Contains(string(body), "<serverUrl>"+base+"/services/Soap/u/58.0/") {
		t.Fatalf("SOAP login: %d %s", resp.StatusCode, body)
	}

	// The OAuth password grant returns access_token and instance_url.
	resp, err = http.PostForm(base+"/services/oauth2/token", url.Values{"grant_type": {"password"},
		"client_id": {"soqlgate-demo"}, "client_secret": {"demo"}, "username": {"demo@soqlgate.local"}, "password": {"demodemo"}})
	if err != nil {
		t.Fatal(err)
	}
	var tok struct {
		AccessToken string `json:"access_token"`
		InstanceURL string `json:"instance_url"`
	}
	err = json.NewDecoder(resp.Body).Decode(&tok)
	resp.Body.Close()
	if err != nil || resp.StatusCode != 200 || tok.InstanceURL != base || !strings.Contains(tok.AccessToken, "!") {
		t.Fatalf("token: %d %+v %v", resp.StatusCode, tok, err)
	}

	// Both sessions work against REST.
	for _, s := range []string{sid[1], tok.AccessToken} {
		req, _ := http.NewRequest("GET", base+"/services/data/v58.0/sobjects/Account/describe", nil)
		req.Header.Set("Authorization", "Bearer "+s)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != 200 {
			t.Errorf("describe with session: %d", resp.StatusCode)
		}
	}
	if err := stop(); err != nil {
		t.Fatalf("shutdown: %v", err)
	}
	if _, err := http.Get(base + "/services/data/"); err == nil {
		t.Error("still serving after shutdown")
	}
}

// The curl lines of the README, run against the command.
func TestEmulatorCommandCurl(t *testing.T) {
	if _, err := exec.LookPath("curl"); err != nil {
		t.Skip("curl is not installed")
	}
	base, stop := startEmulatorCmd(t, "--seed", "demo")
	defer stop()
	soap, err := exec.Command("curl", "-s", base+"/services/Soap/u/58.0", "-H", "Content-Type: text/xml", "-H", "SOAPAction: login",
		"-d", `<env:Envelope xmlns:env="http://schemas.xmlsoap.org/soap/envelope/"><env:Body><login xmlns="urn:partner.soap.sforce.com"><username>demo@soqlgate.local</username><password>demodemo</password></login></env:Body></env:Envelope>`).Output()
	if err != nil || !strings.Contains(string(soap), "<sessionId>00D") {
		t.Fatalf("curl SOAP login: %v %s", err, soap)
	}
	token, err := exec.Command("curl", "-s", base+"/services/oauth2/token", "-d", "grant_type=password",
		"-d", "client_id=soqlgate-demo", "-d", "client_secret=demo", "-d", "username=demo@soqlgate.local", "-d", "password=demodemo").Output()
	if err != nil || !regexp.MustCompile(`^\{"access_token":"00D[^"]+","instance_url":"`+regexp.QuoteMeta(base)+`"`).Match(token) {
		t.Fatalf("curl OAuth: %v %s", err, token)
	}
}

func TestEmulatorCommandRefusesNonLoopback(t *testing.T) {
	cmd := newRootCmd()
	cmd.SetArgs([]string{"emulator", "--listen", "0.0.0.0:0"})
	cmd.SetOut(io.Discard)
	cmd.SetErr(io.Discard)
	err := cmd.ExecuteContext(context.Background())
	if err == nil || !strings.Contains(err.Error(), "only loopback addresses") {
		t.Fatalf("err = %v", err)
	}
}

func TestEmulatorCommandBadSeed(t *testing.T) {
	cmd := newRootCmd()
	cmd.SetArgs([]string{"emulator", "--listen", "127.0.0.1:0", "--seed", "nope"})
	cmd.SetOut(io.Discard)
	cmd.SetErr(io.Discard)
	if err := cmd.ExecuteContext(context.Background()); err == nil || !strings.Contains(err.Error(), `unknown seed "nope"`) {
		t.Fatalf("err = %v", err)
	}
}

// --tls serves HTTPS (what simple-salesforce needs) with a certificate the
// client can trust from --tls-cert-out; instance URLs are https.
func TestEmulatorCommandTLS(t *testing.T) {
	certFile := t.TempDir() + "/org.pem"
	base, stop := startEmulatorCmd(t, "--seed", "demo", "--tls", "--tls-cert-out", certFile)
	defer stop()
	if !strings.HasPrefix(base, "https://") {
		t.Fatalf("base %s", base)
	}
	pemBytes, err := os.ReadFile(certFile)
	if err != nil {
		t.Fatal(err)
	}
	pool := x509.NewCertPool()
	if !pool.AppendCertsFromPEM(pemBytes) {
		t.Fatal("certificate file holds no certificate")
	}
	client := &http.Client{Transport: &http.Transport{TLSClientConfig: &tls.Config{RootCAs: pool}}}
	resp, err := client.PostForm(base+"/services/oauth2/token", url.Values{"grant_type": {"password"},
		"client_id": {"soqlgate-demo"}, "client_secret": {"demo"}, "username": {"demo@soqlgate.local"}, "password": {"demodemo"}})
	if err != nil {
		t.Fatal(err)
	}
	var tok struct {
		InstanceURL string `json:"instance_url"`
	}
	json.NewDecoder(resp.Body).Decode(&tok)
	resp.Body.Close()
	if resp.StatusCode != 200 || tok.InstanceURL != base {
		t.Fatalf("token over TLS: %d %+v", resp.StatusCode, tok)
	}
	// localhost is in the certificate too.
	local := strings.Replace(base, "127.0.0.1", "localhost", 1)
	if resp, err := client.Get(local + "/services/data/"); err != nil || resp.StatusCode != 200 {
		t.Fatalf("localhost: %v", err)
	} else {
		resp.Body.Close()
	}
}
