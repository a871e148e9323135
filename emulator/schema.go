package emulator

//go:generate go run ./describes/gen.go

import (
	"bytes"
	"embed"
	"encoding/json"
	"fmt"
	"path"
	"sort"
	"strings"
)

// describeFiles are the describe documents of the org, one per sObject, and
// global.json (the describeGlobal entries). They are data: served as they
// are, with vXX.X replaced by the request's API version and {{instance}}
// by the instance URL.
//
//go:embed describes/*.json
var describeFiles embed.FS

const (
	versionToken  = "vXX.X"
	instanceToken = "{{instance}}"
)

// schema is the describe model of the org.
type schema struct {
	objects  map[string]*sobject // by lower-case name
	byPrefix map[string]*sobject
	ordered  []*sobject // by name, as describeGlobal lists them
	global   map[string]json.RawMessage
}

type sobject struct {
	Name, Label, LabelPlural, KeyPrefix          string
	Queryable, Createable, Updateable, Deletable bool
	Custom                                       bool
	Fields                                       []*field // describe order
	ChildRelationships                           []*childRel
	raw                                          json.RawMessage // the describe document as served (compact)

	fieldsByName map[string]*field // lower-case
	relsByName   map[string]*field // lower-case relationship name → reference field
	childByName  map[string]*childRel
}

type field struct {
	Name, Label, Type, SoapType                                                     string
	Length, Precision, Scale, Digits                                                int
	Nillable, Filterable, Sortable, Groupable, Aggregatable, Createable, Updateable bool
	ExternalID, IDLookup, Calculated, AutoNumber, Unique, CaseSensitive             bool
	ReferenceTo                                                                     []string
	RelationshipName                                                                string
	CompoundFieldName                                                               string
	PicklistValues                                                                  []string
	DefaultValue                                                                    any
}

type childRel struct{ ChildSObject, Field, RelationshipName string }

// describeDoc is the part of a describe document the model reads.
type describeDoc struct {
	Name        string  `json:"name"`
	Label       string  `json:"label"`
	LabelPlural string  `json:"labelPlural"`
	KeyPrefix   *string `json:"keyPrefix"`
	Queryable   bool    `json:"queryable"`
	Createable  bool    `json:"createable"`
	Updateable  bool    `json:"updateable"`
	Deletable   bool    `json:"deletable"`
	Custom      bool    `json:"custom"`
	Fields      []struct {
		Name              string   `json:"name"`
		Label             string   `json:"label"`
		Type              string   `json:"type"`
		SoapType          string   `json:"soapType"`
		Length            int      `json:"length"`
		Precision         int      `json:"precision"`
		Scale             int      `json:"scale"`
		Digits            int      `json:"digits"`
		Nillable          bool     `json:"nillable"`
		Filterable        bool     `json:"filterable"`
		Sortable          bool     `json:"sortable"`
		Groupable         bool     `json:"groupable"`
		Aggregatable      bool     `json:"aggregatable"`
		Createable        bool     `json:"createable"`
		Updateable        bool     `json:"updateable"`
		ExternalID        bool     `json:"externalId"`
		IDLookup          bool     `json:"idLookup"`
		Calculated        bool     `json:"calculated"`
		AutoNumber        bool     `json:"autoNumber"`
		Unique            bool     `json:"unique"`
		CaseSensitive     bool     `json:"caseSensitive"`
		ReferenceTo       []string `json:"referenceTo"`
		RelationshipName  *string  `json:"relationshipName"`
		CompoundFieldName *string  `json:"compoundFieldName"`
		DefaultValue      any      `json:"defaultValue"`
		PicklistValues    []struct {
			Value string `json:"value"`
		} `json:"picklistValues"`
	} `json:"fields"`
	ChildRelationships []struct {
		ChildSObject     string  `json:"childSObject"`
		Field            string  `json:"field"`
		RelationshipName *string `json:"relationshipName"`
	} `json:"childRelationships"`
}

