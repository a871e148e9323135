package clients

import (
	"testing"

	"github.com/soqlgate/soqlgate/emulator"
)

// jsforceScenarios are the scripts of jsforce/ with their expected facts,
// derived from the demo data: 13 accounts (plus one in the recycle bin), 20
// contacts, 27 cases of which two are deleted; with scale 1000, 1,000 more
// cases (00001028–00002027) and 100 accounts.
var jsforceScenarios = []scenario{
	{script: "login.js", want: loginWant},
	{script: "query.js", scale: 1000, want: queryWant},
	{
		script: "describe.js", want: describeWant,
		after: func(t *testing.T, srv *emulator.Server, facts map[string]any) {
			// Twelve REST calls count (the SOAP login does not); the usage
			// header jsforce parsed on the last one is the org's count.
			used, max := srv.APIUsage()
			header := facts["limits"].(map[string]any)["header"].(map[string]any)
			if header["used"] != float64(used) || header["limit"] != float64(max) {
				t.Errorf("Sforce-Limit-Info as jsforce read it: %v, the org counts %d/%d", header, used, max)
			}
		},
	},
	{script: "bulk.js", scale: 1000, want: bulkWant},
	{script: "analytics.js", want: analyticsWant},
	{script: "errors.js", want: errorsWant},
}

const session = `{
	"instanceUrl": "{{URL}}",
	"userId": "{{soap.userId}}",
	"organizationId": "{{soap.organizationId}}",
	"idUrl": "{{URL}}/id/{{soap.organizationId}}/{{soap.userId}}",
	"sessionOfOrg": true
}`

const loginWant = `{
	"soap": {
		"instanceUrl": "{{URL}}",
		"userId": "<id:005>",
		"organizationId": "<id:00D>",
		"idUrl": "{{URL}}/id/{{soap.organizationId}}/{{soap.userId}}",
		"sessionOfOrg": true
	},
	"soapUser": ["demo@soqlgate.local", "Demo User"],
	"organization": [1, "{{soap.organizationId}}", "soqlgate Demo Org"],
	"identity": ["demo@soqlgate.local", "{{soap.userId}}", "{{soap.organizationId}}"],
	"password": ` + session + `,
	"passwordAccounts": 13,
	"clientCredentials": ` + session + `,
	"clientCredentialsCases": 25,
	"jwtBearer": ` + session + `,
	"jwtBearerContacts": 20,
	"refreshToken": {"refreshes": 1, "record": ["GenePoint", "Biotechnology"], "sessionOfOrg": true},
	"reloginAfterExpiry": {"totalSize": 1, "soapLogins": 1},
	"badSoapPassword": {"name": "Error", "message": "INVALID_LOGIN: Invalid username, password, security token; or user locked out."},
	"badOAuthPassword": {"name": "invalid_grant", "message": "authentication failure"},
	"badClientSecret": {"name": "invalid_client", "message": "invalid client credentials"}
}`

const queryWant = `{
	"firstPage": {
		"totalSize": 1025, "done": false, "records": 200, "next": "string",
		"first": {"CaseNumber": "00001001", "Subject": "Starting generator after electrical failure", "Status": "Closed"},
		"last": {"CaseNumber": "00001202", "Subject": "Other issue #175 reported by customer", "Status": "New"}
	},
	"secondPage": {
		"totalSize": 1025, "done": false, "records": 200, "next": "string",
		"first": {"CaseNumber": "00001203", "Subject": "Mechanical issue #176 reported by customer", "Status": "Working"},
		"last": {"CaseNumber": "00001402", "Subject": "Other issue #375 reported by customer", "Status": "Escalated"}
	},
	"autoFetch": {
		"totalSize": 1025, "done": true, "records": 1025, "ascending": true,
		"first": "00001001", "last": "00002027", "queries": 1, "queryMores": 5
	},
	"streamedMaxFetch": {"records": 450, "first": "00001001", "last": "00001452"},
	"deletedAccountsByQuery": 0,
	"deletedAccountsByQueryAll": [["Old Demo Account (deleted)", true]],
	"deletedCases": [
		["00001025", "Need documentation for annual inspection", true],
		["00001026", "Battery charger fault light on", true]
	],
	"queryAllAutoFetch": {"totalSize": 1027, "records": 1027, "ascending": true, "queries": 1, "queryMores": 5},
	"parents": ["00001001", "Edge Communications", "Rose Gonzalez", "rose@edge.com", "Account"],
	"children": {"totalSize": 2, "done": true, "rows": [["Forbes", "CFO"], ["Gonzalez", "SVP, Procurement"]]},
	"noChildren": null,
	"aggregate": [
		["New", 20, "AggregateResult"],
		["Working", 18, "AggregateResult"],
		["Escalated", 15, "AggregateResult"],
		["Closed", 44, "AggregateResult"]
	],
	"count": 170,
	"values": [
		{
			"Name": "All Types 09", "Col_Checkbox__c": true, "Col_Currency__c": 0, "Col_Number__c": -0.0001,
			"Col_Integer__c": -2147483648, "Col_Percent__c": 100, "Col_Date__c": "2026-01-03",
			"Col_DateTime__c": "2026-01-03T21:00:00.000+0000", "Col_Time__c": "16:56:00.000Z",
			"Col_MultiPicklist__c": "Red", "Col_Text__c": "quote \" backslash \\ tab\tend",
			"Col_Lookup__r": "Express Logistics and Transport"
		},
		{
			"Name": "All Types 10", "Col_Checkbox__c": false, "Col_Currency__c": null, "Col_Number__c": null,
			"Col_Integer__c": null, "Col_Percent__c": null, "Col_Date__c": null, "Col_DateTime__c": null,
			"Col_Time__c": null, "Col_MultiPicklist__c": null, "Col_Text__c": null, "Col_Lookup__r": null
		}
	]
}`

