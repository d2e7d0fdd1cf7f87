// Fixture: a syntax error on line 5.
package broken

func Broken() {
	x := := 1
}
