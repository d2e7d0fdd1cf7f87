<?php
// Fixture: a formula calculator and a JSONP endpoint (code injection). Exercises eval of concatenated input,
// assert of a string (evaluated before PHP 8, so medium confidence), a function name taken from input, and a
// function name looked up in a fixed map.
// Right answer: formula, check and callback are code injection; action is safe.
function formula(): float
{
    eval('$result = ' . $_POST['formula'] . ';'); // want: code-injection
    return $result;
}

function check(): bool
{
    return assert($_GET['check']); // want: code-injection
}

function jsonp(array $data): string
{
    $fn = $_GET['callback'];
    return $fn(json_encode($data)); // want: code-injection
}

function action(): string
{
    $actions = ['list' => 'list_items', 'show' => 'show_item'];
    $fn = $actions[$_GET['action'] ?? 'list'] ?? 'list_items';
    return $fn(); // safe: the name comes from the map
}
