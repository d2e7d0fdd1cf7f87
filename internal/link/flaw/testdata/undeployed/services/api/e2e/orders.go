// Package e2e holds end-to-end checks run in the e2e build stage. Fixture: that stage does not reach the image.
package e2e

import (
	"database/sql"
	"fmt"
)

// CountOrders counts the orders of a customer.
func CountOrders(db *sql.DB, customer string) (n int, err error) {
	err = db.QueryRow(fmt.Sprintf("SELECT count(*) FROM orders WHERE customer = '%s'", customer)).Scan(&n)
	return n, err
}
