'use strict';
// Bulk query jobs as jsforce runs them: Bulk API 2.0 (conn.bulk2.query:
// create, poll, CSV results following Sforce-Locator) and Bulk API 1.0
// (conn.bulk.query: XML job and batch, poll, result list, CSV result),
// over the same statements, including values CSV must quote.
const { soapLogin, counters, records, caught, run } = require('./lib');

const accounts = 'SELECT Id, Name, BillingStreet, Description, NumberOfEmployees, AnnualRevenue, Rating FROM Account ' +
  "WHERE CustomerId__c LIKE 'CUST-%' ORDER BY Name";
const cases = 'SELECT Id, CaseNumber, Subject FROM Case ORDER BY CaseNumber';
const poll = { pollInterval: 100, pollTimeout: 20000 };

// shape keeps what a test can know of the rows: count, names in order, one
// row's values (without its Id) and whether every Id is an Account id.
function shape(rows) {
  const gp = { ...rows.find((r) => r.Name === 'GenePoint') };
  delete gp.Id;
  return {
    rows: rows.length,
    names: rows.map((r) => r.Name),
    genePoint: gp,
    accountIds: rows.every((r) => /^001[0-9A-Za-z]{15}$/.test(r.Id)),
  };
}

function caseShape(rows) {
  return {
    rows: rows.length,
    first: [rows[0].CaseNumber, rows[0].Subject],
    last: [rows[rows.length - 1].CaseNumber, rows[rows.length - 1].Subject],
    ascending: rows.every((r, i) => i === 0 || rows[i - 1].CaseNumber < r.CaseNumber),
  };
}

run(async () => {
  const f = {};
  const conn = await soapLogin();
  conn.bulk.pollInterval = poll.pollInterval;
  conn.bulk.pollTimeout = poll.pollTimeout;

  let before = await counters();
  f.bulk2Accounts = shape(await records(await conn.bulk2.query(accounts, poll)));
  let after = await counters();
  f.bulk2Requests = (after.bulk2 || 0) - (before.bulk2 || 0) >= 3; // create, poll until JobComplete, results
  f.bulk2Cases = caseShape(await records(await conn.bulk2.query(cases, poll)));
  f.bulk2QueryAll = (await records(await conn.bulk2.query('SELECT Name FROM Account WHERE IsDeleted = true', { ...poll, scanAll: true })))
    .map((r) => r.Name);

  before = await counters();
  f.bulk1Accounts = shape(await records(await conn.bulk.query(accounts)));
  after = await counters();
  f.bulk1Requests = (after.bulk || 0) - (before.bulk || 0) >= 5; // job, batch, poll until Completed, result list, result
  f.bulk1Cases = caseShape(await records(await conn.bulk.query(cases)));

  const bad = 'SELECT Nope__c FROM Account';
  f.bulk2Invalid = await caught((async () => records(await conn.bulk2.query(bad, poll)))());
  f.bulk1Invalid = await caught((async () => records(await conn.bulk.query(bad)))());
  return f;
});