const describeWant = `{
	"describeGlobal": {
		"encoding": "UTF-8", "maxBatchSize": 200,
		"names": ["Account", "AllDataType__c", "Asset", "BusinessHours", "Case", "CaseComment", "Contact",
			"Entitlement", "Organization", "Report", "Solution", "User"],
		"account": {"label": "Account", "labelPlural": "Accounts", "keyPrefix": "001", "queryable": true, "custom": false}
	},
	"describe": {
		"name": "Account", "label": "Account", "labelPlural": "Accounts", "keyPrefix": "001",
		"queryable": true, "custom": false, "fields": 62,
		"firstFields": ["Id", "IsDeleted", "MasterRecordId", "Name"],
		"customerId": {"type": "string", "externalId": true, "unique": true, "length": 40, "custom": true},
		"annualRevenue": {"type": "currency", "soapType": "xsd:double", "precision": 18, "scale": 0},
		"billingAddress": {"type": "address", "compoundFieldName": null},
		"billingCity": {"type": "string", "compoundFieldName": "BillingAddress"},
		"parent": {"type": "reference", "referenceTo": ["Account"], "relationshipName": "Parent"},
		"industryValues": ["Agriculture", "Apparel", "Banking"],
		"childRelationships": [["ChildAccounts", "Account", "ParentId"], ["Cases", "Case", "AccountId"], ["Contacts", "Contact", "AccountId"]]
	},
	"describeCase": ["Cases", "CaseComments"],
	"retrieve": {
		"sameId": true, "type": "Account", "url": true,
		"Name": "GenePoint", "Industry": "Biotechnology", "Website": "www.genepoint.com",
		"AnnualRevenue": 30000000, "NumberOfEmployees": 265, "CustomerId__c": "CUST-00001",
		"BillingCity": "Mountain View", "BillingLatitude": 37.4043,
		"BillingAddress": {
			"city": "Mountain View", "country": "USA", "geocodeAccuracy": null, "latitude": 37.4043,
			"longitude": -122.0748, "postalCode": "94043", "state": "CA",
			"street": "345 Shoreline Park\nMountain View, CA 94043\nUSA"
		},
		"ParentId": null, "IsDeleted": false, "CreatedDate": "2025-08-05T09:00:00.000+0000", "fieldCount": 62
	},
	"retrieveFields": [["Name", "GenePoint"], ["Phone", "(650) 867-3450"]],
	"retrieveMany": ["GenePoint", "Edge Communications"],
	"retrieveDeleted": {"name": "ENTITY_IS_DELETED", "errorCode": "ENTITY_IS_DELETED", "message": "entity is deleted"},
	"retrieveUnknown": {"name": "NOT_FOUND", "errorCode": "NOT_FOUND", "message": "The requested resource does not exist"},
	"limits": {"dailyApiRequests": 15000, "remaining": 14988, "header": {"used": 12, "limit": 15000}}
}`

// demoAccountNames are the demo accounts in SOQL's ORDER BY Name order
// (case-insensitive: sForce sorts between Sample and United).
const demoAccountNames = `["Burlington Textiles Corp of America", "Dickenson plc", "Edge Communications",
	"Express Logistics and Transport", "GenePoint", "Grand Hotels & Resorts Ltd", "Pyramid Construction Inc.",
	"Sample Account for Entitlements", "sForce", "United Oil & Gas Corp.", "United Oil & Gas, Singapore",
	"United Oil & Gas, UK", "University of Arizona"]`

// bulkGenePoint is GenePoint's row as jsforce parses the CSV: strings, the
// street's line breaks kept inside the quoted field.
const bulkGenePoint = `{
	"Name": "GenePoint", "BillingStreet": "345 Shoreline Park\nMountain View, CA 94043\nUSA",
	"Description": "Genomics company engaged in mapping and sequencing of the human genome and developing gene-based drugs",
	"NumberOfEmployees": "265", "AnnualRevenue": "30000000.0", "Rating": "Cold"
}`

