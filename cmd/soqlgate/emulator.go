package main

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"errors"
	"fmt"
	"io"
	"math/big"
	"net"
	"net/http"
	"os"
	"time"

	"github.com/soqlgate/soqlgate/emulator"
	"github.com/spf13/cobra"
)

func init() { verbs = append(verbs, newEmulatorCmd) }

// emulatorFlags are the flags of `soqlgate emulator`.
type emulatorFlags struct {
	listen          string
	data            string
	seed            string
	scale           int
	latency         time.Duration
	pageSize        int
	sessionLifetime time.Duration
	dailyAPILimit   int
	jwtCert         string
	tls             bool
	tlsCertOut      string
	faults          []string
	verbose         bool
}

func newEmulatorCmd() *cobra.Command {
	var f emulatorFlags
	cmd := &cobra.Command{
		Use:   "emulator",
		Short: "Run the local org: a Salesforce API emulator backed by SQLite",
		Long: `Run the local org: SOAP and OAuth login, REST describe / query / queryAll /
limits, Bulk API 1.0 and 2.0 query jobs and Analytics reports, served over HTTP on a
loopback address. With --seed demo it holds the demo Service Cloud org.

Test knobs are reachable under /__emulator/ (faults, counters, settings).`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runEmulator(cmd.Context(), f, cmd.OutOrStdout(), cmd.ErrOrStderr())
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&f.listen, "listen", "127.0.0.1:8443", "loopback address to listen on (host:port; port 0 picks a free one)")
	fl.StringVar(&f.data, "data", ":memory:", "SQLite file that keeps the org between runs, or :memory:")
	fl.StringVar(&f.seed, "seed", "", `data to load into a new org: "demo" (the demo Service Cloud org) or empty`)
	fl.IntVar(&f.scale, "scale", 0, "with --seed demo: generate N more Cases with their Contacts and Accounts")
	fl.DurationVar(&f.latency, "latency", 0, "delay added to every request (e.g. 50ms)")
	fl.IntVar(&f.pageSize, "page-size", 0, "force the REST query page size (0 = honour the client's batchSize, default 2000)")
	fl.DurationVar(&f.sessionLifetime, "session-lifetime", 0, "lifetime of issued sessions (0 = 2h)")
	fl.IntVar(&f.dailyAPILimit, "daily-api-limit", 0, "daily API request limit (0 = 15000)")
	fl.StringVar(&f.jwtCert, "jwt-cert", "", "PEM certificate that verifies OAuth JWT bearer assertions (RS256)")
	fl.BoolVar(&f.tls, "tls", false, "serve HTTPS with a self-signed certificate for 127.0.0.1, ::1 and localhost (simple-salesforce only speaks https)")
	fl.StringVar(&f.tlsCertOut, "tls-cert-out", "", "with --tls: write the certificate (PEM) here, for clients to trust (REQUESTS_CA_BUNDLE, NODE_EXTRA_CA_CERTS)")
	fl.StringArrayVar(&f.faults, "fault", nil, "inject a fault from the start, endpoint:kind:rate[:count] (e.g. query:503:0.1; kinds 503, reset, concurrentLimit, dailyLimit, invalidSession); repeatable")
	fl.BoolVar(&f.verbose, "verbose", false, "log injected faults and other emulator events to stderr")
	return cmd
}

// selfSignedCert makes a certificate for the loopback names, valid for a
// year, with a fresh ECDSA key (never written anywhere).
func selfSignedCert() (tls.Certificate, []byte, error) {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return tls.Certificate{}, nil, fmt.Errorf("emulator: tls key: %w", err)
	}
	serial, err := rand.Int(rand.Reader, new(big.Int).Lsh(big.NewInt(1), 62))
	if err != nil {
		return tls.Certificate{}, nil, fmt.Errorf("emulator: tls serial: %w", err)
	}
	tmpl := &x509.Certificate{
		SerialNumber: serial,
		Subject:      pkix.Name{CommonName: "soqlgate local org"},
		NotBefore:    time.Now().Add(-time.Hour),
		NotAfter:     time.Now().AddDate(1, 0, 0),
		KeyUsage:     x509.KeyUsageDigitalSignature | x509.KeyUsageCertSign,
		ExtKeyUsage:  []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		IsCA:         true, BasicConstraintsValid: true,
		DNSNames:    []string{"localhost"},
		IPAddresses: []net.IP{net.IPv4(127, 0, 0, 1), net.IPv6loopback},
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		return tls.Certificate{}, nil, fmt.Errorf("emulator: tls certificate: %w", err)
	}
	return tls.Certificate{Certificate: [][]byte{der}, PrivateKey: key}, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}), nil
}

