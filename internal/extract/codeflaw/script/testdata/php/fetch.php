<?php
// Fixture: a plain-PHP image proxy and webhook sender (SSRF). Exercises $_GET into file_get_contents (which
// also opens local files and php:// wrappers, so it is path traversal too), curl_setopt with CURLOPT_URL,
// curl_setopt_array, and a URL whose host is written in the code.
// Right answer: proxy.php's file_get_contents is SSRF and path traversal; the two curl calls are SSRF; the
// exchange-rate call is safe.

$action = $_GET['action'] ?? 'proxy';

if ($action === 'proxy') {
    $img = file_get_contents($_GET['url']); // want: ssrf, path-traversal
    header('Content-Type: image/png');
    echo $img;
    exit;
}

if ($action === 'webhook') {
    $ch = curl_init();
    curl_setopt($ch, CURLOPT_URL, $_POST['webhook']); // want: ssrf
    curl_setopt($ch, CURLOPT_RETURNTRANSFER, true);
    echo curl_exec($ch);
    exit;
}

if ($action === 'notify') {
    $target = trim($_POST['target']);
    $ch = curl_init();
    curl_setopt_array($ch, [CURLOPT_URL => $target, CURLOPT_POST => true]); // want: ssrf
    curl_exec($ch);
    exit;
}

$rates = file_get_contents('https://api.rates.example/latest?base=' . urlencode($_GET['base'] ?? 'EUR')); // safe: the host is fixed
echo $rates;
