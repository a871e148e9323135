'use strict';
// Shared by the scenario scripts: the local org's coordinates from the
// environment (set by conformance/clients/jsforce_test.go), a SOAP login,
// the emulator's HTTP knobs, and the one JSON line each script prints.
const jsforce = require('jsforce');

function env(name) {
  const v = process.env[name];
  if (!v) throw new Error(`${name} is not set (run through go test ./conformance/clients)`);
  return v;
}

const org = {
  url: env('SOQLGATE_URL'),
  username: env('SOQLGATE_USERNAME'),
  password: env('SOQLGATE_PASSWORD'), // password + security token
  clientId: env('SOQLGATE_CLIENT_ID'),
  clientSecret: env('SOQLGATE_CLIENT_SECRET'),
};

// The API version every connection uses (jsforce's default, 50.0, works
// too; 58.0 is what soqlgate's own client speaks).
const version = '58.0';

// soapLogin is conn.login(user, password + token) through the SOAP partner
// API: jsforce's default when the connection has no OAuth client.
async function soapLogin() {
  const conn = new jsforce.Connection({ loginUrl: org.url, version });
  await conn.login(org.username, org.password);
  return conn;
}

function oauth2(withSecret = true) {
  const o = { loginUrl: org.url, clientId: org.clientId };
  if (withSecret) o.clientSecret = org.clientSecret;
  return o;
}

// knob calls one of the emulator's test endpoints (POST /__emulator/...).
async function knob(path, body) {
  const res = await fetch(`${org.url}/__emulator/${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: body === undefined ? '' : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`knob ${path}: HTTP ${res.status} ${await res.text()}`);
}

// counters is GET /__emulator/counters: requests per endpoint.
async function counters() {
  const res = await fetch(`${org.url}/__emulator/counters`);
  if (!res.ok) throw new Error(`counters: HTTP ${res.status}`);
  return (await res.json()).requests;
}

// caught awaits p, which must fail, and returns what jsforce's error says.
async function caught(p) {
  try {
    await p;
  } catch (e) {
    const out = { name: e.name, message: e.message };
    if (e.errorCode !== undefined) out.errorCode = e.errorCode;
    return out;
  }
  return { unexpected: 'no error' };
}

// pick copies the named fields of a record, in that order.
function pick(rec, ...names) {
  const out = {};
  for (const n of names) out[n] = rec[n];
  return out;
}

// records drains a jsforce record stream (Bulk results) into an array.
function records(stream) {
  return new Promise((resolve, reject) => {
    const out = [];
    stream.on('record', (r) => out.push(r));
    stream.on('error', reject);
    stream.on('end', () => resolve(out));
  });
}

// run prints the facts main returns as one JSON line; any failure is an
// exit status of 1 with the error on stderr.
function run(main) {
  main().then(
    (facts) => process.stdout.write(JSON.stringify(facts) + '\n'),
    (err) => {
      console.error('jsforce scenario failed:', (err && err.stack) || err);
      if (err && err.errorCode) console.error('errorCode:', err.errorCode);
      process.exit(1);
    },
  );
}

module.exports = { jsforce, org, version, env, soapLogin, oauth2, knob, counters, caught, pick, records, run };