// loadSchema reads the embedded describe documents.
func loadSchema() (*schema, error) {
	s := &schema{objects: map[string]*sobject{}, byPrefix: map[string]*sobject{}, global: map[string]json.RawMessage{}}
	entries, err := describeFiles.ReadDir("describes")
	if err != nil {
		return nil, fmt.Errorf("emulator: read describes: %w", err)
	}
	for _, e := range entries {
		name := e.Name()
		if !strings.HasSuffix(name, ".json") || name == "global.json" {
			continue
		}
		raw, err := describeFiles.ReadFile(path.Join("describes", name))
		if err != nil {
			return nil, fmt.Errorf("emulator: read %s: %w", name, err)
		}
		o, err := parseDescribe(raw)
		if err != nil {
			return nil, fmt.Errorf("emulator: %s: %w", name, err)
		}
		s.objects[strings.ToLower(o.Name)] = o
		if o.KeyPrefix != "" {
			s.byPrefix[o.KeyPrefix] = o
		}
		s.ordered = append(s.ordered, o)
	}
	sort.Slice(s.ordered, func(i, j int) bool { return s.ordered[i].Name < s.ordered[j].Name })

	raw, err := describeFiles.ReadFile("describes/global.json")
	if err != nil {
		return nil, fmt.Errorf("emulator: read global.json: %w", err)
	}
	var entries2 []json.RawMessage
	if err := json.Unmarshal(raw, &entries2); err != nil {
		return nil, fmt.Errorf("emulator: global.json: %w", err)
	}
	for _, e := range entries2 {
		var head struct{ Name string }
		if err := json.Unmarshal(e, &head); err != nil {
			return nil, fmt.Errorf("emulator: global.json: %w", err)
		}
		var b bytes.Buffer
		if err := json.Compact(&b, e); err != nil {
			return nil, err
		}
		s.global[strings.ToLower(head.Name)] = b.Bytes()
	}
	for _, o := range s.ordered {
		if s.global[strings.ToLower(o.Name)] == nil {
			return nil, fmt.Errorf("emulator: global.json has no entry for %s", o.Name)
		}
	}
	return s, nil
}

func parseDescribe(raw []byte) (*sobject, error) {
	var d describeDoc
	if err := json.Unmarshal(raw, &d); err != nil {
		return nil, err
	}
	var compact bytes.Buffer
	if err := json.Compact(&compact, raw); err != nil {
		return nil, err
	}
	o := &sobject{
		Name: d.Name, Label: d.Label, LabelPlural: d.LabelPlural,
		Queryable: d.Queryable, Createable: d.Createable, Updateable: d.Updateable, Deletable: d.Deletable,
		Custom: d.Custom, raw: compact.Bytes(),
		fieldsByName: map[string]*field{}, relsByName: map[string]*field{}, childByName: map[string]*childRel{},
	}
	if d.KeyPrefix != nil {
		o.KeyPrefix = *d.KeyPrefix
	}
	for _, df := range d.Fields {
		f := &field{
			Name: df.Name, Label: df.Label, Type: df.Type, SoapType: df.SoapType,
			Length: df.Length, Precision: df.Precision, Scale: df.Scale, Digits: df.Digits,
			Nillable: df.Nillable, Filterable: df.Filterable, Sortable: df.Sortable, Groupable: df.Groupable,
			Aggregatable: df.Aggregatable, Createable: df.Createable, Updateable: df.Updateable,
			ExternalID: df.ExternalID, IDLookup: df.IDLookup, Calculated: df.Calculated,
			AutoNumber: df.AutoNumber, Unique: df.Unique, CaseSensitive: df.CaseSensitive,
			ReferenceTo: df.ReferenceTo, DefaultValue: df.DefaultValue,
		}
		if df.RelationshipName != nil {
			f.RelationshipName = *df.RelationshipName
		}
		if df.CompoundFieldName != nil {
			f.CompoundFieldName = *df.CompoundFieldName
		}
		for _, p := range df.PicklistValues {
			f.PicklistValues = append(f.PicklistValues, p.Value)
		}
		if _, dup := o.fieldsByName[strings.ToLower(f.Name)]; dup {
			return nil, fmt.Errorf("duplicate field %s", f.Name)
		}
		o.Fields = append(o.Fields, f)
		o.fieldsByName[strings.ToLower(f.Name)] = f
		if f.Type == "reference" && f.RelationshipName != "" {
			o.relsByName[strings.ToLower(f.RelationshipName)] = f
		}
	}
	for _, dc := range d.ChildRelationships {
		if dc.RelationshipName == nil {
			continue
		}
		c := &childRel{ChildSObject: dc.ChildSObject, Field: dc.Field, RelationshipName: *dc.RelationshipName}
		o.ChildRelationships = append(o.ChildRelationships, c)
		o.childByName[strings.ToLower(c.RelationshipName)] = c
	}
	return o, nil
}