// checkLoopback refuses addresses other than loopback ones: the emulator
// publishes its credentials and must not be reachable from the network.
func checkLoopback(addr string) error {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return fmt.Errorf("emulator: --listen %q: %w", addr, err)
	}
	if host == "localhost" {
		return nil
	}
	ip := net.ParseIP(host)
	if ip == nil || !ip.IsLoopback() {
		return fmt.Errorf("emulator: --listen %q: only loopback addresses (127.0.0.1, ::1, localhost) are allowed", addr)
	}
	return nil
}

func runEmulator(ctx context.Context, f emulatorFlags, out, errOut io.Writer) error {
	if err := checkLoopback(f.listen); err != nil {
		return err
	}
	opts := emulator.Options{
		Seed: f.seed, Scale: f.scale, DataPath: f.data, Latency: f.latency, PageSize: f.pageSize,
		SessionLifetime: f.sessionLifetime, DailyAPILimit: f.dailyAPILimit,
	}
	for _, spec := range f.faults {
		fault, err := emulator.ParseFault(spec)
		if err != nil {
			return err
		}
		opts.Faults = append(opts.Faults, fault)
	}
	if f.jwtCert != "" {
		pem, err := os.ReadFile(f.jwtCert)
		if err != nil {
			return fmt.Errorf("emulator: --jwt-cert: %w", err)
		}
		opts.JWTCertificatePEM = pem
	}
	if f.verbose {
		opts.Logf = func(format string, args ...any) { fmt.Fprintf(errOut, format+"\n", args...) }
	}
	begin := time.Now()
	srv, err := emulator.New(opts)
	if err != nil {
		return err
	}
	defer srv.Close()
	if f.tlsCertOut != "" && !f.tls {
		return fmt.Errorf("emulator: --tls-cert-out needs --tls")
	}
	ln, err := net.Listen("tcp", f.listen)
	if err != nil {
		return fmt.Errorf("emulator: %w", err)
	}
	url := "http://" + ln.Addr().String()
	if f.tls {
		cert, certPEM, err := selfSignedCert()
		if err != nil {
			ln.Close()
			return err
		}
		if f.tlsCertOut != "" {
			if err := os.WriteFile(f.tlsCertOut, certPEM, 0o644); err != nil {
				ln.Close()
				return fmt.Errorf("emulator: --tls-cert-out: %w", err)
			}
		}
		ln = tls.NewListener(ln, &tls.Config{Certificates: []tls.Certificate{cert}, MinVersion: tls.VersionTLS12})
		url = "https://" + ln.Addr().String()
	}
	fmt.Fprintf(out, "soqlgate emulator: local org ready in %s\n", time.Since(begin).Round(time.Millisecond))
	fmt.Fprintf(out, "  instance URL    %s   (login URL too)\n", url)
	fmt.Fprintf(out, "  data            %s, seed %q, scale %d\n", f.data, f.seed, f.scale)
	fmt.Fprintf(out, "  username        %s\n", emulator.DemoUsername)
	fmt.Fprintf(out, "  password        %s   (security token %s: SOAP login and the OAuth password grant take %s)\n",
		emulator.DemoPassword, emulator.DemoSecurityToken, emulator.DemoPassword+emulator.DemoSecurityToken)
	fmt.Fprintf(out, "  OAuth client    id %s, secret %s\n", emulator.DemoClientID, emulator.DemoClientSecret)
	fmt.Fprintf(out, "  try             curl -s %s/services/oauth2/token -d grant_type=password -d client_id=%s -d client_secret=%s -d username=%s -d password=%s\n",
		url, emulator.DemoClientID, emulator.DemoClientSecret, emulator.DemoUsername, emulator.DemoPassword+emulator.DemoSecurityToken)

	hs := &http.Server{Handler: srv, ReadHeaderTimeout: 30 * time.Second}
	done := make(chan error, 1)
	go func() { done <- hs.Serve(ln) }()
	select {
	case err := <-done:
		return fmt.Errorf("emulator: %w", err)
	case <-ctx.Done():
	}
	fmt.Fprintln(out, "soqlgate emulator: shutting down")
	shutdown, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := hs.Shutdown(shutdown); err != nil && !errors.Is(err, context.DeadlineExceeded) {
		return fmt.Errorf("emulator: shutdown: %w", err)
	}
	if err := <-done; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("emulator: %w", err)
	}
	return nil
}
