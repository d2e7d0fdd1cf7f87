package syntax

// Span is where a node is: byte offsets of its first and past its last token, and the line it starts on.
type Span struct {
	Off, End, Line int
}

// Pos returns the span; every node has one.
func (s Span) Pos() Span { return s }

// Node is any node of the tree.
type Node interface{ Pos() Span }

// Expr is an expression.
type Expr interface {
	Node
	expr()
}

// Stmt is a statement.
type Stmt interface {
	Node
	stmt()
}

// File is a parsed source file.
type File struct {
	Lang   Lang
	Body   []Stmt
	Errors []Error
}

// Expressions.
type (
	// Ident is a name; PHP variables keep their "$".
	Ident struct {
		Span
		Name string
	}
	// Lit is a literal: a string (Value decoded), a number, a regular expression, true/false/null/None.
	Lit struct {
		Span
		Kind  LitKind
		Value string
	}
	// Interp is a string built from literal text and expressions: a template literal (with its tag, if any),
	// an f-string, a PHP double-quoted string or heredoc, or a PHP backtick command (Shell).
	Interp struct {
		Span
		Parts []InterpPart
		Tag   Expr
		Shell bool
	}
	// Member is X.Name (JavaScript, Python), X->Name or X::Name (PHP, Static).
	Member struct {
		Span
		X      Expr
		Name   string
		Static bool
	}
	// Index is X[Key]; Key is nil for PHP's $a[] and Python slices.
	Index struct {
		Span
		X, Key Expr
	}
	// Call is Fn(Args), or new Fn(Args).
	Call struct {
		Span
		Fn   Expr
		Args []Arg
		New  bool
	}
	// Binary is L Op R; Op is as written, with Python's "not in" and "is not" as one operator.
	Binary struct {
		Span
		Op   string
		L, R Expr
	}
	// Unary is Op X: "!", "-", "typeof", "not", "await", "...", PHP's "@" and casts ("(int)").
	Unary struct {
		Span
		Op string
		X  Expr
	}
	// Cond is C ? T : F, T if C else F, or PHP's C ?: F (T nil).
	Cond struct {
		Span
		C, T, F Expr
	}
	// Assign is L Op R (Op "=", "+=", ".=", ":="). Decl is the declaring keyword: const, let, var, or "".
	Assign struct {
		Span
		Op   string
		L, R Expr
		Decl string
	}
	// Object is an object literal, a Python dict or a PHP array with keys.
	Object struct {
		Span
		Props []Prop
	}
	// Array is an array literal, a Python list, tuple or set, or a PHP array without keys.
	Array struct {
		Span
		Elems []Expr
	}
	// Comp is a Python comprehension or generator: Elem for Target in Iter if Conds.
	Comp struct {
		Span
		Elem, Target, Iter Expr
		Conds              []Expr
	}
	// Bad stands for what could not be parsed.
	Bad struct{ Span }
)

// LitKind tells literals apart.
type LitKind uint8

// Literal kinds.
const (
	LitString LitKind = iota
	LitNumber
	LitRegex
	LitOther // true, false, null, undefined, None
)

// InterpPart is a literal piece (X nil) or an expression of an Interp.
type InterpPart struct {
	Lit string
	X   Expr
}

// Arg is a call argument: positional, named (Python keyword, PHP named argument), or spread (Spread; Python's
// **kwargs has Name "**").
type Arg struct {
	Name   string
	X      Expr
	Spread bool
}

// Prop is an object property or an array entry with a key. Key is the literal or identifier key; KeyX the
// key expression when it is computed. Spread is ...X (Value X).
type Prop struct {
	Key    string
	KeyX   Expr
	Value  Expr
	Spread bool
}

// Func is a function, method, arrow function, lambda or closure. Body holds its statements, or Expr the
// expression an arrow function or lambda returns.
type Func struct {
	Span
	Name       string
	Params     []*Param
	Body       []Stmt
	Expr       Expr
	Async      bool
	Arrow      bool
	Uses       []string // PHP closure's use ($a, $b), with "$"
	Decorators []Expr   // Python decorators and PHP/TypeScript attributes, as expressions
}

// Param is a parameter: a name, or a destructuring Pattern, with its type annotation as written and default.
type Param struct {
	Span
	Name    string
	Pattern Expr
	Type    string
	Default Expr
	Rest    bool
}

