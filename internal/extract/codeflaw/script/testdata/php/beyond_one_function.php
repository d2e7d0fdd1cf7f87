<?php
// Fixture: realistic PHP at the edge of what a within-one-function detector sees. Exercises input read in
// one function and used in another through a return value, a custom validator, and a sanitiser the
// detector does not know (a project's own quoting function).
// Right answer: the query in run_report is SQL injection (the detector misses it: the input arrives as a
// parameter); the validated ping and the quoted query are safe (false positives).
require 'lib.php';

function run_report(mysqli $db, string $filter)
{
    return mysqli_query($db, "SELECT * FROM reports WHERE " . $filter); // want: sql-injection
}

function report_page(mysqli $db)
{
    return run_report($db, $_GET['filter']);
}

function ping_page()
{
    $host = $_GET['host'];
    if (!is_valid_hostname($host)) {
        exit('bad host');
    }
    return shell_exec('ping -c 1 ' . $host); // safe: the validator allows host names only
}

function quoted(mysqli $db)
{
    $name = db_quote($db, $_GET['name']);
    return mysqli_query($db, "SELECT * FROM users WHERE name = $name"); // safe: db_quote escapes and quotes
}
