<?php
// Fixture: downloads and uploads (path traversal). Exercises readfile of a concatenated path, basename,
// move_uploaded_file to a client-chosen name, and PHP's own temporary path, which is not input.
// Right answer: the download and the upload destination are path traversal; the other two are safe.
const FILES = '/var/www/files/';

if ($_SERVER['REQUEST_METHOD'] === 'GET') {
    header('Content-Type: application/octet-stream');
    if (isset($_GET['raw'])) {
        readfile(FILES . $_GET['file']); // want: path-traversal
    } else {
        readfile(FILES . basename($_GET['file'])); // safe: basename
    }
    exit;
}

$upload = $_FILES['doc'];
if (isset($_POST['keep_name'])) {
    move_uploaded_file($upload['tmp_name'], 'uploads/' . $upload['name']); // want: path-traversal
} else {
    move_uploaded_file($_FILES['doc']['tmp_name'], 'uploads/' . bin2hex(random_bytes(8)) . '.pdf'); // safe: a random name
}
