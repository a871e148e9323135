'use strict';
// The Analytics reports API through conn.analytics: the report list, a
// report's describe, a tabular report run with details, a summary report's
// groupings and counts, and an asynchronous run read back as an instance.
const { soapLogin, caught, run } = require('./lib');

const cells = (row) => row.dataCells.map((c) => c.label);

run(async () => {
  const f = {};
  const conn = await soapLogin();

  const list = await conn.analytics.reports();
  f.reports = list.map((r) => r.name);
  const id = (name) => list.find((r) => r.name === name).id;

  const desc = await conn.analytics.report(id('All Accounts')).describe();
  f.describe = {
    name: desc.reportMetadata.name,
    format: desc.reportMetadata.reportFormat,
    detailColumns: desc.reportMetadata.detailColumns,
    reportType: desc.reportMetadata.reportType.type,
  };

  const tab = await conn.analytics.report(id('All Accounts')).execute({ details: true });
  const tt = tab.factMap['T!T'];
  f.tabular = {
    allData: tab.allData,
    hasDetailRows: tab.hasDetailRows,
    reportName: tab.attributes.reportName,
    rows: tt.rows.length,
    aggregates: tt.aggregates,
    firstRow: cells(tt.rows[0]),
    firstRowId: /^001[0-9A-Za-z]{15}$/.test(tt.rows[0].dataCells[0].value),
  };
  const noDetails = await conn.analytics.report(id('All Accounts')).execute({ details: false });
  f.tabularWithoutDetails = { hasDetailRows: noDetails.hasDetailRows, aggregates: noDetails.factMap['T!T'].aggregates };

  const sum = await conn.analytics.report(id('Cases by Status')).execute({ details: true });
  f.summary = {
    format: sum.reportMetadata.reportFormat,
    groupings: sum.groupingsDown.groupings.map((g) => [g.key, g.label, g.value, sum.factMap[`${g.key}!T`].aggregates[0].value]),
    total: sum.factMap['T!T'].aggregates[0].value,
    firstGroupRows: sum.factMap['0!T'].rows.length,
  };

  const report = conn.analytics.report(id('Open Cases'));
  const inst = await report.executeAsync({ details: true });
  const statuses = new Set([inst.status]);
  let result;
  for (const deadline = Date.now() + 15000; Date.now() < deadline;) {
    result = await report.instance(inst.id).retrieve();
    statuses.add(result.attributes.status);
    if (result.attributes.status === 'Success') break;
    await new Promise((r) => setTimeout(r, 50));
  }
  f.async = {
    status: result.attributes.status,
    unexpectedStatuses: [...statuses].filter((st) => !['New', 'Running', 'Success'].includes(st)),
    rows: result.factMap['T!T'].rows.length,
    firstRow: cells(result.factMap['T!T'].rows[0]),
    listed: (await report.instances()).some((i) => i.id === inst.id),
  };

  f.unknownReport = await caught(conn.analytics.report('00O000000000000AAA').execute());
  return f;
});
