#!/usr/bin/env python3
"""Writes the describe documents the translator's golden tests resolve names
against, in the shape GET /sobjects/{X}/describe returns (field template
taken from the recorded Case describe, Case.json, which is kept verbatim).
Run from this directory: python3 gen.py"""
import copy, json

case = json.load(open("Case.json"))
FIELD = {k: v for k, v in case["fields"][0].items()}
OBJ = {k: v for k, v in case.items() if k not in ("fields", "childRelationships", "recordTypeInfos", "urls", "supportedScopes", "actionOverrides", "namedLayoutInfos")}

SOAP = {"id": "tns:ID", "reference": "tns:ID", "boolean": "xsd:boolean", "int": "xsd:int", "double": "xsd:double",
        "currency": "xsd:double", "percent": "xsd:double", "date": "xsd:date", "datetime": "xsd:dateTime",
        "time": "xsd:time", "base64": "xsd:base64Binary", "address": "urn:address", "location": "urn:location"}

def field(name, typ, **kw):
    f = copy.deepcopy(FIELD)
    long_text = typ == "textarea" and kw.get("length", 255) > 255
    f.update({"name": name, "label": name.replace("__c", "").replace("_", " "), "type": typ,
              "soapType": SOAP.get(typ, "xsd:string"), "idLookup": typ == "id", "nillable": typ not in ("id", "boolean"),
              "createable": typ != "id", "updateable": typ != "id", "defaultedOnCreate": typ in ("id", "boolean"),
              "custom": name.endswith("__c") or name.endswith("__s"),
              "length": 18 if typ in ("id", "reference") else (255 if typ in ("string", "picklist", "email", "phone", "url", "textarea", "encryptedstring", "multipicklist", "combobox") else 0),
              "byteLength": 18 if typ in ("id", "reference") else 0,
              "sortable": not (long_text or typ in ("multipicklist", "address", "location", "base64")),
              "groupable": not (long_text or typ in ("multipicklist", "double", "currency", "percent", "datetime", "address", "location", "base64", "textarea")),
              "filterable": not (long_text or typ in ("address", "location", "base64")),
              "aggregatable": typ not in ("boolean", "textarea", "multipicklist", "address", "location", "base64"),
              "precision": 18 if typ in ("currency", "double", "percent") else 0,
              "scale": 2 if typ in ("currency", "double", "percent") else 0,
              "digits": 9 if typ == "int" else 0})
    if typ in ("picklist", "multipicklist"):
        f["picklistValues"] = [{"active": True, "defaultValue": False, "label": v, "validFor": None, "value": v}
                               for v in kw.pop("values", ["a", "b", "c"])]
    for k, v in kw.items():
        f[k] = v
    if typ == "textarea" and f["length"] > 255:
        f["extraTypeInfo"] = kw.get("extraTypeInfo", "plaintextarea")
    return f

def ref(name, to, rel, **kw):
    return field(name, "reference", referenceTo=to if isinstance(to, list) else [to], relationshipName=rel,
                 polymorphicForeignKey=isinstance(to, list) and len(to) > 1, **kw)

def audit():
    return [field("IsDeleted", "boolean", createable=False, updateable=False),
            field("CreatedDate", "datetime", createable=False, updateable=False, nillable=False),
            ref("CreatedById", "User", "CreatedBy", createable=False, updateable=False),
            field("LastModifiedDate", "datetime", createable=False, updateable=False, nillable=False),
            field("SystemModstamp", "datetime", createable=False, updateable=False, nillable=False)]

def child(obj, fld, rel):
    return {"cascadeDelete": False, "childSObject": obj, "deprecatedAndHidden": False, "field": fld,
            "junctionIdListNames": [], "junctionReferenceTo": [], "relationshipName": rel, "restrictedDelete": False}

def obj(name, prefix, fields, children=(), custom=False, **kw):
    o = copy.deepcopy(OBJ)
    o.update({"name": name, "label": name.replace("__c", "").replace("_", " "), "labelPlural": name + "s",
              "keyPrefix": prefix, "custom": custom, "fields": fields,
              "childRelationships": [child(*c) for c in children], "recordTypeInfos": [], "supportedScopes": [],
              "urls": {"describe": "/services/data/v59.0/sobjects/%s/describe" % name}})
    o.update(kw)
    json.dump(o, open(name + ".json", "w"), indent=1, sort_keys=True)
    open(name + ".json", "a").write("\n")

def address(prefix, lat=True):
    comp = prefix + "Address"
    fs = [field(prefix + "Street", "textarea", compoundFieldName=comp),
          field(prefix + "City", "string", length=40, compoundFieldName=comp),
          field(prefix + "State", "string", length=80, compoundFieldName=comp),
          field(prefix + "PostalCode", "string", length=20, compoundFieldName=comp),
          field(prefix + "Country", "string", length=80, compoundFieldName=comp)]
    if lat:
        fs += [field(prefix + "Latitude", "double", precision=18, scale=15, compoundFieldName=comp),
               field(prefix + "Longitude", "double", precision=18, scale=15, compoundFieldName=comp)]
    return fs + [field(comp, "address", createable=False, updateable=False)]

