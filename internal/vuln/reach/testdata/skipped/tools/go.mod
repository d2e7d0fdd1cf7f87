module example.com/skipped/tools

go 1.22
