package translator

import (
	"strings"

	pg "github.com/pganalyze/pg_query_go/v5"

	"github.com/soqlgate/soqlgate/catalog"
)

// Writes: INSERT … VALUES / SELECT, INSERT … ON CONFLICT (ExtId) DO UPDATE
// (upsert), UPDATE … WHERE and DELETE … WHERE (the records are found by a
// query, then written by Id).

func (b *builder) writeTarget(rv *pg.RangeVar) (*catalog.Object, error) {
	if rv.Alias != nil {
		return nil, unsupportedAt("alias on the written table", b.p.pos(rv.Location), "")
	}
	return b.object(rv.Relname, rv.Location)
}

// writeColumn resolves an INSERT column: a field, or Relationship.ExtId
// (the parent found by one of its external id fields).
func (b *builder) writeColumn(obj *catalog.Object, rt *pg.ResTarget, check func(*catalog.Field) bool, verb string) (Column, error) {
	if rel, ext, ok := strings.Cut(rt.Name, "."); ok && len(rt.Indirection) == 0 {
		// "Account.CustomerId__c" quoted as one name.
		rt = &pg.ResTarget{Name: rel, Indirection: []*pg.Node{pg.MakeStrNode(ext)}, Location: rt.Location}
	}
	f, err := obj.Field(rt.Name)
	if len(rt.Indirection) > 0 {
		rel, rerr := obj.Relationship(rt.Name)
		if rerr != nil {
			return Column{}, b.resolveError(rerr, rt.Location)
		}
		if len(rt.Indirection) != 1 || strOf(rt.Indirection[0]) == "" {
			return Column{}, unsupportedAt("column "+rt.Name+" with an index", b.p.pos(rt.Location), "")
		}
		parent, err := b.target(rel, "")
		if err != nil {
			return Column{}, err
		}
		ext, err := parent.Field(strOf(rt.Indirection[0]))
		if err != nil {
			return Column{}, b.resolveError(err, rt.Location)
		}
		if !ext.ExternalID && !ext.IDLookup {
			return Column{}, &UnsupportedError{Construct: "setting " + rel.RelationshipName + " by " + ext.Name + ", which is not an external id", Pos: b.p.pos(rt.Location), Hint: "use an External ID field of " + parent.Name}
		}
		if !check(rel) {
			return Column{}, &UnsupportedError{Construct: "field " + rel.Name + " is not " + verb, Pos: b.p.pos(rt.Location)}
		}
		return Column{Name: rel.Name, Path: rel.RelationshipName + "." + ext.Name, Field: ext}, nil
	}
	if err != nil {
		return Column{}, b.resolveError(err, rt.Location)
	}
	if !check(f) {
		return Column{}, &UnsupportedError{Construct: "field " + f.Name + " is not " + verb, Pos: b.p.pos(rt.Location)}
	}
	return Column{Name: f.Name, Path: f.Name, Field: f}, nil
}

