'use strict';
// Logins as jsforce does them: SOAP partner login(), the OAuth 2.0 password,
// client-credentials, JWT bearer and refresh-token grants, the re-login
// after the org expires every session, and wrong credentials.
const crypto = require('node:crypto');
const { jsforce, org, version, env, soapLogin, oauth2, knob, counters, caught, run } = require('./lib');

// jwtAssertion signs the bearer assertion (RS256) with the key whose
// certificate the org trusts (SOQLGATE_JWT_KEY, PEM).
function jwtAssertion() {
  const b64 = (o) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const head = b64({ alg: 'RS256' });
  const claims = b64({ iss: org.clientId, sub: org.username, aud: org.url, exp: Math.floor(Date.now() / 1000) + 180 });
  const sig = crypto.sign('sha256', Buffer.from(`${head}.${claims}`), env('SOQLGATE_JWT_KEY'));
  return `${head}.${claims}.${sig.toString('base64url')}`;
}

// summary is what a login established on conn.
function summary(conn, ui) {
  return {
    instanceUrl: conn.instanceUrl,
    userId: ui.id,
    organizationId: ui.organizationId,
    idUrl: ui.url,
    // Sessions are "<15-char org id>!<secret>"; say only whether it is one.
    sessionOfOrg: conn.accessToken.startsWith(ui.organizationId.slice(0, 15) + '!'),
  };
}

run(async () => {
  const f = {};

  const soap = new jsforce.Connection({ loginUrl: org.url, version });
  f.soap = summary(soap, await soap.login(org.username, org.password));
  const me = await soap.query(`SELECT Username, Name FROM User WHERE Id = '${f.soap.userId}'`);
  f.soapUser = [me.records[0].Username, me.records[0].Name];
  const o = await soap.query('SELECT Id, Name FROM Organization');
  f.organization = [o.totalSize, o.records[0].Id, o.records[0].Name];
  const id = await soap.identity();
  f.identity = [id.username, id.user_id, id.organization_id];

  const pw = new jsforce.Connection({ oauth2: oauth2(), version });
  f.password = summary(pw, await pw.login(org.username, org.password));
  f.passwordAccounts = (await pw.query('SELECT COUNT() FROM Account')).totalSize;

  const cc = new jsforce.Connection({ oauth2: oauth2(), version });
  f.clientCredentials = summary(cc, await cc.authorize({ grant_type: 'client_credentials' }));
  f.clientCredentialsCases = (await cc.query('SELECT COUNT() FROM Case')).totalSize;

  const jwt = new jsforce.Connection({ oauth2: oauth2(false), version });
  f.jwtBearer = summary(jwt, await jwt.authorize({ grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion: jwtAssertion() }));
  f.jwtBearerContacts = (await jwt.query('SELECT COUNT() FROM Contact')).totalSize;

  // A connection with a stale access token and a refresh token: the first
  // 401 makes jsforce refresh (refresh_token grant) and replay the query.
  const rt = new jsforce.Connection({
    oauth2: oauth2(), version, instanceUrl: org.url,
    accessToken: `${f.soap.organizationId.slice(0, 15)}!stale`, refreshToken: env('SOQLGATE_REFRESH_TOKEN'),
  });
  let refreshes = 0;
  rt.on('refresh', () => refreshes++);
  const gp = await rt.query("SELECT Name, Industry FROM Account WHERE Name = 'GenePoint'");
  f.refreshToken = { refreshes, record: [gp.records[0].Name, gp.records[0].Industry], sessionOfOrg: rt.accessToken.startsWith(f.soap.organizationId.slice(0, 15) + '!') };

  // Every session expires: jsforce logs in again with the stored SOAP
  // credentials and replays the request.
  const before = await counters();
  await knob('expire-sessions');
  const again = await soap.query("SELECT COUNT() FROM Contact WHERE LastName = 'Gonzalez'");
  const after = await counters();
  f.reloginAfterExpiry = { totalSize: again.totalSize, soapLogins: after.soap - before.soap };

  f.badSoapPassword = await caught(new jsforce.Connection({ loginUrl: org.url, version }).login(org.username, 'wrong'));
  f.badOAuthPassword = await caught(new jsforce.Connection({ oauth2: oauth2(), version }).login(org.username, 'wrong'));
  f.badClientSecret = await caught(new jsforce.Connection({ oauth2: { ...oauth2(), clientSecret: 'wrong' }, version }).login(org.username, org.password));
  return f;
});