// object returns the sObject named name (case-insensitive), nil if unknown.
func (s *schema) object(name string) *sobject { return s.objects[strings.ToLower(name)] }

// field returns the field named name (case-insensitive), nil if unknown.
func (o *sobject) field(name string) *field { return o.fieldsByName[strings.ToLower(name)] }

// relationship returns the reference field whose relationship name is name
// (case-insensitive: Account for AccountId, Owner for OwnerId).
func (o *sobject) relationship(name string) *field { return o.relsByName[strings.ToLower(name)] }

// childRelationship returns the child relationship named name (Contacts).
func (o *sobject) childRelationship(name string) *childRel {
	return o.childByName[strings.ToLower(name)]
}

// stored reports whether the field has a column: compound address and
// location fields are served from their components.
func (f *field) stored() bool { return f.Type != "address" && f.Type != "location" }

// components returns the component fields of a compound field, in describe
// order.
func (o *sobject) components(compound string) []*field {
	var out []*field
	for _, f := range o.Fields {
		if strings.EqualFold(f.CompoundFieldName, compound) {
			out = append(out, f)
		}
	}
	return out
}

// compoundKey is the key a component takes inside the JSON object of its
// compound field: BillingCity → "city", Col_Location__Latitude__s →
// "latitude".
func compoundKey(component *field) string {
	n := strings.TrimSuffix(component.Name, "__s")
	for _, k := range []struct{ suffix, key string }{
		{"GeocodeAccuracy", "geocodeAccuracy"}, {"PostalCode", "postalCode"}, {"Street", "street"},
		{"City", "city"}, {"State", "state"}, {"Country", "country"},
		{"Latitude", "latitude"}, {"Longitude", "longitude"},
	} {
		if strings.HasSuffix(n, k.suffix) {
			return k.key
		}
	}
	return strings.ToLower(n)
}

// compoundKeys lists the keys of a compound value in wire order
// (alphabetical, as recorded).
func compoundKeys(typ string) []string {
	if typ == "location" {
		return []string{"latitude", "longitude"}
	}
	return []string{"city", "country", "geocodeAccuracy", "latitude", "longitude", "postalCode", "state", "street"}
}

// describeJSON returns o's describe document for an API version ("58.0")
// and instance URL.
func (o *sobject) describeJSON(version, instance string) []byte {
	return substitute(o.raw, version, instance)
}

// globalJSON returns o's describeGlobal entry.
func (s *schema) globalJSON(o *sobject, version, instance string) []byte {
	return substitute(s.global[strings.ToLower(o.Name)], version, instance)
}

func substitute(raw []byte, version, instance string) []byte {
	out := bytes.ReplaceAll(raw, []byte(versionToken), []byte("v"+version))
	return bytes.ReplaceAll(out, []byte(instanceToken), []byte(instance))
}