func (b *builder) insertPlan(ins *pg.InsertStmt) (*Plan, error) {
	if ins.WithClause != nil {
		return nil, unsupportedAt("WITH", b.p.base, "")
	}
	obj, err := b.writeTarget(ins.Relation)
	if err != nil {
		return nil, err
	}
	w := &WritePlan{Object: obj.Name, Operation: OpInsert}
	if len(ins.Cols) == 0 {
		return nil, unsupportedAt("INSERT without a column list", b.p.pos(ins.Relation.Location), "name the columns: INSERT INTO "+obj.Name+" (Name, …) VALUES …")
	}
	for _, c := range ins.Cols {
		col, err := b.writeColumn(obj, c.Node.(*pg.Node_ResTarget).ResTarget, func(f *catalog.Field) bool { return f.Createable }, "createable")
		if err != nil {
			return nil, err
		}
		w.Columns = append(w.Columns, col)
	}
	// Upsert: ON CONFLICT (ExtId) DO UPDATE, or writeBehavior=upsert.
	if oc := ins.OnConflictClause; oc != nil {
		if oc.Action != pg.OnConflictAction_ONCONFLICT_UPDATE {
			return nil, unsupportedAt("ON CONFLICT DO NOTHING", b.p.base, "Salesforce upserts: write ON CONFLICT (ExternalId__c) DO UPDATE SET …")
		}
		if oc.Infer == nil || len(oc.Infer.IndexElems) != 1 {
			return nil, unsupportedAt("ON CONFLICT without one conflict column", b.p.base, "name the External ID field: ON CONFLICT (ExternalId__c)")
		}
		ie := oc.Infer.IndexElems[0].Node.(*pg.Node_IndexElem).IndexElem
		f, err := obj.Field(ie.Name)
		if err != nil {
			return nil, b.resolveError(err, oc.Location)
		}
		if !f.ExternalID && !f.IDLookup {
			return nil, &UnsupportedError{Construct: "ON CONFLICT (" + f.Name + "): " + f.Name + " is not an External ID field", Pos: b.p.pos(oc.Location),
				Hint: "upsert keys are External ID fields or Id: " + strings.Join(fieldNames(obj.ExternalIDFields()), ", ")}
		}
		if oc.WhereClause != nil {
			return nil, unsupportedAt("ON CONFLICT … WHERE", b.p.pos(oc.Location), "")
		}
		// Salesforce's upsert writes every given field: SET must update
		// each inserted column from EXCLUDED.
		set := map[string]bool{}
		for _, n := range oc.TargetList {
			rt := n.Node.(*pg.Node_ResTarget).ResTarget
			cr, ok := rt.Val.Node.(*pg.Node_ColumnRef)
			if !ok || len(cr.ColumnRef.Fields) != 2 || !strings.EqualFold(strOf(cr.ColumnRef.Fields[0]), "excluded") || !strings.EqualFold(strOf(cr.ColumnRef.Fields[1]), rt.Name) {
				return nil, unsupportedAt("ON CONFLICT DO UPDATE SET "+rt.Name+" = <expression>", b.p.pos(rt.Location), "an upsert sets each column from EXCLUDED: SET col = EXCLUDED.col")
			}
			set[strings.ToLower(rt.Name)] = true
		}
		for _, c := range w.Columns {
			if !strings.EqualFold(c.Name, f.Name) && !set[strings.ToLower(c.Name)] && !set[strings.ToLower(c.Path)] {
				return nil, unsupportedAt("ON CONFLICT DO UPDATE leaving "+c.Name+" unchanged", b.p.pos(oc.Location), "Salesforce's upsert updates every given column: add SET "+c.Name+" = EXCLUDED."+c.Name)
			}
		}
		w.Operation, w.ExternalID = OpUpsert, f.Name
	} else if strings.EqualFold(b.s.WriteBehavior, "upsert") {
		f, err := obj.Field(b.s.ExternalIDFieldName)
		if err != nil {
			return nil, &UnsupportedError{Construct: "writeBehavior upsert without a valid externalIdFieldName", Pos: -1, Hint: err.Error()}
		}
		if !f.ExternalID && !f.IDLookup {
			return nil, &UnsupportedError{Construct: "externalIdFieldName " + f.Name + " is not an External ID field", Pos: -1}
		}
		w.Operation, w.ExternalID = OpUpsert, f.Name
	}
	if w.Operation == OpUpsert {
		found := false
		for _, c := range w.Columns {
			if strings.EqualFold(c.Path, w.ExternalID) {
				found = true
			}
		}
		if !found {
			return nil, unsupportedAt("upsert without the key column "+w.ExternalID, b.p.base, "insert a value for "+w.ExternalID)
		}
	}
	sel, ok := ins.SelectStmt.Node.(*pg.Node_SelectStmt)
	if !ok {
		return nil, unsupportedAt("INSERT without VALUES or SELECT", b.p.base, "")
	}
	if len(sel.SelectStmt.ValuesLists) > 0 {
		for _, row := range sel.SelectStmt.ValuesLists {
			items := row.Node.(*pg.Node_List).List.Items
			if len(items) != len(w.Columns) {
				return nil, unsupportedAt("VALUES row with a different number of values than columns", b.p.base, "")
			}
			vals := make([]any, len(items))
			for i, it := range items {
				v, isConst, err := b.constant(it)
				if err != nil {
					return nil, err
				}
				if !isConst {
					return nil, &UnsupportedError{Construct: "expression in VALUES", Pos: b.p.pos(exprLocation(it)), Hint: "write literals or parameters"}
				}
				if vals[i], err = b.goValue(w.Columns[i].Field, v); err != nil {
					return nil, err
				}
			}
			w.Rows = append(w.Rows, vals)
		}
	} else {
		fb := b.sub()
		src, err := fb.queryPlan(sel.SelectStmt)
		b.merge(fb)
		if err != nil {
			return nil, err
		}
		if len(src.Output) != len(w.Columns) {
			return nil, unsupportedAt("INSERT … SELECT with a different number of columns", b.p.base, "")
		}
		w.Source = src
	}
	if err := b.returning(obj, ins.ReturningList, w); err != nil {
		return nil, err
	}
	return &Plan{Kind: KindWrite, Mode: ModeSQL, Write: w, Output: w.Returning}, nil
}

func fieldNames(fs []*catalog.Field) []string {
	out := make([]string, len(fs))
	for i, f := range fs {
		out[i] = f.Name
	}
	return out
}

func exprLocation(n *pg.Node) int32 {
	loc := int32(-1)
	walkNodes(n, func(x *pg.Node) bool {
		switch v := x.Node.(type) {
		case *pg.Node_ColumnRef:
			loc = v.ColumnRef.Location
		case *pg.Node_FuncCall:
			loc = v.FuncCall.Location
		case *pg.Node_AExpr:
			loc = v.AExpr.Location
		case *pg.Node_AConst:
			loc = v.AConst.Location
		default:
			return true
		}
		return false
	})
	return loc
}

// sub is a builder for a nested plan sharing the parameters.
func (b *builder) sub() *builder {
	if b.params == nil {
		b.params = map[int]*Param{}
	}
	return &builder{p: b.p, snap: b.snap, s: b.s, params: b.params}
}

func (b *builder) merge(fb *builder) { b.needObjects(fb.need...) }