const bulkCases = `{
	"rows": 1025, "ascending": true,
	"first": ["00001001", "Starting generator after electrical failure"],
	"last": ["00002027", "Other issue #1000 reported by customer"]
}`

const invalidField = "\nSELECT Nope__c FROM Account\n       ^\nERROR at Row:1:Column:8\nNo such column 'Nope__c' on entity 'Account'. " +
	"If you are attempting to use a custom field, be sure to append the '__c' after the custom field name. " +
	"Please reference your WSDL or the describe call for the appropriate names."

var bulkWant = `{
	"bulk2Accounts": {"rows": 13, "names": ` + demoAccountNames + `, "genePoint": ` + bulkGenePoint + `, "accountIds": true},
	"bulk2Requests": true,
	"bulk2Cases": ` + bulkCases + `,
	"bulk2QueryAll": ["Old Demo Account (deleted)"],
	"bulk1Accounts": {"rows": 13, "names": ` + demoAccountNames + `, "genePoint": ` + bulkGenePoint + `, "accountIds": true},
	"bulk1Requests": true,
	"bulk1Cases": ` + bulkCases + `,
	"bulk2Invalid": {"name": "INVALID_FIELD", "errorCode": "INVALID_FIELD", "message": ` + jsonString(invalidField) + `},
	"bulk1Invalid": {"name": "Error", "message": ` + jsonString("InvalidBatch : Failed to process query: INVALID_FIELD: "+invalidField) + `}
}`

const analyticsWant = `{
	"reports": ["All Accounts", "All Cases", "Cases by Status", "Cases by Status and Priority", "Open Cases", "Open Cases by Account"],
	"describe": {
		"name": "All Accounts", "format": "TABULAR", "reportType": "AccountList",
		"detailColumns": ["ACCOUNT.NAME", "TYPE", "INDUSTRY", "BILLING_CITY", "PHONE1", "EMPLOYEES"]
	},
	"tabular": {
		"allData": true, "hasDetailRows": true, "reportName": "All Accounts", "rows": 13,
		"aggregates": [{"label": "13", "value": 13}],
		"firstRow": ["GenePoint", "Customer - Channel", "Biotechnology", "Mountain View", "(650) 867-3450", "265"],
		"firstRowId": true
	},
	"tabularWithoutDetails": {"hasDetailRows": false, "aggregates": [{"label": "13", "value": 13}]},
	"summary": {
		"format": "SUMMARY",
		"groupings": [["0", "Closed", "Closed", 8], ["1", "Escalated", "Escalated", 3], ["2", "New", "New", 8], ["3", "Working", "Working", 6]],
		"total": 25, "firstGroupRows": 8
	},
	"async": {
		"status": "Success", "unexpectedStatuses": [], "rows": 17, "listed": true,
		"firstRow": ["00001004", "Electrical surge damaging equipment", "Working", "High", "Pyramid Construction Inc."]
	},
	"unknownReport": {"name": "NOT_FOUND", "errorCode": "NOT_FOUND", "message": "The requested resource does not exist"}
}`

var errorsWant = `{
	"malformed": {"name": "MALFORMED_QUERY", "errorCode": "MALFORMED_QUERY",
		"message": "\nSELECT FROM Account\n       ^\nERROR at Row:1:Column:8\nunexpected token: 'FROM'"},
	"selectStar": {"name": "MALFORMED_QUERY", "errorCode": "MALFORMED_QUERY",
		"message": "\nSELECT * FROM Account\n       ^\nERROR at Row:1:Column:8\nunexpected token: '*'"},
	"invalidField": {"name": "INVALID_FIELD", "errorCode": "INVALID_FIELD", "message": ` + jsonString(
	"\nSELECT Id, Nope__c FROM Account\n           ^\nERROR at Row:1:Column:12\nNo such column 'Nope__c' on entity 'Account'. "+
		"If you are attempting to use a custom field, be sure to append the '__c' after the custom field name. "+
		"Please reference your WSDL or the describe call for the appropriate names.") + `},
	"invalidType": {"name": "INVALID_TYPE", "errorCode": "INVALID_TYPE", "message": ` + jsonString(
	"\nSELECT Id FROM Nope__c\n               ^\nERROR at Row:1:Column:16\nsObject type 'Nope__c' is not supported. "+
		"If you are attempting to use a custom object, be sure to append the '__c' after the entity name. "+
		"Please reference your WSDL or the describe call for the appropriate names.") + `},
	"unknownSObject": {"name": "NOT_FOUND", "errorCode": "NOT_FOUND", "message": "The requested resource does not exist"},
	"badLocator": {"name": "INVALID_QUERY_LOCATOR", "errorCode": "INVALID_QUERY_LOCATOR", "message": "invalid query locator"},
	"unknownSession": {"name": "INVALID_SESSION_ID", "errorCode": "INVALID_SESSION_ID", "message": "Session expired or invalid"}
}`

func jsonString(s string) string { return show(s) }
