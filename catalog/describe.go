package catalog

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"
)

// describeDoc is the part of a describe body the model keeps. JSON null
// leaves a field at its zero value, which is what the model wants
// (keyPrefix null → "", length null → 0).
type describeDoc struct {
	Name               *string              `json:"name"`
	Label              string               `json:"label"`
	LabelPlural        string               `json:"labelPlural"`
	KeyPrefix          string               `json:"keyPrefix"`
	Queryable          bool                 `json:"queryable"`
	Retrieveable       bool                 `json:"retrieveable"`
	Createable         bool                 `json:"createable"`
	Updateable         bool                 `json:"updateable"`
	Deletable          bool                 `json:"deletable"`
	Undeletable        bool                 `json:"undeletable"`
	Mergeable          bool                 `json:"mergeable"`
	Replicateable      bool                 `json:"replicateable"`
	Searchable         bool                 `json:"searchable"`
	Triggerable        bool                 `json:"triggerable"`
	Custom             bool                 `json:"custom"`
	CustomSetting      bool                 `json:"customSetting"`
	FeedEnabled        bool                 `json:"feedEnabled"`
	Fields             *[]describeField     `json:"fields"`
	ChildRelationships []describeChild      `json:"childRelationships"`
	RecordTypeInfos    []describeRecordType `json:"recordTypeInfos"`
}

type describeField struct {
	Name                string   `json:"name"`
	Label               string   `json:"label"`
	Type                string   `json:"type"`
	Length              int      `json:"length"`
	ByteLength          int      `json:"byteLength"`
	Precision           int      `json:"precision"`
	Scale               int      `json:"scale"`
	Digits              int      `json:"digits"`
	Nillable            bool     `json:"nillable"`
	Createable          bool     `json:"createable"`
	Updateable          bool     `json:"updateable"`
	DefaultedOnCreate   bool     `json:"defaultedOnCreate"`
	Filterable          bool     `json:"filterable"`
	Sortable            bool     `json:"sortable"`
	Groupable           bool     `json:"groupable"`
	Aggregatable        bool     `json:"aggregatable"`
	ExternalID          bool     `json:"externalId"`
	IDLookup            bool     `json:"idLookup"`
	NameField           bool     `json:"nameField"`
	Unique              bool     `json:"unique"`
	CaseSensitive       bool     `json:"caseSensitive"`
	Calculated          bool     `json:"calculated"`
	AutoNumber          bool     `json:"autoNumber"`
	Encrypted           bool     `json:"encrypted"`
	Custom              bool     `json:"custom"`
	HTMLFormatted       bool     `json:"htmlFormatted"`
	RestrictedPicklist  bool     `json:"restrictedPicklist"`
	DependentPicklist   bool     `json:"dependentPicklist"`
	Polymorphic         bool     `json:"polymorphicForeignKey"`
	DeprecatedAndHidden bool     `json:"deprecatedAndHidden"`
	ReferenceTo         []string `json:"referenceTo"`
	RelationshipName    string   `json:"relationshipName"`
	CompoundFieldName   string   `json:"compoundFieldName"`
	ControllerName      string   `json:"controllerName"`
	CalculatedFormula   string   `json:"calculatedFormula"`
	InlineHelpText      string   `json:"inlineHelpText"`
	ExtraTypeInfo       string   `json:"extraTypeInfo"`
	SOAPType            string   `json:"soapType"`
	PicklistValues      []struct {
		Value        string `json:"value"`
		Label        string `json:"label"`
		Active       bool   `json:"active"`
		DefaultValue bool   `json:"defaultValue"`
		ValidFor     string `json:"validFor"`
	} `json:"picklistValues"`
}

type describeChild struct {
	ChildSObject        string `json:"childSObject"`
	Field               string `json:"field"`
	RelationshipName    string `json:"relationshipName"`
	CascadeDelete       bool   `json:"cascadeDelete"`
	RestrictedDelete    bool   `json:"restrictedDelete"`
	DeprecatedAndHidden bool   `json:"deprecatedAndHidden"`
}

type describeRecordType struct {
	RecordTypeID  string `json:"recordTypeId"`
	Name          string `json:"name"`
	DeveloperName string `json:"developerName"`
	Active        bool   `json:"active"`
	Available     bool   `json:"available"`
	Master        bool   `json:"master"`
	Default       bool   `json:"defaultRecordTypeMapping"`
}

// ErrInvalidDescribe is matched (errors.Is) by ParseDescribe's and
// ParseDescribeGlobal's errors about the body's content.
var ErrInvalidDescribe = errors.New("catalog: invalid describe")