func (b *builder) returning(obj *catalog.Object, list []*pg.Node, w *WritePlan) error {
	if list == nil {
		return nil
	}
	w.Returning = []Column{}
	for _, n := range list {
		rt := n.Node.(*pg.Node_ResTarget).ResTarget
		cr, ok := rt.Val.Node.(*pg.Node_ColumnRef)
		if !ok {
			return unsupportedAt("expression in RETURNING", b.p.pos(rt.Location), "return columns")
		}
		if _, star := cr.ColumnRef.Fields[len(cr.ColumnRef.Fields)-1].Node.(*pg.Node_AStar); star {
			for _, c := range w.Columns {
				w.Returning = append(w.Returning, c)
			}
			id, _ := obj.Field("Id")
			w.Returning = append([]Column{{Name: "Id", Path: "Id", Field: id}}, w.Returning...)
			continue
		}
		sc := &scope{tables: []*table{{alias: obj.Name, obj: obj}}}
		ref, err := b.resolve(sc, cr.ColumnRef)
		if err != nil {
			return err
		}
		name := ref.field.Name
		if rt.Name != "" {
			name = b.aliasName(rt)
		}
		w.Returning = append(w.Returning, Column{Name: name, Path: joinPath(ref.path), Field: ref.field})
	}
	return nil
}

// findPlan is SELECT Id FROM obj WHERE where: the records an UPDATE or
// DELETE acts on.
func (b *builder) findPlan(rv *pg.RangeVar, where *pg.Node) (*Plan, error) {
	sel := &pg.SelectStmt{
		TargetList:  []*pg.Node{resTarget("", colRefNode("Id"))},
		FromClause:  []*pg.Node{{Node: &pg.Node_RangeVar{RangeVar: rv}}},
		WhereClause: where,
		LimitOption: pg.LimitOption_LIMIT_OPTION_DEFAULT,
		Op:          pg.SetOperation_SETOP_NONE,
	}
	fb := b.sub()
	p, err := fb.queryPlan(sel)
	b.merge(fb)
	return p, err
}

func (b *builder) guardFullTable(where *pg.Node, verb string, rv *pg.RangeVar) error {
	if where == nil && !b.s.AllowFullTableWrite {
		return unsupportedAt(verb+" without WHERE", b.p.pos(rv.Location), "add a WHERE clause, or enable allowFullTableWrite to "+strings.ToLower(verb)+" every record")
	}
	return nil
}

func (b *builder) updatePlan(up *pg.UpdateStmt) (*Plan, error) {
	if len(up.FromClause) > 0 || up.WithClause != nil {
		return nil, unsupportedAt("UPDATE … FROM", b.p.base, "")
	}
	obj, err := b.writeTarget(up.Relation)
	if err != nil {
		return nil, err
	}
	if err := b.guardFullTable(up.WhereClause, "UPDATE", up.Relation); err != nil {
		return nil, err
	}
	w := &WritePlan{Object: obj.Name, Operation: OpUpdate}
	for _, n := range up.TargetList {
		rt := n.Node.(*pg.Node_ResTarget).ResTarget
		col, err := b.writeColumn(obj, rt, func(f *catalog.Field) bool { return f.Updateable }, "updateable")
		if err != nil {
			return nil, err
		}
		v, isConst, err := b.constant(rt.Val)
		if err != nil {
			return nil, err
		}
		if !isConst {
			return nil, &UnsupportedError{Construct: "SET " + col.Name + " = <expression>", Pos: b.p.pos(exprLocation(rt.Val)), Hint: "set literals or parameters"}
		}
		gv, err := b.goValue(col.Field, v)
		if err != nil {
			return nil, err
		}
		w.Columns = append(w.Columns, col)
		w.Set = append(w.Set, gv)
	}
	if w.Find, err = b.findPlan(up.Relation, up.WhereClause); err != nil {
		return nil, err
	}
	if err := b.returning(obj, up.ReturningList, w); err != nil {
		return nil, err
	}
	return &Plan{Kind: KindWrite, Mode: ModeSQL, Write: w, Output: w.Returning}, nil
}

func (b *builder) deletePlan(del *pg.DeleteStmt) (*Plan, error) {
	if len(del.UsingClause) > 0 || del.WithClause != nil {
		return nil, unsupportedAt("DELETE … USING", b.p.base, "")
	}
	obj, err := b.writeTarget(del.Relation)
	if err != nil {
		return nil, err
	}
	if !obj.Deletable {
		return nil, unsupportedAt(obj.Name+" is not deletable", b.p.pos(del.Relation.Location), "")
	}
	if err := b.guardFullTable(del.WhereClause, "DELETE", del.Relation); err != nil {
		return nil, err
	}
	w := &WritePlan{Object: obj.Name, Operation: OpDelete}
	if w.Find, err = b.findPlan(del.Relation, del.WhereClause); err != nil {
		return nil, err
	}
	if err := b.returning(obj, del.ReturningList, w); err != nil {
		return nil, err
	}
	return &Plan{Kind: KindWrite, Mode: ModeSQL, Write: w, Output: w.Returning}, nil
}
