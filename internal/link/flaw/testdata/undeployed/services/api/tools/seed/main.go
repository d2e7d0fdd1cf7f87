// Command seed fills a development database. Fixture: in the build context, never copied into the image.
package main

import (
	"database/sql"
	"fmt"
	"os"
)

func main() {
	db, _ := sql.Open("postgres", os.Getenv("DATABASE_URL"))
	table := os.Args[1]
	query := fmt.Sprintf("DELETE FROM %s", table)
	_, _ = db.Exec(query)
}
