package translator

import (
	pg "github.com/pganalyze/pg_query_go/v5"
	"google.golang.org/protobuf/proto"
)

// cloneNode deep-copies a tree. The node kinds of ordinary expressions are
// copied field by field; proto.Clone, which walks the message by
// reflection and cost a sixth of the planning, copies the rest.
// TestCloneNode checks both against proto.Equal and the field lists.
func cloneNode(n *pg.Node) *pg.Node {
	if n == nil {
		return nil
	}
	var c pg.Node
	switch x := n.Node.(type) {
	case *pg.Node_ColumnRef:
		c.Node = &pg.Node_ColumnRef{ColumnRef: &pg.ColumnRef{Fields: cloneNested(x.ColumnRef.Fields), Location: x.ColumnRef.Location}}
	case *pg.Node_String_:
		c.Node = &pg.Node_String_{String_: &pg.String{Sval: x.String_.Sval}}
	case *pg.Node_AStar:
		c.Node = &pg.Node_AStar{AStar: &pg.A_Star{}}
	case *pg.Node_ParamRef:
		c.Node = &pg.Node_ParamRef{ParamRef: &pg.ParamRef{Number: x.ParamRef.Number, Location: x.ParamRef.Location}}
	case *pg.Node_AConst:
		k := &pg.A_Const{Isnull: x.AConst.Isnull, Location: x.AConst.Location}
		switch v := x.AConst.Val.(type) {
		case nil:
		case *pg.A_Const_Ival:
			k.Val = &pg.A_Const_Ival{Ival: &pg.Integer{Ival: v.Ival.GetIval()}}
		case *pg.A_Const_Fval:
			k.Val = &pg.A_Const_Fval{Fval: &pg.Float{Fval: v.Fval.GetFval()}}
		case *pg.A_Const_Sval:
			k.Val = &pg.A_Const_Sval{Sval: &pg.String{Sval: v.Sval.GetSval()}}
		case *pg.A_Const_Boolval:
			k.Val = &pg.A_Const_Boolval{Boolval: &pg.Boolean{Boolval: v.Boolval.GetBoolval()}}
		default:
			return proto.Clone(n).(*pg.Node)
		}
		c.Node = &pg.Node_AConst{AConst: k}
	case *pg.Node_AExpr:
		e := x.AExpr
		c.Node = &pg.Node_AExpr{AExpr: &pg.A_Expr{Kind: e.Kind, Name: cloneNested(e.Name), Lexpr: cloneNode(e.Lexpr), Rexpr: cloneNode(e.Rexpr), Location: e.Location}}
	case *pg.Node_BoolExpr:
		e := x.BoolExpr
		c.Node = &pg.Node_BoolExpr{BoolExpr: &pg.BoolExpr{Xpr: cloneNode(e.Xpr), Boolop: e.Boolop, Args: cloneNested(e.Args), Location: e.Location}}
	case *pg.Node_NullTest:
		e := x.NullTest
		c.Node = &pg.Node_NullTest{NullTest: &pg.NullTest{Xpr: cloneNode(e.Xpr), Arg: cloneNode(e.Arg), Nulltesttype: e.Nulltesttype, Argisrow: e.Argisrow, Location: e.Location}}
	case *pg.Node_TypeCast:
		e := x.TypeCast
		c.Node = &pg.Node_TypeCast{TypeCast: &pg.TypeCast{Arg: cloneNode(e.Arg), TypeName: cloneTypeName(e.TypeName), Location: e.Location}}
	case *pg.Node_SortBy:
		e := x.SortBy
		c.Node = &pg.Node_SortBy{SortBy: &pg.SortBy{Node: cloneNode(e.Node), SortbyDir: e.SortbyDir, SortbyNulls: e.SortbyNulls, UseOp: cloneNested(e.UseOp), Location: e.Location}}
	case *pg.Node_ResTarget:
		e := x.ResTarget
		c.Node = &pg.Node_ResTarget{ResTarget: &pg.ResTarget{Name: e.Name, Indirection: cloneNested(e.Indirection), Val: cloneNode(e.Val), Location: e.Location}}
	case *pg.Node_FuncCall:
		e := x.FuncCall
		if e.Over != nil { // a window: rare, left to proto.Clone
			return proto.Clone(n).(*pg.Node)
		}
		c.Node = &pg.Node_FuncCall{FuncCall: &pg.FuncCall{Funcname: cloneNested(e.Funcname), Args: cloneNested(e.Args), AggOrder: cloneNested(e.AggOrder),
			AggFilter: cloneNode(e.AggFilter), AggWithinGroup: e.AggWithinGroup, AggStar: e.AggStar, AggDistinct: e.AggDistinct,
			FuncVariadic: e.FuncVariadic, Funcformat: e.Funcformat, Location: e.Location}}
	default:
		return proto.Clone(n).(*pg.Node)
	}
	return &c
}

// cloneNested copies a repeated field inside a node: empty is nil, as
// proto.Clone leaves it.
func cloneNested(ns []*pg.Node) []*pg.Node {
	if len(ns) == 0 {
		return nil
	}
	out := make([]*pg.Node, len(ns))
	for i, n := range ns {
		out[i] = cloneNode(n)
	}
	return out
}

func cloneTypeName(t *pg.TypeName) *pg.TypeName {
	if t == nil {
		return nil
	}
	return &pg.TypeName{Names: cloneNested(t.Names), TypeOid: t.TypeOid, Setof: t.Setof, PctType: t.PctType,
		Typmods: cloneNested(t.Typmods), Typemod: t.Typemod, ArrayBounds: cloneNested(t.ArrayBounds), Location: t.Location}
}