obj("Account", "001", [field("Id", "id")] + audit()[:1] + [
    ref("MasterRecordId", "Account", "MasterRecord", createable=False, updateable=False),
    field("Name", "string", nameField=True, nillable=False),
    field("Type", "picklist", values=["Prospect", "Customer - Direct", "Other"]),
    ref("ParentId", "Account", "Parent")] + address("Billing") + [
    field("Phone", "phone", length=40),
    field("Website", "url"),
    field("Industry", "picklist", values=["Media", "Energy", "Banking"]),
    field("AnnualRevenue", "currency"),
    field("NumberOfEmployees", "int"),
    field("Rating", "picklist", values=["Hot", "Warm", "Cold"]),
    field("Description", "textarea", length=32000),
    ref("OwnerId", "User", "Owner")] + audit()[1:] + [
    field("CustomerId__c", "string", length=20, externalId=True, unique=True),
    field("SLA__c", "picklist", values=["Gold", "Silver"]),
    field("AccountNumber", "string", length=40)],
    [("Account", "ParentId", "ChildAccounts"), ("Contact", "AccountId", "Contacts"), ("Case", "AccountId", "Cases"),
     ("Opportunity", "AccountId", "Opportunities"), ("Task", "WhatId", "Tasks")])

obj("Contact", "003", [field("Id", "id")] + audit()[:1] + [
    ref("AccountId", "Account", "Account"),
    field("LastName", "string", length=80, nillable=False),
    field("FirstName", "string", length=40),
    field("Name", "string", length=121, nameField=True, createable=False, updateable=False),
    field("Email", "email", length=80),
    field("Phone", "phone", length=40),
    ref("ReportsToId", "Contact", "ReportsTo"),
    field("Birthdate", "date"),
    # 255 characters (a real Contact.Description is a long text area) so
    # that it is filterable: sql-dialect.md #57 filters on it.
    field("Description", "textarea", length=255),
    field("EmailBouncedDate", "datetime"),
    field("LastCUUpdateDate", "datetime", createable=False, updateable=False),
    field("HasOptedOutOfEmail", "boolean"),
    ref("OwnerId", "User", "Owner")] + audit()[1:] + [
    field("External_Key__c", "string", length=40, externalId=True)],
    [("Contact", "ReportsToId", None), ("Case", "ContactId", "Cases"), ("Task", "WhoId", "Tasks"),
     ("CaseComment", "CreatedById", None)])

obj("User", "005", [field("Id", "id"),
    field("Username", "string", length=80, nillable=False),
    field("LastName", "string", length=80),
    field("FirstName", "string", length=40),
    field("Name", "string", length=121, nameField=True, createable=False, updateable=False),
    field("Email", "email", length=128),
    field("IsActive", "boolean"),
    ref("ManagerId", "User", "Manager"),
    field("TimeZoneSidKey", "picklist", values=["America/Los_Angeles", "Europe/Paris"]),
    field("CreatedDate", "datetime", createable=False, updateable=False, nillable=False),
    field("LastModifiedDate", "datetime", createable=False, updateable=False, nillable=False)],
    [("Account", "OwnerId", None), ("Case", "OwnerId", None), ("User", "ManagerId", "ManagedUsers")])

obj("CaseComment", "00a", [field("Id", "id"),
    ref("ParentId", "Case", "Parent"),
    field("IsPublished", "boolean"),
    field("CommentBody", "textarea", length=4000),
    ] + audit())

obj("AllDataType__c", "a00", [field("Id", "id"),
    ref("OwnerId", ["Group", "User"], "Owner"),
    field("Name", "string", length=80, nameField=True)] + audit() + [
    field("Col_AutoNumber__c", "string", length=30, autoNumber=True, createable=False, updateable=False),
    field("Col_Checkbox__c", "boolean"),
    field("Col_Currency__c", "currency", precision=18, scale=2),
    field("Col_Date__c", "date"),
    field("Col_DateTime__c", "datetime"),
    field("Col_Email__c", "email", length=80),
    field("Col_Encrypted__c", "encryptedstring", length=175, encrypted=True, sortable=False, groupable=False),
    field("Col_Formula__c", "double", calculated=True, calculatedFormula="Col_Number__c * 2", createable=False, updateable=False),
    field("Col_Number__c", "double", precision=18, scale=4),
    field("Col_Percent__c", "percent", precision=5, scale=2),
    field("Col_Phone__c", "phone", length=40),
    field("Col_Picklist__c", "picklist", values=["one", "two", "three"]),
    field("Col_MultiPicklist__c", "multipicklist", length=4099, values=["red", "green", "blue"]),
    field("Col_Text__c", "string", length=255),
    field("Col_TextArea__c", "textarea", length=255),
    field("Col_LongTextArea__c", "textarea", length=32768),
    field("Col_RichText__c", "textarea", length=32768, extraTypeInfo="richtextarea", htmlFormatted=True),
    field("Col_Time__c", "time"),
    field("Col_Url__c", "url"),
    field("Col_Int__c", "double", precision=18, scale=0),
    field("Col_Geo__Latitude__s", "double", precision=18, scale=15, compoundFieldName="Col_Geo__c"),
    field("Col_Geo__Longitude__s", "double", precision=18, scale=15, compoundFieldName="Col_Geo__c"),
    field("Col_Geo__c", "location", createable=False, updateable=False),
    ref("Col_Account__c", "Account", "Col_Account__r"),
    field("Col_ExtId__c", "string", length=50, externalId=True, unique=True, caseSensitive=True)],
    custom=True)

