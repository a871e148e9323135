// jsforce against the local org, unchanged: SOAP and OAuth login, describe,
// limits, identity, query, retrieve, re-login after an expired session and
// the error shapes. Run by jsforce_test.go (SOQLGATE_TEST_JSFORCE).
const jsforce = require('jsforce');
const url = process.argv[2];
(async () => {
  const c1 = new jsforce.Connection({ loginUrl: url, version: '58.0' });
  const ui = await c1.login('demo@soqlgate.local', 'demodemo');
  console.log('soap', ui.organizationId, c1.instanceUrl);
  const g = await c1.describeGlobal();
  console.log('global', g.sobjects.map(s => s.name).join(','));
  const d = await c1.sobject('Case').describe();
  console.log('describe', d.name, d.childRelationships.map(r => r.relationshipName).join(','));
  const lim = await c1.limits();
  console.log('limits', lim.DailyApiRequests.Max, c1.limitInfo.apiUsage.limit);
  const id = await c1.identity();
  console.log('identity', id.username);
  const acc = await c1.query("SELECT Id, Name FROM Account WHERE Name = 'GenePoint'");
  console.log('query', acc.totalSize, acc.records[0].Name);
  const rec = await c1.sobject('Account').retrieve(acc.records[0].Id);
  console.log('retrieve', rec.Name, rec.BillingAddress.city);
  const c2 = new jsforce.Connection({ oauth2: { loginUrl: url, clientId: 'soqlgate-demo', clientSecret: 'demo' }, version: '58.0' });
  await c2.login('demo@soqlgate.local', 'demodemo');
  console.log('oauth', c2.instanceUrl);
  await fetch(url + '/__emulator/expire-sessions', { method: 'POST' });
  const d2 = await c2.sobject('Account').describe();
  console.log('relogin', d2.name);
  try { await c2.sobject('Nope__c').describe(); } catch (e) { console.log('error', e.name); }
  try { await new jsforce.Connection({ loginUrl: url, version: '58.0' }).login('demo@soqlgate.local', 'x'); } catch (e) { console.log('badsoap', e.message); }
  try { await new jsforce.Connection({ oauth2: { loginUrl: url, clientId: 'soqlgate-demo', clientSecret: 'demo' } }).login('demo@soqlgate.local', 'x'); } catch (e) { console.log('badoauth', e.name, e.message); }
})().catch(e => { console.error('FAIL', e); process.exit(1); });
