<?php
// Fixture: a page router that includes templates (file inclusion, reported as code injection, CWE-98).
// Exercises include of input, and the safe forms: basename and an allow-list with in_array.
// Right answer: the first include is code injection; the other two are safe.
$page = $_GET['page'] ?? 'home';

if (isset($_GET['legacy'])) {
    include $page . '.php'; // want: code-injection
} elseif (isset($_GET['theme'])) {
    include __DIR__ . '/themes/' . basename($_GET['theme']) . '/header.php'; // safe: basename
} else {
    $pages = ['home', 'about', 'contact'];
    if (!in_array($page, $pages, true)) {
        $page = 'home';
        http_response_code(404);
        exit;
    }
    require __DIR__ . "/pages/$page.php"; // safe: allow-listed
}
