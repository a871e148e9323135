// Package driver is soqlgate's database/sql driver: sql.Open("salesforce",
// dsn) reads Salesforce in SQL-92 or SOQL and writes with INSERT, UPSERT,
// UPDATE and DELETE.
//
// # DSN
//
//	salesforce://USER:PASSWORD@HOST[:PORT]/?securityToken=…&apiVersion=…
//
// The parameters are the settings of Data Factory's Salesforce connector
// (environmentUrl, securityToken, apiVersion, readBehavior, writeBatchSize,
// ignoreNullValues, externalIdFieldName, maxConcurrentConnections) and a few
// of soqlgate's own (api, queryMode, batchSize, bulkThreshold, …); see
// Config. http:// is accepted only with insecure=true and only to a
// loopback host, which is how tests reach the local org.
//
// Secrets (password, securityToken, clientSecret, refreshToken,
// accessToken) never appear in an error or in Config.String.
package driver
