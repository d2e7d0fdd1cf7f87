// Fixture: a module with no requirements and no go line. Expected: a module node, no packages.
module github.com/acme/tools