obj("Opportunity", "006", [field("Id", "id")] + audit()[:1] + [
    ref("AccountId", "Account", "Account"),
    field("Name", "string", length=120, nameField=True, nillable=False),
    field("Amount", "currency", precision=18, scale=2),
    field("CloseDate", "date", nillable=False),
    field("StageName", "picklist", values=["Prospecting", "Closed Won", "Closed Lost"], nillable=False),
    field("IsWon", "boolean", createable=False, updateable=False),
    field("IsClosed", "boolean", createable=False, updateable=False),
    field("Probability", "percent", precision=3, scale=0),
    ref("CampaignId", "Campaign", "Campaign"),
    ref("OwnerId", "User", "Owner")] + audit()[1:],
    [("Task", "WhatId", "Tasks")])

obj("Lead", "00Q", [field("Id", "id")] + audit()[:1] + [
    field("LastName", "string", length=80, nillable=False),
    field("FirstName", "string", length=40),
    field("Name", "string", length=121, nameField=True, createable=False, updateable=False),
    field("Company", "string", length=255, nillable=False),
    field("Email", "email", length=80),
    field("Status", "picklist", values=["Open", "Working", "Closed"]),
    field("IsConverted", "boolean")] + audit()[1:],
    [("Task", "WhoId", "Tasks")])

obj("Campaign", "701", [field("Id", "id"), field("Name", "string", length=80, nameField=True)] + audit(),
    [("Opportunity", "CampaignId", "Opportunities")])

obj("CaseSolution", "010", [field("Id", "id"), ref("CaseId", "Case", "Case"), ref("SolutionId", "Solution", "Solution")] + audit())

obj("Product2", "01t", [field("Id", "id"), field("Name", "string", nameField=True), field("Description", "textarea", length=4000),
    field("IsActive", "boolean")] + audit(), [("Product2Feed", "ParentId", "Feeds")])

obj("Product2Feed", "0D5", [field("Id", "id"), ref("ParentId", "Product2", "Parent"), field("Title", "string"),
    field("Body", "textarea", length=10000)] + audit())

obj("Task", "00T", [field("Id", "id"), field("Subject", "combobox"),
    ref("WhoId", ["Contact", "Lead"], "Who"), ref("WhatId", ["Account", "Opportunity", "Case"], "What"),
    field("ActivityDate", "date"), field("Status", "picklist", values=["Not Started", "Completed"])] + audit())

obj("Idea", "087", [field("Id", "id"), field("Title", "string"),
    field("Categories", "multipicklist", length=4099, values=["a", "b", "c"])] + audit())

obj("ClientBrowser", "0Xc", [field("Id", "id"), field("LastUpdate", "datetime")] + audit())

obj("BusinessHours", "01m", [field("Id", "id"), field("Name", "string", nameField=True),
    field("SundayStartTime", "time"), field("SundayEndTime", "time"), field("IsActive", "boolean")] + audit()[1:])

obj("Attachment", "00P", [field("Id", "id"), field("Name", "string", nameField=True),
    ref("ParentId", ["Account", "Case", "Contact"], "Parent"), field("Body", "base64"), field("BodyLength", "int")] + audit())

obj("Media_Prep_Order_Recipe_Step__c", "a01", [field("Id", "id"), field("Name", "string", length=80, nameField=True)] + audit(),
    [("Recipe_Step_Detail__c", "Order_Recipe_Steps__c", "Recipe_Step_Details__r")], custom=True)

obj("Recipe_Step_Detail__c", "a02", [field("Id", "id"), field("Name", "string", length=80, nameField=True),
    ref("Order_Recipe_Steps__c", "Media_Prep_Order_Recipe_Step__c", "Order_Recipe_Steps__r")] + audit(), custom=True)

# Wide__c (760 fields, sql-dialect.md #64) is built in golden_test.go rather
# than stored as a 1 MB describe document.
