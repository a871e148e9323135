'use strict';
// Errors as jsforce reports them: bad SOQL (MALFORMED_QUERY and the other
// query error codes), an unknown sObject, an expired query locator, a
// session the org no longer knows with no credentials to log in again.
const { jsforce, org, version, soapLogin, caught, run } = require('./lib');

run(async () => {
  const f = {};
  const conn = await soapLogin();
  f.malformed = await caught(conn.query('SELECT FROM Account'));
  f.selectStar = await caught(conn.query('SELECT * FROM Account'));
  f.invalidField = await caught(conn.query('SELECT Id, Nope__c FROM Account'));
  f.invalidType = await caught(conn.query('SELECT Id FROM Nope__c'));
  f.unknownSObject = await caught(conn.sobject('Nope__c').describe());
  f.badLocator = await caught(conn.queryMore('01gxxxxxxxxxxxxxxx-2000'));
  const bare = new jsforce.Connection({ instanceUrl: org.url, accessToken: `${conn.userInfo.organizationId.slice(0, 15)}!unknown`, version });
  f.unknownSession = await caught(bare.query('SELECT Id FROM Account'));
  return f;
});
