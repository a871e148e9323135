package catalog

import (
	"strings"
	"sync"
)

// FieldType is a field's describe "type" (the partner WSDL fieldType enum),
// spelled exactly as describe spells it.
type FieldType string

// The describe field types. Types not listed here are kept as given and map
// to text (see TypeOf).
const (
	TypeID                         FieldType = "id"
	TypeReference                  FieldType = "reference"
	TypeString                     FieldType = "string"
	TypeTextArea                   FieldType = "textarea"
	TypeEmail                      FieldType = "email"
	TypePhone                      FieldType = "phone"
	TypeURL                        FieldType = "url"
	TypePicklist                   FieldType = "picklist"
	TypeMultiPicklist              FieldType = "multipicklist"
	TypeCombobox                   FieldType = "combobox"
	TypeEncryptedString            FieldType = "encryptedstring"
	TypeDataCategoryGroupReference FieldType = "datacategorygroupreference"
	TypeBoolean                    FieldType = "boolean"
	TypeInt                        FieldType = "int"
	TypeLong                       FieldType = "long"
	TypeDouble                     FieldType = "double"
	TypeCurrency                   FieldType = "currency"
	TypePercent                    FieldType = "percent"
	TypeDate                       FieldType = "date"
	TypeDateTime                   FieldType = "datetime"
	TypeTime                       FieldType = "time"
	TypeBase64                     FieldType = "base64"
	TypeAddress                    FieldType = "address"
	TypeLocation                   FieldType = "location"
	TypeAnyType                    FieldType = "anyType"
	TypeComplexValue               FieldType = "complexvalue"
)

// Object is one sObject as describe reports it. Fields keep describe's order.
type Object struct {
	Name        string // API name, as describe spells it ("Case", "Col_Currency__c")
	Label       string
	LabelPlural string
	KeyPrefix   string // first three characters of record ids; "" when describe says null

	Queryable     bool
	Retrieveable  bool
	Createable    bool
	Updateable    bool
	Deletable     bool
	Undeletable   bool
	Mergeable     bool
	Replicateable bool // getUpdated / getDeleted work
	Searchable    bool
	Triggerable   bool
	Custom        bool
	CustomSetting bool
	FeedEnabled   bool

	Fields             []*Field
	ChildRelationships []ChildRelationship
	RecordTypes        []RecordType

	once    sync.Once
	byName  map[string]*Field // folded name → field
	byRel   map[string]*Field // folded relationship name → reference field
	byChild map[string]*ChildRelationship
}

// Field is one field of an Object.
type Field struct {
	Name  string // API name, as describe spells it
	Label string
	Type  FieldType

	Length     int // characters, for string-like types
	ByteLength int
	Precision  int // total digits, for double / currency / percent
	Scale      int // digits after the point
	Digits     int // for int

	Nillable           bool
	Createable         bool
	Updateable         bool
	DefaultedOnCreate  bool
	Filterable         bool
	Sortable           bool
	Groupable          bool
	Aggregatable       bool
	ExternalID         bool
	IDLookup           bool // usable as the key of an upsert / retrieve
	NameField          bool // the object's name field
	Unique             bool
	CaseSensitive      bool
	Calculated         bool // formula
	AutoNumber         bool
	Encrypted          bool
	Custom             bool
	HTMLFormatted      bool
	RestrictedPicklist bool
	DependentPicklist  bool
	// Polymorphic is true for a reference that may point at several objects
	// (OwnerId → Group, User; WhatId).
	Polymorphic         bool
	DeprecatedAndHidden bool

	// ReferenceTo lists the objects a reference field points at, in describe's order.
	ReferenceTo []string
	// RelationshipName is the name a reference field is traversed by
	// ("Account" for AccountId, "Parent__r" for Parent__c); "" if none.
	RelationshipName string
	// CompoundFieldName names the compound field (address / location) this
	// field is a component of ("BillingAddress" for BillingCity); "" if none.
	CompoundFieldName string
	// ControllerName is the controlling field of a dependent picklist.
	ControllerName    string
	CalculatedFormula string
	InlineHelpText    string
	ExtraTypeInfo     string // "plaintextarea", "richtextarea", "personname", …
	SOAPType          string // "xsd:string", "tns:ID", …
	PicklistValues    []PicklistValue

	// SQL is the field's SQL type, from the type table (TypeOf). ParseDescribe
	// fills it; NewSnapshot fills it when it is unset.
	SQL SQLType
}

// PicklistValue is one entry of a picklist / multipicklist / combobox field.
type PicklistValue struct {
	Value        string
	Label        string
	Active       bool
	DefaultValue bool
	ValidFor     string // base64 bitmap over the controller's values; "" if independent
}

// ChildRelationship is a relationship from another object to this one, as
// listed in the parent's describe: SELECT (SELECT … FROM Contacts) FROM Account.
type ChildRelationship struct {
	ChildObject         string // "Contact"
	Field               string // the child's reference field: "AccountId"
	RelationshipName    string // "Contacts"; "" for children that cannot be queried this way
	CascadeDelete       bool
	RestrictedDelete    bool
	DeprecatedAndHidden bool
}

