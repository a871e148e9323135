'use strict';
// Metadata and records as jsforce reads them: describeGlobal, an sObject's
// describe, retrieve by id (all fields, chosen fields, several ids, a
// deleted row) and the org's limits with the usage header of each call.
const { soapLogin, pick, caught, run } = require('./lib');

run(async () => {
  const f = {};
  const conn = await soapLogin();

  const g = await conn.describeGlobal();
  f.describeGlobal = {
    encoding: g.encoding, maxBatchSize: g.maxBatchSize,
    names: g.sobjects.map((s) => s.name),
    account: pick(g.sobjects.find((s) => s.name === 'Account'), 'label', 'labelPlural', 'keyPrefix', 'queryable', 'custom'),
  };

  const d = await conn.sobject('Account').describe();
  const field = (n) => d.fields.find((x) => x.name === n);
  f.describe = {
    ...pick(d, 'name', 'label', 'labelPlural', 'keyPrefix', 'queryable', 'custom'),
    fields: d.fields.length,
    firstFields: d.fields.slice(0, 4).map((x) => x.name),
    customerId: pick(field('CustomerId__c'), 'type', 'externalId', 'unique', 'length', 'custom'),
    annualRevenue: pick(field('AnnualRevenue'), 'type', 'soapType', 'precision', 'scale'),
    billingAddress: pick(field('BillingAddress'), 'type', 'compoundFieldName'),
    billingCity: pick(field('BillingCity'), 'type', 'compoundFieldName'),
    parent: pick(field('ParentId'), 'type', 'referenceTo', 'relationshipName'),
    industryValues: field('Industry').picklistValues.slice(0, 3).map((p) => p.value),
    childRelationships: d.childRelationships.filter((c) => ['Contacts', 'Cases', 'ChildAccounts'].includes(c.relationshipName))
      .map((c) => [c.relationshipName, c.childSObject, c.field]),
  };
  f.describeCase = (await conn.sobject('Case').describe()).childRelationships.map((c) => c.relationshipName);

  const gp = (await conn.query("SELECT Id FROM Account WHERE Name = 'GenePoint'")).records[0].Id;
  const rec = await conn.sobject('Account').retrieve(gp);
  f.retrieve = {
    sameId: rec.Id === gp,
    type: rec.attributes.type,
    url: rec.attributes.url === `/services/data/v58.0/sobjects/Account/${gp}`,
    ...pick(rec, 'Name', 'Industry', 'Website', 'AnnualRevenue', 'NumberOfEmployees', 'CustomerId__c', 'BillingCity',
      'BillingLatitude', 'BillingAddress', 'ParentId', 'IsDeleted', 'CreatedDate'),
    fieldCount: Object.keys(rec).length - 1,
  };
  const some = await conn.sobject('Account').retrieve(gp, { fields: ['Name', 'Phone'] });
  f.retrieveFields = Object.keys(some).filter((k) => k !== 'attributes').map((k) => [k, some[k]]);
  const edge = (await conn.query("SELECT Id FROM Account WHERE Name = 'Edge Communications'")).records[0].Id;
  // Several ids: jsforce asks POST /composite/sobjects/Account {ids, fields}.
  try {
    f.retrieveMany = (await conn.sobject('Account').retrieve([gp, edge], { fields: ['Name'] })).map((r) => r.Name);
  } catch (e) {
    f.retrieveMany = { name: e.name, errorCode: e.errorCode };
  }
  const gone = (await conn.query('SELECT Id FROM Account WHERE IsDeleted = true', { scanAll: true })).records[0].Id;
  f.retrieveDeleted = await caught(conn.sobject('Account').retrieve(gone));
  f.retrieveUnknown = await caught(conn.sobject('Account').retrieve('001000000000000AAA'));

  // Last: the usage header of this call is the org's final count.
  const lim = await conn.limits();
  f.limits = {
    dailyApiRequests: lim.DailyApiRequests.Max,
    remaining: lim.DailyApiRequests.Remaining,
    header: conn.limitInfo.apiUsage,
  };
  return f;
});
