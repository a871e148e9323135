package sfapi

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/golang-jwt/jwt/v5"
)

// tokenResponse is the OAuth token endpoint's answer.
type tokenResponse struct {
	AccessToken  string `json:"access_token"`
	InstanceURL  string `json:"instance_url"`
	ID           string `json:"id"`
	TokenType    string `json:"token_type"`
	IssuedAt     string `json:"issued_at"`
	Scope        string `json:"scope"`
	RefreshToken string `json:"refresh_token"`
}

const grantJWTBearer = "urn:ietf:params:oauth:grant-type:jwt-bearer"

// loginOAuth posts the flow's grant to {loginURL}/services/oauth2/token.
func (c *Client) loginOAuth(ctx context.Context, flow Flow) (session, error) {
	cfg := &c.cfg
	form := url.Values{}
	switch flow {
	case FlowPassword:
		form.Set("grant_type", "password")
		form.Set("username", cfg.Username)
		form.Set("password", cfg.Password+cfg.SecurityToken)
		form.Set("client_id", cfg.ClientID)
		if cfg.ClientSecret != "" {
			form.Set("client_secret", cfg.ClientSecret)
		}
	case FlowClientCredentials:
		form.Set("grant_type", "client_credentials")
		form.Set("client_id", cfg.ClientID)
		form.Set("client_secret", cfg.ClientSecret)
	case FlowRefreshToken:
		form.Set("grant_type", "refresh_token")
		form.Set("refresh_token", cfg.RefreshToken)
		form.Set("client_id", cfg.ClientID)
		if cfg.ClientSecret != "" {
			form.Set("client_secret", cfg.ClientSecret)
		}
	case FlowJWT:
		assertion, err := c.jwtAssertion(time.Now())
		if err != nil {
			return session{}, &LoginError{Flow: flow, Err: err}
		}
		form.Set("grant_type", grantJWTBearer)
		form.Set("assertion", assertion)
		c.addSecret(assertion)
	}
	var tr tokenResponse
	err := c.do(ctx, &request{
		kind: "login", method: http.MethodPost, url: c.loginURL + "/services/oauth2/token",
		body: []byte(form.Encode()), contentType: "application/x-www-form-urlencoded",
		idempotent: true, // a token request changes no data; repeating it only issues another session
		handle: func(resp *http.Response) error {
			return json.NewDecoder(resp.Body).Decode(&tr)
		},
	})
	if err != nil {
		return session{}, &LoginError{Flow: flow, Err: err}
	}
	if tr.AccessToken == "" || tr.InstanceURL == "" {
		return session{}, &LoginError{Flow: flow, Err: errors.New("sfapi: token response without access_token or instance_url")}
	}
	inst, err := validateInstanceURL(tr.InstanceURL)
	if err != nil {
		return session{}, &LoginError{Flow: flow, Err: err}
	}
	if tr.RefreshToken != "" {
		c.addSecret(tr.RefreshToken)
	}
	org, user := idsFromIdentityURL(tr.ID)
	return session{token: tr.AccessToken, instanceURL: inst, userID: user, orgID: org, idURL: tr.ID}, nil
}

// jwtAudience is the aud of the JWT bearer assertion. Salesforce accepts
// only https://login.salesforce.com or https://test.salesforce.com (or an
// Experience Cloud site), also when the token is requested from a My
// Domain: a sandbox My Domain means test, any other means login. A loopback
// environment (the emulator) is its own audience.
func (c *Client) jwtAudience() string {
	if c.cfg.JWTAudience != "" {
		return c.cfg.JWTAudience
	}
	host := strings.TrimPrefix(c.loginURL, "https://")
	switch {
	case strings.HasPrefix(c.loginURL, "http://"), c.loginURL == "https://test.salesforce.com", c.loginURL == "https://login.salesforce.com":
		return c.loginURL
	case strings.HasSuffix(host, ".sandbox.my.salesforce.com"):
		return "https://test.salesforce.com"
	}
	u, _ := url.Parse(c.loginURL)
	if u != nil && isLoopback(u.Hostname()) {
		return c.loginURL
	}
	return "https://login.salesforce.com"
}

// jwtAssertion signs the JWT bearer assertion: iss = client id, sub =
// username, aud = jwtAudience, exp a few minutes ahead.
func (c *Client) jwtAssertion(now time.Time) (string, error) {
	key, err := jwt.ParseRSAPrivateKeyFromPEM(c.cfg.PrivateKeyPEM)
	if err != nil {
		// The parser's message names the failure, never the key bytes.
		return "", fmt.Errorf("sfapi: the private key is not an RSA key in PEM form (%s)", strings.TrimPrefix(err.Error(), "jwt: "))
	}
	life := c.cfg.JWTLifetime
	if life <= 0 {
		life = 3 * time.Minute
	}
	// MapClaims keeps aud a single string, as Salesforce expects, without
	// touching golang-jwt's package-level MarshalSingleStringAsArray.
	claims := jwt.MapClaims{
		"iss": c.cfg.ClientID,
		"sub": c.cfg.Username,
		"aud": c.jwtAudience(),
		"exp": now.Add(life).Unix(),
	}
	tok := jwt.NewWithClaims(jwt.SigningMethodRS256, claims)
	return tok.SignedString(key)
}
