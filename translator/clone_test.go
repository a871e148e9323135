package translator

import (
	"reflect"
	"slices"
	"testing"

	pg "github.com/pganalyze/pg_query_go/v5"
	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/reflect/protoreflect"
)

// TestCloneNode: every node of every golden statement copies to an equal
// tree that shares no message with the original.
func TestCloneNode(t *testing.T) {
	n := 0
	for _, c := range loadCases(t) {
		rw, err := rewriteEscapes(c.sql)
		if err != nil {
			continue
		}
		tree, err := pg.Parse(rw.text)
		if err != nil {
			continue
		}
		walkNodes(tree, func(x *pg.Node) bool {
			cp := cloneNode(x)
			if !proto.Equal(cp, x) {
				t.Fatalf("%s: clone of %T differs:\n%v\n%v", c.path, x.Node, x, cp)
			}
			orig := messages(x.ProtoReflect(), map[any]bool{})
			for m := range messages(cp.ProtoReflect(), map[any]bool{}) {
				if orig[m] {
					t.Fatalf("%s: clone of %T shares %T", c.path, x.Node, m)
				}
			}
			n++
			return true
		})
	}
	if n < 1000 {
		t.Fatalf("only %d nodes cloned", n)
	}
}

// messages collects the pointers of every message under m.
func messages(m protoreflect.Message, out map[any]bool) map[any]bool {
	out[m.Interface()] = true
	m.Range(func(fd protoreflect.FieldDescriptor, v protoreflect.Value) bool {
		switch {
		case fd.IsList() && fd.Message() != nil:
			for i := 0; i < v.List().Len(); i++ {
				messages(v.List().Get(i).Message(), out)
			}
		case fd.Message() != nil && !fd.IsMap():
			messages(v.Message(), out)
		}
		return true
	})
	return out
}

// TestCloneNodeFields: the messages cloneNode copies by hand still have
// the fields it copies (a new pg_query field would be dropped silently).
func TestCloneNodeFields(t *testing.T) {
	want := map[reflect.Type][]string{
		reflect.TypeFor[pg.ColumnRef](): {"Fields", "Location"},
		reflect.TypeFor[pg.String]():    {"Sval"},
		reflect.TypeFor[pg.A_Star]():    {},
		reflect.TypeFor[pg.ParamRef]():  {"Number", "Location"},
		reflect.TypeFor[pg.A_Const]():   {"Val", "Isnull", "Location"},
		reflect.TypeFor[pg.Integer]():   {"Ival"},
		reflect.TypeFor[pg.Float]():     {"Fval"},
		reflect.TypeFor[pg.Boolean]():   {"Boolval"},
		reflect.TypeFor[pg.A_Expr]():    {"Kind", "Name", "Lexpr", "Rexpr", "Location"},
		reflect.TypeFor[pg.BoolExpr]():  {"Xpr", "Boolop", "Args", "Location"},
		reflect.TypeFor[pg.NullTest]():  {"Xpr", "Arg", "Nulltesttype", "Argisrow", "Location"},
		reflect.TypeFor[pg.TypeCast]():  {"Arg", "TypeName", "Location"},
		reflect.TypeFor[pg.TypeName]():  {"Names", "TypeOid", "Setof", "PctType", "Typmods", "Typemod", "ArrayBounds", "Location"},
		reflect.TypeFor[pg.SortBy]():    {"Node", "SortbyDir", "SortbyNulls", "UseOp", "Location"},
		reflect.TypeFor[pg.ResTarget](): {"Name", "Indirection", "Val", "Location"},
		reflect.TypeFor[pg.FuncCall](): {"Funcname", "Args", "AggOrder", "AggFilter", "Over", "AggWithinGroup", "AggStar", "AggDistinct",
			"FuncVariadic", "Funcformat", "Location"},
	}
	for typ, fields := range want {
		var got []string
		for i := 0; i < typ.NumField(); i++ {
			if f := typ.Field(i); f.IsExported() {
				got = append(got, f.Name)
			}
		}
		if !slices.Equal(got, fields) && !(len(got) == 0 && len(fields) == 0) {
			t.Errorf("%s: fields %v, cloneNode copies %v", typ.Name(), got, fields)
		}
	}
}
