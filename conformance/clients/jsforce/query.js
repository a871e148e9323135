'use strict';
// REST queries as jsforce makes them, over an org of more than 1,000 cases
// served 200 rows a page: one page and queryMore, autoFetch across every
// page (streamed and collected), queryAll with the soft-deleted rows,
// parent and child relationships, aggregates and the value types.
const { soapLogin, knob, counters, pick, run } = require('./lib');

const cases = 'SELECT Id, CaseNumber, Subject, Status FROM Case ORDER BY CaseNumber';

function page(r) {
  return {
    totalSize: r.totalSize,
    done: r.done,
    records: r.records.length,
    first: pick(r.records[0], 'CaseNumber', 'Subject', 'Status'),
    last: pick(r.records[r.records.length - 1], 'CaseNumber', 'Subject', 'Status'),
    next: typeof r.nextRecordsUrl,
  };
}

// ascending reports whether the case numbers are strictly ascending (no
// row twice, none out of order across page boundaries).
function ascending(recs) {
  return recs.every((r, i) => i === 0 || recs[i - 1].CaseNumber < r.CaseNumber);
}

run(async () => {
  const f = {};
  await knob('settings', { pageSize: 200 });
  const conn = await soapLogin();

  const p1 = await conn.query(cases);
  f.firstPage = page(p1);
  const p2 = await conn.queryMore(p1.nextRecordsUrl);
  f.secondPage = page(p2);

  // autoFetch, collected by the promise: queryMore per further page.
  let before = await counters();
  const all = await conn.query(cases, { autoFetch: true, maxFetch: 5000 });
  let after = await counters();
  f.autoFetch = {
    totalSize: all.totalSize, done: all.done, records: all.records.length, ascending: ascending(all.records),
    first: all.records[0].CaseNumber, last: all.records[all.records.length - 1].CaseNumber,
    queries: after.query - before.query, queryMores: after.queryMore - before.queryMore,
  };

  // autoFetch as a record stream, stopped by maxFetch.
  const streamed = [];
  await new Promise((resolve, reject) => {
    conn.query(cases).on('record', (r) => streamed.push(r.CaseNumber)).on('end', resolve).on('error', reject)
      .run({ autoFetch: true, maxFetch: 450 });
  });
  f.streamedMaxFetch = { records: streamed.length, first: streamed[0], last: streamed[streamed.length - 1] };

  // queryAll (scanAll) sees the recycle bin; query does not.
  const deleted = "SELECT Name, IsDeleted FROM Account WHERE IsDeleted = true";
  f.deletedAccountsByQuery = (await conn.query(deleted)).totalSize;
  f.deletedAccountsByQueryAll = (await conn.query(deleted, { scanAll: true })).records.map((r) => [r.Name, r.IsDeleted]);
  const dc = await conn.query('SELECT CaseNumber, Subject, IsDeleted FROM Case WHERE IsDeleted = true ORDER BY CaseNumber', { scanAll: true });
  f.deletedCases = dc.records.map((r) => [r.CaseNumber, r.Subject, r.IsDeleted]);
  before = await counters();
  const everyCase = await conn.query('SELECT Id, CaseNumber FROM Case ORDER BY CaseNumber', { scanAll: true, autoFetch: true, maxFetch: 5000 });
  after = await counters();
  f.queryAllAutoFetch = {
    totalSize: everyCase.totalSize, records: everyCase.records.length, ascending: ascending(everyCase.records),
    queries: after.query - before.query, queryMores: after.queryMore - before.queryMore,
  };

  const rel = await conn.query("SELECT CaseNumber, Account.Name, Contact.Name, Contact.Email FROM Case WHERE CaseNumber = '00001001'");
  const r0 = rel.records[0];
  f.parents = [r0.CaseNumber, r0.Account.Name, r0.Contact.Name, r0.Contact.Email, r0.Account.attributes.type];
  const child = await conn.query("SELECT Name, (SELECT LastName, Title FROM Contacts ORDER BY LastName) FROM Account WHERE Name = 'Edge Communications'");
  const kids = child.records[0].Contacts;
  f.children = { totalSize: kids.totalSize, done: kids.done, rows: kids.records.map((c) => [c.LastName, c.Title]) };
  const none = await conn.query("SELECT Name, (SELECT LastName FROM Contacts) FROM Account WHERE Name = 'Sample Account for Entitlements'");
  f.noChildren = none.records[0].Contacts;

  const agg = await conn.query("SELECT Status, COUNT(Id) n FROM Case WHERE CaseNumber < '00001100' GROUP BY Status ORDER BY Status");
  f.aggregate = agg.records.map((r) => [r.Status, r.n, r.attributes.type]);
  f.count = (await conn.query("SELECT COUNT() FROM Case WHERE Status = 'Escalated'")).totalSize;

  const adt = await conn.query('SELECT Name, Col_Checkbox__c, Col_Currency__c, Col_Number__c, Col_Integer__c, Col_Percent__c, ' +
    'Col_Date__c, Col_DateTime__c, Col_Time__c, Col_MultiPicklist__c, Col_Text__c, Col_Lookup__r.Name ' +
    "FROM AllDataType__c WHERE Name IN ('All Types 09', 'All Types 10') ORDER BY Name");
  f.values = adt.records.map((r) => ({ ...r, attributes: undefined, Col_Lookup__r: r.Col_Lookup__r && r.Col_Lookup__r.Name }));
  return f;
});
