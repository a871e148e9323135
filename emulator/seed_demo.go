package emulator

import (
	"fmt"
	"strconv"
	"time"
)

// The demo org: the Developer Edition sample data (accounts by name, their
// contacts, cases about generators), service agents, business hours,
// entitlements, solutions, assets, the all-types custom object and some
// soft-deleted rows. Everything derives from seedEpoch and fixed tables,
// so two runs produce the same rows and ids.

type demoAccount struct {
	name, typ, industry, street, city, state, zip, country, phone, website string
	number, sic, ticker, ownership, rating, source, parent, description    string
	revenue                                                                float64
	employees                                                              int64
}

var demoAccounts = []demoAccount{
	{"GenePoint", "Customer - Channel", "Biotechnology", "345 Shoreline Park\nMountain View, CA 94043\nUSA", "Mountain View", "CA", "94043", "USA", "(650) 867-3450", "www.genepoint.com", "CC978213", "3712", "", "Private", "Cold", "Web", "", "Genomics company engaged in mapping and sequencing of the human genome and developing gene-based drugs", 30000000, 265},
	{"United Oil & Gas, UK", "Customer - Direct", "Energy", "Kings Park, 17th Avenue, Team Valley Trading Estate,\nGateshead, Tyne and Wear NE26 3HS\nUnited Kingdom", "", "UK", "", "United Kingdom", "+44 191 4956203", "http://www.uos.com", "CD355119-A", "4437", "UOS", "Public", "", "Partner Referral", "United Oil & Gas Corp.", "", 0, 24000},
	{"United Oil & Gas, Singapore", "Customer - Direct", "Energy", "9 Tagore Lane\nSingapore, Singapore 787472\nSingapore", "Singapore", "Singapore", "787472", "Singapore", "(650) 450-8810", "http://www.uos.com", "CD355120-B", "4437", "UOS", "Public", "", "Partner Referral", "United Oil & Gas Corp.", "", 0, 3000},
	{"Edge Communications", "Customer - Direct", "Electronics", "312 Constitution Place\nAustin, TX 78767\nUSA", "Austin", "TX", "78767", "USA", "(512) 757-6000", "http://edgecomm.com", "CD451796", "6576", "EDGE", "Public", "Hot", "Web", "", "Edge, founded in 1998, is a start-up based in Austin, TX. The company designs and manufactures a device to convert music from one digital format to another.", 139000000, 1000},
	{"Burlington Textiles Corp of America", "Customer - Direct", "Apparel", "525 S. Lexington Ave", "Burlington", "NC", "27215", "USA", "(336) 222-7000", "www.burlington.com", "CD656092", "546732", "BTXT", "Public", "Warm", "Phone Inquiry", "", "", 350000000, 9000},
	{"Pyramid Construction Inc.", "Customer - Channel", "Construction", "2 Place Jussieu", "Paris", "", "75251", "France", "(014) 427-4427", "www.pyramid.com", "CC213425", "4253", "PYR", "Public", "", "Purchased List", "", "", 950000000, 2680},
	{"Dickenson plc", "Customer - Channel", "Consulting", "1301 Hoch Drive", "Lawrence", "KS", "66045", "USA", "(785) 241-6200", "dickenson-consulting.com", "CC634267", "6752", "DNCO", "Private", "", "Phone Inquiry", "", "", 50000000, 120},
	{"Grand Hotels & Resorts Ltd", "Customer - Direct", "Hospitality", "2334 N. Michigan Avenue, Suite 1500\nChicago, IL 60601, USA", "Chicago", "IL", "60601", "USA", "(312) 596-1000", "www.grandhotels.com", "CD439877", "2268", "GHTL", "Public", "Warm", "Partner Referral", "", "Chain of hotels and resorts across the US, UK, Eastern Europe, Japan, and SE Asia.", 500000000, 5600},
	{"Express Logistics and Transport", "Customer - Channel", "Transportation", "620 SW 5th Avenue Suite 400\nPortland, Oregon 97204\nUnited States", "Portland", "OR", "97204", "USA", "(503) 421-7800", "www.expressl&t.net", "CC947211", "8742", "EXLT", "Public", "Cold", "Phone Inquiry", "", "Commercial logistics and transportation company.", 950000000, 12300},
	{"University of Arizona", "Customer - Direct", "Education", "888 N Euclid \nHallis Center, Room 501\nTucson, AZ 85721\nUnited States", "Tucson", "AZ", "85721", "USA", "(520) 773-9050", "www.universityofarizona.com", "CD736025", "7321", "", "Other", "Warm", "Web", "", "Leading university in AZ offering undergraduate and graduate programs in arts and humanities, pure sciences, engineering, business, and medicine.", 0, 39000},
	{"United Oil & Gas Corp.", "Customer - Direct", "Energy", "1301 Avenue of the Americas \nNew York, NY 10019\nUSA", "New York", "NY", "10019", "USA", "(212) 842-5500", "http://www.uos.com", "CD355118", "4437", "UOS", "Public", "Hot", "Partner Referral", "", "World's third largest oil and gas company.", 5600000000, 145000},
	{"sForce", "", "", "The Landmark @ One Market", "San Francisco", "CA", "94087", "US", "(415) 901-7000", "www.sforce.com", "", "", "", "", "", "", "", "", 0, 0},
	{"Sample Account for Entitlements", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", 0, 0},
}

type demoContact struct {
	first, last, account, title, dept, email, phone, salutation, source string
	birth                                                               string
}

var demoContacts = []demoContact{
	{"Rose", "Gonzalez", "Edge Communications", "SVP, Procurement", "Procurement", "rose@edge.com", "(512) 757-6000", "Ms.", "Web", "1966-01-05"},
	{"Sean", "Forbes", "Edge Communications", "CFO", "Finance", "sean@edge.com", "(512) 757-6000", "Mr.", "Phone Inquiry", "1961-11-08"},
	{"Jack", "Rogers", "Burlington Textiles Corp of America", "VP, Facilities", "Facilities", "jrogers@burlington.com", "(336) 222-7000", "Mr.", "Web", "1962-02-27"},
	{"Pat", "Stumuller", "Pyramid Construction Inc.", "SVP, Administration and Finance", "Finance", "pat@pyramid.net", "(014) 427-4427", "Ms.", "Purchased List", "1944-05-13"},
	{"Andy", "Young", "Dickenson plc", "SVP, Operations", "Internal Operations", "a_young@dickenson.com", "(785) 241-6200", "Mr.", "Purchased List", "1952-04-12"},
	{"Tim", "Barr", "Grand Hotels & Resorts Ltd", "SVP, Administration and Finance", "Finance", "barr_tim@grandhotels.com", "(312) 596-1000", "Mr.", "Web", "1968-09-01"},
	{"John", "Bond", "Grand Hotels & Resorts Ltd", "VP, Facilities", "Facilities", "bond_john@grandhotels.com", "(312) 596-1000", "Mr.", "Web", "1955-07-30"},
	{"Stella", "Pavlova", "United Oil & Gas Corp.", "SVP, Production", "Production", "spavlova@uog.com", "(212) 842-5500", "Ms.", "Partner Referral", "1970-04-17"},
	{"Lauren", "Boyle", "United Oil & Gas Corp.", "SVP, Technology", "Technology", "lboyle@uog.com", "(212) 842-5500", "Ms.", "Partner Referral", "1967-12-09"},
	{"Babara", "Levy", "Express Logistics and Transport", "SVP, Operations", "Operations", "b.levy@expressl&t.net", "(503) 421-7800", "Ms.", "Phone Inquiry", "1971-03-22"},
	{"Josh", "Davis", "Express Logistics and Transport", "Director, Warehouse Mgmt", "Warehouse Mgmt", "j.davis@expressl&t.net", "(503) 421-7800", "Mr.", "Phone Inquiry", "1974-06-30"},
	{"Jane", "Grey", "University of Arizona", "Dean of Administration", "Administration", "jane_gray@uoa.edu", "(520) 773-9050", "Ms.", "Web", "1958-10-14"},
	{"Arthur", "Song", "United Oil & Gas Corp.", "CEO", "Executive Management", "asong@uog.com", "(212) 842-5500", "Mr.", "Partner Referral", "1950-05-05"},
	{"Ashley", "James", "United Oil & Gas, UK", "VP, Finance", "Finance", "ajames@uog.com", "+44 191 4956203", "Ms.", "Partner Referral", "1972-08-19"},
	{"Tom", "Ripley", "United Oil & Gas, Singapore", "Regional General Manager", "Operations", "tripley@uog.com", "(650) 450-8810", "Mr.", "Partner Referral", "1964-01-26"},
	{"Liz", "D'Cruz", "United Oil & Gas, Singapore", "VP, Production", "Production", "ldcruz@uog.com", "(650) 450-8810", "Ms.", "Partner Referral", "1969-02-02"},
	{"Edna", "Frank", "GenePoint", "VP, Technology", "Technology", "efrank@genepoint.com", "(650) 867-3450", "Ms.", "Web", "1963-03-10"},
	{"Avi", "Green", "United Oil & Gas Corp.", "CFO", "Finance", "agreen@uog.com", "(212) 842-5500", "Mr.", "Partner Referral", "1960-09-18"},
	{"Siddartha", "Nedaerk", "", "", "", "", "", "Mr.", "", ""},
	{"Jake", "Llorrac", "sForce", "", "", "", "", "Mr.", "", ""},
}

type demoCase struct {
	subject, typ, reason, status, priority, origin string
	escalated                                      bool
}

var demoCases = []demoCase{
	{"Starting generator after electrical failure", "Electrical", "Breakdown", "Closed", "High", "Phone", false},
	{"Performance inadequate for second consecutive week", "Mechanical", "Performance", "Closed", "Medium", "Phone", false},
	{"Design issue with mechanical rotor", "Structural", "Equipment Design", "Closed", "Low", "Web", false},
	{"Electrical surge damaging equipment", "Electrical", "Breakdown", "Working", "High", "Email", true},
	{"Maintenance guidelines for generator unclear", "Other", "Feedback", "New", "Low", "Web", false},
	{"Frequent mechanical breakdown", "Mechanical", "Breakdown", "Escalated", "High", "Phone", true},
	{"Electronic panel fitting loose", "Electronic", "Installation", "Closed", "Medium", "Email", false},
	{"Power generation below stated level", "Electrical", "Performance", "Working", "Medium", "Phone", false},
	{"Cannot track our order", "Other", "Other", "New", "Medium", "Web", false},
	{"Shutdown of generator after 6 hours of use", "Mechanical", "Breakdown", "Escalated", "High", "Phone", true},
	{"Generator emits excessive noise", "Mechanical", "Equipment Complexity", "New", "Low", "Email", false},
	{"Seeking guidance on electrical wiring installation for GC5060", "Electrical", "Installation", "Closed", "Low", "Web", false},
	{"Signal problem with remote monitoring panel", "Electronic", "Equipment Complexity", "Working", "Medium", "Email", false},
	{"Rotor bearing overheating under load", "Mechanical", "Equipment Design", "New", "High", "Phone", false},
	{"Fuel consumption higher than specification", "Mechanical", "Performance", "Working", "Medium", "Web", false},
	{"Control unit firmware update failed", "Electronic", "Installation", "Closed", "Medium", "Email", false},
	{"Cracked mounting bracket on GC1060", "Structural", "Breakdown", "New", "Medium", "Phone", false},
	{"Request for on-site training", "Other", "Feedback", "Closed", "Low", "Web", false},
	{"Voltage fluctuation during peak hours", "Electrical", "Performance", "Escalated", "High", "Phone", true},
	{"Warranty question about replaced alternator", "Other", "Other", "Working", "Low", "Email", false},
	{"Coolant leak after scheduled maintenance", "Mechanical", "Breakdown", "New", "High", "Phone", false},
	{"Display panel shows wrong runtime hours", "Electronic", "Equipment Complexity", "Closed", "Low", "Web", false},
	{"Vibration damaging floor anchors", "Structural", "Equipment Design", "Working", "Medium", "Email", false},
	{"Automatic transfer switch not engaging", "Electrical", "Breakdown", "New", "High", "Phone", false},
	{"Need documentation for annual inspection", "Other", "Feedback", "Closed", "Low", "Web", false},
	{"Battery charger fault light on", "Electronic", "Breakdown", "Working", "Medium", "Phone", false},
}

var demoComments = []string{
	"Called the customer and walked through the restart procedure.",
	"Customer confirms the unit is running again; monitoring for 48 hours.",
	"Engineer scheduled for an on-site visit on Thursday.",
	"Replacement part shipped by express courier.",
	"Escalated to the product engineering team.",
	"Sent the maintenance guide (PDF) by email.",
}

var demoAgents = []struct{ first, last, title string }{
	{"Ana", "Alvarez", "Support Agent"},
	{"Ben", "Okafor", "Support Agent"},
	{"Chen", "Li", "Escalation Manager"},
}

// demo writes the demo data.
func (sd *seeder) demo() error {
	agents, err := sd.demoUsers()
	if err != nil {
		return err
	}
	hours, err := sd.insert("BusinessHours", seedEpoch.AddDate(0, -6, 0), row{
		"Name": "Default", "IsActive": true, "IsDefault": true, "TimeZoneSidKey": "America/Los_Angeles",
		"MondayStartTime": "08:00:00.000Z", "MondayEndTime": "17:00:00.000Z",
		"TuesdayStartTime": "08:00:00.000Z", "TuesdayEndTime": "17:00:00.000Z",
		"WednesdayStartTime": "08:00:00.000Z", "WednesdayEndTime": "17:00:00.000Z",
		"ThursdayStartTime": "08:00:00.000Z", "ThursdayEndTime": "17:00:00.000Z",
		"FridayStartTime": "08:00:00.000Z", "FridayEndTime": "17:00:00.000Z",
	})
	if err != nil {
		return err
	}
	accounts := map[string]string{}
	for i, a := range demoAccounts {
		at := seedEpoch.AddDate(0, -5, i)
		r := row{"Name": a.name, "Type": nz(a.typ), "Industry": nz(a.industry),
			"BillingStreet": nz(a.street), "BillingCity": nz(a.city), "BillingState": nz(a.state),
			"BillingPostalCode": nz(a.zip), "BillingCountry": nz(a.country),
			"ShippingStreet": nz(a.street), "ShippingCity": nz(a.city), "ShippingState": nz(a.state),
			"ShippingPostalCode": nz(a.zip), "ShippingCountry": nz(a.country),
			"Phone": nz(a.phone), "Website": nz(a.website), "AccountNumber": nz(a.number), "Sic": nz(a.sic),
			"TickerSymbol": nz(a.ticker), "Ownership": nz(a.ownership), "Rating": nz(a.rating),
			"AccountSource": nz(a.source), "Description": nz(a.description), "CustomerId__c": customerID(i + 1),
			"OwnerId": agents[i%len(agents)], "LastViewedDate": stamp(seedEpoch.Add(-time.Duration(i) * time.Hour)),
		}
		if a.revenue > 0 {
			r["AnnualRevenue"] = a.revenue
		}
		if a.employees > 0 {
			r["NumberOfEmployees"] = a.employees
		}
		if a.city == "Mountain View" {
			r["BillingLatitude"], r["BillingLongitude"] = 37.4043, -122.0748
		}
		id, err := sd.insert("Account", at, r)
		if err != nil {
			return err
		}
		accounts[a.name] = id
	}
	// United Oil & Gas Corp. comes after its subsidiaries in the sample
	// list; link them now that it exists.
	for _, a := range demoAccounts {
		if a.parent != "" {
			if _, err := sd.tx.ExecContext(sd.ctx, `UPDATE "Account" SET "ParentId" = ? WHERE "Id" = ?`, accounts[a.parent], accounts[a.name]); err != nil {
				return err
			}
		}
	}
	var contacts []string
	contactAccount := map[string]string{}
	for i, c := range demoContacts {
		at := seedEpoch.AddDate(0, -5, i).Add(3 * time.Hour)
		acct := accounts[c.account]
		r := row{"AccountId": nz(acct), "FirstName": c.first, "LastName": c.last, "Name": c.first + " " + c.last,
			"Salutation": nz(c.salutation), "Title": nz(c.title), "Department": nz(c.dept), "Email": nz(c.email),
			"Phone": nz(c.phone), "LeadSource": nz(c.source), "Birthdate": nz(c.birth),
			"ExternalId__c": fmt.Sprintf("CON-%04d", i+1), "OwnerId": agents[i%len(agents)]}
		for _, a := range demoAccounts {
			if a.name == c.account {
				r["MailingStreet"], r["MailingCity"], r["MailingState"] = nz(a.street), nz(a.city), nz(a.state)
				r["MailingPostalCode"], r["MailingCountry"] = nz(a.zip), nz(a.country)
			}
		}
		id, err := sd.insert("Contact", at, r)
		if err != nil {
			return err
		}
		contacts = append(contacts, id)
		contactAccount[id] = acct
	}
	// Assets and entitlements of the customers.
	var assets []string
	assetAccount := map[string]string{}
	for i, name := range []string{"GC1060 Generator", "GC3040 Generator", "GC5060 Generator", "SLA Remote Monitoring Panel", "GC1020 Generator"} {
		c := contacts[(i*3)%18]
		id, err := sd.insert("Asset", seedEpoch.AddDate(0, -4, i), row{
			"Name": name, "AccountId": contactAccount[c], "ContactId": c, "SerialNumber": fmt.Sprintf("SN-%06d", 4711+i*97),
			"Status":      []string{"Installed", "Installed", "Shipped", "Registered", "Purchased"}[i],
			"InstallDate": day(seedEpoch.AddDate(0, -4, i+7)), "PurchaseDate": day(seedEpoch.AddDate(0, -4, i)),
			"UsageEndDate": day(seedEpoch.AddDate(3, 0, i)), "Price": 4500.0 + float64(i)*1250.5, "Quantity": float64(1 + i%2),
		})
		if err != nil {
			return err
		}
		assets = append(assets, id)
		assetAccount[id] = contactAccount[c]
	}
	entitlements := map[string]string{}
	for i, e := range []struct{ name, account, typ string }{
		{"Sample Entitlement", "Sample Account for Entitlements", "Phone Support"},
		{"Edge Premium Support", "Edge Communications", "Phone Support"},
		{"United Oil Web Support", "United Oil & Gas Corp.", "Web Support"},
		{"Grand Hotels Email Support", "Grand Hotels & Resorts Ltd", "Email Support"},
	} {
		start := seedEpoch.AddDate(-1, i, 0)
		end := start.AddDate(2, 0, -1)
		status := "Active"
		if i == 3 {
			end = seedEpoch.AddDate(0, -1, 0)
			status = "Expired"
		}
		r := row{"Name": e.name, "AccountId": accounts[e.account], "Type": e.typ,
			"BusinessHoursId": hours, "StartDate": day(start), "EndDate": day(end), "Status": status}
		if i == 2 { // per-incident: 10 cases, 3 used
			r["IsPerIncident"], r["CasesPerEntitlement"], r["RemainingCases"] = true, int64(10), int64(7)
		}
		id, err := sd.insert("Entitlement", start, r)
		if err != nil {
			return err
		}
		entitlements[accounts[e.account]] = id
	}
	for i, sol := range []struct{ name, note, status string }{
		{"How to restart a generator after an electrical failure", "Reset the breaker, wait 60 seconds, then start in manual mode.", "Reviewed"},
		{"Reducing generator noise", "Check the mounting pads and the exhaust silencer.", "Reviewed"},
		{"Reading the runtime counter", "The counter shows hours since the last service, not total hours.", "Draft"},
	} {
		if _, err := sd.insert("Solution", seedEpoch.AddDate(0, -3, i), row{"SolutionName": sol.name, "SolutionNote": sol.note,
			"SolutionNumber": pad(i+1, 10), "Status": sol.status, "IsPublished": sol.status == "Reviewed",
			"IsReviewed": sol.status == "Reviewed", "TimesUsed": int64(3 - i)}); err != nil {
			return err
		}
	}
	// Cases, with comments; the first three are soft-deleted afterwards.
	var cases []string
	for i, c := range demoCases {
		con := contacts[i%18]
		acct := contactAccount[con]
		opened := seedEpoch.AddDate(0, 0, -60+2*i).Add(time.Duration(9+i%8) * time.Hour)
		r := row{"CaseNumber": caseNumber(1000 + i + 1), "Subject": c.subject, "Type": c.typ, "Reason": c.reason,
			"Status": c.status, "Priority": c.priority, "Origin": c.origin, "IsEscalated": c.escalated,
			"ContactId": con, "AccountId": nz(acct), "OwnerId": agents[i%len(agents)],
			"Description": "Customer reports: " + c.subject + ".", "BusinessHoursId": hours,
			"SuppliedName":  demoContacts[i%18].first + " " + demoContacts[i%18].last,
			"SuppliedEmail": nz(demoContacts[i%18].email), "ContactEmail": nz(demoContacts[i%18].email),
			"ContactPhone": nz(demoContacts[i%18].phone),
		}
		if e := entitlements[acct]; e != "" {
			r["EntitlementId"] = e
			r["SlaStartDate"] = stamp(opened)
		}
		for _, a := range assets {
			if assetAccount[a] == acct {
				r["AssetId"] = a
			}
		}
		if c.status == "Closed" {
			r["IsClosed"] = true
			r["ClosedDate"] = stamp(opened.Add(time.Duration(20+i) * time.Hour))
		}
		r["LastModifiedDate"] = stamp(opened.Add(time.Duration(i) * time.Hour))
		r["SystemModstamp"] = r["LastModifiedDate"]
		id, err := sd.insert("Case", opened, r)
		if err != nil {
			return err
		}
		cases = append(cases, id)
		for j := 0; j < i%3+1; j++ {
			if _, err := sd.insert("CaseComment", opened.Add(time.Duration(j+1)*2*time.Hour), row{
				"ParentId": id, "CommentBody": demoComments[(i+j)%len(demoComments)], "IsPublished": j == 0,
				"CreatedById": agents[(i+j)%len(agents)], "LastModifiedById": agents[(i+j)%len(agents)],
			}); err != nil {
				return err
			}
		}
	}
	// A follow-up case under the first escalated one.
	if _, err := sd.insert("Case", seedEpoch.AddDate(0, 0, -1), row{"CaseNumber": caseNumber(1000 + len(demoCases) + 1),
		"Subject": "Follow-up: replace surge protector", "Type": "Electrical", "Reason": "Breakdown", "Status": "New",
		"Priority": "Medium", "Origin": "Phone", "ParentId": cases[3], "AccountId": contactAccount[contacts[3]],
		"ContactId": contacts[3], "OwnerId": agents[2]}); err != nil {
		return err
	}
	if err := sd.allDataTypes(accounts); err != nil {
		return err
	}
	return sd.softDelete(accounts, contacts, cases)
}

// demoUsers adds the service agents; it returns the owner ids cases and
// accounts rotate through (the demo user first).
func (sd *seeder) demoUsers() ([]string, error) {
	owners := []string{sd.s.org.User.ID}
	for i, a := range demoAgents {
		alias := string(a.first[0]) + a.last
		if len(alias) > 8 {
			alias = alias[:8]
		}
		mail := fmt.Sprintf("%s.%s@soqlgate.local", lower(a.first), lower(a.last))
		id, err := sd.insert("User", seedEpoch.AddDate(0, -6, i+1), row{
			"Username": mail, "FirstName": a.first, "LastName": a.last, "Name": a.first + " " + a.last,
			"Email": mail, "Alias": lower(alias), "CommunityNickname": lower(a.first), "IsActive": true, "Title": a.title,
			"TimeZoneSidKey": "America/Los_Angeles", "LocaleSidKey": "en_US", "EmailEncodingKey": "UTF-8",
			"LanguageLocaleKey": "en_US", "UserType": "Standard", "CompanyName": sd.s.org.Name, "Department": "Support",
			"LastLoginDate": stamp(seedEpoch.Add(-time.Duration(i+1) * time.Hour)),
		})
		if err != nil {
			return nil, err
		}
		owners = append(owners, id)
	}
	return owners, nil
}

// allDataTypes writes AllDataType__c rows: every column filled in most
// rows, nulls in some, edge values in others.
func (sd *seeder) allDataTypes(accounts map[string]string) error {
	picks := []string{"Alpha", "Beta", "Gamma", "Delta"}
	multis := []string{"Red", "Red;Blue", "Green;Blue;Yellow", "Yellow"}
	for i := 0; i < 10; i++ {
		at := seedEpoch.AddDate(0, 0, -10+i)
		r := row{"Name": fmt.Sprintf("All Types %02d", i+1), "Col_AutoNumber__c": fmt.Sprintf("ADT-%04d", i+1)}
		if i != 9 { // the last row keeps every optional column null
			r["Col_Checkbox__c"] = i%2 == 0
			r["Col_Currency__c"] = float64(i*1000) + 0.25*float64(i)
			r["Col_Date__c"] = day(at)
			r["Col_DateTime__c"] = stamp(at.Add(time.Duration(i) * 90 * time.Minute))
			r["Col_Time__c"] = fmt.Sprintf("%02d:%02d:00.000Z", 8+i, (i*7)%60)
			r["Col_Email__c"] = fmt.Sprintf("row%d@example.com", i+1)
			r["Col_EncryptedText__c"] = fmt.Sprintf("secret-%d", i+1)
			r["Col_Number__c"] = float64(i)*3.1416 - 5
			r["Col_Integer__c"] = int64(i*i - 4)
			r["Col_Percent__c"] = float64(i) * 12.5
			r["Col_Phone__c"] = fmt.Sprintf("(555) 010-%04d", i)
			r["Col_Picklist__c"] = picks[i%len(picks)]
			r["Col_MultiPicklist__c"] = multis[i%len(multis)]
			r["Col_Combobox__c"] = []string{"Small", "Medium", "Large", "Custom size"}[i%4]
			r["Col_Text__c"] = fmt.Sprintf("Text value %d — ünïcödé & <tags>", i+1)
			r["Col_TextArea__c"] = fmt.Sprintf("Line one of row %d\nLine two", i+1)
			r["Col_LongTextArea__c"] = fmt.Sprintf("Long text %d: %s", i+1, "lorem ipsum dolor sit amet ")
			r["Col_RichTextArea__c"] = fmt.Sprintf("<p>Rich <b>text</b> %d</p>", i+1)
			r["Col_Url__c"] = fmt.Sprintf("https://example.com/items/%d", i+1)
			r["Col_Base64__c"] = []byte(fmt.Sprintf("binary payload %d", i+1))
			r["Col_Lookup__c"] = accounts[demoAccounts[i%len(demoAccounts)].name]
			r["Col_Location__Latitude__s"] = 37.7749 + float64(i)/100
			r["Col_Location__Longitude__s"] = -122.4194 - float64(i)/100
			r["Col_Address__Street__s"] = fmt.Sprintf("%d Market Street", 100+i)
			r["Col_Address__City__s"] = "San Francisco"
			r["Col_Address__State__s"] = "CA"
			r["Col_Address__PostalCode__s"] = "94105"
			r["Col_Address__Country__s"] = "USA"
		}
		if i == 8 { // edge values
			r["Col_Currency__c"] = 0.0
			r["Col_Number__c"] = -0.0001
			r["Col_Integer__c"] = int64(-2147483648)
			r["Col_Text__c"] = `quote " backslash \ tab	end`
		}
		if _, err := sd.insert("AllDataType__c", at, r); err != nil {
			return err
		}
	}
	return nil
}

// softDelete moves some rows to the recycle bin (IsDeleted = 1): visible
// to queryAll only.
func (sd *seeder) softDelete(accounts map[string]string, contacts, cases []string) error {
	old, err := sd.insert("Account", seedEpoch.AddDate(-1, 0, 0), row{"Name": "Old Demo Account (deleted)", "Type": "Other",
		"CustomerId__c": customerID(9999)})
	if err != nil {
		return err
	}
	if _, err := sd.insert("Contact", seedEpoch.AddDate(-1, 0, 1), row{"AccountId": old, "FirstName": "Gone", "LastName": "Away",
		"Name": "Gone Away", "ExternalId__c": "CON-9999"}); err != nil {
		return err
	}
	deleted := stamp(seedEpoch.AddDate(0, 0, -2))
	stmts := []struct {
		q    string
		args []any
	}{
		{`UPDATE "Account" SET "IsDeleted" = 1, "SystemModstamp" = ? WHERE "Id" = ?`, []any{deleted, old}},
		{`UPDATE "Contact" SET "IsDeleted" = 1, "SystemModstamp" = ? WHERE "AccountId" = ?`, []any{deleted, old}},
		{`UPDATE "Case" SET "IsDeleted" = 1, "SystemModstamp" = ? WHERE "Id" IN (?, ?)`, []any{deleted, cases[len(cases)-1], cases[len(cases)-2]}},
		{`UPDATE "CaseComment" SET "IsDeleted" = 1, "SystemModstamp" = ? WHERE "ParentId" IN (?, ?)`, []any{deleted, cases[len(cases)-1], cases[len(cases)-2]}},
		{`UPDATE "AllDataType__c" SET "IsDeleted" = 1, "SystemModstamp" = ? WHERE "Name" IN ('All Types 07', 'All Types 08')`, []any{deleted}},
	}
	for _, st := range stmts {
		if _, err := sd.tx.ExecContext(sd.ctx, st.q, st.args...); err != nil {
			return fmt.Errorf("emulator: seed: soft delete: %w", err)
		}
	}
	return nil
}

func nz(s string) any {
	if s == "" {
		return nil
	}
	return s
}

func lower(s string) string {
	b := []byte(s)
	for i, c := range b {
		if c >= 'A' && c <= 'Z' {
			b[i] = c + ('a' - 'A')
		}
	}
	return string(b)
}

func customerID(n int) string { return "CUST-" + pad(n, 5) }
func caseNumber(n int) string { return pad(n, 8) }

// pad formats n with at least width digits.
func pad(n, width int) string {
	s := strconv.Itoa(n)
	if len(s) >= width {
		return s
	}
	return "0000000000000000"[:width-len(s)] + s
}