// Statements.
type (
	// ExprStmt is an expression (including an assignment or declaration) as a statement.
	ExprStmt struct {
		Span
		X Expr
	}
	// Jump is return, throw, raise, exit/die, break or continue, with its value.
	Jump struct {
		Span
		Kind string
		X    Expr
	}
	// If is if/elif/else; an elif is an If in Else.
	If struct {
		Span
		Cond       Expr
		Then, Else []Stmt
	}
	// Loop is for…of/in, foreach, a Python for, while or a C-style for (Kind says which). Key and Target are
	// what the loop binds (PHP foreach $k => $v); Iter what it iterates or its condition.
	Loop struct {
		Span
		Kind        string
		Key, Target Expr
		Iter        Expr
		Body        []Stmt
	}
	// Block is a group of statements: a plain block, try/catch/finally, a switch or match's cases (Body
	// holds every case's statements in order; Cases, for a switch, the same statements by case).
	Block struct {
		Span
		Kind  string
		Head  Expr // the switch subject, the caught name
		Body  []Stmt
		Cases []Case
	}
	// With is Python's with: each item's value is bound to its target for the body.
	With struct {
		Span
		Items []WithItem
		Body  []Stmt
	}
	// FuncDecl declares a function or method.
	FuncDecl struct {
		Span
		Func *Func
		// Export is "export" or "default" for JavaScript exports.
		Export string
		// Modifiers are PHP's public/static/… and TypeScript's.
		Modifiers []string
	}
	// Class declares a class; its methods are FuncDecls in Body.
	Class struct {
		Span
		Name    string
		Extends string
		Body    []Stmt
		Export  string
	}
	// Import is an import: a JavaScript import, Python import / from-import, PHP use.
	Import struct {
		Span
		Module string
		Names  []ImportName
	}
	// Export is JavaScript's export default X or export { a, b }.
	Export struct {
		Span
		Default bool
		X       Expr
		Names   []ImportName
	}
)

// ImportName is one imported name and its local alias. Name is "*" for a namespace import, "default" for a
// default import, "" when the module itself is bound (Python's import a.b as c).
type ImportName struct {
	Name, Alias string
}

func (*Ident) expr()  {}
func (*Lit) expr()    {}
func (*Interp) expr() {}
func (*Member) expr() {}
func (*Index) expr()  {}
func (*Call) expr()   {}
func (*Binary) expr() {}
func (*Unary) expr()  {}
func (*Cond) expr()   {}
func (*Assign) expr() {}
func (*Object) expr() {}
func (*Array) expr()  {}
func (*Comp) expr()   {}
func (*Func) expr()   {}
func (*Bad) expr()    {}

func (*ExprStmt) stmt() {}
func (*Jump) stmt()     {}
func (*If) stmt()       {}
func (*Loop) stmt()     {}
func (*Block) stmt()    {}
func (*With) stmt()     {}
func (*FuncDecl) stmt() {}
func (*Class) stmt()    {}
func (*Import) stmt()   {}
func (*Export) stmt()   {}

// WithItem is one "X as Target" of a with statement.
type WithItem struct {
	X, Target Expr
}

// Case is one arm of a switch: the values it matches (cases that fall through to the same statements are one
// Case) or the default.
type Case struct {
	Values  []Expr
	Default bool
	Body    []Stmt
}

// addCase starts a case of a switch, or adds a value to the case before it when that has no statements yet
// (case "a": case "b": …).
func addCase(cases []Case, value Expr, isDefault bool) []Case {
	if n := len(cases); n > 0 && len(cases[n-1].Body) == 0 {
		if isDefault {
			cases[n-1].Default = true
		} else {
			cases[n-1].Values = append(cases[n-1].Values, value)
		}
		return cases
	}
	c := Case{Default: isDefault}
	if !isDefault {
		c.Values = []Expr{value}
	}
	return append(cases, c)
}

// addToCase adds a statement to a switch: to its body and to its last case.
func addToCase(b *Block, s Stmt) {
	b.Body = append(b.Body, s)
	if n := len(b.Cases); n > 0 {
		b.Cases[n-1].Body = append(b.Cases[n-1].Body, s)
	}
}