// ParseDescribe builds an Object from a GET /sobjects/{X}/describe body.
// Unknown keys are ignored; missing name or fields, a field without name or
// type, or two fields whose names differ only in case are errors.
func ParseDescribe(raw []byte) (*Object, error) {
	var d describeDoc
	if err := json.Unmarshal(raw, &d); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrInvalidDescribe, err)
	}
	if d.Name == nil || *d.Name == "" {
		return nil, fmt.Errorf("%w: no object name", ErrInvalidDescribe)
	}
	if d.Fields == nil {
		return nil, fmt.Errorf("%w: %s has no fields list", ErrInvalidDescribe, *d.Name)
	}
	o := &Object{
		Name: *d.Name, Label: d.Label, LabelPlural: d.LabelPlural, KeyPrefix: d.KeyPrefix,
		Queryable: d.Queryable, Retrieveable: d.Retrieveable, Createable: d.Createable,
		Updateable: d.Updateable, Deletable: d.Deletable, Undeletable: d.Undeletable,
		Mergeable: d.Mergeable, Replicateable: d.Replicateable, Searchable: d.Searchable,
		Triggerable: d.Triggerable, Custom: d.Custom, CustomSetting: d.CustomSetting,
		FeedEnabled: d.FeedEnabled,
		Fields:      make([]*Field, 0, len(*d.Fields)),
	}
	seen := make(map[string]string, len(*d.Fields))
	for i, df := range *d.Fields {
		if df.Name == "" {
			return nil, fmt.Errorf("%w: %s field %d has no name", ErrInvalidDescribe, o.Name, i)
		}
		if df.Type == "" {
			return nil, fmt.Errorf("%w: %s.%s has no type", ErrInvalidDescribe, o.Name, df.Name)
		}
		k := fold(df.Name)
		if prev, dup := seen[k]; dup {
			return nil, fmt.Errorf("%w: %s has fields %s and %s", ErrInvalidDescribe, o.Name, prev, df.Name)
		}
		seen[k] = df.Name
		f := &Field{
			Name: df.Name, Label: df.Label, Type: FieldType(df.Type),
			Length: df.Length, ByteLength: df.ByteLength, Precision: df.Precision, Scale: df.Scale, Digits: df.Digits,
			Nillable: df.Nillable, Createable: df.Createable, Updateable: df.Updateable,
			DefaultedOnCreate: df.DefaultedOnCreate, Filterable: df.Filterable, Sortable: df.Sortable,
			Groupable: df.Groupable, Aggregatable: df.Aggregatable, ExternalID: df.ExternalID,
			IDLookup: df.IDLookup, NameField: df.NameField, Unique: df.Unique, CaseSensitive: df.CaseSensitive,
			Calculated: df.Calculated, AutoNumber: df.AutoNumber, Encrypted: df.Encrypted, Custom: df.Custom,
			HTMLFormatted: df.HTMLFormatted, RestrictedPicklist: df.RestrictedPicklist,
			DependentPicklist: df.DependentPicklist, Polymorphic: df.Polymorphic,
			DeprecatedAndHidden: df.DeprecatedAndHidden,
			ReferenceTo:         nonEmpty(df.ReferenceTo), RelationshipName: df.RelationshipName,
			CompoundFieldName: df.CompoundFieldName, ControllerName: df.ControllerName,
			CalculatedFormula: df.CalculatedFormula, InlineHelpText: df.InlineHelpText,
			ExtraTypeInfo: df.ExtraTypeInfo, SOAPType: df.SOAPType,
		}
		for _, p := range df.PicklistValues {
			f.PicklistValues = append(f.PicklistValues, PicklistValue(p))
		}
		f.SQL = TypeOf(f)
		o.Fields = append(o.Fields, f)
	}
	for _, c := range d.ChildRelationships {
		o.ChildRelationships = append(o.ChildRelationships, ChildRelationship{
			ChildObject: c.ChildSObject, Field: c.Field, RelationshipName: c.RelationshipName,
			CascadeDelete: c.CascadeDelete, RestrictedDelete: c.RestrictedDelete,
			DeprecatedAndHidden: c.DeprecatedAndHidden,
		})
	}
	for _, r := range d.RecordTypeInfos {
		o.RecordTypes = append(o.RecordTypes, RecordType{
			ID: r.RecordTypeID, Name: r.Name, DeveloperName: r.DeveloperName,
			Active: r.Active, Available: r.Available, Master: r.Master, Default: r.Default,
		})
	}
	o.freeze()
	return o, nil
}

func nonEmpty(s []string) []string {
	if len(s) == 0 {
		return nil
	}
	return s
}

type describeGlobalDoc struct {
	Sobjects *[]struct {
		Name                string `json:"name"`
		Label               string `json:"label"`
		LabelPlural         string `json:"labelPlural"`
		KeyPrefix           string `json:"keyPrefix"`
		Queryable           bool   `json:"queryable"`
		Retrieveable        bool   `json:"retrieveable"`
		Createable          bool   `json:"createable"`
		Updateable          bool   `json:"updateable"`
		Deletable           bool   `json:"deletable"`
		Undeletable         bool   `json:"undeletable"`
		Replicateable       bool   `json:"replicateable"`
		Searchable          bool   `json:"searchable"`
		Custom              bool   `json:"custom"`
		CustomSetting       bool   `json:"customSetting"`
		DeprecatedAndHidden bool   `json:"deprecatedAndHidden"`
	} `json:"sobjects"`
}

// ParseDescribeGlobal reads a GET /sobjects body, in the order given.
func ParseDescribeGlobal(raw []byte) ([]ObjectSummary, error) {
	var d describeGlobalDoc
	if err := json.Unmarshal(raw, &d); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrInvalidDescribe, err)
	}
	if d.Sobjects == nil {
		return nil, fmt.Errorf("%w: no sobjects list", ErrInvalidDescribe)
	}
	out := make([]ObjectSummary, 0, len(*d.Sobjects))
	for i, s := range *d.Sobjects {
		if strings.TrimSpace(s.Name) == "" {
			return nil, fmt.Errorf("%w: sobject %d has no name", ErrInvalidDescribe, i)
		}
		out = append(out, ObjectSummary(s))
	}
	return out, nil
}