// RecordType is one entry of describe's recordTypeInfos.
type RecordType struct {
	ID            string
	Name          string
	DeveloperName string
	Active        bool
	Available     bool
	Master        bool
	Default       bool // defaultRecordTypeMapping
}

// ObjectSummary is one sobject of describeGlobal (GET /sobjects).
type ObjectSummary struct {
	Name                string
	Label               string
	LabelPlural         string
	KeyPrefix           string
	Queryable           bool
	Retrieveable        bool
	Createable          bool
	Updateable          bool
	Deletable           bool
	Undeletable         bool
	Replicateable       bool
	Searchable          bool
	Custom              bool
	CustomSetting       bool
	DeprecatedAndHidden bool
}

// fold is the case folding used for every name lookup. Salesforce API names
// are ASCII, so ASCII lower-casing is exact and cheap.
func fold(s string) string {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= 'A' && c <= 'Z' || c >= 0x80 {
			return strings.ToLower(s)
		}
	}
	return s
}

// freeze builds the lookup indexes and fills unset SQL types, once.
func (o *Object) freeze() {
	o.once.Do(func() {
		o.byName = make(map[string]*Field, len(o.Fields))
		o.byRel = make(map[string]*Field)
		for _, f := range o.Fields {
			if f.SQL.Base == "" {
				f.SQL = TypeOf(f)
			}
			k := fold(f.Name)
			if _, dup := o.byName[k]; !dup {
				o.byName[k] = f
			}
			if f.RelationshipName != "" {
				rk := fold(f.RelationshipName)
				if _, dup := o.byRel[rk]; !dup {
					o.byRel[rk] = f
				}
			}
		}
		o.byChild = make(map[string]*ChildRelationship)
		for i := range o.ChildRelationships {
			c := &o.ChildRelationships[i]
			if c.RelationshipName == "" {
				continue
			}
			k := fold(c.RelationshipName)
			if _, dup := o.byChild[k]; !dup {
				o.byChild[k] = c
			}
		}
	})
}

// Field resolves a field by name, case-insensitively. The error is a
// *ResolveError with the nearest field name as suggestion.
func (o *Object) Field(name string) (*Field, error) {
	o.freeze()
	if f, ok := o.byName[fold(name)]; ok {
		return f, nil
	}
	names := make([]string, len(o.Fields))
	for i, f := range o.Fields {
		names[i] = f.Name
	}
	return nil, &ResolveError{Kind: UnknownField, Object: o.Name, Name: name, Suggestion: Suggest(name, names)}
}

// Relationship resolves a parent relationship name ("Account", "Owner",
// "Parent__r") to the reference field that carries it, case-insensitively.
func (o *Object) Relationship(name string) (*Field, error) {
	o.freeze()
	if f, ok := o.byRel[fold(name)]; ok {
		return f, nil
	}
	var names []string
	for _, f := range o.Fields {
		if f.RelationshipName != "" {
			names = append(names, f.RelationshipName)
		}
	}
	return nil, &ResolveError{Kind: UnknownRelationship, Object: o.Name, Name: name, Suggestion: Suggest(name, names)}
}

// ChildRelationship resolves a child relationship name ("Contacts",
// "CaseComments"), case-insensitively.
func (o *Object) ChildRelationship(name string) (*ChildRelationship, error) {
	o.freeze()
	if c, ok := o.byChild[fold(name)]; ok {
		return c, nil
	}
	var names []string
	for _, c := range o.ChildRelationships {
		if c.RelationshipName != "" {
			names = append(names, c.RelationshipName)
		}
	}
	return nil, &ResolveError{Kind: UnknownChildRelationship, Object: o.Name, Name: name, Suggestion: Suggest(name, names)}
}

// Components returns the fields whose CompoundFieldName is compound
// (BillingStreet, BillingCity, … for "BillingAddress"), in describe order.
func (o *Object) Components(compound string) []*Field {
	var out []*Field
	for _, f := range o.Fields {
		if f.CompoundFieldName != "" && strings.EqualFold(f.CompoundFieldName, compound) {
			out = append(out, f)
		}
	}
	return out
}

// ExternalIDFields returns the fields usable as an upsert key: those
// describe marks externalId, plus Id. Describe order.
func (o *Object) ExternalIDFields() []*Field {
	var out []*Field
	for _, f := range o.Fields {
		if f.ExternalID || f.Type == TypeID {
			out = append(out, f)
		}
	}
	return out
}

// IsCompound reports whether the field is a compound (address or location)
// whose value is a JSON object and whose parts are fields of their own.
func (f *Field) IsCompound() bool {
	return f.Type == TypeAddress || f.Type == TypeLocation
}

// NameField returns the field describe marks nameField (Name, CaseNumber,
// SolutionName…), or nil if there is none.
func (o *Object) NameField() *Field {
	for _, f := range o.Fields {
		if f.NameField {
			return f
		}
	}
	return nil
}
