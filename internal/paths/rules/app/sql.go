package app

import (
	"fmt"
	"strings"

	"github.com/seam-sec/seam/internal/extract/codeflaw/flaw"
	"github.com/seam-sec/seam/internal/model"
	"github.com/seam-sec/seam/internal/paths"
)

// sqlInjection: an SQL-injection foothold turns reach to a workload into reading and writing the SQL
// databases it connects to, as the database user it connects as.
type sqlInjection struct{}

func (sqlInjection) Meta() paths.Meta {
	return paths.Meta{ID: "app.sql-injection", Title: "An SQL injection reads and writes the service's database",
		Technique: "T1190", TechniqueName: "Exploit Public-Facing Application",
		// 0.8: a high-confidence injection (0.9) read out with UNION or boolean queries, which tools such as
		// sqlmap automate (0.9 of it); writing is lower (sqlWriteFactor).
		Likelihood: 0.8,
		Rationale: "request input formatted into a query runs the attacker's SQL with the service's own " +
			"database credentials, past every network control in front of the database",
		Control: "fix the flaw: bind request input as query parameters, allow-list identifiers such as sort columns",
		From:    []paths.Kind{paths.Reach}, To: []paths.Kind{paths.Read, paths.Write}}
}

// The share of an SQL-injection foothold's likelihood that becomes reading and writing.
const (
	sqlReadFactor  = 0.9
	sqlWriteFactor = 0.6
)

func (sqlInjection) Steps(c *paths.Context, s paths.State) []paths.Step {
	w, fhs := footholdsOfClass(c, s, func(cl flaw.Class) bool { return cl == flaw.SQLInjection })
	if len(fhs) == 0 {
		return nil
	}
	dbs := sqlDatabases(c, w.ID)
	var out []paths.Step
	for _, fh := range fhs {
		for _, d := range dbs {
			out = append(out, sqlSteps(c, fh, w, d)...)
		}
	}
	return out
}

// sqlSteps are the read and write steps one foothold gives on one database.
func sqlSteps(c *paths.Context, fh paths.Foothold, w *model.Node, d sqlDB) []paths.Step {
	var as []string
	factor := linkFactor(d.edge, fmt.Sprintf("%s connects to %s", c.Name(w.ID), c.Name(d.node.ID)), &as)
	as = append(as, d.assumed...)
	user := "the database user it connects as"
	if from := attrString(d.edge.Attrs, "credentials_from"); from != "" {
		user = "the database user of " + c.Name(from)
	}
	as = append(as, fmt.Sprintf("%s may read and write every table of %s: its grants are not in the files", user, c.Name(d.node.ID)))
	ev := edgeEvidence(d.edge, "connects to "+d.node.ID)
	mk := func(k paths.Kind, f float64, verb string, extra ...string) paths.Step {
		st := footholdStep(fh, paths.State{Kind: k, Node: d.node.ID}, f*factor,
			fmt.Sprintf("%s: the attacker's SQL runs on %s (%s) with %s, and %s it",
				footholdName(c, fh), c.Name(d.node.ID), d.engine, user, verb))
		st.Evidence = dedupeEvidence(append(st.Evidence, ev...))
		st.Assumptions = dedupeStrings(append(append(st.Assumptions, as...), extra...))
		st.Via = []string{d.edge.Key()}
		return st
	}
	return []paths.Step{
		mk(paths.Read, sqlReadFactor, "reads"),
		mk(paths.Write, sqlWriteFactor, "writes",
			"the injected statement can change data: an injectable INSERT or UPDATE, or a driver that runs stacked queries"),
	}
}

// sqlDB is a SQL database a workload connects to.
type sqlDB struct {
	node    *model.Node
	edge    *model.Edge // the connects-to edge
	engine  string
	assumed []string
}

// sqlDatabases returns the SQL databases a workload connects to, in the graph's edge order.
func sqlDatabases(c *paths.Context, w string) []sqlDB {
	var out []sqlDB
	for _, e := range c.Graph.Out(w) {
		if e.Kind != model.EdgeConnectsTo {
			continue
		}
		d := c.Node(e.To)
		if d == nil {
			continue
		}
		if engine, assumed, ok := sqlEngine(d); ok {
			db := sqlDB{node: d, edge: e, engine: engine}
			if assumed != "" {
				db.assumed = []string{assumed}
			}
			out = append(out, db)
		}
	}
	return out
}

// sqlTypes are the resource types of SQL databases. Every RDS engine is SQL (aws_db_instance engine values:
// AWS RDS API CreateDBInstance; aws_rds_cluster: aurora-mysql, aurora-postgresql, mysql, postgres); Redshift
// speaks PostgreSQL's SQL.
var sqlTypes = map[string]bool{"aws_db_instance": true, "aws_rds_cluster": true, "aws_rds_cluster_instance": true,
	"aws_redshift_cluster": true, "aws_redshiftserverless_workgroup": true, "google_sql_database_instance": true,
	"azurerm_mssql_server": true, "azurerm_mssql_database": true, "azurerm_postgresql_server": true,
	"azurerm_postgresql_flexible_server": true, "azurerm_mysql_server": true, "azurerm_mysql_flexible_server": true}

// engineAttr are the SQL types whose engine is an attribute; the others' engine is the type itself.
var engineAttr = map[string]bool{"aws_db_instance": true, "aws_rds_cluster": true, "aws_rds_cluster_instance": true}

// sqlEnginePrefixes are engine names of SQL databases.
var sqlEnginePrefixes = []string{"postgres", "mysql", "mariadb", "aurora", "oracle", "sqlserver", "custom-oracle",
	"custom-sqlserver", "db2", "redshift", "sqlite", "cockroach"}

// sqlEngine says whether a data store is a SQL database, its engine (or type) for reasons, and what was
// assumed: a store of a SQL type whose engine is unknown is assumed SQL, as every engine of those types is.
func sqlEngine(d *model.Node) (string, string, bool) {
	if d.Kind != model.KindDataStore {
		return "", "", false
	}
	typ := strings.TrimPrefix(d.Type, "data.")
	engine, known := d.Attrs["engine"].(string)
	if known && engine != "" {
		for _, p := range sqlEnginePrefixes {
			if strings.HasPrefix(strings.ToLower(engine), p) {
				return engine, "", true
			}
		}
		return "", "", false
	}
	if !sqlTypes[typ] {
		return "", "", false
	}
	if engineAttr[typ] {
		return typ, fmt.Sprintf("the engine of %s is not in the files; every engine of %s speaks SQL", d.ID, typ), true
	}
	return typ, "", true
}
